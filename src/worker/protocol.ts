/**
 * The messages between the page and the engine worker, and their checks. A message from the other side is input
 * like any other: each one is checked for its shape and bounded in size before it is used, and one that fails is
 * refused with a one-line reason (the run then ends with that reason; the lab keeps what it had).
 *
 * page → worker: `run` (a scenario to run; a newer run is a new worker: the page ends the old one to cancel it),
 *                `hold` and `resume` (the page is showing the run's first events: the worker waits at its next chunk)
 * worker → page: `start` (the validated scenario), `chunk`s (trace events, compact, and the run's other parts so far),
 *                then `done`, or `fail` (the scenario's error: path and expectation), or `crash` (a bug in the engine).
 */
import { BROWSER_MAX_EVENTS } from '../scenario/budget';
import type { SandboxScenario } from '../share/sandbox';
import type { Scenario } from '../scenario/schema';
import type { ScannerTrack } from '../model/scanState';
import { isEncodedRecords, isEncodedRuns, type EncodedChunk, type EncodedRecords, type EncodedRuns } from './traceCodec';

export interface RunRequest {
  type: 'run';
  id: number;
  /** the scenario as the page has it (validated again in the worker, within the browser's work budget) */
  input?: unknown;
  /** instead of `input`: the file this worker read last (its `import` request id), which the page has not changed */
  imported?: number;
}

/** A scenario file's bytes, to read as the page would (share/permalink.ts, importScenarioFile), off the main thread. */
export interface ImportRequest {
  type: 'import';
  id: number;
  bytes: Uint8Array;
}

/**
 * The page is showing the run's first events (`hold`) or has shown them (`resume`): the worker waits in between, at
 * its next chunk, so that the two do not share the machine's cores while the page lays a big lab out.
 */
export interface HoldRequest {
  type: 'hold';
  id: number;
}

export interface ResumeRequest {
  type: 'resume';
  id: number;
}

export type Request = RunRequest | ImportRequest | HoldRequest | ResumeRequest;

export interface ImportedMessage {
  type: 'imported';
  id: number;
  scenario: SandboxScenario;
}

export interface RefusedMessage {
  type: 'refused';
  id: number;
  path: string;
  message: string;
}

export interface StartMessage {
  type: 'start';
  id: number;
  /** the validated scenario; its steps AS_SENT when they are the page's own, as JSON (they usually are) */
  scenario: Omit<Scenario, 'steps'> & { steps: Scenario['steps'] | typeof AS_SENT };
}

/** A start's steps that are the steps the page sent, unchanged by the checks: the page uses its own (no copy back). */
export const AS_SENT = 'as-sent';

export interface ChunkMessage {
  type: 'chunk';
  id: number;
  chunk: EncodedChunk;
  /** new items of the run's parts besides the trace (skips, ports, stepEvents, …), since the last chunk; flat records as columns */
  parts: Record<string, unknown[] | EncodedRecords | EncodedRuns>;
}

export interface DoneMessage {
  type: 'done';
  id: number;
  /** each scanner's WIA side over the run (model/scanState.ts), made in the worker: a pass over the trace the page skips */
  scanners?: Map<string, ScannerTrack>;
}

export interface FailMessage {
  type: 'fail';
  id: number;
  path: string;
  expected: string;
  stepIndex: number | undefined;
}

export interface CrashMessage {
  type: 'crash';
  id: number;
  message: string;
}

export type WorkerMessage = StartMessage | ChunkMessage | DoneMessage | FailMessage | CrashMessage;

/**
 * Largest file the page sends to be read: share/permalink.ts's MAX_FILE_CHARS (a test keeps them equal; importing it
 * would bring the link codec into the page's first chunk, which loads it lazily).
 */
export const MAX_FILE_CHARS = 5_000_000;

/** Most events in one chunk (the worker sends far fewer: a chunk every few ms of running). */
export const MAX_CHUNK_EVENTS = 200_000;
/** Longest string in a chunk's table (an `args` JSON text is the longest kind). */
export const MAX_STRING_CHARS = 64 * 1024;
/** Most new items of one part in one chunk. */
export const MAX_PART_ITEMS = 200_000;
/** Longest one-line message (fail, crash). */
const MAX_MESSAGE_CHARS = 2_000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;
const shortText = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_MESSAGE_CHARS;

