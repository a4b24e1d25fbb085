/** Runs the PnP manager's tables for one devnode (pnp/tables.ts). */
import { functionLayer, hasStack, instancePath, type Device, type Problem } from '../device';
import { LayerHost } from '../framework/layerHost';
import type { EngineContext } from '../context';
import type { Inspector, RunSubject } from '../inspect';
import type { Yield } from '../scheduler';
import { getTable } from '../tables/registry';
import { after, argsOf, NO_PARAMS, subParams, runTable, startTable, type CompiledRow, type CompiledTable, type Outcome, type Row, type TableHost } from '../tables/table';
import { FRAMEWORKS } from '../frameworks';
import type { ClientMode, NotifyEvent } from '../notify/clients';
import { deliver, mayHaveRecipients } from '../notify/deliver';
import { inTurn, okAfter, type RowStep } from '../steps';
import type { LayerState } from '../framework/layerState';
import { ADD_DEVICE_ORDER, INFORMATION_IRPS } from './irps';
import { reportBusRelations } from './busRelations';
import { cancelWaitWake, completeWaitWake } from './waitWake';
import { completeSystemIrp, holdSystemIrp } from './systemPower';
import type { TraceEvent } from '../trace';
import type { PnpRequest } from './request';
import { IRP_COST_MS, isDone, startIrp, type IrpResult } from './irp';

const REMOVAL_TABLES = new Set(['pnp.removeOne', 'pnp.surpriseRemoveOne']);
/** The reflector is a WDM driver: it shows no DriverEntry; its AddDevice creates the device object the host's stack hangs off. */
const REFLECTOR_ADD_DEVICE = 'umdf1.reflectorAddDevice';
/** How many times the UMDF driver manager restarts a device whose host failed (lab choice: the pages give no number). */
export const UMDF_HOST_RESTARTS = 1;
export class PnpHost implements TableHost {
  /** `ctx.runtime.trace.length` when this host last sent an IRP (the system IRP's events are found from there). */
  private irpFrom = 0;
  /** The system set-power IRP's events the power policy owner holds pending (power.shutdownOne). */
  private heldSystemIrp: TraceEvent[] | undefined = undefined;

  readonly inspector: Inspector | undefined;

  constructor(
    private readonly ctx: EngineContext,
    /** The devnode the operation is about; undefined for an operation about the whole machine (hardware profile, shutdown). */
    private readonly devnode: Device | undefined,
    private readonly request: PnpRequest,
  ) {
    this.inspector = ctx.runtime.inspector;
  }

  /** The devnode, for the rows that need one (a row about a devnode in a machine-wide table is a bug in the table). */
  private get device(): Device {
    const d = this.devnode;
    if (d === undefined) throw new Error('this PnP row needs a devnode, but the operation is about the whole machine');
    return d;
  }

  subject(): RunSubject {
    return { device: this.devnode?.id, layer: undefined, driver: undefined, cause: this.request.cause, irp: undefined, queuedBy: this.request.queuedBy };
  }

  guard(name: string, _row: Row, params: Record<string, string>): boolean {
    const d = this.device;
    switch (name) {
      case 'parentIsKmdf': return this.ctx.devnodes.busDriverOf(d).framework === 'kmdf';
      case 'hasPresentChildren': return this.ctx.devnodes.childrenOf(d).some((c) => this.awaitsEnumeration(c));
      case 'modeIsDisable': return this.request.mode === 'disable';
      case 'hasStack': return hasStack(d);
      case 'hasDriverStack': return hasStack(d) && d.state !== 'SurpriseRemoved' && d.state !== 'EnumeratedAndDriversInitialized';
      case 'isKeptPdo': return hasStack(d) && d.state === 'EnumeratedAndDriversInitialized';
      case 'isStarted': return d.state === 'Started';
      // IoReportTargetDeviceChangeAsynchronous's Callback is the caller's: a client that raised the
      // event is there to be called; a driver whose device was removed before the PnP manager got to
      // the event is not (its device object is gone, the driver may be unloaded), so it is not called
      case 'asyncCallerPresent': return params.Async === 'true' && (params.Caller !== undefined || functionLayer(d)?.deviceObject === true);
      case 'wakeSignalled': return params.By === 'device';
      case 'wakeSignalledUnderIdleParent': return params.By === 'device' && this.ctx.devnodes.idleParent(d) !== undefined;
      case 'waitWakePending': return d.waitWake !== undefined;
      case 'hostRestartLeft': return params.Hosted === 'true' && d.hostRestarts < UMDF_HOST_RESTARTS;
      case 'filterSkipped':
        for (const l of d.layers) if ((l.layer === 'lower-filter' || l.layer === 'upper-filter') && !l.deviceObject) return true;
        return false;
      default: throw new Error(`unknown PnP guard ${name}`);
    }
  }

