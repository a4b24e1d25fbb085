/**
 * Runs a framework table (KMDF or UMDF 1) for one driver of one device: calls its callbacks and
 * records them in the trace.
 */
import type { Device } from '../device';
import { FRAMEWORKS, REFLECTOR_TIMEOUT_MS } from '../frameworks';
import type { EngineContext } from '../context';
import type { IrpOptions, IrpResult } from '../pnp/irp';
import { cancelWaitWake, noteWaitWake } from '../pnp/waitWake';
import type { Inspector, RunSubject } from '../inspect';
import type { Yield } from '../scheduler';
import { getTable } from '../tables/registry';
import { after, argsOf, NO_PARAMS, subParams, startTable, type CompiledRow, type CompiledTable, type Outcome, type Row, type TableHost } from '../tables/table';
import { behaviorOf, kmdfEffect, kmdfGuard, onTransition, type Behavior, type LayerState, type TransitionFailure } from './layerState';

export const CALLBACK_COST_MS = 1;

/** Bus-driver callbacks that must reach the hardware: they fail once the device is physically gone. */
const HARDWARE_CALLBACKS = new Set(['EvtDevicePrepareHardware', 'EvtDeviceD0Entry']);
/** Where UMDF 1's OnSurpriseRemoval may fall (rows surpriseSlot0..3 of umdf1.surpriseRemoval). */
const SURPRISE_SLOTS = 4;

export class LayerHost implements TableHost {
  /** Status the layer completes a failing IRP with. */
  failStatus = 'STATUS_UNSUCCESSFUL';
  /** The parameters of the row being carried out (its effects read them); set by every perform. */
  private lastParams: Readonly<Record<string, string>> = NO_PARAMS;
  readonly inspector: Inspector | undefined;

  constructor(
    readonly ctx: EngineContext,
    private device: Device,
    private layer: LayerState,
    private cause: number | undefined,
    private pdoKept: boolean,
    /** The seq of the `irp` event of the hop this run handles, if it runs for an IRP (inspection). */
    private irp: number | undefined = undefined,
  ) {
    this.inspector = ctx.runtime.inspector;
  }

  /** Readies the host for another table run (the runtime keeps hosts whose run has ended: one IRP hop after another). */
  reuse(device: Device, layer: LayerState, cause: number | undefined, pdoKept: boolean, irp: number | undefined): this {
    this.device = device;
    this.layer = layer;
    this.cause = cause;
    this.pdoKept = pdoKept;
    this.irp = irp;
    this.failStatus = 'STATUS_UNSUCCESSFUL';
    this.lastParams = NO_PARAMS;
    return this;
  }

  subject(): RunSubject {
    return { device: this.device.id, layer: this.layer.layer, driver: this.layer.driver, cause: this.cause, irp: this.irp, queuedBy: undefined };
  }

  guard(name: string, _row: Row, params: Record<string, string>): boolean {
    // the power policy owner sent the device's pending wait-wake IRP (the only guard that reads the device, not the layer)
    if (name === 'waitWakeSentByThisDriver') return this.layer.layer === 'function' && this.device.waitWake !== undefined;
    // a PDO whose hub is idle in Dx: it must wait for the hub's D0 (the child's power dependency on its parent)
    if (name === 'parentInDx') return this.layer.isPdo && this.ctx.devnodes.idleParent(this.device) !== undefined;
    // the reflector: the UMDF drivers' host process is still there
    if (name === 'hostRunning') return this.device.layers.some((l) => l.framework === 'umdf1' && !l.hostTerminated);
    return kmdfGuard(name, this.layer, this.ctx.drivers, this.pdoKept, params);
  }

  applyEffect(name: string): void {
    if (name === 'driverLoaded') this.ctx.drivers.markDriverLoaded(this.layer.driver);
    else if (name === 'driverUnloaded') this.ctx.drivers.markDriverUnloaded(this.layer.driver);
    else kmdfEffect(name, this.layer, this.lastParams);
  }


  perform(row: Row, table: CompiledTable, params: Record<string, string>, compiled: CompiledRow): Outcome | Generator<Yield, Outcome, void> {
    this.lastParams = params;
    switch (row.do) {
      case 'callback':
        return this.callback(compiled, table, params);
      case 'framework':
        return 'ok';
      case 'table': {
        const r = startTable(getTable(row.table!), this, subParams(compiled, params));
        if (typeof r !== 'string') return this.subTableLater(r, params);
        this.lastParams = params;
        return r;
      }
      case 'reportChildren':
        return this.ctx.pnp.reportBusRelations(this.device.id, this.cause, compiled.at);
      case 'failStatus':
        // the framework completes the failing IRP with this status (row.name), whatever the callback returned
        this.failStatus = row.name!;
        return 'ok';
      case 'staticStopRemoveCheck':
        if (this.layer.staticStopCount > 0) {
          this.failStatus = 'STATUS_INVALID_DEVICE_STATE';
          return 'fail';
        }
        return 'ok';
      case 'chooseSurpriseSlot':
        this.layer.surpriseSlot = this.ctx.runtime.rng.int(SURPRISE_SLOTS);
        return 'ok';
      default:
        return this.performSlow(row, table, compiled, params);
    }
  }

