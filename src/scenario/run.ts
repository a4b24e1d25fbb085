/** Runs a validated scenario through the engine; the trace is the result. */
import type { Capabilities } from '../engine/bus/catalog';
import { CATALOG } from '../engine/bus/catalog';
import type { DeviceConfig } from '../engine/device';
import type { Behavior } from '../engine/framework/layerState';
import type { InspectObserver } from '../engine/inspect';
import { Lab, type LabAction } from '../engine/lab';
import type { TraceEvent } from '../engine/trace';
import type { Scenario, ScenarioDevice } from './schema';

export function deviceConfig(d: ScenarioDevice): DeviceConfig {
  const defaults = CATALOG[d.model as keyof typeof CATALOG].capabilities;
  const capabilities: Capabilities = { ...defaults, ...d.capabilities };
  const layerCallbacks: DeviceConfig['layerCallbacks'] = {};
  for (const [layer, v] of Object.entries(d.layers ?? {})) if (v) layerCallbacks[layer as 'bus'] = v.callbacks as Record<string, Behavior>;
  return {
    id: d.id,
    model: d.model as DeviceConfig['model'],
    framework: d.framework,
    filters: d.filters,
    callbacks: d.callbacks as Record<string, Behavior>,
    layerCallbacks,
    staticStopRemove: typeof d.staticStopRemove === 'number' ? d.staticStopRemove : d.staticStopRemove ? 1 : 0,
    capabilities,
    openHandles: d.openHandles,
    wia: d.wia,
  };
}

/** What a run may spend; see LabConfig. */
export interface RunLimits {
  /** The most trace events the run may record (default: no limit); one more throws EventBudgetError. */
  maxEvents?: number;
}

/** How a run records its trace; see LabConfig. */
export interface RunOptions extends RunLimits {
  /** IRPs recorded on their way down and back up (LabConfig.irpTravel; the lab in the browser, the CLI's `--irp-travel`). */
  irpTravel?: boolean;
  /** Every event carries the table run that recorded it (LabConfig.runs; the lab in the browser, the CLI's `--runs`). */
  runs?: boolean;
  /** Observers of the inspection stream (engine/inspect.ts). */
  inspect?: InspectObserver;
}

export function createLab(s: Scenario, options: RunOptions = {}): Lab {
  return new Lab(
    { seed: s.seed, devices: s.devices.map(deviceConfig), clients: s.clients, maxEvents: options.maxEvents, irpTravel: options.irpTravel, runs: options.runs },
    { inspect: options.inspect },
  );
}

/**
 * Each step runs once the previous one has settled; a step with `after: N` runs N virtual ms
 * after the previous step started instead, so it can land in the middle of something.
 * Throws LabError (with `steps[i]...` paths) at the first impossible step.
 */
export function runScenario(s: Scenario, lab: Lab = createLab(s)): TraceEvent[] {
  return drain(scenarioSteps(s, lab));
}

/**
 * runScenario one step at a time: the same run, paused after each step (yielding the steps done so far). The engine
 * worker drives it so that it can wait while the page shows the first events (worker/streamRun.ts); everything else
 * runs it to the end at once (runScenario, drain).
 */
export function* scenarioSteps(s: Scenario, lab: Lab): Generator<number, TraceEvent[], void> {
  let previousStart = 0;
  const steps = s.steps;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    if (step.after !== undefined) lab.runUntil(previousStart + step.after);
    else lab.settle();
    previousStart = lab.now;
    // The lab never sees `after`; a step without one is passed as it is (perform does not change it).
    let action: LabAction;
    if ('after' in step) {
      const { after: _after, ...rest } = step;
      action = rest as LabAction;
    } else action = step as LabAction;
    lab.perform(action, `steps[${i}]`);
    yield i + 1;
  }
  lab.settle();
  return lab.trace.events;
}

/** Runs a stepwise run (scenarioSteps and those built on it) to its end, at once. */
export function drain<T>(steps: Generator<unknown, T, void>): T {
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}
