/**
 * The lab: virtual buses, devices, the PnP manager's single worker thread, and the trace.
 * Every user action goes through `perform` (one funnel for the CLI, tests and the UI).
 */
import { CATALOG } from './bus/catalog';
import { functionLayer, hasStack, type Device, type DeviceConfig, type PnpState, type Problem } from './device';
import { buildLayers } from './driverStack';
import { BOOT_DRIVERS, unloadDriversWithoutDeviceObjects } from './drivers';
import { LabError } from './errors';
import type { LayerHost } from './framework/layerHost';
import { NO_RESOURCES } from './framework/layerState';
import { callResult, CLIENT_CALLS, isRegistration, opensHandleOn, registrationArgs, registrationCalls, SYSTEM_EVENT_GUIDS, type Client, type ClientConfig, type NotifyEvent } from './notify/clients';
import { PnpHost, type PnpRequest } from './pnp/pnpHost';
import type { IrpTrip } from './pnp/irp';
import { WIA_SERVICE_CLIENT, WiaService } from './wia/service';
import { Rng } from './rng';
import { FifoLock, Scheduler, type Wait, type Yield } from './scheduler';
import { getTable } from './tables/registry';
import { startTable, type CompiledTable, type Row } from './tables/table';
import { busDriverOf, childrenOf, freePort, hasChildWithStack, isPresent, parentDevice, ports, subtreePostOrder, type BusDriver, type Port } from './topology';
import { childInD0, describe, idleParent, isIdle, validateAction, validateClientAction } from './validate';
import { TraceRecorder, type EventInput, type IrpPass, type Layer, type TraceEvent, type TraceKind } from './trace';

export type DeviceAction = 'unplug' | 'safeRemove' | 'disable' | 'enable' | 'rebalance' | 'fail' | 'closeHandles' | 'idle' | 'wake';
export type LabAction =
  | { action: 'plug'; device: string; port?: string }
  | { action: Exclude<DeviceAction, 'idle' | 'wake'>; device: string }
  /** armForWake: the power policy owner's idle settings, IdleCanWakeFromS0 (true, the default) or IdleCannotWakeFromS0. */
  | { action: 'idle'; device: string; armForWake?: boolean }
  /** by: the device signals wake (the default when it was armed), or I/O arrives for it (the default when it was not). */
  | { action: 'wake'; device: string; by?: 'device' | 'io' }
  | { action: 'wait'; ms: number }
  | { action: 'staticStopRemove'; device: string; stoppable: boolean }
  | { action: 'register' | 'unregister' | 'closeHandle'; client: string }
  | { action: 'openHandle'; client: string; device: string }
  | { action: 'customEvent'; device: string; guid: string; async?: boolean }
  | { action: 'dock' | 'undock' | 'shutdown' }
  | { action: 'connectApp' | 'releaseApp'; device: string; app?: string }
  | { action: 'scan'; device: string; tymed?: 'memory' | 'file'; pages?: number }
  | { action: 'appCancel' | 'hardwareCancel' | 'asyncCancel' | 'paperJam'; device: string }
  | { action: 'appError'; device: string; hr: string };

export interface LabConfig {
  seed: number;
  devices: DeviceConfig[];
  clients?: ClientConfig[];
  /**
   * The most trace events the run may record (a whole number >= 1; default: no limit). Recording one
   * more throws EventBudgetError (errors.ts) from whichever call was running (`perform`, `settle`,
   * `runUntil`); the trace then holds exactly `maxEvents` events and the lab must not be used further.
   */
  maxEvents?: number;
  /**
   * Record IRPs as they travel (docs/trace-format.md, "IRPs that travel"): every driver an IRP passes gets an
   * `irp` event on the way down and one on the way back up, each with its `pass`. Default false: one `irp`
   * event per driver, where it acts, as traces have always been. The lab in the browser turns it on.
   */
  irpTravel?: boolean;
}

/** What a skip report adds for the flowchart: which driver, and which user action was running. */
export interface SkipDetail {
  driver?: string;
  cause?: number;
}

export type { BusDriver, Port } from './topology';

