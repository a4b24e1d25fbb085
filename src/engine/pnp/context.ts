/** Runs the PnP manager's tables for one devnode (pnp/tables.ts). */
import { functionLayer, hasStack, instancePath, type Device, type Problem } from '../device';
import { LayerHost } from '../kmdf/context';
import type { Lab } from '../lab';
import type { Yield } from '../scheduler';
import { getTable } from '../tables/registry';
import { after, argsOf, NO_PARAMS, subParams, runTable, startTable, type CompiledRow, type CompiledTable, type Outcome, type Row, type TableHost } from '../tables/table';
import { FRAMEWORKS } from '../frameworks';
import type { Client, ClientMode, NotifyEvent } from '../notify/clients';
import { deliver, mayHaveRecipients } from '../notify/deliver';
import { inTurn, okAfter, type RowStep } from '../steps';
import type { LayerState } from '../kmdf/layer';
import { ADD_DEVICE_ORDER, INFORMATION_IRPS } from './irps';
import { IRP_COST_MS, isDone, startIrp, type IrpResult } from './irp';
import { complete } from '../trace';

export interface Veto {
  VetoType: 'PNP_VetoDevice' | 'PNP_VetoOutstandingOpen' | 'PNP_VetoNonDisableable' | 'PNP_VetoWindowsApp' | 'PNP_VetoDriver';
  VetoName: string;
  Operation: 'QueryRemove' | 'QueryStop' | 'Disable' | 'HwProfileChange';
  Driver?: string;
  Status?: string;
}

/** One PnP operation, possibly spanning several devnodes (a hub and the devices on it). */
export interface PnpRequest {
  cause: number | undefined;
  /** Problem code a kept PDO gets when this operation removes its drivers. */
  problem?: Problem;
  mode?: 'eject' | 'disable';
  /** Devnodes whose drivers this operation removes: their children lose their PDOs. */
  removing: Set<Device>;
  /** Stacks that received IRP_MN_QUERY_REMOVE_DEVICE (they get the cancel). */
  queried: Device[];
  /** Clients told of the query (they get the cancellation). */
  notified: Client[];
  veto?: Veto;
}

const REMOVAL_TABLES = new Set(['pnp.removeOne', 'pnp.surpriseRemoveOne']);
/** Parameters of the IRPs that have none (parameter objects are read-only, so they share this one). */

export class PnpHost implements TableHost {
  constructor(
    private readonly lab: Lab,
    private readonly device: Device,
    private readonly request: PnpRequest,
  ) {}

  guard(name: string, _row: Row, params: Record<string, string>): boolean {
    const d = this.device;
    switch (name) {
      case 'parentIsKmdf': return this.lab.busDriverOf(d).framework === 'kmdf';
      case 'hasInterfaces': return d.model.interfaces.length > 0;
      case 'hasPresentChildren': return this.lab.childrenOf(d).some((c) => this.lab.isPresent(c) && !hasStack(c));
      case 'modeIsDisable': return this.request.mode === 'disable';
      case 'hasStack': return hasStack(d);
      case 'hasStackNotSurpriseRemoved': return hasStack(d) && d.state !== 'SurpriseRemoved';
      case 'isStarted': return d.state === 'Started';
      // IoReportTargetDeviceChangeAsynchronous's Callback is the caller's: a client that raised the
      // event is there to be called; a driver whose device was removed before the PnP manager got to
      // the event is not (its device object is gone, the driver may be unloaded), so it is not called
      case 'asyncCallerPresent': return params.Async === 'true' && (params.Caller !== undefined || functionLayer(d)?.deviceObject === true);
      default: throw new Error(`unknown PnP guard ${name}`);
    }
  }

  applyEffect(name: string): void {
    throw new Error(`unknown PnP effect ${name}`);
  }

  skipped(table: CompiledTable, row: Row, reason: string): void {
    if (this.lab.onSkip !== undefined) this.lab.observeSkip(table, row, reason, this.device?.id, undefined, { cause: this.request.cause });
  }

