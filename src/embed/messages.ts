/**
 * The postMessage API between an embedded lab and the page around it.
 *
 * Inbound (page → lab), accepted only from the embedding window (`window.parent`) and only from an
 * allowed origin (the `origins` embed parameter; by default the embedding page's own origin):
 *   { type: 'pnp-lab:load', scenario?: <permalink token or fragment> | <scenario object, CLI format>, lesson?: id, task?: id, cursor?: n }
 *   { type: 'pnp-lab:play' }   { type: 'pnp-lab:pause' }   { type: 'pnp-lab:step', delta: n }
 *   { type: 'pnp-lab:set-theme', theme: 'light' | 'dark' | 'auto' }   (the host page's theme; `auto`: the reader's system preference)
 * Anything else (other types, wrong shapes, other origins, other windows) is ignored; a `load` whose
 * scenario or lesson is wrong is answered with `pnp-lab:error`.
 *
 * Outbound (lab → page):
 *   { type: 'pnp-lab:ready', version: 1 }
 *   { type: 'pnp-lab:step-changed', cursor, seq, name }      (seq/name of the event under the cursor; null at 0)
 *   { type: 'pnp-lab:lesson-completed', lesson }
 *   { type: 'pnp-lab:resize', height }                        (CSS px the lab's content needs)
 *   { type: 'pnp-lab:error', message }
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { checkLesson, decodePermalink, normalizeScenario, type SandboxState } from '../share/permalink';
import { LabError } from '../engine/errors';
import { BROWSER_BUDGET } from '../scenario/budget';
import { parseScenario } from '../scenario/parse';
import type { ScenarioInput } from '../scenario/schema';
import { normalizeOrigin, type EmbedTheme } from './params';

export const PROTOCOL_VERSION = 1;

const MAX_STRING = 100_000;

z.config(en()); // English default messages (zod/mini loads no locale by itself)

export const loadMessage = z.object({
  type: z.literal('pnp-lab:load'),
  // an object scenario is passed on as it came (a zod record would copy it and silently drop a
  // "__proto__" key); parseScenario checks it, "__proto__" included
  scenario: z.optional(z.union([z.string().check(z.maxLength(MAX_STRING)), z.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v))])),
  lesson: z.optional(z.string().check(z.maxLength(200))),
  task: z.optional(z.string().check(z.maxLength(200))),
  cursor: z.optional(z.int().check(z.minimum(0), z.maximum(1e9))),
}).check(z.refine((m) => m.scenario !== undefined || m.lesson !== undefined, { message: 'expected "scenario" or "lesson"' }));

export const playMessage = z.object({ type: z.literal('pnp-lab:play') });
export const pauseMessage = z.object({ type: z.literal('pnp-lab:pause') });
export const stepMessage = z.object({ type: z.literal('pnp-lab:step'), delta: z.int().check(z.minimum(-1e9), z.maximum(1e9)) });

export const setThemeMessage = z.object({ type: z.literal('pnp-lab:set-theme'), theme: z.enum(['light', 'dark', 'auto']) });

export const inboundMessage = z.union([loadMessage, playMessage, pauseMessage, stepMessage, setThemeMessage]);
export type InboundMessage = z.infer<typeof inboundMessage>;

export const readyMessage = z.object({ type: z.literal('pnp-lab:ready'), version: z.literal(PROTOCOL_VERSION) });
export const stepChangedMessage = z.object({ type: z.literal('pnp-lab:step-changed'), cursor: z.int().check(z.minimum(0)), seq: z.nullable(z.int()), name: z.nullable(z.string()) });
export const lessonCompletedMessage = z.object({ type: z.literal('pnp-lab:lesson-completed'), lesson: z.string() });
export const resizeMessage = z.object({ type: z.literal('pnp-lab:resize'), height: z.number().check(z.positive(), z.maximum(100_000)) });
export const errorMessage = z.object({ type: z.literal('pnp-lab:error'), message: z.string() });

export const outboundMessage = z.union([readyMessage, stepChangedMessage, lessonCompletedMessage, resizeMessage, errorMessage]);
export type OutboundMessage = z.infer<typeof outboundMessage>;

/** An inbound message, validated; undefined for anything that is not one (ignored silently). */
export function parseInbound(data: unknown): InboundMessage | undefined {
  if (typeof data !== 'object' || data === null || typeof (data as { type?: unknown }).type !== 'string') return undefined;
  const r = inboundMessage.safeParse(data);
  return r.success ? r.data : undefined;
}

