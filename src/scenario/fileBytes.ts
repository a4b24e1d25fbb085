/** A scenario file's bytes, read as text the way the CLI and the lab's Open… both read them. */
import { LabError } from '../engine/errors';

/**
 * Bytes of a scenario file → its text (UTF-8; a byte order mark is kept, for parseScenarioText to
 * drop), or a LabError at `(file)` saying what the file is instead: UTF-16, not UTF-8 (and where),
 * or binary. The CLI and the lab's Open… share it.
 */
export function decodeScenarioBytes(bytes: Uint8Array): string {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new LabError('(file)', 'the file is UTF-16 text; expected UTF-8 (in Notepad: Save as, Encoding UTF-8)');
  }
  let text: string;
  try {
    // ignoreBOM keeps a byte order mark in the text: parseScenarioText drops one, as for text
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    throw new LabError('(file)', at === undefined
      ? 'not UTF-8 text: it ends in the middle of a character; expected a scenario JSON file'
      : `not UTF-8 text (byte 0x${bytes[at].toString(16).padStart(2, '0')} at offset ${at} does not belong there); expected a scenario JSON file`);
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) throw new LabError('(file)', `a NUL character at offset ${nul}: this looks like a binary file; expected a scenario JSON file`);
  return text;
}

/** Offset of the first byte that is not UTF-8 there, or undefined when the bytes only end in the middle of a character. */
function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  const fits = (n: number) => {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    try {
      // stream: a character cut at the end of the prefix is not an error
      decoder.decode(bytes.subarray(0, n), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  if (fits(bytes.length)) return undefined;
  // the longest prefix that decodes: the next byte is the first one out of place
  let lo = 0;
  let hi = bytes.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  // if the bytes before it began a character that this byte does not continue, that character is at fault
  for (let k = lo - 1; k >= Math.max(0, lo - 3); k--) {
    const b = bytes[k];
    if ((b & 0xc0) === 0x80) continue;
    if (b >= 0xc0 && k + (b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2) > lo) return k;
    break;
  }
  return lo;
}
