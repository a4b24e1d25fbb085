/**
 * The trace in compact chunks, for the trip from the engine worker to the page: every string once (a table that
 * grows chunk by chunk), numbers and string ids in typed arrays (transferred, not copied), and each distinct `args`
 * once as its JSON text. The page turns a chunk back into TraceEvent objects that share their strings and their
 * `args` objects, so a million events cost the page about a hundred bytes each.
 *
 * Events come back with every field in the order the engine writes them (trace.ts), absent ones undefined, so
 * JSON.stringify gives the same JSON Lines byte for byte (the CLI's output, Save trace).
 *
 * An event's `result` and `end` can change after it was sent (an IRP completed later): the encoder keeps the
 * changes as patches, sent with the next chunk.
 */
import type { TraceEvent } from '../engine/trace';

/** String-valued fields (and `args`, as its JSON text), in the order they are written. */
const STRING_FIELDS = ['kind', 'name', 'device', 'client', 'layer', 'driver', 'pass', 'component', 'args', 'result', 'resultHex', 'at'] as const;
/** Number-valued fields besides seq and t. */
const NUMBER_FIELDS = ['end', 'cause', 'run'] as const;
/** Every field a trace event may have; one the codec does not know is refused (it would be lost on the way). */
const KNOWN = new Set<string>(['seq', 't', ...STRING_FIELDS, ...NUMBER_FIELDS]);
const S = STRING_FIELDS.length;
const N = NUMBER_FIELDS.length;
const NONE = -1;
const ARGS = STRING_FIELDS.indexOf('args');
/** numbers per patch: index, result id, resultHex id, end */
const PATCH = 4;

export interface EncodedChunk {
  /** index (seq - 1) of the chunk's first event */
  first: number;
  count: number;
  /** strings new to the table, in id order (ids go on from the decoder's table length) */
  strings: string[];
  t: Float64Array;
  /** count × STRING_FIELDS string ids; -1: absent */
  str: Int32Array;
  /** count × NUMBER_FIELDS; NaN: absent */
  num: Float64Array;
  /** events sent earlier whose result, resultHex or end changed: index, result id, resultHex id (-1 none), end (NaN none), in fours */
  patches: Float64Array;
}

/**
 * Flat records (a run's skips: strings and numbers only), as columns: the same string table as the trace's, so a
 * device id or a table row is one string however many records name it.
 */
export interface EncodedRecords {
  /** the records' keys, in the order of the first record that has each */
  keys: string[];
  /** per key: 's' string column (ids in `str`), 'n' number column (in `num`) */
  types: ('s' | 'n')[];
  count: number;
  /** count × (string keys) ids; -1: undefined */
  str: Int32Array;
  /** count × (number keys); NaN: undefined */
  num: Float64Array;
}

/** The keys of a skip record in the order runLab makes them (strings first, then numbers, as they come in the columns). */
const SKIP_KEYS = 'run,table,row,reason,when,at,cause';

export function isEncodedRecords(v: unknown): v is EncodedRecords {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (v as EncodedRecords).str instanceof Int32Array;
}

/**
 * A run's table runs (model/runLab.ts, TableRun: the inspection stream's run.start and, once the run ended, its
 * run.end), as columns: most of a big run's records, and an end comes after its start was sent (a patch).
 */
export interface EncodedRuns {
  /** runs[first] is the chunk's first run (run id first + 1) */
  first: number;
  count: number;
  /** count × 6 string ids: table, parent.row, queuedBy.row, device, layer, driver */
  str: Int32Array;
  /** count × 7: run, parent.run, queuedBy.run, irp, cause, seq, and the end's seq (NaN: no end yet) */
  num: Float64Array;
  /** count end outcomes (string ids; -1: no end yet) */
  outcome: Int32Array;
  /** runs sent earlier that have ended since: index, outcome id, seq, in threes */
  ends: Float64Array;
}

