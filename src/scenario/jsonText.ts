/**
 * Checks JSON text before JSON.parse sees it, in one iterative pass (no recursion, so no nesting
 * can overflow the stack): the syntax, how deep it nests, field names given twice in one object
 * (JSON.parse would keep the last one without a word), the field name `__proto__` (it would change
 * an object's prototype), and numbers too large to hold (JSON.parse reads 1e400 as Infinity).
 *
 * The answer is where the first problem is, as "line L, column C", and what it is. JSON.parse's own
 * messages differ between engines and may quote the text across lines, so we locate errors ourselves.
 */
import { escapeControls } from '../engine/text';
import { MAX_JSON_DEPTH } from './jsonCheck';

export { MAX_JSON_DEPTH };

export interface JsonTextProblem {
  /** offset in the text (UTF-16 code units) */
  at: number;
  /** `syntax`: not JSON at all; `content`: JSON the lab does not accept */
  kind: 'syntax' | 'content';
  what: string;
}

const PLAIN = /[^"\\\u0000-\u001f]*/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;

interface Frame {
  /** field names seen so far in an object; undefined for an array */
  keys: Set<string> | undefined;
}

type Expect = 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'after';

/** The first problem in `text`, or undefined when it is JSON the lab can read. */
export function checkJsonText(text: string, maxDepth = MAX_JSON_DEPTH): JsonTextProblem | undefined {
  const stack: Frame[] = [];
  let i = 0;
  let expect: Expect = 'value';
  const syntax = (what: string, at = i): JsonTextProblem => ({ at, kind: 'syntax', what });
  const found = () => (i >= text.length ? 'the end of the file' : showChar(text, i));
  for (;;) {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      i++;
    }
    const c = text[i];
    if (expect === 'after') {
      const top = stack[stack.length - 1];
      if (!top) return i < text.length ? syntax(`unexpected ${found()} after the end of the JSON value`) : undefined;
      const close = top.keys ? '}' : ']';
      if (c === ',') {
        i++;
        expect = top.keys ? 'key' : 'value';
      } else if (c === close) {
        i++;
        stack.pop();
      } else return syntax(`expected "," or "${close}", found ${found()}`);
      continue;
    }
    if (expect === 'key' || expect === 'keyOrClose') {
      if (expect === 'keyOrClose' && c === '}') {
        i++;
        stack.pop();
        expect = 'after';
        continue;
      }
      if (c !== '"') return syntax(`expected a "quoted" field name, found ${found()}`);
      const start = i;
      const bad = readString();
      if (bad) return bad;
      const raw = text.slice(start + 1, i - 1);
      const key = raw.includes('\\') ? (JSON.parse(text.slice(start, i)) as string) : raw;
      if (key === '__proto__') return { at: start, kind: 'content', what: 'the field name "__proto__" is not allowed (it would change what the object is); expected another name' };
      const keys = stack[stack.length - 1].keys!;
      if (keys.has(key)) return { at: start, kind: 'content', what: `the field ${showKey(key)} is given twice in one object; expected each field once` };
      keys.add(key);
      while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
      if (text[i] !== ':') return syntax(`expected ":", found ${found()}`);
      i++;
      expect = 'value';
      continue;
    }
    // a value
    if (expect === 'valueOrClose' && c === ']') {
      i++;
      stack.pop();
      expect = 'after';
      continue;
    }
    if (c === '{' || c === '[') {
      if (stack.length >= maxDepth) return { at: i, kind: 'content', what: `nested more than ${maxDepth} levels deep; expected at most ${maxDepth}` };
      stack.push({ keys: c === '{' ? new Set() : undefined });
      i++;
      expect = c === '{' ? 'keyOrClose' : 'valueOrClose';
      continue;
    }
    if (c === '"') {
      const bad = readString();
      if (bad) return bad;
      expect = 'after';
      continue;
    }
    NUMBER.lastIndex = i;
    const n = NUMBER.exec(text);
    if (n) {
      if (!Number.isFinite(Number(n[0]))) return { at: i, kind: 'content', what: `the number ${n[0].length > 24 ? `${n[0].slice(0, 23)}…` : n[0]} is too large to hold (beyond ±1.8e308); expected a number the lab can use` };
      i += n[0].length;
      expect = 'after';
      continue;
    }
    LITERAL.lastIndex = i;
    const l = LITERAL.exec(text);
    if (!l) return syntax(`expected a value, found ${found()}`);
    i += l[0].length;
    expect = 'after';
  }

  /** Reads the string starting at `i` (a `"`), leaving `i` after it; a problem if it is not a JSON string. */
  function readString(): JsonTextProblem | undefined {
    let j = i + 1;
    for (;;) {
      // a run of plain characters (one character class, so no backtracking however long the string)
      PLAIN.lastIndex = j;
      PLAIN.test(text);
      j = PLAIN.lastIndex;
      if (j >= text.length) return syntax('a string is not closed (the file ends inside it)', j);
      const ch = text[j];
      if (ch === '"') {
        i = j + 1;
        return undefined;
      }
      if (ch === '\\') {
        const e = text[j + 1];
        if (e === 'u' ? !HEX4.test(text.slice(j + 2, j + 6)) : !'"\\/bfnrt'.includes(e ?? 'x')) {
          return syntax(`a bad escape ${showChar(text, j + 1, '\\')} inside a string; expected \\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\u and four hex digits`, j);
        }
        j += e === 'u' ? 6 : 2;
        continue;
      }
      if (ch === '\n' || ch === '\r') return syntax('a string runs past the end of the line (is a closing " missing?)', j);
      return syntax(`a control character (${escapeControls(ch)}) inside a string; expected it written as an escape`, j);
    }
  }
}

/** "line L, column C: what" for a problem found in `text`. */
export function describeJsonProblem(text: string, p: JsonTextProblem): string {
  let line = 1;
  let lineStart = 0;
  for (let k = text.indexOf('\n'); k >= 0 && k < p.at; k = text.indexOf('\n', k + 1)) {
    line++;
    lineStart = k + 1;
  }
  return `line ${line}, column ${p.at - lineStart + 1}: ${p.what}`;
}

/** The character at `at` quoted for a message: `"}"`, `"\u001b"`, a whole surrogate pair. */
function showChar(text: string, at: number, prefix = ''): string {
  const cp = text.codePointAt(at);
  if (cp === undefined) return 'the end of the file';
  return `"${prefix}${escapeControls(String.fromCodePoint(cp).replace(/["\\]/g, (c) => `\\${c}`))}"`;
}

function showKey(key: string): string {
  return `"${escapeControls(key.length > 40 ? `${key.slice(0, 39)}…` : key)}"`;
}
