/**
 * The stores in the React tree: <StoresProvider stores={createStores()}> at the root, then selector
 * hooks (`useLab((s) => s.position)`) that re-render a component when what it selects changes, and
 * the stores themselves (`useLabStore().getState().act(…)`) for event handlers.
 */
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { TraceEvent } from '../engine/trace';
import type { LabState, LabStore } from './labStore';
import { LANDING_STAGES, type LandingStage } from './landingStages';
import { visibleEnd } from './lessonGate';
import type { LessonState, LessonStore } from './lessonStore';
import type { Stores } from './stores';
import type { UiState, UiStore } from './uiStore';

const StoresContext = createContext<Stores | undefined>(undefined);

export function StoresProvider({ stores, children }: { stores: Stores; children: ReactNode }) {
  return <StoresContext value={stores}>{children}</StoresContext>;
}

/** The root's stores; a component outside <StoresProvider> is a mistake, said at once. */
export function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('PnP Lab: a component that reads the lab is rendered outside <StoresProvider>');
  return stores;
}

export function useLab<T>(selector: (s: LabState) => T): T {
  return useStore(useStores().lab, selector);
}

export function useLabStore(): LabStore {
  return useStores().lab;
}

export function useUi<T>(selector: (s: UiState) => T): T {
  return useStore(useStores().ui, selector);
}

export function useUiStore(): UiStore {
  return useStores().ui;
}

/** Whether `stage` of a big lab that just landed is mounted yet (always, but for a few frames after such a landing). */
export function useStageShown(stage: LandingStage): boolean {
  return useStore(useStores().staging, (s) => s.reached > LANDING_STAGES.indexOf(stage));
}

/** The displayed position (store/displayPosition.ts): the same number in every panel at any moment. */
export function useDisplayPosition(): number {
  return useStore(useStores().shown, (s) => s.position);
}

/**
 * The end of what may be shown at `position`: a lesson's next unanswered question (the gate), else
 * the trace's length. `gated` says a question hides the rest. Re-renders when the lesson's answers change.
 */
export function useVisibleEnd(trace: readonly TraceEvent[], position: number): { end: number; gated: boolean } {
  const gates = useStores().gates;
  useStore(gates, (s) => s.rev);
  return visibleEnd(gates, trace, position);
}

/** The lesson store once loaded (asking for it loads it), else undefined. */
export function useLoadedLessonStore(): LessonStore | undefined {
  const { lessons } = useStores();
  const store = useStore(lessons.loaded, (s) => s.store);
  useEffect(() => {
    if (!store) void lessons.load();
  }, [store, lessons]);
  return store;
}

/** The lesson store, for the parts that render only once it has loaded (the lesson panel). */
export function useLessonStore(): LessonStore {
  const store = useStore(useStores().lessons.loaded, (s) => s.store);
  if (!store) throw new Error('PnP Lab: the lesson panel is rendered before the lesson store has loaded');
  return store;
}

export function useLessons<T>(selector: (s: LessonState) => T): T {
  return useStore(useLessonStore(), selector);
}
