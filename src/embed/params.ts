/**
 * Embed parameters: how a page that embeds the lab (an <iframe>, or the <pnp-lab> element of
 * public/pnp-lab-embed.js) says what to show. Read from the lab's query string:
 *
 *   ?embed=1&lesson=a-device-starts&panels=flow,timeline,lesson&autoplay=1&step=40&theme=dark&readonly=1&controls=0
 *
 * | name       | value                                                          | default                       |
 * |------------|----------------------------------------------------------------|-------------------------------|
 * | `embed`    | `1` (embedded: no page header, only the panels asked for)       | `0`                           |
 * | `lesson`   | a lesson id (src/lessons)                                       | none (sandbox)                |
 * | `scenario` | a permalink token (`1.…`) or fragment (`#lab=1.…`, old `#scenario=…`) | the default lab          |
 * | `panels`   | comma list of hardware, tree, flow, timeline, lesson, source, compare | hardware, tree, flow, timeline (+ lesson with a lesson; compare instead of tree with a comparison) |
 * | `compare`  | the one difference of a second run: framework/DEVICE, callback/DEVICE[/LAYER]/CALLBACK/BEHAVIOUR, client/CLIENT/onQueryRemove\|onProfileQuery/VALUE, openHandles/DEVICE/N, removal/STEP | the scenario's own `compare`, if any |
 * | `autoplay` | `1`/`0` (also true/false, yes/no, on/off; present = 1)          | `0`                           |
 * | `step`     | starting cursor, an integer >= 0 (events applied)               | the link's cursor, else the start |
 * | `theme`    | `light`, `dark`, or `auto` (the reader's system preference, live) | the visitor's preference    |
 * | `readonly` | `1`/`0`: no editing (no drag, no settings, no actions)          | `0`                           |
 * | `controls` | `1`/`0`: show the playback bar                                  | `1`                           |
 * | `origins`  | comma list of origins allowed to send commands, or `*`          | the embedding page's origin   |
 * | `session`  | a name (letters and digits, up to 32) under which the lab keeps the learner's state while its frame restarts (the <pnp-lab> element sets it) | none |
 *
 * Nothing here throws: a bad value gives a problem (named by parameter) and its default, so the lab
 * still opens; show `describeProblems(problems)` to the person who made the embed code.
 */
import { showValue } from '../scenario/jsonValue';
import type { checkLesson } from '../share/lessonLink';
import type { DecodeResult } from '../share/permalink';
import type { SandboxState } from '../share/sandbox';
import type { parseComparisonText } from '../scenario/comparison';

export const PANELS = ['hardware', 'tree', 'flow', 'timeline', 'lesson', 'source', 'compare'] as const;
export type Panel = (typeof PANELS)[number];
export type Theme = 'light' | 'dark';
/** An embed's theme: `auto` follows the reader's system preference (prefers-color-scheme) as it changes. */
export type EmbedTheme = Theme | 'auto';

export const DEFAULT_PANELS: readonly Panel[] = ['hardware', 'tree', 'flow', 'timeline'];

export interface EmbedParams {
  /** `embed=1`: the lab runs inside another page */
  embed: boolean;
  /** the lesson to open (from `lesson`, else from the scenario link) */
  lesson?: string;
  /** the task to open (from the scenario link only) */
  task?: string;
  /** the decoded `scenario` link: scenario, cursor, maybe lesson and task */
  scenario?: SandboxState;
  /** panels to show, in the order given */
  panels: Panel[];
  autoplay: boolean;
  /** starting cursor (from `step`, else the scenario link's cursor) */
  step?: number;
  theme?: EmbedTheme;
  readonly: boolean;
  /** show the playback bar */
  controls: boolean;
  /** origins allowed to send commands (`['*']` = any); empty = the embedding page's origin only */
  origins: string[];
  /** where the learner's state is kept while the frame restarts (embedSession.ts) */
  session?: string;
  /** `compare=`: the comparison's text form (its shape checked here; whether it fits the scenario, once that is open) */
  compare?: string;
}

