/**
 * Steps that finish at once when they can. A step is either its result, or a task step (a generator)
 * that yields virtual time or signals first. Running a step at once when nothing has to wait gives
 * the same trace as running it as a task step: the task step would run at the same instant, with
 * nothing else in between.
 */
import type { Yield } from './scheduler';
import type { Outcome } from './tables/table';

export type Step<T> = T | Generator<Yield, T, void>;
export type RowStep = Step<Outcome>;

/** Runs a task step to its end, whatever its result; the row's outcome is then ok. */
export function* okAfter(pending: Generator<Yield, unknown, void>): Generator<Yield, Outcome, void> {
  yield* pending;
  return 'ok';
}

/**
 * Runs `step` for each item in turn, at once for as long as each one finishes at once. With
 * `stopAtFail`, the first 'fail' ends the loop with 'fail'; otherwise the loop ends 'ok'. `items` is
 * read as the loop goes (an array that grows meanwhile gets its new items visited, as with for-of).
 */
export function inTurn<T>(items: readonly T[], step: (item: T) => RowStep, stopAtFail: boolean): RowStep {
  for (let i = 0; i < items.length; i++) {
    const r = step(items[i]);
    if (typeof r !== 'string') return inTurnLater(items, step, stopAtFail, i, r);
    if (r === 'fail' && stopAtFail) return 'fail';
  }
  return 'ok';
}

function* inTurnLater<T>(items: readonly T[], step: (item: T) => RowStep, stopAtFail: boolean, i: number, pending: Generator<Yield, Outcome, void>): Generator<Yield, Outcome, void> {
  let r = yield* pending;
  for (;;) {
    if (r === 'fail' && stopAtFail) return 'fail';
    if (++i >= items.length) return 'ok';
    const s = step(items[i]);
    r = typeof s === 'string' ? s : yield* s;
  }
}
