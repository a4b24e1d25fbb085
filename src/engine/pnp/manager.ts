/**
 * The PnP manager: one worker thread that carries out one PnP operation at a time (a FIFO lock), the requests queued
 * for it, removals deferred until the last handle closes, and the machine's hardware profile and power (shutdown).
 * Each operation runs a PnP table (pnp/tables.ts) with a PnpHost.
 */
import type { EngineContext, PnpManager as PnpManagerService } from '../context';
import { functionLayer, hasStack, type Device } from '../device';
import type { NotifyEvent } from '../notify/clients';
import type { Runtime } from '../runtime';
import { FifoLock, type Wait, type Yield } from '../scheduler';
import type { RowStep } from '../steps';
import { getTable } from '../tables/registry';
import { startTable } from '../tables/table';
import { describe } from '../validate';
import { reportBusRelations } from './busRelations';
import { startIrp, type IrpOptions, type IrpStep } from './irp';
import { PnpHost } from './pnpHost';
import type { PnpRequest } from './request';

/** What a deferred removal waits for: a handle closed or a PnP operation done. */
export const REMOVABLE: Wait = { wait: 'pnp:removable' };

/** What a request starts with (the rest of PnpRequest starts empty). */
/** `queuedBy`: the row to name as the one that queued the request, when it is not the row running now. */
export type RequestInit = Pick<PnpRequest, 'problem' | 'mode' | 'failedBy'> & { queuedBy?: PnpRequest['queuedBy'] };

export class PnpManager implements PnpManagerService {
  docked = false;
  shutDown = false;
  /**
   * The trace's length when shutdown's final power-down ended (the `power.shutdown` operation: the
   * last device's IRP_MN_SET_POWER to D3Final); undefined before. From then on the machine is off.
   */
  poweredOffAt: number | undefined = undefined;
  private readonly thread: FifoLock;
  private activeRequests = 0;
  /** Surprise-removed devnodes waiting to be sent IRP_MN_REMOVE_DEVICE. */
  private readonly removalsPending = new Set<Device>();
  private readonly runtime: Runtime;

  constructor(private readonly ctx: EngineContext) {
    this.runtime = ctx.runtime;
    this.thread = new FifoLock(ctx.runtime.scheduler, 'pnp-thread');
  }

  get pnpBusy(): boolean {
    return this.activeRequests > 0;
  }

  startIrp(device: Device, irp: string, opts: IrpOptions): IrpStep {
    return startIrp(this.ctx, device, irp, opts);
  }

  reportBusRelations(parentId: string, cause: number | undefined, at: string): RowStep {
    return reportBusRelations(this.ctx, parentId, cause, at);
  }

  /**
   * Queues a PnP operation on the PnP manager's single thread (`d` undefined: an operation about the whole machine,
   * whose events carry no device). `precondition`: checked when the thread gets to it; `done`: signalled when it ends.
   */
  request(d: Device | undefined, tableId: string, cause: number | undefined, init: RequestInit, precondition: ((d: Device) => boolean) | undefined, params: Record<string, string> = {}, done?: string): void {
    // one object shape for every request (no spread of `init`)
    const request: PnpRequest = { cause, problem: init.problem, mode: init.mode, removing: new Set(), queried: [], veto: undefined, failedBy: init.failedBy, queuedBy: init.queuedBy ?? this.runtime.inspector?.here() };
    this.activeRequests++;
    this.runtime.scheduler.spawn(this.runRequest(d, tableId, request, params, precondition, done));
  }

  private *runRequest(d: Device | undefined, tableId: string, request: PnpRequest, params: Record<string, string>, precondition: ((d: Device) => boolean) | undefined, done: string | undefined): Generator<Yield, void, void> {
    const operation = this.onThread(d, tableId, request, params, precondition);
    if (operation) yield* operation;
    this.activeRequests--;
    this.runtime.scheduler.signal('pnp:removable');
    // a request dropped at power-off did not happen: whoever waits for it (a synchronous
    // IoReportTargetDeviceChange) stays waiting, its result pending
    if (done && this.poweredOffAt === undefined) this.runtime.scheduler.signal(done);
  }

  /**
   * Runs a PnP operation on the PnP thread: at once when the thread is free and nothing has to wait
   * (undefined), else the task step that carries it out.
   */
  private onThread(d: Device | undefined, tableId: string, request: PnpRequest, params: Record<string, string>, precondition?: (d: Device) => boolean): Generator<Yield, void, void> | undefined {
    if (!this.thread.tryAcquire()) return this.onThreadLater(d, tableId, request, params, precondition);
    const pending = this.operate(d, tableId, request, params, precondition);
    if (pending) return this.releaseAfter(pending);
    this.thread.release();
    return undefined;
  }

  private *onThreadLater(d: Device | undefined, tableId: string, request: PnpRequest, params: Record<string, string>, precondition?: (d: Device) => boolean): Generator<Yield, void, void> {
    yield* this.thread.acquire();
    const pending = this.operate(d, tableId, request, params, precondition);
    if (pending) yield* pending;
    this.thread.release();
  }

  private *releaseAfter(pending: Generator<Yield, unknown, void>): Generator<Yield, void, void> {
    yield* pending;
    this.thread.release();
  }

