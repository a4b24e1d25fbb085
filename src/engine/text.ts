/**
 * Text that goes into a one-line message (an error, a notice): whatever the input held, the message
 * stays one line, bounded, and free of characters a terminal or a page would act on.
 */

/**
 * C0 and C1 controls (newlines, ESC of terminal escape codes, DEL), the Unicode line and paragraph
 * separators, the bidirectional controls that can make text read in another order, and the
 * invisible zero-width characters (a byte order mark among them).
 */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `text` with every control character written as an escape (`\n`, `\u001b`). */
export function escapeControls(text: string): string {
  const hex = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  // and a lone half of a surrogate pair, which is no character at all
  return text.replace(CONTROLS, (c) => NAMED[c] ?? hex(c)).replace(/\p{Cs}/gu, hex);
}

/** `text` cut to at most `max` characters, ending in `…` when cut (never in the middle of a surrogate pair). */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max - 1);
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return `${text.slice(0, cut)}…`;
}

/** One line of at most `max` characters: controls escaped, then clipped. Reads only the start of a huge text. */
export function oneLine(text: string, max: number): string {
  // escaping at most quadruples a character, so the first 8 × max characters are plenty
  return clip(escapeControls(text.length > max * 8 ? text.slice(0, max * 8) : text), max);
}

/** A whole number with thousands separators (`1,000,000`), the same in every locale. */
export function count(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',') : String(n);
}
