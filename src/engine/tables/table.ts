/**
 * Sequences as data. A table is a list of rows; each row names one step (send an IRP, call a
 * callback, change a state, run another table) and declares every exit it can take. The runner
 * takes only declared exits and throws if a step produces an outcome its row did not declare.
 * The same tables are what the flowchart draws and what docs/fidelity.md cites.
 */
import type { Inspector, RunFrame, RunSubject } from '../inspect';
import type { Yield } from '../scheduler';
import { skipReason, wordOf, type ActionWord, type EffectWord, type GuardWord, type Vocabulary } from './vocabulary';

/** Outcome of one row: it happened (`ok`), it failed (`fail`), or it did not apply (`skip`). */
export type Outcome = 'ok' | 'fail' | 'skip';
/** Exits: another row's id, or the end of the table with success or failure. */
export const END_OK = '@ok';
export const END_FAIL = '@fail';

/**
 * One row. `D`, `W`, `E`: the names its host knows (tables/vocabulary.ts): a PnP table's rows are
 * `Row<PnpDo, PnpWhen, PnpEffect>`, so a name the host does not know does not compile.
 */
export interface Row<D extends string = string, W extends string = string, E extends string = string> {
  id: string;
  /** Named action that carries the row out (the host's action words: PNP_ACTIONS, LAYER_ACTIONS, WIA_ACTIONS). */
  do: D;
  /** The Windows name this row stands for: IRP, callback, routine, devnode state, ... */
  name?: string;
  /** Static arguments; a value starting with `$` is read from the table's parameters. */
  args?: Record<string, string>;
  /** Named guard: when it is false the row is skipped, and the guard's sentence says why. */
  when?: W;
  /** Exit after `ok`, and after `skip` unless `skipTo` is given. */
  next: string;
  /** Exit after `fail`; a row without it cannot fail. */
  fail?: string;
  skipTo?: string;
  /** The table the row runs (`do: 'table'`, iteration rows; a role such as `addDevice` for forEachAddDeviceLayer): its word's `invokes` says how. */
  table?: string;
  /** Parameters passed to `table`. */
  params?: Record<string, string>;
  /** Named state change applied when the row happened (ok, or skipped because the callback is absent). */
  effect?: E;
  /** Named state change applied when the row failed. */
  effectOnFail?: E;
  /** Microsoft page this row follows, when it differs from the table's. */
  cite?: string;
  /** One line for learners: why this step is here. */
  note?: string;
}

export interface Table<D extends string = string, W extends string = string, E extends string = string> {
  id: string;
  title: string;
  /** Microsoft page (path in MicrosoftDocs/windows-driver-docs unless it says otherwise). */
  cite: string;
  start: string;
  rows: Row<D, W, E>[];
  /** The devnodes the table runs for lose their drivers: `forEachInSubtree` marks them as being removed before it runs it. */
  removal?: boolean;
}

/** The end of a table: success or failure. */
export type End = 'ok' | 'fail';

/** A row ready to run: its exits resolved to rows or ends, and its trace `at` built once. */
export interface CompiledRow {
  /** The row, with every field present (see `uniformRow`). */
  row: Row;
  /** `tableId/rowId`: the `at` of every event this row produces. */
  at: string;
  onOk: CompiledRow | End;
  /** Undefined when the row declares no `fail` exit. */
  onFail: CompiledRow | End | undefined;
  onSkip: CompiledRow | End;
  /** The `$name` references in `row.args` / `row.params` (undefined when none: those need no resolving). */
  argRefs: ParamRef[] | undefined;
  paramRefs: ParamRef[] | undefined;
  /**
   * The args last resolved for this row: the next event with the same values shares the object
   * (event args are read-only, as rows without references already share theirs).
   */
  lastArgs: Record<string, string> | undefined;
  /**
   * The row's words in its host's vocabulary (tables/vocabulary.ts), bound when the table first runs (`bindWords`): the
   * functions themselves, so the runner calls them from one kind of object (the guard's word is kept for its sentence).
   */
  run: ActionWord<TableHost>['run'] | undefined;
  guard: GuardWord<TableHost> | undefined;
  test: GuardWord<TableHost>['test'] | undefined;
  effect: EffectWord<TableHost>['apply'] | undefined;
  effectOnFail: EffectWord<TableHost>['apply'] | undefined;
}

/** One `key: '$name'` entry of a row's args or params. */
interface ParamRef {
  key: string;
  /** The parameter's name (without the `$`). */
  param: string;
  /** The value as written, kept when the parameter is missing. */
  written: string;
}

/** The row's args for these table parameters (the row's own object when it references none). */
export function argsOf(c: CompiledRow, params: Record<string, string>): Record<string, string> | undefined {
  if (c.argRefs === undefined) return c.row.args;
  if (c.lastArgs !== undefined && sameValues(c.lastArgs, c.argRefs, params)) return c.lastArgs;
  return (c.lastArgs = resolveRefs(c.row.args!, c.argRefs, params));
}