  /** Actions that can finish at once do so; the others (waits, IRPs and tables that yield) are task steps. */
  perform(row: Row, _table: CompiledTable, params: Record<string, string>, compiled: CompiledRow): Outcome | Generator<Yield, Outcome, void> {
    const { lab, device: d, request } = this;
    const at = compiled.at;
    const cause = request.cause;
    switch (row.do) {
      case 'state':
        lab.setState(d, row.name as Device['state'], (row.args?.Problem as Problem | undefined), cause, at);
        return 'ok';
      case 'table':
        return startTable(getTable(row.table!), this, subParams(compiled, params));
      case 'irp':
        return this.irp(compiled, subParams(compiled, params));
      case 'parentCall': {
        const bus = lab.busDriverOf(d);
        lab.emit({ kind: 'call', name: row.name!, device: bus.deviceId, layer: 'function', driver: bus.driver, args: row.name === 'IoInvalidateDeviceRelations' ? argsOf(compiled, params) : { Child: d.id }, result: row.name === 'IoInvalidateDeviceRelations' ? undefined : 'STATUS_SUCCESS', at }, cause);
        return this.spend(IRP_COST_MS);
      }
      case 'functionCall': {
        const f = functionLayer(d)!;
        lab.emit({ kind: 'call', name: row.name!, device: d.id, layer: 'function', driver: f.driver, args: argsOf(compiled, params), at }, cause);
        return this.spend(IRP_COST_MS);
      }
      case 'parentIrp': {
        const parent = lab.parentDevice(d);
        if (parent) {
          const r = startIrp(lab, parent, row.name!, { args: argsOf(compiled, params), params: { Type: row.args?.Type ?? '' }, cause, at, pdoKept: true });
          return isDone(r) ? 'ok' : okAfter(r);
        }
        // A built-in bus: its FDO completes the IRP at once (no framework callback to show), so the
        // answer is known when the IRP arrives: `end` is the event itself, as for any IRP a driver
        // completes without a callback (docs/trace-format.md, `end`).
        const bus = lab.busDriverOf(d);
        const event = lab.emitStack('irp', row.name!, bus.deviceId, 'function', bus.driver, argsOf(compiled, params), 'STATUS_PENDING', at, cause);
        complete(event, 'STATUS_SUCCESS', lab.trace.events.length);
        return this.spend(IRP_COST_MS);
      }
      case 'assignResources':
        lab.assignResources(d, row.args?.New === 'true');
        return 'ok';
      case 'checkOpenHandles': {
        const open = lab.subtreePostOrder(d).find((s) => lab.handleCount(s) > 0);
        if (!open) return 'ok';
        request.veto = { VetoType: 'PNP_VetoOutstandingOpen', VetoName: instancePath(open), Operation: 'QueryRemove' };
        return 'fail';
      }
      case 'checkDisableable':
        if (!d.config.capabilities.NotDisableable) return 'ok';
        request.veto = { VetoType: 'PNP_VetoNonDisableable', VetoName: instancePath(d), Operation: 'Disable' };
        return 'fail';
      case 'reportVeto': {
        const veto = request.veto;
        if (!veto) throw new Error(`${at}: no veto recorded`);
        lab.emit({ kind: 'state', name: veto.VetoType, device: d?.id, args: { ...veto }, at }, cause);
        return 'ok';
      }
      case 'restoreState':
        if (d.state === 'RemovePending') lab.setState(d, 'Started', undefined, cause, at);
        return 'ok';
      case 'removedState':
        lab.setRemovedState(d, (row.args?.Problem as Problem | undefined) ?? request.problem, request.cause, at);
        return 'ok';
      case 'deferRemove':
        lab.deferRemove(d, request, row.table!);
        return 'ok';
      case 'notify': {
        const a = argsOf(compiled, params)!;
        const event = a.Event as NotifyEvent;
        const mode = a.Mode as ClientMode;
        if (!mayHaveRecipients(lab, event, mode, request)) return 'ok';
        const devices = !d ? [] : event === 'QueryRemove' ? lab.subtreePostOrder(d) : [d];
        return deliver(lab, { event, mode, devices, request, params, at });
      }
      case 'customEventComplete': {
        // the caller's routine (wdm IoReportTargetDeviceChangeAsynchronous, Callback): the function driver's, or the client's that raised it
        if (params.Caller !== undefined) lab.emit({ kind: 'callback', name: 'PDEVICE_CHANGE_COMPLETE_CALLBACK', device: d.id, client: params.Caller, args: { Event: params.Guid }, at }, cause);
        else lab.emit({ kind: 'callback', name: 'PDEVICE_CHANGE_COMPLETE_CALLBACK', device: d.id, layer: 'function', driver: functionLayer(d)?.driver, args: { Event: params.Guid }, at }, cause);
        return this.spend(IRP_COST_MS);
      }
      case 'changeProfile':
        lab.docked = params.Change === 'dock';
        return 'ok';
      case 'busCall': {
        const bus = d.layers[0];
        lab.emit({ kind: 'call', name: row.name!, device: d.id, layer: 'bus', driver: bus.driver, args: argsOf(compiled, params), at }, cause);
        return this.spend(IRP_COST_MS);
      }
      default:
        return this.performSteps(row, at);
    }
  }

