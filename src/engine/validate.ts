/** Whether a user action is possible now, with a message that names the field at fault. */
import type { Device } from './device';
import { hasStack } from './device';
import { LabError } from './errors';
import type { ActionServices, LabAction } from './actions';
import type { Client } from './notify/clients';
import { isIdle, childInD0 } from './topology';
import { APP_ERROR_HRESULTS } from './wia/service';

const WIA_ACTIONS: ReadonlySet<string> = new Set(['connectApp', 'releaseApp', 'scan', 'appCancel', 'appError', 'hardwareCancel', 'asyncCancel', 'paperJam']);

export function describe(d: Device): string {
  return d.problem ? `${d.state} (${d.problem})` : d.state;
}

export function validateClientAction(action: LabAction, c: Client, d: Device | undefined, path: string): void {
  // Messages are built only when a check fails.
  const fail = (field: string, expected: string): never => {
    throw new LabError(`${path}.${field}`, expected);
  };
  const id = c.config.id;
  switch (action.action) {
    case 'register':
      if (c.registered) fail('client', `"${id}" is already registered; registrations persist until unregistered`);
      if (c.config.category === 'TargetDeviceChange' && c.handle === undefined) fail('client', `"${id}" has no open handle; a target-device registration is made on a file object, so openHandle first`);
      return;
    case 'unregister':
      if (!c.registered) fail('client', `"${id}" is not registered`);
      return;
    case 'openHandle':
      if (c.handle !== undefined) fail('client', `"${id}" already has a handle open on "${c.handle}"`);
      if (d!.state !== 'Started') fail('device', `"${d!.id}" is ${describe(d!)}; a handle can be opened only on a started device (a remove-pending device fails new creates)`);
      return;
    case 'closeHandle':
      if (c.handle === undefined) fail('client', `"${id}" has no open handle`);
      return;
  }
}


/** Rejects what no user could do. While the PnP manager is busy, state checks wait until the request runs. */
export function validateAction(ctx: ActionServices, action: LabAction, d: Device | undefined, path: string): void {
  if (ctx.pnp.shutDown) throw new LabError(`${path}.action`, 'the machine has shut down; expected no further steps');
  if (WIA_ACTIONS.has(action.action)) return validateWia(ctx, action, d!, path);
  const idle = !ctx.pnp.pnpBusy;
  // Messages are built only when a check fails.
  const fail = (expected: string): never => {
    throw new LabError(d ? `${path}.device` : `${path}.action`, expected);
  };
  switch (action.action) {
    case 'plug':
      if (d!.port !== undefined) fail(`"${d!.id}" is already plugged into ${d!.port}; expected an unplugged device`);
      if (hasStack(d!)) fail(`"${d!.id}" is still being removed: IRP_MN_REMOVE_DEVICE has not been sent yet (it waits for every handle to close and every device on it to be removed); expected those handles closed first`);
      if (action.port !== undefined) checkPort(ctx, d!, action.port, `${path}.port`);
      else if (!ctx.devnodes.freePort(d!)) throw new LabError(`${path}.port`, `no free ${d!.model.bus.toUpperCase()} port for "${d!.id}"`);
      return;
    case 'unplug':
      if (d!.port === undefined) fail(`"${d!.id}" is not plugged in; expected a plugged-in device`);
      return;
    case 'safeRemove':
      if (d!.port === undefined) fail(`"${d!.id}" is not plugged in; expected a plugged-in device`);
      if (!(d!.config.capabilities.Removable && !d!.config.capabilities.SurpriseRemovalOK)) fail(`"${d!.id}" is not listed in Safely Remove Hardware: that needs Removable and not SurpriseRemovalOK (it has Removable=${d!.config.capabilities.Removable}, SurpriseRemovalOK=${d!.config.capabilities.SurpriseRemovalOK})`);
      if (idle && d!.state !== 'Started') fail(`"${d!.id}" is ${describe(d!)}; expected a started device`);
      return;
    case 'disable':
    case 'rebalance':
    case 'fail':
      if (d!.port === undefined) fail(`"${d!.id}" is not plugged in; expected a plugged-in device`);
      if (idle && d!.state !== 'Started') fail(`"${d!.id}" is ${describe(d!)}; expected a started device`);
      return;
    case 'enable':
      if (idle && d!.problem !== 'CM_PROB_DISABLED') fail(`"${d!.id}" is ${describe(d!)}; expected a device disabled in Device Manager`);
      return;
    case 'closeHandles':
      return;
    case 'wait':
      if (!(action.ms >= 0)) throw new LabError(`${path}.ms`, 'expected a number of virtual milliseconds >= 0');
      return;
    case 'staticStopRemove':
      if (d!.config.framework !== 'kmdf') fail(`"${d!.id}" has a UMDF 1 driver, which has no WdfDeviceSetStaticStopRemove; expected a KMDF device`);
      if (idle && !(d!.layers.some((l) => l.layer === 'function' && l.deviceObject))) fail(`"${d!.id}" has no function driver loaded; expected a device whose driver is loaded`);
      return;
    case 'idle': {
      if (idle && !(d!.state === 'Started' && !isIdle(d!))) fail(`"${d!.id}" is ${isIdle(d!) ? 'already idle in D3' : describe(d!)}; expected a started device in D0`);
      // the framework keeps a parent in D0 while a child is (WdfPdoInitRemovePowerDependencyOnParent, DDI Remarks)
      const child = idle ? childInD0(ctx.devnodes, d!) : undefined;
      if (child) fail(`"${d!.id}" has "${child.id}" in D0 on its ports, and a parent leaves D0 only after every child has (the framework's power dependency of a child on its parent); expected idle "${child.id}" first`);
      return;
    }
    case 'wake':
      if (idle && !(d!.state === 'Started' && isIdle(d!))) fail(`"${d!.id}" is not idle; expected a device that idled out (idle first)`);
      if (action.by === 'device' && !d!.idleArmsForWake) throw new LabError(`${path}.by`, `"${d!.id}" idled without wake (armForWake: false): no IRP_MN_WAIT_WAKE is pending, so the device cannot signal wake; expected "by": "io"`);
      return;
    case 'customEvent':
      if (d!.config.framework !== 'kmdf') fail(`"${d!.id}" has a UMDF 1 driver; the lab models IoReportTargetDeviceChange, a kernel-mode routine, for KMDF drivers`);
      if (idle && d!.state !== 'Started') fail(`"${d!.id}" is ${describe(d!)}; expected a started device (its driver raises the event)`);
      return;
    case 'dock':
      if (idle && ctx.pnp.docked) fail('the machine is already docked; expected undock');
      return;
    case 'undock':
      if (idle && !ctx.pnp.docked) fail('the machine is not docked; expected dock first');
      return;
    default:
      return;
  }
}

