/**
 * The WIA service (stisvc) and each scanner's minidriver. The service is a user-mode PnP notification
 * client like any other: it hears GUID_DEVINTERFACE_IMAGE arrivals and registers on the device handle
 * the minidriver opens, so a pulled cable reaches it as a remove-pending notification. It serializes
 * calls into a driver (one WIA lock), except drvNotifyPnpEvent, which arrives at any time.
 */
import type { Device } from '../device';
import { LabError } from '../errors';
import type { EngineContext } from '../context';
import type { RowRef } from '../inspect';
import type { Client, NotifyEvent } from '../notify/clients';
import { FifoLock, type Yield } from '../scheduler';
import { getTable } from '../tables/registry';
import { runTable } from '../tables/table';
import { WiaHost } from './wiaHost';
import type { TraceEvent } from '../trace';
import { HRESULTS, isFailure } from './codes';

export interface WiaOptions {
  feeder: boolean;
  /** Sheets loaded in the feeder. */
  pages: number;
  /** A minidriver that ignores its disconnected flag. */
  careless: boolean;
}


export interface Transfer {
  app: string;
  tymed: 'memory' | 'file';
  pagesRequested: number;
  page: number;
  band: number;
  hr: string;
  started: boolean;
  appResponse?: string;
  hardwareCancel: boolean;
  cancelIo: boolean;
  jam: boolean;
  readSignal?: string;
  appEvent?: TraceEvent;
}

export interface Scanner {
  device: Device;
  opts: WiaOptions;
  loaded: boolean;
  /** The minidriver's own flag, set when it gets WIA_EVENT_DEVICE_DISCONNECTED. */
  disconnected: boolean;
  apps: string[];
  registeredApps: string[];
  sheets: number;
  transfer: Transfer | undefined;
  client: Client;
}

export const WIA_SERVICE_CLIENT = 'stisvc';

export class WiaService {
  readonly scanners = new Map<string, Scanner>();
  private readonly lock: FifoLock;
  private reads = 0;

  constructor(private readonly ctx: EngineContext) {
    this.lock = new FifoLock(ctx.runtime.scheduler, 'wia-service');
  }

  addScanner(device: Device, opts: WiaOptions, client: Client): void {
    this.scanners.set(device.id, { device, opts, loaded: false, disconnected: false, apps: [], registeredApps: [], sheets: opts.feeder ? opts.pages : Infinity, transfer: undefined, client });
  }

  scannerFor(id: string, path: string): Scanner {
    const s = this.scanners.get(id);
    if (!s) throw new LabError(path, `"${id}" is not a scanner; expected the id of a usb-scanner device`);
    return s;
  }

  // ---- user actions ------------------------------------------------------------------------

  connect(s: Scanner, app: string, cause: number): void {
    this.serialized(s, 'wia.connect', app, cause);
  }

  release(s: Scanner, app: string, cause: number): void {
    this.serialized(s, 'wia.release', app, cause);
  }

  scan(s: Scanner, app: string, tymed: 'memory' | 'file', pages: number, cause: number): void {
    s.transfer = { app, tymed, pagesRequested: s.opts.feeder ? pages : 1, page: 0, band: 0, hr: 'S_OK', started: false, hardwareCancel: false, cancelIo: false, jam: false };
    this.serialized(s, 'wia.scan', app, cause);
  }

  asyncCancel(s: Scanner, cause: number): void {
    this.ctx.runtime.scheduler.spawn(this.run(s, 'wia.asyncCancel', s.transfer!.app, cause));
  }

  /** Shutdown: every loaded driver is unloaded, and WIA_EVENT_DEVICE_DISCONNECTED is not sent. */
  *shutdown(cause: number): Generator<Yield, void, void> {
    for (const s of this.scanners.values()) {
      // decided once the service holds the lock: a load in progress ends first (then this unloads
      // it), an unload queued earlier (after a disconnect) may already have run
      yield* this.lock.acquire();
      if (s.loaded) yield* this.run(s, 'wia.unload', undefined, cause);
      this.lock.release();
    }
  }

  // ---- PnP side -------------------------------------------------------------------------------

  /** The cable is out: a read in flight fails now. */
  hardwareGone(d: Device): void {
    const t = this.scanners.get(d.id)?.transfer;
    if (t?.readSignal) this.ctx.runtime.scheduler.signal(t.readSignal);
  }

  /** Whether the service vetoes a query-remove: it does while a transfer runs (the device is busy). */
  vetoes(c: Client, event: NotifyEvent): boolean {
    if (event !== 'QueryRemove') return false;
    const s = this.scannerOfClient(c);
    return s?.transfer !== undefined;
  }

