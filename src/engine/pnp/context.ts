/** Runs the PnP manager's tables for one devnode (pnp/tables.ts). */
import { functionLayer, hasStack, instancePath, type Device, type Problem } from '../device';
import { LayerHost } from '../kmdf/context';
import type { Lab } from '../lab';
import type { Yield } from '../scheduler';
import { getTable } from '../tables/registry';
import { after, resolveArgs, runTable, startTable, type CompiledTable, type Outcome, type Row, type TableHost } from '../tables/table';
import { FRAMEWORKS } from '../frameworks';
import type { Client, ClientMode, NotifyEvent } from '../notify/clients';
import { deliver } from '../notify/deliver';
import { ADD_DEVICE_ORDER, INFORMATION_IRPS } from './irps';
import { IRP_COST_MS, isDone, startIrp, type IrpResult } from './irp';

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
      case 'customEventIsAsync': return params.Async === 'true';
      default: throw new Error(`unknown PnP guard ${name}`);
    }
  }

  applyEffect(name: string): void {
    throw new Error(`unknown PnP effect ${name}`);
  }

  skipped(table: CompiledTable, row: Row, reason: string): void {
    this.lab.observeSkip(table, row, reason, this.device?.id, undefined, { cause: this.request.cause });
  }

  /** Actions that can finish at once do so; the others (loops over devices and layers) are task steps. */
  perform(row: Row, _table: CompiledTable, params: Record<string, string>, at: string): Outcome | Generator<Yield, Outcome, void> {
    const { lab, device: d, request } = this;
    const cause = request.cause;
    switch (row.do) {
      case 'state':
        lab.setState(d, row.name as Device['state'], (row.args?.Problem as Problem | undefined), cause, at);
        return 'ok';
      case 'table':
        return startTable(getTable(row.table!), this, Object.assign({}, params, resolveArgs(row.params, params)));
      case 'irp':
        return this.irp(row, at, Object.assign({}, params, resolveArgs(row.params, params)));
      case 'parentCall': {
        const bus = lab.busDriverOf(d);
        lab.emit({ kind: 'call', name: row.name!, device: bus.deviceId, layer: 'function', driver: bus.driver, args: row.name === 'IoInvalidateDeviceRelations' ? resolveArgs(row.args, params) : { Child: d.id }, result: row.name === 'IoInvalidateDeviceRelations' ? undefined : 'STATUS_SUCCESS', at }, cause);
        return this.spend(IRP_COST_MS);
      }
      case 'functionCall': {
        const f = functionLayer(d)!;
        lab.emit({ kind: 'call', name: row.name!, device: d.id, layer: 'function', driver: f.driver, args: resolveArgs(row.args, params), at }, cause);
        return this.spend(IRP_COST_MS);
      }
      case 'parentIrp': {
        const parent = lab.parentDevice(d);
        if (parent) {
          const r = startIrp(lab, parent, row.name!, { args: resolveArgs(row.args, params), params: { Type: row.args?.Type ?? '' }, cause, at, pdoKept: true });
          return isDone(r) ? 'ok' : okAfter(r);
        }
        const bus = lab.busDriverOf(d);
        lab.emit({ kind: 'irp', name: row.name!, device: bus.deviceId, layer: 'function', driver: bus.driver, args: resolveArgs(row.args, params), result: 'STATUS_SUCCESS', at }, cause);
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
        const a = resolveArgs(row.args, params)!;
        const event = a.Event as NotifyEvent;
        const devices = !d ? [] : event === 'QueryRemove' ? lab.subtreePostOrder(d) : [d];
        return deliver(lab, { event, mode: a.Mode as ClientMode, devices, request, params, at });
      }
      case 'customEventComplete': {
        const f = functionLayer(d);
        lab.emit({ kind: 'callback', name: 'PDEVICE_CHANGE_COMPLETE_CALLBACK', device: d.id, layer: 'function', driver: f?.driver, args: { Event: params.Guid }, at }, cause);
        return this.spend(IRP_COST_MS);
      }
      case 'changeProfile':
        lab.docked = params.Change === 'dock';
        return 'ok';
      case 'busCall': {
        const bus = d.layers[0];
        lab.emit({ kind: 'call', name: row.name!, device: d.id, layer: 'bus', driver: bus.driver, args: resolveArgs(row.args, params), at }, cause);
        return this.spend(IRP_COST_MS);
      }
      default:
        return this.performSteps(row, at);
    }
  }

  /** Spends `ms` of virtual time: at once when nothing else is due before then, else as a task step. */
  private spend(ms: number): Outcome | Generator<Yield, Outcome, void> {
    return this.lab.scheduler.advance(ms) ? 'ok' : after(ms, 'ok');
  }

  private *performSteps(row: Row, at: string): Generator<Yield, Outcome, void> {
    const { lab, device: d, request } = this;
    const cause = request.cause;
    switch (row.do) {
      case 'createPdo': {
        const bus = d.layers[0];
        if (bus.framework === 'kmdf') {
          yield* runTable(getTable('kmdf.createPdo'), new LayerHost(lab, d, bus, cause, true), { Identification: d.model.hardwareId });
        } else {
          lab.emit({ kind: 'call', name: 'IoCreateDevice', device: d.id, layer: 'bus', driver: bus.driver, args: { DeviceType: 'PDO' }, result: 'STATUS_SUCCESS', at }, cause);
          bus.deviceObject = true;
          if (!lab.scheduler.advance(IRP_COST_MS)) yield IRP_COST_MS;
        }
        return 'ok';
      }
      case 'informationIrps':
        for (const info of lab.rng.shuffle(INFORMATION_IRPS)) {
          const r = startIrp(lab, d, info.name, { args: info.args, params: {}, cause, at, pdoKept: true });
          if (!isDone(r)) yield* r;
        }
        return 'ok';
      case 'forEachAddDeviceLayer':
        for (const role of ADD_DEVICE_ORDER) {
          for (const layer of d.layers.filter((l) => l.layer === role)) {
            if (layer.framework === 'wdm') continue;
            const host = new LayerHost(lab, d, layer, cause, true);
            const outcome = yield* runTable(getTable(FRAMEWORKS[layer.framework][row.table as 'loadDriver' | 'addDevice']), host, {});
            if (outcome === 'fail') return 'fail';
          }
        }
        return 'ok';
      case 'enableInterfaces': {
        const f = functionLayer(d)!;
        for (const iface of f.interfaces) {
          lab.emit({ kind: 'call', name: 'IoSetDeviceInterfaceState', device: d.id, layer: 'function', driver: f.driver, args: { InterfaceClassGuid: iface, Enable: 'TRUE' }, result: 'STATUS_SUCCESS', at }, cause);
          lab.queueInterfaceChange(d, iface, 'InterfaceArrival', cause);
          if (!lab.scheduler.advance(IRP_COST_MS)) yield IRP_COST_MS;
        }
        f.interfacesEnabled = true;
        return 'ok';
      }
      case 'forEachPresentChild':
        for (const child of lab.childrenOf(d)) {
          if (!lab.isPresent(child) || hasStack(child)) continue;
          yield* runTable(getTable(row.table!), new PnpHost(lab, child, request), {});
        }
        return 'ok';
      case 'forEachInSubtree': {
        const subtree = lab.subtreePostOrder(d);
        if (REMOVAL_TABLES.has(row.table!)) for (const s of subtree) request.removing.add(s);
        for (const s of subtree) {
          const outcome = yield* runTable(getTable(row.table!), new PnpHost(lab, s, request), {});
          if (outcome === 'fail') return 'fail';
        }
        return 'ok';
      }
      case 'forEachStartedDevice':
        for (const root of [...lab.devices.values()].filter((x) => lab.parentDevice(x) === undefined)) {
          for (const s of lab.subtreePostOrder(root)) {
            if (s.state === 'Started') yield* runTable(getTable(row.table!), new PnpHost(lab, s, request), {});
          }
        }
        return 'ok';
      case 'forEachQueried':
        for (const q of request.queried) yield* runTable(getTable(row.table!), new PnpHost(lab, q, request), {});
        return 'ok';
      case 'clientsOpenHandles':
        yield* lab.clientsOpenHandles(d, cause, at);
        return 'ok';
      case 'unloadUnusedDrivers':
        yield* lab.unloadUnusedDrivers(d, cause);
        return 'ok';
      default:
        throw new Error(`${at}: unknown PnP action ${row.do}`);
    }
  }

  private irp(row: Row, at: string, params: Record<string, string>): Outcome | Generator<Yield, Outcome, void> {
    const { lab, device: d, request } = this;
    const irp = row.name!;
    if (irp === 'IRP_MN_QUERY_REMOVE_DEVICE') request.queried.push(d);
    const args = irpArgs(d, irp, resolveArgs(row.args, params));
    const r = startIrp(lab, d, irp, {
      args,
      params: Object.assign({}, params, args, { ResourcesRaw: d.resourcesRaw, ResourcesTranslated: d.resourcesTranslated }),
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

/** What the stack reports back for the IRPs whose answer a learner wants to see. */
function irpArgs(d: Device, irp: string, args: Record<string, string> | undefined): Record<string, string> | undefined {
  const caps = d.config.capabilities;
  if (irp === 'IRP_MN_QUERY_CAPABILITIES') return Object.assign({}, args, { Removable: String(caps.Removable), SurpriseRemovalOK: String(caps.SurpriseRemovalOK) });
  if (irp === 'IRP_MN_QUERY_PNP_DEVICE_STATE' && !args?.PnpDeviceState && caps.NotDisableable) return { ...args, PnpDeviceState: 'PNP_DEVICE_NOT_DISABLEABLE' };
  return args;
}

/** Runs an IRP's remaining step; the row's outcome is ok whatever the IRP's result. */
function* okAfter(pending: Generator<Yield, IrpResult, void>): Generator<Yield, Outcome, void> {
  yield* pending;
  return 'ok';
}