export function isEncodedRuns(v: unknown): v is EncodedRuns {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (v as EncodedRuns).outcome instanceof Int32Array;
}

/** The typed arrays of a chunk, to transfer with postMessage. */
export function transferables(c: EncodedChunk, records: readonly (EncodedRecords | EncodedRuns)[] = []): ArrayBuffer[] {
  return [c.t.buffer, c.str.buffer, c.num.buffer, c.patches.buffer, ...records.flatMap((r) => ('outcome' in r ? [r.str.buffer, r.num.buffer, r.outcome.buffer, r.ends.buffer] : [r.str.buffer, r.num.buffer]))] as ArrayBuffer[];
}

/** The shape of a table run the codec knows (model/runLab.ts TableRun, engine/inspect.ts RunStart and RunEnd). */
interface RunLike {
  start: { kind: 'run.start'; run: number; table: string; parent: { run: number; row: string } | undefined; queuedBy: { run: number; row: string } | undefined; irp: number | undefined; device: string | undefined; layer: string | undefined; driver: string | undefined; cause: number | undefined; seq: number };
  end: { kind: 'run.end'; run: number; outcome: string; seq: number } | undefined;
}
const RUN_STR = 6;
const RUN_NUM = 7;

export class TraceCodecError extends Error {}

/** Worker side: encodes a trace's new events, chunk by chunk, and remembers the changes to events already sent. */
export class TraceEncoder {
  private readonly ids = new Map<string, number>();
  private pendingStrings: string[] = [];
  /** args objects already encoded (the engine reuses some), to their string id */
  private readonly argsIds = new WeakMap<object, number>();
  /** events sent so far */
  sent = 0;
  private readonly changed = new Set<TraceEvent>();

