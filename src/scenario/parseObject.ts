/**
 * A scenario object → validated scenario, or a LabError naming the field path and what was expected.
 * Checks shape (zod), then meaning: unique ids, known callback names, `fail` only where the
 * framework's tables give the callback a failure path, steps naming known devices. Scenario text
 * (a file) goes through parse.ts first, which checks the JSON text itself; the lab's store runs
 * only objects, so the text checks stay out of the lab's first download.
 */
import { LabError } from '../engine/errors';
import { BUILT_IN_BUSES, CATALOG } from '../engine/bus/catalog';
import { WIA_SERVICE_CLIENT } from '../engine/wia/service';
import { checkStepCount, checkWorkBudget, type WorkBudget } from './budget';
import { describeIssue } from './issues';
import { checkJsonValue } from './jsonCheck';
import { formatPath, showKey, showValue } from './jsonValue';
import { listWithin } from './words';
import { scenarioSchema, type Scenario } from './schema';
import { checkComparison } from './comparison';
import { checkCallback } from './callbacks';

export { checkCallback, formatPath };

/** Device ids the lab keeps for itself: the built-in buses (they name ports, `usb-root-hub:1`, and appear as `device` in the trace). */
export const RESERVED_DEVICE_IDS: ReadonlyMap<string, string> = new Map(BUILT_IN_BUSES.map((b) => [b.id, `the lab's built-in ${b.bus.toUpperCase()} bus, whose ports are ${b.id}:1 to ${b.id}:${b.ports}`]));
/** Client ids the lab keeps for itself: the WIA service's own notification client (and `stisvc:<scanner>`, which no id can spell). */
export const RESERVED_CLIENT_IDS: ReadonlyMap<string, string> = new Map([[WIA_SERVICE_CLIENT, 'the WIA service\'s own notification client (it loads a scanner\'s minidriver)']]);

const UNKNOWN_FIELD = 'expected only the fields in docs/scenario-format.md';

/**
 * A scenario object (parsed JSON, or an object posted by the page around an embedded lab) → validated
 * scenario. With a `budget`, a scenario that would certainly record more events than it allows is
 * refused too (budget.ts), before it runs.
 */
export function parseScenario(json: unknown, budget?: WorkBudget): Scenario {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new LabError('(scenario)', `got ${showValue(json)}; expected a JSON object with "devices" and "steps"`);
  }
  if (budget) checkStepCount(json, budget.maxEvents, budget.cli);
  const odd = checkJsonValue(json);
  if (odd) throw new LabError(formatPath(odd.path), odd.what);
  const r = scenarioSchema.safeParse(json);
  if (!r.success) {
    const d = describeIssue(r.error.issues[0], json, UNKNOWN_FIELD);
    throw new LabError(formatPath(d.path), d.message);
  }
  checkMeaning(r.data);
  if (r.data.compare) checkComparison(r.data, r.data.compare, checkCallback);
  if (budget) checkWorkBudget(r.data, budget.maxEvents, budget.cli);
  return r.data;
}

function checkMeaning(s: Scenario): void {
  const ids = new Set<string>();
  s.devices.forEach((d, i) => {
    if (ids.has(d.id)) throw new LabError(`devices[${i}].id`, `"${d.id}" is used twice; expected unique device ids`);
    const reserved = RESERVED_DEVICE_IDS.get(d.id);
    if (reserved) throw new LabError(`devices[${i}].id`, `"${d.id}" is reserved: it names ${reserved}; expected another id`);
    ids.add(d.id);
    // The bus driver (PDO) is always a kernel-mode driver: KMDF (USBHUB3) or WDM (pci.sys).
    const layers: [string, Record<string, string>, 'kmdf' | 'umdf1'][] = [['callbacks', d.callbacks, d.framework]];
    for (const [layer, v] of Object.entries(d.layers ?? {})) if (v) layers.push([`layers.${layer}.callbacks`, v.callbacks, layer === 'bus' ? 'kmdf' : d.framework]);
    for (const [where, cbs, framework] of layers) {
      for (const [name, behavior] of Object.entries(cbs)) checkCallback(`devices[${i}].${where}${showKey(name)}`, framework, name, behavior);
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
    const reserved = RESERVED_CLIENT_IDS.get(c.id);
    if (reserved) throw new LabError(`${at}.id`, `"${c.id}" is reserved: it names ${reserved}; expected another id`);
    clientIds.add(c.id);
    if (c.category === 'DeviceInterfaceChange' && (!c.interfaceClass || !interfaces.has(c.interfaceClass))) {
      throw new LabError(`${at}.interfaceClass`, `${c.interfaceClass ? `unknown interface class ${showValue(c.interfaceClass)}` : 'missing'}; expected one of: ${listWithin([...interfaces], 200)}`);
    }
    if (c.category !== 'DeviceInterfaceChange' && c.interfaceClass) throw new LabError(`${at}.interfaceClass`, 'only a DeviceInterfaceChange client watches an interface class');
    if (c.category === 'TargetDeviceChange' && c.registered && !c.target) throw new LabError(`${at}.target`, 'missing; a registered TargetDeviceChange client needs the device whose handle it opens (or "registered": false and openHandle/register steps)');
    if (c.target !== undefined && !ids.has(c.target)) throw new LabError(`${at}.target`, `unknown device "${c.target}"; expected one of: ${listWithin([...ids], 150) || '(no devices declared)'}`);
    if (c.includeExisting && (c.mode !== 'kernel' || c.category !== 'DeviceInterfaceChange')) {
      throw new LabError(`${at}.includeExisting`, 'PNPNOTIFY_DEVICE_INTERFACE_INCLUDE_EXISTING_INTERFACES exists only for kernel-mode DeviceInterfaceChange registrations; user mode calls CM_Get_Device_Interface_List after CM_Register_Notification');
    }
    if (c.inCallback && c.mode !== 'kernel') throw new LabError(`${at}.inCallback`, 'IoReportTargetDeviceChange is a kernel-mode routine; expected it only on a kernel client');
  });
  s.steps.forEach((step, i) => {
    if ('device' in step && !ids.has(step.device)) {
      throw new LabError(`steps[${i}].device`, `unknown device "${step.device}"; expected one of: ${listWithin([...ids], 150) || '(no devices declared)'}`);
    }
    if ('client' in step && !clientIds.has(step.client)) {
      throw new LabError(`steps[${i}].client`, `unknown client "${step.client}"; expected one of: ${listWithin([...clientIds], 150) || '(no clients declared)'}`);
    }
  });
}
