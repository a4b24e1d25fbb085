/**
 * The import graph of `src/` as the bundle sees it, for the import-cycle test (imports.test.ts) and anyone who
 * wants to look at the arrows: node-only (it reads files), not part of the app.
 *
 * An arrow A -> B is a static `import … from 'B'` or `export … from 'B'` in A that the built code keeps:
 * `import type` / `export type` are erased, so they are no arrow; an import whose every name is marked `type`
 * is erased too (the tsconfig has no `verbatimModuleSyntax`; with it on, write such imports as `import type`).
 * A dynamic `import('B')` is no arrow either: it loads B later, when the code runs, so it cannot close a loop
 * at load time. Side-effect imports (`import './x.css'`) are arrows to files of `src/` only.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

/** Every .ts/.tsx file under `dir` but the tests. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(p) && !/\.test\.tsx?$/.test(p) && !p.endsWith('.d.ts') ? [p] : [];
  });
}

// `import x, { a, type b } from '…'`, `import * as x from '…'`, `export { a } from '…'`, `export * from '…'`, and
// `import '…'` (clause empty); the clause holds names, braces, commas and `*` only, so `typeof import('…')` is no match
const STATIC_IMPORT = /^[ \t]*(import|export)\s+(type\s+)?(?:([\w$*{}\s,]*?)\s+from\s+)?['"]([^'"]+)['"]/gm;

/** The files of `src/` that `file` imports at load time (absolute paths). */
export function runtimeImports(file: string, text: string = readFileSync(file, 'utf8')): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(STATIC_IMPORT)) {
    const [, keyword, typeOnly, clause = '', spec] = m;
    if (typeOnly) continue;
    if (keyword === 'export' && clause === '') continue;
    if (clause !== '' && allTypes(clause)) continue;
    if (!spec.startsWith('.')) continue;
    const target = resolveSpec(file, spec);
    if (target) out.push(target);
  }
  return out;
}

/** `{ type A, type B }` (and nothing else): every named import is a type. */
function allTypes(clause: string): boolean {
  const named = /^\{([^}]*)\}$/.exec(clause.trim());
  if (!named) return false;
  const names = named[1].split(',').map((s) => s.trim()).filter(Boolean);
  return names.length > 0 && names.every((n) => n.startsWith('type '));
}

function resolveSpec(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (/\.tsx?$/.test(candidate) && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** The import graph of the files under `root`, keyed by path relative to `root`. */
export function importGraph(root: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const f of sourceFiles(root)) graph.set(relative(root, f), runtimeImports(f).map((t) => relative(root, t)));
  return graph;
}

/** The import cycles: strongly connected components of more than one file (or a file importing itself), each sorted. */
export function importCycles(graph: Map<string, string[]>): string[][] {
  // Tarjan's algorithm, iterative enough for a few hundred files (recursion depth = longest import chain).
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    indices.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
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
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort());
  };
  for (const v of [...graph.keys()].sort()) if (!indices.has(v)) visit(v);
  return cycles.sort((a, b) => a[0].localeCompare(b[0]));
}
