/**
 * Permalinks and files: the whole sandbox (the scenario in the CLI's JSON format, the cursor, and
 * optionally the open lesson and task) in a URL fragment, and back, with validation.
 *
 * Link format 1: `#lab=1.<base64url of: raw DEFLATE (preset dictionary DICTIONARY_V1) of the JSON
 * {"scenario":{…},"cursor":N,"lesson":"id","task":"id"}, then a 3-byte check of that JSON>`. The
 * check turns any changed or missing character into an error instead of a silently different lab. The token after `lab=` (`1.…`) is also
 * what the embed parameter `scenario=` takes. Old links, `#scenario=<base64url of the scenario JSON>`
 * (the lab's first link format), still decode.
 *
 * Decoding never throws on bad input: it returns `{ ok: false, error }` whose `path` names what is
 * wrong (`(link)` for the link itself, `scenario.steps[2].device`, `cursor`, `lesson`, `task`), so the
 * caller can open the lab empty and show `error.text`.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { LabError } from '../engine/errors';
import { toJsonLines, type TraceEvent } from '../engine/trace';
import { BROWSER_BUDGET } from '../scenario/budget';
import { checkJsonText, describeJsonProblem } from '../scenario/jsonText';
import { showValue } from '../scenario/jsonValue';
import { decodeScenarioBytes } from '../scenario/fileBytes';
import { parseScenario, parseScenarioText } from '../scenario/parse';
import type { ScenarioInput } from '../scenario/schema';
import { DICTIONARY_V1 } from './dictionary';
import { checkLesson } from './lessonLink';
import { LINK_KEY, normalizeScenario, shareError as fail, type SandboxScenario, type SandboxState, type ShareError } from './sandbox';

// what a link carries, and the checks the lab needs without this codec, live in sandbox.ts
export { checkLesson } from './lessonLink';
export { downloadBlob, downloadText, hasPermalink, normalizeScenario } from './sandbox';
export type { SandboxScenario, SandboxState, ShareError } from './sandbox';

export type DecodeResult =
  | { ok: true; state: SandboxState; /** `1` = this format, `legacy` = an old `#scenario=` link */ format: '1' | 'legacy' }
  | { ok: false; error: ShareError };

export type ImportResult = { ok: true; scenario: SandboxScenario } | { ok: false; error: ShareError };

/** The current link format (the number before the dot). */
export const PERMALINK_VERSION = '1';
/** Longest token accepted (about 75 KB of compressed data); longer input is refused before decoding. */
export const MAX_TOKEN_LENGTH = 100_000;
/** Largest decompressed JSON accepted: guards against a link that inflates to gigabytes. */
export const MAX_JSON_BYTES = 1 << 20;
/** Largest scenario file accepted by importScenarioFile (bytes, or characters of a text). */
export const MAX_FILE_CHARS = 5_000_000;

const DICT_V1 = strToU8(DICTIONARY_V1);

// ---- scenario ------------------------------------------------------------------------------------

/**
 * Validates a scenario object like the CLI does, within the browser's work budget; errors name the
 * field (`scenario.steps[1].device` with `prefix` "scenario").
 */
function validateScenario(json: unknown, prefix: string): { ok: true; scenario: SandboxScenario } | { ok: false; error: ShareError } {
  try {
    parseScenario(json, BROWSER_BUDGET);
  } catch (e) {
    if (e instanceof LabError) return fail(joinPath(prefix, e.path), e.expected);
    throw e;
  }
  return { ok: true, scenario: normalizeScenario(structuredClone(json) as ScenarioInput) };
}

function joinPath(prefix: string, path: string): string {
  if (!prefix) return path;
  if (path === '(scenario)') return prefix;
  return path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
}