  private id(s: string | undefined): number {
    if (s === undefined) return NONE;
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(s, id);
      this.pendingStrings.push(s);
    }
    return id;
  }

  private argsId(args: Record<string, unknown> | undefined): number {
    if (args === undefined) return NONE;
    let id = this.argsIds.get(args);
    if (id === undefined) {
      id = this.id(JSON.stringify(args));
      this.argsIds.set(args, id);
    }
    return id;
  }

  /**
   * `items` as columns, or undefined when they are not flat records of strings and numbers (then they go as they
   * are). Call before `encode`: the chunk carries the strings both add.
   */
  encodeRecords(items: readonly object[]): EncodedRecords | undefined {
    // the keys in the order they first come (an undefined value too: the decoded records keep the key order)
    const keys: string[] = [];
    const found: ('s' | 'n' | undefined)[] = [];
    const slot = new Map<string, number>();
    // plain loops (no Object.entries, no closures): a big run has hundreds of thousands of skips
    for (const item of items) {
      const r = item as Record<string, unknown>;
      for (const k in r) {
        const v = r[k];
        let at = slot.get(k);
        if (at === undefined) {
          at = keys.length;
          slot.set(k, at);
          keys.push(k);
          found.push(undefined);
        }
        if (v === undefined) continue;
        const type = typeof v === 'string' ? 's' : typeof v === 'number' ? 'n' : undefined;
        if (type === undefined || (found[at] !== undefined && found[at] !== type)) return undefined;
        found[at] = type;
      }
    }
    // a key that is undefined in every record: a string column of nothing
    const types = found.map((t) => t ?? 's');
    const strKeys = keys.filter((_, i) => types[i] === 's');
    const numKeys = keys.filter((_, i) => types[i] === 'n');
    const ns = strKeys.length;
    const nn = numKeys.length;
    const str = new Int32Array(items.length * ns);
    const num = new Float64Array(items.length * nn);
    for (let i = 0; i < items.length; i++) {
      const r = items[i] as Record<string, unknown>;
      for (let j = 0; j < ns; j++) str[i * ns + j] = this.id(r[strKeys[j]] as string | undefined);
      for (let j = 0; j < nn; j++) {
        const v = r[numKeys[j]];
        num[i * nn + j] = typeof v === 'number' ? v : NaN;
      }
    }
    return { keys, types, count: items.length, str, num };
  }

  /** runs sent so far, and those of them still without an end */
  private runsSent = 0;
  private readonly openRuns = new Set<number>();

  /** The table runs `runs[this.runsSent ..]` as columns, with the ends of runs sent earlier. Call before `encode`. */
  encodeRuns(runs: readonly object[]): EncodedRuns {
    const all = runs as readonly RunLike[];
    const first = this.runsSent;
    const count = all.length - first;
    const str = new Int32Array(count * RUN_STR);
    const num = new Float64Array(count * RUN_NUM);
    const outcome = new Int32Array(count);
    const ends: number[] = [];
    for (const i of this.openRuns) {
      const end = all[i].end;
      if (!end) continue;
      ends.push(i, this.id(end.outcome), end.seq);
      this.openRuns.delete(i);
    }
    for (let k = 0; k < count; k++) {
      const { start, end } = all[first + k];
      const o = k * RUN_STR;
      str[o] = this.id(start.table);
      str[o + 1] = this.id(start.parent?.row);
      str[o + 2] = this.id(start.queuedBy?.row);
      str[o + 3] = this.id(start.device);
      str[o + 4] = this.id(start.layer);
      str[o + 5] = this.id(start.driver);
      const p = k * RUN_NUM;
      num[p] = start.run;
      num[p + 1] = start.parent?.run ?? NaN;
      num[p + 2] = start.queuedBy?.run ?? NaN;
      num[p + 3] = start.irp ?? NaN;
      num[p + 4] = start.cause ?? NaN;
      num[p + 5] = start.seq;
      num[p + 6] = end?.seq ?? NaN;
      outcome[k] = this.id(end?.outcome);
      if (!end) this.openRuns.add(first + k);
    }
    this.runsSent = all.length;
    return { first, count, str, num, outcome, ends: Float64Array.from(ends) };
  }

  /** `event` (sent earlier, or not yet) had its result, resultHex or end changed (read when the next chunk is made). */
  touched(event: TraceEvent): void {
    if (event.seq <= this.sent) this.changed.add(event);
  }

  /** The events `events[this.sent ..]` as a chunk (with the patches gathered since the last one). */
  encode(events: readonly TraceEvent[]): EncodedChunk {
    const first = this.sent;
    const count = events.length - first;
    const t = new Float64Array(count);
    const str = new Int32Array(count * S);
    const num = new Float64Array(count * N);
    for (let i = 0; i < count; i++) {
      const e = events[first + i] as TraceEvent & Record<string, unknown>;
      if (e.seq !== first + i + 1) throw new TraceCodecError(`trace event ${first + i}: seq ${e.seq}, expected ${first + i + 1}`);
      for (const k in e) if (!KNOWN.has(k)) throw new TraceCodecError(`trace event ${e.seq}: field "${k}" is unknown to the trace codec (src/worker/traceCodec.ts)`);
      t[i] = e.t;
      const o = i * S;
      for (let f = 0; f < S; f++) str[o + f] = f === ARGS ? this.argsId(e.args) : this.id(e[STRING_FIELDS[f]] as string | undefined);
      const p = i * N;
      for (let f = 0; f < N; f++) {
        const v = e[NUMBER_FIELDS[f]];
        num[p + f] = typeof v === 'number' ? v : NaN;
      }
    }
    const patches = new Float64Array(this.changed.size * PATCH);
    let j = 0;
    for (const e of this.changed) {
      patches[j++] = e.seq - 1;
      patches[j++] = this.id(e.result);
      patches[j++] = this.id(e.resultHex);
      patches[j++] = e.end ?? NaN;
    }
    this.changed.clear();
    this.sent = events.length;
    const strings = this.pendingStrings;
    this.pendingStrings = [];
    return { first, count, strings, t, str, num, patches };
  }
}

