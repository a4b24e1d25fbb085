/**
 * An embedded lab whose frame restarts resumes where the learner was. The <pnp-lab> element restarts
 * the frame when an attribute the lab reads only at start changes (panels, readonly, controls,
 * origins); it names the lab's session (`session=` in the frame's address, the same across restarts).
 * When the frame is left, the lab writes its scenario, cursor, open lesson and task, speed and whether
 * it was playing into the frame's own name (`window.name`, which stays with the frame while its page
 * changes, and needs no storage: third-party frames often get none); when it starts again with the
 * same session it reads them back, checked like a host page's `load`, and clears the name. Nothing
 * leaves the browser. A chunk of its own: only an embed with a `session` loads it.
 */
import type { EmbedParams } from '../../embed/params';
import { SPEEDS } from '../../store/labStore';
import { lessonSelection } from '../../store/lessonGate';
import type { Stores } from '../../store/stores';
import { openState } from './openState';

const prefix = (session: string) => `pnp-lab-session:${session}:`;

interface SavedSession {
  scenario: unknown;
  cursor: number;
  lesson?: string;
  task?: string;
  speed: number;
  playing: boolean;
}

/** How often, at most, the kept state follows the lab while it plays (the cursor moves on every frame). */
const KEEP_EVERY_MS = 200;

/**
 * Keeps the lab's state in the frame's name as it changes, at most every KEEP_EVERY_MS: it must be there
 * before the frame's address changes (a browser may run the old page's pagehide after the new page has
 * started, too late to hand anything over). Returns what stops it.
 */
export function keepEmbedSession({ lab: labStore, gates }: Stores, params: Pick<EmbedParams, 'embed' | 'session'>): () => void {
  const session = params.session;
  if (!params.embed || !session) return () => {};
  // what the frame's name kept is read before anything is written over it (resumeEmbedSession reads it from here)
  takeKept(session);
  let scenario: unknown;
  let scenarioJson = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = -Infinity;
  const keep = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    last = performance.now();
    const lab = labStore.getState();
    if (lab.scenario !== scenario) {
      scenario = lab.scenario;
      scenarioJson = JSON.stringify(lab.scenario);
    }
    const { lessonId, taskId } = lessonSelection(gates);
    const rest: Omit<SavedSession, 'scenario'> = { cursor: lab.position, lesson: lessonId, task: taskId, speed: lab.speed, playing: lab.playing };
    window.name = `${prefix(session)}{"scenario":${scenarioJson},${JSON.stringify(rest).slice(1)}`;
  };
  const soon = () => {
    if (timer === undefined) timer = setTimeout(keep, Math.max(0, last + KEEP_EVERY_MS - performance.now()));
  };
  const stop = labStore.subscribe((s, before) => {
    if (s.scenario !== before.scenario || s.position !== before.position || s.playing !== before.playing || s.speed !== before.speed) {
      // a learner's own step, seek or edit is kept at once: the host may restart the frame the next moment
      if (s.playing) soon();
      else keep();
    }
  });
  soon();
  window.addEventListener('pagehide', keep);
  return () => {
    stop();
    if (timer !== undefined) clearTimeout(timer);
    window.removeEventListener('pagehide', keep);
  };
}

let taken: { session: string; kept: string | undefined } | undefined;

/** What the frame's name kept for this session (read once, then the name is cleared). */
function takeKept(session: string): string | undefined {
  if (taken?.session !== session) {
    const name = typeof window === 'undefined' ? '' : window.name;
    taken = { session, kept: name.startsWith(prefix(session)) ? name.slice(prefix(session).length) : undefined };
    if (taken.kept !== undefined) window.name = '';
  }
  return taken.kept;
}

/**
 * Opens what the session kept, if there is anything valid: resolves to true when it is in place, to
 * false when what was kept cannot be opened. Undefined when nothing was kept (the lab then starts from
 * its parameters). What was kept is checked like a host page's `load` (embed/messages.ts, loaded only then).
 */
export function resumeEmbedSession(stores: Stores, params: Pick<EmbedParams, 'embed' | 'session'>): Promise<boolean> | undefined {
  if (!params.embed || !params.session) return undefined;
  const kept = takeKept(params.session);
  if (kept === undefined) return undefined;
  let saved: Partial<SavedSession> | null;
  try {
    saved = JSON.parse(kept) as Partial<SavedSession> | null;
  } catch {
    return undefined;
  }
  if (!saved || typeof saved !== 'object') return undefined;
  const { scenario, cursor, lesson, task, speed, playing } = saved;
  return import('../../embed/messages').then(async ({ parseInbound, resolveLoad }) => {
    const message = parseInbound({ type: 'pnp-lab:load', scenario, cursor, lesson, task });
    const load = message?.type === 'pnp-lab:load' ? resolveLoad(message) : undefined;
    if (!load?.ok) return false;
    await openState(stores, load.request.state, load.request.lesson, load.request.task);
    if ((SPEEDS as readonly unknown[]).includes(speed)) stores.lab.getState().setSpeed(speed as number);
    if (playing === true) stores.lab.getState().play();
    return true;
  });
}
