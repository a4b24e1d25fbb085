/** A run going on in the engine worker, for the progress bar (RunProgress.tsx): how far it got, and its Cancel. */
import { create } from 'zustand';

export interface RunProgressState {
  /** the run in the worker, if one is going on */
  running: { id: number; startedAt: number; steps: number; totalSteps: number; events: number; /** reading a file (no steps yet) */ reading?: boolean } | undefined;
}

export const useRunProgress = create<RunProgressState>()(() => ({ running: undefined }));
