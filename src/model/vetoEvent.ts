import type { TraceEvent } from '../engine/trace';

/** True for a veto event (a `state` event with a VetoType). Apart from vetoes.ts, so the lab can tell a run has a veto without loading the explanations. */
export function isVeto(e: TraceEvent): boolean {
  return e.kind === 'state' && e.args !== undefined && 'VetoType' in e.args;
}
