/**
 * What must hold for every trace the engine records, whatever the scenario (the property tests in
 * src/engine/invariants.test.ts run them over random valid scenarios). Each check returns the first
 * violation as one sentence, or undefined. The rules follow docs/trace-format.md; where a rule comes
 * from a Microsoft page, the page is named.
 */
import type { TraceEvent } from '../engine/trace';

type Check = (trace: readonly TraceEvent[], steps: readonly { action: string }[]) => string | undefined;

const show = (e: TraceEvent) => `#${e.seq} ${e.kind} ${e.name}${e.device ? ` on ${e.device}` : ''}${e.layer ? `@${e.layer}` : ''}${e.at ? ` (${e.at})` : ''}`;

/** `seq` is 1, 2, 3, … and `t` never decreases (docs/trace-format.md, Fields). */
export const seqAndTime: Check = (trace) => {
  for (let i = 0; i < trace.length; i++) {
    const e = trace[i];
    if (e.seq !== i + 1) return `event ${i + 1} has seq ${e.seq}: seq must be 1, 2, 3, … in order`;
    if (i > 0 && e.t < trace[i - 1].t) return `${show(e)} at t=${e.t} comes after t=${trace[i - 1].t}: t must never decrease`;
  }
  return undefined;
};

/** One `user` event per step, in the steps' order, and every `cause` names an earlier `user` event. */
export const oneUserEventPerStep: Check = (trace, steps) => {
  const users = trace.filter((e) => e.kind === 'user');
  if (users.length !== steps.length) return `${users.length} user events for ${steps.length} steps: one user event per step`;
  for (let i = 0; i < steps.length; i++) if (users[i].name !== steps[i].action) return `user event ${show(users[i])} for steps[${i}] (${steps[i].action})`;
  const userSeqs = new Set(users.map((e) => e.seq));
  for (const e of trace) {
    if (e.cause !== undefined && !(userSeqs.has(e.cause) && e.cause < e.seq)) return `${show(e)} has cause ${e.cause}, which is not an earlier user event`;
  }
  return undefined;
};

const KMDF_HANG = /never returns/;

/** The hub (or bus) `device` was plugged into at `seq`: the port of its last `plug` step before then. */
function parentAt(trace: readonly TraceEvent[], device: string | undefined, seq: number): string | undefined {
  let port: string | undefined;
  for (const e of trace) {
    if (e.seq >= seq) break;
    if (e.kind === 'user' && e.name === 'plug' && e.device === device) port = String(e.args?.port ?? '');
  }
  return port === undefined ? undefined : port.slice(0, port.lastIndexOf(':'));
}

/** Whether `device` was on a port of `hub`, or of a hub below it, at `seq`. */
function isBelow(trace: readonly TraceEvent[], device: string | undefined, hub: string | undefined, seq: number): boolean {
  const seen = new Set<string>();
  for (let p = parentAt(trace, device, seq); p !== undefined && !seen.has(p); p = parentAt(trace, p, seq)) {
    if (p === hub) return true;
    seen.add(p);
  }
  return false;
}

/**
 * Every IRP completes: its event has `end` (seq <= end <= the trace's length) and a final result,
 * except (docs/trace-format.md, IRP events) IRP_MN_WAIT_WAKE, which stays STATUS_PENDING by design,
 * and an IRP a hung KMDF callback never lets go of: no `end`, STATUS_PENDING, and the hang's `warn`
 * comes after it, on that device, on a device below it or on a hub above it: a hub's bus driver calls
 * EvtChildListCreateDevice and EvtDeviceReportedMissing on a child's PDO while it handles the hub's own
 * IRP_MN_QUERY_DEVICE_RELATIONS (fxpkgpnp.cpp HandleQueryBusRelations), and a PDO that powers up inside its
 * IRP waits for its idle hub to return to D0 first (pdopower.cpp PowerCheckParentOverload). Other events
 * with `end` keep seq <= end <= length too.
 */
export const irpsComplete: Check = (trace) => {
  const hangs = trace.filter((e) => e.kind === 'warn' && KMDF_HANG.test(String(e.args?.message ?? '')));
  for (const e of trace) {
    if (e.end !== undefined && !(e.end >= e.seq && e.end <= trace.length)) return `${show(e)} has end ${e.end}: expected seq <= end <= ${trace.length}`;
    if (e.kind !== 'irp') continue;
    if (e.end === undefined) {
      const hung = hangs.some((h) => h.seq > e.seq && (h.device === e.device || isBelow(trace, h.device, e.device, h.seq) || isBelow(trace, e.device, h.device, h.seq)));
      if (!(hung && e.result === 'STATUS_PENDING')) return `${show(e)} has no end (result ${e.result}): every IRP event carries end unless a hung KMDF callback holds the IRP`;
    } else if (e.result === 'STATUS_PENDING' && e.name !== 'IRP_MN_WAIT_WAKE') {
      return `${show(e)} ended STATUS_PENDING: only IRP_MN_WAIT_WAKE stays pending by design`;
    }
  }
  return undefined;
};

