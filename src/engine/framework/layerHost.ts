/**
 * Runs a framework table (KMDF or UMDF 1) for one driver of one device: calls its callbacks and
 * records them in the trace. Its rows' words (what they do, their guards, their effects) are the maps below.
 */
import type { EngineContext } from '../context';
import type { Device } from '../device';
import { FRAMEWORKS, irpInvocations, REFLECTOR_TIMEOUT_MS } from '../frameworks';
import type { Inspector, RunSubject } from '../inspect';
import type { IrpOptions, IrpResult } from '../pnp/irp';
import { BUS_RELATIONS_TABLES } from '../pnp/irps';
import { cancelWaitWake, noteWaitWake } from '../pnp/waitWake';
import type { Yield } from '../scheduler';
import { getTable } from '../tables/registry';
import { argsOf, NO_PARAMS, startTable, subParams, type CompiledRow, type CompiledTable, type Outcome, type Row, type Table, type TableHost } from '../tables/table';
import { runsRowTable, type ActionWord, type EffectWord, type GuardWord, type Vocabulary } from '../tables/vocabulary';
import { behaviorOf, NO_RESOURCES, onTransition, resetDeviceObject, type Behavior, type LayerState, type TransitionFailure } from './layerState';

export const CALLBACK_COST_MS = 1;

/** Bus-driver callbacks that must reach the hardware: they fail once the device is physically gone. */
const HARDWARE_CALLBACKS = new Set(['EvtDevicePrepareHardware', 'EvtDeviceD0Entry']);
/** Where UMDF 1's OnSurpriseRemoval may fall (rows surpriseSlot0..3 of umdf1.surpriseRemoval). */
const SURPRISE_SLOTS = 4;

export class LayerHost implements TableHost {
  /** Status the layer completes a failing IRP with. */
  failStatus = 'STATUS_UNSUCCESSFUL';
  readonly inspector: Inspector | undefined;

  // The fields below are read by the words (LAYER_ACTIONS, LAYER_GUARDS, LAYER_EFFECTS) and set by `reuse` only.
  constructor(
    readonly ctx: EngineContext,
    public device: Device,
    public layer: LayerState,
    public cause: number | undefined,
    public pdoKept: boolean,
    /** The seq of the `irp` event of the hop this run handles, if it runs for an IRP (inspection). */
    public irp: number | undefined = undefined,
  ) {
    this.inspector = ctx.runtime.inspector;
  }

  get words(): Vocabulary<LayerHost> {
    return LAYER_WORDS;
  }

  /** Readies the host for another table run (the runtime keeps hosts whose run has ended: one IRP hop after another). */
  reuse(device: Device, layer: LayerState, cause: number | undefined, pdoKept: boolean, irp: number | undefined): this {
    this.device = device;
    this.layer = layer;
    this.cause = cause;
    this.pdoKept = pdoKept;
    this.irp = irp;
    this.failStatus = 'STATUS_UNSUCCESSFUL';
    return this;
  }

  subject(): RunSubject {
    return { device: this.device.id, layer: this.layer.layer, driver: this.layer.driver, cause: this.cause, irp: this.irp, queuedBy: undefined };
  }

  /** Records a call this driver makes (IoSetDeviceInterfaceState, …). */
  emitCall(name: string, args: Record<string, string>, at: string): void {
    this.ctx.runtime.emit({ kind: 'call', name, device: this.device.id, layer: this.layer.layer, driver: this.layer.driver, args, result: 'STATUS_SUCCESS', at }, this.cause);
  }

  /** Sends an IRP down the device's stack from inside this driver's row, and waits for its result. */
  *sendIrp(irp: string, opts: IrpOptions): Generator<Yield, IrpResult, void> {
    const r = this.ctx.pnp.startIrp(this.device, irp, opts);
    return 'ok' in r ? r : yield* r;
  }

  /**
   * The common case (a callback that returns) finishes without a task step: the scheduler runs
   * whatever is due meanwhile in place (`advance`), and only its `runUntil` limit makes it yield.
   * The rare cases are `callbackSlow`, a generator: one generator for every callback cost 3–13% of the
   * bench's run time (issue 15, measured side by side), so the two paths stay apart.
   */
  callback(compiled: CompiledRow, table: CompiledTable, params: Record<string, string>): Outcome | Generator<Yield, Outcome, void> {
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
    return this.ctx.runtime.cost(CALLBACK_COST_MS);
  }

