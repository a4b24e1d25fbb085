import { describe, expect, it } from 'vitest';
import { displayRows } from './displayRows';

describe('displayRows', () => {
  it('puts the events of one run only next to each other between two pairs, and keeps the pairs on their rows', () => {
    const rows = displayRows([
      { a: 0, b: 10, mark: 'same' },
      { a: 1, mark: 'onlyA' }, { a: 2, mark: 'moved', twin: 13 },
      { b: 11, mark: 'onlyB' },
      { a: 3, b: 12, mark: 'result' },
      { b: 13, mark: 'moved', twin: 2 },
    ]);
    expect(rows.map((r) => [r.a?.index, r.a?.mark, r.b?.index, r.b?.mark])).toEqual([
      [0, 'same', 10, 'same'],
      [1, 'onlyA', 11, 'onlyB'],
      [2, 'moved', undefined, undefined],
      [3, 'result', 12, 'result'],
      [undefined, undefined, 13, 'moved'],
    ]);
  });
});