export class Lab {
  readonly scheduler = new Scheduler();
  readonly trace = new TraceRecorder();
  readonly rng: Rng;
  readonly devices = new Map<string, Device>();
  /** Told about every table row skipped by a guard or an absent callback (the flowchart greys them). */
  onSkip: ((table: CompiledTable, row: Row, reason: string, device: string, layer: Layer | undefined, detail: SkipDetail) => void) | undefined;
  private readonly pnpThread: FifoLock;
  private readonly loadedDrivers = new Set<string>(BOOT_DRIVERS);
  readonly clients = new Map<string, Client>();
  /** Hardware profile: docked or not (dock/undock). */
  docked = false;
  /** The WIA service, when the scenario has a scanner. */
  readonly wia: WiaService | undefined;
  /** After `shutdown` nothing else can happen. */
  shutDown = false;
  /**
   * The trace's length when shutdown's final power-down ended (the `power.shutdown` operation: the
   * last device's IRP_MN_SET_POWER to D3Final); undefined before. From then on the machine is off.
   */
  poweredOffAt: number | undefined = undefined;
  private activeRequests = 0;
  private readonly stateArgsCache = new Map<PnpState, Map<Problem | undefined, Record<string, string>>>();
  private readonly problemArgsCache = new Map<Problem, Record<string, string>>();
  /** Surprise-removed devnodes waiting to be sent IRP_MN_REMOVE_DEVICE. */
  private readonly removalsPending = new Set<Device>();
  /** The devices and the clients in their maps' order: both maps are filled once, in the constructor; loops read these. */
  readonly deviceList: readonly Device[];
  readonly clientList: readonly Client[];
  /** Hosts and IRP trips whose run has ended, reused by the next IRP (not one object per IRP and hop). */
  readonly idleLayerHosts: LayerHost[] = [];
  readonly idleIrpTrips: IrpTrip[] = [];
  /** LabConfig.irpTravel: IRPs are recorded on their way down and back up, each event with its `pass`. */
  readonly irpTravel: boolean;

  constructor(config: LabConfig) {
    if (config.maxEvents !== undefined) {
      if (!(Number.isInteger(config.maxEvents) && config.maxEvents >= 1)) throw new RangeError(`maxEvents: got ${config.maxEvents}; expected a whole number >= 1`);
      this.trace.maxEvents = config.maxEvents;
    }
    this.irpTravel = config.irpTravel === true;
    this.rng = new Rng(config.seed);
    this.pnpThread = new FifoLock(this.scheduler, 'pnp-thread');
    for (const c of config.devices) {
      this.devices.set(c.id, {
        id: c.id, config: c, model: CATALOG[c.model], port: undefined, parent: undefined,
        state: 'PhysicallyAbsent', problem: undefined, layers: [], openHandles: c.openHandles,
        resourcesRaw: '', resourcesTranslated: '', assignments: 0, reportedMissing: false, idleArmsForWake: true, waitWake: undefined, hostRestarts: 0,
      });
    }
    for (const c of config.clients ?? []) this.clients.set(c.id, { config: c, registered: false, registeredOn: undefined, handle: undefined });
    const scanners = config.devices.filter((c) => c.model === 'usb-scanner');
    if (scanners.length > 0) {
      this.wia = new WiaService(this);
      const watch: ClientConfig = { id: WIA_SERVICE_CLIENT, mode: 'user', category: 'DeviceInterfaceChange', interfaceClass: 'GUID_DEVINTERFACE_IMAGE', includeExisting: false, onQueryRemove: 'close', onProfileQuery: 'allow', registered: true, service: 'wia' };
      this.clients.set(watch.id, { config: watch, registered: false, registeredOn: undefined, handle: undefined });
      for (const c of scanners) {
        const handleClient: ClientConfig = { id: `${WIA_SERVICE_CLIENT}:${c.id}`, mode: 'user', category: 'TargetDeviceChange', target: c.id, includeExisting: false, onQueryRemove: 'close', onProfileQuery: 'allow', registered: false, service: 'wia' };
        const client: Client = { config: handleClient, registered: false, registeredOn: undefined, handle: undefined };
        this.clients.set(handleClient.id, client);
        this.wia.addScanner(this.devices.get(c.id)!, c.wia ?? { feeder: false, pages: 0, careless: false }, client);
      }
    }
    this.deviceList = [...this.devices.values()];
    this.clientList = [...this.clients.values()];
    // Interface and hardware-profile clients register before the first step; target-device clients
    // register on a handle, which they open when their device starts.
    for (const c of this.clientList) {
      if (!c.config.registered || c.config.category === 'TargetDeviceChange') continue;
      const register = registrationCalls(c).register;
      this.emit({ kind: 'call', name: register, client: c.config.id, args: registrationArgs(c), result: callResult(register), at: 'lab/register' }, undefined);
      c.registered = true;
    }
  }

  get now(): number {
    return this.scheduler.now;
  }

  emit(e: EventInput, cause: number | undefined): TraceEvent {
    return this.trace.record(this.scheduler.now, e, cause);
  }

  /** Records an event about one driver stack from its fields (callbacks, IRPs, state changes: most of the trace). */
  emitStack(kind: TraceKind, name: string, device: string | undefined, layer: Layer | undefined, driver: string | undefined, args: Record<string, unknown> | undefined, result: string | undefined, at: string, cause: number | undefined): TraceEvent {
    return this.trace.recordStack(this.scheduler.now, kind, name, device, layer, driver, args, result, at, cause);
  }

  /** Records an `irp` event with its pass (a run with `irpTravel`). */
  emitIrp(name: string, device: string, layer: Layer, driver: string, pass: IrpPass, args: Record<string, unknown> | undefined, at: string, cause: number | undefined): TraceEvent {
    return this.trace.recordIrp(this.scheduler.now, name, device, layer, driver, pass, args, at, cause);
  }

