/**
 * The comparison is part of the scenario (`compare`, src/scenario/compare.ts), so the link, the scenario file, undo
 * and the address carry it with everything else. Setting it re-runs nothing of run A (the engine never reads it);
 * it goes through `loadScenario` so Undo takes it back. An edit that leaves it meaningless (its device removed, its
 * step replaced) drops it and says why (`connectComparison`, connected by `createStores` once the lab has a comparison),
 * so the lab never holds a comparison that a link could not open. This module and scenario/comparison.ts are a chunk of
 * their own (vite.config.ts), fetched only by a lab that compares: a `compare=` parameter, the Compare dialog or view,
 * a file or a link (with the scenario checks), or a lesson whose scenario has a comparison.
 */
import { LabError } from '../engine/errors';
import type { EditableScenario } from '../model/scenarioEdit';
import type { Comparison } from '../scenario/compare';
import { checkComparison, comparisonText, parseComparisonText } from '../scenario/comparison';
import { checkCallback } from '../scenario/callbacks';
import type { LabStore } from './labStore';

/** Why `c` cannot be compared in `s` (`compare.device: unknown device "dsk"; …`), or undefined when it can. */
export function comparisonProblem(s: EditableScenario, c: Comparison): string | undefined {
  try {
    checkComparison(s, c, checkCallback);
    return undefined;
  } catch (e) {
    if (e instanceof LabError) return `${e.path}: ${e.expected}`;
    throw e;
  }
}

/** Sets (or, with undefined, ends) the lab's comparison. Returns the problem instead when it does not apply. */
export function setComparison(lab: LabStore, c: Comparison | undefined): string | undefined {
  const { scenario, position } = lab.getState();
  if (c) {
    const problem = comparisonProblem(scenario, c);
    if (problem) return problem;
  }
  const { compare: _old, ...rest } = scenario;
  lab.getState().loadScenario(c ? { ...rest, compare: c } : rest, position);
  return undefined;
}

/** The embed parameter `compare=` (its shape already checked), applied to the scenario the embed opened; a problem in words otherwise. */
export function applyComparisonText(lab: LabStore, text: string): string | undefined {
  const r = parseComparisonText(text);
  if (!r.ok) return `compare: ${r.message}`;
  const problem = setComparison(lab, r.comparison);
  return problem && `${problem} (no comparison is shown)`;
}

/** Ends the lab's comparison if its scenario no longer fits it (an edit removed its device, replaced its step), with a notice that says why. */
function endIfItNoLongerApplies(lab: LabStore, scenario: EditableScenario): void {
  const c = scenario.compare;
  if (!c) return;
  const problem = comparisonProblem(scenario, c);
  if (!problem) return;
  const { compare: _c, ...rest } = scenario;
  lab.setState({ scenario: rest, notice: { kind: 'info', message: `The comparison (${comparisonText(c)}) no longer applies and was ended: ${problem}`, scope: 'compare' } });
}

/**
 * An edit that leaves the comparison meaningless drops it, with a notice that says why; the lab's scenario as it is now is
 * checked first (this module is fetched when the lab first has a comparison: store/stores.ts). Returns the unsubscribe.
 */
export function connectComparison(lab: LabStore): () => void {
  endIfItNoLongerApplies(lab, lab.getState().scenario);
  return lab.subscribe((s, prev) => {
    if (s.scenario.compare && s.scenario !== prev.scenario) endIfItNoLongerApplies(lab, s.scenario);
  });
}