  /** A sub-table that had to wait: its effects read the sub-table's parameters until it ends. */
  private *subTableLater(sub: Generator<Yield, Outcome, void>, params: Record<string, string>): Generator<Yield, Outcome, void> {
    const outcome = yield* sub;
    this.lastParams = params;
    return outcome;
  }

  private *performSlow(row: Row, table: CompiledTable, compiled: CompiledRow, params: Record<string, string>): Generator<Yield, Outcome, void> {
    const at = compiled.at;
    switch (row.do) {
      case 'disableInterfaces':
        for (const iface of this.layer.interfaces) {
          this.ctx.runtime.emit({ kind: 'call', name: 'IoSetDeviceInterfaceState', device: this.device.id, layer: this.layer.layer, driver: this.layer.driver, args: { InterfaceClassGuid: iface, Enable: 'FALSE' }, result: 'STATUS_SUCCESS', at }, this.cause);
          this.ctx.pnp.queueInterfaceChange(this.device, iface, 'InterfaceRemoval', this.cause);
          if (!this.ctx.runtime.scheduler.advance(CALLBACK_COST_MS)) yield CALLBACK_COST_MS;
        }
        this.layer.interfacesEnabled = false;
        return 'ok';
      case 'enableInterfaces':
        for (const iface of this.layer.interfaces) {
          this.ctx.runtime.emit({ kind: 'call', name: 'IoSetDeviceInterfaceState', device: this.device.id, layer: this.layer.layer, driver: this.layer.driver, args: { InterfaceClassGuid: iface, Enable: 'TRUE' }, result: 'STATUS_SUCCESS', at }, this.cause);
          this.ctx.pnp.queueInterfaceChange(this.device, iface, 'InterfaceArrival', this.cause);
          if (!this.ctx.runtime.scheduler.advance(CALLBACK_COST_MS)) yield CALLBACK_COST_MS;
        }
        this.layer.interfacesEnabled = true;
        return 'ok';
      case 'sendWaitWake': {
        // The power policy owner sends IRP_MN_WAIT_WAKE down its own stack (PoRequestPowerIrp) while it holds the Dx IRP.
        const from = this.ctx.runtime.trace.length;
        yield* this.sendIrp(this.device, 'IRP_MN_WAIT_WAKE', { args: argsOf(compiled, params), params: NO_PARAMS, cause: this.cause, at, pdoKept: true });
        noteWaitWake(this.ctx, this.device, from);
        return 'ok';
      }
      case 'cancelWaitWake':
        if (!cancelWaitWake(this.ctx, this.device, this.cause, at)) yield CALLBACK_COST_MS;
        return 'ok';
      case 'powerUpParent':
        if (yield* this.ctx.pnp.powerUpParent(this.device, row.table!, this.cause)) return 'ok';
        this.failStatus = 'STATUS_DEVICE_POWER_FAILURE';
        return 'fail';
      case 'requestD0': {
        // An idle device armed for wake: the owner cancels the wait-wake IRP it sent before it asks for D0
        // (kernel/canceling-a-wait-wake-irp.md: on a stop or remove request).
        if (this.device.waitWake !== undefined && !cancelWaitWake(this.ctx, this.device, this.cause, at)) yield CALLBACK_COST_MS;
        // The power policy owner asks for D0: a SET_POWER IRP goes through the whole stack, bus driver first.
        const r = yield* this.sendIrp(this.device, 'IRP_MN_SET_POWER', { args: { State: 'PowerDeviceD0' }, params: { PreviousState: 'WdfPowerDeviceD3' }, cause: this.cause, at, pdoKept: true });
        if (r.ok) return 'ok';
        this.failStatus = r.status;
        return 'fail';
      }
      default:
        throw new Error(`${table.id}/${row.id}: unknown framework action ${row.do}`);
    }
  }

  /** Sends an IRP down the device's stack from inside this driver's row, and waits for its result. */
  private *sendIrp(device: Device, irp: string, opts: IrpOptions): Generator<Yield, IrpResult, void> {
    const r = this.ctx.pnp.startIrp(device, irp, opts);
    return 'ok' in r ? r : yield* r;
  }