/** The worker's check of a request from the page: the request, or why it is refused. */
export function readRequest(data: unknown): Request | string {
  if (!isObject(data)) return 'message: expected an object';
  if (!isId(data.id)) return 'message.id: expected a whole number > 0';
  if (data.type === 'import') {
    if (!(data.bytes instanceof Uint8Array) || data.bytes.length > MAX_FILE_CHARS) return `message.bytes: expected the bytes of a file of at most ${MAX_FILE_CHARS} bytes`;
    return { type: 'import', id: data.id, bytes: data.bytes };
  }
  if (data.type === 'hold') return { type: 'hold', id: data.id };
  if (data.type === 'resume') return { type: 'resume', id: data.id };
  if (data.type !== 'run') return `message.type: expected "run", "import", "hold" or "resume", got ${JSON.stringify(String(data.type)).slice(0, 40)}`;
  if (data.imported !== undefined) {
    if (!isId(data.imported)) return 'message.imported: expected the id of a file read before';
    return { type: 'run', id: data.id, imported: data.imported };
  }
  if (!isObject(data.input)) return 'message.input: expected a scenario object';
  return { type: 'run', id: data.id, input: data.input };
}

/** Most devices an imported scenario may have (far more than any lab uses; the run checks the rest). */
const MAX_IMPORTED_DEVICES = 10_000;

/** The page's check of the worker's answer to an import: the answer, or why it is refused. */
export function readImportAnswer(data: unknown, id: number): ImportedMessage | RefusedMessage | string {
  if (!isObject(data) || data.id !== id) return 'worker answer: expected the answer to the file sent';
  if (data.type === 'refused') {
    if (!shortText(data.path) || !shortText(data.message)) return 'worker refused: expected a path and a one-line reason';
    return { type: 'refused', id, path: data.path, message: data.message };
  }
  if (data.type !== 'imported') return 'worker answer: expected "imported" or "refused"';
  const s = data.scenario;
  if (!isObject(s) || !Array.isArray(s.devices) || !Array.isArray(s.steps) || s.devices.length > MAX_IMPORTED_DEVICES || s.steps.length > BROWSER_MAX_EVENTS) return 'worker imported.scenario: expected a scenario within the budget';
  if (!Number.isSafeInteger(s.seed)) return 'worker imported.scenario.seed: expected a whole number';
  return { type: 'imported', id, scenario: s as unknown as SandboxScenario };
}

/**
 * The page's check of a message from the worker: the message, or why it is refused. `expected`: the scenario the
 * page sent (the worker's `start` must be that scenario, validated) and how many events the run has so far.
 */