  /** A callback that fails, hangs, or cannot reach the hardware: always a task step (kept apart from `callback`, whose common case needs none). */
  private *callbackSlow(compiled: CompiledRow, params: Record<string, string>, behavior: Behavior): Generator<Yield, Outcome, void> {
    const { row, at } = compiled;
    const name = row.name!;
    if (this.layer.isPdo && HARDWARE_CALLBACKS.has(name) && !this.ctx.devnodes.isPresent(this.device)) return yield* this.hardwareGone(compiled, params);
    const spec = FRAMEWORKS[this.layer.framework as 'kmdf' | 'umdf1'];
    const isVoid = spec.voidCallbacks.has(name);
    this.ctx.runtime.emit({
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
    yield* this.ctx.runtime.spend(CALLBACK_COST_MS);
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
    yield* this.ctx.runtime.spend(CALLBACK_COST_MS);
    this.failStatus = 'STATUS_NO_SUCH_DEVICE';
    return 'fail';
  }
}

type Action = ActionWord<LayerHost>;
type Guard = GuardWord<LayerHost>;
type Effect = EffectWord<LayerHost>;

/** What a framework table's row can do (kmdf/tables.ts, umdf1/tables.ts). */
export const LAYER_ACTIONS = {
  callback: {
    says: 'the framework calls the driver\'s callback (row.name) as the scenario set it up: it succeeds, fails, hangs, or is not registered',
    run: (h, c, params, table) => h.callback(c, table, params),
    // a UMDF 1 callback that never returns: the reflector terminates the host, and the PnP manager hears of it
    invokes: (_row, table) => (table.startsWith('umdf1.') ? [{ table: 'pnp.umdfHostFailure', kind: 'queues' }] : []),
  },
  framework: { says: 'the framework does this itself, with no callback to show', run: () => 'ok' },
  table: {
    says: 'the driver runs another of its framework\'s tables (row.table) with the row\'s parameters',
    run: (h, c, params) => startTable(getTable(c.row.table!), h, subParams(c, params)),
    invokes: runsRowTable,
  },
  reportChildren: { says: 'the bus driver reports its children: new ones get a PDO, missing ones are reported missing', run: (h, c) => h.ctx.pnp.reportBusRelations(h.device.id, h.cause, c.at), invokes: () => BUS_RELATIONS_TABLES },
  failStatus: {
    says: 'the framework completes the failing IRP with this status (row.name), whatever the callback returned',
    run: (h, c) => {
      h.failStatus = c.row.name!;
      return 'ok';
    },
  },
  staticStopRemoveCheck: {
    says: 'the framework fails the query while WdfDeviceSetStaticStopRemove(FALSE) calls are outstanding',
    run: (h) => {
      if (h.layer.staticStopCount === 0) return 'ok';
      h.failStatus = 'STATUS_INVALID_DEVICE_STATE';
      return 'fail';
    },
  },
  chooseSurpriseSlot: {
    says: 'the seed picks where UMDF 1\'s OnSurpriseRemoval falls among the remove callbacks',
    run: (h) => {
      h.layer.surpriseSlot = h.ctx.runtime.rng.int(SURPRISE_SLOTS);
      return 'ok';
    },
  },
  disableInterfaces: {
    says: 'the framework disables each device interface the driver registered (IoSetDeviceInterfaceState FALSE); removal notifications are queued',
    *run(h, c) {
      for (const iface of h.layer.interfaces) {
        h.emitCall('IoSetDeviceInterfaceState', { InterfaceClassGuid: iface, Enable: 'FALSE' }, c.at);
        h.ctx.pnp.queueInterfaceChange(h.device, iface, 'InterfaceRemoval', h.cause);
        yield* h.ctx.runtime.spend(CALLBACK_COST_MS);
      }
      h.layer.interfacesEnabled = false;
      return 'ok';
    },
    invokes: () => [{ table: 'pnp.interfaceChange', kind: 'queues' }],
  },
  enableInterfaces: {
    says: 'the framework enables each device interface the driver registered (IoSetDeviceInterfaceState TRUE); arrival notifications are queued',
    *run(h, c) {
      for (const iface of h.layer.interfaces) {
        h.emitCall('IoSetDeviceInterfaceState', { InterfaceClassGuid: iface, Enable: 'TRUE' }, c.at);
        h.ctx.pnp.queueInterfaceChange(h.device, iface, 'InterfaceArrival', h.cause);
        yield* h.ctx.runtime.spend(CALLBACK_COST_MS);
      }
      h.layer.interfacesEnabled = true;
      return 'ok';
    },
    invokes: () => [{ table: 'pnp.interfaceChange', kind: 'queues' }],
  },
  sendWaitWake: {
    says: 'the power policy owner sends IRP_MN_WAIT_WAKE down its own stack (PoRequestPowerIrp) while it holds the Dx IRP',
    *run(h, c, params) {
      const from = h.ctx.runtime.trace.length;
      yield* h.sendIrp('IRP_MN_WAIT_WAKE', { args: argsOf(c, params), params: NO_PARAMS, cause: h.cause, at: c.at, pdoKept: true });
      noteWaitWake(h.ctx, h.device, from);
      return 'ok';
    },
    invokes: () => irpInvocations('IRP_MN_WAIT_WAKE'),
  },
  cancelWaitWake: {
    says: 'the power policy owner cancels the IRP_MN_WAIT_WAKE it sent (IoCancelIrp)',
    *run(h, c) {
      yield* cancelWaitWake(h.ctx, h.device, h.cause, c.at);
      return 'ok';
    },
  },
  powerUpParent: {
    says: 'a PDO whose hub is idle brings the hub back to D0 first (the child\'s power reference on its parent)',
    *run(h, c) {
      if (yield* h.ctx.pnp.powerUpParent(h.device, c.row.table!, h.cause)) return 'ok';
      h.failStatus = 'STATUS_DEVICE_POWER_FAILURE';
      return 'fail';
    },
    invokes: runsRowTable,
  },
  requestD0: {
    says: 'the power policy owner asks for D0: an IRP_MN_SET_POWER goes through the whole stack, bus driver first (an armed wait-wake IRP is cancelled before)',
    *run(h, c) {
      // kernel/canceling-a-wait-wake-irp.md: on a stop or remove request the owner cancels the wait-wake IRP it sent
      if (h.device.waitWake !== undefined) yield* cancelWaitWake(h.ctx, h.device, h.cause, c.at);
      const r = yield* h.sendIrp('IRP_MN_SET_POWER', { args: { State: 'PowerDeviceD0' }, params: { PreviousState: 'WdfPowerDeviceD3' }, cause: h.cause, at: c.at, pdoKept: true });
      if (r.ok) return 'ok';
      h.failStatus = r.status;
      return 'fail';
    },
    invokes: () => irpInvocations('IRP_MN_SET_POWER', 'PowerDeviceD0'),
  },
} satisfies Record<string, Action>;

/** Whether the power IRP being handled takes the device to a low-power state it can wake from (not D3Final). */
function toLowPower(params: Record<string, string>): boolean {
  return params.TargetState !== undefined && params.TargetState !== 'WdfPowerDeviceD3Final';
}

const guard = (says: string, test: Guard['test']): Guard => ({ says, test });

/** The guards a framework table's row can name in `when`. */
export const LAYER_GUARDS = {
  isPowerPolicyOwner: guard('this driver is the power policy owner (the function driver)', (h) => h.layer.layer === 'function'),
  armsForWake: guard('the power policy owner arms the device for wake on its way to a low-power state', (h, p) => toLowPower(p) && h.layer.layer === 'function' && p.ArmForWake !== 'false'),
  wokeBySignal: guard('the device signalled wake itself while armed', (h, p) => h.layer.layer === 'function' && h.layer.wakeArmed && p.By === 'device'),
  wakeArmed: guard('the driver armed the device for wake', (h) => h.layer.wakeArmed),
  wakeArmedAtBus: guard('the bus driver enabled wake at the bus', (h) => h.layer.wakeArmedAtBus),
  deviceIdle: guard('the power policy owner\'s device is out of D0 (idle)', (h) => h.layer.layer === 'function' && h.layer.power !== 'D0'),
  surpriseSlot0: guard('OnSurpriseRemoval falls first (the seed\'s pick)', (h) => h.layer.surpriseSlot === 0),
  surpriseSlot1: guard('OnSurpriseRemoval falls second (the seed\'s pick)', (h) => h.layer.surpriseSlot === 1),
  surpriseSlot2: guard('OnSurpriseRemoval falls third (the seed\'s pick)', (h) => h.layer.surpriseSlot === 2),
  surpriseSlot3: guard('OnSurpriseRemoval falls last (the seed\'s pick)', (h) => h.layer.surpriseSlot === 3),
  isPdo: guard('this driver is the bus driver (the PDO)', (h) => h.layer.isPdo),
  isFunctionOrFilter: guard('this driver is a function or filter driver (not the PDO)', (h) => !h.layer.isPdo),
  busRelationsToChildList: guard('the driver keeps a child list and the query is for bus relations', (h, p) => h.layer.hasChildList && p.Type === 'BusRelations'),
  carriesResourcesToFunctionOrFilter: guard('the start IRP carries hardware resources to a function or filter driver', (h, p) => !h.layer.isPdo && p.ResourcesRaw !== undefined && p.ResourcesRaw !== NO_RESOURCES),
  hasInterrupts: guard('the device has interrupts', (h) => h.layer.hasInterrupts),
  hasDma: guard('the device does DMA', (h) => h.layer.hasDma),
  hasChildList: guard('the driver keeps a child list (a bus driver)', (h) => h.layer.hasChildList),
  inD0: guard('the device is in D0', (h) => h.layer.power === 'D0'),
  notInD0: guard('the device is out of D0', (h) => h.layer.power !== 'D0'),
  hardwarePrepared: guard('the driver\'s hardware is prepared (EvtDevicePrepareHardware ran)', (h) => h.layer.hardwarePrepared),
  interfacesEnabled: guard('the driver\'s device interfaces are enabled', (h) => h.layer.interfacesEnabled),
  interfacesToEnable: guard('the driver registered device interfaces that are not enabled yet', (h) => h.layer.interfaces.length > 0 && !h.layer.interfacesEnabled),
  ownsPowerManagedRequest: guard('the driver holds a request from a power-managed queue', (h) => h.layer.powerManagedRequest !== 'none'),
  ownsNonPowerManagedRequest: guard('the driver holds a request from a queue that is not power-managed', (h) => h.layer.nonPowerManagedRequest),
  requestWasSuspended: guard('the driver\'s power-managed request was suspended (EvtIoStop)', (h) => h.layer.powerManagedRequest === 'suspended'),
  selfManagedIoCreated: guard('self-managed I/O has not started yet', (h) => h.layer.selfManagedIo === 'Created'),
  selfManagedIoStarted: guard('self-managed I/O is running', (h) => h.layer.selfManagedIo === 'Started'),
  selfManagedIoStopped: guard('self-managed I/O is suspended or flushed', (h) => h.layer.selfManagedIo === 'Stopped' || h.layer.selfManagedIo === 'Flushed'),
  selfManagedIoFlushPending: guard('self-managed I/O is suspended, or its start failed: it is flushed next', (h) => h.layer.selfManagedIo === 'Stopped' || h.layer.selfManagedIo === 'InitFailed'),
  selfManagedIoCleanupPending: guard('self-managed I/O is flushed: it is cleaned up next', (h) => h.layer.selfManagedIo === 'Flushed'),
  driverNotLoaded: guard('the driver is not loaded yet', (h) => !h.ctx.drivers.isDriverLoaded(h.layer.driver)),
  pdoKept: guard('the bus driver keeps its PDO (the device is still present)', (h) => h.layer.isPdo && h.pdoKept),
  // the power policy owner sent the device's pending wait-wake IRP (the only guard that reads the device, not the layer)
  waitWakeSentByThisDriver: guard('this driver sent the device\'s pending IRP_MN_WAIT_WAKE (the power policy owner)', (h) => h.layer.layer === 'function' && h.device.waitWake !== undefined),
  parentInDx: guard('the PDO\'s hub is idle in Dx: it must be back in D0 first', (h) => h.layer.isPdo && h.ctx.devnodes.idleParent(h.device) !== undefined),
  hostRunning: guard('the UMDF drivers\' host process is still running', (h) => h.device.layers.some((x) => x.framework === 'umdf1' && !x.hostTerminated)),
} satisfies Record<string, Guard>;

const effect = (says: string, apply: Effect['apply']): Effect => ({ says, apply });

/** The state changes a framework table's row can name in `effect` / `effectOnFail`. */
export const LAYER_EFFECTS = {
  hardwarePrepared: effect('the driver\'s hardware is prepared', (h) => { h.layer.hardwarePrepared = true; }),
  hardwareReleased: effect('the driver\'s hardware is released', (h) => { h.layer.hardwarePrepared = false; }),
  enterD0: effect('the device is in D0', (h) => { h.layer.power = 'D0'; }),
  leaveD0: effect('the device leaves D0 for the IRP\'s target state', (h, p) => { h.layer.power = p.TargetState === 'WdfPowerDeviceD1' ? 'D1' : p.TargetState === 'WdfPowerDeviceD2' ? 'D2' : 'D3'; }),
  selfManagedIoStarted: effect('self-managed I/O is running', (h) => { h.layer.selfManagedIo = 'Started'; }),
  selfManagedIoInitFailed: effect('self-managed I/O failed to start', (h) => { h.layer.selfManagedIo = 'InitFailed'; }),
  selfManagedIoSuspended: effect('self-managed I/O is suspended', (h) => { h.layer.selfManagedIo = 'Stopped'; }),
  selfManagedIoFlushed: effect('self-managed I/O is flushed', (h) => { h.layer.selfManagedIo = 'Flushed'; }),
  selfManagedIoCleanedUp: effect('self-managed I/O is cleaned up', (h) => { h.layer.selfManagedIo = 'Final'; }),
  requestSuspended: effect('the driver\'s power-managed request is suspended', (h) => { h.layer.powerManagedRequest = 'suspended'; }),
  requestResumed: effect('the driver\'s power-managed request is resumed', (h) => { h.layer.powerManagedRequest = 'owned'; }),
  powerManagedRequestDone: effect('the driver no longer holds a power-managed request', (h) => { h.layer.powerManagedRequest = 'none'; }),
  nonPowerManagedRequestDone: effect('the driver no longer holds a request from a queue that is not power-managed', (h) => { h.layer.nonPowerManagedRequest = false; }),
  requestsArrive: effect('I/O requests arrive: the function driver holds one from each of its queues', (h) => {
    const l = h.layer;
    if (!l.ownsRequests) return;
    if (l.powerManagedRequest === 'none') l.powerManagedRequest = 'owned';
    l.nonPowerManagedRequest = true;
  }),
  deviceObjectCreated: effect('the driver\'s device object exists (its state machines start afresh)', (h) => { h.layer.deviceObject = true; resetDeviceObject(h.layer); }),
  deviceObjectDeleted: effect('the driver\'s device object is deleted', (h) => { h.layer.deviceObject = false; }),
  wakeArmed: effect('the device is armed for wake', (h) => { h.layer.wakeArmed = true; }),
  wakeDisarmed: effect('the device is disarmed for wake', (h) => { h.layer.wakeArmed = false; }),
  wakeArmedAtBus: effect('wake is enabled at the bus', (h) => { h.layer.wakeArmedAtBus = true; }),
  wakeDisarmedAtBus: effect('wake is disabled at the bus', (h) => { h.layer.wakeArmedAtBus = false; }),
  driverLoaded: effect('the driver is loaded (the driver registry)', (h) => h.ctx.drivers.markDriverLoaded(h.layer.driver)),
  driverUnloaded: effect('the driver is unloaded (the driver registry)', (h) => h.ctx.drivers.markDriverUnloaded(h.layer.driver)),
} satisfies Record<string, Effect>;

/** The framework tables' words (KMDF and UMDF 1 rows are run by a LayerHost). */
export const LAYER_WORDS: Vocabulary<LayerHost> = { host: 'framework', do: LAYER_ACTIONS, when: LAYER_GUARDS, effect: LAYER_EFFECTS };

/** The names a framework table's rows may use (kmdf/tables.ts, umdf1/tables.ts). */
export type LayerDo = keyof typeof LAYER_ACTIONS;
export type LayerWhen = keyof typeof LAYER_GUARDS;
export type LayerEffect = keyof typeof LAYER_EFFECTS;
/** A framework table (KMDF, UMDF 1): its rows may only use the framework's words. */
export type LayerTable = Table<LayerDo, LayerWhen, LayerEffect>;