  applyEffect(name: string): void {
    throw new Error(`unknown PnP effect ${name}`);
  }

  /** Actions that can finish at once do so; the others (waits, IRPs and tables that yield) are task steps. */
  perform(row: Row, _table: CompiledTable, params: Record<string, string>, compiled: CompiledRow): Outcome | Generator<Yield, Outcome, void> {
    const { ctx, request } = this;
    const at = compiled.at;
    const cause = request.cause;
    // rows that machine-wide operations run too (a hardware profile change, shutdown: no devnode)
    switch (row.do) {
      case 'forEachStartedDevice':
        return this.forEachStartedDevice(row);
      case 'table':
        return startTable(getTable(row.table!), this, subParams(compiled, params));
      case 'reportVeto': {
        const veto = request.veto;
        if (!veto) throw new Error(`${at}: no veto recorded`);
        ctx.runtime.emit({ kind: 'state', name: veto.VetoType, device: this.devnode?.id, args: { ...veto }, at }, cause);
        return 'ok';
      }
      case 'notify': {
        const a = argsOf(compiled, params)!;
        const event = a.Event as NotifyEvent;
        const mode = a.Mode as ClientMode;
        if (!mayHaveRecipients(ctx, event, mode)) return 'ok';
        // a query-remove and its cancellation concern the device and every device below it
        const d = this.devnode;
        const devices = d === undefined ? [] : event === 'QueryRemove' || event === 'RemoveCancelled' ? ctx.devnodes.subtreePostOrder(d) : [d];
        return deliver(ctx, { event, mode, devices, request, params, at });
      }
      case 'changeProfile':
        ctx.pnp.docked = params.Change === 'dock';
        return 'ok';
    }
    const d = this.device;
    switch (row.do) {
      case 'state':
        ctx.devnodes.setState(d, row.name as Device['state'], (row.args?.Problem as Problem | undefined), cause, at);
        return 'ok';
      case 'forEachIdleAncestor':
        return this.forEachIdleAncestor(row);
      case 'irp':
        return this.irp(compiled, subParams(compiled, params));
      case 'parentCall': {
        const bus = ctx.devnodes.busDriverOf(d);
        ctx.runtime.emit({ kind: 'call', name: row.name!, device: bus.deviceId, layer: 'function', driver: bus.driver, args: row.name === 'IoInvalidateDeviceRelations' ? argsOf(compiled, params) : { Child: d.id }, result: row.name === 'IoInvalidateDeviceRelations' ? undefined : 'STATUS_SUCCESS', at }, cause);
        return this.spend(IRP_COST_MS);
      }
      case 'failedDriverCall': {
        const l = request.failedBy ?? functionLayer(d)!;
        ctx.runtime.emit({ kind: 'call', name: row.name!, device: d.id, layer: l.layer, driver: l.driver, args: argsOf(compiled, params), at }, cause);
        return this.spend(IRP_COST_MS);
      }
      case 'functionCall': {
        const f = functionLayer(d)!;
        ctx.runtime.emit({ kind: 'call', name: row.name!, device: d.id, layer: 'function', driver: f.driver, args: argsOf(compiled, params), at }, cause);
        return this.spend(IRP_COST_MS);
      }
      case 'parentIrp': {
        const parent = ctx.devnodes.parentDevice(d);
        if (parent) {
          const r = startIrp(ctx, parent, row.name!, { args: argsOf(compiled, params), params: { Type: row.args?.Type ?? '' }, cause, at, pdoKept: true });
          return isDone(r) ? 'ok' : okAfter(r);
        }
        // A built-in bus: its FDO completes the IRP at once (no framework callback to show), so the
        // answer is known when the IRP arrives: `end` is the event itself, as for any IRP a driver
        // completes without a callback (docs/trace-format.md, `end`). Its bus driver creates or
        // reports its children as it handles it.
        const bus = ctx.devnodes.busDriverOf(d);
        const event = ctx.runtime.emitStack('irp', row.name!, bus.deviceId, 'function', bus.driver, argsOf(compiled, params), 'STATUS_PENDING', at, cause);
        ctx.runtime.trace.complete(event, 'STATUS_SUCCESS');
        if (!ctx.runtime.scheduler.advance(IRP_COST_MS)) return this.reportChildrenLater(bus.deviceId, at);
        return reportBusRelations(ctx, d.parent!, cause, at);
      }
      case 'assignResources':
        ctx.devnodes.assignResources(d, row.args?.New === 'true');
        return 'ok';
      case 'checkOpenHandles': {
        const open = ctx.devnodes.subtreePostOrder(d).find((s) => ctx.notifications.handleCount(s) > 0);
        if (!open) return 'ok';
        // Windows' veto carries only the instance path; the lab also says who holds the handles (its own choice, for the learner).
        const holders = ctx.notifications.handleHolders(open);
        request.veto = {
          VetoType: 'PNP_VetoOutstandingOpen', VetoName: instancePath(open), Operation: 'QueryRemove', OpenOn: open.id,
          ...(holders.clients.length > 0 ? { Clients: holders.clients.join(',') } : {}),
          ...(holders.applications > 0 ? { AppHandles: String(holders.applications) } : {}),
        };
        return 'fail';
      }
      case 'checkDisableable': {
        const depends = disableableDepends(ctx, d);
        if (depends === 0) return 'ok';
        request.veto = { VetoType: 'PNP_VetoNonDisableable', VetoName: instancePath(d), Operation: 'Disable', DisableableDepends: String(depends) };
        return 'fail';
      }
      case 'restoreState':
        if (d.state === 'RemovePending') ctx.devnodes.setState(d, 'Started', undefined, cause, at);
        return 'ok';
      case 'removedState':
        ctx.devnodes.setRemovedState(d, (row.args?.Problem as Problem | undefined) ?? request.problem, request.cause, at);
        return 'ok';
      case 'deferRemove':
        ctx.pnp.deferRemove(d, request, row.table!);
        return 'ok';
      case 'customEventComplete': {
        // the caller's routine (wdm IoReportTargetDeviceChangeAsynchronous, Callback): the function driver's, or the client's that raised it
        if (params.Caller !== undefined) ctx.runtime.emit({ kind: 'callback', name: 'PDEVICE_CHANGE_COMPLETE_CALLBACK', device: d.id, client: params.Caller, args: { Event: params.Guid }, at }, cause);
        else ctx.runtime.emit({ kind: 'callback', name: 'PDEVICE_CHANGE_COMPLETE_CALLBACK', device: d.id, layer: 'function', driver: functionLayer(d)?.driver, args: { Event: params.Guid }, at }, cause);
        return this.spend(IRP_COST_MS);
      }
      case 'newHost':
        for (const l of d.layers) if (l.framework === 'umdf1') l.hostTerminated = false;
        return 'ok';
      case 'restartUmdfDevice':
        d.hostRestarts++;
        ctx.pnp.restartWhenRemoved(d, cause);
        return 'ok';
      case 'holdSystemIrp':
        this.heldSystemIrp = holdSystemIrp(ctx, d, this.irpFrom);
        return 'ok';
      case 'completeSystemIrp':
        if (this.heldSystemIrp) completeSystemIrp(ctx, this.heldSystemIrp);
        this.heldSystemIrp = undefined;
        return 'ok';
      case 'completeWaitWake':
        return completeWaitWake(ctx, d, cause, at) ? 'ok' : after(IRP_COST_MS, 'ok');
      case 'cancelWaitWake':
        return cancelWaitWake(ctx, d, cause, at) ? 'ok' : after(IRP_COST_MS, 'ok');
      default:
        return this.performSteps(row, at);
    }
  }

