import { useMemo } from 'react';
import { countBefore } from '../../model/deviceTimeline';
import { useLab, useUi } from '../../store/hooks';

/**
 * Indices of the trace events the timeline's filters let through, before `end` (a lesson's question
 * hides what follows it). Recomputed per run, filter change or new end, not per frame.
 */
export function useFilteredEvents(end: number = Number.MAX_SAFE_INTEGER): number[] {
  const all = useAllFilteredEvents();
  return useMemo(() => {
    const n = countBefore(all, end, (i) => i);
    return n === all.length ? all : all.slice(0, n);
  }, [all, end]);
}

function useAllFilteredEvents(): number[] {
  const trace = useLab((s) => s.run.trace);
  const hidden = useUi((s) => s.hiddenKinds);
  const device = useUi((s) => s.deviceFilter);
  const search = useUi((s) => s.search.trim().toLowerCase());
  return useMemo(() => {
    // no filter (the usual case): every index, without looking at the events
    if (hidden.length === 0 && !device && !search) return everyIndex(trace.length);
    const out: number[] = [];
    for (let i = 0; i < trace.length; i++) {
      const e = trace[i];
      if (hidden.includes(e.kind)) continue;
      if (device && e.device !== device) continue;
      if (search && !e.name.toLowerCase().includes(search) && !(e.result ?? '').toLowerCase().includes(search)) continue;
      out.push(i);
    }
    return out;
  }, [trace, hidden, device, search]);
}

/**
 * 0, 1, … n - 1, taken from one list kept for the longest run so far (a copy of its start is a fast native copy).
 * A list handed out is never changed: a longer run gets a new one.
 */
let indices: number[] = [];
function everyIndex(n: number): number[] {
  if (n > indices.length) {
    const longer = indices.slice();
    for (let i = longer.length; i < n; i++) longer.push(i);
    indices = longer;
  }
  return n === indices.length ? indices : indices.slice(0, n);
}

/** Position in `list` of the last index before `position` (the event under the cursor, or the nearest one shown before it). */
export function activeIndex(list: readonly number[], position: number): number {
  return countBefore(list, position, (i) => i) - 1;
}
