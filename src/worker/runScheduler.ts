/**
 * Where a run of the lab happens. A small run (at most INLINE_MAX_EVENTS trace events, a few ms) runs at once on
 * the page, so a click's result shows in the same frame and the store answers at once as it always did; anything
 * bigger runs in the engine worker (engineClient.ts) and its result comes later. A run tried on the page stops at
 * the cap and goes to the worker, so the page never spends more than that on one run. In Node (the tests, the CLI)
 * there is no worker: every run is on the spot.
 *
 * A newer run cancels the one going on in the worker (the lab's newest action wins); Cancel (the progress bar)
 * cancels it too.
 *
 * The scenario checks (zod, the schema, parseObject.ts) come with runLab (model/runLab.ts), a chunk of their own on the
 * page: the lab's first run is of its own scenario (runOwnScenario, scenario/defaults.ts), so the first view needs
 * none of them. They are fetched when the lab is first reached for (a pointer, a focus or a key:
 * prefetchScenarioChecks, main.tsx), so an edit still runs in the frame it is asked for; a run asked for before they
 * have come waits for them (as a big run waits for the worker).
 */
import type { Lab } from '../engine/lab';
import { indexRun, type ActionIndex } from '../model/actionIndex';
import { buildDeviceTimelines, type DeviceTimelines } from '../model/deviceTimeline';
import { LabError } from '../engine/errors';
import { runParsed, type RunHooks, type RunOutcome, type RunResult } from '../model/runParsed';
import { withDefaults } from '../scenario/defaults';
import type { ScenarioInput } from '../scenario/schema';
import type { ImportResult } from '../share/permalink';
import type { AssembledRun } from './runAssembler';
import { afterFrames } from './afterFrames';

/**
 * The page's side of the worker (engineClient.ts, with the trace decoder and the assembler) is a chunk of its own,
 * fetched the first time a run is big: a small lab never loads it.
 */
type Client = typeof import('./engineClient');
let client: Client | undefined;
const loadClient = (): Promise<Client> => import('./engineClient').then((m) => (client = m));
type Checks = typeof import('../model/runLab');
let checks: Checks | undefined;
let checksFetch: Promise<Checks> | undefined;
/** The scenario checks with runLab (a chunk of their own on the page), once: a fetch that failed is tried again next time. */
export function loadScenarioChecks(): Promise<Checks> {
  return (checksFetch ??= import('../model/runLab').then(
    (m) => (checks = m),
    (e: unknown) => {
      checksFetch = undefined;
      throw e;
    },
  ));
}

/** Fetches the scenario checks ahead of the first edit (the lab was reached for); nothing if they are here or on the way. */
export function prefetchScenarioChecks(): void {
  void loadScenarioChecks().catch(() => {
    // the run that needs them tries again, and says so if it cannot
  });
}

/** Said when a run needs the scenario checks and their chunk cannot be fetched (the lab's files changed or went away). */
export const CHECKS_MISSING = 'the lab could not load its scenario checks (its files may have changed since this page opened); reload the page and try again';

/**
 * Runs one of the lab's own scenarios (its default lab, a lesson's prepared scenario), which the tests check against
 * the schema (scenario/defaults.test.ts): with the format's defaults filled in, without the scenario checks.
 */
export function runOwnScenario(input: ScenarioInput, hooks?: RunHooks): RunOutcome {
  const { compare: _compare, ...engineInput } = input;
  return runParsed(withDefaults(engineInput), hooks);
}

/** Frames the page takes to show a run's first events: their landing, then a big lab's stages (store/landingStages.ts: five), and one to spare. */
const SHOWN_FRAMES = 7;

/** bumped by each run and each cancel: a run waiting for the client's chunk starts only if it is still the newest */
let generation = 0;

/** Module workers exist here (not in Node, where the tests and the CLI run the engine in-process). */
export function workerAvailable(): boolean {
  return typeof Worker !== 'undefined' && typeof window !== 'undefined';
}

/** Most trace events a run may record on the page (about 10 ms of the engine); a bigger one goes to the worker. */
export const INLINE_MAX_EVENTS = 5_000;
/** Steps beyond which a run goes straight to the worker (each step records at least one event, most dozens). */
const INLINE_MAX_STEPS = 150;