/**
 * A number from a typed array, as the page keeps it: undefined for NaN, and a whole number as a small integer (a
 * double kept in an object costs a box of its own).
 */
function small(v: number): number | undefined {
  if (Number.isNaN(v)) return undefined;
  const i = v | 0;
  return i === v && !Object.is(v, -0) ? i : v;
}

/** Page side: turns chunks back into events (shared strings, shared args objects), into one growing array. */
export class TraceDecoder {
  private readonly strings: string[] = [];
  /** parsed args by string id (one object per distinct args) */
  private readonly args = new Map<number, Record<string, unknown>>();
  readonly events: TraceEvent[] = [];

  private argsOf(id: number): Record<string, unknown> | undefined {
    if (id === NONE) return undefined;
    let a = this.args.get(id);
    if (a === undefined) {
      a = JSON.parse(this.strings[id]) as Record<string, unknown>;
      this.args.set(id, a);
    }
    return a;
  }

  private string(id: number): string | undefined {
    if (id === NONE) return undefined;
    const s = this.strings[id];
    if (s === undefined) throw new TraceCodecError(`string id ${id} is not in the table (${this.strings.length} strings)`);
    return s;
  }

  /** Records encoded with `encodeRecords` (after the chunk that brought their strings was decoded). */
  decodeRecords(r: EncodedRecords): Record<string, unknown>[] {
    const strKeys = r.keys.filter((_, i) => r.types[i] === 's');
    const numKeys = r.keys.filter((_, i) => r.types[i] === 'n');
    if (r.keys.length !== r.types.length || r.str.length !== r.count * strKeys.length || r.num.length !== r.count * numKeys.length) throw new TraceCodecError('records: columns do not match their keys');
    const out: Record<string, unknown>[] = [];
    if (r.keys.join() === SKIP_KEYS && r.types.join('') === 'nssssnn') {
      // a run's skips (model/runLab.ts, SkipRecord), most of the records: one literal, so each is one compact object
      for (let i = 0; i < r.count; i++) {
        const o = i * 4;
        const n = i * 3;
        out.push({ run: small(r.num[n]), table: this.string(r.str[o]), row: this.string(r.str[o + 1]), reason: this.string(r.str[o + 2]), when: this.string(r.str[o + 3]), at: small(r.num[n + 1]), cause: small(r.num[n + 2]) });
      }
      return out;
    }
    for (let i = 0; i < r.count; i++) {
      const item: Record<string, unknown> = {};
      let s = 0;
      let n = 0;
      for (let k = 0; k < r.keys.length; k++) {
        if (r.types[k] === 's') item[r.keys[k]] = this.string(r.str[i * strKeys.length + s++]);
        else {
          item[r.keys[k]] = small(r.num[i * numKeys.length + n++]);
        }
      }
      out.push(item);
    }
    return out;
  }

  /** Adds the table runs of `r` to `runs` (which must hold the runs sent before) and gives ended runs their end. */
  decodeRuns(r: EncodedRuns, runs: unknown[]): void {
    if (r.first !== runs.length || r.str.length !== r.count * RUN_STR || r.num.length !== r.count * RUN_NUM || r.outcome.length !== r.count || r.ends.length % 3 !== 0) throw new TraceCodecError('runs: columns do not match');
    const ref = (run: number, row: number) => (Number.isNaN(run) ? undefined : { run: small(run)!, row: this.string(row)! });
    for (let k = 0; k < r.count; k++) {
      const o = k * RUN_STR;
      const p = k * RUN_NUM;
      const run = small(r.num[p])!;
      const start: RunLike['start'] = {
        kind: 'run.start', run, table: this.string(r.str[o])!, parent: ref(r.num[p + 1], r.str[o + 1]), queuedBy: ref(r.num[p + 2], r.str[o + 2]),
        irp: small(r.num[p + 3]), device: this.string(r.str[o + 3]), layer: this.string(r.str[o + 4]), driver: this.string(r.str[o + 5]), cause: small(r.num[p + 4]), seq: small(r.num[p + 5])!,
      };
      const end: RunLike['end'] = r.outcome[k] === NONE ? undefined : { kind: 'run.end', run, outcome: this.string(r.outcome[k])!, seq: small(r.num[p + 6])! };
      runs.push({ start, end });
    }
    for (let j = 0; j < r.ends.length; j += 3) {
      const target = runs[r.ends[j]] as RunLike | undefined;
      if (!target) throw new TraceCodecError(`the end of run ${r.ends[j] + 1}, which was never sent`);
      target.end = { kind: 'run.end', run: target.start.run, outcome: this.string(r.ends[j + 1])!, seq: small(r.ends[j + 2])! };
    }
  }

