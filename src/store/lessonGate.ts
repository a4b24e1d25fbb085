/**
 * What the cursor needs from the lessons, without loading them: the lesson store (a lazy chunk)
 * installs its gate when it loads; until then no move is held. Also where its progress is saved.
 */
import type { TraceEvent } from '../engine/trace';

export type MoveGate = (trace: readonly TraceEvent[], from: number, to: number) => { to: number; question?: unknown };

export interface LessonHooks {
  gateMove: MoveGate;
  /** the open lesson and task */
  selection(): { lessonId?: string; taskId?: string };
}

let hooks: LessonHooks | undefined;

/** Called by the lesson store when it loads. */
export function installLessonHooks(h: LessonHooks | undefined): void {
  hooks = h;
}

/** A forward move from `from` to `to`, stopped at an unanswered "what comes next?" question of the open lesson. */
export function gateMove(trace: readonly TraceEvent[], from: number, to: number): { to: number; question?: unknown } {
  return hooks ? hooks.gateMove(trace, from, to) : { to };
}

/** The open lesson and task (none while the lessons have not loaded). */
export function lessonSelection(): { lessonId?: string; taskId?: string } {
  return hooks ? hooks.selection() : {};
}

/** localStorage key of the learner's lesson progress. */
export const STORAGE_KEY = 'pnp-lab:lesson-progress';

/** The lesson that was open when the page was last left (from the saved progress), if any. */
export function savedLessonId(): string | undefined {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as { lesson?: unknown } | null;
    return typeof saved?.lesson === 'string' ? saved.lesson : undefined;
  } catch {
    return undefined;
  }
}

/** Loads the lessons and their store (a separate chunk). */
export function loadLessonStore(): Promise<typeof import('./lessonStore')> {
  return import('./lessonStore');
}
