import { useDisplayPosition } from '../playback/useDisplayPosition';
import { useMemo, useRef } from 'react';
import { deviceAt, type DeviceView } from '../../store/history';
import { useLab } from '../../store/labStore';

/** Every scenario device as it is at the cursor; the same array while nothing visible changed. */
export function useDevicesAtCursor(): DeviceView[] {
  const run = useLab((s) => s.run);
  const history = useLab((s) => s.history);
  const position = Math.min(useDisplayPosition(), run.trace.length);
  const last = useRef<{ key: string; views: DeviceView[] }>(undefined);
  return useMemo(() => {
    const views = deviceAt(run, history, position);
    const key = views.map((v) => `${v.id}|${v.state}|${v.problem}|${v.port}|${v.hung}|${v.stack.length}`).join(';');
    if (last.current && last.current.key === key && last.current.views.length === views.length && last.current.views.every((v, i) => v.model === views[i].model)) return last.current.views;
    last.current = { key, views };
    return views;
  }, [run, history, position]);
}