  observeSkip(table: CompiledTable, row: Row, reason: string, device: string, layer: Layer | undefined, detail: SkipDetail = {}): void {
    this.onSkip?.(table, row, reason, device, layer, detail);
  }

  /** Carries out one user action now; throws LabError (naming `path`) if it is impossible. Returns the user event's seq. */
  perform(action: LabAction, path = 'action'): number {
    const client = 'client' in action ? this.clientFor(action.client, path) : undefined;
    const device = 'device' in action ? this.deviceFor(action.device, path) : undefined;
    validateAction(this, action, device, path);
    if (client) validateClientAction(action, client, device, path);
    const name = action.action;
    // The user event's args: the action's other fields, in their order (no spread and deletes, which
    // would leave a slow dictionary-mode object in the trace).
    let rest: Record<string, unknown> | undefined;
    for (const key in action) {
      if (key === 'action' || key === 'device' || key === 'client' || !Object.prototype.hasOwnProperty.call(action, key)) continue;
      (rest ??= {})[key] = (action as Record<string, unknown>)[key];
    }
    // a plug without a port says which port the lab picked
    if (action.action === 'plug' && action.port === undefined) (rest ??= {}).port = this.freePort(device!);
    const cause = this.emit({ kind: 'user', name, device: device?.id, client: client?.config.id, args: rest }, undefined).seq;
    switch (action.action) {
      case 'plug': this.plug(device!, action.port ?? (rest!.port as string), cause); break;
      case 'unplug': this.unplug(device!, cause); break;
      case 'safeRemove': this.request(device!, 'pnp.orderlyRemoval', cause, { mode: 'eject', problem: 'CM_PROB_HELD_FOR_EJECT' }, (d) => d.state === 'Started'); break;
      case 'disable': this.request(device!, 'pnp.orderlyRemoval', cause, { mode: 'disable', problem: 'CM_PROB_DISABLED' }, (d) => d.state === 'Started'); break;
      case 'enable':
        device!.hostRestarts = 0; // a new device instance (wdf/how-umdf-handles-driver-failures.md)
        this.request(device!, 'pnp.enable', cause, {}, (d) => d.problem === 'CM_PROB_DISABLED');
        break;
      case 'rebalance': this.request(device!, 'pnp.rebalance', cause, { problem: 'CM_PROB_FAILED_POST_START' }, (d) => d.state === 'Started'); break;
      case 'fail': this.request(device!, 'pnp.reportedFailure', cause, { problem: 'CM_PROB_FAILED_POST_START' }, (d) => d.state === 'Started'); break;
      case 'closeHandles':
        device!.openHandles = 0;
        this.scheduler.signal('pnp:removable');
        break;
      case 'wait':
        this.scheduler.spawn(sleep(action.ms));
        break;
      case 'staticStopRemove': this.setStaticStopRemove(device!, action.stoppable, cause); break;
      case 'idle':
        device!.idleArmsForWake = action.armForWake !== false;
        this.request(device!, 'power.idle', cause, {}, (d) => d.state === 'Started' && !isIdle(d) && childInD0(this, d) === undefined, { ArmForWake: String(device!.idleArmsForWake) });
        break;
      case 'wake': this.request(device!, 'power.wake', cause, { problem: 'CM_PROB_FAILED_POST_START' }, (d) => d.state === 'Started' && isIdle(d), { By: action.by ?? (device!.idleArmsForWake ? 'device' : 'io') }); break;
      case 'register': this.scheduler.spawn(this.register(client!, cause)); break;
      case 'unregister': this.scheduler.spawn(this.clientCall(client!, registrationCalls(client!).unregister, cause, 'lab/unregister', undefined, () => { client!.registered = false; client!.registeredOn = undefined; })); break;
      case 'openHandle': this.scheduler.spawn(this.clientCall(client!, CLIENT_CALLS[client!.config.mode].open, cause, 'lab/openHandle', { Device: device!.id }, () => { client!.handle = device!.id; })); break;
      case 'closeHandle': this.scheduler.spawn(this.clientCall(client!, CLIENT_CALLS[client!.config.mode].close, cause, 'lab/closeHandle', { Handle: client!.handle! }, () => this.clientClosed(client!))); break;
      case 'customEvent': this.scheduler.spawn(this.reportCustomEvent(device!, action.guid, action.async === true, cause)); break;
      case 'dock':
      case 'undock':
        this.requestGlobal('pnp.hwProfileChange', cause, { Change: action.action });
        break;
      case 'connectApp': this.wia!.connect(this.wia!.scannerFor(device!.id, `${path}.device`), action.app ?? 'app', cause); break;
      case 'releaseApp': this.wia!.release(this.wia!.scannerFor(device!.id, `${path}.device`), action.app ?? 'app', cause); break;
      case 'scan': {
        const s = this.wia!.scannerFor(device!.id, `${path}.device`);
        this.wia!.scan(s, s.apps[0] ?? 'app', action.tymed ?? 'memory', action.pages ?? 1, cause);
        break;
      }
      case 'appCancel': this.wia!.scanners.get(device!.id)!.transfer!.appResponse = 'S_FALSE'; break;
      case 'appError': this.wia!.scanners.get(device!.id)!.transfer!.appResponse = action.hr; break;
      case 'hardwareCancel': this.wia!.scanners.get(device!.id)!.transfer!.hardwareCancel = true; break;
      case 'paperJam': this.wia!.scanners.get(device!.id)!.transfer!.jam = true; break;
      case 'asyncCancel': this.wia!.asyncCancel(this.wia!.scanners.get(device!.id)!, cause); break;
      case 'shutdown': this.scheduler.spawn(this.shutdown(cause)); break;
    }
    return cause;
  }

