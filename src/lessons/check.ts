/**
 * Checking lessons: goals and questions evaluated against a trace, and the scenario a task's solution runs
 * (prepared scenario + settings + steps). `evaluateGoal` and `evaluateQuestion` take any trace, so the UI can call
 * them on the learner's own. Running a scenario for a check (with the scenario checks: zod, the schema) is solve.ts.
 */
import type { TraceEvent } from '../engine/trace';
import type { ScenarioInput } from '../scenario/schema';
import type { ClientInput, DeviceInput, EventField, Goal, Lesson, Match, OneOf, Question, Settings, Solution, Task } from './types';

// ---- matching ------------------------------------------------------------------------------------

function anyOf<T>(want: OneOf<T>): readonly T[] {
  return Array.isArray(want) ? (want as readonly T[]) : [want as T];
}

function fits(want: OneOf<string | number | boolean> | undefined, got: unknown): boolean {
  if (want === undefined) return true;
  if (got === undefined || got === null) return false;
  return anyOf(want).some((w) => String(w) === String(got));
}

/** Finds events by seq (for `cause`); built once per trace. */
export type SeqLookup = (seq: number) => TraceEvent | undefined;

export function seqLookup(trace: readonly TraceEvent[]): SeqLookup {
  let bySeq: Map<number, TraceEvent> | undefined;
  return (seq) => {
    // the recorder numbers events 1, 2, 3, …: try the fast path, fall back to a map (a sliced trace)
    const guess = trace[seq - 1];
    if (guess?.seq === seq) return guess;
    bySeq ??= new Map(trace.map((e) => [e.seq, e]));
    return bySeq.get(seq);
  };
}

export function matchEvent(m: Match, e: TraceEvent, lookup?: SeqLookup): boolean {
  if (!fits(m.kind, e.kind) || !fits(m.name, e.name) || !fits(m.device, e.device) || !fits(m.client, e.client)) return false;
  if (!fits(m.layer, e.layer) || !fits(m.driver, e.driver) || !fits(m.component, e.component) || !fits(m.result, e.result)) return false;
  if (!fits(m.pass, e.pass)) return false;
  if (m.args) for (const [k, v] of Object.entries(m.args)) if (!fits(v, e.args?.[k])) return false;
  if (m.cause !== undefined) {
    const user = e.cause === undefined ? undefined : lookup?.(e.cause);
    if (!user || !fits(m.cause, user.name)) return false;
  }
  return true;
}

/** Index of the first event at or after `from` matching `m`, or -1. */
export function findIndex(trace: readonly TraceEvent[], m: Match, from = 0, lookup: SeqLookup = seqLookup(trace)): number {
  for (let i = from; i < trace.length; i++) if (matchEvent(m, trace[i], lookup)) return i;
  return -1;
}

export function findEvents(trace: readonly TraceEvent[], m: Match): TraceEvent[] {
  const lookup = seqLookup(trace);
  return trace.filter((e) => matchEvent(m, e, lookup));
}

/** The device's devnode at the end of the trace: its last non-veto `state` event. */
export function deviceStateIn(trace: readonly TraceEvent[], device: string): { state: string; problem: string | undefined; seq: number | undefined } {
  for (let i = trace.length - 1; i >= 0; i--) {
    const e = trace[i];
    if (e.kind === 'state' && e.device === device && !e.name.startsWith('PNP_Veto')) {
      const problem = e.args?.Problem;
      return { state: e.name, problem: typeof problem === 'string' ? problem : undefined, seq: e.seq };
    }
  }
  return { state: 'PhysicallyAbsent', problem: undefined, seq: undefined };
}

export function fieldOf(e: TraceEvent, field: EventField): string | undefined {
  const v = field.startsWith('args.') ? e.args?.[field.slice(5)] : e[field as Exclude<EventField, `args.${string}`>];
  return v === undefined || v === null ? undefined : String(v);
}

// ---- words ---------------------------------------------------------------------------------------

function words(v: OneOf<string | number | boolean>): string {
  const all = anyOf(v).map(String);
  return all.length === 1 ? all[0] : `${all.slice(0, -1).join(', ')} or ${all[all.length - 1]}`;
}

