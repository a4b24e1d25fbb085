/**
 * Every trace event in order, windowed (only the rows in view are in the DOM) so tens of thousands
 * stay smooth. Rows have one fixed height, so the window is plain arithmetic: following the cursor
 * at full playback speed sets scrollTop once per frame and renders the rows for it in the same pass.
 */
import { memo, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { TraceEvent } from '../../engine/trace';
import { useLab } from '../../store/labStore';
import { useUi } from '../../store/uiStore';
import { isFailure, kindInfo } from './kinds';
import { activeIndex, useFilteredEvents } from './useFilteredEvents';
import { useDisplayPosition } from '../playback/useDisplayPosition';

const OVERSCAN = 8;

function rowHeight(presenter: boolean): number {
  return presenter ? 40 : 32;
}

export function EventList() {
  const trace = useLab((s) => s.run.trace);
  // During fast playback the list catches up every few frames; paused, it is exact.
  const position = Math.min(useDisplayPosition(50), trace.length);
  const presenter = useUi((s) => s.presenter);
  const list = useFilteredEvents();
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 400 });
  const h = rowHeight(presenter);
  const active = activeIndex(list, position);
  const cursorIndex = position - 1;

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const resize = new ResizeObserver(() => setView((v) => (v.height === el.clientHeight ? v : { ...v, height: el.clientHeight })));
    resize.observe(el);
    return () => resize.disconnect();
  }, []);

  // Keep the cursor's row in view; the new scrollTop is known here, so no scroll event is awaited.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (active < 0 || !el) return;
    const rowTop = active * h;
    let top = view.top;
    if (rowTop < top) top = rowTop;
    else if (rowTop + h > top + view.height) top = rowTop + h - view.height;
    if (top !== view.top) {
      el.scrollTop = top;
      setView((v) => ({ ...v, top }));
    }
  }, [active, h, view.top, view.height]);

  useEffect(() => {
    if (scroller.current && scroller.current.scrollTop > list.length * h) scroller.current.scrollTop = 0;
  }, [list.length, h]);

  const onKeyDown = (e: KeyboardEvent) => {
    const go = (i: number) => {
      e.preventDefault();
      e.stopPropagation();
      const clamped = Math.max(0, Math.min(list.length - 1, i));
      if (list[clamped] !== undefined) useLab.getState().seek(list[clamped] + 1);
    };
    if (e.key === 'ArrowDown') go(active + 1);
    else if (e.key === 'ArrowUp') go(active - 1);
    else if (e.key === 'PageDown') go(active + 10);
    else if (e.key === 'PageUp') go(active - 10);
  };

  if (trace.length === 0) {
    return <p className="p-4 text-sm text-muted">No events yet. Drag a device onto a port to start: every IRP, callback and state change will be listed here, in order.</p>;
  }
  const first = Math.max(0, Math.floor(view.top / h) - OVERSCAN);
  const last = Math.min(list.length, Math.ceil((view.top + view.height) / h) + OVERSCAN);
  const rows = [];
  for (let k = first; k < last; k++) {
    const i = list[k];
    rows.push(<EventRow key={i} index={i} event={trace[i]} top={k * h} height={h} selected={i === cursorIndex} future={i >= position} />);
  }
  const activeRow = list[active] === cursorIndex ? cursorIndex : undefined;
  return (
    <div
      ref={scroller}
      role="listbox"
      aria-label="Trace events"
      tabIndex={0}
      aria-activedescendant={activeRow !== undefined ? `event-${activeRow}` : undefined}
      onKeyDown={onKeyDown}
      onScroll={(e) => {
        const top = e.currentTarget.scrollTop;
        if (top !== view.top) setView((v) => ({ ...v, top }));
      }}
      className="relative h-full overflow-auto"
    >
      <div style={{ height: list.length * h, position: 'relative' }}>{rows}</div>
    </div>
  );
}

const EventRow = memo(function EventRow({ index, event: e, top, height, selected, future }: { index: number; event: TraceEvent; top: number; height: number; selected: boolean; future: boolean }) {
  const k = kindInfo(e.kind);
  const failed = isFailure(e);
  return (
    <div
      id={`event-${index}`}
      role="option"
      aria-selected={selected}
      onClick={() => useLab.getState().seek(index + 1)}
      style={{ position: 'absolute', top, height, left: 0, right: 0 }}
      title={future ? 'Not yet: after the cursor' : undefined}
      className={`flex cursor-pointer items-center gap-2 border-b border-line/60 px-2 text-sm ${selected ? 'bg-accent-soft shadow-[inset_3px_0_0_var(--color-accent)]' : 'hover:bg-sunken'} ${future ? 'text-muted' : ''} ${e.kind === 'user' ? 'font-semibold' : ''}`}
    >
      <span className="w-10 shrink-0 text-right font-mono text-xs text-muted">{e.seq}</span>
      <span className={`w-16 shrink-0 rounded px-1 text-center font-mono text-[10px] font-bold ${future ? 'border border-line text-muted' : k.className}`}>{k.badge}</span>
      <span className={`min-w-0 flex-1 truncate font-mono text-xs ${failed && !future ? 'text-bad' : ''}`}>{e.name}</span>
      <span className="hidden w-40 shrink-0 truncate text-xs text-muted @min-[34rem]:block">{e.device}{e.layer ? ` · ${e.layer}` : ''}</span>
      {e.result && <span className={`hidden w-36 shrink-0 truncate font-mono text-[11px] @min-[44rem]:block ${failed && !future ? 'text-bad' : 'text-muted'}`}>{e.result}</span>}
    </div>
  );
});
