/**
 * The work budget: how much work one scenario may ask of the lab, wherever it comes from (a file,
 * a link, the page around an embedded lab, the CLI). Two parts:
 *
 * - an estimate before running (`estimateEvents`): a lower bound on the trace events the run will
 *   record, worked out from the steps alone, so a scenario that certainly exceeds the cap is refused
 *   at once, without running;
 * - a hard cap while running: the engine stops at `maxEvents` events (LabConfig.maxEvents,
 *   EventBudgetError), and `budgetStopped` says how big the whole run would have been at that rate.
 *
 * The lab in the browser allows BROWSER_MAX_EVENTS; the CLI allows CLI_MAX_EVENTS unless told
 * otherwise (`--max-events N`).
 */
import { BUILT_IN_BUSES } from '../engine/bus/catalog';
import { EventBudgetError, LabError } from '../engine/errors';
import { count } from '../engine/text';
import type { Scenario } from './schema';

/** What one run may spend. */
export interface WorkBudget {
  /** most trace events the run may record */
  maxEvents: number;
  /** word the advice for the command line (`--max-events`) */
  cli?: boolean;
}

/** Most trace events a run may record in the browser (links, files, embeds, edits). */
export const BROWSER_MAX_EVENTS = 1_000_000;
/** The browser's budget: links, files, embeds and edits. */
export const BROWSER_BUDGET: WorkBudget = { maxEvents: BROWSER_MAX_EVENTS };
/** Most trace events a CLI run may record unless `--max-events` says otherwise (it streams, so this bounds time, not memory). */
export const CLI_MAX_EVENTS = 50_000_000;

/**
 * Fewest events a settled plug into a built-in port records beyond its own `user` event: arrival,
 * enumeration and start of the bus driver and the function driver (UMDF 1 on PCI is the cheapest,
 * 37 in all), and 11 more for each filter (the cheapest framework again). Measured on every model
 * and framework with 0, 1 and 4+4 filters (src/scenario/budget.test.ts checks the bound).
 */
const PLUG_EVENTS = 36;
const PLUG_EVENTS_PER_FILTER = 11;
/** Fewest events a settled `enable` of a disabled device records beyond its `user` event: the drivers load and start again. */
const ENABLE_EVENTS = 20;
const ENABLE_EVENTS_PER_FILTER = 11;

const BUILT_IN_PORT = new RegExp(`^(?:${BUILT_IN_BUSES.map((b) => b.id).join('|')}):\\d+$`);

/**
 * A lower bound on the trace events `s` records: one `user` event per step, plus, for a plug into a
 * built-in port (and an enable) that settles before the next step starts, what that device's start
 * costs at the least. A callback that hangs can block the PnP manager for the rest of the run, so
 * with one anywhere only the `user` events are counted.
 */
export function estimateEvents(s: Scenario): number {
  let events = s.steps.length;
  const hangs = s.devices.some((d) => Object.values(d.callbacks).includes('hang') || Object.values(d.layers ?? {}).some((l) => l && Object.values(l.callbacks).includes('hang')));
  if (hangs) return events;
  const filters = new Map(s.devices.map((d) => [d.id, d.filters.lower + d.filters.upper]));
  s.steps.forEach((step, i) => {
    // a step that the next one interrupts (`after`) may be cut short; one with `after` may find nothing to do
    const next = s.steps[i + 1];
    if (step.after !== undefined || (next !== undefined && next.after !== undefined)) return;
    if (step.action === 'plug' && step.port !== undefined && BUILT_IN_PORT.test(step.port)) events += PLUG_EVENTS + PLUG_EVENTS_PER_FILTER * (filters.get(step.device) ?? 0);
    else if (step.action === 'enable') events += ENABLE_EVENTS + ENABLE_EVENTS_PER_FILTER * (filters.get(step.device) ?? 0);
  });
  return events;
}

function smaller(maxEvents: number, cli: boolean): string {
  return cli
    ? `expected a smaller scenario, or a higher --max-events (now ${count(maxEvents)})`
    : `expected a smaller scenario (the CLI runs bigger ones: npm run -s lab -- run FILE --max-events N)`;
}

/**
 * Refuses, before running, a scenario whose estimate is over `maxEvents` (a LabError at `steps`).
 * `cli` words the advice for the command line.
 */
export function checkWorkBudget(s: Scenario, maxEvents: number, cli = false): void {
  const estimate = estimateEvents(s);
  if (estimate > maxEvents) {
    throw new LabError('steps', `${count(s.steps.length)} steps would record at least ${count(estimate)} trace events; the limit is ${count(maxEvents)}; ${smaller(maxEvents, cli)}`);
  }
}

/**
 * The engine's EventBudgetError told in the budget's terms: where the run stopped and, from the
 * rate so far, about how many events the whole scenario would record. A LabError at `steps`.
 */
export function budgetStopped(e: EventBudgetError, s: Scenario, cli = false): LabError {
  const total = s.steps.length;
  const started = Math.max(1, e.stepsStarted);
  const rate = e.maxEvents / started;
  const whole = e.stepsStarted > 0 && e.stepsStarted < total ? `; at that rate all ${count(total)} steps would record about ${count(rate * total)}` : '';
  const where = e.stepsStarted > 0 ? `in steps[${e.stepsStarted - 1}] (${e.lastStep}) of ${count(total)}` : 'before the first step';
  return new LabError('steps', `the run reached the limit of ${count(e.maxEvents)} trace events ${where}${whole}; ${smaller(e.maxEvents, cli)}`);
}

/** Steps in a not yet validated scenario object: checked before validation, so a huge array is refused without reading it. */
export function checkStepCount(json: unknown, maxEvents: number, cli = false): void {
  const steps = typeof json === 'object' && json !== null ? (json as { steps?: unknown }).steps : undefined;
  if (Array.isArray(steps) && steps.length > maxEvents) {
    throw new LabError('steps', `${count(steps.length)} steps would record at least ${count(steps.length)} trace events (one per step); the limit is ${count(maxEvents)}; ${smaller(maxEvents, cli)}`);
  }
}
