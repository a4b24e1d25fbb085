/**
 * The way an IRP was going when an `irp` event was recorded (`pass`, in a run with irpTravel: the lab in the
 * browser), in the words the timeline and the event details use (docs/trace-format.md, "IRPs that travel").
 */
import type { TraceEvent } from '../../engine/trace';

export interface PassWords {
  /** ↓ or ↑ */
  arrow: string;
  /** `down` / `up`, for screen readers and the details */
  word: string;
  /** one sentence: where the IRP is */
  sentence: string;
}

const DOWN: PassWords = { arrow: '↓', word: 'down', sentence: 'The IRP reached this driver on its way down the stack.' };
const UP: PassWords = { arrow: '↑', word: 'up', sentence: 'The IRP, completed by the drivers below, came back up to this driver.' };

export function passWords(e: TraceEvent): PassWords | undefined {
  return e.pass === 'down' ? DOWN : e.pass === 'up' ? UP : undefined;
}

/**
 * What a `down` event without a result says once the driver let the IRP go: it passed it down untouched, and acts
 * on the way back up (IRP_MN_START_DEVICE, the cancel IRPs, IRP_MN_SET_POWER to D0).
 */
export const PASSED_DOWN = 'passed down';
export const PASSED_DOWN_WHY = 'This driver passed the IRP down without handling it: it acts when the IRP comes back up (its ↑ event).';

export function passedDownUntouched(e: TraceEvent): boolean {
  return e.kind === 'irp' && e.pass === 'down' && e.result === undefined && e.end !== undefined;
}
