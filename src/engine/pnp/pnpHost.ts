/** Runs the PnP manager's tables for one devnode (pnp/tables.ts); its rows' words are the maps below the class. */
import type { EngineContext } from '../context';
import { functionLayer, hasStack, instancePath, type Device, type PnpState, type Problem } from '../device';
import { LayerHost } from '../framework/layerHost';
import type { LayerState } from '../framework/layerState';
import { FRAMEWORKS, irpInvocations, roleInvocations } from '../frameworks';
import type { Inspector, RunSubject } from '../inspect';
import type { ClientMode, NotifyEvent } from '../notify/clients';
import { deliver, mayHaveRecipients } from '../notify/deliver';
import type { Yield } from '../scheduler';
import { inTurn, okAfter } from '../steps';
import { getTable } from '../tables/registry';
import { argsOf, NO_PARAMS, runTable, startTable, subParams, type CompiledRow, type Outcome, type Row, type Table, type TableHost } from '../tables/table';
import { runsRowTable, type ActionWord, type EffectWord, type GuardWord, type Invocation, type Vocabulary } from '../tables/vocabulary';
import type { TraceEvent } from '../trace';
import { reportBusRelations } from './busRelations';
import { IRP_COST_MS, isDone, startIrp, type IrpResult } from './irp';
import { ADD_DEVICE_ORDER, BUS_RELATIONS_TABLES, INFORMATION_IRPS } from './irps';
import type { PnpRequest } from './request';
import { completeSystemIrp, holdSystemIrp } from './systemPower';
import { cancelWaitWake, completeWaitWake } from './waitWake';

/** The reflector is a WDM driver: it shows no DriverEntry; its AddDevice creates the device object the host's stack hangs off. */
export const REFLECTOR_ADD_DEVICE = 'umdf1.reflectorAddDevice';
/** How many times the UMDF driver manager restarts a device whose host failed (lab choice: the pages give no number). */
export const UMDF_HOST_RESTARTS = 1;

export class PnpHost implements TableHost {
  /** `trace.length` when this host last sent an IRP (the system IRP's events are found from there). */
  irpFrom = 0;
  /** The system set-power IRP's events the power policy owner holds pending (power.shutdownOne). */
  heldSystemIrp: TraceEvent[] | undefined = undefined;
  readonly inspector: Inspector | undefined;

  constructor(
    readonly ctx: EngineContext,
    /** The devnode the operation is about; undefined for an operation about the whole machine (hardware profile, shutdown). */
    readonly devnode: Device | undefined,
    readonly request: PnpRequest,
  ) {
    this.inspector = ctx.runtime.inspector;
  }

  /** The devnode, for the rows that need one (a row about a devnode in a machine-wide table is a bug in the table). */
  get device(): Device {
    const d = this.devnode;
    if (d === undefined) throw new Error('this PnP row needs a devnode, but the operation is about the whole machine');
    return d;
  }

  subject(): RunSubject {
    return { device: this.devnode?.id, layer: undefined, driver: undefined, cause: this.request.cause, irp: undefined, queuedBy: this.request.queuedBy };
  }

  get words(): Vocabulary<PnpHost> {
    return PNP_WORDS;
  }

  /** Runs `tableId` for another devnode in the same operation (a child, an ancestor, a device of the subtree). */
  startFor(d: Device, tableId: string, params: Record<string, string> = {}): ReturnType<typeof startTable> {
    return startTable(getTable(tableId), new PnpHost(this.ctx, d, this.request), params);
  }

  /** Runs the row's table on each idle hub above the device, the outermost first; stops at the first that fails. */
  *forEachIdleAncestor(row: Row): Generator<Yield, Outcome, void> {
    const chain: Device[] = [];
    for (let p = this.ctx.devnodes.idleParent(this.device); p !== undefined; p = this.ctx.devnodes.idleParent(p)) chain.unshift(p);
    for (const p of chain) {
      const end = yield* runTable(getTable(row.table!), new PnpHost(this.ctx, p, this.request), NO_PARAMS);
      if (end === 'fail') return 'fail';
    }
    return 'ok';
  }

  *reportChildrenLater(parentId: string, at: string): Generator<Yield, Outcome, void> {
    yield IRP_COST_MS;
    const r = reportBusRelations(this.ctx, parentId, this.request.cause, at);
    return typeof r === 'string' ? r : yield* r;
  }

