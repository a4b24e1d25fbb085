/**
 * What a lab link carries, and the small checks the lab needs at start without the link codec
 * (permalink.ts, with its DEFLATE code, loads only when a link is read or written): whether an
 * address holds a link at all, and a scenario in its link and file form. Lesson ids are checked
 * against the lesson list by lessonLink.ts, loaded with a link or a `lesson` parameter.
 */
import type { EditableScenario } from '../model/scenarioEdit';
import type { ScenarioInput } from '../scenario/schema';

/** A scenario in the CLI's format with the parts the lab always has filled in: the store's own EditableScenario. */
export type SandboxScenario = EditableScenario;

/** Everything a permalink carries. */
export interface SandboxState {
  scenario: SandboxScenario;
  /** number of trace events applied (the store's `position`); left out = where a freshly loaded run starts */
  cursor?: number;
  /** the open lesson's id */
  lesson?: string;
  /** the open task's id (only with `lesson`) */
  task?: string;
}

export interface ShareError {
  /** what is wrong: `(link)`, `(file)`, `(scenario)`, `scenario.devices[0].model`, `cursor`, `lesson`, `task` */
  path: string;
  /** what was expected */
  message: string;
  /** `path: message`, ready to show */
  text: string;
}

export function shareError(path: string, message: string): { ok: false; error: ShareError } {
  return { ok: false, error: { path, message, text: `${path}: ${message}` } };
}

/** Where a lab link sits in a fragment or query: `#lab=1.…`, or an old `#scenario=…`. */
export const LINK_KEY = /(?:^|[#&?])(lab|scenario)=([^&]*)/;

/** Whether a page fragment (`location.hash`) holds a lab link (decoding it needs permalink.ts). */
export function hasPermalink(hash: string): boolean {
  return LINK_KEY.test(hash);
}

/**
 * The scenario with its top-level fields in the format's order (title, seed, devices, clients, steps, compare),
 * defaults for seed/devices/steps, no `$schema` and no empty `clients`. Inner objects are kept as they are.
 */
export function normalizeScenario(input: ScenarioInput | SandboxScenario): SandboxScenario {
  const s = input as ScenarioInput;
  return {
    ...(s.title !== undefined ? { title: s.title } : {}),
    seed: s.seed ?? 1,
    devices: s.devices ?? [],
    ...(s.clients && s.clients.length > 0 ? { clients: s.clients } : {}),
    steps: s.steps ?? [],
    ...(s.compare !== undefined ? { compare: s.compare } : {}),
  };
}

/** Offers `text` as a file download (browser only). */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  downloadBlob(fileName, new Blob([text], { type }));
}

/** Offers `blob` as a file download (browser only). */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
