/**
 * A zod issue in the lab's words: the field path, what was there (shown briefly) and what was
 * expected. Built from the issue's fields, never from zod's English text, so none of zod's wording
 * ("Too big:", "Invalid input:") reaches a message. Used by the scenario parser and the lesson
 * progress import.
 */
import type * as z from 'zod/mini';
import { count } from '../engine/text';
import { showValue } from './jsonValue';
import { closest, listWithin } from './words';

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'an array',
  null: 'null',
};

/** The value at `path` in `input` (undefined if the path leads nowhere). */
export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const p of path) {
    if (typeof v !== 'object' || v === null || !Object.hasOwn(v, p)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function bound(kind: 'max' | 'min', origin: string, limit: number | bigint, inclusive: boolean | undefined): string {
  const n = typeof limit === 'bigint' ? limit.toString() : Math.abs(Number(limit)) >= 10_000 ? count(Number(limit)) : String(limit);
  const words = kind === 'max' ? (inclusive === false ? 'fewer than' : 'at most') : inclusive === false ? 'more than' : 'at least';
  switch (origin) {
    case 'string': return `expected ${words} ${n} characters`;
    case 'array': case 'set': return `expected ${words} ${n} items`;
    default: return `expected a number ${kind === 'max' ? (inclusive === false ? '<' : '<=') : inclusive === false ? '>' : '>='} ${n}`;
  }
}

export interface DescribedIssue {
  path: PropertyKey[];
  message: string;
}

/**
 * `issue` described: `{ path, message }` with message like `got "usb-toaster"; expected one of: …`.
 * `unknownField` finishes the message for a field the schema does not have.
 */
export function describeIssue(issue: z.core.$ZodIssue, input: unknown, unknownField: string): DescribedIssue {
  const path = [...issue.path];
  const received = valueAt(input, path);
  const got = `got ${showValue(received)}`;
  switch (issue.code) {
    case 'invalid_union': {
      const options = 'options' in issue ? issue.options : undefined;
      if (options && options.length > 0) {
        const names = options.map((o) => String(o));
        const near = typeof received === 'string' ? closest(received, names) : undefined;
        return { path, message: `${received === undefined ? 'missing' : `unknown ${issue.discriminator ?? 'value'} ${showValue(received)}${near ? ` (did you mean ${near}?)` : ''}`}; expected one of: ${listWithin(names, 180)}` };
      }
      return { path, message: `${got}; expected one of the forms in docs/scenario-format.md` };
    }
    case 'invalid_value':
    {
      const names = issue.values.map((v) => String(v));
      const near = typeof received === 'string' && names.length > 1 ? closest(received, names) : undefined;
      return { path, message: `${received === undefined ? 'missing' : got}${near ? ` (did you mean ${near}?)` : ''}; expected ${names.length === 1 ? JSON.stringify(issue.values[0]) : `one of: ${listWithin(names, 180)}`}` };
    }
    case 'unrecognized_keys':
      return { path: [...path, issue.keys[0]], message: `unknown field; ${unknownField}` };
    case 'invalid_type': {
      const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
      if (received === undefined) return { path, message: `missing; expected ${expected}` };
      if (typeof received === 'number' && !Number.isFinite(received)) return { path, message: `${got}; expected a finite number` };
      return { path, message: `${got}; expected ${expected}` };
    }
    case 'too_big':
      return { path, message: `${got}; ${bound('max', issue.origin, issue.maximum, issue.inclusive)}` };
    case 'too_small':
      return { path, message: `${got}; ${bound('min', issue.origin, issue.minimum, issue.inclusive)}` };
    case 'invalid_format':
    case 'custom':
      // our own checks (regex, refine) carry our own message
      return { path, message: `${got}; ${issue.message}` };
    default:
      return { path, message: `${got}; expected what docs/scenario-format.md describes` };
  }
}