/** A match in words, e.g. `callback EvtDeviceQueryRemove on disk (function) with result STATUS_UNSUCCESSFUL`. */
export function describeMatch(m: Match): string {
  const parts: string[] = [m.kind ? words(m.kind) : 'event'];
  if (m.name) parts.push(words(m.name));
  if (m.device) parts.push(`on ${words(m.device)}`);
  if (m.layer) parts.push(`(${words(m.layer)})`);
  if (m.pass) parts.push(m.pass === 'up' ? 'on its way back up' : m.pass === 'down' ? 'on its way down' : `on its way ${words(m.pass)}`);
  if (m.driver) parts.push(`in ${words(m.driver)}`);
  if (m.client) parts.push(`${m.kind === 'notify' ? 'to' : 'by'} ${words(m.client)}`);
  if (m.component) parts.push(`in the ${words(m.component)}`);
  if (m.args) parts.push(`with ${Object.entries(m.args).map(([k, v]) => `${k}=${words(v)}`).join(', ')}`);
  if (m.result) parts.push(`${m.args ? 'and' : 'with'} result ${words(m.result)}`);
  if (m.cause) parts.push(`caused by ${words(m.cause)}`);
  return parts.join(' ');
}

/** A goal in words (generated from its data; a task's `goalText` is the hand-written version). */
export function describeGoal(g: Goal): string {
  switch (g.kind) {
    case 'event': {
      const m = describeMatch(g.match);
      return `${/^[aeio]/.test(m) ? 'an' : 'a'} ${m}`;
    }
    case 'absent': return `no ${describeMatch(g.match)}`;
    case 'sequence': return `in this order: ${g.matches.map((m, i) => `(${i + 1}) ${describeMatch(m)}`).join('; ')}`;
    case 'count': {
      const range = g.min !== undefined && g.max !== undefined ? (g.min === g.max ? `exactly ${g.min}` : `${g.min} to ${g.max}`) : g.min !== undefined ? `at least ${g.min}` : `at most ${g.max ?? 0}`;
      return `${range} × ${describeMatch(g.match)}`;
    }
    case 'deviceState': {
      const problem = g.problem === null ? ' with no problem code' : g.problem ? ` with ${g.problem}` : '';
      return `${g.device} ends ${g.state ? words(g.state) : 'in any state'}${problem}`;
    }
    case 'all': return `all of: ${g.goals.map(describeGoal).join(' AND ')}`;
    case 'any': return `one of: ${g.goals.map(describeGoal).join(' OR ')}`;
    case 'compared': return `in run B of the comparison: ${describeGoal(g.goal)}`;
  }
}

// ---- goals ---------------------------------------------------------------------------------------

export interface GoalResult {
  ok: boolean;
  goal: Goal;
  /** the goal in words */
  text: string;
  /** why it holds or fails */
  why: string;
  /** seqs of the events that show it (matches found; for a failed `absent`, the offending events) */
  evidence: number[];
  /** results of the parts of `all` / `any` */
  parts?: GoalResult[];
}

/** `compared`: the trace of the comparison's run B, for the goal's `compared` parts (comparedTrace). */
export function evaluateGoal(goal: Goal, trace: readonly TraceEvent[], compared?: readonly TraceEvent[]): GoalResult {
  return evaluate(goal, trace, seqLookup(trace), compared);
}

/** Whether a goal has parts about run B of a comparison. */
export function usesComparison(goal: Goal): boolean {
  return goal.kind === 'compared' || ((goal.kind === 'all' || goal.kind === 'any') && goal.goals.some(usesComparison));
}

