/**
 * The seam between the lab's cursor and the lessons, without loading the lessons. A gate store per app
 * root holds the open lesson's gate: nothing until the lesson store has loaded (a lazy chunk), then what
 * lessonStore.ts `connectLessonGate` puts there. The lab store asks it before every forward move; panels
 * that hide the future read `visibleEnd` and re-render when `rev` changes. Also where the learner's
 * lesson progress is saved (its localStorage key), so the lab can tell a lesson was open without loading it.
 *
 * Nothing here imports the lesson store: it imports this file, never the other way round.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TraceEvent } from '../engine/trace';

/** What the cursor needs from the open lesson. */
export interface LessonGate {
  /** A forward move from `from` to `to`, stopped at an unanswered "what comes next?" question (`question` is then set). */
  move(trace: readonly TraceEvent[], from: number, to: number): { to: number; question?: unknown };
  /**
   * The first position at or after `position` where an unanswered question of the open task is
   * asked (its event is `trace[horizon - 1]`): nothing after it may be shown. Undefined when none.
   */
  horizon(trace: readonly TraceEvent[], position: number): number | undefined;
  /** the open lesson and task */
  selection(): { lessonId?: string; taskId?: string };
}

export interface GateState {
  /** the open lesson's gate; undefined while the lessons have not loaded (then no move is held) */
  gate: LessonGate | undefined;
  /** bumped whenever what the gate depends on changes (lesson, task, answers): what hides the future re-renders */
  rev: number;
}

export type GateStore = StoreApi<GateState>;

export function createGateStore(): GateStore {
  return createStore<GateState>()(() => ({ gate: undefined, rev: 0 }));
}

/** Installs (or, with undefined, removes) the lesson gate. */
export function setLessonGate(gates: GateStore, gate: LessonGate | undefined): void {
  gates.setState((s) => ({ gate, rev: s.rev + 1 }));
}

/** What the gate depends on changed (lesson, task, answers). */
export function bumpGateRevision(gates: GateStore): void {
  gates.setState((s) => ({ rev: s.rev + 1 }));
}

/** A forward move from `from` to `to`, stopped at an unanswered "what comes next?" question of the open lesson. */
export function gateMove(gates: GateStore, trace: readonly TraceEvent[], from: number, to: number): { to: number; question?: unknown } {
  const gate = gates.getState().gate;
  return gate ? gate.move(trace, from, to) : { to };
}

/**
 * The end of what may be shown at `position`: a lesson's next unanswered question (the gate), else
 * the trace's length. `gated` says a question hides the rest.
 */
export function visibleEnd(gates: GateStore, trace: readonly TraceEvent[], position: number): { end: number; gated: boolean } {
  const horizon = gates.getState().gate?.horizon(trace, position);
  return horizon !== undefined && horizon < trace.length ? { end: horizon, gated: true } : { end: trace.length, gated: false };
}

/** The open lesson and task (none while the lessons have not loaded). */
export function lessonSelection(gates: GateStore): { lessonId?: string; taskId?: string } {
  return gates.getState().gate?.selection() ?? {};
}

/** The short message a refused seek shows (the scope of the lab's notice is `gate`). */
export const GATE_MESSAGE = 'Answer the question first; the rest stays hidden.';

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