// ---- base64url -----------------------------------------------------------------------------------

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | undefined {
  // accept standard base64 too (old links made by hand), and padding or not
  if (!/^[A-Za-z0-9\-_+/]*={0,2}$/.test(text) || text.replace(/=+$/, '').length % 4 === 1) return undefined;
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  try {
    const bytes = Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
    // atob ignores the unused low bits of the last character: a changed last character must not pass
    return toBase64Url(bytes) === b64.replace(/\+/g, '-').replace(/\//g, '_') ? bytes : undefined;
  } catch {
    return undefined;
  }
}

// ---- check ---------------------------------------------------------------------------------------

const CHECK_BYTES = 3;

/** 24 bits of FNV-1a over the JSON: not security, just "this is the link that was made". */
function check(bytes: Uint8Array): Uint8Array {
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193);
  return Uint8Array.of((h >>> 16) & 0xff, (h >>> 8) & 0xff, h & 0xff);
}

// ---- encoding ------------------------------------------------------------------------------------

/** The JSON inside a format-1 link, keys in a fixed order. */
function payloadJson(state: SandboxState): string {
  const p: Record<string, unknown> = { scenario: normalizeScenario(state.scenario) };
  if (state.cursor !== undefined) p.cursor = state.cursor;
  if (state.lesson !== undefined) p.lesson = state.lesson;
  if (state.lesson !== undefined && state.task !== undefined) p.task = state.task;
  return JSON.stringify(p);
}

/** The link token, `1.<data>`: what goes after `#lab=`, and what the embed parameter `scenario` takes. */
export function encodePermalink(state: SandboxState): string {
  if (state.cursor !== undefined && !(Number.isInteger(state.cursor) && state.cursor >= 0)) {
    throw new RangeError(`cursor: got ${state.cursor}; expected an integer >= 0`);
  }
  const json = strToU8(payloadJson(state));
  const packed = deflateSync(json, { level: 9, mem: 8, dictionary: DICT_V1 });
  const data = new Uint8Array(packed.length + CHECK_BYTES);
  data.set(packed);
  data.set(check(json), packed.length);
  return `${PERMALINK_VERSION}.${toBase64Url(data)}`;
}

/**
 * The link token for `state` if the lab would open it (decoding it gives no error), else the error
 * the lab would show: Copy link refuses a link the lab would refuse (too long, too much work).
 */
export function checkedPermalink(state: SandboxState): { ok: true; token: string } | { ok: false; error: ShareError; /** the token's length, when that is what is wrong */ tooLong?: number } {
  const token = encodePermalink(state);
  if (token.length > MAX_TOKEN_LENGTH) return { ...fail('(link)', `${token.length} characters long; expected at most ${MAX_TOKEN_LENGTH}`), tooLong: token.length };
  const back = decodeToken(token);
  return back.ok ? { ok: true, token } : { ok: false, error: back.error };
}

/** `#lab=1.<data>`: set it as `location.hash` (or append it to the lab's address). */
export function permalinkHash(state: SandboxState): string {
  return `#lab=${encodePermalink(state)}`;
}

/** The lab's address (`base`, default the current page without its fragment) with the state's fragment. */
export function permalinkUrl(state: SandboxState, base: string = globalThis.location?.href ?? ''): string {
  return `${base.replace(/#.*$/, '')}${permalinkHash(state)}`;
}

// ---- decoding ------------------------------------------------------------------------------------

/**
 * Reads a lab link from a page fragment (`location.hash`): `undefined` when the fragment holds none
 * (open the default lab), else what `decodePermalink` says.
 */
export function readPermalink(hash: string): DecodeResult | undefined {
  const m = LINK_KEY.exec(hash);
  if (!m) return undefined;
  const value = safeDecodeURIComponent(m[2]);
  return m[1] === 'lab' || /^\d+\./.test(value) ? decodeToken(value) : decodeLegacy(value);
}

/**
 * Decodes a link: a whole address or fragment (`https://…/#lab=1.…`, `#scenario=…`, `?embed=1&scenario=1.…`),
 * `lab=…`, or a bare token (`1.…`, or the base64url scenario JSON of an old link). Never throws.
 */
