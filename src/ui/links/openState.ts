/**
 * Opens a lab that a link, a host page's `load` or a restarted embed frame names: its scenario and
 * cursor at once, then its lesson (the lesson store and each lesson's text load on demand), with the lesson's own scenario when the
 * link brought none.
 */
import { normalizeScenario, type SandboxState } from '../../share/sandbox';
import type { Stores } from '../../store/stores';

/** Resolves when all is in place: false when the scenario could not be loaded (the lab then keeps what it showed). */
export async function openState({ lab, ui, lessons }: Stores, state: SandboxState | undefined, lesson?: string, task?: string): Promise<boolean> {
  if (state && !lab.getState().loadScenario(state.scenario, state.cursor)) return false;
  if (!lesson) return true;
  ui.getState().setLessonsOpen(true);
  const store = await lessons.load();
  const { ensureLesson } = await import('../../store/lessonStore');
  const l = await ensureLesson(lesson, store);
  if (!l) return true;
  if (!state) lab.getState().loadScenario(normalizeScenario(l.scenario));
  store.getState().openLesson(l.id);
  if (task) store.getState().openTask(task);
  return true;
}