  /** Runs the row's table on each idle hub above the device, the outermost first; stops at the first that fails. */
  private *forEachIdleAncestor(row: Row): Generator<Yield, Outcome, void> {
    const chain: Device[] = [];
    for (let p = this.ctx.devnodes.idleParent(this.device); p !== undefined; p = this.ctx.devnodes.idleParent(p)) chain.unshift(p);
    for (const p of chain) {
      const end = yield* runTable(getTable(row.table!), new PnpHost(this.ctx, p, this.request), NO_PARAMS);
      if (end === 'fail') return 'fail';
    }
    return 'ok';
  }

  private *reportChildrenLater(parentId: string, at: string): Generator<Yield, Outcome, void> {
    yield IRP_COST_MS;
    const r = reportBusRelations(this.ctx, parentId, this.request.cause, at);
    return typeof r === 'string' ? r : yield* r;
  }

  /** A child on a port of this hub that is present and has no devnode yet (its PDO, if any, was just created by the hub). */
  private awaitsEnumeration(c: Device): boolean {
    return this.ctx.devnodes.isPresent(c) && (c.state === 'PhysicallyPresent' || c.state === 'PhysicallyAbsent');
  }

  /** Spends `ms` of virtual time: at once (tasks due meanwhile run in place), else, at a `runUntil` limit, as a task step. */
  private spend(ms: number): Outcome | Generator<Yield, Outcome, void> {
    return this.ctx.runtime.scheduler.advance(ms) ? 'ok' : after(ms, 'ok');
  }

