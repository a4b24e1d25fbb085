/**
 * A value shown briefly, never echoed whole (`"abc…" (300 characters)`), and a field path in words. The check that a
 * value is plain JSON data is jsonCheck.ts (with the scenario checks, a chunk of their own).
 */
import { escapeControls } from '../engine/text';

/** Longest string shown whole in a message; longer ones are cut with `…` and their length given. */
const SHOWN_STRING = 40;

/**
 * A value as a message shows it, in a few words: strings quoted (cut at 40 characters, controls
 * escaped), numbers as written (`Infinity` too, not JSON's `null`), objects and arrays by kind and
 * size: never the whole value.
 */
export function showValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') {
    const shown = JSON.stringify(v.length > SHOWN_STRING ? v.slice(0, SHOWN_STRING - 1) : v);
    const quoted = escapeControls(shown);
    return v.length > SHOWN_STRING ? `${quoted.slice(0, -1)}…" (${v.length} characters)` : quoted;
  }
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN';
    if (!Number.isFinite(v)) return `${v < 0 ? '-' : ''}a number too large to hold (${v < 0 ? '-' : ''}Infinity)`;
    return String(v);
  }
  if (typeof v === 'boolean' || v === null) return String(v);
  if (Array.isArray(v)) return v.length === 0 ? 'an empty array' : `an array of ${v.length} item${v.length === 1 ? '' : 's'}`;
  if (typeof v === 'object') {
    const proto = Object.getPrototypeOf(v) as { constructor?: { name?: unknown } } | null;
    const name = proto && proto !== Object.prototype && typeof proto.constructor?.name === 'string' ? proto.constructor.name : undefined;
    if (name) return `a ${escapeControls(name.slice(0, 40))}`;
    const n = Object.keys(v).length;
    return n === 0 ? 'an empty object' : `an object with ${n} field${n === 1 ? '' : 's'}`;
  }
  return `a ${typeof v}`;
}

/** A field name in a path: `.name` when it reads as a name, else `["…"]` (quoted, cut, controls escaped). */
export function showKey(key: PropertyKey): string {
  if (typeof key === 'number') return `[${key}]`;
  const k = String(key);
  if (/^[A-Za-z_$][\w$:-]*$/.test(k) && k.length <= 60) return `.${k}`;
  return `[${showValue(k)}]`;
}

/** A field path as messages write it: `devices[0].callbacks.EvtDeviceQueryRemove`; `(scenario)` for none. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    const k = showKey(p);
    out += out === '' && k.startsWith('.') ? k.slice(1) : k;
  }
  return out || '(scenario)';
}
