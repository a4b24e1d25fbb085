/**
 * The fonts a big lab needs, looked up while the page is idle.
 *
 * The first time a page sets text in a font of a new size and weight, the browser asks the system for it. In Chromium
 * on Linux each such lookup is a blocking call to the browser process: 3–14 ms each on a busy 2-core machine, and about
 * fifteen of them when a full USB bus first lands (most for the flowchart's IRP card and rows), which made the tasks
 * that show it 20–50 ms longer (issue 16). Here a hidden box sets a sample in every size × weight × family that the
 * lab's stylesheet has (its own single-class rules), a few at a time in idle callbacks, and stays on the page (out of
 * view and hidden from assistive technology) so that those fonts stay in the browser's cache. It starts when the lab is
 * first reached for (ui/lazyParts.tsx: a pointer, a focus or a key), as the scenario checks are fetched: opening a
 * file, filling the bus or picking a lesson all come after that.
 */

/** Latin letters and every non-ASCII character the lab's own text uses (warmFonts.test.ts checks the sources). */
export const WARM_SAMPLE = 'Ag09·×–—’“”…←↑→↓↔↗↩≈≠▸▾◀○✓✗⤴';

/** What fontClasses reads of a CSS rule (a CSSRule, or a plain object in the tests). */
export interface RuleLike {
  selectorText?: string;
  style?: { fontSize?: string; fontWeight?: string; fontFamily?: string };
  cssRules?: Iterable<RuleLike>;
}

export interface FontClasses {
  sizes: string[];
  weights: string[];
  families: string[];
}

const SINGLE_CLASS = /^\.((?:\\.|[\w-])+)$/;

/** The classes of `rules` (and of the rules nested in them, as Tailwind's layers are) whose rule is that class alone and sets a font size, weight or family. */
export function fontClasses(rules: Iterable<RuleLike>): FontClasses {
  const sizes = new Set<string>();
  const weights = new Set<string>();
  const families = new Set<string>();
  const walk = (list: Iterable<RuleLike>) => {
    for (const r of list) {
      if (r.cssRules && r.selectorText === undefined) walk(r.cssRules);
      const m = r.selectorText !== undefined ? SINGLE_CLASS.exec(r.selectorText) : null;
      if (!m || !r.style) continue;
      // the selector's escapes (`.text-\[10px\]`) are not in the class name
      const name = m[1].replace(/\\(.)/g, '$1');
      if (r.style.fontSize) sizes.add(name);
      if (r.style.fontWeight) weights.add(name);
      if (r.style.fontFamily) families.add(name);
    }
  };
  walk(rules);
  return { sizes: [...sizes], weights: [...weights], families: [...families] };
}

/** Every combination to set, as class lists: each size in the page's own family and in each family class, in its own weight and each weight class. */
export function warmCombinations({ sizes, weights, families }: FontClasses): string[] {
  const out: string[] = [];
  for (const family of ['', ...families]) for (const size of sizes) for (const weight of ['', ...weights]) out.push([family, size, weight].filter(Boolean).join(' '));
  return out;
}

/** Spans added per idle callback (each may cost a lookup of about a millisecond when the machine is idle). */
const BATCH = 24;

type Idle = (fn: () => void) => void;
const whenIdle: Idle = (fn) => {
  const ric = (globalThis as { requestIdleCallback?: (f: () => void, o?: { timeout: number }) => void }).requestIdleCallback;
  if (ric) ric(fn, { timeout: 10_000 });
  else setTimeout(fn, 50);
};

let started = false;

/** Starts setting the samples in `doc` once it is idle (once per page). */
export function warmFonts(doc: Document = document, idle: Idle = whenIdle): void {
  if (started) return;
  started = true;
  idle(() => {
    const rules: RuleLike[] = [];
    for (const sheet of Array.from(doc.styleSheets)) {
      try {
        rules.push(...(Array.from(sheet.cssRules) as unknown as RuleLike[]));
      } catch {
        // a stylesheet of another origin (a host's, in an embed) cannot be read, and is not the lab's
      }
    }
    const combinations = warmCombinations(fontClasses(rules));
    const box = doc.createElement('div');
    box.dataset.fontWarmup = '';
    box.setAttribute('aria-hidden', 'true');
    box.inert = true;
    // CSSOM, not a style attribute: the lab's Content Security Policy allows no inline style in markup
    box.style.cssText = 'position:fixed;top:0;left:-10000px;width:1px;height:1px;overflow:hidden;opacity:0;pointer-events:none;contain:strict';
    doc.body.append(box);
    let next = 0;
    const batch = () => {
      let last: HTMLElement | undefined;
      for (const end = Math.min(combinations.length, next + BATCH); next < end; next++) {
        last = doc.createElement('span');
        last.className = combinations[next];
        last.textContent = WARM_SAMPLE;
        box.append(last);
      }
      // laid out now (idle), so the lookups happen here and not in the next frame's task
      last?.getBoundingClientRect();
      if (next < combinations.length) idle(batch);
    };
    batch();
  });
}