export function readWorkerMessage(data: unknown, expected: { id: number; devices: number; steps: number; events: number }): WorkerMessage | string {
  if (!isObject(data)) return 'worker message: expected an object';
  if (data.id !== expected.id) return `worker message.id: expected ${expected.id}`;
  switch (data.type) {
    case 'start': {
      const s = data.scenario;
      if (!isObject(s) || !Array.isArray(s.devices) || !(Array.isArray(s.steps) || s.steps === AS_SENT)) return 'worker start.scenario: expected a scenario with devices and steps';
      if (s.devices.length !== expected.devices || (Array.isArray(s.steps) && s.steps.length !== expected.steps)) return `worker start.scenario: expected ${expected.devices} devices and ${expected.steps} steps, as sent`;
      return data as unknown as StartMessage;
    }
    case 'chunk': {
      if (!isObject(data.parts)) return 'worker chunk.parts: expected an object';
      const recordStrings = Object.values(data.parts).reduce<number>((n, v) => n + (isEncodedRuns(v) ? v.str.length + v.outcome.length + v.ends.length : isEncodedRecords(v) ? v.str.length : 0), 0);
      const why = checkChunk(data.chunk, expected.events, recordStrings);
      if (why) return `worker chunk: ${why}`;
      for (const [k, v] of Object.entries(data.parts)) {
        if (isEncodedRuns(v)) {
          if (!Number.isSafeInteger(v.count) || v.count < 0 || v.count > MAX_PART_ITEMS || !(v.str instanceof Int32Array) || !(v.num instanceof Float64Array) || !(v.ends instanceof Float64Array)) return `worker chunk.parts.${k}: expected at most ${MAX_PART_ITEMS} table runs in columns`;
        } else if (isEncodedRecords(v)) {
          if (!Number.isSafeInteger(v.count) || v.count < 0 || v.count > MAX_PART_ITEMS || !Array.isArray(v.keys) || !Array.isArray(v.types) || !(v.num instanceof Float64Array)) return `worker chunk.parts.${k}: expected at most ${MAX_PART_ITEMS} records in columns`;
          if (v.keys.length > 64 || v.keys.some((key) => typeof key !== 'string' || key.length > 64) || v.types.some((t) => t !== 's' && t !== 'n')) return `worker chunk.parts.${k}: expected at most 64 named columns of strings or numbers`;
        } else if (!Array.isArray(v) || v.length > MAX_PART_ITEMS) return `worker chunk.parts.${k}: expected an array of at most ${MAX_PART_ITEMS} items`;
      }
      return data as unknown as ChunkMessage;
    }
    case 'done': {
      const sc = data.scanners;
      if (sc === undefined) return { type: 'done', id: expected.id };
      if (!(sc instanceof Map) || sc.size > expected.devices) return 'worker done.scanners: expected a map of at most one track per device';
      for (const [k, v] of sc) {
        if (typeof k !== 'string' || !isObject(v) || !['loads', 'apps', 'scans', 'disconnects'].every((f) => Array.isArray(v[f]) && (v[f] as unknown[]).length <= BROWSER_MAX_EVENTS)) return 'worker done.scanners: expected tracks of loads, apps, scans and disconnects';
      }
      return { type: 'done', id: expected.id, scanners: sc as Map<string, ScannerTrack> };
    }
    case 'fail':
      if (!shortText(data.path) || !shortText(data.expected)) return 'worker fail: expected a path and a one-line reason';
      if (data.stepIndex !== undefined && !(Number.isSafeInteger(data.stepIndex) && (data.stepIndex as number) >= 0 && (data.stepIndex as number) < expected.steps)) return 'worker fail.stepIndex: expected a step of the scenario';
      return { type: 'fail', id: expected.id, path: data.path, expected: data.expected, stepIndex: data.stepIndex as number | undefined };
    case 'crash':
      return { type: 'crash', id: expected.id, message: shortText(data.message) ? data.message : 'the engine worker failed' };
    default:
      return `worker message.type: unknown (${JSON.stringify(String(data.type)).slice(0, 40)})`;
  }
}

/** Why a chunk is malformed, or undefined: typed arrays of matching lengths, within the bounds, following on. */
function checkChunk(c: unknown, decoded: number, recordStrings: number): string | undefined {
  if (!isObject(c)) return 'expected a chunk object';
  const { first, count, strings, t, str, num, patches } = c;
  if (first !== decoded) return `chunk.first: expected ${decoded} (the events so far)`;
  if (!(Number.isSafeInteger(count) && (count as number) >= 0 && (count as number) <= MAX_CHUNK_EVENTS)) return `chunk.count: expected 0 to ${MAX_CHUNK_EVENTS}`;
  const n = count as number;
  if (decoded + n > BROWSER_MAX_EVENTS) return `the run would hold more than ${BROWSER_MAX_EVENTS} events`;
  if (!(t instanceof Float64Array) || t.length !== n) return 'chunk.t: expected a Float64Array of count numbers';
  if (!(str instanceof Int32Array) || str.length !== n * 12) return 'chunk.str: expected an Int32Array of count × 12 ids';
  if (!(num instanceof Float64Array) || num.length !== n * 3) return 'chunk.num: expected a Float64Array of count × 3 numbers';
  if (!(patches instanceof Float64Array) || patches.length % 4 !== 0 || patches.length / 4 > decoded + n) return 'chunk.patches: expected a Float64Array of fours';
  if (!Array.isArray(strings) || strings.length > n * 12 + patches.length + recordStrings) return 'chunk.strings: expected at most one new string per field';
  for (const s of strings) if (typeof s !== 'string' || s.length > MAX_STRING_CHARS) return `chunk.strings: expected strings of at most ${MAX_STRING_CHARS} characters`;
  return undefined;
}