function evaluate(goal: Goal, trace: readonly TraceEvent[], lookup: SeqLookup, compared: readonly TraceEvent[] | undefined): GoalResult {
  const text = describeGoal(goal);
  const result = (ok: boolean, why: string, evidence: number[] = [], parts?: GoalResult[]): GoalResult => ({ ok, goal, text, why, evidence, ...(parts ? { parts } : {}) });
  const matching = (m: Match) => trace.filter((e) => matchEvent(m, e, lookup));
  switch (goal.kind) {
    case 'event': {
      const i = findIndex(trace, goal.match, 0, lookup);
      return i < 0 ? result(false, `no ${describeMatch(goal.match)} in the trace`) : result(true, `found at seq ${trace[i].seq}`, [trace[i].seq]);
    }
    case 'absent': {
      const found = matching(goal.match);
      return found.length === 0 ? result(true, `no such event`) : result(false, `found ${found.length}, the first at seq ${found[0].seq}`, found.map((e) => e.seq));
    }
    case 'sequence': {
      const seqs: number[] = [];
      let from = 0;
      for (let k = 0; k < goal.matches.length; k++) {
        const i = findIndex(trace, goal.matches[k], from, lookup);
        if (i < 0) {
          const where = seqs.length ? ` after seq ${seqs[seqs.length - 1]} (where step ${k} was found)` : '';
          return result(false, `step ${k + 1} of ${goal.matches.length} missing: no ${describeMatch(goal.matches[k])}${where}`, seqs);
        }
        seqs.push(trace[i].seq);
        from = i + 1;
      }
      return result(true, `all ${goal.matches.length} found in order, at seq ${seqs.join(', ')}`, seqs);
    }
    case 'count': {
      const found = matching(goal.match);
      const ok = (goal.min === undefined || found.length >= goal.min) && (goal.max === undefined || found.length <= goal.max);
      return result(ok, `found ${found.length}`, found.map((e) => e.seq));
    }
    case 'deviceState': {
      const s = deviceStateIn(trace, goal.device);
      const stateOk = goal.state === undefined || anyOf(goal.state).includes(s.state as never);
      const problemOk = goal.problem === undefined || (goal.problem === null ? s.problem === undefined : s.problem === goal.problem);
      return result(stateOk && problemOk, `${goal.device} ends ${s.state}${s.problem ? ` (${s.problem})` : ' (no problem code)'}`, s.seq === undefined ? [] : [s.seq]);
    }
    case 'all':
    case 'any': {
      const parts = goal.goals.map((g) => evaluate(g, trace, lookup, compared));
      const failed = parts.filter((p) => !p.ok);
      const ok = goal.kind === 'all' ? failed.length === 0 : failed.length < parts.length;
      const why = goal.kind === 'all'
        ? (ok ? 'every part holds' : `${failed.length} of ${parts.length} parts fail: ${failed.map((p) => `${p.text} (${p.why})`).join('; ')}`)
        : (ok ? `holds: ${parts.filter((p) => p.ok).map((p) => p.text).join('; ')}` : 'no part holds');
      return result(ok, why, parts.filter((p) => p.ok).flatMap((p) => p.evidence), parts);
    }
    case 'compared': {
      if (!compared) return result(false, 'there is no run B: the lab\'s scenario has no comparison (Compare)');
      const inner = evaluate(goal.goal, compared, seqLookup(compared), undefined);
      // evidence names run B's events: it is not a seq of the lab's own trace
      return result(inner.ok, `in run B: ${inner.why}`, [], [inner]);
    }
  }
}

// ---- running -------------------------------------------------------------------------------------

/** The prepared scenario with `settings` applied (a new object; the lesson's data is not touched). */
export function applySettings(scenario: ScenarioInput, settings: Settings | undefined): ScenarioInput {
  const out = structuredClone(scenario);
  if (!settings) return out;
  if (settings.seed !== undefined) out.seed = settings.seed;
  for (const [id, patch] of Object.entries(settings.devices ?? {})) {
    const devices = out.devices ?? [];
    const i = devices.findIndex((d) => d.id === id);
    if (i < 0) throw new Error(`settings.devices.${id}: no device "${id}" in the prepared scenario`);
    devices[i] = mergeDevice(devices[i], structuredClone(patch));
  }
  for (const [id, patch] of Object.entries(settings.clients ?? {})) {
    const clients = (out.clients ??= []);
    const i = clients.findIndex((c) => c.id === id);
    if (i < 0) clients.push({ id, ...structuredClone(patch) } as ClientInput);
    else clients[i] = { ...clients[i], ...structuredClone(patch) };
  }
  return out;
}