  /** Adds `c`'s events (it must follow the events decoded so far) and applies its patches. */
  decode(c: EncodedChunk): void {
    if (c.first !== this.events.length) throw new TraceCodecError(`chunk starts at event ${c.first}, expected ${this.events.length}`);
    for (const s of c.strings) this.strings.push(s);
    const { t, str, num } = c;
    for (let i = 0; i < c.count; i++) {
      const o = i * S;
      const p = i * N;
      const kind = this.string(str[o]) as TraceEvent['kind'];
      const client = this.string(str[o + 3]);
      const component = this.string(str[o + 7]) as TraceEvent['component'];
      const resultHex = this.string(str[o + 10]);
      const pass = this.string(str[o + 6]) as TraceEvent['pass'];
      const seq = c.first + i + 1;
      const time = small(t[i])!;
      const name = this.string(str[o + 1])!;
      const device = this.string(str[o + 2]);
      const layer = this.string(str[o + 4]) as TraceEvent['layer'];
      const driver = this.string(str[o + 5]);
      const args = this.argsOf(str[o + 8]);
      const result = this.string(str[o + 9]);
      const end = small(num[p]);
      const cause = small(num[p + 1]);
      const at = this.string(str[o + 11]);
      const run = small(num[p + 2]);
      // The fields in the engine's order (trace.ts), absent ones undefined (JSON.stringify leaves them out), in one
      // of three shapes as the engine's recorders make them: an event of a driver stack (most of the trace), the same
      // with its IRP's pass, or any event (WIA and hardware events, clients' calls: the ones that can get resultHex).
      let e: TraceEvent;
      if (client !== undefined || component !== undefined || resultHex !== undefined || kind === 'wia' || kind === 'hw') {
        e = { seq, t: time, kind, name, device, client, layer, driver, pass, component, args, result, resultHex, end, cause, at, run } as TraceEvent;
      } else if (pass !== undefined) {
        e = { seq, t: time, kind, name, device, layer, driver, pass, args, result, end, cause, at, run } as TraceEvent;
      } else {
        e = { seq, t: time, kind, name, device, layer, driver, args, result, end, cause, at, run } as TraceEvent;
      }
      this.events.push(e);
    }
    for (let j = 0; j < c.patches.length; j += PATCH) {
      const index = c.patches[j];
      const e = this.events[index];
      if (e === undefined) throw new TraceCodecError(`patch for event ${index}, beyond the ${this.events.length} decoded`);
      const hex = this.string(c.patches[j + 2]);
      // a resultHex on an event of a shape without one would be written last: make it an event of the full shape
      const target: TraceEvent = hex !== undefined && !('resultHex' in e) ? (this.events[index] = { seq: e.seq, t: e.t, kind: e.kind, name: e.name, device: e.device, client: e.client, layer: e.layer, driver: e.driver, pass: e.pass, component: e.component, args: e.args, result: e.result, resultHex: hex, end: e.end, cause: e.cause, at: e.at, run: (e as { run?: number }).run } as TraceEvent) : e;
      target.result = this.string(c.patches[j + 1]);
      if (hex !== undefined || 'resultHex' in target) target.resultHex = hex;
      target.end = small(c.patches[j + 3]);
    }
  }

}