  /** Actions that loop over devices, layers or IRPs: at once while every step finishes at once. */
  private performSteps(row: Row, at: string): RowStep {
    const { ctx, request } = this;
    const cause = request.cause;
    const d = this.device;
    switch (row.do) {
      case 'informationIrps':
        return inTurn(ctx.runtime.rng.shuffle(INFORMATION_IRPS), (info) => {
          const r = startIrp(ctx, d, info.name, { args: info.args, params: NO_PARAMS, cause, at, pdoKept: true });
          return isDone(r) ? 'ok' : okAfter(r);
        }, false);
      case 'forEachAddDeviceLayer': {
        // lower filters, then the function driver, then upper filters (a WDM driver has no framework tables)
        const layers: LayerState[] = [];
        for (const role of ADD_DEVICE_ORDER) for (const l of d.layers) if (l.layer === role && (l.framework !== 'wdm' || l.layer === 'reflector')) layers.push(l);
        const table = row.table as 'loadDriver' | 'addDevice';
        return inTurn(layers, (layer) => {
          if (layer.layer === 'reflector' && table === 'loadDriver') return 'ok'; // a WDM driver: no DriverEntry to show
          const id = layer.layer === 'reflector' ? REFLECTOR_ADD_DEVICE : FRAMEWORKS[layer.framework as 'kmdf' | 'umdf1'][table];
          const r = startTable(getTable(id), new LayerHost(ctx, d, layer, cause, true), {});
          // a filter whose AddDevice fails is skipped, with no PnP error (wdf/reporting-device-failures.md): it gets no device object
          if (table !== 'addDevice' || (layer.layer !== 'lower-filter' && layer.layer !== 'upper-filter')) return r;
          return typeof r === 'string' ? 'ok' : okAfter(r);
        }, true);
      }
      case 'forEachPresentChild':
        return inTurn(ctx.devnodes.childrenOf(d), (child) => {
          if (!this.awaitsEnumeration(child)) return 'ok';
          return startTable(getTable(row.table!), new PnpHost(ctx, child, request), {});
        }, false);
      case 'forEachInSubtree': {
        const subtree = ctx.devnodes.subtreePostOrder(d);
        if (REMOVAL_TABLES.has(row.table!)) for (const s of subtree) request.removing.add(s);
        return inTurn(subtree, (s) => startTable(getTable(row.table!), new PnpHost(ctx, s, request), {}), true);
      }
      case 'forEachQueried':
        return inTurn(request.queried, (q) => startTable(getTable(row.table!), new PnpHost(ctx, q, request), {}), false);
      case 'clientsOpenHandles': {
        const opening = ctx.notifications.clientsOpenHandles(d, cause, at);
        return opening ? okAfter(opening) : 'ok';
      }
      case 'unloadUnusedDrivers': {
        const unloading = ctx.drivers.unloadUnusedDrivers(d, cause);
        return unloading ? okAfter(unloading) : 'ok';
      }
      default:
        throw new Error(`${at}: unknown PnP action ${row.do}`);
    }
  }