  /** How the service reacts to a PnP notification (called by notify/deliver.ts for its clients). */
  *react(c: Client, event: NotifyEvent, cause: number | undefined, deviceId: string | undefined, at: string): Generator<Yield, void, void> {
    if (event === 'InterfaceArrival' && deviceId) {
      const s = this.scanners.get(deviceId);
      if (s && this.mayLoad(s)) this.ctx.runtime.scheduler.spawn(this.load(s, cause));
      return;
    }
    const s = this.scannerOfClient(c);
    if (!s) return;
    switch (event) {
      case 'QueryRemove':
        // the service lets go of the device: it unloads the driver, which closes the handle
        if (s.loaded) yield* this.locked(s, 'wia.unload', undefined, cause);
        return;
      case 'RemoveCancelled':
        if (this.mayLoad(s)) this.ctx.runtime.scheduler.spawn(this.load(s, cause));
        return;
      case 'RemoveComplete':
        yield* this.ctx.notifications.unregisterFromCallback(c, cause, at, false);
        return;
      case 'SurpriseRemoveComplete':
        // once shutdown began the service unloads its drivers without WIA_EVENT_DEVICE_DISCONNECTED (seed)
        if (s.loaded && !this.ctx.pnp.shutDown) yield* this.run(s, 'wia.disconnect', undefined, cause);
        yield* this.ctx.notifications.unregisterFromCallback(c, cause, at, false);
        return;
      default:
        return;
    }
  }

  /**
   * Whether the service loads the minidriver now. A notification is delivered after the operation
   * that caused it (kernel/handling-device-interface-change-events.md: the PnP manager calls every
   * registered callback when an interface is enabled or disabled), so by the time the service hears
   * of an arrival the interface may be disabled again: a client opens an interface only while it is
   * there (install/registering-for-notification-of-device-interface-arrival-and-device-removal.md:
   * register on the handle "after successfully creating" it), and the minidriver's
   * IStiUSD::Initialize opens the device (image/loading-and-unloading-a-wia-minidriver.md), which a
   * device that is not started, or is being removed, refuses. At shutdown the service unloads its
   * drivers and loads none. Checked when the notification arrives and again when the service gets to
   * the load (it waits for the WIA lock meanwhile). The lab's choice where the pages are silent on
   * the service itself: it skips the load without a trace event (docs/fidelity.md, choice 73).
   */
  private mayLoad(s: Scanner): boolean {
    if (s.loaded || this.ctx.pnp.shutDown) return false;
    const d = s.device;
    if (d.state !== 'Started') return false;
    for (const l of d.layers) if (l.layer === 'function') return l.deviceObject && l.interfacesEnabled;
    return false;
  }

  private *load(s: Scanner, cause: number | undefined): Generator<Yield, void, void> {
    yield* this.lock.acquire();
    if (this.mayLoad(s)) yield* this.run(s, 'wia.load', undefined, cause);
    this.lock.release();
  }

  /** A row's queued unload (its run names that row as the one that queued it: the inspection stream's `queuedBy`). */
  queueUnload(s: Scanner, cause: number | undefined): void {
    this.ctx.runtime.scheduler.spawn(this.locked(s, 'wia.unload', undefined, cause, this.ctx.runtime.inspector?.here()));
  }

  private scannerOfClient(c: Client): Scanner | undefined {
    for (const s of this.scanners.values()) if (s.client === c) return s;
    return undefined;
  }

  private serialized(s: Scanner, table: string, app: string, cause: number): void {
    this.ctx.runtime.scheduler.spawn(this.locked(s, table, app, cause));
  }

  private *locked(s: Scanner, table: string, app: string | undefined, cause: number | undefined, queuedBy?: RowRef): Generator<Yield, void, void> {
    yield* this.lock.acquire();
    if (table === 'wia.unload') {
      // an unload queued after a disconnect finds nothing to do if shutdown's unload came first
      if (s.loaded) yield* this.run(s, table, app, cause, queuedBy);
    } else if (s.loaded && (table === 'wia.connect' || s.apps.includes(app!))) {
      yield* this.run(s, table, app, cause);
    } else {
      // A request queued while the service was busy (a step with `after`) that the driver can no
      // longer take: it is not loaded (not yet, or no more), or the application is not connected.
      // Nothing reaches the minidriver (image/loading-and-unloading-a-wia-minidriver.md: the service
      // calls a driver only between IStiUSD::Initialize and its release).
      if (table === 'wia.scan') s.transfer = undefined;
      this.nothingToDo(s, table, cause);
    }
    this.lock.release();
  }

  /** A queued request that found nothing to do: a `warn` named after the operation, as the PnP manager's (docs/trace-format.md). */
  private nothingToDo(s: Scanner, table: string, cause: number | undefined): void {
    const why = s.loaded ? 'the application was not connected' : `the minidriver for "${s.device.id}" was not loaded (the scanner was ${s.device.problem ? `${s.device.state} (${s.device.problem})` : s.device.state})`;
    this.ctx.runtime.emit({ kind: 'warn', name: getTable(table).title, device: s.device.id, args: { message: `Nothing to do: by the time the WIA service got to this request, ${why}.` }, at: table }, cause);
  }

  private *run(s: Scanner, table: string, app: string | undefined, cause: number | undefined, queuedBy?: RowRef): Generator<Yield, void, void> {
    yield* runTable(getTable(table), new WiaHost(this.ctx, this, s, app, cause, queuedBy), {});
  }

  nextReadSignal(s: Scanner): string {
    return `wia-read:${s.device.id}:${this.reads++}`;
  }
}

/** HRESULT names an application may return from its callback (appError). */
export const APP_ERROR_HRESULTS = Object.keys(HRESULTS).filter((n) => isFailure(n));