  /** System shutdown: the WIA service unloads its drivers (no disconnect event), then every started device powers down. */
  private *shutdown(cause: number): Generator<Yield, void, void> {
    this.shutDown = true;
    if (this.wia) yield* this.wia.shutdown(cause);
    this.requestGlobal('power.shutdown', cause, {});
  }

  // ---- notification clients --------------------------------------------------------------------

  /** Handles open on the device: applications' (the scenario's openHandles) and clients'. */
  handleCount(d: Device): number {
    let n = d.openHandles;
    for (const c of this.clientList) if (c.handle === d.id) n++;
    return n;
  }

  /** Who holds the handles open on the device: the clients (by id) and how many the applications hold (openHandles). */
  handleHolders(d: Device): { clients: string[]; applications: number } {
    return { clients: this.clientList.filter((c) => c.handle === d.id).map((c) => c.config.id), applications: d.openHandles };
  }

  /** A client calls a system routine (open, close, register, unregister); `effect` is what it changes. */
  *clientCall(c: Client, name: string, cause: number | undefined, at: string, args: Record<string, string> | undefined, effect: () => void): Generator<Yield, void, void> {
    const device = args?.Device ?? c.handle ?? c.registeredOn ?? c.config.target;
    this.emit({ kind: 'call', name, device, client: c.config.id, args: isRegistration(name) ? { ...registrationArgs(c), ...args } : args, result: callResult(name), at }, cause);
    effect();
    if (!this.scheduler.advance(1)) yield 1;
  }

  /**
   * A user-mode client unregisters from inside its notification callback. It must not call CM_Unregister_Notification
   * there: that call waits for pending callbacks, a deadlock (SDK cfgmgr32/nf-cfgmgr32-cm_unregister_notification.md,
   * Remarks). So the callback submits a threadpool work item and returns; the work item, on a thread of its own, calls
   * CM_Unregister_Notification and then, if the handle is still open, CloseHandle (install/registering-for-notification-
   * of-device-interface-arrival-and-device-removal.md: "You must do this from a deferred routine"). The WIA service
   * closes its handle when it unloads the driver instead (`closeHandle` false).
   */
  *unregisterFromCallback(c: Client, cause: number | undefined, at: string, closeHandle: boolean): Generator<Yield, void, void> {
    yield* this.clientCall(c, 'SubmitThreadpoolWork', cause, at, { Work: 'CM_Unregister_Notification' }, NOTHING);
    this.scheduler.spawn(this.unregisterWorkItem(c, cause, at, closeHandle));
  }

  private *unregisterWorkItem(c: Client, cause: number | undefined, at: string, closeHandle: boolean): Generator<Yield, void, void> {
    yield* this.clientCall(c, 'CM_Unregister_Notification', cause, at, undefined, () => { c.registered = false; c.registeredOn = undefined; });
    if (closeHandle && c.handle) yield* this.clientCall(c, 'CloseHandle', cause, at, { Handle: c.handle }, () => this.clientClosed(c));
  }

  clientClosed(c: Client): void {
    c.handle = undefined;
    this.scheduler.signal('pnp:removable');
  }

  /** Target-device clients watching `d` open a handle and register on it once `d` has started; undefined when there is none. */
  clientsOpenHandles(d: Device, cause: number | undefined, at: string): Generator<Yield, void, void> | undefined {
    for (const c of this.clientList) if (opensHandleOn(c, d)) return this.openClientHandles(d, cause, at);
    return undefined;
  }

  private *openClientHandles(d: Device, cause: number | undefined, at: string): Generator<Yield, void, void> {
    for (const c of this.clientList) {
      if (!opensHandleOn(c, d)) continue;
      const calls = CLIENT_CALLS[c.config.mode];
      yield* this.clientCall(c, calls.open, cause, at, { Device: d.id }, () => { c.handle = d.id; });
      if (!c.registered || c.registeredOn !== d.id) yield* this.clientCall(c, calls.register, cause, at, undefined, () => { c.registered = true; c.registeredOn = d.id; });
    }
  }

