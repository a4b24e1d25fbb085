/**
 * The worker's side of a run: runLab (the same run as on the page and in the tests, here step by step: runLabSteps),
 * streamed. Before each step, once `flushMs` have passed since the last chunk, the events recorded so far go to the
 * page as a compact chunk (traceCodec.ts) with the new items of the run's other parts, so the page shows the first
 * events while the rest runs. After each chunk the run may pause (`pause`): the engine worker then reads the page's
 * messages, and waits while the page holds it (engine.worker.ts). Plain TypeScript with no worker API: `post` is
 * postMessage in the worker, a function in the tests.
 */
import { LabError } from '../engine/errors';
import type { TraceEvent } from '../engine/trace';
import { runLabSteps, type RunOutcome, type RunResult } from '../model/runLab';
import { trackScanners } from '../model/scanState';
import { AS_SENT, type WorkerMessage } from './protocol';
import { TraceEncoder, transferables, type EncodedRecords, type EncodedRuns } from './traceCodec';

/** Events after which a chunk goes even before `flushMs` have passed. */
const CHUNK_EVENTS = 4_000;

export type Post = (message: WorkerMessage, transfer: ArrayBuffer[]) => void;

export interface StreamOptions {
  /** worker time between chunks (ms); the first chunk goes at the first step */
  flushMs?: number;
  /** the clock (tests pass their own) */
  now?: () => number;
  /**
   * Called after each chunk is posted; the run goes on when it resolves (the worker's event loop then reads the page's
   * messages: a `hold` while the page shows the first events makes it wait). Without it the run goes to its end at once.
   */
  pause?: () => Promise<void>;
}

export function streamRun(id: number, input: unknown, post: Post, { flushMs = 25, now = () => performance.now(), pause }: StreamOptions = {}): void | Promise<void> {
  const encoder = new TraceEncoder();
  let events: TraceEvent[] = [];
  let parts: Omit<RunResult, 'trace'> | undefined;
  const sentParts = new Map<string, number>();
  let last = -Infinity;
  /** a chunk went since the run last paused */
  let posted = false;

  const flush = () => {
    if (!parts) return;
    // the parts' new items first (flat records as columns: their strings join the chunk's table), then the events
    const newParts: Record<string, unknown[] | EncodedRecords | EncodedRuns> = {};
    const records: (EncodedRecords | EncodedRuns)[] = [];
    for (const [key, value] of Object.entries(parts)) {
      if (!Array.isArray(value)) continue;
      const from = sentParts.get(key) ?? 0;
      const items = value.slice(from);
      sentParts.set(key, value.length);
      // the table runs: columns of their own (an end comes after its start); flat records (skips): columns
      if (key === 'runs') {
        const runs = encoder.encodeRuns(value as object[]);
        records.push(runs);
        newParts[key] = runs;
        continue;
      }
      const columns = items.length > 0 && typeof items[0] === 'object' ? encoder.encodeRecords(items as object[]) : undefined;
      if (columns) records.push(columns);
      newParts[key] = columns ?? items;
    }
    const chunk = encoder.encode(events);
    post({ type: 'chunk', id, chunk, parts: newParts }, transferables(chunk, records));
    last = now();
    posted = true;
  };

  const crash = (e: unknown) => {
    // a LabError outside the run (none expected) or a bug: said in one line
    const message = e instanceof LabError ? e.message : e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    post({ type: 'crash', id, message: message.slice(0, 500) }, []);
  };
  // a generator: nothing of the run happens until `go` asks for its first step (errors are caught there)
  const steps = runLabSteps(input as Parameters<typeof runLabSteps>[0], {
    onStart(lab, runParts) {
      parts = runParts;
      events = lab.trace.events;
      // steps the checks left as they were (the usual case) are not sent back: the page has them
      const same = JSON.stringify(runParts.scenario.steps) === JSON.stringify((input as { steps?: unknown }).steps);
      post({ type: 'start', id, scenario: same ? { ...runParts.scenario, steps: AS_SENT } : runParts.scenario }, []);
      // an event already sent that gets its result later (an IRP completed, reopened) is sent again as a patch
      const trace = lab.trace;
      const complete = trace.complete.bind(trace);
      trace.complete = (e, result) => {
        complete(e, result);
        encoder.touched(e);
      };
      const reopen = trace.reopen.bind(trace);
      trace.reopen = (e) => {
        reopen(e);
        encoder.touched(e);
      };
      const perform = lab.perform.bind(lab);
      lab.perform = (action, path) => {
        // small chunks, so that taking one in costs the page a few ms
        if (now() - last >= flushMs || events.length - encoder.sent >= CHUNK_EVENTS) flush();
        return perform(action, path);
      };
    },
  });
  const finish = (out: RunOutcome): void => {
    if (out.ok) {
      flush();
      post({ type: 'done', id, scanners: trackScanners(out.run) }, []);
    } else {
      post({ type: 'fail', id, path: out.error.path, expected: out.error.expected, stepIndex: out.stepIndex }, []);
    }
  };
  /** runs steps until the end, or until a chunk has gone and the run pauses (then goes on from there) */
  const go = (): void | Promise<void> => {
    try {
      for (let r = steps.next(); ; r = steps.next()) {
        if (r.done) return finish(r.value);
        if (posted && pause) {
          posted = false;
          return pause().then(go);
        }
      }
    } catch (e) {
      crash(e);
    }
  };
  return go();
}
