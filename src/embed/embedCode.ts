/**
 * "Copy embed code": the HTML a teacher pastes into a page to embed the lab with the current scenario
 * or lesson. It loads public/pnp-lab-embed.js (a plain script shipped beside the app) and places a
 * <pnp-lab> element; with `iframe: true`, a plain <iframe> instead (for sites that strip scripts).
 */
import { encodePermalink, type SandboxState } from '../share/permalink';
import type { Panel, Theme } from './params';

export interface EmbedCodeOptions {
  /** the lab's address, e.g. `https://example.org/pnp-lab/` (default: this page without query and fragment) */
  labUrl?: string;
  /** where pnp-lab-embed.js is (default: beside the lab) */
  scriptUrl?: string;
  /** a scenario (with cursor, lesson) to show, or a ready permalink token */
  scenario?: SandboxState | string;
  lesson?: string;
  panels?: readonly Panel[];
  autoplay?: boolean;
  /** starting cursor (overrides the scenario's cursor) */
  step?: number;
  theme?: Theme;
  readonly?: boolean;
  /** show the playback bar (default true) */
  controls?: boolean;
  /** a fixed height in CSS px (default: the element follows the lab's content) */
  height?: number;
  /** the frame's accessible name (default "PnP Lab") */
  title?: string;
  /** a plain iframe instead of the script and element */
  iframe?: boolean;
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function defaultLabUrl(): string {
  const href = globalThis.location?.href;
  if (!href) throw new Error('embedCode: labUrl is needed outside a browser');
  return href.replace(/[?#].*$/, '');
}

/** The element's attributes (also the embed URL's parameters), in a fixed order. */
function attributes(o: EmbedCodeOptions): [string, string | undefined][] {
  const token = o.scenario === undefined ? undefined : typeof o.scenario === 'string' ? o.scenario : encodePermalink(o.scenario);
  const flag = (v: boolean | undefined) => (v === undefined ? undefined : v ? '1' : '0');
  return [
    ['lesson', o.lesson],
    ['scenario', token],
    ['panels', o.panels && o.panels.length ? o.panels.join(',') : undefined],
    ['autoplay', o.autoplay ? '1' : undefined],
    ['step', o.step === undefined ? undefined : String(o.step)],
    ['theme', o.theme],
    ['readonly', o.readonly ? '1' : undefined],
    ['controls', o.controls === false ? flag(false) : undefined],
  ];
}

function labLink(o: EmbedCodeOptions, embed: boolean): string {
  const u = new URL(o.labUrl ?? defaultLabUrl());
  u.hash = '';
  if (embed) u.searchParams.set('embed', '1');
  for (const [k, v] of attributes(o)) if (v !== undefined) u.searchParams.set(k, v);
  return u.toString();
}

/** The address the lab is framed at: `labUrl?embed=1&…`. */
export function embedUrl(o: EmbedCodeOptions): string {
  return labLink(o, true);
}

/** The snippet to paste: the script tag and a <pnp-lab> element (or one <iframe>), with a link for readers without scripts. */
export function embedCode(o: EmbedCodeOptions = {}): string {
  const labUrl = new URL(o.labUrl ?? defaultLabUrl());
  labUrl.hash = '';
  const title = o.title ?? 'PnP Lab';
  if (o.iframe) {
    const height = o.height ?? 640;
    return `<iframe src="${escapeAttr(embedUrl({ ...o, labUrl: labUrl.toString() }))}" title="${escapeAttr(title)}" loading="lazy" referrerpolicy="origin" style="width:100%;height:${height}px;border:0"></iframe>\n`;
  }
  const scriptUrl = o.scriptUrl ?? new URL('pnp-lab-embed.js', labUrl).toString();
  const attrs = [['src', labUrl.toString()] as [string, string | undefined], ...attributes(o), ['height', o.height === undefined ? undefined : String(o.height)] as [string, string | undefined], ['title', o.title]]
    .filter((a): a is [string, string] => a[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
    .join('');
  // shown where scripts do not run: the same lab, full page
  const fallback = `<a href="${escapeAttr(labLink({ ...o, labUrl: labUrl.toString() }, false))}">${escapeText(`Open ${title}`)}</a>`;
  return `<script src="${escapeAttr(scriptUrl)}" defer></script>\n<pnp-lab${attrs}>${fallback}</pnp-lab>\n`;
}
