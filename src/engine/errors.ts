import { oneLine } from './text';

/** The longest `path: expected` line a LabError gives (its message); longer input is cut with `…`. */
export const MAX_ERROR_LENGTH = 300;
const MAX_PATH_LENGTH = 100;

/**
 * An action or input the lab cannot carry out; `path` names the field at fault (e.g. `steps[2].device`).
 * Whatever the input held, `path` and `expected` are one line each, with control characters escaped,
 * and `path: expected` is at most MAX_ERROR_LENGTH characters.
 */
export class LabError extends Error {
  readonly path: string;
  readonly expected: string;

  constructor(path: string, expected: string) {
    const p = oneLine(path, MAX_PATH_LENGTH);
    const x = oneLine(expected, MAX_ERROR_LENGTH - p.length - 2);
    super(`${p}: ${x}`);
    this.path = p;
    this.expected = x;
    this.name = 'LabError';
  }
}

/**
 * The run recorded as many trace events as its budget allows (`LabConfig.maxEvents`) and was about to
 * record one more: the engine stops there. The trace holds exactly `maxEvents` events; the lab must not
 * be used further (its tasks were cut off mid-way). A LabError at `(scenario)`, so whoever reports
 * LabErrors (the CLI: exit 2 and one line) reports this one too; the fields say how far the run got.
 */
export class EventBudgetError extends LabError {
  constructor(
    /** The budget: how many events the trace holds now. */
    readonly maxEvents: number,
    /** Virtual time (ms) at which the next event was due. */
    readonly t: number,
    /** Steps started so far (their `user` events are in the trace); 0 if none had started. */
    readonly stepsStarted: number,
    /** The last step started: its action (`unplug`, …), undefined if none had started. */
    readonly lastStep: string | undefined,
  ) {
    const where = lastStep === undefined ? 'before the first step' : `after steps[${stepsStarted - 1}] (${lastStep}) had started`;
    super('(scenario)', `the run reached its budget of ${maxEvents.toLocaleString('en-US')} trace events at virtual time ${t.toLocaleString('en-US')} ms, ${where}; expected a scenario that records at most ${maxEvents.toLocaleString('en-US')} events`);
    this.name = 'EventBudgetError';
  }
}