export interface RunOptions {
  /** events of the run the lab shows now: an edit of a lab that big goes straight to the worker */
  currentEvents?: number;
  /**
   * the run so far, once its first step has come in (shown while the rest runs: the first events at once, and the
   * progress bar; bringing a big run up to date on the page again and again would cost more than it shows)
   */
  onPartial?(so: AssembledRun): void;
  /** the run was cancelled (Cancel, or a newer run): undo what onPartial showed */
  onCancel?(): void;
  /** one of the lab's own scenarios (a lesson's): a small one runs at once without the scenario checks (runOwnScenario) */
  own?: boolean;
  /**
   * a load (a file, a link, a lesson), not an edit: in the browser its run on the page and its landing (the store's
   * commit and React's render) happen in two tasks, so neither holds the main thread long (an edit lands in the
   * frame it is asked for). A newer run or Cancel between the two drops the landing.
   */
  load?: boolean;
}

/** What the worker built beside a run as it streamed (the device timelines and action index): the store takes it instead of building them again. */
const derived = new WeakMap<RunResult, { timelines: DeviceTimelines; index: ActionIndex }>();

export function takeDerived(run: RunResult): { timelines: DeviceTimelines; index: ActionIndex } | undefined {
  const d = derived.get(run);
  derived.delete(run);
  return d;
}

let pendingCancel: (() => void) | undefined;
/** Resolved when the run going on in the worker ends (done, failed or cancelled). */
let settled: { promise: Promise<void>; resolve(): void } | undefined;

function settle(): void {
  settled?.resolve();
  settled = undefined;
}

/** Resolves once no run is going on in the worker (at once if none is): a link's later steps wait for its run. */
export function runSettled(): Promise<void> {
  return settled?.promise ?? Promise.resolve();
}

/**
 * Runs `input` and hands the outcome to `then`: at once on the page (returning what `then` returns), or later from
 * the worker (returning true: the run is under way; `then` is not called if it is cancelled).
 */
export function scheduleRun(input: ScenarioInput, then: (out: RunOutcome) => boolean, options: RunOptions = {}): boolean {
  cancelRun();
  const big = (options.currentEvents ?? 0) > INLINE_MAX_EVENTS || (input.steps?.length ?? 0) > INLINE_MAX_STEPS;
  const split = options.load === true && workerAvailable();
  if (options.own && !big) {
    const out = workerAvailable() ? runOnPage(undefined, input) : runOwnScenario(input);
    if (out) return split ? landNextTask(out, then, options) : then(out);
  }
  if (checks && !workerAvailable()) return then(checks.runLab(input));
  if (checks && !big) {
    const out = runOnPage(checks, input);
    if (out) return split ? landNextTask(out, then, options) : then(out);
  }
  const gen = ++generation;
  const landed = (out: RunOutcome): void => {
    pendingCancel = undefined;
    then(out);
    settle();
  };
  /** the run happens on the page after all (no worker here), once the checks are here */
  const onPage = (): void => {
    loadScenarioChecks().then(
      (m) => gen === generation && landed(m.runLab(input)),
      () => gen === generation && landed({ ok: false, error: new LabError('(lab)', CHECKS_MISSING), stepIndex: undefined }),
    );
  };
  let shown = false;
  let done = false;
  const handlers: Parameters<Client['runInBackground']>[1] = {
      onChunk(assembler) {
        const onPartial = options.onPartial;
        if (!onPartial || shown || assembler.steps === 0) return;
        shown = true;
        // the first events are decoded in this task (the message's) and shown in the next: decoding and React's
        // render of a big lab would hold the main thread too long together
        const so = assembler.partial();
        // meanwhile the worker waits (at its next chunk), so that on a machine of few cores it does not take them from
        // the page while the page lays the lab out; it goes on once that is shown (or after half a second at most)
        const id = client?.backgroundRunId();
        if (id !== undefined) client?.holdBackgroundRun(id, true);
        setTimeout(() => {
          if (gen === generation && !done) onPartial(so);
          if (id !== undefined) afterFrames(SHOWN_FRAMES, () => client?.holdBackgroundRun(id, false));
        }, 0);
      },
      onDone(out) {
        done = true;
        pendingCancel = undefined;
        if (!out.ok) {
          options.onCancel?.();
          then(out);
        } else {
          derived.set(out.assembled.run, { timelines: out.assembled.timelines, index: out.assembled.index });
          then({ ok: true, run: out.assembled.run });
        }
        settle();
      },
  };
  const start = (m: Client): void => {
    if (gen !== generation) return;
    try {
      m.runInBackground(input, handlers);
    } catch {
      // no worker here after all (a browser without module workers, a policy that forbids them): run on the page
      onPage();
    }
  };
  // the chunk could not load (the lab's files changed or went away): run on the page
  const inWorker = (): void => (client ? start(client) : void loadClient().then(start, () => gen === generation && onPage()));
  if (checks) inWorker();
  else {
    // the checks have not come yet (the lab was not reached for before this run): a small run waits for them
    loadScenarioChecks().then(
      (m) => {
        if (gen !== generation) return;
        const out = workerAvailable() ? (big ? undefined : runOnPage(m, input)) : m.runLab(input);
        if (!out) inWorker();
        else if (split) landNextTask(out, then, options);
        else landed(out);
      },
      () => gen === generation && landed({ ok: false, error: new LabError('(lab)', CHECKS_MISSING), stepIndex: undefined }),
    );
  }
  pendingCancel = options.onCancel;
  waitForSettle();
  return true;
}

