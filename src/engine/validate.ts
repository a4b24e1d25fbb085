/** Whether a user action is possible now, with a message that names the field at fault. */
import type { Device } from './device';
import { hasStack } from './device';
import { LabError } from './errors';
import type { Lab, LabAction } from './lab';
import type { Client } from './notify/clients';
import { APP_ERROR_HRESULTS } from './wia/service';

const WIA_ACTIONS: ReadonlySet<string> = new Set(['connectApp', 'releaseApp', 'scan', 'appCancel', 'appError', 'hardwareCancel', 'asyncCancel', 'paperJam']);

export function isIdle(d: Device): boolean {
  const f = d.layers.find((l) => l.layer === 'function');
  return f !== undefined && f.deviceObject && f.power !== 'D0';
}

export function describe(d: Device): string {
  return d.problem ? `${d.state} (${d.problem})` : d.state;
}

export function validateClientAction(action: LabAction, c: Client, d: Device | undefined, path: string): void {
  const need = (ok: boolean, field: string, expected: string) => {
    if (!ok) throw new LabError(`${path}.${field}`, expected);
  };
  const id = c.config.id;
  switch (action.action) {
    case 'register':
      need(!c.registered, 'client', `"${id}" is already registered; registrations persist until unregistered`);
      if (c.config.category === 'TargetDeviceChange') need(c.handle !== undefined, 'client', `"${id}" has no open handle; a target-device registration is made on a file object, so openHandle first`);
      return;
    case 'unregister':
      need(c.registered, 'client', `"${id}" is not registered`);
      return;
    case 'openHandle':
      need(c.handle === undefined, 'client', `"${id}" already has a handle open on "${c.handle}"`);
      need(d!.state === 'Started', 'device', `"${d!.id}" is ${describe(d!)}; a handle can be opened only on a started device (a remove-pending device fails new creates)`);
      return;
    case 'closeHandle':
      need(c.handle !== undefined, 'client', `"${id}" has no open handle`);
      return;
  }
}


/** Rejects what no user could do. While the PnP manager is busy, state checks wait until the request runs. */
export function validateAction(lab: Lab, action: LabAction, d: Device | undefined, path: string): void {
  if (lab.shutDown) throw new LabError(`${path}.action`, 'the machine has shut down; expected no further steps');
  if (WIA_ACTIONS.has(action.action)) return validateWia(lab, action, d!, path);
  const idle = !lab.pnpBusy;
  const need = (ok: boolean, expected: string) => {
    if (!ok) throw new LabError(d ? `${path}.device` : `${path}.action`, expected);
  };
  switch (action.action) {
    case 'plug':
      need(d!.port === undefined, `"${d!.id}" is already plugged into ${d!.port}; expected an unplugged device`);
      need(!hasStack(d!), `"${d!.id}" is still being removed: IRP_MN_REMOVE_DEVICE has not been sent yet (it waits for every handle to close and every device on it to be removed); expected those handles closed first`);
      if (action.port !== undefined) checkPort(lab, d!, action.port, `${path}.port`);
      else if (!lab.freePort(d!)) throw new LabError(`${path}.port`, `no free ${d!.model.bus.toUpperCase()} port for "${d!.id}"`);
      return;
    case 'unplug':
      need(d!.port !== undefined, `"${d!.id}" is not plugged in; expected a plugged-in device`);
      return;
    case 'safeRemove':
      need(d!.port !== undefined, `"${d!.id}" is not plugged in; expected a plugged-in device`);
      need(d!.config.capabilities.Removable && !d!.config.capabilities.SurpriseRemovalOK, `"${d!.id}" is not listed in Safely Remove Hardware: that needs Removable and not SurpriseRemovalOK (it has Removable=${d!.config.capabilities.Removable}, SurpriseRemovalOK=${d!.config.capabilities.SurpriseRemovalOK})`);
      if (idle) need(d!.state === 'Started', `"${d!.id}" is ${describe(d!)}; expected a started device`);
      return;
    case 'disable':
    case 'rebalance':
    case 'fail':
      need(d!.port !== undefined, `"${d!.id}" is not plugged in; expected a plugged-in device`);
      if (idle) need(d!.state === 'Started', `"${d!.id}" is ${describe(d!)}; expected a started device`);
      return;
    case 'enable':
      if (idle) need(d!.problem === 'CM_PROB_DISABLED', `"${d!.id}" is ${describe(d!)}; expected a device disabled in Device Manager`);
      return;
    case 'closeHandles':
      return;
    case 'wait':
      if (!(action.ms >= 0)) throw new LabError(`${path}.ms`, 'expected a number of virtual milliseconds >= 0');
      return;
    case 'staticStopRemove':
      need(d!.config.framework === 'kmdf', `"${d!.id}" has a UMDF 1 driver, which has no WdfDeviceSetStaticStopRemove; expected a KMDF device`);
      if (idle) need(d!.layers.some((l) => l.layer === 'function' && l.deviceObject), `"${d!.id}" has no function driver loaded; expected a device whose driver is loaded`);
      return;
    case 'idle':
      if (idle) need(d!.state === 'Started' && !isIdle(d!), `"${d!.id}" is ${isIdle(d!) ? 'already idle in D3' : describe(d!)}; expected a started device in D0`);
      return;
    case 'wake':
      if (idle) need(d!.state === 'Started' && isIdle(d!), `"${d!.id}" is not idle; expected a device that idled out (idle first)`);
      return;
    case 'customEvent':
      need(d!.config.framework === 'kmdf', `"${d!.id}" has a UMDF 1 driver; the lab models IoReportTargetDeviceChange, a kernel-mode routine, for KMDF drivers`);
      if (idle) need(d!.state === 'Started', `"${d!.id}" is ${describe(d!)}; expected a started device (its driver raises the event)`);
      return;
    case 'dock':
      if (idle) need(!lab.docked, 'the machine is already docked; expected undock');
      return;
    case 'undock':
      if (idle) need(lab.docked, 'the machine is not docked; expected dock first');
      return;
    default:
      return;
  }
}

