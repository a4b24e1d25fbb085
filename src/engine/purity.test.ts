import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

describe('the engine is pure TypeScript', () => {
  const sources = files(join(import.meta.dirname, '.'));

  it('has source files to check', () => {
    expect(sources.length).toBeGreaterThan(10);
  });

  it('imports no package (no React, DOM, zustand or React Flow) and nothing outside src/engine', () => {
    for (const file of sources) {
      const text = readFileSync(file, 'utf8');
      const imports = [...text.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
      for (const spec of imports) {
        expect(spec, `${file} imports ${spec}`).not.toMatch(/^(react|react-dom|zustand|@xyflow)/);
        expect(spec.startsWith('.'), `${file} imports the package ${spec}; the engine imports only its own modules`).toBe(true);
        if (spec.startsWith('..')) expect(join(file, '..', spec).startsWith(join(import.meta.dirname)), `${file} reaches outside the engine: ${spec}`).toBe(true);
      }
      expect(text, file).not.toMatch(/\b(window|document|localStorage|requestAnimationFrame)\./);
    }
  });
});
