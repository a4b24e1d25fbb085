/**
 * A scenario as the lab runs it: checked (parseObject.ts: its shape with zod, its meaning, the browser's work budget),
 * then run by runParsed (runParsed.ts, which says what a run keeps beside the trace). The engine worker, the tests
 * and the CLI's corpus import it; the page fetches it as a chunk of its own (worker/runScheduler.ts).
 */
import { LabError } from '../engine/errors';
import { BROWSER_BUDGET } from '../scenario/budget';
import { parseScenario } from '../scenario/parseObject';
import type { Scenario, ScenarioInput } from '../scenario/schema';
import { drain } from '../scenario/run';
import { runParsedSteps, stepIndexOf, type RunHooks, type RunOutcome } from './runParsed';

export { runParsed, runParsedSteps, stepIndexOf } from './runParsed';
export type { PortChange, RunHooks, RunOutcome, RunResult, SkipRecord, StackLayer, TableRun } from './runParsed';

/** Runs `input` within the browser's work budget (scenario/budget.ts): refused before running when it would certainly exceed it, stopped at the cap otherwise. */
export function runLab(input: ScenarioInput, hooks: RunHooks = {}): RunOutcome {
  return drain(runLabSteps(input, hooks));
}

/** runLab one step at a time (scenario/run.ts, scenarioSteps): the engine worker runs it so, to pause while the page shows the first events. */
export function* runLabSteps(input: ScenarioInput, hooks: RunHooks = {}): Generator<number, RunOutcome, void> {
  let scenario: Scenario;
  try {
    // `compare` belongs to the lab, not the engine: the scenario runs without it (the second run is src/model/compare/'s),
    // so an edit that leaves the comparison meaningless still runs (src/store/compareStore.ts then drops it, saying why)
    const { compare: _compare, ...engineInput } = input;
    scenario = parseScenario(engineInput, BROWSER_BUDGET);
  } catch (e) {
    if (e instanceof LabError) return { ok: false, error: e, stepIndex: stepIndexOf(e) };
    throw e;
  }
  return yield* runParsedSteps(scenario, hooks);
}

/** The error of running `scenario` (`steps[3].device: …`), worked out again (only when loading it failed). */
export function whyRunFails(scenario: ScenarioInput): string {
  const out = runLab(scenario);
  return out.ok ? '' : out.error.message;
}