function validateWia(lab: Lab, action: LabAction, d: Device, path: string): void {
  const s = lab.wia?.scanners.get(d.id);
  if (!s) throw new LabError(`${path}.device`, `"${d.id}" is not a scanner; expected the id of a usb-scanner device`);
  const need = (ok: boolean, field: string, expected: string) => {
    if (!ok) throw new LabError(`${path}.${field}`, expected);
  };
  const app = 'app' in action ? (action.app ?? 'app') : 'app';
  const settled = lab.scheduler.settled;
  switch (action.action) {
    case 'connectApp':
      if (settled) need(s.loaded, 'device', `the WIA driver for "${d.id}" is not loaded (the scanner is ${describe(d)}); expected a started scanner`);
      need(!s.apps.includes(app), 'app', `"${app}" is already connected to "${d.id}"`);
      return;
    case 'releaseApp':
      if (settled) need(s.apps.includes(app), 'app', `"${app}" is not connected to "${d.id}"; expected connectApp first`);
      return;
    case 'scan':
      need(s.transfer === undefined, 'device', `a scan is already running on "${d.id}"`);
      if (settled) need(s.loaded && s.apps.length > 0, 'device', `no application is connected to "${d.id}"; expected connectApp first`);
      if ('pages' in action && action.pages !== undefined && action.pages !== 1) need(s.opts.feeder, 'pages', `"${d.id}" is a flatbed; expected pages only with "wia": { "feeder": true }`);
      return;
    case 'paperJam':
      need(s.opts.feeder, 'device', `"${d.id}" has no document feeder; expected a scanner with "wia": { "feeder": true }`);
      need(s.transfer !== undefined, 'device', `no scan is running on "${d.id}"; a paper jam happens during a feeder scan (use "after" to land in one)`);
      return;
    case 'appError':
      need(APP_ERROR_HRESULTS.includes((action as { hr: string }).hr), 'hr', `got "${(action as { hr: string }).hr}"; expected an error HRESULT name: ${APP_ERROR_HRESULTS.join(', ')}`);
      need(s.transfer !== undefined, 'device', `no scan is running on "${d.id}"; use "after" to land in the middle of one`);
      return;
    default:
      need(s.transfer !== undefined, 'device', `no scan is running on "${d.id}"; use "after" to land in the middle of one`);
      return;
  }
}

function checkPort(lab: Lab, d: Device, port: string, path: string): void {
  const found = lab.portAt(port);
  if (!found) {
    const all = lab.ports().filter((p) => p.bus === d.model.bus && p.owner !== d.id).map((p) => p.port);
    throw new LabError(path, `no port "${port}"; expected one of: ${all.join(', ')}`);
  }
  if (found.bus !== d.model.bus) throw new LabError(path, `"${port}" is a ${found.bus.toUpperCase()} port but "${d.id}" is a ${d.model.bus.toUpperCase()} device`);
  if (found.occupant) throw new LabError(path, `"${port}" is taken by "${found.occupant}"; expected a free port`);
}
