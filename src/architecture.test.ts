/**
 * The shape of src/ (docs/architecture.md): no import cycle anywhere, and arrows that point one way only,
 * ui → store → model → engine, with the data and format folders below the store.
 *
 * An arrow A → B is an import of B in A that the built code keeps: a static `import`/`export … from`, a
 * side-effect `import 'B'`, and a dynamic `import('B')` too (a cycle held together by a dynamic import is
 * still a cycle). `import type`, `export type` and imports whose every name is `type` are erased, so they
 * are no arrow, nor is `typeof import('B')` (a type). Tests are left out: they may reach across layers.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = import.meta.dirname;

/**
 * Cycles that are known and owed: none (the engine's went with issue 15's engine rewrite). A cycle someone cannot
 * remove at once is listed here with the issue that removes it; the last test says when it is gone.
 */
const KNOWN_CYCLES: readonly string[] = [];

/** Which top-level folders (or root files) of src/ each one may import, besides itself. */
const MAY_IMPORT: Record<string, readonly string[]> = {
  engine: [],
  scenario: ['engine'],
  lessons: ['engine', 'scenario'],
  share: ['engine', 'scenario', 'lessons'],
  primer: ['engine'],
  sources: ['engine', 'scenario', 'lessons', 'testing'],
  testing: ['engine', 'scenario', 'lessons', 'share', 'cli', 'model'],
  cli: ['engine', 'scenario', 'testing'],
  embed: ['engine', 'scenario', 'share', 'lessons'],
  model: ['engine', 'scenario', 'lessons'],
  // the engine worker, its protocol and the page's side of it: runs what the model runs, off the main thread
  worker: ['model', 'engine', 'scenario', 'lessons', 'share'],
  store: ['model', 'engine', 'scenario', 'lessons', 'share', 'worker'],
  ui: ['store', 'model', 'engine', 'scenario', 'lessons', 'share', 'primer', 'sources', 'embed', 'worker'],
  'App.tsx': ['ui', 'store', 'model', 'engine', 'embed'],
  'main.tsx': ['App.tsx', 'ui', 'store'],
};

/** Packages that make a folder depend on React or a browser framework: the engine and the model have none. */
const FRAMEWORKS = /^(react|react-dom|@xyflow\/react|zustand)(\/|$)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.endsWith('.d.ts') ? [p] : [];
  });
}

// `import x, { a, type b } from '…'`, `export { a } from '…'`, `export * from '…'`, `import '…'`
const STATIC = /^[ \t]*(import|export)\s+(type\s+)?(?:([\w$*{}\s,]*?)\s+from\s+)?['"]([^'"]+)['"]/gm;
// `import('…')`, but not `typeof import('…')`
const DYNAMIC = /(?<!typeof\s)\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The module specifiers `text` keeps at run time (relative ones and packages alike). */
export function runtimeSpecifiers(text: string): string[] {
  const out: string[] = [];
  for (const [, keyword, typeOnly, clause = '', spec] of text.matchAll(STATIC)) {
    if (typeOnly) continue;
    if (keyword === 'export' && clause === '') continue; // `export const x = …` has no `from`
    if (clause !== '' && allTypes(clause)) continue;
    out.push(spec);
  }
  // comments may name an import (`import('./highlight')` in a doc comment): not an arrow
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '$1');
  for (const [, spec] of code.matchAll(DYNAMIC)) out.push(spec);
  return out;
}

function allTypes(clause: string): boolean {
  const named = /^\{([^}]*)\}$/.exec(clause.trim());
  if (!named) return false;
  const names = named[1].split(',').map((s) => s.trim()).filter(Boolean);
  return names.length > 0 && names.every((n) => n.startsWith('type '));
}

function resolveSpec(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  for (const c of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (/\.tsx?$/.test(c) && existsSync(c) && statSync(c).isFile()) return c;
  }
  return undefined;
}

