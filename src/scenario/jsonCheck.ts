/**
 * A value that should be JSON data (a parsed file, a link's payload, an object posted by the page
 * around an embedded lab), checked without recursion.
 */
import { showValue } from './jsonValue';

/** Deepest nesting of objects and arrays accepted (here and in jsonText.ts). A scenario needs 6 (`{devices: [{layers: {bus: {callbacks: {}}}}]}`). */
export const MAX_JSON_DEPTH = 32;

export interface JsonValueProblem {
  /** where, from the top (`['devices', 0, 'callbacks', '__proto__']`) */
  path: PropertyKey[];
  what: string;
}

/**
 * The first place where `value` is not plain JSON data the lab accepts: nested deeper than
 * `maxDepth`, a field named `__proto__`, a number that is not finite, or something JSON has no word
 * for (a Date, a Map, a function, undefined in an array; a field set to undefined counts as left out).
 * Iterative: any nesting is safe.
 */
export function checkJsonValue(value: unknown, maxDepth = MAX_JSON_DEPTH): JsonValueProblem | undefined {
  interface Entry {
    value: unknown;
    depth: number;
    parent: number;
    key: PropertyKey | undefined;
  }
  const seen: Entry[] = [];
  const todo: number[] = [];
  const add = (v: unknown, depth: number, parent: number, key: PropertyKey | undefined) => {
    seen.push({ value: v, depth, parent, key });
    todo.push(seen.length - 1);
  };
  const pathOf = (index: number, last?: PropertyKey): PropertyKey[] => {
    const out: PropertyKey[] = last === undefined ? [] : [last];
    for (let k = index; k >= 0 && seen[k].key !== undefined; k = seen[k].parent) out.unshift(seen[k].key!);
    return out;
  };
  add(value, 0, -1, undefined);
  while (todo.length > 0) {
    const index = todo.pop()!;
    const { value: v, depth } = seen[index];
    switch (typeof v) {
      case 'string':
      case 'boolean':
        continue;
      case 'number':
        if (!Number.isFinite(v)) return { path: pathOf(index), what: `got ${showValue(v)}; expected a finite number` };
        continue;
      case 'object':
        break;
      default:
        return { path: pathOf(index), what: `got ${typeof v === 'undefined' ? 'undefined' : `a ${typeof v}`}; expected JSON data` };
    }
    if (v === null) continue;
    const isArray = Array.isArray(v);
    const proto = Object.getPrototypeOf(v) as unknown;
    if (!isArray && proto !== Object.prototype && proto !== null) {
      return { path: pathOf(index), what: `got ${showValue(v)}; expected JSON data (an object, an array, a string, a number, true, false or null)` };
    }
    if (depth >= maxDepth) return { path: pathOf(index), what: `nested more than ${maxDepth} levels deep; expected at most ${maxDepth}` };
    if (isArray) {
      for (let k = 0; k < v.length; k++) add(v[k], depth + 1, index, k);
    } else {
      if (Object.hasOwn(v, '__proto__')) return { path: pathOf(index, '__proto__'), what: 'the field name "__proto__" is not allowed (it would change what the object is); expected another name' };
      for (const k of Object.keys(v)) {
        const field = (v as Record<string, unknown>)[k];
        // a field set to undefined is a field left out (as JSON.stringify leaves it out)
        if (field !== undefined) add(field, depth + 1, index, k);
      }
    }
  }
  return undefined;
}
