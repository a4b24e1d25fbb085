/**
 * The cursor position for the heavier panels (flowchart, hardware, Device Manager, details).
 * At reading speeds they follow every event; during fast playback they catch up about ten times a
 * second, so the transport and the timeline keep every frame smooth. Paused, they are always exact.
 */
import { useEffect, useState } from 'react';
import { useLab } from '../../store/labStore';

/** Events per second above which the heavier panels are throttled. */
export const FAST_PLAYBACK = 30;

/** `intervalMs`: how often the caller catches up during fast playback. */
export function useDisplayPosition(intervalMs = 100): number {
  const [shown, setShown] = useState(() => useLab.getState().position);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    const update = () => {
      timer = undefined;
      last = performance.now();
      setShown(useLab.getState().position);
    };
    setShown(useLab.getState().position);
    const unsubscribe = useLab.subscribe((s, prev) => {
      if (s.position === prev.position && s.run === prev.run && s.playing === prev.playing) return;
      const fast = s.playing && s.speed > FAST_PLAYBACK && s.run === prev.run;
      if (!fast) {
        if (timer !== undefined) clearTimeout(timer);
        update();
      } else if (timer === undefined) {
        timer = setTimeout(update, Math.max(0, intervalMs - (performance.now() - last)));
      }
    });
    return () => {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [intervalMs]);
  return shown;
}