/** File (relative to src/) → the files of src/ it imports, and the packages it imports. */
function importGraph(): Map<string, { files: string[]; packages: string[] }> {
  const graph = new Map<string, { files: string[]; packages: string[] }>();
  for (const f of sourceFiles(SRC)) {
    const specs = runtimeSpecifiers(readFileSync(f, 'utf8'));
    const files = specs.filter((s) => s.startsWith('.')).map((s) => resolveSpec(f, s)).filter((x): x is string => x !== undefined);
    graph.set(relative(SRC, f), { files: files.map((x) => relative(SRC, x)), packages: specs.filter((s) => !s.startsWith('.')) });
  }
  return graph;
}

/** Strongly connected components of more than one file (or a file that imports itself), each sorted. */
function cycles(graph: Map<string, { files: string[] }>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    indices.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.files ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) !== indices.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || graph.get(v)!.files.includes(v)) found.push(component.sort());
  };
  for (const v of [...graph.keys()].sort()) if (!indices.has(v)) visit(v);
  return found;
}

const layerOf = (file: string) => file.split('/')[0];

describe('the architecture of src/', () => {
  const graph = importGraph();

  it('reads every source file of src/ and their imports', () => {
    expect(graph.size).toBeGreaterThan(150);
    expect(graph.get('store/labStore.ts')!.files).toContain('worker/runScheduler.ts');
    expect(graph.get('worker/runScheduler.ts')!.files).toContain('model/runLab.ts');
    expect(graph.get('ui/flow/FlowPanel.tsx')!.packages).toContain('@xyflow/react');
    // a dynamic import is an arrow: the lesson store loads on demand, still below the stores that load it
    expect(graph.get('store/stores.ts')!.files).toContain('store/lessonStore.ts');
  });

  it('has no import cycle (import type is no arrow), but the known ones of the engine', () => {
    const found = cycles(graph).map((c) => c.join(' '));
    expect(found.filter((c) => !KNOWN_CYCLES.includes(c)), 'import cycles').toEqual([]);
  });

  it('has no known cycle left that is gone (take it off KNOWN_CYCLES)', () => {
    const found = cycles(graph).map((c) => c.join(' '));
    expect(KNOWN_CYCLES.filter((c) => !found.includes(c))).toEqual([]);
  });

  it('points its arrows one way: ui → store → model → engine, with the data and format folders below the store', () => {
    const wrong: string[] = [];
    for (const [file, { files }] of graph) {
      const from = layerOf(file);
      const allowed = MAY_IMPORT[from];
      if (!allowed) {
        wrong.push(`${file}: ${from} is not a known layer (add it to MAY_IMPORT and docs/architecture.md)`);
        continue;
      }
      for (const target of files) {
        const to = layerOf(target);
        if (to !== from && !allowed.includes(to)) wrong.push(`${file} → ${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps React, React Flow and zustand out of the engine and the model', () => {
    const wrong = [...graph].filter(([f]) => ['engine', 'model'].includes(layerOf(f))).flatMap(([f, { packages }]) => packages.filter((p) => FRAMEWORKS.test(p)).map((p) => `${f} → ${p}`));
    expect(wrong).toEqual([]);
  });

  it('counts erased and type imports as no arrow, and every kept import as one', () => {
    const specs = (text: string) => runtimeSpecifiers(text);
    expect(specs("import type { Lab } from './engine/lab';")).toEqual([]);
    expect(specs("import { type Lab, type LabAction } from './engine/lab';")).toEqual([]);
    expect(specs("export type { Lab } from './engine/lab';")).toEqual([]);
    expect(specs("type Part = typeof import('./ui/fullLabParts').Header;")).toEqual([]);
    expect(specs("import { Lab, type LabAction } from './engine/lab';")).toEqual(['./engine/lab']);
    expect(specs("import {\n  Lab,\n} from './engine/lab';")).toEqual(['./engine/lab']);
    expect(specs("export * from './engine/trace';")).toEqual(['./engine/trace']);
    expect(specs("import './index.css';")).toEqual(['./index.css']);
    expect(specs("const m = () => import('./store/lessonStore');")).toEqual(['./store/lessonStore']);
    expect(specs('export const x = 1;')).toEqual([]);
    expect(specs("/** Load it lazily (`import('./highlight')`). */\n// or import('./x')\nconst url = 'https://example.org';")).toEqual([]);
  });
});
