/**
 * One line per step of a comparison, read from the two traces and the tables: a veto in one run only, a callback
 * whose place the seed picked (a table with a row that lets the seed choose, such as UMDF 1's OnSurpriseRemoval:
 * "not guaranteed to occur in any particular order", wdf/a-user-unplugs-a-device-umdf.md), results that differ,
 * the callbacks only one run calls; then the counts.
 */
import type { TraceEvent } from '../../engine/trace';
import { ALL_TABLES } from '../../engine/tables/registry';
import type { AlignedRow, StepAlignment } from './align';

/** Row actions that let the seed choose an order the pages leave open (the engine's tables). */
const SEEDED_ACTIONS = new Set(['chooseSurpriseSlot']);
/** `table/callback` of the callbacks such a table can call at several places: the seed picks one. */
const SEEDED_CALLBACKS = new Set(
  ALL_TABLES.filter((t) => t.rows.some((r) => SEEDED_ACTIONS.has(r.do))).flatMap((t) => {
    const names = t.rows.filter((r) => r.do === 'callback').map((r) => r.name!);
    return names.filter((n, i) => names.indexOf(n) !== i).map((n) => `${t.id}/${n}`);
  }),
);

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function frameworkOf(e: TraceEvent): string {
  return e.name.includes('::') ? 'UMDF 1' : 'KMDF';
}

function list(names: readonly string[], max = 2): string {
  const unique = [...new Set(names)];
  return unique.length <= max ? unique.join(', ') : `${unique.slice(0, max).join(', ')} and ${unique.length - max} more`;
}

/** The callback before `index` of the same device and driver in that run (what it comes "after"). */
function previousCallback(trace: readonly TraceEvent[], index: number): TraceEvent | undefined {
  const e = trace[index];
  for (let i = index - 1; i >= 0 && i >= index - 200; i--) {
    const x = trace[i];
    if (x.kind === 'user') return undefined;
    if (x.kind === 'callback' && x.device === e.device && x.layer === e.layer) return x;
  }
  return undefined;
}

function seededPlace(trace: readonly TraceEvent[], rows: readonly AlignedRow[], side: 'a' | 'b', seed: number): string | undefined {
  for (const r of rows) {
    const index = r[side];
    if (index === undefined || r.mark === 'same' || r.mark === 'result') continue;
    const e = trace[index];
    if (e.kind !== 'callback' || !SEEDED_CALLBACKS.has(`${e.at?.split('/')[0]}/${e.name}`)) continue;
    const before = previousCallback(trace, index);
    const where = before ? `after ${before.name}` : 'first';
    return `${frameworkOf(e)} calls ${e.name} ${where} in run ${side.toUpperCase()}; its place is not guaranteed (seed ${seed} picked it)`;
  }
  return undefined;
}

function vetoes(trace: readonly TraceEvent[], rows: readonly AlignedRow[], side: 'a' | 'b'): string[] {
  return rows.flatMap((r) => {
    const index = r[side];
    if (index === undefined || r.mark === 'same') return [];
    const e = trace[index];
    if (e.kind !== 'state' || !e.name.startsWith('PNP_Veto')) return [];
    const by = e.args?.Driver ?? e.args?.Client;
    return [`${e.name}${typeof by === 'string' ? ` by ${by}` : ''}`];
  });
}

export interface SummaryInput {
  A: readonly TraceEvent[];
  B: readonly TraceEvent[];
  step: StepAlignment;
  /** the scenarios' seed (the same in both runs) */
  seed: number;
  /** why run B has no step here, if it has none */
  missing?: string;
}

/** The step's one line. */
export function summarize({ A, B, step, seed, missing }: SummaryInput): string {
  if (!step.b) return `Not in run B: ${missing ?? 'run B stopped before this step'}.`;
  const { onlyA, onlyB, moved, result } = step.counts;
  if (onlyA + onlyB + moved + result === 0) return `The same in both runs (${plural(step.a[1] - step.a[0], 'event')}).`;
  const parts: string[] = [];
  const vetoA = vetoes(A, step.rows, 'a');
  const vetoB = vetoes(B, step.rows, 'b');
  if (vetoA.length || vetoB.length) parts.push(`vetoed in ${vetoA.length ? `run A (${list(vetoA, 1)})` : ''}${vetoA.length && vetoB.length ? ' and ' : ''}${vetoB.length ? `run B (${list(vetoB, 1)})` : ''}${vetoA.length && vetoB.length ? '' : `, not in run ${vetoA.length ? 'B' : 'A'}`}`);
  const seeded = seededPlace(B, step.rows, 'b', seed) ?? seededPlace(A, step.rows, 'a', seed);
  if (seeded) parts.push(seeded);
  // a callback's result first (the cause), else an IRP's
  const differs = step.rows.find((r) => r.mark === 'result' && A[r.a!].kind === 'callback') ?? step.rows.find((r) => r.mark === 'result' && A[r.a!].kind === 'irp');
  if (differs && (parts.length === 0 || (parts.length === 1 && parts[0].length < 70))) {
    const e = A[differs.a!];
    const verb = e.kind === 'irp' ? 'completes with' : 'returns';
    parts.push(`${e.name}${e.driver ? ` (${e.driver})` : ''} ${verb} ${e.result ?? 'nothing'} in run A, ${B[differs.b!].result ?? 'nothing'} in run B`);
  }
  // one line: a second finding only while the line stays short
  if (parts.length === 0 || (parts.length === 1 && parts[0].length < 70)) {
    const only = (trace: readonly TraceEvent[], side: 'a' | 'b', mark: 'onlyA' | 'onlyB') => step.rows.filter((r) => r.mark === mark && trace[r[side]!].kind === 'callback').map((r) => trace[r[side]!].name);
    const a = only(A, 'a', 'onlyA');
    const b = only(B, 'b', 'onlyB');
    if (a.length || b.length) parts.push([a.length ? `only run A calls ${list(a, 1)}` : '', b.length ? `only run B calls ${list(b, 1)}` : ''].filter(Boolean).join('; '));
  }
  const counts = [onlyA && `${onlyA} only in A`, onlyB && `${onlyB} only in B`, moved && `${moved} moved`, result && `${plural(result, 'different result')}`].filter(Boolean).join(', ');
  const text = parts.join('; ');
  return `${text ? text.charAt(0).toUpperCase() + text.slice(1) : 'Different'} (${counts}).`;
}
