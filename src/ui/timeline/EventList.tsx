/** Every trace event in order, windowed so tens of thousands stay smooth; the cursor's event is selected. */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, type KeyboardEvent } from 'react';
import type { TraceEvent } from '../../engine/trace';
import { useLab } from '../../store/labStore';
import { useUi } from '../../store/uiStore';
import { isFailure, kindInfo } from './kinds';
import { activeIndex, useFilteredEvents } from './useFilteredEvents';

function rowHeight(presenter: boolean): number {
  return presenter ? 40 : 32;
}

export function EventList() {
  const trace = useLab((s) => s.run.trace);
  const position = useLab((s) => s.position);
  const presenter = useUi((s) => s.presenter);
  const list = useFilteredEvents();
  const scroller = useRef<HTMLDivElement>(null);
  const active = activeIndex(list, position);
  const cursorIndex = position - 1;
  const virtualizer = useVirtualizer({ count: list.length, getScrollElement: () => scroller.current, estimateSize: () => rowHeight(presenter), overscan: 12 });

  useEffect(() => {
    virtualizer.measure();
  }, [presenter, virtualizer]);

  useEffect(() => {
    if (active >= 0) virtualizer.scrollToIndex(active, { align: 'auto' });
  }, [active, virtualizer]);

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
  const activeRow = list[active] === cursorIndex ? cursorIndex : undefined;
  return (
    <div
      ref={scroller}
      role="listbox"
      aria-label="Trace events"
      tabIndex={0}
      aria-activedescendant={activeRow !== undefined ? `event-${activeRow}` : undefined}
      onKeyDown={onKeyDown}
      className="relative h-full overflow-auto"
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((v) => {
          const i = list[v.index];
          return <EventRow key={i} index={i} event={trace[i]} top={v.start} height={v.size} selected={i === cursorIndex} future={i >= position} />;
        })}
      </div>
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
      className={`flex cursor-pointer items-center gap-2 border-b border-line/60 px-2 text-sm ${selected ? 'bg-accent-soft shadow-[inset_3px_0_0_var(--color-accent)]' : 'hover:bg-sunken'} ${future ? 'opacity-45' : ''} ${e.kind === 'user' ? 'font-semibold' : ''}`}
    >
      <span className="w-10 shrink-0 text-right font-mono text-xs text-muted">{e.seq}</span>
      <span className={`w-16 shrink-0 rounded px-1 text-center font-mono text-[10px] font-bold ${k.className}`}>{k.badge}</span>
      <span className={`min-w-0 flex-1 truncate font-mono text-xs ${failed ? 'text-bad' : ''}`}>{e.name}</span>
      <span className="hidden w-40 shrink-0 truncate text-xs text-muted @min-[34rem]:block">{e.device}{e.layer ? ` · ${e.layer}` : ''}</span>
      {e.result && <span className={`hidden w-36 shrink-0 truncate font-mono text-[11px] @min-[44rem]:block ${failed ? 'text-bad' : 'text-muted'}`}>{e.result}</span>}
    </div>
  );
});