/** Whether `resolved` holds what resolving the references against `params` would give. */
function sameValues(resolved: Record<string, string>, refs: ParamRef[], params: Record<string, string>): boolean {
  for (const r of refs) if (resolved[r.key] !== (params[r.param] ?? r.written)) return false;
  return true;
}

/** The parameters the row passes to its sub-table (the row's own object when it references none). */
export function paramsOf(c: CompiledRow, params: Record<string, string>): Record<string, string> | undefined {
  return c.paramRefs === undefined ? c.row.params : resolveRefs(c.row.params!, c.paramRefs, params);
}

/**
 * The parameters a row's sub-table (or IRP) runs with: the table's own, overridden by the row's. The
 * table's own object when the row has none (parameter objects are read-only).
 */
export function subParams(c: CompiledRow, params: Record<string, string>): Record<string, string> {
  return c.row.params === undefined ? params : Object.assign({}, params, paramsOf(c, params));
}

function paramRefs(values: Record<string, string> | undefined): ParamRef[] | undefined {
  let refs: ParamRef[] | undefined;
  for (const key in values) {
    const v = values[key];
    if (v.charCodeAt(0) === 36 /* $ */) (refs ??= []).push({ key, param: v.slice(1), written: v });
  }
  return refs;
}

/**
 * A copy of the row's values with each `$name` replaced by the parameter's value (kept as written when
 * the parameter is missing). Rows without references share their own object: event args are read-only.
 */
function resolveRefs(values: Record<string, string>, refs: ParamRef[], params: Record<string, string>): Record<string, string> {
  const out = Object.assign({}, values);
  for (const r of refs) out[r.key] = params[r.param] ?? r.written;
  return out;
}

/** The parameters of a run that has none: one frozen object, shared. */
export const NO_PARAMS: Readonly<Record<string, string>> = Object.freeze({});

export interface CompiledTable extends Table {
  /** The start row, compiled; the other compiled rows hang off its exits. */
  first: CompiledRow;
  /** Every row, compiled, in the table's order. */
  compiled: CompiledRow[];
  /** The vocabulary the rows' words were bound from (a table is run by one kind of host). */
  words: Vocabulary<TableHost> | undefined;
}

/** Checks that every exit names a row of the table or an end, and compiles the rows. */
export function compileTable(table: Table): CompiledTable {
  const compiled = new Map<string, CompiledRow>();
  for (const row of table.rows) {
    if (compiled.has(row.id)) throw new Error(`table ${table.id}: duplicate row ${row.id}`);
    compiled.set(row.id, {
      row: uniformRow(row), at: `${table.id}/${row.id}`, onOk: 'ok', onFail: undefined, onSkip: 'ok',
      argRefs: paramRefs(row.args), paramRefs: paramRefs(row.params), lastArgs: undefined,
      run: undefined, guard: undefined, test: undefined, effect: undefined, effectOnFail: undefined,
    });
  }
  const exists = (exit: string | undefined) => exit === undefined || exit === END_OK || exit === END_FAIL || compiled.has(exit);
  if (!compiled.has(table.start)) throw new Error(`table ${table.id}: start row ${table.start} does not exist`);
  for (const row of table.rows) {
    for (const exit of [row.next, row.fail, row.skipTo]) {
      if (!exists(exit)) throw new Error(`table ${table.id}/${row.id}: exit ${exit} does not exist`);
    }
  }
  const resolve = (exit: string): CompiledRow | End => (exit === END_OK ? 'ok' : exit === END_FAIL ? 'fail' : compiled.get(exit)!);
  for (const c of compiled.values()) {
    c.onOk = resolve(c.row.next);
    c.onFail = c.row.fail === undefined ? undefined : resolve(c.row.fail);
    c.onSkip = resolve(c.row.skipTo ?? c.row.next);
  }
  // written out (no spread): every compiled table has one shape
  return {
    id: table.id, title: table.title, cite: table.cite, start: table.start, rows: table.rows, removal: table.removal === true,
    first: compiled.get(table.start)!, compiled: [...compiled.values()], words: undefined,
  };
}

/** Binds every row of the table to its words in `words`; throws, naming the row, for a word the host does not know. */
export function bindWords(table: CompiledTable, words: Vocabulary<TableHost>): void {
  for (const c of table.compiled) {
    const r = c.row;
    c.run = wordOf(words.do, r.do, c.at, `${words.host} action`).run;
    c.guard = r.when === undefined ? undefined : wordOf(words.when, r.when, c.at, `${words.host} guard`);
    c.test = c.guard?.test;
    c.effect = r.effect === undefined ? undefined : wordOf(words.effect, r.effect, c.at, `${words.host} effect`).apply;
    c.effectOnFail = r.effectOnFail === undefined ? undefined : wordOf(words.effect, r.effectOnFail, c.at, `${words.host} effect`).apply;
  }
  table.words = words;
}

/**
 * A copy of the row with every field present (absent ones undefined), in one order. The tables' rows
 * are literals of dozens of shapes; the runner and the hosts read these copies, all of one shape, so
 * each of their reads of a row field is a plain one (not a lookup among many shapes).
 */