  private *register(c: Client, cause: number): Generator<Yield, void, void> {
    yield* this.clientCall(c, registrationCalls(c).register, cause, 'lab/register', undefined, () => {
      c.registered = true;
      if (c.config.category === 'TargetDeviceChange') c.registeredOn = c.handle;
    });
    if (c.config.category !== 'DeviceInterfaceChange' || !c.config.includeExisting) return;
    // PNPNOTIFY_DEVICE_INTERFACE_INCLUDE_EXISTING_INTERFACES: one arrival per interface already enabled
    for (const d of this.deviceList) {
      const f = d.layers.find((l) => l.layer === 'function');
      if (!f?.interfacesEnabled || !f.interfaces.includes(c.config.interfaceClass!)) continue;
      this.emit({ kind: 'notify', name: 'GUID_DEVICE_INTERFACE_ARRIVAL', device: d.id, client: c.config.id, args: { InterfaceClassGuid: c.config.interfaceClass! }, result: 'STATUS_SUCCESS', at: 'lab/register' }, cause);
      if (!this.scheduler.advance(1)) yield 1;
    }
  }

  private *reportCustomEvent(d: Device, guid: string, async: boolean, cause: number): Generator<Yield, void, void> {
    const f = d.layers.find((l) => l.layer === 'function' && l.deviceObject);
    if (!f) {
      this.emit({ kind: 'warn', name: 'IoReportTargetDeviceChange', device: d.id, args: { message: `No driver of "${d.id}" is loaded, so no driver raises the event.` }, at: 'lab/customEvent' }, cause);
      return;
    }
    const name = async ? 'IoReportTargetDeviceChangeAsynchronous' : 'IoReportTargetDeviceChange';
    const event = this.emit({ kind: 'call', name, device: d.id, layer: 'function', driver: f.driver, args: { Event: guid }, result: 'STATUS_PENDING', at: 'lab/customEvent' }, cause);
    if (!this.scheduler.advance(1)) yield 1;
    if (SYSTEM_EVENT_GUIDS.has(guid)) {
      this.trace.complete(event, 'STATUS_INVALID_DEVICE_REQUEST');
      return;
    }
    const done = `custom-event:${event.seq}`;
    this.queueCustomEvent(d, guid, async, cause, async ? undefined : done);
    if (async) return;
    yield { wait: done }; // the synchronous form returns once every registrant has been told
    this.trace.complete(event, 'STATUS_SUCCESS');
  }

  /** `caller`: the client that raised the event (a notification callback), when it is not `d`'s function driver. */
  queueCustomEvent(d: Device, guid: string, async: boolean, cause: number | undefined, done: string | undefined, caller?: string): void {
    this.request(d, 'pnp.customEvent', cause, {}, undefined, caller === undefined ? { Guid: guid, Async: String(async) } : { Guid: guid, Async: String(async), Caller: caller }, done);
  }

  /** Interface arrival and removal are queued and delivered after the current PnP operation. */
  queueInterfaceChange(d: Device, iface: string, event: NotifyEvent, cause: number | undefined): void {
    if (!this.hasClientOf(iface)) return;
    this.request(d, 'pnp.interfaceChange', cause, {}, undefined, { Event: event, InterfaceClassGuid: iface });
  }

  /** Whether some client watches the interface class. */
  private hasClientOf(iface: string): boolean {
    for (const c of this.clientList) if (c.config.interfaceClass === iface) return true;
    return false;
  }

  /** The hub above `d`, when it is idle in Dx and `d`'s PDO must wait for it to be back in D0. */
  idleParent(d: Device): Device | undefined {
    return idleParent(this, d);
  }

  /**
   * A child's PDO powers up while its hub is idle: it takes a power reference on the hub, which brings the hub back to
   * D0 first (the hub's owner cancels its wait-wake IRP and asks for D0, as when I/O arrives), and waits for it
   * (pdopower.cpp FxPkgPdo::PowerCheckParentOverload → PowerPolicyCanChildPowerUp: "if the parent is in Dx, we force it
   * back into D0 so that this child can be in D0"). Ends with whether the hub reached D0; if it did not, its failure
   * is reported to the PnP manager once the current operation is done.
   */
  *powerUpParent(d: Device, tableId: string, cause: number | undefined): Generator<Yield, boolean, void> {
    const parent = idleParent(this, d);
    if (parent === undefined) return true;
    const request: PnpRequest = { cause, problem: undefined, mode: undefined, removing: new Set(), queried: [], veto: undefined, failedBy: undefined };
    const r = startTable(getTable(tableId), new PnpHost(this, parent, request), { By: 'io' });
    const end = typeof r === 'string' ? r : yield* r;
    if (end === 'ok') return true;
    this.request(parent, 'power.wakeFailure', cause, { problem: 'CM_PROB_FAILED_POST_START', failedBy: request.failedBy }, (x) => x.state === 'Started');
    return false;
  }

