/**
 * What one driver does with an IRP that reaches it: its framework's table for the IRP (pnp/irp.ts sends the IRP from
 * driver to driver; irpTravel.ts records it as it travels). Shared by both ways of sending.
 */
import type { EngineContext } from '../context';
import type { Device } from '../device';
import { LayerHost } from '../framework/layerHost';
import type { LayerState } from '../framework/layerState';
import { FRAMEWORKS, reflectorTable } from '../frameworks';
import type { Yield } from '../scheduler';
import { getTable } from '../tables/registry';
import { startTable, type CompiledTable, type End } from '../tables/table';
import { irpDirection, powerKind } from './irps';

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

/** What a driver's handling of an IRP gives: a result at once, or a task step that ends with one. */
export type IrpStep = IrpResult | Generator<Yield, IrpResult, void>;

/** True when the step has finished (it is the result, not a task step still to run). */
export function isDone(step: IrpStep): step is IrpResult {
  return 'ok' in step;
}

/** An IRP's direction and the drivers' table keys for it (both ways, and the passes outside the main one). */
export interface Route {
  direction: 'down' | 'up' | 'both';
  tableKey: string;
  upTableKey: string;
  preKey: string;
  postKey: string;
}

/**
 * The passes outside an IRP's main one (see IrpTrip): KMDF's FDO and filter DOs handle IRP_MN_START_DEVICE's
 * resource lists before passing it down (fxpkgfdo.cpp PnpSendStartDeviceDownTheStackOverload) and delete their
 * device object once IRP_MN_REMOVE_DEVICE comes back from below (fxpkgfdo.cpp ProcessRemoveDeviceOverload).
 */
const PRE_KEYS: Readonly<Record<string, string>> = { IRP_MN_START_DEVICE: 'IRP_MN_START_DEVICE:down' };
const POST_KEYS: Readonly<Record<string, string>> = { IRP_MN_REMOVE_DEVICE: 'IRP_MN_REMOVE_DEVICE:completion' };

/** Routes of the IRPs other than IRP_MN_SET_POWER (whose route depends on its State), worked out once per IRP. */
const routes = new Map<string, Route>();

export function routeOf(irp: string, args: Record<string, string> | undefined): Route {
  if (irp === 'IRP_MN_SET_POWER') {
    const tableKey = `${irp}:${powerKind(args?.State)}`;
    return { direction: irpDirection(irp, args), tableKey, upTableKey: tableKey, preKey: '', postKey: '' };
  }
  let route = routes.get(irp);
  if (route === undefined) {
    const direction = irpDirection(irp, args);
    const preKey = PRE_KEYS[irp] ?? '';
    const postKey = POST_KEYS[irp] ?? '';
    route = direction === 'both' ? { direction, tableKey: `${irp}:down`, upTableKey: `${irp}:up`, preKey, postKey } : { direction, tableKey: irp, upTableKey: irp, preKey, postKey };
    routes.set(irp, route);
  }
  return route;
}

export const SUCCESS: IrpResult = { ok: true, status: 'STATUS_SUCCESS' };
const PENDING: IrpResult = { ok: true, status: 'STATUS_PENDING' };

/**
 * What one driver does with the IRP (`key`: its entry in the framework's irpTables): at once when it has no table for it,
 * else a task step. `hop`: the seq of the `irp` event of this driver's hop, when it has one (the inspection stream's
 * `run.start` names it; a pass outside the IRP's main one has none without irpTravel).
 */
