/**
 * The address's link for a big lab, encoded in a worker (permalink.worker.ts) so the page never holds still for it;
 * a small lab's link is encoded on the spot (a few ms). Answers come in the order asked.
 */
import type { SandboxState } from '../share/sandbox';
import { readEncoded } from './permalinkProtocol';

/** Steps and devices beyond which the link is encoded off the main thread. */
const BIG_LAB = 400;

let worker: Worker | undefined;
let sentScenario: SandboxState['scenario'] | undefined;
let nextId = 1;
const waiting = new Map<number, (token: string | undefined) => void>();

export function isBigLab(state: SandboxState): boolean {
  return typeof Worker !== 'undefined' && state.scenario.steps.length + state.scenario.devices.length > BIG_LAB;
}

/** The link token of `state`, from the worker; undefined if the worker could not make it. */
export function encodeOffMain(state: SandboxState): Promise<string | undefined> {
  if (!worker) {
    worker = new Worker(new URL('./permalink.worker.ts', import.meta.url), { type: 'module', name: 'pnp-lab-links' });
    sentScenario = undefined;
    worker.onmessage = (e) => {
      const id = (e.data as { id?: unknown } | null)?.id;
      const done = typeof id === 'number' ? waiting.get(id) : undefined;
      if (!done) return;
      waiting.delete(id as number);
      done(readEncoded(e.data, id as number));
    };
    worker.onerror = (e) => {
      e.preventDefault();
      for (const done of waiting.values()) done(undefined);
      waiting.clear();
      worker?.terminate();
      worker = undefined;
    };
  }
  const id = nextId++;
  const scenario = state.scenario === sentScenario ? undefined : state.scenario;
  sentScenario = state.scenario;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    worker!.postMessage({ id, scenario, cursor: state.cursor, lesson: state.lesson, task: state.task });
  });
}
