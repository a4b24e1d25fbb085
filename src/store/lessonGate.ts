/**
 * What the cursor needs from the lessons, without loading them: the lesson store (a lazy chunk)
 * installs its gate when it loads; until then no move is held. Also where its progress is saved.
 */
import { create } from 'zustand';
import type { TraceEvent } from '../engine/trace';

export type MoveGate = (trace: readonly TraceEvent[], from: number, to: number) => { to: number; question?: unknown };

export interface LessonHooks {
  gateMove: MoveGate;
  /**
   * The first position at or after `position` where an unanswered question of the open task is
   * asked (its event is `trace[horizon - 1]`): nothing after it may be shown. Undefined when none.
   */
  horizon(trace: readonly TraceEvent[], position: number): number | undefined;
  /** the open lesson and task */
  selection(): { lessonId?: string; taskId?: string };
}

let hooks: LessonHooks | undefined;

/** Bumped whenever what the gates depend on changes (lesson, task, answers): components that hide the future re-render. */
export const useLessonRevision = create<{ rev: number }>()(() => ({ rev: 0 }));

export function bumpLessonRevision(): void {
  useLessonRevision.setState((s) => ({ rev: s.rev + 1 }));
}

/** Called by the lesson store when it loads. */
export function installLessonHooks(h: LessonHooks | undefined): void {
  hooks = h;
  bumpLessonRevision();
}

/** What the learner may see: events before this position (the whole trace outside a lesson's question). */
export function gateHorizon(trace: readonly TraceEvent[], position: number): number | undefined {
  return hooks?.horizon(trace, position);
}

/**
 * The end of what may be shown at `position`: a lesson's next unanswered question (the gate), else
 * the trace's length. `gated` says a question hides the rest. Re-renders when the lesson's answers change.
 */
export function useVisibleEnd(trace: readonly TraceEvent[], position: number): { end: number; gated: boolean } {
  useLessonRevision((s) => s.rev);
  const horizon = gateHorizon(trace, position);
  return horizon !== undefined && horizon < trace.length ? { end: horizon, gated: true } : { end: trace.length, gated: false };
}

/** The short message a refused seek shows (the scope of the lab's notice is `gate`). */
export const GATE_MESSAGE = 'Answer the question first; the rest stays hidden.';

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

/** Loads the lesson store (a separate chunk) and resolves once it has read the saved progress (and loaded the lessons it names). */
export async function loadLessonStore(): Promise<typeof import('./lessonStore')> {
  const m = await import('./lessonStore');
  await m.lessonsRestored;
  return m;
}