  /**
   * UMDF: after the reflector terminates the host, the device is reported failed. `Hosted`: whether the host
   * still held the device's stack (a hang while the driver unloads, after the stack was removed, leaves
   * nothing for the driver manager to restart).
   */
  queueHostFailure(d: Device, cause: number | undefined): void {
    this.request(d, 'pnp.umdfHostFailure', cause, { problem: 'CM_PROB_FAILED_POST_START' }, undefined, { Guid: 'GUID_WUDF_DEVICE_HOST_PROBLEM', Hosted: String(functionLayer(d)?.deviceObject === true) });
  }

  /**
   * UMDF: once the failed host's stack is torn down (IRP_MN_REMOVE_DEVICE, after the last handle closed) and the
   * device is still present with its PDO, the driver manager starts it again (pnp.umdfRestart).
   */
  restartWhenRemoved(d: Device, cause: number | undefined): void {
    this.scheduler.spawn(this.restartAfterRemoval(d, cause));
  }

  private *restartAfterRemoval(d: Device, cause: number | undefined): Generator<Yield, void, void> {
    while (d.layers.some((l) => l.layer === 'function' && l.deviceObject) || this.removalsPending.has(d)) yield REMOVABLE;
    this.request(d, 'pnp.umdfRestart', cause, {}, (x) => this.isPresent(x) && hasStack(x) && x.state === 'EnumeratedAndDriversInitialized' && x.problem !== 'CM_PROB_DISABLED' && x.problem !== 'CM_PROB_HELD_FOR_EJECT');
  }

  /** Runs everything that is due, until nothing is (tasks waiting for handles or hung callbacks stay waiting). */
  settle(): void {
    this.scheduler.runUntilSettled();
  }

  runUntil(t: number): void {
    this.scheduler.runUntil(t);
  }

  // ---- topology (topology.ts) ------------------------------------------------------------------

  isPresent(d: Device): boolean {
    return isPresent(this, d);
  }

  parentDevice(d: Device): Device | undefined {
    return parentDevice(this, d);
  }

  /** The devices plugged into `d`'s ports, by port number. */
  childrenOf(d: Device): Device[] {
    return childrenOf(this, d);
  }

  /** Whether some device plugged into `d` still has its driver stack (its removal is not done). */
  hasChildWithStack(d: Device): boolean {
    return hasChildWithStack(this, d);
  }

  /** The device and its descendants, children before parents (topology.ts: kernel/handling-an-irp-mn-remove-device-request.md). */
  subtreePostOrder(d: Device): Device[] {
    return subtreePostOrder(this, d);
  }

  busDriverOf(d: Device): BusDriver {
    return busDriverOf(this, d);
  }

  /** Every port of the lab: built-in buses first, then the ports of plugged-in hubs. */
  ports(): Port[] {
    return ports(this);
  }

  freePort(d: Device): string | undefined {
    return freePort(this, d);
  }

  // ---- drivers ------------------------------------------------------------------------------

  isDriverLoaded(driver: string): boolean {
    return this.loadedDrivers.has(driver);
  }

  markDriverLoaded(driver: string): void {
    this.loadedDrivers.add(driver);
  }

  markDriverUnloaded(driver: string): void {
    this.loadedDrivers.delete(driver);
  }

  /** Unloads each loaded driver left with no device object; undefined when there is none (nothing to do). */
  unloadUnusedDrivers(d: Device, cause: number | undefined): Generator<Yield, void, void> | undefined {
    return unloadDriversWithoutDeviceObjects(this, this.loadedDrivers, d, cause);
  }

  // ---- devnode --------------------------------------------------------------------------------

  /**
   * A `state` event is a transition of the figure (kernel/state-transitions-for-pnp-devices.md), never from a state
   * to itself. When the state stays and only a Device Manager problem code is set, the event has no `From`; a problem
   * code that goes away without a transition stays shown until the devnode's next transition clears it.
   */
  setState(d: Device, state: PnpState, problem: Problem | undefined, cause: number | undefined, at: string): void {
    if (d.state === state) {
      if (problem === undefined || problem === d.problem) return;
      d.problem = problem;
      this.emitStack('state', state, d.id, undefined, undefined, this.problemArgs(problem), undefined, at, cause);
      return;
    }
    const from = d.state;
    d.state = state;
    d.problem = problem;
    this.emitStack('state', state, d.id, undefined, undefined, this.stateArgs(from, problem), undefined, at, cause);
  }

  /** `{ From, Problem? }`, one object per pair for the whole run (event args are read-only). */
  private stateArgs(from: PnpState, problem: Problem | undefined): Record<string, string> {
    let byProblem = this.stateArgsCache.get(from);
    if (!byProblem) this.stateArgsCache.set(from, (byProblem = new Map()));
    let args = byProblem.get(problem);
    if (!args) {
      args = { From: from };
      if (problem) args.Problem = problem;
      byProblem.set(problem, args);
    }
    return args;
  }

  /** `{ Problem }`, one object per problem code for the whole run (event args are read-only). */
  private problemArgs(problem: Problem): Record<string, string> {
    let args = this.problemArgsCache.get(problem);
    if (!args) this.problemArgsCache.set(problem, (args = { Problem: problem }));
    return args;
  }

