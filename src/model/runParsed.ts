/**
 * Runs a checked scenario the way the CLI does with `--irp-travel --runs` (runScenario on a fresh lab) and keeps what the
 * UI needs beside the trace, all read from the engine's inspection stream (engine/inspect.ts): the table runs (who
 * called whom; every event carries its `run`), rows skipped by a guard (with the trace length at that moment), the
 * port each step left its device on, and the trace index of each step's user event. The checks of a scenario (zod,
 * the schema, parseObject.ts) are runLab.ts's: a chunk the page fetches when the lab is first reached for, so its
 * first run (the lab's own scenario, scenario/defaults.ts) needs none of them.
 */
import { EventBudgetError, LabError } from '../engine/errors';
import type { InspectRecord, RunEnd, RunStart } from '../engine/inspect';
import type { Layer, TraceEvent } from '../engine/trace';
import { BROWSER_BUDGET, budgetStopped } from '../scenario/budget';
import type { Lab } from '../engine/lab';
import { createLab, drain, scenarioSteps } from '../scenario/run';
import type { Scenario } from '../scenario/schema';

export interface SkipRecord {
  /** the table run that skipped the row (runs[run - 1]) */
  run: number;
  table: string;
  row: string;
  /** why, in words: the guard's sentence ('only when the device has interrupts') */
  reason: string;
  /** the guard that was false */
  when: string | undefined;
  /** trace length when the row was skipped: it happened after event `at - 1` and before event `at` */
  at: number;
  /** seq of the user event whose action was running */
  cause: number | undefined;
}

/** One driver of a device's stack, as the engine built it when the device was plugged in. */
export interface StackLayer {
  layer: Layer;
  driver: string;
  framework: string;
}

export interface PortChange {
  /** trace index of the user event that moved the device */
  index: number;
  device: string;
  port: string | undefined;
  /** the driver stack, bottom-up (bus driver first) */
  stack: StackLayer[];
}

/** One table run of the engine: its start (table, parent run and row, devnode, driver) and its end, once it ended. */
export interface TableRun {
  start: RunStart;
  end: RunEnd | undefined;
}

export interface RunResult {
  scenario: Scenario;
  trace: TraceEvent[];
  /** Every table run, by run id (runs[id - 1]); trace events name theirs in `run`. */
  runs: TableRun[];
  skips: SkipRecord[];
  ports: PortChange[];
  /** trace index of each step's user event (steps[i] -> stepEvents[i]) */
  stepEvents: number[];
}

export type RunOutcome =
  | { ok: true; run: RunResult }
  | { ok: false; error: LabError; /** index of the impossible step, if a step was at fault */ stepIndex: number | undefined };

const STEP_PATH = /^steps\[(\d+)\]/;

export function stepIndexOf(error: LabError): number | undefined {
  const m = STEP_PATH.exec(error.path);
  return m ? Number(m[1]) : undefined;
}

/**
 * Watches a run as it goes (the engine worker streams it, src/worker/): `onStart` gets the lab once it exists and
 * the run's parts besides the trace, which the run fills as it goes (append-only arrays).
 */
export interface RunHooks {
  onStart?(lab: Lab, parts: Omit<RunResult, 'trace'>): void;
}

/** Runs a checked scenario (its `compare` left out) within the browser's work budget: stopped at the cap (scenario/budget.ts). */
export function runParsed(scenario: Scenario, hooks: RunHooks = {}): RunOutcome {
  return drain(runParsedSteps(scenario, hooks));
}

/** runParsed one step at a time (scenario/run.ts, scenarioSteps): the engine worker's way of running it. */
export function* runParsedSteps(scenario: Scenario, hooks: RunHooks = {}): Generator<number, RunOutcome, void> {
  const skips: SkipRecord[] = [];
  const ports: PortChange[] = [];
  const stepEvents: number[] = [];
  const runs: TableRun[] = [];
  // The port comes from the user event (a plug without a port names the one the lab picked); the
  // driver stack the step left the device with is read from the lab right after the step.
  const inspect = (r: InspectRecord): void => {
    switch (r.kind) {
      case 'run.start':
        runs.push({ start: r, end: undefined });
        return;
      case 'run.end':
        runs[r.run - 1].end = r;
        return;
      case 'row.skip': {
        const run = runs[r.run - 1].start;
        skips.push({ run: r.run, table: run.table, row: r.row, reason: r.reason, when: r.when, at: r.seq, cause: run.cause });
        return;
      }
      case 'step': {
        const index = r.seq - 1;
        stepEvents.push(index);
        const a = r.action;
        const d = 'device' in a ? lab.devices.get(a.device) : undefined;
        if (d && (a.action === 'plug' || a.action === 'unplug')) {
          const port = a.action === 'plug' ? (lab.trace.events[index].args?.port as string | undefined) ?? d.port : undefined;
          ports.push({ index, device: d.id, port, stack: d.layers.map((l) => ({ layer: l.layer, driver: l.driver, framework: l.framework })) });
        }
        return;
      }
    }
  };
  // the lab in the browser shows every IRP on its way down the stack and back up (docs/trace-format.md, "IRPs that travel")
  const lab = createLab(scenario, { maxEvents: BROWSER_BUDGET.maxEvents, irpTravel: true, runs: true, inspect });
  hooks.onStart?.(lab, { scenario, runs, skips, ports, stepEvents });
  try {
    const trace = yield* scenarioSteps(scenario, lab);
    return { ok: true, run: { scenario, trace, runs, skips, ports, stepEvents } };
  } catch (e) {
    if (e instanceof EventBudgetError) return { ok: false, error: budgetStopped(e, scenario), stepIndex: undefined };
    if (e instanceof LabError) return { ok: false, error: e, stepIndex: stepIndexOf(e) };
    throw e;
  }
}