  /** Spends `ms` of virtual time: at once (tasks due meanwhile run in place), else, at a `runUntil` limit, as a task step. */
  private spend(ms: number): Outcome | Generator<Yield, Outcome, void> {
    return this.lab.scheduler.advance(ms) ? 'ok' : after(ms, 'ok');
  }

  /** Actions that loop over devices, layers or IRPs: at once while every step finishes at once. */
  private performSteps(row: Row, at: string): RowStep {
    const { lab, device: d, request } = this;
    const cause = request.cause;
    switch (row.do) {
      case 'createPdo': {
        const bus = d.layers[0];
        if (bus.framework === 'kmdf') {
          const r = startTable(getTable('kmdf.createPdo'), new LayerHost(lab, d, bus, cause, true), { Identification: d.model.hardwareId });
          return typeof r === 'string' ? 'ok' : okAfter(r);
        }
        lab.emit({ kind: 'call', name: 'IoCreateDevice', device: d.id, layer: 'bus', driver: bus.driver, args: { DeviceType: 'PDO' }, result: 'STATUS_SUCCESS', at }, cause);
        bus.deviceObject = true;
        return this.spend(IRP_COST_MS);
      }
      case 'informationIrps':
        return inTurn(lab.rng.shuffle(INFORMATION_IRPS), (info) => {
          const r = startIrp(lab, d, info.name, { args: info.args, params: NO_PARAMS, cause, at, pdoKept: true });
          return isDone(r) ? 'ok' : okAfter(r);
        }, false);
      case 'forEachAddDeviceLayer': {
        // lower filters, then the function driver, then upper filters (a WDM driver has no framework tables)
        const layers: LayerState[] = [];
        for (const role of ADD_DEVICE_ORDER) for (const l of d.layers) if (l.layer === role && l.framework !== 'wdm') layers.push(l);
        const table = row.table as 'loadDriver' | 'addDevice';
        return inTurn(layers, (layer) => startTable(getTable(FRAMEWORKS[layer.framework as 'kmdf' | 'umdf1'][table]), new LayerHost(lab, d, layer, cause, true), {}), true);
      }
      case 'enableInterfaces':
        return this.enableInterfaces(at);
      case 'forEachPresentChild':
        return inTurn(lab.childrenOf(d), (child) => {
          if (!lab.isPresent(child) || hasStack(child)) return 'ok';
          return startTable(getTable(row.table!), new PnpHost(lab, child, request), {});
        }, false);
      case 'forEachInSubtree': {
        const subtree = lab.subtreePostOrder(d);
        if (REMOVAL_TABLES.has(row.table!)) for (const s of subtree) request.removing.add(s);
        return inTurn(subtree, (s) => startTable(getTable(row.table!), new PnpHost(lab, s, request), {}), true);
      }
      case 'forEachStartedDevice':
        return this.forEachStartedDevice(row);
      case 'forEachQueried':
        return inTurn(request.queried, (q) => startTable(getTable(row.table!), new PnpHost(lab, q, request), {}), false);
      case 'clientsOpenHandles': {
        const opening = lab.clientsOpenHandles(d, cause, at);
        return opening ? okAfter(opening) : 'ok';
      }
      case 'unloadUnusedDrivers': {
        const unloading = lab.unloadUnusedDrivers(d, cause);
        return unloading ? okAfter(unloading) : 'ok';
      }
      default:
        throw new Error(`${at}: unknown PnP action ${row.do}`);
    }
  }