  /** Every started devnode, children before parents, one root device at a time (shutdown). */
  private *forEachStartedDevice(row: Row): Generator<Yield, Outcome, void> {
    const ctx = this.ctx;
    for (const root of ctx.devnodes.deviceList.filter((x) => ctx.devnodes.parentDevice(x) === undefined)) {
      for (const s of ctx.devnodes.subtreePostOrder(root)) {
        if (s.state === 'Started') yield* runTable(getTable(row.table!), new PnpHost(ctx, s, this.request), {});
      }
    }
    return 'ok';
  }

  private irp(compiled: CompiledRow, params: Record<string, string>): Outcome | Generator<Yield, Outcome, void> {
    const { ctx, device: d, request } = this;
    const { row, at } = compiled;
    const irp = row.name!;
    if (irp === 'IRP_MN_QUERY_REMOVE_DEVICE') request.queried.push(d);
    const args = irpArgs(d, irp, argsOf(compiled, params));
    this.irpFrom = ctx.runtime.trace.length;
    const r = startIrp(ctx, d, irp, {
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
    request.failedBy = r.failedBy;
    if ((irp === 'IRP_MN_QUERY_REMOVE_DEVICE' || irp === 'IRP_MN_QUERY_STOP_DEVICE') && !request.veto) {
      request.veto = { VetoType: 'PNP_VetoDevice', VetoName: instancePath(d), Operation: irp === 'IRP_MN_QUERY_REMOVE_DEVICE' ? 'QueryRemove' : 'QueryStop', Driver: r.failedBy?.driver, Status: r.status };
    }
    return 'fail';
  }

  /** A bus driver keeps a PDO while the device is present and the bus driver itself is not being removed. */
  private pdoKept(): boolean {
    const parent = this.ctx.devnodes.parentDevice(this.device);
    return this.ctx.devnodes.isPresent(this.device) && !(parent !== undefined && this.request.removing.has(parent));
  }
}

/**
 * Why `d` cannot be disabled, counted as the debugger's DisableableDepends: one if its own stack reported
 * PNP_DEVICE_NOT_DISABLEABLE, plus one per child that cannot be disabled, because the PnP manager propagates
 * the flag to the parent, its parent, and so on (kernel/handling-an-irp-mn-surprise-removal-request.md,
 * "About PNP_DEVICE_STATE"). Only a started stack has answered IRP_MN_QUERY_PNP_DEVICE_STATE.
 */
export function disableableDepends(ctx: EngineContext, d: Device): number {
  let n = d.state === 'Started' && d.config.capabilities.NotDisableable ? 1 : 0;
  for (const c of ctx.devnodes.childrenOf(d)) if (disableableDepends(ctx, c) > 0) n++;
  return n;
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
