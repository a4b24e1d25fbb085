/**
 * One app root's stores: the lab (scenario, run, cursor), how it is shown (ui), the lessons' hold on
 * the cursor (gates), the displayed position, and the lesson store, a chunk of its own loaded the first
 * time it is needed (each lesson is a chunk too, loaded when opened or named by saved progress).
 * `createStores()` makes a fresh set; main.tsx makes one for the page and hands it to the React tree with <StoresProvider> (store/hooks.tsx). Several labs
 * on one page (embeds) each live in a frame of their own, so one set per root is one per lab.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createDisplayPosition, type DisplayPositionStore } from './displayPosition';
import { createLabStore, type LabStore, type LabStoreOptions } from './labStore';
import { createStaging, type StagingStore } from './landingStages';
import { createGateStore, type GateStore } from './lessonGate';
import type { LessonStore, StorageLike } from './lessonStore';
import { createUiStore, type UiStore } from './uiStore';
import { createViewStore, type ViewStore } from './viewStore';

/** The lesson store of a root, made when it is first asked for. */
export interface LessonsLoader {
  /** the store once loaded, else undefined (components re-render when it arrives) */
  loaded: StoreApi<{ store: LessonStore | undefined }>;
  /**
   * Makes the lesson store (once), with the lessons its saved progress names loaded and that progress
   * read; it then holds the lab's cursor at their questions. Other lessons load when opened (ensureLesson).
   */
  load(): Promise<LessonStore>;
}

export interface Stores {
  lab: LabStore;
  ui: UiStore;
  gates: GateStore;
  shown: DisplayPositionStore;
  lessons: LessonsLoader;
  /** which view the stage shows, and the Compare dialog */
  views: ViewStore;
  /** which parts of a big lab that just landed are mounted yet */
  staging: StagingStore;
}

export interface StoresOptions {
  /** the lab's first scenario (the default lab) */
  scenario?: LabStoreOptions['scenario'];
  /** where lesson progress is kept: the browser's localStorage by default; null for nowhere (tests) */
  lessonStorage?: StorageLike | null;
}

export function createStores(opts: StoresOptions = {}): Stores {
  const gates = createGateStore();
  const lab = createLabStore({ scenario: opts.scenario, gates });
  // subscribed before any component, so the render that shows a new big lab already mounts it in stages
  const staging = createStaging(lab);
  const loaded = createStore<{ store: LessonStore | undefined }>()(() => ({ store: undefined }));
  let loading: Promise<LessonStore> | undefined;
  const load = () =>
    (loading ??= import('./lessonStore').then(async (m) => {
      const storage = opts.lessonStorage === undefined ? m.browserStorage() : (opts.lessonStorage ?? undefined);
      // the lessons the saved progress names load (each a chunk of its own) before it is read
      const store = await m.createAppLessonStore(storage);
      m.connectLessonGate(store, gates);
      loaded.setState({ store });
      return store;
    }));
  // a comparison an edit left meaningless is ended (store/compareStore.ts, fetched once the lab has a comparison)
  watchComparisons(lab);
  return { lab, ui: createUiStore(), gates, shown: createDisplayPosition(lab), lessons: { loaded, load }, views: createViewStore(), staging };
}

/**
 * Connects the comparison's keeper (`connectComparison`, store/compareStore.ts: a chunk of its own) when the lab first has
 * a comparison, so a lab that never compares never fetches it. Whatever sets that first comparison has checked it (the
 * Compare dialog and a `compare=` parameter with this chunk, a file or a link with the scenario checks, which import it;
 * a lesson's own scenario is checked by its tests), so only a later edit can leave it meaningless, and by then the
 * keeper is connected (the chunk is already loaded, or fetched now).
 */
function watchComparisons(lab: LabStore): void {
  let connecting = false;
  const connect = () => {
    if (connecting) return;
    connecting = true;
    void import('./compareStore').then(
      (m) => {
        stop();
        m.connectComparison(lab);
      },
      // the chunk did not load (the lab's files changed): tried again at the next change
      () => void (connecting = false),
    );
  };
  const stop = lab.subscribe((s) => {
    if (s.scenario.compare) connect();
  });
  if (lab.getState().scenario.compare) connect();
}
