/** The messages to and from the link-encoding worker (permalink.worker.ts), checked and bounded on both sides. */
import type { SandboxState } from '../share/sandbox';

export interface EncodeRequest {
  id: number;
  /** sent when it changed since the last request */
  scenario?: SandboxState['scenario'];
  cursor?: number;
  lesson?: string;
  task?: string;
}

/** Longest token taken back (the address takes far less; a longer lab is said to be too long for it anyway). */
export const MAX_ENCODED_CHARS = 8_000_000;
const TOKEN = /^1\.[A-Za-z0-9_-]*$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const optionalName = (v: unknown) => v === undefined || (typeof v === 'string' && v.length <= 200);

export function readEncodeRequest(data: unknown): EncodeRequest | string {
  if (!isObject(data)) return 'expected an object';
  if (!Number.isSafeInteger(data.id) || (data.id as number) <= 0) return 'id: expected a whole number > 0';
  if (data.scenario !== undefined && !(isObject(data.scenario) && Array.isArray(data.scenario.devices) && Array.isArray(data.scenario.steps))) return 'scenario: expected a scenario';
  if (data.cursor !== undefined && !(Number.isSafeInteger(data.cursor) && (data.cursor as number) >= 0)) return 'cursor: expected a whole number >= 0';
  if (!optionalName(data.lesson) || !optionalName(data.task)) return 'lesson, task: expected short names';
  return data as unknown as EncodeRequest;
}

/** The page's check of the worker's answer to request `id`: the token, or undefined (the address is left as it is). */
export function readEncoded(data: unknown, id: number): string | undefined {
  if (!isObject(data) || data.id !== id) return undefined;
  const token = data.token;
  return typeof token === 'string' && token.length <= MAX_ENCODED_CHARS && TOKEN.test(token) ? token : undefined;
}