/** Callbacks about a driver rather than one device object: they may come while no device object of the driver exists. */
const DRIVER_CALLBACKS = new Set(['DriverEntry', 'EvtDriverUnload', 'IDriverEntry::OnInitialize', 'IDriverEntry::OnDeinitialize']);
/** A driver's AddDevice: the PnP manager builds a new stack on the devnode's PDO. */
const ADD_DEVICE_CALLBACKS = new Set(['EvtDriverDeviceAdd', 'IDriverEntry::OnDeviceAdd']);

/**
 * Nothing reaches a device's drivers after its IRP_MN_REMOVE_DEVICE completed (the devnode's state
 * after it: PhysicallyAbsent, PhysicallyPresent, or a kept PDO with a problem code; PhysicallyPresent from
 * PhysicallyAbsent is a plug and PhysicallyAbsent at `lab/unplug` the pull of a device with no devnode: they
 * remove nothing), until a new PDO is
 * created (EvtChildListCreateDevice, IoCreateDevice), a driver's AddDevice builds a new stack on a kept PDO
 * (enable, a UMDF host restart), or the devnode leaves that state: no callback of
 * the function driver or a filter (a kept PDO's bus driver may still be called), no IRP and no
 * callback at all when the PDO is gone, and no minidriver call or hardware access (`wia` events with
 * component minidriver, `hw` events) until the device has started again.
 * Source: kernel/handling-an-irp-mn-remove-device-request.md (the drivers detach and delete their
 * device objects), image/loading-and-unloading-a-wia-minidriver.md (the minidriver opens the device).
 */
export const nothingAfterRemove: Check = (trace) => {
  // per device: undefined (alive), 'kept' (removed, PDO kept) or 'gone' (removed, no PDO)
  const removed = new Map<string, 'kept' | 'gone'>();
  const wiaDead = new Set<string>();
  // a PDO with no devnode (its state PhysicallyPresent or PhysicallyAbsent) is deleted by its IRP_MN_REMOVE_DEVICE with
  // no state event: gone once the bus driver has completed it (the event's `end`)
  const noDevnode = new Set<string>();
  const goneAfter = new Map<string, number>();
  for (const e of trace) {
    const d = e.device;
    if (d === undefined) continue;
    const after = goneAfter.get(d);
    if (after !== undefined && e.seq > after) {
      goneAfter.delete(d);
      removed.set(d, 'gone');
    }
    if (e.kind === 'irp' && e.name === 'IRP_MN_REMOVE_DEVICE' && e.layer === 'bus' && noDevnode.has(d)) goneAfter.set(d, e.end ?? e.seq);
    if (e.kind === 'state') {
      if (e.name === 'PhysicallyPresent' || e.name === 'PhysicallyAbsent') noDevnode.add(d);
      else if (!e.name.startsWith('PNP_Veto')) noDevnode.delete(d);
      const problem = (e.args as Record<string, string> | undefined)?.Problem;
      const from = (e.args as Record<string, string> | undefined)?.From;
      if ((e.name === 'PhysicallyPresent' && from === 'PhysicallyAbsent') || (e.name === 'PhysicallyAbsent' && from === 'PhysicallyPresent' && e.at === 'lab/unplug')) {
        // a plug (pnp.arrival), or the pull of a device with no devnode, deletes no PDO: one its hub created meanwhile
        // (for another device's query, or while the pull came) stays until its IRP_MN_REMOVE_DEVICE
      } else if (e.name === 'PhysicallyAbsent' || e.name === 'PhysicallyPresent') {
        // no PDO (yet, or any more)
        removed.set(d, 'gone');
        wiaDead.add(d);
      } else if (problem !== undefined && e.name === 'EnumeratedAndDriversInitialized') {
        removed.set(d, 'kept');
        wiaDead.add(d);
      } else if (e.name.startsWith('PNP_Veto')) {
        // a veto is not a state change
      } else {
        removed.delete(d);
        if (e.name === 'Started') wiaDead.delete(d);
      }
      continue;
    }
    if ((e.kind === 'callback' && e.name === 'EvtChildListCreateDevice') || (e.kind === 'call' && e.name === 'IoCreateDevice')) {
      removed.delete(d);
      goneAfter.delete(d);
      continue;
    }
    // a new stack on the kept PDO (Device Manager's enable, the UMDF driver manager's restart): AddDevice again
    if (e.kind === 'callback' && ADD_DEVICE_CALLBACKS.has(e.name) && removed.get(d) === 'kept') {
      removed.delete(d);
      continue;
    }
    const r = removed.get(d);
    if (r !== undefined) {
      // (a callback with a `client` is that client's routine, e.g. its PDEVICE_CHANGE_COMPLETE_CALLBACK)
      if (e.kind === 'callback' && e.client === undefined && !DRIVER_CALLBACKS.has(e.name) && !(r === 'kept' && e.layer === 'bus')) return `${show(e)} after the device's IRP_MN_REMOVE_DEVICE completed (${r === 'kept' ? 'only its kept PDO remains' : 'its PDO is gone'})`;
      if (e.kind === 'irp' && r === 'gone') return `${show(e)}: an IRP to a device whose PDO was deleted`;
    }
    if (wiaDead.has(d) && (e.kind === 'hw' || (e.kind === 'wia' && e.component === 'minidriver'))) return `${show(e)}: the minidriver acts on a device whose drivers were removed (it was not started again)`;
  }
  return undefined;
};

