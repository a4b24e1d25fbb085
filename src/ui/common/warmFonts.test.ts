import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fontClasses, WARM_SAMPLE, warmCombinations } from './warmFonts';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) && !/\.test\./.test(f) ? [p] : [];
  });
}

describe('font warm-up', () => {
  it('takes the single-class rules that set a font size, weight or family, nested ones too, with their escapes undone', () => {
    const found = fontClasses([
      { selectorText: '.text-xs', style: { fontSize: 'var(--text-xs)' } },
      { cssRules: [{ selectorText: '.text-\\[10\\.5px\\]', style: { fontSize: '10.5px' } }, { selectorText: '.font-semibold', style: { fontWeight: '600' } }] },
      { selectorText: '.font-mono', style: { fontFamily: 'var(--font-mono)' } },
      // not a class alone, or no font: left out
      { selectorText: '.presenter .text-xs', style: { fontSize: '15px' } },
      { selectorText: '.flow-row:hover', style: { fontWeight: '700' } },
      { selectorText: '.bg-panel', style: {} },
    ]);
    expect(found).toEqual({ sizes: ['text-xs', 'text-[10.5px]'], weights: ['font-semibold'], families: ['font-mono'] });
  });

  it('sets every size in every weight and family, the page’s own included', () => {
    expect(warmCombinations({ sizes: ['text-xs', 'text-sm'], weights: ['font-bold'], families: ['font-mono'] })).toEqual([
      'text-xs', 'text-xs font-bold', 'text-sm', 'text-sm font-bold',
      'font-mono text-xs', 'font-mono text-xs font-bold', 'font-mono text-sm', 'font-mono text-sm font-bold',
    ]);
  });

  it('samples every non-ASCII character of the lab’s own text (a symbol the font lacks is looked up too)', () => {
    const used = new Set<string>();
    for (const dir of ['src/ui', 'src/model/flow', 'src/engine/tables']) {
      for (const f of files(dir)) for (const c of readFileSync(f, 'utf8')) if (c.charCodeAt(0) > 127) used.add(c);
    }
    const missing = [...used].filter((c) => !WARM_SAMPLE.includes(c));
    expect(missing).toEqual([]);
  });
});
