/**
 * A big lab lands in stages. When a load (a file, a link, a lesson) puts a lab of many devices in view, the flowchart's
 * rows, the hardware's ports, the bench and Device Manager's lists are mounted one per frame after the rest of the
 * page, so no single task of the page's main thread builds the whole lab (issue 16: no task over 50 ms while loading; a full USB bus of 127
 * devices took one task of 40 ms CPU, over 100 ms on a busy 2-core machine, to mount at once). A small lab, and any
 * edit, lands whole, as before.
 *
 * The lab store counts its landings (LabState.landings); this store, subscribed to it before any component, says
 * which stages are in view in the very render that shows the new lab. Components ask with useStageShown (hooks.tsx).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LabStore } from './labStore';
import { afterFrames } from '../worker/afterFrames';

/** What mounts after the rest of a big lab, in this order, one per frame (the flowchart's rows first). */
export const LANDING_STAGES = ['flow', 'ports', 'bench', 'connected', 'notPresent'] as const;
export type LandingStage = (typeof LANDING_STAGES)[number];

/** A lab with at least this many devices lands in stages (the default lab has 4, a lesson's at most a dozen). */
export const STAGED_MIN_DEVICES = 24;

/** `reached`: how many of LANDING_STAGES are in view (all of them but while a big lab lands). */
export type StagingStore = StoreApi<{ reached: number }>;

/** `schedule`: calls its function a frame later (each stage is laid out and painted in a frame of its own). */
export function createStaging(lab: LabStore, schedule: (fn: () => void) => void = (fn) => afterFrames(1, fn)): StagingStore {
  const all = LANDING_STAGES.length;
  const staging = createStore<{ reached: number }>()(() => ({ reached: all }));
  let landing = 0;
  lab.subscribe((s, prev) => {
    if (s.landings === prev.landings) return;
    const mine = ++landing;
    if (s.scenario.devices.length < STAGED_MIN_DEVICES) {
      if (staging.getState().reached !== all) staging.setState({ reached: all });
      return;
    }
    staging.setState({ reached: 0 });
    const next = () => {
      // a newer landing started its own stages
      if (mine !== landing) return;
      const reached = staging.getState().reached + 1;
      staging.setState({ reached });
      if (reached < all) schedule(next);
    };
    schedule(next);
  });
  return staging;
}