  /**
   * The common case (a callback that returns) finishes without a task step: the scheduler runs
   * whatever is due meanwhile in place (`advance`), and only its `runUntil` limit makes it yield.
   */
  private callback(compiled: CompiledRow, table: CompiledTable, params: Record<string, string>): Outcome | Generator<Yield, Outcome, void> {
    const row = compiled.row;
    const name = row.name!;
    let behavior = behaviorOf(this.layer, name);
    if (behavior.length > 7) behavior = onTransition(behavior as TransitionFailure, this.layer, table.id); // failOn… (longer than 'succeed')
    if (behavior === 'absent') {
      this.inspector?.skip(row.id, this.layer.hostTerminated ? 'the driver host process was terminated' : 'not registered: the framework does its default', undefined);
      return 'ok';
    }
    if (behavior !== 'succeed' || (this.layer.isPdo && HARDWARE_CALLBACKS.has(name) && !this.ctx.devnodes.isPresent(this.device))) return this.callbackSlow(compiled, params, behavior);
    const spec = FRAMEWORKS[this.layer.framework as 'kmdf' | 'umdf1'];
    const result = spec.voidCallbacks.has(name) ? undefined : spec.success;
    this.ctx.runtime.emitStack('callback', name, this.device.id, this.layer.layer, this.layer.driver, argsOf(compiled, params), result, compiled.at, this.cause);
    return this.ctx.runtime.scheduler.advance(CALLBACK_COST_MS) ? 'ok' : after(CALLBACK_COST_MS, 'ok');
  }

  private *callbackSlow(compiled: CompiledRow, params: Record<string, string>, behavior: Behavior): Generator<Yield, Outcome, void> {
    const { row, at } = compiled;
    const name = row.name!;
    if (this.layer.isPdo && HARDWARE_CALLBACKS.has(name) && !this.ctx.devnodes.isPresent(this.device)) return yield* this.hardwareGone(compiled, params);
    const spec = FRAMEWORKS[this.layer.framework as 'kmdf' | 'umdf1'];
    const isVoid = spec.voidCallbacks.has(name);
    const event = this.ctx.runtime.emit({
      kind: 'callback', name, device: this.device.id, layer: this.layer.layer, driver: this.layer.driver,
      args: argsOf(compiled, params),
      result: isVoid || behavior === 'hang' ? undefined : behavior === 'fail' ? spec.failure : spec.success,
      at,
    }, this.cause);
    if (behavior === 'hang') {
      if (this.layer.framework === 'umdf1') return yield* this.reflectorTimeout(row, at);
      this.ctx.runtime.emit({ kind: 'warn', name, device: this.device.id, layer: this.layer.layer, driver: this.layer.driver, args: { message: `${name} never returns. The PnP manager handles one PnP event at a time on one system thread, so that thread is now blocked: no later PnP operation on any device can run. Callbacks on the PnP path must not wait without a timeout.` }, at }, this.cause);
      yield { wait: 'never' };
    }
    void event;
    if (!this.ctx.runtime.scheduler.advance(CALLBACK_COST_MS)) yield CALLBACK_COST_MS;
    if (behavior === 'fail') {
      this.failStatus = this.layer.framework === 'umdf1' ? 'STATUS_UNSUCCESSFUL' : spec.failure;
      return 'fail';
    }
    return 'ok';
  }

  /** UMDF 1: the reflector gives the host process 60 s, then terminates it (wdf/how-umdf-enforces-time-outs.md). */
  private *reflectorTimeout(row: Row, at: string): Generator<Yield, Outcome, void> {
    yield REFLECTOR_TIMEOUT_MS;
    this.ctx.runtime.emit({ kind: 'warn', name: row.name!, device: this.device.id, layer: this.layer.layer, driver: this.layer.driver, args: { message: `${row.name} did not return within ${REFLECTOR_TIMEOUT_MS / 1000} s. The reflector (WUDFRd.sys) timed out the driver host, generated a WER report and terminated WUDFHost.exe: no further callbacks reach this driver, outstanding I/O completes with STATUS_DRIVER_PROCESS_TERMINATED, and the device is torn down. Avoid touching hardware in the remove path; waits on hardware must time out.` }, at }, this.cause);
    for (const l of this.device.layers) if (l.framework === 'umdf1') l.hostTerminated = true;
    this.ctx.pnp.queueHostFailure(this.device, this.cause);
    if (row.fail === undefined) return 'ok';
    this.failStatus = 'STATUS_DRIVER_PROCESS_TERMINATED';
    return 'fail';
  }

  /** The cable is out: the bus driver cannot reach the device, whatever the scenario set. */
  private *hardwareGone(compiled: CompiledRow, params: Record<string, string>): Generator<Yield, Outcome, void> {
    this.ctx.runtime.emit({ kind: 'callback', name: compiled.row.name!, device: this.device.id, layer: this.layer.layer, driver: this.layer.driver, args: { ...argsOf(compiled, params), DevicePresent: 'FALSE' }, result: 'STATUS_NO_SUCH_DEVICE', at: compiled.at }, this.cause);
    if (!this.ctx.runtime.scheduler.advance(CALLBACK_COST_MS)) yield CALLBACK_COST_MS;
    this.failStatus = 'STATUS_NO_SUCH_DEVICE';
    return 'fail';
  }
}