function mergeDevice(d: DeviceInput, p: Partial<Omit<DeviceInput, 'id'>>): DeviceInput {
  const out: DeviceInput = { ...d, ...p };
  if (p.callbacks) out.callbacks = { ...d.callbacks, ...p.callbacks };
  if (p.capabilities) out.capabilities = { ...d.capabilities, ...p.capabilities };
  if (p.filters) out.filters = { ...d.filters, ...p.filters };
  if (p.wia) out.wia = { ...d.wia, ...p.wia };
  if (p.layers) {
    const layers = { ...d.layers };
    for (const [name, v] of Object.entries(p.layers) as [keyof NonNullable<DeviceInput['layers']>, { callbacks: Record<string, 'succeed' | 'fail' | 'absent' | 'hang'> } | undefined][]) {
      if (v) layers[name] = { callbacks: { ...d.layers?.[name]?.callbacks, ...v.callbacks } };
    }
    out.layers = layers;
  }
  return out;
}

/** The scenario a solution runs: the prepared scenario, its settings, its steps appended. */
export function solutionScenario(scenario: ScenarioInput, solution: Solution): ScenarioInput {
  const s = applySettings(scenario, solution.settings);
  s.steps = [...(s.steps ?? []), ...structuredClone(solution.steps)];
  return s;
}

/** The scenario a task's solution (or, with `solution`, another way of doing it) runs. */
export function taskScenario(lesson: Lesson, task: Task, solution: Solution = task.solution): ScenarioInput {
  return solutionScenario(lesson.scenario, solution);
}

export function findTask(lesson: Lesson, id: string): Task {
  const t = lesson.tasks.find((x) => x.id === id);
  if (!t) throw new Error(`lesson ${lesson.id}: no task "${id}"`);
  return t;
}

// ---- questions -----------------------------------------------------------------------------------

export interface QuestionResult {
  /** the event the question is asked after, if the trace has it */
  asked: TraceEvent | undefined;
  /** the next event matching `next` after it: the one the answer is about */
  next: TraceEvent | undefined;
  /** its `field`: the right answer according to this trace */
  actual: string | undefined;
  /** whether `choice` equals `actual` */
  correct: boolean;
  message: string;
}

/** Finds where the question is asked in `trace` and what really comes next; compares `choice` (default: the lesson's answer). */
export function evaluateQuestion(q: Question, trace: readonly TraceEvent[], choice: string = q.answer): QuestionResult {
  const lookup = seqLookup(trace);
  const occurrence = q.occurrence ?? 1;
  let at = -1;
  for (let n = 0; n < occurrence; n++) {
    at = findIndex(trace, q.after, at + 1, lookup);
    if (at < 0) return { asked: undefined, next: undefined, actual: undefined, correct: false, message: `the trace has no ${ordinal(occurrence)} ${describeMatch(q.after)}` };
  }
  const asked = trace[at];
  const i = findIndex(trace, q.next, at + 1, lookup);
  if (i < 0) return { asked, next: undefined, actual: undefined, correct: false, message: `nothing matches ${describeMatch(q.next)} after seq ${asked.seq}` };
  const next = trace[i];
  const actual = fieldOf(next, q.field);
  const correct = actual === choice;
  return { asked, next, actual, correct, message: `after seq ${asked.seq} (${asked.name}) the next ${describeMatch(q.next)} is seq ${next.seq} (${next.name}), whose ${q.field} is ${actual ?? '(none)'}; "${choice}" is ${correct ? 'right' : 'wrong'}` };
}

function ordinal(n: number): string {
  return n === 1 ? 'first' : n === 2 ? 'second' : n === 3 ? 'third' : `${n}th`;
}

/** The scenario a question is asked on: the prepared scenario, or the solution of the task it names. */
export function questionScenario(lesson: Lesson, q: Question): ScenarioInput {
  return q.onTask === undefined ? structuredClone(lesson.scenario) : taskScenario(lesson, findTask(lesson, q.onTask));
}