export interface EmbedProblem {
  /** the parameter at fault */
  param: string;
  message: string;
  /** `param: message` */
  text: string;
}

export const EMBED_PARAM_NAMES = ['embed', 'lesson', 'scenario', 'panels', 'autoplay', 'step', 'theme', 'readonly', 'controls', 'origins', 'session', 'compare'] as const;

const TRUE = new Set(['', '1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off']);

function queryOf(input: string | URLSearchParams): URLSearchParams {
  return typeof input === 'string' ? new URLSearchParams(input.includes('?') ? input.slice(input.indexOf('?') + 1).replace(/#.*$/, '') : input) : input;
}

/**
 * What reads the `scenario` link (share/permalink.ts `decodePermalink`), checks the `lesson` id
 * (share/lessonLink.ts `checkLesson`) and reads `compare=` (scenario/comparison.ts `parseComparisonText`):
 * chunks of their own, which only a page with such a parameter loads.
 */
export interface LinkReaders {
  decodePermalink?: (text: string) => DecodeResult;
  checkLesson?: typeof checkLesson;
  parseComparisonText?: typeof parseComparisonText;
}

/** Which readers the query string needs: a `scenario` link needs the first two, a `lesson` the lesson check, `compare` the comparison's. */
export function neededReaders(input: string | URLSearchParams): { decodePermalink: boolean; checkLesson: boolean; parseComparisonText: boolean } {
  const q = queryOf(input);
  return { decodePermalink: q.has('scenario'), checkLesson: q.has('scenario') || q.has('lesson'), parseComparisonText: q.has('compare') };
}

/**
 * Parses the lab's query string (`location.search`, a URL, or URLSearchParams). A `scenario` link,
 * a `lesson` and `compare` are read with `readers`; without them they are left out (the app parses
 * again with the readers, loaded only then, before its first render: useLabLinks.ts).
 */
export function parseEmbedParams(input: string | URLSearchParams, readers: LinkReaders = {}): { params: EmbedParams; problems: EmbedProblem[] } {
  const q = queryOf(input);
  const { decodePermalink: decodeLink, checkLesson: checkLessonId, parseComparisonText: readComparison } = readers;
  const problems: EmbedProblem[] = [];
  const problem = (param: string, message: string) => problems.push({ param, message, text: `${param}: ${message}` });
  const get = (name: string) => {
    const all = q.getAll(name);
    if (all.length > 1) problem(name, `given ${all.length} times; the first value is used`);
    return all.length ? all[0] : undefined;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const v = get(name);
    if (v === undefined) return fallback;
    const t = v.trim().toLowerCase();
    if (TRUE.has(t)) return true;
    if (FALSE.has(t)) return false;
    problem(name, `got ${showValue(v)}; expected 1 or 0 (using ${fallback ? 1 : 0})`);
    return fallback;
  };

  const params: EmbedParams = { embed: bool('embed', false), panels: [], autoplay: false, readonly: false, controls: true, origins: [] };

  const scenarioText = decodeLink ? get('scenario') : undefined;
  if (scenarioText !== undefined && decodeLink) {
    const r = decodeLink(scenarioText);
    if (r.ok) {
      params.scenario = r.state;
      if (r.state.lesson) params.lesson = r.state.lesson;
      if (r.state.task) params.task = r.state.task;
      if (r.state.cursor !== undefined) params.step = r.state.cursor;
    } else {
      problem('scenario', `${r.error.text} (the lab opens with its default scenario)`);
    }
  }

  const lesson = checkLessonId ? get('lesson') : undefined;
  if (lesson !== undefined && checkLessonId) {
    const r = checkLessonId(lesson.trim(), undefined);
    if (r.ok) {
      if (params.lesson !== r.lesson) delete params.task;
      params.lesson = r.lesson;
    } else {
      problem('lesson', `${r.error.message} (no lesson is opened)`);
    }
  }

  const panels = get('panels');
  if (panels !== undefined) {
    const names = panels.split(',').map((p) => p.trim().toLowerCase()).filter((p) => p !== '');
    const unknown = names.filter((p) => !(PANELS as readonly string[]).includes(p));
    if (unknown.length) problem('panels', `unknown panel${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => showValue(u)).join(', ')}; expected a comma list of ${PANELS.join(', ')}`);
    params.panels = [...new Set(names.filter((p): p is Panel => (PANELS as readonly string[]).includes(p)))];
    if (params.panels.length === 0 && unknown.length === 0) problem('panels', 'empty; expected a comma list of ' + PANELS.join(', '));
  }
  const compare = readComparison ? get('compare') : undefined;
  if (compare !== undefined && readComparison) {
    const r = readComparison(compare);
    if (r.ok) params.compare = compare.trim();
    else problem('compare', `${r.message} (no comparison is shown)`);
  }
  // with a comparison (the parameter's, or the link's scenario's), the comparison takes Device Manager's place
  const comparing = params.compare !== undefined || params.scenario?.scenario.compare !== undefined;
  if (params.panels.length === 0) params.panels = [...(comparing ? DEFAULT_PANELS.map((p) => (p === 'tree' ? 'compare' : p)) : DEFAULT_PANELS), ...(params.lesson ? ['lesson' as const] : [])];

  params.autoplay = bool('autoplay', false);

  const step = get('step');
  if (step !== undefined) {
    if (/^\d{1,9}$/.test(step.trim())) params.step = Number(step.trim());
    else problem('step', `got ${showValue(step)}; expected a whole number >= 0 (events applied)`);
  }

  const theme = get('theme');
  if (theme !== undefined) {
    const t = theme.trim().toLowerCase();
    if (t === 'light' || t === 'dark' || t === 'auto') params.theme = t;
    else problem('theme', `got ${showValue(theme)}; expected light, dark or auto (using the visitor's preference)`);
  }

  params.readonly = bool('readonly', false);
  params.controls = bool('controls', true);

  const origins = get('origins');
  if (origins !== undefined) {
    for (const raw of origins.split(',').map((o) => o.trim()).filter((o) => o !== '')) {
      const o = normalizeOrigin(raw);
      if (o === undefined) problem('origins', `${showValue(raw)} is not an origin; expected e.g. https://example.org (scheme, host and port only) or *`);
      else if (!params.origins.includes(o)) params.origins.push(o);
    }
  }

  const session = get('session');
  if (session !== undefined) {
    if (/^[A-Za-z0-9]{1,32}$/.test(session)) params.session = session;
    else problem('session', `got ${JSON.stringify(session.slice(0, 40))}; expected up to 32 letters and digits (the lab does not resume a restarted frame)`);
  }

  const known = new Set<string>(EMBED_PARAM_NAMES);
  if (params.embed) for (const name of new Set(q.keys())) if (!known.has(name)) problem(name, `unknown embed parameter; expected one of: ${EMBED_PARAM_NAMES.join(', ')}`);

  return { params, problems };
}

/** `https://Example.org:443/` → `https://example.org`; `*` stays; anything that is not an origin → undefined. */
export function normalizeOrigin(text: string): string | undefined {
  if (text === '*') return '*';
  try {
    const u = new URL(text);
    if (u.origin === 'null' || !/^https?:$/.test(u.protocol)) return undefined;
    if ((u.pathname !== '/' && u.pathname !== '') || u.search || u.hash || u.username || u.password) return undefined;
    return u.origin;
  } catch {
    return undefined;
  }
}

/** One sentence for the notice bar, or undefined when every parameter was fine. */
export function describeProblems(problems: readonly EmbedProblem[]): string | undefined {
  if (problems.length === 0) return undefined;
  return `Some embed settings were not understood and their defaults are used: ${problems.map((p) => p.text).join('; ')}.`;
}
