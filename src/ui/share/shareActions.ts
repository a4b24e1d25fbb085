/** The header's file and share actions: links, embed code, scenario and trace files. */
import { embedCode } from '../../embed/embedCode';
import {
  downloadText, exportScenarioFile, exportTraceJson, importScenarioFile, permalinkHash, permalinkUrl,
  SCENARIO_FILE_NAME, TRACE_FILE_NAME, type SandboxState,
} from '../../share/permalink';
import { useLab } from '../../store/labStore';
import { lessonSelection } from '../../store/lessonGate';
import { newEntry } from '../links/addressSync';

/** What a link carries now: the scenario, the cursor, and the open lesson and task. */
export function currentState(): SandboxState {
  const { scenario, position } = useLab.getState();
  const { lessonId, taskId } = lessonSelection();
  return { scenario, cursor: position, lesson: lessonId, task: lessonId ? taskId : undefined };
}

function tell(message: string, kind: 'info' | 'error' = 'info'): void {
  useLab.setState({ notice: { kind, message, scope: 'scenario' } });
}

async function copy(text: string, what: 'link' | 'embed code'): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    tell(`Copied the ${what} to the clipboard.`);
  } catch {
    // no clipboard (an insecure page, a denied permission): let the person copy it by hand
    window.prompt(`The browser did not let the lab use the clipboard. Copy the ${what} from here:`, text);
  }
}

/** Copies a link to this exact view, and puts it in the address bar too (a reload keeps the view). */
export function copyLink(): Promise<void> {
  const state = currentState();
  history.replaceState(history.state, '', permalinkHash(state));
  return copy(permalinkUrl(state), 'link');
}

export function copyEmbedCode(): Promise<void> {
  const state = currentState();
  history.replaceState(history.state, '', permalinkHash(state));
  return copy(embedCode({ scenario: state, lesson: state.lesson }), 'embed code');
}

export function saveScenario(): void {
  downloadText(SCENARIO_FILE_NAME, exportScenarioFile(useLab.getState().scenario));
}

/** The trace as JSON Lines, one event a line, as the CLI prints it. */
export function saveTrace(): void {
  downloadText(TRACE_FILE_NAME, exportTraceJson(useLab.getState().run.trace), 'application/x-ndjson');
}

/** Opens a scenario file; a bad one is refused with the CLI's message (what and where), the lab unchanged. */
export async function openScenarioFile(file: File): Promise<void> {
  const r = importScenarioFile(await file.text());
  // a new history entry (Back returns to the lab before it); the run shown from its end (docs/ui.md)
  if (r.ok) newEntry(() => useLab.getState().loadScenario(r.scenario, (run) => run.trace.length));
  else tell(`${file.name} could not be opened; the lab is unchanged. ${r.error.text}`, 'error');
}
