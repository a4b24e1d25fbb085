/**
 * Scenario text → validated scenario, or a LabError naming the field path and what was expected.
 * Checks shape (zod), then meaning: unique ids, known callback names, `fail` only where the
 * framework's tables give the callback a failure path, steps naming known devices.
 */
import type * as z from 'zod/mini';
import { LabError } from '../engine/errors';
import { locateJsonError } from './jsonError';
import { CATALOG } from '../engine/bus/catalog';
import { FAILABLE_CALLBACKS, FRAMEWORK_CALLBACKS, TRANSITION_FAILABLE_CALLBACKS } from '../engine/tables/registry';
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
    // The bus driver (PDO) is always a kernel-mode driver: KMDF (USBHUB3) or WDM (pci.sys).
    const layers: [string, Record<string, string>, 'kmdf' | 'umdf1'][] = [['callbacks', d.callbacks, d.framework]];
    for (const [layer, v] of Object.entries(d.layers ?? {})) if (v) layers.push([`layers.${layer}.callbacks`, v.callbacks, layer === 'bus' ? 'kmdf' : d.framework]);
    for (const [where, cbs, framework] of layers) {
      const known = FRAMEWORK_CALLBACKS[framework];
      const failable = [...FAILABLE_CALLBACKS].filter((n) => known.has(n)).sort();
      for (const [name, behavior] of Object.entries(cbs)) {
        const path = `devices[${i}].${where}.${name}`;
        if (!known.has(name)) throw new LabError(path, `unknown ${framework === 'kmdf' ? 'KMDF' : 'UMDF 1'} callback; expected one of: ${[...known].sort().join(', ')}`);
        if (behavior === 'fail' && !FAILABLE_CALLBACKS.has(name)) {
          throw new LabError(path, `the lab models no failure path for ${name}; expected succeed, absent or hang. Callbacks that can fail: ${failable.join(', ')}`);
        }
        if (behavior.startsWith('failOn') && !TRANSITION_FAILABLE_CALLBACKS.has(name)) {
          const onTransition = failable.filter((n) => TRANSITION_FAILABLE_CALLBACKS.has(n));
          throw new LabError(path, `${behavior} picks a start or a wake, and ${name} does not fail on either; expected succeed, absent, hang${FAILABLE_CALLBACKS.has(name) ? ' or fail' : ''}. Callbacks that can fail on one transition: ${onTransition.join(', ')}`);
        }
      }
    }
  });
  s.devices.forEach((d, i) => {
    if (d.framework === 'umdf1' && d.model === 'usb-hub') throw new LabError(`devices[${i}].framework`, 'a hub driver is a bus driver, and UMDF 1 drivers cannot be bus drivers; expected kmdf');
    if (d.framework === 'umdf1' && d.staticStopRemove !== false && d.staticStopRemove !== 0) throw new LabError(`devices[${i}].staticStopRemove`, 'UMDF 1 has no WdfDeviceSetStaticStopRemove; expected it only on a KMDF device');
    if (d.wia && d.model !== 'usb-scanner') throw new LabError(`devices[${i}].wia`, `"${d.id}" is a ${d.model}; expected wia options only on a usb-scanner`);
    if (d.wia && !d.wia.feeder && d.wia.pages > 0) throw new LabError(`devices[${i}].wia.pages`, 'sheets are loaded in a document feeder; expected "feeder": true with "pages"');
  });
  const interfaces = new Set(Object.values(CATALOG).flatMap((m) => m.interfaces));
  const clientIds = new Set<string>();
  s.clients.forEach((c, i) => {
    const at = `clients[${i}]`;
    if (clientIds.has(c.id)) throw new LabError(`${at}.id`, `"${c.id}" is used twice; expected unique client ids`);
    clientIds.add(c.id);
    if (c.category === 'DeviceInterfaceChange' && (!c.interfaceClass || !interfaces.has(c.interfaceClass))) {
      throw new LabError(`${at}.interfaceClass`, `${c.interfaceClass ? `unknown interface class "${c.interfaceClass}"` : 'missing'}; expected one of: ${[...interfaces].join(', ')}`);
    }
    if (c.category !== 'DeviceInterfaceChange' && c.interfaceClass) throw new LabError(`${at}.interfaceClass`, 'only a DeviceInterfaceChange client watches an interface class');
    if (c.category === 'TargetDeviceChange' && c.registered && !c.target) throw new LabError(`${at}.target`, 'missing; a registered TargetDeviceChange client needs the device whose handle it opens (or "registered": false and openHandle/register steps)');
    if (c.target !== undefined && !ids.has(c.target)) throw new LabError(`${at}.target`, `unknown device "${c.target}"; expected one of: ${[...ids].join(', ') || '(no devices declared)'}`);
    if (c.includeExisting && (c.mode !== 'kernel' || c.category !== 'DeviceInterfaceChange')) {
      throw new LabError(`${at}.includeExisting`, 'PNPNOTIFY_DEVICE_INTERFACE_INCLUDE_EXISTING_INTERFACES exists only for kernel-mode DeviceInterfaceChange registrations; user mode calls CM_Get_Device_Interface_List after CM_Register_Notification');
    }
    if (c.inCallback && c.mode !== 'kernel') throw new LabError(`${at}.inCallback`, 'IoReportTargetDeviceChange is a kernel-mode routine; expected it only on a kernel client');
  });
  s.steps.forEach((step, i) => {
    if ('device' in step && !ids.has(step.device)) {
      throw new LabError(`steps[${i}].device`, `unknown device "${step.device}"; expected one of: ${[...ids].join(', ') || '(no devices declared)'}`);
    }
    if ('client' in step && !clientIds.has(step.client)) {
      throw new LabError(`steps[${i}].client`, `unknown client "${step.client}"; expected one of: ${[...clientIds].join(', ') || '(no clients declared)'}`);
    }
  });
}