  /** After IRP_MN_REMOVE_DEVICE: a kept PDO shows its problem code; otherwise the devnode is gone. */
  setRemovedState(d: Device, problem: Problem | undefined, cause: number | undefined, at: string): void {
    if (hasStack(d)) this.setState(d, 'EnumeratedAndDriversInitialized', problem, cause, at);
    else this.setState(d, this.isPresent(d) ? 'PhysicallyPresent' : 'PhysicallyAbsent', undefined, cause, at);
  }

  assignResources(d: Device, isNew: boolean): void {
    if (isNew) d.assignments++;
    if (d.model.resources.length === 0) {
      d.resourcesRaw = d.resourcesTranslated = NO_RESOURCES;
      return;
    }
    const base = (0xf7c00000 + d.assignments * 0x100000).toString(16).toUpperCase();
    const vector = (0x61 + d.assignments).toString(16).toUpperCase();
    d.resourcesRaw = `CmResourceTypeMemory 0x${base} length 0x20000; CmResourceTypeInterrupt MSI message 0`;
    d.resourcesTranslated = `CmResourceTypeMemory 0x${base} length 0x20000; CmResourceTypeInterrupt vector 0x${vector}`;
  }

  /** IRP_MN_REMOVE_DEVICE after a surprise removal waits for the last handle and for every child's removal. */
  deferRemove(d: Device, request: PnpRequest, tableId: string): void {
    if (this.removalsPending.has(d)) return;
    this.removalsPending.add(d);
    this.scheduler.spawn(this.removeWhenRemovable(d, request, tableId));
  }

  // Tasks are generator methods, not generator functions made per call: each of those would give its
  // generators a map of their own, which makes every read of a task's `next` a lookup among thousands.
  private *removeWhenRemovable(d: Device, request: PnpRequest, tableId: string): Generator<Yield, void, void> {
    while (this.handleCount(d) > 0 || this.hasChildWithStack(d)) yield REMOVABLE;
    const operation = this.onPnpThread(d, tableId, request, {});
    if (operation) yield* operation;
    this.removalsPending.delete(d);
    this.scheduler.signal('pnp:removable');
  }

  // ---- actions ----------------------------------------------------------------------------------

  private clientFor(id: string, path: string): Client {
    const c = this.clients.get(id);
    if (!c) throw new LabError(`${path}.client`, `unknown client "${id}"; expected one of: ${[...this.clients.keys()].join(', ') || '(no clients)'}`);
    return c;
  }

  private deviceFor(id: string, path: string): Device {
    const d = this.devices.get(id);
    if (!d) throw new LabError(`${path}.device`, `unknown device "${id}"; expected one of: ${[...this.devices.keys()].join(', ') || '(no devices)'}`);
    return d;
  }

  /** Whether the PnP manager has queued or running operations (state checks then wait until they run). */
  get pnpBusy(): boolean {
    return this.activeRequests > 0;
  }

  private plug(d: Device, port: string | undefined, cause: number): void {
    d.port = port ?? this.freePort(d)!;
    d.parent = d.port.slice(0, d.port.lastIndexOf(':'));
    d.openHandles = d.config.openHandles;
    d.reportedMissing = false;
    d.hostRestarts = 0;
    d.layers = buildLayers(d, this.busDriverOf(d));
    const parent = this.parentDevice(d);
    if (parent === undefined || parent.state === 'Started') {
      this.request(d, 'pnp.arrival', cause, {}, undefined);
    } else {
      this.setState(d, 'PhysicallyPresent', undefined, cause, 'lab/plug');
    }
  }

  private unplug(d: Device, cause: number): void {
    const enumerated = this.subtreePostOrder(d).some(hasStack);
    if (!enumerated) {
      d.port = undefined;
      for (const s of this.subtreePostOrder(d)) this.setState(s, 'PhysicallyAbsent', undefined, cause, 'lab/unplug');
      return;
    }
    d.port = undefined;
    for (const s of this.subtreePostOrder(d)) this.wia?.hardwareGone(s);
    this.request(d, 'pnp.surpriseRemoval', cause, {}, undefined);
  }

  private setStaticStopRemove(d: Device, stoppable: boolean, cause: number): void {
    const f = d.layers.find((l) => l.layer === 'function' && l.deviceObject);
    if (!f) {
      this.emit({ kind: 'warn', name: 'WdfDeviceSetStaticStopRemove', device: d.id, args: { message: `No driver of "${d.id}" is loaded, so nothing calls WdfDeviceSetStaticStopRemove.` }, at: 'lab/staticStopRemove' }, cause);
      return;
    }
    this.emit({ kind: 'call', name: 'WdfDeviceSetStaticStopRemove', device: d.id, layer: 'function', driver: f.driver, args: { Stoppable: stoppable ? 'TRUE' : 'FALSE' }, at: 'lab/staticStopRemove' }, cause);
    if (!stoppable) f.staticStopCount++;
    else if (f.staticStopCount > 0) f.staticStopCount--;
    else this.emit({ kind: 'warn', name: 'WdfDeviceSetStaticStopRemove', device: d.id, layer: 'function', driver: f.driver, args: { message: 'WdfDeviceSetStaticStopRemove(TRUE) without an earlier FALSE: the calls are counted and must be balanced (Driver Verifier would break here).' }, at: 'lab/staticStopRemove' }, cause);
  }

