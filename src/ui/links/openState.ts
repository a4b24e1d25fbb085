/**
 * Opens a lab that a link, a host page's `load` or a restarted embed frame names: its scenario and
 * cursor at once, then its lesson (the lesson store and each lesson's text load on demand), with the lesson's own scenario when the
 * link brought none.
 */
import { normalizeScenario, type SandboxState } from '../../share/sandbox';
import { OWN_SCENARIO } from '../../store/labStore';
import type { Stores } from '../../store/stores';
import { runSettled } from '../../worker/runScheduler';

/**
 * Resolves when all is in place: false when the scenario could not be loaded (the lab then keeps what it showed).
 * `failure` words the notice of a run that fails (on the page or in the engine worker).
 */
export async function openState({ lab, ui, lessons }: Stores, state: SandboxState | undefined, lesson?: string, task?: string, failure?: (why: string) => string): Promise<boolean> {
  if (state && !lab.getState().loadScenario(state.scenario, state.cursor, failure)) return false;
  // a big scenario runs in the engine worker: what follows (a lesson, the link's step, autoplay) waits for it
  await runSettled();
  if (!lesson) return true;
  ui.getState().setLessonsOpen(true);
  const store = await lessons.load();
  const { ensureLesson } = await import('../../store/lessonStore');
  const l = await ensureLesson(lesson, store);
  if (!l) return true;
  if (!state) lab.getState().loadScenario(normalizeScenario(l.scenario), undefined, undefined, OWN_SCENARIO);
  store.getState().openLesson(l.id);
  if (task) store.getState().openTask(task);
  return true;
}