export function handle(ctx: EngineContext, device: Device, irp: string, layer: LayerState, opts: IrpOptions, key: string, hop: number | undefined): IrpStep {
  if (irp === 'IRP_MN_WAIT_WAKE' && layer.layer !== 'reflector') return waitWake(ctx, device, layer, opts, hop); // stays pending until the device wakes or it is cancelled
  if (layer.framework === 'wdm') {
    if (layer.layer === 'reflector') return reflect(ctx, device, irp, layer, opts, hop);
    // A WDM bus driver (pci.sys) has no callbacks to show; it deletes its PDO once the device is gone.
    if (irp === 'IRP_MN_REMOVE_DEVICE' && !opts.pdoKept) layer.deviceObject = false;
    return SUCCESS;
  }
  const table = irpTable(layer.framework, key);
  if (!table) return SUCCESS;
  const host = ctx.runtime.idleLayerHosts.pop()?.reuse(device, layer, opts.cause, opts.pdoKept, hop) ?? new LayerHost(ctx, device, layer, opts.cause, opts.pdoKept, hop);
  const r = startTable(table, host, opts.params);
  if (typeof r !== 'string') return layerResultLater(r, host, layer, key);
  const result = layerResult(r, host, layer, key);
  ctx.runtime.idleLayerHosts.push(host);
  return result;
}

/** The reflector (UMDF 1) carries the IRP to the driver host; it deletes its device object on IRP_MN_REMOVE_DEVICE. */
function reflect(ctx: EngineContext, device: Device, irp: string, layer: LayerState, opts: IrpOptions, hop: number | undefined): IrpStep {
  const table = getTable(reflectorTable(irp));
  const host = ctx.runtime.idleLayerHosts.pop()?.reuse(device, layer, opts.cause, opts.pdoKept, hop) ?? new LayerHost(ctx, device, layer, opts.cause, opts.pdoKept, hop);
  startTable(table, host, opts.params); // its rows finish at once (no callbacks)
  ctx.runtime.idleLayerHosts.push(host);
  return irp === 'IRP_MN_WAIT_WAKE' ? PENDING : SUCCESS;
}

/** A driver gets IRP_MN_WAIT_WAKE: its framework's table runs (the bus driver enables wake at the bus), and the IRP stays pending. */
function waitWake(ctx: EngineContext, device: Device, layer: LayerState, opts: IrpOptions, hop: number | undefined): IrpStep {
  if (layer.framework === 'wdm' || irpTable(layer.framework, 'IRP_MN_WAIT_WAKE') === null) return PENDING;
  const r = handle(ctx, device, 'IRP_MN_WAIT_WAKE:table', layer, opts, 'IRP_MN_WAIT_WAKE', hop);
  return isDone(r) ? PENDING : endWith(r, PENDING);
}

/** A layer above a failure: runs the framework's `…:failedBelow` table if it has one; the IRP's result stays the failure. */
export function handleFailedBelow(ctx: EngineContext, device: Device, irp: string, layer: LayerState, opts: IrpOptions, key: string, failure: IrpResult, hop: number | undefined): IrpStep {
  if (layer.framework === 'wdm' || irpTable(layer.framework, key) === null) return failure;
  const r = handle(ctx, device, irp, layer, opts, key, hop);
  return isDone(r) ? failure : endWith(r, failure);
}

function* endWith(step: Generator<Yield, IrpResult, void>, failure: IrpResult): Generator<Yield, IrpResult, void> {
  yield* step;
  return failure;
}

/** The framework's table for an irpTables key, compiled (null: the framework has none), looked up once per key. */
const irpTableCache = { kmdf: new Map<string, CompiledTable | null>(), umdf1: new Map<string, CompiledTable | null>() };

function irpTable(framework: 'kmdf' | 'umdf1', key: string): CompiledTable | null {
  const cache = irpTableCache[framework];
  let table = cache.get(key);
  if (table === undefined) {
    const id = FRAMEWORKS[framework].irpTables[key];
    table = id ? getTable(id) : null;
    cache.set(key, table);
  }
  return table;
}

function layerResult(end: End, host: LayerHost, layer: LayerState, key: string): IrpResult {
  if (key === 'IRP_MN_START_DEVICE') layer.starts++; // a transition failure tells a first start from a restart by it (the main pass only)
  return end === 'ok' ? SUCCESS : { ok: false, status: host.failStatus, failedBy: layer };
}

function* layerResultLater(table: Generator<Yield, End, void>, host: LayerHost, layer: LayerState, key: string): Generator<Yield, IrpResult, void> {
  const result = layerResult(yield* table, host, layer, key);
  host.ctx.runtime.idleLayerHosts.push(host);
  return result;
}
