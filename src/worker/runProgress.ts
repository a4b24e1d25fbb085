/**
 * A run going on in the engine worker, for the progress bar (ui/playback/RunProgress.tsx): how far it got, and its
 * Cancel. One per page, like the worker (an embedded lab is a page of its own).
 */
import { createStore } from 'zustand/vanilla';

export interface RunProgressState {
  /** the run in the worker, if one is going on */
  running: { id: number; startedAt: number; steps: number; totalSteps: number; events: number; /** reading a file (no steps yet) */ reading?: boolean } | undefined;
}

export const runProgress = createStore<RunProgressState>()(() => ({ running: undefined }));
