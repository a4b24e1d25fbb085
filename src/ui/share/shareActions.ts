/** The header's file and share actions on one app root's stores: links, embed code, scenario and trace files. */
import { embedCode } from '../../embed/embedCode';
import { oneLine } from '../../engine/text';
import { toJsonLinesParts } from '../../engine/trace';
import {
  checkedPermalink, downloadBlob, downloadText, exportScenarioFile, fileTooLarge, importScenarioFile, MAX_FILE_CHARS, MAX_TOKEN_LENGTH,
  SCENARIO_FILE_NAME, TRACE_FILE_NAME, type ImportResult, type SandboxState, type ShareError,
} from '../../share/permalink';
import { importInWorker, workerAvailable } from '../../worker/runScheduler';
import type { LabStore } from '../../store/labStore';
import type { Stores } from '../../store/stores';
import { currentState, newEntry } from '../links/addressSync';

function tell(lab: LabStore, message: string, kind: 'info' | 'error' = 'info'): void {
  lab.setState({ notice: { kind, message, scope: 'scenario' } });
}

async function copy(lab: LabStore, text: string, what: 'link' | 'embed code'): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    tell(lab, `Copied the ${what} to the clipboard.`);
  } catch {
    // no clipboard (an insecure page, a denied permission): let the person copy it by hand
    window.prompt(`The browser did not let the lab use the clipboard. Copy the ${what} from here:`, text);
  }
}

/** Why the lab would not open a link to this view, in words for the person who asked for one. */
function refusal(what: 'link' | 'embed code', error: ShareError, tooLong: number | undefined): string {
  const why = tooLong !== undefined
    ? `it would be ${tooLong.toLocaleString('en-US')} characters long, and the lab opens links of at most ${MAX_TOKEN_LENGTH.toLocaleString('en-US')}`
    : `the lab would refuse it (${error.text})`;
  return `No ${what} copied: ${why}. Use Share → Save scenario to keep this lab as a file instead.`;
}

/**
 * A link to this view, or undefined (and a notice saying why) when the lab would refuse to open
 * it: the link is checked by decoding it as the lab would.
 */
function linkableState(stores: Stores, what: 'link' | 'embed code'): { state: SandboxState; token: string } | undefined {
  const state = currentState(stores);
  const r = checkedPermalink(state);
  if (!r.ok) {
    tell(stores.lab, refusal(what, r.error, r.tooLong), 'error');
    return undefined;
  }
  return { state, token: r.token };
}

/** Copies a link to this exact view, and puts it in the address bar too (a reload keeps the view). */
export async function copyLink(stores: Stores): Promise<void> {
  const link = linkableState(stores, 'link');
  if (!link) return;
  history.replaceState(history.state, '', `#lab=${link.token}`);
  return copy(stores.lab, `${location.href.replace(/#.*$/, '')}#lab=${link.token}`, 'link');
}

export async function copyEmbedCode(stores: Stores): Promise<void> {
  const link = linkableState(stores, 'embed code');
  if (!link) return;
  history.replaceState(history.state, '', `#lab=${link.token}`);
  return copy(stores.lab, embedCode({ scenario: link.token, lesson: link.state.lesson }), 'embed code');
}

export function saveScenario({ lab }: Stores): void {
  downloadText(SCENARIO_FILE_NAME, exportScenarioFile(lab.getState().scenario));
}

/**
 * The trace as JSON Lines, one event a line, as the CLI prints it: written into a Blob from parts
 * (never one string, which a big trace would not fit in), then offered as a download, and a notice
 * says it is done.
 */
export async function saveTrace({ lab }: Stores): Promise<void> {
  const trace = lab.getState().run.trace;
  const events = `${trace.length.toLocaleString('en-US')} event${trace.length === 1 ? '' : 's'}`;
  tell(lab, `Preparing the trace file (${events})…`);
  // let the notice paint before the work
  await new Promise((resolve) => setTimeout(resolve, 0));
  let blob: Blob;
  try {
    blob = new Blob(toJsonLinesParts(trace), { type: 'application/x-ndjson' });
  } catch (e) {
    tell(lab, `The trace could not be saved: ${oneLine(e instanceof Error ? e.message : String(e), 120)}. The lab is unchanged.`, 'error');
    return;
  }
  downloadBlob(TRACE_FILE_NAME, blob);
  tell(lab, `Saved the trace as ${TRACE_FILE_NAME}: ${events}, ${formatBytes(blob.size)}.`);
}

function formatBytes(n: number): string {
  return n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Files bigger than this are read off the main thread (reading and checking 200 KB of JSON takes tens of ms). */
const BIG_FILE_BYTES = 200_000;

async function readScenarioFile(bytes: Uint8Array): Promise<ImportResult | undefined> {
  if (bytes.length > BIG_FILE_BYTES && workerAvailable()) {
    try {
      return await importInWorker(bytes);
    } catch {
      // no worker here after all: read it on the page
    }
  }
  return importScenarioFile(bytes);
}

/** Opens a scenario file; a bad one is refused with the CLI's message (what and where), the lab unchanged. */
export async function openScenarioFile({ lab }: Stores, file: File): Promise<void> {
  const name = oneLine(file.name, 80);
  // a file too large is refused by its size, before it is read; a big one is read in the engine worker
  const r = file.size > MAX_FILE_CHARS ? fileTooLarge(file.size, 'bytes') : await readScenarioFile(new Uint8Array(await file.arrayBuffer()));
  // something newer came first (another file, an action): this one is dropped
  if (r === undefined) return;
  if (!r.ok) {
    tell(lab, `${name} could not be opened; the lab is unchanged. ${r.error.text}`, 'error');
    return;
  }
  // a new history entry (Back returns to the lab before it); the run shown from its end (docs/ui.md)
  // it is valid, but running it may fail (an impossible step, the work budget's cap; on the page or in the engine
  // worker): the notice says why with the field path, as the CLI does
  newEntry(() => lab.getState().loadScenario(r.scenario, (run) => run.trace.length, (why) => `${name} could not be opened; the lab is unchanged. ${why}`));
}