function validateWia(ctx: ActionServices, action: LabAction, d: Device, path: string): void {
  const s = ctx.wia?.scanners.get(d.id);
  if (!s) throw new LabError(`${path}.device`, `"${d.id}" is not a scanner; expected the id of a usb-scanner device`);
  // Messages are built only when a check fails.
  const fail = (field: string, expected: string): never => {
    throw new LabError(`${path}.${field}`, expected);
  };
  const app = 'app' in action ? (action.app ?? 'app') : 'app';
  const settled = ctx.runtime.scheduler.settled;
  switch (action.action) {
    case 'connectApp':
      if (settled && !s.loaded) fail('device', `the WIA driver for "${d.id}" is not loaded (the scanner is ${describe(d)}); expected a started scanner`);
      if (s.apps.includes(app)) fail('app', `"${app}" is already connected to "${d.id}"`);
      return;
    case 'releaseApp':
      if (settled && !(s.apps.includes(app))) fail('app', `"${app}" is not connected to "${d.id}"; expected connectApp first`);
      return;
    case 'scan':
      if (s.transfer !== undefined) fail('device', `a scan is already running on "${d.id}"`);
      if (settled && !(s.loaded && s.apps.length > 0)) fail('device', `no application is connected to "${d.id}"; expected connectApp first`);
      if ('pages' in action && action.pages !== undefined && action.pages !== 1 && !s.opts.feeder) fail('pages', `"${d.id}" is a flatbed; expected pages only with "wia": { "feeder": true }`);
      return;
    case 'paperJam':
      if (!s.opts.feeder) fail('device', `"${d.id}" has no document feeder; expected a scanner with "wia": { "feeder": true }`);
      if (s.transfer === undefined) fail('device', `no scan is running on "${d.id}"; a paper jam happens during a feeder scan (use "after" to land in one)`);
      return;
    case 'appError':
      if (!(APP_ERROR_HRESULTS.includes((action as { hr: string }).hr))) fail('hr', `got "${(action as { hr: string }).hr}"; expected an error HRESULT name: ${APP_ERROR_HRESULTS.join(', ')}`);
      if (s.transfer === undefined) fail('device', `no scan is running on "${d.id}"; use "after" to land in the middle of one`);
      return;
    default:
      if (s.transfer === undefined) fail('device', `no scan is running on "${d.id}"; use "after" to land in the middle of one`);
      return;
  }
}

function checkPort(ctx: ActionServices, d: Device, port: string, path: string): void {
  const all = ctx.devnodes.ports();
  const found = all.find((p) => p.port === port);
  if (!found) {
    const offered = all.filter((p) => p.bus === d.model.bus && p.owner !== d.id).map((p) => p.port);
    throw new LabError(path, `no port "${port}"; expected one of: ${offered.join(', ')}`);
  }
  if (found.bus !== d.model.bus) throw new LabError(path, `"${port}" is a ${found.bus.toUpperCase()} port but "${d.id}" is a ${d.model.bus.toUpperCase()} device`);
  if (found.occupant) throw new LabError(path, `"${port}" is taken by "${found.occupant}"; expected a free port`);
}
