/**
 * The engine worker (a Vite worker module): runs the scenarios the page sends, off the page's main thread, and
 * streams each run back (streamRun.ts). One run at a time: the page cancels a run by ending this worker.
 */
import { readRequest } from './protocol';
import { streamRun } from './streamRun';

interface WorkerScope {
  onmessage: ((e: MessageEvent) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (e) => {
  const request = readRequest(e.data);
  if (typeof request === 'string') {
    const id = typeof e.data === 'object' && e.data !== null && Number.isSafeInteger(e.data.id) ? e.data.id : 0;
    scope.postMessage({ type: 'crash', id, message: `the engine worker refused a request: ${request}` }, []);
    return;
  }
  streamRun(request.id, request.input, (message, transfer) => scope.postMessage(message, transfer));
};