/**
 * Hands a run made on the page to `then` in the next task (a load: see RunOptions.load), with the device timelines
 * and action index built in this one (the store takes them: takeDerived). True: the run is under way.
 */
function landNextTask(out: RunOutcome, then: (out: RunOutcome) => boolean, options: RunOptions): boolean {
  if (out.ok) derived.set(out.run, { timelines: buildDeviceTimelines(out.run), index: indexRun(out.run) });
  const gen = ++generation;
  pendingCancel = options.onCancel;
  waitForSettle();
  setTimeout(() => {
    if (gen !== generation) return;
    pendingCancel = undefined;
    then(out);
    settle();
  }, 0);
  return true;
}

/** Makes runSettled wait for the run under way (once for several). */
function waitForSettle(): void {
  if (settled) return;
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  settled = { promise, resolve };
}

/**
 * Runs `input` on the page (checked by `m`, or one of the lab's own without `m`), stopped at INLINE_MAX_EVENTS:
 * undefined when it reached that cap (it goes to the worker).
 */
function runOnPage(m: Checks | undefined, input: ScenarioInput): RunOutcome | undefined {
  let lab: Lab | undefined;
  const hooks: RunHooks = {
    onStart(l) {
      lab = l;
      l.trace.maxEvents = INLINE_MAX_EVENTS;
    },
  };
  const out = m ? m.runLab(input, hooks) : runOwnScenario(input, hooks);
  // stopped by the page's cap (not by the browser's budget, which is far higher): run it in the worker
  const capped = !out.ok && lab !== undefined && lab.trace.length >= INLINE_MAX_EVENTS;
  return capped ? undefined : out;
}

/**
 * Reads a scenario file in the engine worker (engineClient.ts, importInBackground): the result, or undefined if
 * something newer came first. Rejects if no worker can be started here.
 */
export async function importInWorker(bytes: Uint8Array): Promise<ImportResult | undefined> {
  cancelRun();
  const gen = ++generation;
  const m = client ?? (await loadClient());
  if (gen !== generation) return undefined;
  return m.importInBackground(bytes);
}

/** Cancels the run going on in the worker (Cancel, or a newer run): what it showed so far is undone. True if there was one. */
export function cancelRun(): boolean {
  const undo = pendingCancel;
  pendingCancel = undefined;
  const waiting = undo !== undefined || settled !== undefined;
  generation++;
  if (!(client?.cancelBackgroundRun() ?? false) && !waiting) return false;
  undo?.();
  settle();
  return true;
}
