/**
 * A scenario's `compare` (docs/scenario-format.md#compare) without zod, so the lab's start path carries no schema:
 * its meaning against the scenario (`checkComparison`, one-line errors with a `compare.…` path, run on every edit of a
 * lab that compares), and its short text form (the embed parameter `compare=framework/disk`, read at start). Its shape
 * is checked by compareSchema (compare.ts), with the scenario's other checks; the words of the Compare view are in
 * compareWords.ts.
 */
import { CATALOG, type ModelId } from '../engine/bus/catalog';
import { LabError } from '../engine/errors';
import type { CallbackLayer, Comparison } from './compare';
import { showValue } from './jsonValue';
import { listWithin } from './words';

export const BEHAVIOURS = ['succeed', 'fail', 'absent', 'hang', 'failOnFirstStart', 'failOnRestart', 'failOnWake'] as const;
export const LAYERS = ['function', 'bus', 'lower-filter', 'upper-filter'] as const;
export const ON_QUERY_REMOVE = ['close', 'veto', 'keepOpen'] as const;
export const ON_PROFILE_QUERY = ['allow', 'veto'] as const;
/** Longest device or client id a comparison names (the scenario's own limit). */
export const MAX_COMPARED_ID = 64;
/** Longest callback name a comparison names. */
export const MAX_COMPARED_CALLBACK = 100;
/** Most open handles a comparison may ask for. */
export const MAX_COMPARED_HANDLES = 99;

/** What `checkComparison` needs of a scenario: its devices, clients and steps, as written (defaults may be left out). */
export interface ComparedScenario {
  devices?: readonly { id: string; model: string; framework?: string; callbacks?: Record<string, string>; layers?: Partial<Record<string, { callbacks: Record<string, string> } | undefined>>; openHandles?: number; capabilities?: { Removable?: boolean; SurpriseRemovalOK?: boolean } }[];
  clients?: readonly { id: string; category: string; onQueryRemove?: string; onProfileQuery?: string }[];
  steps?: readonly { action: string; device?: string }[];
}

export const LAYER_WORDS: Record<CallbackLayer, string> = { function: 'function driver', bus: 'bus driver (PDO)', 'lower-filter': 'lower filters', 'upper-filter': 'upper filters' };

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

/** The fields of each kind of comparison, in compareSchema's order, and what each must be (the schema's checks, by hand). */
const FIELDS: Record<Comparison['change'], readonly string[]> = {
  framework: ['device'],
  callback: ['device', 'layer', 'callback', 'behaviour'],
  client: ['client', 'onQueryRemove', 'onProfileQuery'],
  openHandles: ['device', 'openHandles'],
  removal: ['step'],
};
const CHOICES: Record<string, readonly string[]> = { layer: LAYERS, behaviour: BEHAVIOURS, onQueryRemove: ON_QUERY_REMOVE, onProfileQuery: ON_PROFILE_QUERY };
const LONGEST: Record<string, number> = { device: MAX_COMPARED_ID, client: MAX_COMPARED_ID, callback: MAX_COMPARED_CALLBACK };

/** The first field of `candidate` that compareSchema refuses (in the schema's order), with the values it allows if it lists them. */
function refusedField(change: Comparison['change'], candidate: Record<string, unknown>): { field: string; choices?: readonly string[] } | undefined {
  for (const field of FIELDS[change]) {
    const value = candidate[field];
    if (value === undefined) continue;
    const choices = CHOICES[field];
    if (choices && !choices.includes(value as string)) return { field, choices };
    if (typeof value === 'string' && value.length > (LONGEST[field] ?? Infinity)) return { field };
    if (field === 'openHandles' && (value as number) > MAX_COMPARED_HANDLES) return { field };
    if (field === 'step' && (value as number) < 1) return { field };
  }
  return undefined;
}

/**
 * `framework/disk`, `callback/disk/EvtDeviceQueryRemove/fail`, … → a comparison, or a one-line problem. Its fields
 * are checked as compareSchema checks them (compare.test.ts holds the two side by side), without loading zod.
 */
export function parseComparisonText(text: string): { ok: true; comparison: Comparison } | { ok: false; message: string } {
  const parts = text.trim().split('/');
  const bad = { ok: false as const, message: `got ${showValue(text)}; expected ${COMPARE_TEXT_FORMS} (docs/embedding.md)` };
  let candidate: Comparison | undefined;
  switch (parts[0]) {
    case 'framework': if (parts.length === 2) candidate = { change: 'framework', device: parts[1] }; break;
    case 'callback':
      if (parts.length === 4) candidate = { change: 'callback', device: parts[1], callback: parts[2], behaviour: parts[3] as (typeof BEHAVIOURS)[number] };
      if (parts.length === 5) candidate = { change: 'callback', device: parts[1], layer: parts[2] as CallbackLayer, callback: parts[3], behaviour: parts[4] as (typeof BEHAVIOURS)[number] };
      break;
    case 'client': if (parts.length === 4 && (parts[2] === 'onQueryRemove' || parts[2] === 'onProfileQuery')) candidate = { change: 'client', client: parts[1], [parts[2]]: parts[3] }; break;
    case 'openHandles': if (parts.length === 3 && /^\d{1,2}$/.test(parts[2])) candidate = { change: 'openHandles', device: parts[1], openHandles: Number(parts[2]) }; break;
    case 'removal': if (parts.length === 2 && /^\d{1,6}$/.test(parts[1])) candidate = { change: 'removal', step: Number(parts[1]) }; break;
  }
  if (candidate === undefined) return bad;
  const fields = candidate as unknown as Record<string, unknown>;
  const refused = refusedField(candidate.change, fields);
  if (refused) {
    const choices = refused.choices ? `; expected one of: ${refused.choices.join(', ')}` : `; expected ${COMPARE_TEXT_FORMS}`;
    return { ok: false, message: `${refused.field}: got ${showValue(fields[refused.field])}${choices} (docs/embedding.md)` };
  }
  return { ok: true, comparison: candidate };
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
