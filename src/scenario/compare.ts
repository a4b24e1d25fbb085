/**
 * A scenario's `compare` (docs/scenario-format.md#compare): the one difference of a second run, which the lab shows
 * beside the first (Compare). The engine never reads it: the scenario runs as written (run A), and the lab runs it
 * again with this one change (run B, src/compare/). Here: its shape (zod), its meaning against the scenario (one-line
 * errors with a `compare.…` path), its short text form (the embed parameter `compare=framework/disk`), and its words.
 */
import * as z from 'zod/mini';
import { CATALOG, type ModelId } from '../engine/bus/catalog';
import { LabError } from '../engine/errors';
import { showValue } from './jsonValue';
import { listWithin } from './words';

const BEHAVIOURS = ['succeed', 'fail', 'absent', 'hang', 'failOnFirstStart', 'failOnRestart', 'failOnWake'] as const;
const LAYERS = ['function', 'bus', 'lower-filter', 'upper-filter'] as const;
const ON_QUERY_REMOVE = ['close', 'veto', 'keepOpen'] as const;
const ON_PROFILE_QUERY = ['allow', 'veto'] as const;
const id = z.string().check(z.maxLength(64));

export const compareSchema = z.discriminatedUnion('change', [
  z.strictObject({ change: z.literal('framework'), device: id }),
  z.strictObject({ change: z.literal('callback'), device: id, layer: z.optional(z.enum(LAYERS)), callback: z.string().check(z.maxLength(100)), behaviour: z.enum(BEHAVIOURS) }),
  z.strictObject({ change: z.literal('client'), client: id, onQueryRemove: z.optional(z.enum(ON_QUERY_REMOVE)), onProfileQuery: z.optional(z.enum(ON_PROFILE_QUERY)) }),
  z.strictObject({ change: z.literal('openHandles'), device: id, openHandles: z.int().check(z.minimum(0), z.maximum(99)) }),
  z.strictObject({ change: z.literal('removal'), step: z.int().check(z.minimum(1)) }),
]);

export type Comparison = z.output<typeof compareSchema>;
export type ComparisonKind = Comparison['change'];
export const COMPARISON_KINDS: readonly ComparisonKind[] = ['framework', 'callback', 'client', 'openHandles', 'removal'];
export type CallbackLayer = (typeof LAYERS)[number];

/** What `checkComparison` needs of a scenario: its devices, clients and steps, as written (defaults may be left out). */
export interface ComparedScenario {
  devices?: readonly { id: string; model: string; framework?: string; callbacks?: Record<string, string>; layers?: Partial<Record<string, { callbacks: Record<string, string> } | undefined>>; openHandles?: number; capabilities?: { Removable?: boolean; SurpriseRemovalOK?: boolean } }[];
  clients?: readonly { id: string; category: string; onQueryRemove?: string; onProfileQuery?: string }[];
  steps?: readonly { action: string; device?: string }[];
}

const LAYER_WORDS: Record<CallbackLayer, string> = { function: 'function driver', bus: 'bus driver (PDO)', 'lower-filter': 'lower filters', 'upper-filter': 'upper filters' };
const FRAMEWORK_WORDS: Record<string, string> = { kmdf: 'KMDF', umdf1: 'UMDF 1' };

/** A step in words, as the lab says it (`unplug disk`, `safeRemove scanner`). */
export function stepWords(step: { action: string; device?: string; client?: string } | undefined): string {
  if (!step) return '';
  const who = step.device ?? step.client;
  return who ? `${step.action} ${who}` : step.action;
}

type CallbackCheck = (path: string, framework: 'kmdf' | 'umdf1', name: string, behaviour: string) => void;

/**
 * Whether `c` makes sense for `s`: what it names exists, and run B differs from run A. Throws a LabError whose path
 * starts with `compare` (`compare.device`, `compare.callback`, `compare.step`, …). `checkCallback` checks a callback
 * name and behaviour as the scenario's own settings are checked (src/scenario/parse.ts).
 */
