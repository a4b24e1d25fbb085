/**
 * The IRP_MN_WAIT_WAKE a power policy owner sends when it idles its device out with wake armed, and how it ends.
 * kernel/irp-mn-wait-wake.md: the bus driver holds it pending "until a wake-up signal occurs or until the driver that
 * sent the IRP cancels it"; STATUS_SUCCESS when the device signalled wake, STATUS_CANCELLED when it was cancelled.
 * kernel/handling-a-wait-wake-irp-in-a-bus-driver--pdo-.md step 7: on the wake signal the bus driver calls
 * IoCompleteRequest with STATUS_SUCCESS (a KMDF bus driver calls WdfDeviceIndicateWakeStatus, which does it:
 * powerstatemachine.cpp PowerIndicateWaitWakeStatus, PowerCompletePendedWakeIrp). kernel/canceling-a-wait-wake-irp.md:
 * only the driver that sent it cancels it (IoCancelIrp), on a stop or remove, or when the system goes to sleep;
 * the bus driver's cancel routine completes it with STATUS_CANCELLED.
 *
 * Each driver's irp event for the IRP reads STATUS_PENDING until then; completing it sets its `result` and `end`.
 */
import { functionLayer, type Device } from '../device';
import type { EngineContext } from '../context';
import type { Yield } from '../scheduler';
import { IRP_COST_MS } from './irps';

/** Remembers the irp events of the wait-wake IRP just sent to `d` (those recorded after seq `from`: `ctx.runtime.trace.length` before sending). */
export function noteWaitWake(ctx: EngineContext, d: Device, from: number): void {
  const events = ctx.runtime.trace.events; // may have been drained at the front (TraceRecorder.drainTo): count from the end
  const sent = [];
  for (let i = Math.max(0, events.length - (ctx.runtime.trace.length - from)); i < events.length; i++) {
    const e = events[i];
    if (e.kind === 'irp' && e.name === 'IRP_MN_WAIT_WAKE' && e.device === d.id) sent.push(e);
  }
  if (sent.length === 0) return;
  for (const e of sent) ctx.runtime.trace.hold(e); // pending until the wake or a cancel, however long the trace grows meanwhile
  d.waitWake = sent;
}

/**
 * The device signalled wake: its bus driver completes the pending IRP with STATUS_SUCCESS. Returns whether the
 * call's virtual time was spent at once (false: the caller waits IRP_COST_MS).
 */
export function completeWaitWake(ctx: EngineContext, d: Device, cause: number | undefined, at: string): Iterable<Yield> {
  const bus = d.layers[0];
  if (bus.framework === 'kmdf') {
    ctx.runtime.emit({ kind: 'call', name: 'WdfDeviceIndicateWakeStatus', device: d.id, layer: 'bus', driver: bus.driver, args: { WaitWakeStatus: 'STATUS_SUCCESS' }, at }, cause);
  } else {
    // a WDM bus driver (pci.sys) completes the IRP itself
    ctx.runtime.emit({ kind: 'call', name: 'IoCompleteRequest', device: d.id, layer: 'bus', driver: bus.driver, args: { Irp: 'IRP_MN_WAIT_WAKE', Status: 'STATUS_SUCCESS', PriorityBoost: 'IO_NO_INCREMENT' }, at }, cause);
  }
  finish(ctx, d, 'STATUS_SUCCESS', cause, at);
  return ctx.runtime.spend(IRP_COST_MS);
}

/** The power policy owner (the function driver, which sent it) cancels the pending IRP; it completes with STATUS_CANCELLED. */
export function cancelWaitWake(ctx: EngineContext, d: Device, cause: number | undefined, at: string): Iterable<Yield> {
  const f = functionLayer(d);
  ctx.runtime.emit({ kind: 'call', name: 'IoCancelIrp', device: d.id, layer: 'function', driver: f?.driver, args: { Irp: 'IRP_MN_WAIT_WAKE' }, result: 'TRUE', at }, cause);
  finish(ctx, d, 'STATUS_CANCELLED', cause, at);
  return ctx.runtime.spend(IRP_COST_MS);
}

/**
 * Each driver's irp event gets the IRP's final status, known from the event just recorded on. With irpTravel the
 * completion then goes back up the stack: an `up` event for each driver above the bus driver (irpTravel.ts).
 */
function finish(ctx: EngineContext, d: Device, status: string, cause: number | undefined, at: string): void {
  const sent = d.waitWake;
  if (sent === undefined) return;
  for (const e of sent) ctx.runtime.trace.complete(e, status);
  d.waitWake = undefined;
  if (!ctx.runtime.irpTravel) return;
  for (let i = sent.length - 2; i >= 0; i--) {
    const down = sent[i];
    ctx.runtime.trace.complete(ctx.runtime.emitIrp(down.name, d.id, down.layer!, down.driver!, 'up', down.args, at, cause), status);
  }
}
