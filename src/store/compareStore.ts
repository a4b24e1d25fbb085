/**
 * The comparison is part of the scenario (`compare`, src/scenario/compare.ts), so the link, the scenario file, undo
 * and the address carry it with everything else. Setting it re-runs nothing of run A (the engine never reads it);
 * it goes through `loadScenario` so Undo takes it back. An edit that leaves it meaningless (its device removed, its
 * step replaced) drops it and says why (`connectComparison`, made by `createStores`), so the lab never holds a
 * comparison that a link could not open.
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

/** An edit that leaves the comparison meaningless drops it, with a notice that says why. Returns the unsubscribe. */
export function connectComparison(lab: LabStore): () => void {
  return lab.subscribe((s, prev) => {
    const c = s.scenario.compare;
    if (!c || s.scenario === prev.scenario) return;
    const problem = comparisonProblem(s.scenario, c);
    if (!problem) return;
    const { compare: _c, ...rest } = s.scenario;
    lab.setState({ scenario: rest, notice: { kind: 'info', message: `The comparison (${comparisonText(c)}) no longer applies and was ended: ${problem}`, scope: 'compare' } });
  });
}
