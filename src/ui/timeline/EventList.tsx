/**
 * Every trace event in order, windowed (only the rows in view are in the DOM) so tens of thousands
 * stay smooth. Rows have one fixed height, so the window is plain arithmetic: following the cursor
 * renders the rows for the new scroll position directly, then sets scrollTop to match (one layout).
 */
import { memo, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { TraceEvent } from '../../engine/trace';
import { useDisplayPosition, useLab, useLabStore, useUi, useVisibleEnd } from '../../store/hooks';
import { isFailure, kindInfo } from './kinds';
import { isPendingAt, pendingText, withHex } from '../../model/traceRules';
import { PASSED_DOWN, passedDownUntouched, passWords } from '../common/irpPass';
import { activeIndex, useFilteredEvents } from './useFilteredEvents';
import { ListScroll } from './listScroll';

const OVERSCAN = 8;

function rowHeight(presenter: boolean): number {
  return presenter ? 40 : 32;
}

export function EventList() {
  const lab = useLabStore();
  const trace = useLab((s) => s.run.trace);
  // the displayed position: during fast playback it catches up ten times a second, like every panel's
  const position = Math.min(useDisplayPosition(), trace.length);
  const presenter = useUi((s) => s.presenter);
  // At a lesson's question nothing after it is listed (not even greyed).
  const { end } = useVisibleEnd(trace, position);
  const list = useFilteredEvents(end);
  const scroller = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(400);
  /** Bumped when the person scrolls the list, to render the rows now in view. */
  const [, setScrolled] = useState(0);
  /** The list's scrollTop as last set or seen, and the row (at that row height and list height) it was last brought into view for. */
  const [scroll] = useState(() => new ListScroll());
  const followed = useRef('');
  const h = rowHeight(presenter);
  const active = activeIndex(list, position);
  const cursorIndex = position - 1;

  // When the cursor's row changes, the rows are rendered straight at the scroll position that shows
  // it; the layout effect then only sets scrollTop to match (one layout per update, no second render).
  let top = scroll.known;
  const follow = `${active}:${h}:${height}`;
  if (active >= 0 && follow !== followed.current) {
    const rowTop = active * h;
    if (rowTop < top) top = rowTop;
    else if (rowTop + h > top + height) top = rowTop + h - height;
  }

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const resize = new ResizeObserver(() => setHeight(el.clientHeight));
    resize.observe(el);
    return () => resize.disconnect();
  }, []);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    // compared with the last scrollTop set or seen, not read from the element: reading it would lay the page out now,
    // inside this update (costly after a big lab lands), when the browser would do it with the next frame anyway.
    // Written just before that frame for the same reason (writing scrollTop lays the page out too): the rows are
    // already rendered for it, and nothing is painted in between.
    if (scroll.set(top)) {
      const want = top;
      requestAnimationFrame(() => {
        const write = scroll.toWrite(want);
        if (write !== undefined && scroller.current) scroller.current.scrollTop = write;
      });
    }
    followed.current = follow;
  }, [top, follow, scroll]);

  useEffect(() => {
    const el = scroller.current;
    // the scrollTop last set or seen (reading the element's would lay the page out now)
    if (el && scroll.known > list.length * h) {
      el.scrollTop = 0;
      scroll.set(0);
      setScrolled((n) => n + 1);
    }
  }, [list.length, h, scroll]);

  const onKeyDown = (e: KeyboardEvent) => {
    const go = (i: number) => {
      e.preventDefault();
      e.stopPropagation();
      const clamped = Math.max(0, Math.min(list.length - 1, i));
      if (list[clamped] !== undefined) lab.getState().seek(list[clamped] + 1);
    };
    if (e.key === 'ArrowDown') go(active + 1);
    else if (e.key === 'ArrowUp') go(active - 1);
    else if (e.key === 'PageDown') go(active + 10);
    else if (e.key === 'PageUp') go(active - 10);
  };

  if (trace.length === 0) {
    return <p className="p-4 text-sm text-muted">No events yet. Drag a device onto a port to start: every IRP, callback and state change will be listed here, in order.</p>;
  }
  const first = Math.max(0, Math.floor(top / h) - OVERSCAN);
  const last = Math.min(list.length, Math.ceil((top + height) / h) + OVERSCAN);
  const rows = [];
  for (let k = first; k < last; k++) {
    const i = list[k];
    const future = i >= position;
    rows.push(<EventRow key={i} index={i} event={trace[i]} top={k * h} height={h} selected={i === cursorIndex} future={future} pending={!future && isPendingAt(trace[i], position)} />);
  }
  // Only a row that is in the DOM can be the active descendant.
  const activeRow = list[active] === cursorIndex && active >= first && active < last ? cursorIndex : undefined;
  return (
    <div
      ref={scroller}
      role="listbox"
      aria-label="Trace events"
      tabIndex={0}
      aria-activedescendant={activeRow !== undefined ? `event-${activeRow}` : undefined}
      onKeyDown={onKeyDown}
      onScroll={(e) => {
        if (scroll.seen(e.currentTarget.scrollTop)) setScrolled((n) => n + 1);
      }}
      className="relative h-full overflow-auto"
    >
      <div style={{ height: list.length * h, position: 'relative' }}>{rows}</div>
    </div>
  );
}

