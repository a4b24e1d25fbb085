/**
 * The words table rows are written in. Each host (PnpHost, LayerHost, WiaHost) has three maps: what a row can `do`,
 * which guard it can name in `when`, and which `effect` it can apply, each word a function with one sentence that
 * says what it means. The maps are checked with `satisfies`; their keys type the host's rows (pnp/tables.ts declares
 * `PnpTable = Table<PnpDo, PnpWhen, PnpEffect>`), so a wrong name does not compile. The sentences are what the
 * inspection stream says when a guard skips a row, and what docs/fidelity.md and the flowchart show.
 */
import type { Yield } from '../scheduler';
import type { CompiledRow, CompiledTable, Outcome, Row } from './table';

/** What a row of the host does: an outcome at once, or a task step that yields virtual time first. */
export interface ActionWord<H> {
  readonly says: string;
  run(host: H, c: CompiledRow, params: Record<string, string>, table: CompiledTable): Outcome | Generator<Yield, Outcome, void>;
  /**
   * The tables a row with this word runs (the row's `table`, the framework tables an IRP reaches, …), for
   * systemGraph(); absent: the word runs no table.
   */
  invokes?(row: Row, table: string): readonly Invocation[];
}

/** A guard: when it is false the row is skipped. `says` is the condition, in words. */
export interface GuardWord<H> {
  readonly says: string;
  test(host: H, params: Record<string, string>): boolean;
}

/** A named state change a row applies when it happened (or failed: `effectOnFail`); it may read the run's parameters. */
export interface EffectWord<H> {
  readonly says: string;
  apply(host: H, params: Readonly<Record<string, string>>): void;
}

/** How a row runs another table (tables/systemGraph.ts). */
export type InvocationKind =
  /** the same host runs the table in place (`do: 'table'`), or for other devnodes of the same operation */
  | 'runs'
  /** a driver of the stack runs its framework's table for the IRP the row sends (`irp` names it) */
  | 'irp'
  /** each driver of the stack runs its framework's table for a role (DriverEntry, AddDevice, unload) */
  | 'role'
  /** the table runs later, as a request of its own (a deferred removal, a restart) */
  | 'queues';

export interface Invocation {
  table: string;
  kind: InvocationKind;
  /** `irp`: the IRP, with its pass or power direction where the framework tells them apart (`IRP_MN_SET_POWER:D0`). */
  irp?: string;
}

export type Actions<H> = Readonly<Record<string, ActionWord<H>>>;
export type Guards<H> = Readonly<Record<string, GuardWord<H>>>;
export type Effects<H> = Readonly<Record<string, EffectWord<H>>>;

/** A host's three maps (the keys are what its rows may say). */
export interface Vocabulary<H> {
  /** Who speaks these words, for people (systemGraph, docs). */
  readonly host: string;
  readonly do: Actions<H>;
  readonly when: Guards<H>;
  readonly effect: Effects<H>;
}

/** The word `name` of `words`; throws, naming the row, when a table uses a word its host does not know. */
export function wordOf<W>(words: Readonly<Record<string, W>>, name: string, where: string, kind: string): W {
  const w = Object.prototype.hasOwnProperty.call(words, name) ? words[name] : undefined;
  if (w === undefined) throw new Error(`${where}: unknown ${kind} "${name}"`);
  return w;
}

/** Why a guard skipped a row, in words. */
export function skipReason(guard: GuardWord<unknown>): string {
  return `only when ${guard.says}`;
}

/** The tables a row runs, as its word declares them. */
export function invocationsOf(words: Vocabulary<unknown>, row: Row, where: string): readonly Invocation[] {
  return wordOf(words.do, row.do, where, 'action').invokes?.(row, where.slice(0, where.indexOf('/'))) ?? [];
}

/** One invocation of the row's own `table` field (rows of `do: 'table'` and the iteration rows). */
export const runsRowTable = (row: Row): readonly Invocation[] => (row.table === undefined ? [] : [{ table: row.table, kind: 'runs' }]);