export function checkComparison(s: ComparedScenario, c: Comparison, checkCallback: CallbackCheck): void {
  const devices = s.devices ?? [];
  const device = (name: string) => {
    const d = devices.find((x) => x.id === name);
    if (!d) throw new LabError('compare.device', `unknown device ${showValue(name)}; expected one of: ${listWithin(devices.map((x) => x.id), 150) || '(no devices declared)'}`);
    return d;
  };
  switch (c.change) {
    case 'framework': {
      const d = device(c.device);
      if (d.model === 'usb-hub') throw new LabError('compare.device', `"${d.id}" is a usb-hub: a hub driver is a bus driver, and UMDF 1 drivers cannot be bus drivers; expected another device`);
      return;
    }
    case 'callback': {
      const d = device(c.device);
      const layer = c.layer ?? 'function';
      if (layer === 'bus' && CATALOG[d.model as ModelId]?.bus === 'pci') throw new LabError('compare.layer', `"${d.id}" is on the PCI bus, whose driver (pci.sys, WDM) calls no callbacks; expected function, lower-filter or upper-filter`);
      const framework = layer === 'bus' ? 'kmdf' : d.framework === 'umdf1' ? 'umdf1' : 'kmdf';
      checkCallback('compare.callback', framework, c.callback, c.behaviour);
      const now = layer === 'function' ? d.callbacks?.[c.callback] : d.layers?.[layer]?.callbacks[c.callback];
      if (now === c.behaviour) throw new LabError('compare.behaviour', `"${d.id}" already sets ${c.callback} to ${c.behaviour} (${LAYER_WORDS[layer]}); expected another behaviour, so that the two runs differ`);
      return;
    }
    case 'client': {
      const clients = s.clients ?? [];
      const client = clients.find((x) => x.id === c.client);
      if (!client) throw new LabError('compare.client', `unknown client ${showValue(c.client)}; expected one of: ${listWithin(clients.map((x) => x.id), 150) || '(no clients declared)'}`);
      const given = [c.onQueryRemove !== undefined && 'onQueryRemove', c.onProfileQuery !== undefined && 'onProfileQuery'].filter(Boolean);
      if (given.length !== 1) throw new LabError('compare', `${given.length ? 'both onQueryRemove and onProfileQuery' : 'no behaviour'}; expected exactly one of onQueryRemove (close, veto, keepOpen) or onProfileQuery (allow, veto)`);
      if (c.onQueryRemove !== undefined && (client.onQueryRemove ?? 'close') === c.onQueryRemove) throw new LabError('compare.onQueryRemove', `"${client.id}" already answers a query-remove with ${c.onQueryRemove}; expected another answer, so that the two runs differ`);
      if (c.onProfileQuery !== undefined && (client.onProfileQuery ?? 'allow') === c.onProfileQuery) throw new LabError('compare.onProfileQuery', `"${client.id}" already answers a dock or undock query with ${c.onProfileQuery}; expected another answer, so that the two runs differ`);
      return;
    }
    case 'openHandles': {
      const d = device(c.device);
      if ((d.openHandles ?? 0) === c.openHandles) throw new LabError('compare.openHandles', `"${d.id}" already has ${c.openHandles} open handle${c.openHandles === 1 ? '' : 's'}; expected another number, so that the two runs differ`);
      return;
    }
    case 'removal': {
      const steps = s.steps ?? [];
      const removals = steps.map((st, i) => (st.action === 'safeRemove' || st.action === 'unplug' ? i + 1 : 0)).filter((n) => n > 0);
      const step = steps[c.step - 1];
      const expected = removals.length ? `expected the number of a safeRemove or unplug step (${listWithin(removals.map(String), 60)})` : 'the scenario has no safeRemove or unplug step to compare';
      if (!step) throw new LabError('compare.step', `got ${c.step}, but the scenario has ${steps.length} step${steps.length === 1 ? '' : 's'}; ${expected}`);
      if (step.action !== 'safeRemove' && step.action !== 'unplug') throw new LabError('compare.step', `step ${c.step} is ${stepWords(step)}; ${expected}`);
      if (step.action === 'unplug') {
        const d = device(step.device!);
        const caps = { ...CATALOG[d.model as ModelId]?.capabilities, ...d.capabilities };
        if (!caps.Removable || caps.SurpriseRemovalOK) {
          throw new LabError('compare.step', `"${d.id}" is not listed in Safely Remove Hardware (Removable=${caps.Removable}, SurpriseRemovalOK=${caps.SurpriseRemovalOK}), so step ${c.step} cannot be a Safely Remove in run B; expected another step`);
        }
      }
      return;
    }
  }
}

// ---- the short text form (embed parameter `compare=`) -------------------------------------------------------------

export const COMPARE_TEXT_FORMS = 'framework/DEVICE, callback/DEVICE[/LAYER]/CALLBACK/BEHAVIOUR, client/CLIENT/onQueryRemove|onProfileQuery/VALUE, openHandles/DEVICE/N or removal/STEP';