/** What a `load` asks for, checked: a decoded scenario (with cursor) and/or a lesson and task. */
export interface LoadRequest {
  state?: SandboxState;
  lesson?: string;
  task?: string;
}

/** Checks a load message's scenario (permalink or CLI-format object) and lesson; the error names the field. */
export function resolveLoad(m: z.infer<typeof loadMessage>): { ok: true; request: LoadRequest } | { ok: false; message: string } {
  const request: LoadRequest = {};
  if (typeof m.scenario === 'string') {
    const r = decodePermalink(m.scenario);
    if (!r.ok) return { ok: false, message: `load: ${r.error.text}` };
    request.state = r.state;
  } else if (m.scenario !== undefined) {
    try {
      parseScenario(m.scenario, BROWSER_BUDGET);
    } catch (e) {
      if (e instanceof LabError) return { ok: false, message: `load: scenario${e.path === '(scenario)' ? '' : e.path.startsWith('[') ? e.path : `.${e.path}`}: ${e.expected}` };
      throw e;
    }
    request.state = { scenario: normalizeScenario(structuredClone(m.scenario) as ScenarioInput) };
  }
  if (request.state && m.cursor !== undefined) request.state.cursor = m.cursor;
  const lesson = m.lesson ?? request.state?.lesson;
  const task = m.task ?? (m.lesson === undefined || m.lesson === request.state?.lesson ? request.state?.task : undefined);
  const l = checkLesson(lesson, task);
  if (!l.ok) return { ok: false, message: `load: ${l.error.text}` };
  if (l.lesson !== undefined) request.lesson = l.lesson;
  if (l.task !== undefined) request.task = l.task;
  return { ok: true, request };
}

// ---- the bridge ----------------------------------------------------------------------------------

/** The parts of `window` the bridge uses (a fake in tests). */
export interface BridgeWindow {
  parent: { postMessage(message: unknown, targetOrigin: string): void } | null;
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
  location: { ancestorOrigins?: { length: number; [i: number]: string } };
  document: { referrer: string; documentElement?: Element };
}

export interface EmbedBridgeOptions {
  onLoad(request: LoadRequest): void;
  onPlay(): void;
  onPause(): void;
  onStep(delta: number): void;
  /** the host page asks for a theme (`pnp-lab:set-theme`) */
  onSetTheme?(theme: EmbedTheme): void;
  /** origins allowed to send commands (the `origins` embed parameter); empty/undefined = the embedding page's origin */
  origins?: readonly string[];
  /**
   * post `pnp-lab:resize` whenever the height of <html> changes (ResizeObserver). Useful when the
   * embedded layout has a natural height (not `h-dvh`/100%: a page that fills its frame reports the
   * frame's own height, which is stable but never changes).
   */
  autoResize?: boolean;
  /** for tests; default `window` */
  win?: BridgeWindow;
}

export interface EmbedBridge {
  /** whether the lab is in a frame at all (no parent → every call is a no-op) */
  readonly framed: boolean;
  /** the origins commands are accepted from (empty: none known, every command is ignored) */
  readonly allowedOrigins: readonly string[];
  /** Tells the page the cursor moved; `event` is the event under the cursor (trace[cursor - 1]). Repeats are not sent. */
  notifyStep(cursor: number, event: { seq: number; name: string } | undefined): void;
  notifyLessonCompleted(lesson: string): void;
  notifyResize(height: number): void;
  notifyError(message: string): void;
  dispose(): void;
}

