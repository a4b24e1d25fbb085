import { useDisplayPosition, useLab } from '../../store/hooks';
import { useMemo, useRef } from 'react';
import { deviceAt, type DeviceView } from '../../model/deviceTimeline';

function keyOf(v: DeviceView): string {
  return `${v.id}|${v.model}|${v.state}|${v.problem}|${v.port}|${v.lastParent}|${v.hung}|${v.power}|${v.unpowered}|${v.veto}|${v.stack.map((l) => l.driver).join(',')}`;
}

/**
 * Every scenario device as it is at the cursor. A device whose view did not change keeps the same
 * object (so memoised chips skip it), and the array itself stays the same while nothing changed.
 */
export function useDevicesAtCursor(): DeviceView[] {
  const run = useLab((s) => s.run);
  const timelines = useLab((s) => s.timelines);
  const position = Math.min(useDisplayPosition(), run.trace.length);
  const last = useRef<{ keys: Map<string, { key: string; view: DeviceView }>; views: DeviceView[] }>(undefined);
  return useMemo(() => {
    const fresh = deviceAt(run, timelines, position);
    const previous = last.current;
    const keys = new Map<string, { key: string; view: DeviceView }>();
    let changed = previous === undefined || previous.views.length !== fresh.length;
    const views = fresh.map((v, i) => {
      const key = keyOf(v);
      const old = previous?.keys.get(v.id);
      const view = old && old.key === key ? old.view : v;
      if (!changed && previous!.views[i] !== view) changed = true;
      keys.set(v.id, { key, view });
      return view;
    });
    if (!changed) return previous!.views;
    last.current = { keys, views };
    return views;
  }, [run, timelines, position]);
}
