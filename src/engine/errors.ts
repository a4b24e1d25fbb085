/** An action or input the lab cannot carry out; `path` names the field at fault (e.g. `steps[2].device`). */
export class LabError extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
  ) {
    super(`${path}: ${expected}`);
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
