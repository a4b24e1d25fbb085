/**
 * Two runs side by side, aligned by user step: each step of run A with the step(s) of run B that stand for it
 * (variant.ts), and within a step the events of both runs paired by what they are (kind, name, device, layer,
 * client, component, the way an IRP travels, the arguments; never the driver's name, `t` or `seq`, which differ
 * between frameworks and runs). Pairs in the same order (a longest common subsequence) are the same event; an event
 * found in both runs but out of that order is "moved"; a pair whose result differs is "result"; the rest is in one
 * run only. Pure: the trace is the only input.
 */
import type { TraceEvent } from '../../engine/trace';

export type Mark = 'same' | 'onlyA' | 'onlyB' | 'moved' | 'result';

export interface AlignedRow {
  /** trace index in run A */
  a?: number;
  /** trace index in run B */
  b?: number;
  mark: Mark;
  /** for a moved event: where its twin is, in the other run */
  twin?: number;
}

export interface StepAlignment {
  /** 0 = before the first step (what the system did at boot); i + 1 = step i of run A */
  step: number;
  /** run A's events of this step: [start, end) */
  a: [number, number];
  /** run B's events of the step(s) that stand for it, or none (run B has no such step) */
  b: [number, number] | undefined;
  rows: AlignedRow[];
  counts: Record<Exclude<Mark, 'same'>, number>;
}

export interface RunSide {
  trace: readonly TraceEvent[];
  /** trace index of each step's user event */
  stepEvents: readonly number[];
}

/** What makes two events "the same event" in two runs. */
export function eventKey(e: TraceEvent): string {
  return `${e.kind}|${e.name}|${e.device ?? ''}|${e.layer ?? ''}|${e.client ?? ''}|${e.component ?? ''}|${e.pass ?? ''}|${e.args ? JSON.stringify(e.args) : ''}`;
}

/** Above this many cells (events of A × events of B in one step, after the common start and end) pairs are found greedily. */
const MAX_CELLS = 4_000_000;

/** Index pairs of a longest common subsequence of `a` and `b` (greedy in order beyond MAX_CELLS). */
export function commonPairs(a: readonly string[], b: readonly string[]): [number, number][] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA--; endB--; }
  const head: [number, number][] = Array.from({ length: start }, (_, i) => [i, i]);
  const tail: [number, number][] = Array.from({ length: a.length - endA }, (_, i) => [endA + i, endB + i]);
  const n = endA - start;
  const m = endB - start;
  const middle: [number, number][] = [];
  if (n > 0 && m > 0 && n * m <= MAX_CELLS) {
    // lengths[i][j] = LCS of a[start+i..endA) and b[start+j..endB)
    const w = m + 1;
    const lengths = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lengths[i * w + j] = a[start + i] === b[start + j] ? lengths[(i + 1) * w + j + 1] + 1 : Math.max(lengths[(i + 1) * w + j], lengths[i * w + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (a[start + i] === b[start + j]) { middle.push([start + i, start + j]); i++; j++; }
      else if (lengths[(i + 1) * w + j] >= lengths[i * w + j + 1]) i++;
      else j++;
    }
  } else if (n > 0 && m > 0) {
    let j = start;
    for (let i = start; i < endA && j < endB; i++) {
      const k = b.indexOf(a[i], j);
      if (k >= 0 && k < endB) { middle.push([i, k]); j = k + 1; }
    }
  }
  return [...head, ...middle, ...tail];
}

