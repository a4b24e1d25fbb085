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
import { decodePermalink } from '../share/permalink';
import { checkLesson } from '../share/lessonLink';
import { normalizeScenario, type SandboxState } from '../share/sandbox';
import { LabError } from '../engine/errors';
import { BROWSER_BUDGET } from '../scenario/budget';
import { parseScenario } from '../scenario/parseObject';
import type { ScenarioInput } from '../scenario/schema';
import { PROTOCOL_VERSION } from './protocol';

// the bridge (bridge.ts) runs from the start of every embedded lab; this module, which reads what
// the page sends, loads with the first command (bridge.ts imports it then; it imports nothing of the bridge)

const MAX_STRING = 100_000;

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
export type LoadMessage = z.infer<typeof loadMessage>;

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
export function resolveLoad(m: LoadMessage): { ok: true; request: LoadRequest } | { ok: false; message: string } {
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