/**
 * The service calls a minidriver only between a successful IStiUSD::Initialize and the release of
 * the driver object (image/loading-and-unloading-a-wia-minidriver.md), and releases it once: no
 * minidriver call or hardware access while it is not loaded (Initialize's own CreateFile aside, and
 * the lamp the release itself turns off), no second IUnknown::Release.
 */
export const minidriverCallsWhileLoaded: Check = (trace) => {
  const loaded = new Set<string>();
  for (const e of trace) {
    if (e.device === undefined || !(e.kind === 'hw' || (e.kind === 'wia' && e.component === 'minidriver'))) continue;
    if (e.at === 'wia.load/Initialize') {
      if (e.kind === 'wia' && loaded.has(e.device)) return `${show(e)}: the minidriver is loaded a second time without an unload`;
      if (e.kind === 'wia' && e.result === 'S_OK') loaded.add(e.device);
      continue;
    }
    if (e.at === 'wia.unload/Release') {
      if (e.kind === 'wia' && !loaded.delete(e.device)) return `${show(e)}: the service releases a minidriver that is not loaded`;
      continue;
    }
    if (!loaded.has(e.device)) return `${show(e)}: a minidriver call while the minidriver is not loaded`;
  }
  return undefined;
};

/**
 * Shutdown (docs/fidelity.md, Shutdown; wdf/power-down-and-removal-sequence-for-a-function-or-filter-driver.md;
 * image/how-the-wia-minidriver-receives-a-disconnect-event-from-the-wia-servic.md): `shutdown` does
 * two things, the WIA service's unloads (without WIA_EVENT_DEVICE_DISCONNECTED) and then the
 * power-down; once it has started the service loads no minidriver, and none is left loaded at the
 * power-off; once the last device has had its final
 * IRP_MN_SET_POWER (PowerDeviceD3, D3Final) the machine is off and nothing at all happens after it.
 * `poweredOffAt` is the engine's trace length at that moment (undefined if it never came).
 */
const SHUTDOWN_TABLES = new Set(['wia.unload', 'power.shutdownOne', 'kmdf.powerDown', 'umdf1.powerDown']);

export function nothingAfterShutdown(trace: readonly TraceEvent[], poweredOffAt: number | undefined): string | undefined {
  const shutdown = trace.find((e) => e.kind === 'user' && e.name === 'shutdown');
  if (!shutdown) return poweredOffAt === undefined ? undefined : `the engine reports a power-off at ${poweredOffAt} without a shutdown step`;
  // what shutdown itself does: the service unloads its drivers, then the power-down (its IRPs and the
  // frameworks' power-down callbacks, a hung callback's warn); nothing else carries its cause
  for (const e of trace) {
    if (e.cause === shutdown.seq && !SHUTDOWN_TABLES.has((e.at ?? '').split('/')[0])) return `${show(e)}: shutdown does only the WIA unloads and the power-down`;
  }
  // the service loads no minidriver once shutdown began, and has unloaded every one by the power-off
  const loaded = new Set<string>();
  for (const e of trace) {
    if (e.kind !== 'wia' || e.device === undefined) continue;
    if (e.at === 'wia.load/Initialize') {
      if (e.seq > shutdown.seq) return `${show(e)}: the WIA service loads a minidriver after shutdown began`;
      if (e.result === 'S_OK') loaded.add(e.device); // a failed Initialize loads nothing
    } else if (e.at === 'wia.unload/Release') loaded.delete(e.device);
  }
  if (poweredOffAt !== undefined && loaded.size > 0) return `the minidriver of ${[...loaded].join(', ')} is still loaded at the power-off: the WIA service unloads its drivers at shutdown`;
  const finalPowerIrps = trace.filter((e) => e.kind === 'irp' && e.at === 'power.shutdownOne/DevicePower');
  const lastHop = finalPowerIrps[finalPowerIrps.length - 1];
  const hung = trace.some((e) => e.kind === 'warn' && KMDF_HANG.test(String(e.args?.message ?? '')));
  if (poweredOffAt === undefined) return hung ? undefined : 'the shutdown never powered the machine off, and no hung KMDF callback holds it';
  if (lastHop && lastHop.end !== undefined && lastHop.end > poweredOffAt) return `${show(lastHop)} completed after the power-off`;
  if (trace.length > poweredOffAt) return `${show(trace[poweredOffAt])} after shutdown's final power-down (event ${poweredOffAt}): the machine is off`;
  return undefined;
}

export const TRACE_CHECKS: Record<string, Check> = { seqAndTime, oneUserEventPerStep, irpsComplete, nothingAfterRemove, minidriverCallsWhileLoaded };
