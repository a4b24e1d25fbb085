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

scope.onmessage = (e) => {
  const request = readRequest(e.data);
  if (typeof request === 'string') {
    const id = typeof e.data === 'object' && e.data !== null && Number.isSafeInteger(e.data.id) ? e.data.id : 0;
    scope.postMessage({ type: 'crash', id, message: `the engine worker refused a request: ${request}` }, []);
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
  streamRun(request.id, input, (message, transfer) => scope.postMessage(message, transfer));
};
