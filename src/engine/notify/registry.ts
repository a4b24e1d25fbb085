/**
 * The notification registry: the scenario's clients (and the WIA service's), their registrations and handles, and the
 * calls they make (open, close, register, unregister), each recorded in the trace.
 */
import type { EngineContext, Notifications as NotificationsService } from '../context';
import type { Device } from '../device';
import type { Runtime } from '../runtime';
import type { Yield } from '../scheduler';
import { callResult, CLIENT_CALLS, isRegistration, opensHandleOn, registrationArgs, registrationCalls, SYSTEM_EVENT_GUIDS, type Client, type ClientConfig } from './clients';

const NOTHING = (): void => {};

export class Notifications implements NotificationsService {
  readonly clients = new Map<string, Client>();
  /** The clients in the map's order: the map is filled once, in `seal`; loops read this. */
  clientList: readonly Client[] = [];
  private readonly runtime: Runtime;

  constructor(private readonly ctx: EngineContext) {
    this.runtime = ctx.runtime;
  }

  add(config: ClientConfig): Client {
    const client: Client = { config, registered: false, registeredOn: undefined, handle: undefined };
    this.clients.set(config.id, client);
    return client;
  }

  /**
   * Once every client is added: interface and hardware-profile clients register before the first step; target-device
   * clients register on a handle, which they open when their device starts.
   */
  seal(): void {
    this.clientList = [...this.clients.values()];
    for (const c of this.clientList) {
      if (!c.config.registered || c.config.category === 'TargetDeviceChange') continue;
      const register = registrationCalls(c).register;
      this.runtime.emit({ kind: 'call', name: register, client: c.config.id, args: registrationArgs(c), result: callResult(register), at: 'lab/register' }, undefined);
      c.registered = true;
    }
  }

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

  /** Whether some client watches the interface class. */
  hasClientOf(iface: string): boolean {
    for (const c of this.clientList) if (c.config.interfaceClass === iface) return true;
    return false;
  }

  /** A client calls a system routine (open, close, register, unregister); `effect` is what it changes. */
  *clientCall(c: Client, name: string, cause: number | undefined, at: string, args: Record<string, string> | undefined, effect: () => void): Generator<Yield, void, void> {
    const device = args?.Device ?? c.handle ?? c.registeredOn ?? c.config.target;
    this.runtime.emit({ kind: 'call', name, device, client: c.config.id, args: isRegistration(name) ? { ...registrationArgs(c), ...args } : args, result: callResult(name), at }, cause);
    effect();
    yield* this.runtime.spend(1);
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
    this.runtime.scheduler.spawn(this.unregisterWorkItem(c, cause, at, closeHandle));
  }

  private *unregisterWorkItem(c: Client, cause: number | undefined, at: string, closeHandle: boolean): Generator<Yield, void, void> {
    yield* this.clientCall(c, 'CM_Unregister_Notification', cause, at, undefined, () => { c.registered = false; c.registeredOn = undefined; });
    if (closeHandle && c.handle) yield* this.clientCall(c, 'CloseHandle', cause, at, { Handle: c.handle }, () => this.clientClosed(c));
  }

  clientClosed(c: Client): void {
    c.handle = undefined;
    this.runtime.scheduler.signal('pnp:removable');
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

  // ---- user actions -------------------------------------------------------------------------------------

  *register(c: Client, cause: number): Generator<Yield, void, void> {
    yield* this.clientCall(c, registrationCalls(c).register, cause, 'lab/register', undefined, () => {
      c.registered = true;
      if (c.config.category === 'TargetDeviceChange') c.registeredOn = c.handle;
    });
    if (c.config.category !== 'DeviceInterfaceChange' || !c.config.includeExisting) return;
    // PNPNOTIFY_DEVICE_INTERFACE_INCLUDE_EXISTING_INTERFACES: one arrival per interface already enabled
    for (const d of this.ctx.devnodes.deviceList) {
      const f = d.layers.find((l) => l.layer === 'function');
      if (!f?.interfacesEnabled || !f.interfaces.includes(c.config.interfaceClass!)) continue;
      this.runtime.emit({ kind: 'notify', name: 'GUID_DEVICE_INTERFACE_ARRIVAL', device: d.id, client: c.config.id, args: { InterfaceClassGuid: c.config.interfaceClass! }, result: 'STATUS_SUCCESS', at: 'lab/register' }, cause);
      yield* this.runtime.spend(1);
    }
  }

  /** A driver raises a custom event (IoReportTargetDeviceChange[Asynchronous]); the synchronous form waits for its delivery. */
  *reportCustomEvent(d: Device, guid: string, async: boolean, cause: number): Generator<Yield, void, void> {
    const f = d.layers.find((l) => l.layer === 'function' && l.deviceObject);
    if (!f) {
      this.runtime.emit({ kind: 'warn', name: 'IoReportTargetDeviceChange', device: d.id, args: { message: `No driver of "${d.id}" is loaded, so no driver raises the event.` }, at: 'lab/customEvent' }, cause);
      return;
    }
    const name = async ? 'IoReportTargetDeviceChangeAsynchronous' : 'IoReportTargetDeviceChange';
    const event = this.runtime.emit({ kind: 'call', name, device: d.id, layer: 'function', driver: f.driver, args: { Event: guid }, result: 'STATUS_PENDING', at: 'lab/customEvent' }, cause);
    yield* this.runtime.spend(1);
    if (SYSTEM_EVENT_GUIDS.has(guid)) {
      this.runtime.trace.complete(event, 'STATUS_INVALID_DEVICE_REQUEST');
      return;
    }
    const done = `custom-event:${event.seq}`;
    this.ctx.pnp.queueCustomEvent(d, guid, async, cause, async ? undefined : done);
    if (async) return;
    yield { wait: done }; // the synchronous form returns once every registrant has been told
    this.runtime.trace.complete(event, 'STATUS_SUCCESS');
  }
}