export function decodePermalink(input: string): DecodeResult {
  const text = input.trim();
  const hashAt = text.indexOf('#');
  const fragment = hashAt >= 0 ? text.slice(hashAt + 1) : text;
  if (fragment === '') return fail('(link)', 'empty; expected a lab link like #lab=1.… (use "Copy link" in the lab)');
  const keyed = readPermalink(`#${fragment}`) ?? (hashAt < 0 ? undefined : readPermalink(text.slice(0, hashAt)));
  if (keyed) return keyed;
  return /^\d+\./.test(fragment) ? decodeToken(fragment) : decodeLegacy(fragment);
}

function safeDecodeURIComponent(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function decodeToken(token: string): DecodeResult {
  if (token.length > MAX_TOKEN_LENGTH) return fail('(link)', `${token.length} characters long; expected at most ${MAX_TOKEN_LENGTH}`);
  const m = /^(\d+)\.(.*)$/s.exec(token);
  if (!m) return fail('(link)', 'expected "<version>.<data>" after #lab=, e.g. #lab=1.…; the link may have been cut short');
  if (m[1] !== PERMALINK_VERSION) return fail('(link)', `format ${m[1]} is not known to this version of the lab; expected format ${PERMALINK_VERSION} (the link may come from a newer lab)`);
  if (m[2] === '') return fail('(link)', 'no data after "1."; the link was cut short');
  const bytes = fromBase64Url(m[2]);
  if (!bytes) return fail('(link)', 'the data has characters a link never has, or a wrong length; the link was changed or cut short');
  if (bytes.length <= CHECK_BYTES) return fail('(link)', 'the data is cut short; copy the whole link again');
  let json: string;
  try {
    const out = inflateSync(bytes.subarray(0, -CHECK_BYTES), { dictionary: DICT_V1, out: new Uint8Array(MAX_JSON_BYTES + 1) });
    if (out.length > MAX_JSON_BYTES) return fail('(link)', `the scenario is larger than ${MAX_JSON_BYTES} bytes; expected a smaller scenario (save it as a file instead)`);
    const want = check(out);
    const got = bytes.subarray(-CHECK_BYTES);
    if (want.some((b, i) => b !== got[i])) return fail('(link)', 'the data does not match its check: the link was changed or cut short; copy the whole link again');
    json = strFromU8(out);
  } catch {
    return fail('(link)', 'the compressed data is damaged or cut short; copy the whole link again');
  }
  const problem = checkJsonText(json);
  if (problem?.kind === 'syntax') return fail('(link)', 'the data is damaged or cut short (it does not decode to JSON); copy the whole link again');
  if (problem) return fail('(link)', `the data is JSON the lab does not accept: ${describeJsonProblem(json, problem)}`);
  return validatePayload(JSON.parse(json));
}

const PAYLOAD_KEYS = new Set(['scenario', 'cursor', 'lesson', 'task']);

function validatePayload(payload: unknown): DecodeResult {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return fail('(link)', 'the data is not a lab link (expected an object with "scenario")');
  const p = payload as Record<string, unknown>;
  const unknownKey = Object.keys(p).find((k) => !PAYLOAD_KEYS.has(k));
  if (unknownKey !== undefined) return fail(unknownKey, 'unknown field; expected only scenario, cursor, lesson and task');
  if (p.scenario === undefined) return fail('scenario', 'missing; expected the scenario');
  const scenario = validateScenario(p.scenario, 'scenario');
  if (!scenario.ok) return scenario;
  const state: SandboxState = { scenario: scenario.scenario };
  if (p.cursor !== undefined) {
    if (typeof p.cursor !== 'number' || !Number.isInteger(p.cursor) || p.cursor < 0) return fail('cursor', `got ${showValue(p.cursor)}; expected an integer >= 0`);
    state.cursor = p.cursor;
  }
  const lessonCheck = checkLesson(p.lesson, p.task);
  if (!lessonCheck.ok) return lessonCheck;
  if (lessonCheck.lesson !== undefined) state.lesson = lessonCheck.lesson;
  if (lessonCheck.task !== undefined) state.task = lessonCheck.task;
  return { ok: true, state, format: '1' };
}

/** An old link: `#scenario=` + base64url of the scenario JSON (UTF-8). */
function decodeLegacy(data: string): DecodeResult {
  if (data.length > MAX_TOKEN_LENGTH) return fail('(link)', `${data.length} characters long; expected at most ${MAX_TOKEN_LENGTH}`);
  if (data === '') return fail('(link)', 'no scenario after #scenario=; the link was cut short');
  const bytes = fromBase64Url(data);
  if (!bytes) return fail('(link)', 'the scenario data has characters a link never has, or a wrong length; the link was changed or cut short');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('(link)', 'the scenario data is damaged or cut short (it does not decode to JSON); copy the whole link again');
  }
  const problem = checkJsonText(text);
  if (problem?.kind === 'syntax') return fail('(link)', 'the scenario data is damaged or cut short (it does not decode to JSON); copy the whole link again');
  if (problem) return fail('(link)', `the scenario data is JSON the lab does not accept: ${describeJsonProblem(text, problem)}`);
  const scenario = validateScenario(JSON.parse(text), 'scenario');
  if (!scenario.ok) return scenario;
  return { ok: true, state: { scenario: scenario.scenario }, format: 'legacy' };
}