  /** A child on a port of this hub that is present and has no devnode yet (its PDO, if any, was just created by the hub). */
  awaitsEnumeration(c: Device): boolean {
    return this.ctx.devnodes.isPresent(c) && (c.state === 'PhysicallyPresent' || c.state === 'PhysicallyAbsent');
  }

  /** Every started devnode, children before parents, one root device at a time (shutdown). */
  *forEachStartedDevice(row: Row): Generator<Yield, Outcome, void> {
    const ctx = this.ctx;
    for (const root of ctx.devnodes.deviceList.filter((x) => ctx.devnodes.parentDevice(x) === undefined)) {
      for (const s of ctx.devnodes.subtreePostOrder(root)) {
        if (s.state === 'Started') yield* runTable(getTable(row.table!), new PnpHost(ctx, s, this.request), {});
      }
    }
    return 'ok';
  }

  irp(compiled: CompiledRow, params: Record<string, string>): Generator<Yield, Outcome, void> {
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
    return this.irpOutcome(irp, r);
  }

  /**
   * The row's outcome once the IRP is done (at once, or after the task steps it takes); a failed query records the
   * driver's veto (unless something vetoed first). One task step for both cases: a separate path for an IRP already
   * done saved nothing measurable (bench, issue 15).
   */
  private *irpOutcome(irp: string, pending: IrpResult | Generator<Yield, IrpResult, void>): Generator<Yield, Outcome, void> {
    const r = isDone(pending) ? pending : yield* pending;
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

type Action = ActionWord<PnpHost>;
type Guard = GuardWord<PnpHost>;

/** A call that costs IRP_COST_MS, recorded for `layer` of `d`'s stack. */
function call(h: PnpHost, c: CompiledRow, d: Device, layer: LayerState, args: Record<string, string> | undefined): Outcome | Generator<Yield, Outcome, void> {
  h.ctx.runtime.emit({ kind: 'call', name: c.row.name!, device: d.id, layer: layer.layer, driver: layer.driver, args, at: c.at }, h.request.cause);
  return h.ctx.runtime.cost(IRP_COST_MS);
}

/** What a PnP table's row can do (pnp/tables.ts). Rows that machine-wide tables use read `h.devnode`; the others `h.device`. */
export const PNP_ACTIONS = {
  state: {
    says: 'the devnode enters the state the row names (row.name), with the row\'s problem code',
    run: (h, c) => {
      h.ctx.devnodes.setState(h.device, c.row.name as PnpState, c.row.args?.Problem as Problem | undefined, h.request.cause, c.at);
      return 'ok';
    },
  },
  table: { says: 'the PnP manager runs another table (row.table) for the same devnode', run: (h, c, params) => startTable(getTable(c.row.table!), h, subParams(c, params)), invokes: runsRowTable },
  irp: { says: 'the PnP manager sends the IRP (row.name) down the devnode\'s stack; a failed query records the driver\'s veto', run: (h, c, params) => h.irp(c, subParams(c, params)), invokes: (row) => irpInvocations(row.name!, row.args?.State) },
  parentCall: {
    says: 'the parent bus driver calls a routine about its child (row.name)',
    run: (h, c, params) => {
      const d = h.device;
      const bus = h.ctx.devnodes.busDriverOf(d);
      const invalidate = c.row.name === 'IoInvalidateDeviceRelations';
      h.ctx.runtime.emit({ kind: 'call', name: c.row.name!, device: bus.deviceId, layer: 'function', driver: bus.driver, args: invalidate ? argsOf(c, params) : { Child: d.id }, result: invalidate ? undefined : 'STATUS_SUCCESS', at: c.at }, h.request.cause);
      return h.ctx.runtime.cost(IRP_COST_MS);
    },
  },
  failedDriverCall: { says: 'the driver that failed the operation\'s IRP (else the function driver) calls a routine (row.name)', run: (h, c, params) => call(h, c, h.device, h.request.failedBy ?? functionLayer(h.device)!, argsOf(c, params)) },
  functionCall: { says: 'the function driver calls a routine (row.name)', run: (h, c, params) => call(h, c, h.device, functionLayer(h.device)!, argsOf(c, params)) },
  parentIrp: {
    says: 'the PnP manager sends an IRP (row.name) to the devnode\'s parent; a built-in bus completes it at once and reports its children',
    run: (h, c, params) => {
      const { ctx, device: d } = h;
      const cause = h.request.cause;
      const parent = ctx.devnodes.parentDevice(d);
      if (parent) {
        const r = startIrp(ctx, parent, c.row.name!, { args: argsOf(c, params), params: { Type: c.row.args?.Type ?? '' }, cause, at: c.at, pdoKept: true });
        return isDone(r) ? 'ok' : okAfter(r);
      }
      // A built-in bus: its FDO completes the IRP at once (no framework callback to show), so the
      // answer is known when the IRP arrives: `end` is the event itself, as for any IRP a driver
      // completes without a callback (docs/trace-format.md, `end`). Its bus driver creates or
      // reports its children as it handles it.
      const bus = ctx.devnodes.busDriverOf(d);
      const event = ctx.runtime.emitStack('irp', c.row.name!, bus.deviceId, 'function', bus.driver, argsOf(c, params), 'STATUS_PENDING', c.at, cause);
      ctx.runtime.trace.complete(event, 'STATUS_SUCCESS');
      if (!ctx.runtime.scheduler.advance(IRP_COST_MS)) return h.reportChildrenLater(bus.deviceId, c.at);
      return reportBusRelations(ctx, d.parent!, cause, c.at);
    },
    invokes: (row) => [...irpInvocations(row.name!, row.args?.State), ...BUS_RELATIONS_TABLES],
  },
  assignResources: {
    says: 'the PnP manager assigns the device\'s hardware resources (new ones after a rebalance)',
    run: (h, c) => {
      h.ctx.devnodes.assignResources(h.device, c.row.args?.New === 'true');
      return 'ok';
    },
  },
  checkOpenHandles: {
    says: 'the PnP manager vetoes the removal while a handle is open on the device or a device below it (PNP_VetoOutstandingOpen)',
    run: (h) => {
      const { ctx, device: d } = h;
      const open = ctx.devnodes.subtreePostOrder(d).find((s) => ctx.notifications.handleCount(s) > 0);
      if (!open) return 'ok';
      // Windows' veto carries only the instance path; the lab also says who holds the handles (its own choice, for the learner).
      const holders = ctx.notifications.handleHolders(open);
      h.request.veto = {
        VetoType: 'PNP_VetoOutstandingOpen', VetoName: instancePath(open), Operation: 'QueryRemove', OpenOn: open.id,
        ...(holders.clients.length > 0 ? { Clients: holders.clients.join(',') } : {}),
        ...(holders.applications > 0 ? { AppHandles: String(holders.applications) } : {}),
      };
      return 'fail';
    },
  },
  checkDisableable: {
    says: 'the PnP manager vetoes a disable of a device that reported PNP_DEVICE_NOT_DISABLEABLE, or has such a device below it',
    run: (h) => {
      const depends = disableableDepends(h.ctx, h.device);
      if (depends === 0) return 'ok';
      h.request.veto = { VetoType: 'PNP_VetoNonDisableable', VetoName: instancePath(h.device), Operation: 'Disable', DisableableDepends: String(depends) };
      return 'fail';
    },
  },
  reportVeto: {
    says: 'the PnP manager reports the operation\'s veto (a state event named after its PNP_VETO_TYPE)',
    run: (h, c) => {
      const veto = h.request.veto;
      if (!veto) throw new Error(`${c.at}: no veto recorded`);
      h.ctx.runtime.emit({ kind: 'state', name: veto.VetoType, device: h.devnode?.id, args: { ...veto }, at: c.at }, h.request.cause);
      return 'ok';
    },
  },
  restoreState: {
    says: 'a devnode left RemovePending by a cancelled removal is Started again',
    run: (h, c) => {
      if (h.device.state === 'RemovePending') h.ctx.devnodes.setState(h.device, 'Started', undefined, h.request.cause, c.at);
      return 'ok';
    },
  },
  removedState: {
    says: 'after IRP_MN_REMOVE_DEVICE the devnode keeps its PDO with the problem code, or is gone',
    run: (h, c) => {
      h.ctx.devnodes.setRemovedState(h.device, (c.row.args?.Problem as Problem | undefined) ?? h.request.problem, h.request.cause, c.at);
      return 'ok';
    },
  },
  deferRemove: {
    says: 'IRP_MN_REMOVE_DEVICE (row.table) waits for the last handle to close and every child to be removed',
    run: (h, c) => {
      h.ctx.pnp.deferRemove(h.device, h.request, c.row.table!);
      return 'ok';
    },
    invokes: (row) => [{ table: row.table!, kind: 'queues' }],
  },
  notify: {
    says: 'the PnP manager notifies the registered clients (args.Event, args.Mode); a client may veto a query',
    run: (h, c, params) => {
      const ctx = h.ctx;
      const a = argsOf(c, params)!;
      const event = a.Event as NotifyEvent;
      const mode = a.Mode as ClientMode;
      if (!mayHaveRecipients(ctx, event, mode)) return 'ok';
      // a query-remove and its cancellation concern the device and every device below it
      const d = h.devnode;
      const devices = d === undefined ? [] : event === 'QueryRemove' || event === 'RemoveCancelled' ? ctx.devnodes.subtreePostOrder(d) : [d];
      return deliver(ctx, { event, mode, devices, request: h.request, params, at: c.at });
    },
    // the WIA service is a client: it unloads its driver at a query-remove and tells it of a disconnect; a client
    // may raise a custom event from its callback (notify/deliver.ts)
    invokes: (row) => notifyInvocations(row.args?.Event, row.args?.Mode),
  },
  customEventComplete: {
    says: 'the PnP manager calls the routine of whoever raised the custom event (IoReportTargetDeviceChangeAsynchronous\'s Callback)',
    run: (h, c, params) => {
      const d = h.device;
      // the caller's routine: the function driver's, or the client's that raised it
      if (params.Caller !== undefined) h.ctx.runtime.emit({ kind: 'callback', name: 'PDEVICE_CHANGE_COMPLETE_CALLBACK', device: d.id, client: params.Caller, args: { Event: params.Guid }, at: c.at }, h.request.cause);
      else h.ctx.runtime.emit({ kind: 'callback', name: 'PDEVICE_CHANGE_COMPLETE_CALLBACK', device: d.id, layer: 'function', driver: functionLayer(d)?.driver, args: { Event: params.Guid }, at: c.at }, h.request.cause);
      return h.ctx.runtime.cost(IRP_COST_MS);
    },
  },
  changeProfile: {
    says: 'the machine\'s hardware profile changes (docked or undocked)',
    run: (h, _c, params) => {
      h.ctx.pnp.docked = params.Change === 'dock';
      return 'ok';
    },
  },
  newHost: {
    says: 'the UMDF driver manager starts a new driver host process for the device',
    run: (h) => {
      for (const l of h.device.layers) if (l.framework === 'umdf1') l.hostTerminated = false;
      return 'ok';
    },
  },
  restartUmdfDevice: {
    says: 'the UMDF driver manager restarts the device once its failed stack is removed',
    run: (h) => {
      h.device.hostRestarts++;
      h.ctx.pnp.restartWhenRemoved(h.device, h.request.cause);
      return 'ok';
    },
    invokes: () => [{ table: 'pnp.umdfRestart', kind: 'queues' }],
  },
  holdSystemIrp: {
    says: 'the power policy owner holds the system set-power IRP pending while the device IRP it asked for goes through the stack',
    run: (h) => {
      h.heldSystemIrp = holdSystemIrp(h.ctx, h.device, h.irpFrom);
      return 'ok';
    },
  },
  completeSystemIrp: {
    says: 'the power policy owner completes the system set-power IRP it held',
    run: (h) => {
      if (h.heldSystemIrp) completeSystemIrp(h.ctx, h.heldSystemIrp);
      h.heldSystemIrp = undefined;
      return 'ok';
    },
  },
  completeWaitWake: {
    says: 'the bus driver completes the pending IRP_MN_WAIT_WAKE: the device signalled wake',
    *run(h, c) {
      yield* completeWaitWake(h.ctx, h.device, h.request.cause, c.at);
      return 'ok';
    },
  },
  cancelWaitWake: {
    says: 'the power policy owner cancels the pending IRP_MN_WAIT_WAKE (IoCancelIrp)',
    *run(h, c) {
      yield* cancelWaitWake(h.ctx, h.device, h.request.cause, c.at);
      return 'ok';
    },
  },
  forEachIdleAncestor: { says: 'each idle hub above the device, the outermost first, runs the row\'s table (row.table)', run: (h, c) => h.forEachIdleAncestor(c.row), invokes: runsRowTable },
  informationIrps: {
    says: 'the PnP manager sends the information IRPs (IDs, text, resources, capabilities) to the new devnode, in the seed\'s order',
    run: (h, c) => {
      const { ctx, device: d } = h;
      const cause = h.request.cause;
      return inTurn(ctx.runtime.rng.shuffle(INFORMATION_IRPS), (info) => {
        const r = startIrp(ctx, d, info.name, { args: info.args, params: NO_PARAMS, cause, at: c.at, pdoKept: true });
        return isDone(r) ? 'ok' : okAfter(r);
      }, false);
    },
    invokes: () => INFORMATION_IRPS.flatMap((i) => irpInvocations(i.name)),
  },
  forEachAddDeviceLayer: {
    says: 'each driver of the stack, lower filters first, then the function driver, then upper filters, runs its framework\'s loadDriver or addDevice table (row.table)',
    run: (h, c) => {
      const { ctx, device: d } = h;
      const cause = h.request.cause;
      // lower filters, then the function driver, then upper filters (a WDM driver has no framework tables)
      const layers: LayerState[] = [];
      for (const role of ADD_DEVICE_ORDER) for (const l of d.layers) if (l.layer === role && (l.framework !== 'wdm' || l.layer === 'reflector')) layers.push(l);
      const role = c.row.table as 'loadDriver' | 'addDevice';
      return inTurn(layers, (layer) => {
        if (layer.layer === 'reflector' && role === 'loadDriver') return 'ok'; // a WDM driver: no DriverEntry to show
        const id = layer.layer === 'reflector' ? REFLECTOR_ADD_DEVICE : FRAMEWORKS[layer.framework as 'kmdf' | 'umdf1'][role];
        const r = startTable(getTable(id), new LayerHost(ctx, d, layer, cause, true), {});
        // a filter whose AddDevice fails is skipped, with no PnP error (wdf/reporting-device-failures.md): it gets no device object
        if (role !== 'addDevice' || (layer.layer !== 'lower-filter' && layer.layer !== 'upper-filter')) return r;
        return typeof r === 'string' ? 'ok' : okAfter(r);
      }, true);
    },
    invokes: (row) => (row.table === 'addDevice' ? [...roleInvocations('addDevice'), { table: REFLECTOR_ADD_DEVICE, kind: 'role' }] : roleInvocations('loadDriver')),
  },
  forEachPresentChild: {
    says: 'each present child on the hub\'s ports that has no devnode yet runs the row\'s table (row.table)',
    run: (h, c) => inTurn(h.ctx.devnodes.childrenOf(h.device), (child) => (h.awaitsEnumeration(child) ? h.startFor(child, c.row.table!) : 'ok'), false),
    invokes: runsRowTable,
  },
  forEachInSubtree: {
    says: 'the device and every device below it, children first, run the row\'s table (row.table); a removal table marks them as being removed first',
    run: (h, c) => {
      const subtree = h.ctx.devnodes.subtreePostOrder(h.device);
      // a removal table (`removal: true`) takes the drivers away: the children of a removed bus driver lose their PDOs
      if (getTable(c.row.table!).removal) for (const s of subtree) h.request.removing.add(s);
      return inTurn(subtree, (s) => h.startFor(s, c.row.table!), true);
    },
    invokes: runsRowTable,
  },
  forEachStartedDevice: { says: 'every started devnode, children before parents, runs the row\'s table (row.table) (shutdown)', run: (h, c) => h.forEachStartedDevice(c.row), invokes: runsRowTable },
  forEachQueried: { says: 'every stack that got IRP_MN_QUERY_REMOVE_DEVICE in this operation runs the row\'s table (row.table)', run: (h, c) => inTurn(h.request.queried, (q) => h.startFor(q, c.row.table!), false), invokes: runsRowTable },
  clientsOpenHandles: {
    says: 'the notification clients watching the device open their handles and register on them',
    run: (h, c) => {
      const opening = h.ctx.notifications.clientsOpenHandles(h.device, h.request.cause, c.at);
      return opening ? okAfter(opening) : 'ok';
    },
  },
  unloadUnusedDrivers: {
    says: 'drivers left with no device object unload (their framework\'s unloadDriver table)',
    run: (h) => {
      const unloading = h.ctx.drivers.unloadUnusedDrivers(h.device, h.request.cause);
      return unloading ? okAfter(unloading) : 'ok';
    },
    invokes: () => roleInvocations('unloadDriver'),
  },
} satisfies Record<string, Action>;

const guard = (says: string, test: Guard['test']): Guard => ({ says, test });

/** The guards a PnP table's row can name in `when`. */
export const PNP_GUARDS = {
  parentIsKmdf: guard('the parent bus driver is a KMDF driver', (h) => h.ctx.devnodes.busDriverOf(h.device).framework === 'kmdf'),
  hasPresentChildren: guard('a present child on the hub\'s ports has no devnode yet', (h) => h.ctx.devnodes.childrenOf(h.device).some((c) => h.awaitsEnumeration(c))),
  modeIsDisable: guard('the removal is a disable (not an eject)', (h) => h.request.mode === 'disable'),
  hasStack: guard('the devnode has its driver stack (a PDO)', (h) => hasStack(h.device)),
  hasDriverStack: guard('the devnode has a loaded driver stack (not surprise-removed, not a kept PDO)', (h) => hasStack(h.device) && h.device.state !== 'SurpriseRemoved' && h.device.state !== 'EnumeratedAndDriversInitialized'),
  isKeptPdo: guard('the devnode is a PDO kept without drivers (EnumeratedAndDriversInitialized)', (h) => hasStack(h.device) && h.device.state === 'EnumeratedAndDriversInitialized'),
  isStarted: guard('the devnode is started', (h) => h.device.state === 'Started'),
  // IoReportTargetDeviceChangeAsynchronous's Callback is the caller's: a client that raised the
  // event is there to be called; a driver whose device was removed before the PnP manager got to
  // the event is not (its device object is gone, the driver may be unloaded), so it is not called
  asyncCallerPresent: guard('the event was raised asynchronously and whoever raised it is still there to be called back', (h, p) => p.Async === 'true' && (p.Caller !== undefined || functionLayer(h.device)?.deviceObject === true)),
  wakeSignalled: guard('the device signalled wake itself', (_h, p) => p.By === 'device'),
  wakeSignalledUnderIdleParent: guard('the device signalled wake while its hub is idle', (h, p) => p.By === 'device' && h.ctx.devnodes.idleParent(h.device) !== undefined),
  waitWakePending: guard('an IRP_MN_WAIT_WAKE is pending for the device', (h) => h.device.waitWake !== undefined),
  hostRestartLeft: guard('the failed host held the stack and the UMDF driver manager has a restart left', (h, p) => p.Hosted === 'true' && h.device.hostRestarts < UMDF_HOST_RESTARTS),
  filterSkipped: guard('a filter driver of the stack got no device object (its AddDevice failed)', (h) => {
    for (const l of h.device.layers) if ((l.layer === 'lower-filter' || l.layer === 'upper-filter') && !l.deviceObject) return true;
    return false;
  }),
} satisfies Record<string, Guard>;

/** PnP tables name no effects: their state changes are rows of their own. */
export const PNP_EFFECTS = {} satisfies Record<string, EffectWord<PnpHost>>;

/** The PnP manager's tables' words (pnp/tables.ts: rows run by a PnpHost). */
export const PNP_WORDS: Vocabulary<PnpHost> = { host: 'PnP manager', do: PNP_ACTIONS, when: PNP_GUARDS, effect: PNP_EFFECTS };

/** The names a PnP table's rows may use (pnp/tables.ts). */
export type PnpDo = keyof typeof PNP_ACTIONS;
export type PnpWhen = keyof typeof PNP_GUARDS;
export type PnpEffect = keyof typeof PNP_EFFECTS;
/** A PnP table: its rows may only use the PnP manager's words. */
export type PnpTable = Table<PnpDo, PnpWhen, PnpEffect>;

/**
 * What the clients told of `event` may run (notify/deliver.ts): the WIA service (a user-mode client) unloads its driver
 * at a query-remove and tells it of a surprise removal; a kernel client may raise a custom event from its callback.
 */
function notifyInvocations(event: string | undefined, mode: string | undefined): Invocation[] {
  const out: Invocation[] = [];
  if (mode === 'user' && event === 'QueryRemove') out.push({ table: 'wia.unload', kind: 'runs' });
  if (mode === 'user' && event === 'SurpriseRemoveComplete') out.push({ table: 'wia.disconnect', kind: 'runs' });
  if (mode === 'kernel' && event !== 'Custom') out.push({ table: 'pnp.customEvent', kind: 'queues' });
  return out;
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