/** The embedding page's origin: `location.ancestorOrigins[0]` (Chromium, Safari), else the referrer's origin. */
export function parentOrigin(win: BridgeWindow): string | undefined {
  const fromAncestors = win.location.ancestorOrigins && win.location.ancestorOrigins.length > 0 ? win.location.ancestorOrigins[0] : undefined;
  const candidate = fromAncestors ?? (win.document.referrer || undefined);
  return candidate === undefined ? undefined : normalizeOrigin(new URL(candidate).origin);
}

/**
 * Starts listening for commands from the embedding page and returns what the lab calls to talk to
 * it. Posts `pnp-lab:ready` at once (create it when the lab can take commands).
 */
export function createEmbedBridge(opts: EmbedBridgeOptions): EmbedBridge {
  const win: BridgeWindow = opts.win ?? (window as unknown as BridgeWindow);
  const parent = win.parent && win.parent !== (win as unknown) ? win.parent : null;
  const allowed = opts.origins && opts.origins.length > 0 ? [...opts.origins] : (() => {
    try {
      const o = parentOrigin(win);
      return o ? [o] : [];
    } catch {
      return [];
    }
  })();
  const anyOrigin = allowed.includes('*');
  // Outbound messages carry nothing private (a cursor, an event name, a lesson id): post them to the
  // allowed origin(s), or to any origin when the parent's is unknown or any is allowed.
  const targets = anyOrigin || allowed.length === 0 ? ['*'] : allowed;

  const post = (message: OutboundMessage) => {
    if (!parent) return;
    for (const t of targets) {
      try {
        parent.postMessage(message, t);
      } catch {
        // a closed or navigated parent: nothing to tell
      }
    }
  };

  const onMessage = (e: MessageEvent) => {
    if (!parent || e.source !== (parent as unknown)) return;
    if (!anyOrigin && !allowed.includes(e.origin)) return;
    const m = parseInbound(e.data);
    if (!m) return;
    switch (m.type) {
      case 'pnp-lab:load': {
        const r = resolveLoad(m);
        if (r.ok) opts.onLoad(r.request);
        else post({ type: 'pnp-lab:error', message: r.message });
        return;
      }
      case 'pnp-lab:play': return opts.onPlay();
      case 'pnp-lab:pause': return opts.onPause();
      case 'pnp-lab:step': return opts.onStep(m.delta);
      case 'pnp-lab:set-theme': return opts.onSetTheme?.(m.theme);
    }
  };
  win.addEventListener('message', onMessage);

  let lastStep = '';
  let lastHeight = -1;
  const notifyResize = (height: number) => {
    const h = Math.ceil(height);
    if (!(h > 0) || h === lastHeight) return;
    lastHeight = h;
    post({ type: 'pnp-lab:resize', height: h });
  };

  post({ type: 'pnp-lab:ready', version: PROTOCOL_VERSION });

  let observer: ResizeObserver | undefined;
  const root = win.document.documentElement;
  if (opts.autoResize && parent && root) {
    // The height of <html>'s box, not scrollHeight: scrollHeight is never less than the frame's own
    // height, so a lab whose content got shorter could never shrink its frame. Measured once now
    // (a frame below the fold gets no rendering updates, so no observer callback, until it is
    // scrolled to), then on every change.
    const measure = () => notifyResize(root.getBoundingClientRect().height);
    measure();
    if (typeof ResizeObserver === 'function') {
      observer = new ResizeObserver(measure);
      observer.observe(root);
    }
  }

  return {
    framed: parent !== null,
    allowedOrigins: allowed,
    notifyStep(cursor, event) {
      const key = `${cursor}:${event?.seq ?? ''}`;
      if (key === lastStep) return;
      lastStep = key;
      post({ type: 'pnp-lab:step-changed', cursor, seq: event?.seq ?? null, name: event?.name ?? null });
    },
    notifyLessonCompleted(lesson) {
      post({ type: 'pnp-lab:lesson-completed', lesson });
    },
    notifyResize,
    notifyError(message) {
      post({ type: 'pnp-lab:error', message });
    },
    dispose() {
      win.removeEventListener('message', onMessage);
      observer?.disconnect();
    },
  };
}
