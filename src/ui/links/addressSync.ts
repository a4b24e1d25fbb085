/**
 * The address always holds the current lab (docs/ui.md, "The address and history"): every change of
 * the scenario, the cursor, the open lesson or task is written into the fragment (`#lab=1.…`) with
 * history.replaceState, at most every ADDRESS_DELAY_MS after the last change and at least every
 * ADDRESS_MAX_WAIT_MS while changes keep coming (playback). Loading a file, a link or a lesson makes
 * a new history entry (`newEntry`), so Back returns to the lab before it. A lab whose link would be
 * longer than the link format accepts (MAX_TOKEN_LENGTH) is not written: the page then warns before
 * it is left, since a reload could not bring that lab back.
 *
 * The link codec (share/permalink.ts, with its DEFLATE code) loads with the first change: the lab as it
 * opens with no link, the default one, needs none (an address without a link opens it). A write asked
 * for while the codec loads is made, in order, when it has loaded.
 *
 * A page has one address, so one sync: it follows the stores it was started with (the page's lab).
 */
import type * as Permalink from '../../share/permalink';
import { loadPermalink } from '../../share/loadPermalink';
import { hasPermalink, type SandboxState } from '../../share/sandbox';
import { DEFAULT_SCENARIO, startPosition } from '../../store/labStore';
import { lessonSelection } from '../../store/lessonGate';
import type { Stores } from '../../store/stores';
import { encodeOffMain, isBigLab } from '../../worker/permalinkClient';
import { runProgress } from '../../worker/runProgress';

/** Quiet time after a change before the address is written. */
export const ADDRESS_DELAY_MS = 300;
/** Longest time a change waits to reach the address while changes keep coming (playback). */
export const ADDRESS_MAX_WAIT_MS = 1000;

/** the lab the address follows, once started */
let following: Stores | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;
/** when the oldest change not yet written happened */
let pendingSince = 0;
/** the next write makes a new history entry (a file, link or lesson was loaded) */
let pushNext = false;
let tooLong = false;

function warnBeforeLeaving(e: BeforeUnloadEvent): void {
  e.preventDefault();
  e.returnValue = '';
}

/** What a link carries now: the scenario, the cursor, and the open lesson and task. */
export function currentState({ lab, gates }: Stores): SandboxState {
  const { scenario, position } = lab.getState();
  const { lessonId, taskId } = lessonSelection(gates);
  return { scenario, cursor: position, lesson: lessonId, task: lessonId ? taskId : undefined };
}

function setTooLong(stores: Stores, value: boolean, length: number, max: number): void {
  if (value === tooLong) return;
  tooLong = value;
  if (value) {
    window.addEventListener('beforeunload', warnBeforeLeaving);
    stores.lab.setState({ notice: { kind: 'info', message: `This lab is too large for the address (a link of ${length} characters; at most ${max}), so a reload would not bring it back: save it with Share → Save scenario before you leave.`, scope: 'scenario' } });
  } else {
    window.removeEventListener('beforeunload', warnBeforeLeaving);
  }
}

let codec: typeof Permalink | undefined;
let codecLoading = false;
/** writes asked for while the codec loads, oldest first */
let queued: { state: SandboxState; push: boolean }[] = [];

function loadCodec(): void {
  if (codec || codecLoading) return;
  codecLoading = true;
  void loadPermalink().then((m) => {
    codec = m;
    for (const w of queued.splice(0)) if (following) write(following, w.state, w.push);
  }, () => {
    // the codec could not load (the lab's files changed or went away): the address stays as it is
    codecLoading = false;
    queued = [];
  });
}

/** Writes waiting for a big lab's link from the worker: later writes wait behind them, so entries keep their order. */
let pending: Promise<void> | undefined;

function write(stores: Stores, state: SandboxState, push: boolean): void {
  if (!codec) {
    queued.push({ state, push });
    loadCodec();
    return;
  }
  const c = codec;
  // a big lab's link is made off the main thread (compressing 10,000 steps takes 100 ms and more)
  if (pending || isBigLab(state)) {
    const token = isBigLab(state) ? encodeOffMain(state) : Promise.resolve(c.encodePermalink(state));
    const next: Promise<void> = (pending ?? Promise.resolve()).then(() => token).then((t) => {
      // a link for a lab that is no longer shown (a newer load, a cancelled one) is dropped: the newer one follows
      if (t !== undefined && stores.lab.getState().scenario === state.scenario) put(stores, c, t, push);
      if (pending === next) pending = undefined;
    });
    pending = next;
    return;
  }
  put(stores, c, c.encodePermalink(state), push);
}

function put(stores: Stores, c: typeof Permalink, token: string, push: boolean): void {
  setTooLong(stores, token.length > c.MAX_TOKEN_LENGTH, token.length, c.MAX_TOKEN_LENGTH);
  if (tooLong) return;
  const hash = `#lab=${token}`;
  if (hash === location.hash) return;
  if (push) history.pushState(null, '', hash);
  else history.replaceState(history.state, '', hash);
}

/** Writes the current lab into the address now (a new entry if one is due). */
function writeAddress(): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
  if (!following) return;
  // a run still coming from the engine worker: the address waits for the lab it ends with
  if (runProgress.getState().running) {
    timer = setTimeout(writeAddress, ADDRESS_DELAY_MS);
    return;
  }
  const push = pushNext;
  pushNext = false;
  write(following, currentState(following), push);
}

function schedule(): void {
  if (!following) return;
  loadCodec();
  const now = performance.now();
  if (timer === undefined) pendingSince = now;
  else clearTimeout(timer);
  timer = setTimeout(writeAddress, Math.max(0, Math.min(ADDRESS_DELAY_MS, pendingSince + ADDRESS_MAX_WAIT_MS - now)));
}

/**
 * Loads something that replaces the lab (a file, a link, a lesson) as a new history entry: the lab
 * before it stays in the current entry (written now), the new one goes into a new entry.
 */
export function newEntry<T>(load: () => T): T {
  if (!following) return load();
  writeAddress();
  pushNext = true;
  const result = load();
  schedule();
  return result;
}

/** Back or Forward moved to another entry: what was about to be written belongs to the entry left behind. */
export function historyMoved(): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
  pushNext = false;
  queued = [];
}

/** Starts following the lab (once the lab from the address, if any, is loaded). Not in an embed: its address is the host page's. */
export function startAddressSync(stores: Stores): void {
  if (following) return;
  following = stores;
  stores.lab.subscribe((s, prev) => {
    if (s.scenario !== prev.scenario || s.position !== prev.position) schedule();
  });
  stores.gates.subscribe((s, prev) => {
    if (s.rev !== prev.rev) schedule();
  });
  // the default lab where it starts, at an address with no link: the address already says so
  const lab = stores.lab.getState();
  const untouched = lab.scenario === DEFAULT_SCENARIO && lab.position === startPosition(lab.run) && lessonSelection(stores.gates).lessonId === undefined;
  if (!untouched || hasPermalink(location.hash)) writeAddress();
}
