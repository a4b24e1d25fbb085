/**
 * A system set-power IRP (IRP_MN_SET_POWER for a system power state) held by the device's power policy owner while the
 * device set-power IRP it asks for goes through the stack. kernel/handling-a-system-set-power-irp-in-a-device-power-policy-owner.md:
 * the owner passes the system IRP down with an IoCompletion routine, sends the device IRP from that routine, and "after
 * all drivers in the stack have completed the device set-power IRP, the device power policy owner completes the system
 * set-power IRP". KMDF does exactly that for an Sx IRP (fdopower.cpp FxPkgFdo::DispatchSystemSetPower: SetPendingSystemPowerIrp,
 * _SystemPowerSxCompletion returns STATUS_MORE_PROCESSING_REQUIRED; "Power policy will complete the system irp").
 *
 * So the system IRP's events of the owner (the function driver) and of every driver above it read STATUS_PENDING until the
 * owner completes it; the drivers below it (lower filters, the bus driver) completed their part on the way.
 */
import type { Device } from '../device';
import type { EngineContext } from '../context';
import type { TraceEvent } from '../trace';

/**
 * Marks pending the system IRP's events, recorded after seq `from` (`ctx.runtime.trace.length` before it was sent), of the
 * drivers from the top of `d`'s stack down to the power policy owner, and keeps them from the sink until completed.
 */
export function holdSystemIrp(ctx: EngineContext, d: Device, from: number): TraceEvent[] {
  const events = ctx.runtime.trace.events; // may have been drained at the front: count from the end
  const held: TraceEvent[] = [];
  for (let i = Math.max(0, events.length - (ctx.runtime.trace.length - from)); i < events.length; i++) {
    const e = events[i];
    if (e.kind !== 'irp' || e.name !== 'IRP_MN_SET_POWER' || e.device !== d.id) continue;
    held.push(e);
    if (e.layer === 'function') break; // the power policy owner: the drivers below it completed their part
  }
  for (const e of held) {
    ctx.runtime.trace.reopen(e);
    ctx.runtime.trace.hold(e);
  }
  return held;
}

/** The owner completes the system IRP: each held event gets its status, known from the event just recorded on. */
export function completeSystemIrp(ctx: EngineContext, held: readonly TraceEvent[]): void {
  for (const e of held) ctx.runtime.trace.complete(e, 'STATUS_SUCCESS');
}