/** The rows of one step: the common pairs in order, and between them the events of A, then of B, that have no pair. */
export function alignEvents(A: readonly TraceEvent[], aStart: number, B: readonly TraceEvent[], bStart: number): Omit<StepAlignment, 'step' | 'a' | 'b'> {
  const ka = A.map(eventKey);
  const kb = B.map(eventKey);
  const pairs = commonPairs(ka, kb);
  const pairedA = new Set(pairs.map((p) => p[0]));
  const pairedB = new Set(pairs.map((p) => p[1]));
  // an event in both runs, out of the common order: pair it with the first free twin
  const freeB = new Map<string, number[]>();
  kb.forEach((k, j) => { if (!pairedB.has(j)) (freeB.get(k) ?? freeB.set(k, []).get(k)!).push(j); });
  const twinOfA = new Map<number, number>();
  const twinOfB = new Map<number, number>();
  ka.forEach((k, i) => {
    if (pairedA.has(i)) return;
    const j = freeB.get(k)?.shift();
    if (j !== undefined) { twinOfA.set(i, j); twinOfB.set(j, i); }
  });
  const counts = { onlyA: 0, onlyB: 0, moved: 0, result: 0 };
  const rows: AlignedRow[] = [];
  const loose = (i0: number, i1: number, j0: number, j1: number) => {
    for (let i = i0; i < i1; i++) {
      const twin = twinOfA.get(i);
      if (twin !== undefined) { rows.push({ a: aStart + i, mark: 'moved', twin: bStart + twin }); counts.moved++; }
      else { rows.push({ a: aStart + i, mark: 'onlyA' }); counts.onlyA++; }
    }
    for (let j = j0; j < j1; j++) {
      const twin = twinOfB.get(j);
      if (twin !== undefined) rows.push({ b: bStart + j, mark: 'moved', twin: aStart + twin });
      else { rows.push({ b: bStart + j, mark: 'onlyB' }); counts.onlyB++; }
    }
  };
  let i = 0;
  let j = 0;
  for (const [pi, pj] of pairs) {
    loose(i, pi, j, pj);
    const differs = A[pi].result !== B[pj].result;
    if (differs) counts.result++;
    rows.push({ a: aStart + pi, b: bStart + pj, mark: differs ? 'result' : 'same' });
    i = pi + 1;
    j = pj + 1;
  }
  loose(i, A.length, j, B.length);
  return { rows, counts };
}

/** Where a run's step i starts and ends (0 = before the first step). */
function segment(side: RunSide, step: number): [number, number] {
  const start = step === 0 ? 0 : side.stepEvents[step - 1];
  const end = step < side.stepEvents.length ? side.stepEvents[step] : side.trace.length;
  return [start, end];
}

/**
 * Both runs, step by step. `steps[i]` lists run B's steps for run A's step i (variant.ts); run B may have stopped
 * early (fewer `stepEvents`): its missing steps have no events.
 */
export function alignRuns(A: RunSide, B: RunSide, steps: readonly (readonly number[])[]): StepAlignment[] {
  const out: StepAlignment[] = [];
  for (let s = 0; s <= A.stepEvents.length; s++) {
    const a = segment(A, s);
    let b: [number, number] | undefined;
    if (s === 0) b = segment(B, 0);
    else {
      const mine = (steps[s - 1] ?? []).filter((k) => k < B.stepEvents.length);
      if (mine.length) b = [segment(B, mine[0] + 1)[0], segment(B, mine[mine.length - 1] + 1)[1]];
    }
    const { rows, counts } = alignEvents(A.trace.slice(a[0], a[1]), a[0], b ? B.trace.slice(b[0], b[1]) : [], b ? b[0] : 0);
    out.push({ step: s, a, b, rows, counts });
  }
  return out;
}

/** The step whose events hold trace index `index` of run A. */
export function stepOfA(steps: readonly StepAlignment[], index: number): StepAlignment | undefined {
  let lo = 0;
  let hi = steps.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [start, end] = steps[mid].a;
    if (index < start) hi = mid - 1;
    else if (index >= end) lo = mid + 1;
    else return steps[mid];
  }
  return undefined;
}

/**
 * One cursor drives both runs: run B's position for run A's `position` (events applied). The event under A's cursor
 * maps to its pair (or its moved twin); an event of A alone maps to the last paired event before it in the step; a
 * step run B does not have leaves B where it stopped.
 */
export function positionInB(steps: readonly StepAlignment[], position: number, bLength: number): number {
  if (position <= 0) return 0;
  const step = stepOfA(steps, position - 1);
  if (!step) return bLength;
  if (!step.b) return Math.min(bLength, steps.filter((s) => s.b !== undefined && s.step < step.step).reduce((end, s) => Math.max(end, s.b![1]), 0));
  const at = step.rows.findIndex((r) => r.a === position - 1);
  for (let k = at; k >= 0; k--) {
    const r = step.rows[k];
    const b = r.b ?? (r.a !== undefined && r.mark === 'moved' ? r.twin : undefined);
    if (b !== undefined) return b + 1;
  }
  return step.b[0];
}
