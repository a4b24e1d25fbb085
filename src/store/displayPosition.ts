/**
 * The displayed position: the one cursor every panel shows (transport bar, timeline, details,
 * hardware, side tabs, flowchart, lesson, embed bridge). Paused or at reading speeds it is the
 * cursor itself, event by event. During fast playback it catches up with the cursor ten times a
 * second, and every panel reads that same value, so at 500 events/s the bar, the timeline and the
 * details name the same event (they used to throttle each on a timer of its own and disagree).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LabStore } from './labStore';

/** Events per second above which the display catches up in steps. */
export const FAST_PLAYBACK = 30;
/** How often the display catches up during fast playback. */
export const CATCH_UP_MS = 100;

export type DisplayPositionStore = StoreApi<{ position: number }>;

/** A store of the position to display, following `lab` (one per lab store). */
export function createDisplayPosition(lab: LabStore): DisplayPositionStore {
  const shown = createStore<{ position: number }>()(() => ({ position: lab.getState().position }));
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = 0;
  const update = () => {
    timer = undefined;
    last = performance.now();
    shown.setState({ position: lab.getState().position });
  };
  lab.subscribe((s, prev) => {
    if (s.position === prev.position && s.run === prev.run && s.playing === prev.playing) return;
    const fast = s.playing && s.speed > FAST_PLAYBACK && s.run === prev.run;
    if (!fast) {
      if (timer !== undefined) clearTimeout(timer);
      update();
    } else if (timer === undefined) {
      timer = setTimeout(update, Math.max(0, CATCH_UP_MS - (performance.now() - last)));
    }
  });
  return shown;
}
