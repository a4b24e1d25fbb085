/**
 * The displayed position: the one cursor every panel shows (transport bar, timeline, details,
 * hardware, side tabs, flowchart, lesson, embed bridge). Paused or at reading speeds it is the
 * cursor itself, event by event. During fast playback it catches up with the cursor ten times a
 * second, and every panel reads that same value, so at 500 events/s the bar, the timeline and the
 * details name the same event (they used to throttle each on a timer of its own and disagree).
 */
import { create } from 'zustand';
import { useLab } from '../../store/labStore';

/** Events per second above which the display catches up in steps. */
export const FAST_PLAYBACK = 30;
/** How often the display catches up during fast playback. */
export const CATCH_UP_MS = 100;

const useShown = create<{ position: number }>()(() => ({ position: useLab.getState().position }));

let timer: ReturnType<typeof setTimeout> | undefined;
let last = 0;

function update(): void {
  timer = undefined;
  last = performance.now();
  useShown.setState({ position: useLab.getState().position });
}

useLab.subscribe((s, prev) => {
  if (s.position === prev.position && s.run === prev.run && s.playing === prev.playing) return;
  const fast = s.playing && s.speed > FAST_PLAYBACK && s.run === prev.run;
  if (!fast) {
    if (timer !== undefined) clearTimeout(timer);
    update();
  } else if (timer === undefined) {
    timer = setTimeout(update, Math.max(0, CATCH_UP_MS - (performance.now() - last)));
  }
});

/** The displayed position (see above): the same number in every panel at any moment. */
export function useDisplayPosition(): number {
  return useShown((s) => s.position);
}