  /** Queues a PnP operation on the PnP manager's single thread. */
  private request(d: Device, tableId: string, cause: number | undefined, init: Pick<PnpRequest, 'problem' | 'mode' | 'failedBy'>, precondition: ((d: Device) => boolean) | undefined, params: Record<string, string> = {}, done?: string): void {
    // one object shape for every request (no spread of `init`)
    const request: PnpRequest = { cause, problem: init.problem, mode: init.mode, removing: new Set(), queried: [], veto: undefined, failedBy: init.failedBy };
    this.activeRequests++;
    this.scheduler.spawn(this.runRequest(d, tableId, request, params, precondition, done));
  }

  private *runRequest(d: Device, tableId: string, request: PnpRequest, params: Record<string, string>, precondition: ((d: Device) => boolean) | undefined, done: string | undefined): Generator<Yield, void, void> {
    const operation = this.onPnpThread(d, tableId, request, params, precondition);
    if (operation) yield* operation;
    this.activeRequests--;
    this.scheduler.signal('pnp:removable');
    // a request dropped at power-off did not happen: whoever waits for it (a synchronous
    // IoReportTargetDeviceChange) stays waiting, its result pending
    if (done && this.poweredOffAt === undefined) this.scheduler.signal(done);
  }

  /** A PnP operation about no one device (a hardware profile change). */
  private requestGlobal(tableId: string, cause: number, params: Record<string, string>): void {
    this.request(NO_DEVICE, tableId, cause, {}, undefined, params);
  }

  /**
   * Runs a PnP operation on the PnP thread: at once when the thread is free and nothing has to wait
   * (undefined), else the task step that carries it out.
   */
  private onPnpThread(d: Device, tableId: string, request: PnpRequest, params: Record<string, string>, precondition?: (d: Device) => boolean): Generator<Yield, void, void> | undefined {
    if (!this.pnpThread.tryAcquire()) return this.onPnpThreadLater(d, tableId, request, params, precondition);
    const pending = this.operate(d, tableId, request, params, precondition);
    if (pending) return this.releaseAfter(pending);
    this.pnpThread.release();
    return undefined;
  }

  private *onPnpThreadLater(d: Device, tableId: string, request: PnpRequest, params: Record<string, string>, precondition?: (d: Device) => boolean): Generator<Yield, void, void> {
    yield* this.pnpThread.acquire();
    const pending = this.operate(d, tableId, request, params, precondition);
    if (pending) yield* pending;
    this.pnpThread.release();
  }

  private *releaseAfter(pending: Generator<Yield, unknown, void>): Generator<Yield, void, void> {
    yield* pending;
    this.pnpThread.release();
  }

  /** The operation itself, once the PnP thread is held: undefined when it ended at once. */
  private operate(d: Device, tableId: string, request: PnpRequest, params: Record<string, string>, precondition?: (d: Device) => boolean): Generator<Yield, unknown, void> | undefined {
    // Shutdown's final power-down was the last thing the machine did: what was still queued behind
    // it (an interface notification, a deferred IRP_MN_REMOVE_DEVICE, a UMDF host failure reported
    // while the power-down waited for the reflector) never runs. The lab's choice: the pages
    // describe no PnP activity after the system power-down (docs/fidelity.md, choice 74).
    if (this.poweredOffAt !== undefined) return undefined;
    if (precondition && !precondition(d)) {
      this.emit({ kind: 'warn', name: getTable(tableId).title, device: d.id, args: { message: `Nothing to do: by the time the PnP manager got to this request, "${d.id}" was ${describe(d)}.` }, at: `${tableId}` }, request.cause);
      return undefined;
    }
    const r = startTable(getTable(tableId), new PnpHost(this, d, request), params);
    if (tableId === 'power.shutdown') {
      if (typeof r !== 'string') return this.powerOffAfter(r);
      this.poweredOffAt = this.trace.length;
    }
    return typeof r === 'string' ? undefined : r;
  }

  /** Shutdown's final power-down, once its last IRP is done: the machine is off. */
  private *powerOffAfter(powerDown: Generator<Yield, unknown, void>): Generator<Yield, void, void> {
    yield* powerDown;
    this.poweredOffAt = this.trace.length;
  }
}

function* sleep(ms: number): Generator<Yield, void, void> {
  yield ms;
}

const NOTHING = (): void => {};

/** What a deferred removal waits for: a handle closed or a PnP operation done. */
const REMOVABLE: Wait = { wait: 'pnp:removable' };

/** Operations about the whole machine run with no devnode: their events carry no device field. */
const NO_DEVICE = undefined as unknown as Device;
