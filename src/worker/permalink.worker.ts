/**
 * Encodes the address's link (`#lab=1.…`, share/permalink.ts) off the page's main thread, for a lab big enough that
 * compressing it would hold the page (a 10,000-step scenario takes 100 ms and more). It keeps the last scenario it
 * was sent, so while only the cursor moves (playback) the page sends the cursor alone.
 */
import { encodePermalink, type SandboxState } from '../share/permalink';
import { readEncodeRequest } from './permalinkProtocol';

interface WorkerScope {
  onmessage: ((e: MessageEvent) => void) | null;
  postMessage(message: unknown): void;
}
const scope = self as unknown as WorkerScope;
let scenario: SandboxState['scenario'] | undefined;

scope.onmessage = (e) => {
  const r = readEncodeRequest(e.data);
  if (typeof r === 'string') {
    scope.postMessage({ id: 0, error: r });
    return;
  }
  if (r.scenario) scenario = r.scenario;
  if (!scenario) {
    scope.postMessage({ id: r.id, error: 'no scenario yet' });
    return;
  }
  try {
    scope.postMessage({ id: r.id, token: encodePermalink({ scenario, cursor: r.cursor, lesson: r.lesson, task: r.task }) });
  } catch (err) {
    scope.postMessage({ id: r.id, error: err instanceof Error ? err.message.slice(0, 200) : 'could not encode' });
  }
};
