/**
 * Scenario text → validated scenario, or a LabError naming the field path and what was expected.
 * Checks shape (zod), then meaning: unique ids, known callback names, `fail` only where the
 * framework's tables give the callback a failure path, steps naming known devices.
 */
import type { z } from 'zod';
import { LabError } from '../engine/errors';
import { locateJsonError } from './jsonError';
import { FAILABLE_CALLBACKS, KMDF_CALLBACKS } from '../engine/tables/registry';
import { scenarioSchema, type Scenario } from './schema';

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out || '(scenario)';
}

export function parseScenarioText(text: string): Scenario {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new LabError('(file)', `not valid JSON at ${locateJsonError(text)}`);
  }
  return parseScenario(json);
}

export function parseScenario(json: unknown): Scenario {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new LabError('(scenario)', 'expected a JSON object with "devices" and "steps"');
  }
  const r = scenarioSchema.safeParse(json);
  if (!r.success) throw issueToError(r.error.issues[0], json);
  checkMeaning(r.data);
  return r.data;
}

function issueToError(issue: z.core.$ZodIssue, input: unknown): LabError {
  const path = [...issue.path];
  const received = valueAt(input, path);
  const shown = received === undefined ? 'nothing' : JSON.stringify(received);
  switch (issue.code) {
    case 'invalid_union':
      if ('options' in issue && Array.isArray((issue as { options?: unknown[] }).options)) {
        return new LabError(formatPath(path), `unknown action ${shown}; expected one of: ${(issue as { options: unknown[] }).options.join(', ')}`);
      }
      return new LabError(formatPath(path), issue.message);
    case 'invalid_value':
      return new LabError(formatPath(path), `got ${shown}; expected one of: ${issue.values.map((v) => String(v)).join(', ')}`);
    case 'unrecognized_keys':
      return new LabError(formatPath([...path, issue.keys[0]]), `unknown field; expected only the fields in docs/scenario-format.md`);
    case 'invalid_type':
      return new LabError(formatPath(path), received === undefined ? `missing; expected ${issue.expected}` : `got ${shown}; expected ${issue.expected}`);
    default:
      return new LabError(formatPath(path), `got ${shown}; ${issue.message.replace(/^Too (small|big): /, '').replace(/^Invalid input: /, '')}`);
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const p of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function checkMeaning(s: Scenario): void {
  const ids = new Set<string>();
  s.devices.forEach((d, i) => {
    if (ids.has(d.id)) throw new LabError(`devices[${i}].id`, `"${d.id}" is used twice; expected unique device ids`);
    ids.add(d.id);
    const layers: [string, Record<string, string>][] = [['callbacks', d.callbacks]];
    for (const [layer, v] of Object.entries(d.layers ?? {})) if (v) layers.push([`layers.${layer}.callbacks`, v.callbacks]);
    for (const [where, cbs] of layers) {
      for (const [name, behavior] of Object.entries(cbs)) {
        const path = `devices[${i}].${where}.${name}`;
        if (!KMDF_CALLBACKS.has(name)) throw new LabError(path, `unknown KMDF callback; expected one of: ${[...KMDF_CALLBACKS].sort().join(', ')}`);
        if (behavior === 'fail' && !FAILABLE_CALLBACKS.has(name)) {
          throw new LabError(path, `the lab has no failure path for ${name} (KMDF ignores or does not allow its failure here); expected succeed, absent or hang. Callbacks that can fail: ${[...FAILABLE_CALLBACKS].sort().join(', ')}`);
        }
      }
    }
  });
  s.steps.forEach((step, i) => {
    if ('device' in step && !ids.has(step.device)) {
      throw new LabError(`steps[${i}].device`, `unknown device "${step.device}"; expected one of: ${[...ids].join(', ') || '(no devices declared)'}`);
    }
  });
}