function uniformRow(r: Row): Row {
  return {
    id: r.id, do: r.do, name: r.name, args: r.args, when: r.when, next: r.next, fail: r.fail, skipTo: r.skipTo,
    table: r.table, params: r.params, effect: r.effect, effectOnFail: r.effectOnFail, cite: r.cite, note: r.note,
  };
}

export class UndeclaredExitError extends Error {}

/** Waits `ms` of virtual time, then gives `outcome` (for actions that could not finish at once). */
export function* after<T>(ms: number, outcome: T): Generator<Yield, T, void> {
  yield ms;
  return outcome;
}

/** What a table needs from whoever runs it. */
export interface TableHost {
  /** What the host's rows can do, their guards and their effects (tables/vocabulary.ts). */
  readonly words: Vocabulary<TableHost>;
  /** The inspection stream's numbering of runs (engine/inspect.ts), when someone listens; undefined otherwise. */
  readonly inspector: Inspector | undefined;
  /** Who a run of this host is for (asked only when inspecting). */
  subject(): RunSubject;
}

type Pending = { row: CompiledRow; step: Generator<Yield, Outcome, void> };

/** Runs a table to its end as a task step; returns whether it ended in `@ok` or `@fail`. */
export function* runTable(table: CompiledTable, host: TableHost, params: Record<string, string> = {}): Generator<Yield, End, void> {
  const r = startTable(table, host, params);
  return typeof r === 'string' ? r : yield* r;
}

/**
 * Runs a table without creating a task step for as long as its rows finish at once; returns the end,
 * or a step that carries on from the first row that has to wait. When someone inspects, the run is numbered and
 * its start, rows and end are told (engine/inspect.ts).
 */
export function startTable(table: CompiledTable, host: TableHost, params: Record<string, string> = {}): End | Generator<Yield, End, void> {
  if (table.words !== host.words) bindWords(table, host.words);
  const inspector = host.inspector;
  if (inspector !== undefined) return startInspected(table, host, params, inspector);
  const r = runRows(table, host, params, table.first, undefined);
  return typeof r === 'string' ? r : carryOn(table, host, params, r, undefined);
}

function startInspected(table: CompiledTable, host: TableHost, params: Record<string, string>, inspector: Inspector): End | Generator<Yield, End, void> {
  const frame = inspector.begin(table.id, host.subject());
  const r = runRows(table, host, params, table.first, frame);
  if (typeof r !== 'string') return carryOn(table, host, params, r, frame);
  inspector.end(frame, r);
  return r;
}

function* carryOn(table: CompiledTable, host: TableHost, params: Record<string, string>, pending: Pending, frame: RunFrame | undefined): Generator<Yield, End, void> {
  for (;;) {
    const outcome = yield* pending.step;
    const next = finishRow(table, host, pending.row, outcome, params);
    const r = typeof next === 'string' ? next : runRows(table, host, params, next, frame);
    if (typeof r === 'string') {
      if (frame !== undefined) host.inspector!.end(frame, r);
      return r;
    }
    pending = r;
  }
}

/** Runs rows from `c` until the table ends or a row has to wait. */
function runRows(table: CompiledTable, host: TableHost, params: Record<string, string>, c: CompiledRow, frame: RunFrame | undefined): End | Pending {
  for (;;) {
    const row = c.row;
    if (frame !== undefined) host.inspector!.at(frame, row.id);
    let outcome: Outcome;
    if (c.test !== undefined && !c.test(host, params)) {
      outcome = 'skip';
      if (frame !== undefined) host.inspector!.skip(row.id, skipReason(c.guard!), row.when);
    } else {
      let r = c.run!(host, c, params, table);
      // A row's task step starts here and now: whoever gets the pending row starts it at once anyway, and
      // most finish without yielding (the scheduler runs what is due meanwhile in place), so the tables
      // above need no task steps of their own.
      if (typeof r !== 'string') r = startNow(r);
      if (typeof r !== 'string') return { row: c, step: r };
      outcome = r;
    }
    const next = finishRow(table, host, c, outcome, params);
    if (typeof next === 'string') return next;
    c = next;
  }
}

/** Runs a task step up to its first yield: its result when it finished, else a step that yields that first. */
function startNow(step: Generator<Yield, Outcome, void>): Outcome | Generator<Yield, Outcome, void> {
  const r = step.next();
  return r.done ? r.value : resumeAfter(r.value, step);
}

function* resumeAfter(first: Yield, step: Generator<Yield, Outcome, void>): Generator<Yield, Outcome, void> {
  yield first;
  return yield* step;
}

/** Applies the row's effect and takes its exit for `outcome`; throws if the row did not declare it. */
function finishRow(table: CompiledTable, host: TableHost, c: CompiledRow, outcome: Outcome, params: Record<string, string>): End | CompiledRow {
  if (outcome === 'ok') {
    if (c.effect !== undefined) c.effect(host, params);
    return c.onOk;
  }
  if (outcome === 'skip') return c.onSkip;
  if (c.effectOnFail !== undefined) c.effectOnFail(host, params);
  if (c.onFail === undefined) {
    throw new UndeclaredExitError(`${table.id}/${c.row.id}: outcome '${outcome}' is not a declared exit of this row`);
  }
  return c.onFail;
}
