/**
 * Running lessons headlessly: a task's solution or a question's scenario through parseScenario and runScenario, as
 * the lab in the browser runs them, and the trace of a comparison's run B. It needs the scenario checks (zod, the
 * schema), so the lesson panel fetches it when a check asks for run B, not when a lesson opens.
 */
import { LabError } from '../engine/errors';
import type { TraceEvent } from '../engine/trace';
import { parseScenario } from '../scenario/parseObject';
import { createLab, runScenario } from '../scenario/run';
import type { ScenarioInput } from '../scenario/schema';
import { variantOf } from '../scenario/compareVariant';
import { evaluateGoal, evaluateQuestion, questionScenario, taskScenario, usesComparison, type GoalResult, type QuestionResult } from './check';
import type { Lesson, Question, Solution, Task } from './types';

export type RunOutcome =
  | { ok: true; trace: TraceEvent[] }
  | { ok: false; error: string; path: string };

/**
 * parseScenario + runScenario, as the lab in the browser runs them (IRPs recorded as they travel, like the CLI's
 * `--irp-travel`); a LabError (bad scenario or impossible step) becomes `ok: false`.
 */
export function runInput(input: ScenarioInput): RunOutcome {
  try {
    const scenario = parseScenario(structuredClone(input));
    return { ok: true, trace: runScenario(scenario, createLab(scenario, { irpTravel: true })) };
  } catch (e) {
    if (e instanceof LabError) return { ok: false, error: e.message, path: e.path };
    throw e;
  }
}

/** The trace of run B of the scenario's comparison (its `compare`), run as runInput runs A; undefined without one, or if it does not run. */
export function comparedTrace(input: ScenarioInput): TraceEvent[] | undefined {
  if (!input.compare) return undefined;
  const run = runInput(variantOf(input, input.compare).scenario);
  return run.ok ? run.trace : undefined;
}

export interface TaskCheck {
  ok: boolean;
  run: RunOutcome;
  goal?: GoalResult;
  message: string;
}

/** Runs the task's solution (or another `solution`) and evaluates its goal on the trace. */
export function checkTask(lesson: Lesson, task: Task, solution: Solution = task.solution): TaskCheck {
  const what = solution === task.solution ? 'the solution' : `the alternative ${JSON.stringify(solution)}`;
  return checkGoalOn(taskScenario(lesson, task, solution), task, `${lesson.id}/${task.id}: ${what}`);
}

/** Evaluates the task's goal on the prepared scenario alone (it should fail: otherwise there is nothing to do). */
export function checkPreparedAgainst(lesson: Lesson, task: Task): TaskCheck {
  return checkGoalOn(lesson.scenario, task, `${lesson.id}/${task.id}: the prepared scenario`);
}

function checkGoalOn(input: ScenarioInput, task: Task, what: string): TaskCheck {
  const run = runInput(input);
  if (!run.ok) return { ok: false, run, message: `${what} does not run: ${run.error}` };
  const goal = evaluateGoal(task.goal, run.trace, usesComparison(task.goal) ? comparedTrace(input) : undefined);
  return { ok: goal.ok, run, goal, message: `${what} ${goal.ok ? 'reaches' : 'does not reach'} the goal "${task.goalText}": ${goal.why}` };
}

export interface QuestionCheck {
  ok: boolean;
  result?: QuestionResult;
  /** wrong choices that the trace would also accept (should be none) */
  acceptedWrongChoices: string[];
  message: string;
}

/** Runs the question's trace and checks the lesson's answer against it, and that no wrong choice fits. */
export function checkQuestion(lesson: Lesson, q: Question): QuestionCheck {
  const what = `${lesson.id}/${q.id}`;
  const run = runInput(questionScenario(lesson, q));
  if (!run.ok) return { ok: false, acceptedWrongChoices: [], message: `${what}: the scenario does not run: ${run.error}` };
  const result = evaluateQuestion(q, run.trace);
  if (!q.choices.includes(q.answer)) return { ok: false, result, acceptedWrongChoices: [], message: `${what}: the answer "${q.answer}" is not one of the choices` };
  const acceptedWrongChoices = q.choices.filter((c) => c !== q.answer && evaluateQuestion(q, run.trace, c).correct);
  const ok = result.correct && acceptedWrongChoices.length === 0;
  return { ok, result, acceptedWrongChoices, message: `${what}: ${result.message}${acceptedWrongChoices.length ? `; wrong choices also accepted: ${acceptedWrongChoices.join(', ')}` : ''}` };
}