/** `framework/disk`, `callback/disk/EvtDeviceQueryRemove/fail`, … → a comparison (its shape checked), or a one-line problem. */
export function parseComparisonText(text: string): { ok: true; comparison: Comparison } | { ok: false; message: string } {
  const parts = text.trim().split('/');
  const bad = { ok: false as const, message: `got ${showValue(text)}; expected ${COMPARE_TEXT_FORMS} (docs/embedding.md)` };
  let candidate: unknown;
  switch (parts[0]) {
    case 'framework': if (parts.length === 2) candidate = { change: 'framework', device: parts[1] }; break;
    case 'callback':
      if (parts.length === 4) candidate = { change: 'callback', device: parts[1], callback: parts[2], behaviour: parts[3] };
      if (parts.length === 5) candidate = { change: 'callback', device: parts[1], layer: parts[2], callback: parts[3], behaviour: parts[4] };
      break;
    case 'client': if (parts.length === 4 && (parts[2] === 'onQueryRemove' || parts[2] === 'onProfileQuery')) candidate = { change: 'client', client: parts[1], [parts[2]]: parts[3] }; break;
    case 'openHandles': if (parts.length === 3 && /^\d{1,2}$/.test(parts[2])) candidate = { change: 'openHandles', device: parts[1], openHandles: Number(parts[2]) }; break;
    case 'removal': if (parts.length === 2 && /^\d{1,6}$/.test(parts[1])) candidate = { change: 'removal', step: Number(parts[1]) }; break;
  }
  if (candidate === undefined) return bad;
  const r = compareSchema.safeParse(candidate);
  if (!r.success) {
    const issue = r.error.issues[0];
    const field = String(issue.path[0] ?? 'change');
    const value = (candidate as Record<string, unknown>)[field];
    const choices = 'values' in issue && Array.isArray(issue.values) ? `; expected one of: ${issue.values.join(', ')}` : `; expected ${COMPARE_TEXT_FORMS}`;
    return { ok: false, message: `${field}: got ${showValue(value)}${choices} (docs/embedding.md)` };
  }
  return { ok: true, comparison: r.data };
}

/** The short text form of a comparison (what `parseComparisonText` reads back). */
export function comparisonText(c: Comparison): string {
  switch (c.change) {
    case 'framework': return `framework/${c.device}`;
    case 'callback': return `callback/${c.device}/${c.layer && c.layer !== 'function' ? `${c.layer}/` : ''}${c.callback}/${c.behaviour}`;
    case 'client': return c.onQueryRemove !== undefined ? `client/${c.client}/onQueryRemove/${c.onQueryRemove}` : `client/${c.client}/onProfileQuery/${c.onProfileQuery}`;
    case 'openHandles': return `openHandles/${c.device}/${c.openHandles}`;
    case 'removal': return `removal/${c.step}`;
  }
}

// ---- words --------------------------------------------------------------------------------------------------------

/** How run A and run B differ, one short label each (`disk on KMDF` / `disk on UMDF 1`). */
export function describeSides(s: ComparedScenario, c: Comparison): { a: string; b: string } {
  const d = 'device' in c ? s.devices?.find((x) => x.id === c.device) : undefined;
  switch (c.change) {
    case 'framework': {
      const from = d?.framework === 'umdf1' ? 'umdf1' : 'kmdf';
      return { a: `${c.device} on ${FRAMEWORK_WORDS[from]}`, b: `${c.device} on ${FRAMEWORK_WORDS[from === 'kmdf' ? 'umdf1' : 'kmdf']}` };
    }
    case 'callback': {
      const layer = c.layer ?? 'function';
      const now = layer === 'function' ? d?.callbacks?.[c.callback] : d?.layers?.[layer]?.callbacks[c.callback];
      const where = layer === 'function' ? '' : ` (${LAYER_WORDS[layer]})`;
      return { a: `${c.callback}${where}: ${now ?? 'as written'}`, b: `${c.callback}${where}: ${c.behaviour}` };
    }
    case 'client': {
      const client = s.clients?.find((x) => x.id === c.client);
      return c.onQueryRemove !== undefined
        ? { a: `${c.client} on query-remove: ${client?.onQueryRemove ?? 'close'}`, b: `${c.client} on query-remove: ${c.onQueryRemove}` }
        : { a: `${c.client} on a profile query: ${client?.onProfileQuery ?? 'allow'}`, b: `${c.client} on a profile query: ${c.onProfileQuery}` };
    }
    case 'openHandles': {
      const n = d?.openHandles ?? 0;
      const handles = (k: number) => `${k} open handle${k === 1 ? '' : 's'}`;
      return { a: `${c.device}: ${handles(n)}`, b: `${c.device}: ${handles(c.openHandles)}` };
    }
    case 'removal': {
      const step = s.steps?.[c.step - 1];
      const safe = step?.action === 'safeRemove';
      return { a: `step ${c.step}: ${safe ? 'Safely Remove' : 'cable pulled'} ${step?.device ?? ''}`.trim(), b: `step ${c.step}: ${safe ? 'cable pulled' : 'Safely Remove'} ${step?.device ?? ''}`.trim() };
    }
  }
}
