/** Sends one PnP IRP through a device's stack, layer by layer, in the IRP's direction. */
import type { Device } from '../device';
import { LayerHost } from '../kmdf/context';
import type { LayerState } from '../kmdf/layer';
import { FRAMEWORKS } from '../frameworks';
import type { Lab } from '../lab';
import type { Yield } from '../scheduler';
import { complete } from '../trace';
import { getTable } from '../tables/registry';
import { runTable } from '../tables/table';
import { irpDirection } from './irps';

export const IRP_COST_MS = 1;

export interface IrpResult {
  ok: boolean;
  status: string;
  /** The layer that failed the IRP. */
  failedBy?: LayerState;
}

export interface IrpOptions {
  args?: Record<string, string>;
  /** Parameters for the drivers' tables (PreviousState, resources, PdoKept). */
  params: Record<string, string>;
  cause: number | undefined;
  at: string;
  pdoKept: boolean;
}

export function* sendIrp(lab: Lab, device: Device, irp: string, opts: IrpOptions): Generator<Yield, IrpResult, void> {
  const direction = irpDirection(irp, opts.args);
  const stack = device.layers.filter((l) => l.deviceObject);
  const topDown = stack.slice().reverse();
  if (direction === 'down') return yield* pass(lab, device, irp, topDown, opts, undefined);
  if (direction === 'up') return yield* passUp(lab, device, irp, stack, opts);
  const down = yield* pass(lab, device, irp, topDown, opts, 'down');
  if (!down.ok) return down;
  return yield* pass(lab, device, irp, stack.filter((l) => !l.isPdo), opts, 'up');
}

/** Each layer acts, then passes the IRP on; a failing layer completes it and the rest never see it. */
function* pass(lab: Lab, device: Device, irp: string, layers: LayerState[], opts: IrpOptions, pass: 'down' | 'up' | undefined): Generator<Yield, IrpResult, void> {
  for (const layer of layers) {
    const args = pass ? Object.assign({}, opts.args, { Pass: pass }) : opts.args;
    const event = emitIrp(lab, device, irp, layer, args, opts);
    if (!lab.scheduler.advance(IRP_COST_MS)) yield IRP_COST_MS;
    const h = handle(lab, device, irp, layer, opts, pass);
    const r = 'ok' in h ? h : yield* h;
    complete(event, r.status, lab.trace.events.length);
    if (!r.ok) return r;
  }
  return SUCCESS;
}

/** Handled on the way up: the bus driver first; once a layer fails, the layers above only see the failure. */
function* passUp(lab: Lab, device: Device, irp: string, bottomUp: LayerState[], opts: IrpOptions): Generator<Yield, IrpResult, void> {
  let failure: IrpResult | undefined;
  for (const layer of bottomUp) {
    const event = emitIrp(lab, device, irp, layer, opts.args, opts);
    if (!lab.scheduler.advance(IRP_COST_MS)) yield IRP_COST_MS;
    if (failure) {
      complete(event, failure.status, lab.trace.events.length);
      continue;
    }
    const h = handle(lab, device, irp, layer, opts, undefined);
    const r = 'ok' in h ? h : yield* h;
    complete(event, r.status, lab.trace.events.length);
    if (!r.ok) failure = r;
  }
  return failure ?? SUCCESS;
}

function emitIrp(lab: Lab, device: Device, irp: string, layer: LayerState, args: Record<string, string> | undefined, opts: IrpOptions) {
  return lab.emit({ kind: 'irp', name: irp, device: device.id, layer: layer.layer, driver: layer.driver, args, result: 'STATUS_PENDING', at: opts.at }, opts.cause);
}

const SUCCESS: IrpResult = { ok: true, status: 'STATUS_SUCCESS' };
const PENDING: IrpResult = { ok: true, status: 'STATUS_PENDING' };

/** What one driver does with the IRP: at once when it has no table for it, else a task step. */
function handle(lab: Lab, device: Device, irp: string, layer: LayerState, opts: IrpOptions, pass: 'down' | 'up' | undefined): IrpResult | Generator<Yield, IrpResult, void> {
  if (irp === 'IRP_MN_WAIT_WAKE') return PENDING; // stays pending until the device wakes
  if (layer.framework === 'wdm') {
    // A WDM bus driver (pci.sys) has no callbacks to show; it deletes its PDO once the device is gone.
    if (irp === 'IRP_MN_REMOVE_DEVICE' && !opts.pdoKept) layer.deviceObject = false;
    return SUCCESS;
  }
  const key = pass ? `${irp}:${pass}` : irp === 'IRP_MN_SET_POWER' ? `${irp}:${powerKind(opts.args?.State)}` : irp;
  const tableId = FRAMEWORKS[layer.framework].irpTables[key];
  if (!tableId) return SUCCESS;
  return runLayerTable(lab, device, layer, tableId, opts);
}

function* runLayerTable(lab: Lab, device: Device, layer: LayerState, tableId: string, opts: IrpOptions): Generator<Yield, IrpResult, void> {
  const host = new LayerHost(lab, device, layer, opts.cause, opts.pdoKept);
  const outcome = yield* runTable(getTable(tableId), host, opts.params);
  return outcome === 'ok' ? SUCCESS : { ok: false, status: host.failStatus, failedBy: layer };
}

/** D0, Dx (a device power state) or Sx (a system power state: no framework callbacks). */
function powerKind(state: string | undefined): string {
  if (state === 'PowerDeviceD0') return 'D0';
  return state?.startsWith('PowerSystem') ? 'Sx' : 'Dx';
}
