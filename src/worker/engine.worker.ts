/**
 * The engine worker (a Vite worker module): reads the big scenario files the page is given and runs the scenarios it
 * sends, off the page's main thread, streaming each run back (streamRun.ts). One thing at a time: the page cancels a
 * run by ending this worker.
 */
import { importScenarioFile } from '../share/permalink';
import { readRequest } from './protocol';
import { streamRun } from './streamRun';

interface WorkerScope {
  onmessage: ((e: MessageEvent) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;
/** the file read last (a run may name it instead of sending the scenario back): its request id and scenario */
let lastImported: { id: number; scenario: unknown } | undefined;
/** the run the page asked to wait (it is showing its first events), and how to wake it */
let held: { id: number; wake?: () => void } | undefined;
/** Longest wait for the page's `resume` (a page that never sends it, a hidden tab, does not stop the run). */
const HOLD_MAX_MS = 500;

/** After each chunk of run `id`: lets this worker read the page's messages, then waits while the page holds the run. */
async function pause(id: number): Promise<void> {
  await new Promise<void>((tick) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => tick();
    channel.port2.postMessage(undefined);
  });
  const h = held;
  if (h?.id !== id) return;
  await new Promise<void>((wake) => {
    h.wake = wake;
    setTimeout(wake, HOLD_MAX_MS);
  });
  if (held === h) held = undefined;
}

scope.onmessage = (e) => {
  const request = readRequest(e.data);
  if (typeof request === 'string') {
    const id = typeof e.data === 'object' && e.data !== null && Number.isSafeInteger(e.data.id) ? e.data.id : 0;
    scope.postMessage({ type: 'crash', id, message: `the engine worker refused a request: ${request}` }, []);
    return;
  }
  if (request.type === 'hold') {
    held = { id: request.id };
    return;
  }
  if (request.type === 'resume') {
    const h = held;
    held = undefined;
    h?.wake?.();
    return;
  }
  if (request.type === 'import') {
    const r = importScenarioFile(request.bytes);
    lastImported = r.ok ? { id: request.id, scenario: r.scenario } : undefined;
    scope.postMessage(r.ok ? { type: 'imported', id: request.id, scenario: r.scenario } : { type: 'refused', id: request.id, path: r.error.path, message: r.error.message }, []);
    return;
  }
  let input = request.input;
  if (request.imported !== undefined) {
    if (lastImported?.id !== request.imported) {
      scope.postMessage({ type: 'crash', id: request.id, message: 'the file the run names was not read by this worker' }, []);
      return;
    }
    input = lastImported.scenario;
  }
  const id = request.id;
  void streamRun(id, input, (message, transfer) => scope.postMessage(message, transfer), { pause: () => pause(id) });
};
