/**
 * The work budget's engine side: LabConfig.maxEvents caps the trace. The default (no cap) leaves the
 * trace exactly as it was; a run that would record one event more stops with EventBudgetError.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../scenario/parse';
import { createLab, runScenario } from '../scenario/run';
import { EventBudgetError, LabError } from './errors';
import { toJsonLines } from './trace';

const example = parseScenarioText(readFileSync(join(import.meta.dirname, '../../examples/hub-unplug.json'), 'utf8'));

function budgetError(f: () => unknown): EventBudgetError {
  try {
    f();
  } catch (e) {
    if (e instanceof EventBudgetError) return e;
    throw e;
  }
  throw new Error('expected an EventBudgetError');
}

describe('maxEvents: a hard cap on trace events', () => {
  const full = runScenario(example);
  const bytes = toJsonLines(full);

  it('a budget the run fits in (exactly) changes nothing: the same bytes as no budget', () => {
    expect(toJsonLines(runScenario(example, createLab(example, { maxEvents: full.length })))).toBe(bytes);
  });

  it('one event too few stops the run with EventBudgetError, the trace holding exactly maxEvents events', () => {
    const lab = createLab(example, { maxEvents: full.length - 1 });
    const e = budgetError(() => runScenario(example, lab));
    expect(lab.trace.events).toHaveLength(full.length - 1);
    expect(toJsonLines(lab.trace.events.slice(0, -1))).toBe(toJsonLines(full.slice(0, full.length - 2)));
    expect(e).toBeInstanceOf(LabError);
    expect(e.maxEvents).toBe(full.length - 1);
    expect(e.t).toBe(full[full.length - 1].t);
    const users = full.filter((x) => x.kind === 'user');
    expect(e.stepsStarted).toBe(users.length);
    expect(e.lastStep).toBe(users[users.length - 1].name);
    expect(e.path).toBe('(scenario)');
    expect(e.message).toBe(`(scenario): the run reached its budget of ${full.length - 1} trace events at virtual time ${e.t} ms, after steps[${users.length - 1}] (${e.lastStep}) had started; expected a scenario that records at most ${full.length - 1} events`);
  });

  it('says how far the run got when it stops in the middle: mid-step and inside perform', () => {
    const users = full.filter((x) => x.kind === 'user');
    // stop at the second step's user event: recorded inside perform
    const second = users[1].seq;
    const e = budgetError(() => runScenario(example, createLab(example, { maxEvents: second - 1 })));
    expect(e.stepsStarted).toBe(1);
    expect(e.lastStep).toBe(users[0].name);
    expect(e.message).toContain(`after steps[0] (${users[0].name}) had started`);
    // a budget of 1: the second event does not fit (the first is a registration or the first step)
    const first = budgetError(() => runScenario(example, createLab(example, { maxEvents: 1 })));
    expect(first.stepsStarted).toBe(full[0].kind === 'user' ? 1 : 0);
    expect(first.t).toBe(full[1].t);
    expect(first.message).toMatch(/budget of 1 trace events/);
  });

  it('large budgets read with thousands separators; before any step it says so', () => {
    expect(new EventBudgetError(1_000_000, 12_345, 0, undefined).message).toBe('(scenario): the run reached its budget of 1,000,000 trace events at virtual time 12,345 ms, before the first step; expected a scenario that records at most 1,000,000 events');
  });

  it('refuses a budget that is not a whole number >= 1', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Infinity]) expect(() => createLab(example, { maxEvents: bad })).toThrow(RangeError);
  });
});