  private *enableInterfaces(at: string): Generator<Yield, Outcome, void> {
    const { lab, device: d } = this;
    const f = functionLayer(d)!;
    for (const iface of f.interfaces) {
      lab.emit({ kind: 'call', name: 'IoSetDeviceInterfaceState', device: d.id, layer: 'function', driver: f.driver, args: { InterfaceClassGuid: iface, Enable: 'TRUE' }, result: 'STATUS_SUCCESS', at }, this.request.cause);
      lab.queueInterfaceChange(d, iface, 'InterfaceArrival', this.request.cause);
      if (!lab.scheduler.advance(IRP_COST_MS)) yield IRP_COST_MS;
    }
    f.interfacesEnabled = true;
    return 'ok';
  }

  /** Every started devnode, children before parents, one root device at a time (shutdown). */
  private *forEachStartedDevice(row: Row): Generator<Yield, Outcome, void> {
    const lab = this.lab;
    for (const root of lab.deviceList.filter((x) => lab.parentDevice(x) === undefined)) {
      for (const s of lab.subtreePostOrder(root)) {
        if (s.state === 'Started') yield* runTable(getTable(row.table!), new PnpHost(lab, s, this.request), {});
      }
    }
    return 'ok';
  }

  private irp(compiled: CompiledRow, params: Record<string, string>): Outcome | Generator<Yield, Outcome, void> {
    const { lab, device: d, request } = this;
    const { row, at } = compiled;
    const irp = row.name!;
    if (irp === 'IRP_MN_QUERY_REMOVE_DEVICE') request.queried.push(d);
    const args = irpArgs(d, irp, argsOf(compiled, params));
    const r = startIrp(lab, d, irp, {
      args,
      params: irpParams(params, args, d),
      cause: request.cause,
      at,
      pdoKept: this.pdoKept(),
    });
    return isDone(r) ? this.irpOutcome(irp, r) : this.irpOutcomeLater(irp, r);
  }

  private *irpOutcomeLater(irp: string, pending: Generator<Yield, IrpResult, void>): Generator<Yield, Outcome, void> {
    return this.irpOutcome(irp, yield* pending);
  }

  /** A failed query records the driver's veto (unless something vetoed first). */
  private irpOutcome(irp: string, r: IrpResult): Outcome {
    if (r.ok) return 'ok';
    const { device: d, request } = this;
    if ((irp === 'IRP_MN_QUERY_REMOVE_DEVICE' || irp === 'IRP_MN_QUERY_STOP_DEVICE') && !request.veto) {
      request.veto = { VetoType: 'PNP_VetoDevice', VetoName: instancePath(d), Operation: irp === 'IRP_MN_QUERY_REMOVE_DEVICE' ? 'QueryRemove' : 'QueryStop', Driver: r.failedBy?.driver, Status: r.status };
    }
    return 'fail';
  }

  /** A bus driver keeps a PDO while the device is present and the bus driver itself is not being removed. */
  private pdoKept(): boolean {
    const parent = this.lab.parentDevice(this.device);
    return this.lab.isPresent(this.device) && !(parent !== undefined && this.request.removing.has(parent));
  }
}

/** The drivers' table parameters for an IRP: the PnP table's, overridden by the IRP's args, and the device's resources. */
function irpParams(params: Record<string, string>, args: Record<string, string> | undefined, d: Device): Record<string, string> {
  const out = Object.assign({}, params, args);
  out.ResourcesRaw = d.resourcesRaw;
  out.ResourcesTranslated = d.resourcesTranslated;
  return out;
}

/** What the stack reports back for the IRPs whose answer a learner wants to see. */
function irpArgs(d: Device, irp: string, args: Record<string, string> | undefined): Record<string, string> | undefined {
  const caps = d.config.capabilities;
  if (irp === 'IRP_MN_QUERY_CAPABILITIES') return Object.assign({}, args, { Removable: String(caps.Removable), SurpriseRemovalOK: String(caps.SurpriseRemovalOK) });
  if (irp === 'IRP_MN_QUERY_PNP_DEVICE_STATE' && !args?.PnpDeviceState && caps.NotDisableable) return { ...args, PnpDeviceState: 'PNP_DEVICE_NOT_DISABLEABLE' };
  return args;
}