/** `pending`: the event's result is not known yet at the cursor (an IRP in flight): shown as pending, not as its future result. */
const EventRow = memo(function EventRow({ index, event: e, top, height, selected, future, pending }: { index: number; event: TraceEvent; top: number; height: number; selected: boolean; future: boolean; pending: boolean }) {
  const lab = useLabStore();
  const k = kindInfo(e.kind);
  const failed = !pending && isFailure(e);
  const result = pending ? pendingText(e) : withHex(e.result, e.resultHex);
  const pass = passWords(e);
  // a driver that passed the IRP down untouched has no status of its own to show
  const shownResult = e.result ? result : pending ? result : passedDownUntouched(e) ? PASSED_DOWN : '';
  return (
    // an option of a listbox that keeps the focus itself (aria-activedescendant) and takes the keys; a click seeks here too
    // oxlint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/interactive-supports-focus
    <div
      id={`event-${index}`}
      role="option"
      aria-selected={selected}
      onClick={() => lab.getState().seek(index + 1)}
      style={{ position: 'absolute', top, height, left: 0, right: 0 }}
      title={future ? 'Not yet: after the cursor' : undefined}
      className={`flex cursor-pointer items-center gap-2 border-b border-line/60 px-2 text-sm ${selected ? 'bg-accent-soft shadow-[inset_3px_0_0_var(--color-accent)]' : 'hover:bg-sunken'} ${future ? 'text-muted' : ''} ${e.kind === 'user' ? 'font-semibold' : ''}`}
    >
      <span className="w-10 shrink-0 text-right font-mono text-xs text-muted">{e.seq}</span>
      <span className={`w-16 shrink-0 rounded px-1 text-center font-mono text-[10px] font-bold ${future ? 'border border-line text-muted' : k.className}`}>{k.badge}</span>
      <span className={`min-w-0 flex-1 truncate font-mono text-xs ${failed && !future ? 'text-bad' : ''}`}>
        {pass && (
          <span className={`mr-1 inline-block w-3 text-center font-sans text-sm font-bold ${future ? '' : 'text-accent'}`} title={pass.sentence} data-pass={pass.word}>
            <span aria-hidden="true">{pass.arrow}</span>
            <span className="sr-only">{pass.word}: </span>
          </span>
        )}
        {e.name}
      </span>
      <span className="hidden w-40 shrink-0 truncate text-xs text-muted @min-[34rem]:block">{e.device}{e.layer ? ` · ${e.layer}` : ''}</span>
      {shownResult && <span className={`hidden w-36 shrink-0 truncate font-mono text-[11px] @min-[44rem]:block ${failed && !future ? 'text-bad' : 'text-muted'} ${pending || shownResult === PASSED_DOWN ? 'italic' : ''}`} title={shownResult}>{shownResult}</span>}
    </div>
  );
});
