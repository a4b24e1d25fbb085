/**
 * A comparison, worked out: run B (the scenario with its one difference, run as the lab runs A), both runs aligned
 * by user step, and one line per step. A step run B cannot take (an impossible action once the difference is made)
 * ends run B there, as an edit in the lab keeps the steps before an impossible one; the step says why.
 */
import { runLab, type RunResult } from '../runLab';
import type { Comparison } from '../../scenario/compare';
import { stepWords } from '../../scenario/comparison';
import { describeSides } from '../../scenario/compareWords';
import type { ScenarioInput } from '../../scenario/schema';
import { alignRuns, type StepAlignment } from './align';
import { summarize } from './summary';
import { variantOf } from '../../scenario/compareVariant';

export interface ComparedStep extends StepAlignment {
  /** `Step 2: unplug disk`, or `Before the first step` */
  label: string;
  summary: string;
}

export interface ComparedRuns {
  comparison: Comparison;
  sides: { a: string; b: string };
  /** run B, as far as it could run */
  b: RunResult;
  steps: ComparedStep[];
  /** run B stopped before one of its steps: which (its index in run A's steps) and why */
  stopped?: { step: number; message: string };
}

export type CompareOutcome = { ok: true; runs: ComparedRuns } | { ok: false; message: string };

export function compareRuns(scenario: ScenarioInput & { compare: Comparison }, a: RunResult): CompareOutcome {
  const c = scenario.compare;
  const variant = variantOf(scenario, c);
  let bScenario = variant.scenario;
  let out = runLab(bScenario);
  let stopped: ComparedRuns['stopped'];
  if (!out.ok && out.stepIndex !== undefined) {
    // keep the steps before the impossible one, as an edit in the lab does
    const bStep = out.stepIndex;
    const aStep = variant.steps.findIndex((bs) => bs.includes(bStep));
    stopped = { step: aStep < 0 ? bStep : aStep, message: out.error.expected };
    bScenario = { ...bScenario, steps: (bScenario.steps ?? []).slice(0, bStep) };
    out = runLab(bScenario);
  }
  if (!out.ok) return { ok: false, message: `${out.error.path}: ${out.error.expected}` };
  const b = out.run;
  const aligned = alignRuns(a, b, variant.steps);
  const steps = aligned.map((s): ComparedStep => {
    const i = s.step - 1;
    const missing = i >= 0 ? variant.leftOut.get(i) ?? (stopped && i >= stopped.step ? `run B stopped at step ${stopped.step + 1}: ${stopped.message}` : undefined) : undefined;
    return {
      ...s,
      label: s.step === 0 ? 'Before the first step' : `Step ${s.step}: ${stepWords(scenario.steps?.[i])}`,
      summary: summarize({ A: a.trace, B: b.trace, step: s, seed: scenario.seed ?? 1, missing }),
    };
  });
  return { ok: true, runs: { comparison: c, sides: describeSides(scenario, c), b, steps, stopped } };
}