/** Makes an old-format link (`#scenario=…`), for tests and for tools that still produce them. */
export function legacyScenarioHash(scenario: ScenarioInput): string {
  return `#scenario=${toBase64Url(new TextEncoder().encode(JSON.stringify(scenario)))}`;
}

// ---- files ---------------------------------------------------------------------------------------

/** A scenario file in the CLI's format (`npm run -s lab -- run FILE` runs it): pretty JSON, newline at the end. */
export function exportScenarioFile(scenario: ScenarioInput | SandboxScenario): string {
  return `${JSON.stringify(normalizeScenario(scenario), null, 2)}\n`;
}

/** The refusal of a scenario file over MAX_FILE_CHARS. */
export function fileTooLarge(size: number, unit: 'bytes' | 'characters'): { ok: false; error: ShareError } {
  return fail('(file)', `${size.toLocaleString('en-US')} ${unit} long; expected at most ${MAX_FILE_CHARS.toLocaleString('en-US')} (the CLI reads bigger files)`);
}

/**
 * Reads a scenario file (its bytes, or its text): the CLI's decoding, parser and messages (`(file): not
 * valid JSON at line 3, column 5: …`, `devices[0].model: …`), within the browser's work budget.
 * A byte order mark at the start is dropped, as the CLI drops it.
 */
export function importScenarioFile(content: string | Uint8Array): ImportResult {
  if (content.length > MAX_FILE_CHARS) return fileTooLarge(content.length, typeof content === 'string' ? 'characters' : 'bytes');
  let scenario: ScenarioInput;
  try {
    const text = typeof content === 'string' ? content : decodeScenarioBytes(content);
    parseScenarioText(text, BROWSER_BUDGET);
    scenario = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as ScenarioInput;
  } catch (e) {
    if (e instanceof LabError) return fail(e.path, e.expected);
    throw e;
  }
  return { ok: true, scenario: normalizeScenario(scenario) };
}

export const SCENARIO_FILE_NAME = 'pnp-lab-scenario.json';
export const TRACE_FILE_NAME = 'pnp-lab-trace.jsonl';

/**
 * The trace as the CLI prints it (JSON Lines, one event per line, byte for byte what
 * `npm run -s lab -- run FILE` prints), or with `{ lines: false }` one JSON array (pretty-printed).
 */
export function exportTraceJson(trace: readonly TraceEvent[], opts: { lines?: boolean } = {}): string {
  if (opts.lines === false) return `${JSON.stringify(trace, null, 2)}\n`;
  return toJsonLines(trace);
}