  /** The operation itself, once the PnP thread is held: undefined when it ended at once. */
  private operate(d: Device | undefined, tableId: string, request: PnpRequest, params: Record<string, string>, precondition?: (d: Device) => boolean): Generator<Yield, unknown, void> | undefined {
    // Shutdown's final power-down was the last thing the machine did: what was still queued behind
    // it (an interface notification, a deferred IRP_MN_REMOVE_DEVICE, a UMDF host failure reported
    // while the power-down waited for the reflector) never runs. The lab's choice: the pages
    // describe no PnP activity after the system power-down (docs/fidelity.md, choice 74).
    if (this.poweredOffAt !== undefined) return undefined;
    if (d !== undefined && precondition && !precondition(d)) {
      this.runtime.emit({ kind: 'warn', name: getTable(tableId).title, device: d.id, args: { message: `Nothing to do: by the time the PnP manager got to this request, "${d.id}" was ${describe(d)}.` }, at: `${tableId}` }, request.cause);
      return undefined;
    }
    const r = startTable(getTable(tableId), new PnpHost(this.ctx, d, request), params);
    if (tableId === 'power.shutdown') {
      if (typeof r !== 'string') return this.powerOffAfter(r);
      this.poweredOffAt = this.runtime.trace.length;
    }
    return typeof r === 'string' ? undefined : r;
  }

  /** Shutdown's final power-down, once its last IRP is done: the machine is off. */
  private *powerOffAfter(powerDown: Generator<Yield, unknown, void>): Generator<Yield, void, void> {
    yield* powerDown;
    this.poweredOffAt = this.runtime.trace.length;
  }

  /** System shutdown: the WIA service unloads its drivers (no disconnect event), then every started device powers down. */
  *shutdown(cause: number): Generator<Yield, void, void> {
    this.shutDown = true;
    if (this.ctx.wia) yield* this.ctx.wia.shutdown(cause);
    this.request(undefined, 'power.shutdown', cause, {}, undefined, {});
  }

  // ---- deferred removal ------------------------------------------------------------------------------

  /** IRP_MN_REMOVE_DEVICE after a surprise removal waits for the last handle and for every child's removal. */
  deferRemove(d: Device, request: PnpRequest, tableId: string): void {
    if (this.removalsPending.has(d)) return;
    this.removalsPending.add(d);
    // the same operation, carried on later: the inspection stream names the row that deferred it (the operation has ended by then)
    const deferred: PnpRequest = { ...request, queuedBy: this.runtime.inspector?.here() };
    this.runtime.scheduler.spawn(this.removeWhenRemovable(d, deferred, tableId));
  }

  // Tasks are generator methods, not generator functions made per call: each of those would give its
  // generators a map of their own, which makes every read of a task's `next` a lookup among thousands.
  private *removeWhenRemovable(d: Device, request: PnpRequest, tableId: string): Generator<Yield, void, void> {
    while (this.ctx.notifications.handleCount(d) > 0 || this.ctx.devnodes.hasChildWithStack(d)) yield REMOVABLE;
    const operation = this.onThread(d, tableId, request, {});
    if (operation) yield* operation;
    this.removalsPending.delete(d);
    this.runtime.scheduler.signal('pnp:removable');
  }

  // ---- requests the engine's parts queue -------------------------------------------------------------

  /**
   * A child's PDO powers up while its hub is idle: it takes a power reference on the hub, which brings the hub back to
   * D0 first (the hub's owner cancels its wait-wake IRP and asks for D0, as when I/O arrives), and waits for it
   * (pdopower.cpp FxPkgPdo::PowerCheckParentOverload → PowerPolicyCanChildPowerUp: "if the parent is in Dx, we force it
   * back into D0 so that this child can be in D0"). Ends with whether the hub reached D0; if it did not, its failure
   * is reported to the PnP manager once the current operation is done.
   */
  *powerUpParent(d: Device, tableId: string, cause: number | undefined): Generator<Yield, boolean, void> {
    const parent = this.ctx.devnodes.idleParent(d);
    if (parent === undefined) return true;
    const request: PnpRequest = { cause, problem: undefined, mode: undefined, removing: new Set(), queried: [], veto: undefined, failedBy: undefined, queuedBy: undefined };
    const r = startTable(getTable(tableId), new PnpHost(this.ctx, parent, request), { By: 'io' });
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
    this.runtime.scheduler.spawn(this.restartAfterRemoval(d, cause, this.runtime.inspector?.here()));
  }

  private *restartAfterRemoval(d: Device, cause: number | undefined, queuedBy: PnpRequest['queuedBy']): Generator<Yield, void, void> {
    while (d.layers.some((l) => l.layer === 'function' && l.deviceObject) || this.removalsPending.has(d)) yield REMOVABLE;
    this.request(d, 'pnp.umdfRestart', cause, { queuedBy }, (x) => this.ctx.devnodes.isPresent(x) && hasStack(x) && x.state === 'EnumeratedAndDriversInitialized' && x.problem !== 'CM_PROB_DISABLED' && x.problem !== 'CM_PROB_HELD_FOR_EJECT');
  }

  /** `caller`: the client that raised the event (a notification callback), when it is not `d`'s function driver. */
  queueCustomEvent(d: Device, guid: string, async: boolean, cause: number | undefined, done: string | undefined, caller?: string): void {
    this.request(d, 'pnp.customEvent', cause, {}, undefined, caller === undefined ? { Guid: guid, Async: String(async) } : { Guid: guid, Async: String(async), Caller: caller }, done);
  }

  /** Interface arrival and removal are queued and delivered after the current PnP operation. */
  queueInterfaceChange(d: Device, iface: string, event: NotifyEvent, cause: number | undefined): void {
    if (!this.ctx.notifications.hasClientOf(iface)) return;
    this.request(d, 'pnp.interfaceChange', cause, {}, undefined, { Event: event, InterfaceClassGuid: iface });
  }
}
