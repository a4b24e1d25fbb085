/**
 * The page's side of the engine worker: starts a run in it, checks and assembles what comes back chunk by chunk
 * (runAssembler.ts), and cancels a run by ending the worker (the next run starts a new one). One run at a time:
 * a newer run cancels the one going on.
 */
import { LabError } from '../engine/errors';
import type { RunOutcome } from '../model/runLab';
import type { ScenarioInput } from '../scenario/schema';
import type { ImportResult } from '../share/permalink';
import { readImportAnswer, readWorkerMessage } from './protocol';
import { RunAssembler, scenarioOfStart, type AssembledRun } from './runAssembler';
import { runProgress } from './runProgress';

export type BackgroundOutcome = { ok: true; assembled: AssembledRun } | Extract<RunOutcome, { ok: false }>;

export interface BackgroundHandlers {
  /** after each chunk: the run so far */
  onChunk?(assembler: RunAssembler): void;
  /** the end of the run (not called for a run cancelled or replaced by a newer one) */
  onDone(out: BackgroundOutcome): void;
}

interface Current {
  id: number;
  handlers: BackgroundHandlers;
  assembler: RunAssembler | undefined;
  devices: number;
  steps: number;
  /** the scenario sent (its steps stand for the start's when the checks left them as they were) */
  input: ScenarioInput;
  /** when the progress bar was last moved */
  shownAt: number;
}

let worker: Worker | undefined;
let current: Current | undefined;
let nextId = 1;
/** a file being read in the worker: its request id and who waits for it */
let importing: { id: number; done(r: ImportResult | undefined): void } | undefined;
/** scenarios the worker read from a file (by the object the page got back): a run of one names it instead of sending it */
const imported = new WeakMap<object, { worker: Worker; id: number }>();

/** Module workers exist here (not in Node, where the tests and the CLI run the engine in-process). */
export function workerAvailable(): boolean {
  return typeof Worker !== 'undefined' && typeof window !== 'undefined';
}

function failed(why: string): BackgroundOutcome {
  return { ok: false, error: new LabError('(engine)', `the engine worker failed (${why}); the lab is unchanged`), stepIndex: undefined };
}

/** Ends the run `c` with `out` (and the worker with it when the worker misbehaved). */
function finish(c: Current, out: BackgroundOutcome, endWorker = false): void {
  if (current !== c) return;
  current = undefined;
  runProgress.setState({ running: undefined });
  if (endWorker) stopWorker();
  c.handlers.onDone(out);
}

function stopWorker(): void {
  worker?.terminate();
  worker = undefined;
}

function onMessage(e: MessageEvent): void {
  if (importing && (e.data as { id?: unknown } | null)?.id === importing.id) {
    const { id, done } = importing;
    importing = undefined;
    const a = readImportAnswer(e.data, id);
    if (typeof a === 'string') {
      stopWorker();
      done({ ok: false, error: { path: '(file)', message: a, text: `(file): ${a}` } });
    } else if (a.type === 'imported') {
      if (worker) imported.set(a.scenario, { worker, id });
      done({ ok: true, scenario: a.scenario });
    } else done({ ok: false, error: { path: a.path, message: a.message, text: `${a.path}: ${a.message}` } });
    return;
  }
  const c = current;
  if (!c) return;
  const m = readWorkerMessage(e.data, { id: c.id, devices: c.devices, steps: c.steps, events: c.assembler?.events ?? 0 });
  if (typeof m === 'string') {
    // a message for a run already replaced is dropped; anything else malformed ends the run
    if ((e.data as { id?: unknown } | null)?.id !== c.id) return;
    finish(c, failed(m), true);
    return;
  }
  switch (m.type) {
    case 'start': {
      const scenario = scenarioOfStart(m, c.input);
      if (!scenario) return finish(c, failed('the start came without steps'), true);
      c.assembler = new RunAssembler(scenario);
      return;
    }
    case 'chunk':
      if (!c.assembler) return finish(c, failed('a chunk came before the start'), true);
      try {
        c.assembler.add(m);
      } catch (err) {
        return finish(c, failed(err instanceof Error ? err.message : String(err)), true);
      }
      // the bar moves ten times a second at most
      if (performance.now() - c.shownAt >= 100) {
        c.shownAt = performance.now();
        runProgress.setState((s) => (s.running?.id === c.id ? { running: { ...s.running, steps: c.assembler!.steps, events: c.assembler!.events } } : s));
      }
      c.handlers.onChunk?.(c.assembler);
      return;
    case 'done':
      if (!c.assembler) return finish(c, failed('done before the start'), true);
      return finish(c, { ok: true, assembled: c.assembler.finish(m.scanners) });
    case 'fail':
      return finish(c, { ok: false, error: new LabError(m.path, m.expected), stepIndex: m.stepIndex });
    case 'crash':
      return finish(c, failed(m.message), true);
  }
}

function startedWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'pnp-lab-engine' });
    worker.onmessage = onMessage;
    worker.onerror = (e) => {
      e.preventDefault();
      if (current) finish(current, failed(e.message || 'it stopped'), true);
      const waiting = importing;
      importing = undefined;
      waiting?.done({ ok: false, error: { path: '(file)', message: 'the engine worker stopped', text: '(file): the engine worker stopped' } });
      stopWorker();
    };
  }
  return worker;
}

/**
 * Reads a scenario file in the worker, as importScenarioFile would on the page (a big file's JSON and checks take
 * hundreds of ms): the result, or undefined if something newer (a run, another file) came first. Throws if no
 * worker can be started here.
 */
export function importInBackground(bytes: Uint8Array): Promise<ImportResult | undefined> {
  cancelBackgroundRun();
  const w = startedWorker();
  const id = nextId++;
  runProgress.setState({ running: { id, startedAt: performance.now(), steps: 0, totalSteps: 0, events: 0, reading: true } });
  return new Promise((resolve) => {
    importing = {
      id,
      done: (r) => {
        runProgress.setState((s) => (s.running?.id === id ? { running: undefined } : s));
        resolve(r);
      },
    };
    w.postMessage({ type: 'import', id, bytes }, [bytes.buffer]);
  });
}

/** Runs `input` in the worker (cancelling any run going on); throws if no worker can be started here. */
export function runInBackground(input: ScenarioInput, handlers: BackgroundHandlers): number {
  cancelBackgroundRun();
  const w = startedWorker();
  const id = nextId++;
  current = { id, handlers, assembler: undefined, devices: input.devices?.length ?? 0, steps: input.steps?.length ?? 0, input, shownAt: 0 };
  runProgress.setState({ running: { id, startedAt: performance.now(), steps: 0, totalSteps: current.steps, events: 0 } });
  // a scenario this worker read from a file is named, not sent back (a big one costs the page tens of ms to copy)
  const read = imported.get(input);
  w.postMessage(read?.worker === w ? { type: 'run', id, imported: read.id } : { type: 'run', id, input });
  return id;
}

/**
 * The page is showing the first events of run `id` (`hold`), or has shown them (`resume`): the worker waits in
 * between, at its next chunk (engine.worker.ts), so that on a machine of few cores the two do not share them.
 */
export function holdBackgroundRun(id: number, hold: boolean): void {
  if (current?.id === id) worker?.postMessage({ type: hold ? 'hold' : 'resume', id });
}

/** The id of the run going on in the worker, if any. */
export function backgroundRunId(): number | undefined {
  return current?.id;
}

/** Cancels the run going on, if any (its onDone is never called): true if there was one. */
export function cancelBackgroundRun(): boolean {
  // a file still being read is dropped too: the newer action wins
  const waiting = importing;
  importing = undefined;
  waiting?.done(undefined);
  if (!current) {
    runProgress.setState({ running: undefined });
    if (waiting) stopWorker();
    return waiting !== undefined;
  }
  current = undefined;
  runProgress.setState({ running: undefined });
  // a run cannot be stopped inside the worker (it runs to the end in one go): the worker goes, a new one comes
  stopWorker();
  return true;
}
