/** Runs a KMDF table for one driver of one device: calls its callbacks and records them in the trace. */
import type { Lab } from '../lab';
import type { Device } from '../device';
import type { Yield } from '../scheduler';
import { getTable } from '../tables/registry';
import { resolveArgs, runTable, type CompiledTable, type Outcome, type Row, type TableHost } from '../tables/table';
import { behaviorOf, kmdfEffect, kmdfGuard, type LayerState } from './layer';

/** KMDF callbacks declared VOID: their trace events carry no result. */
const VOID_CALLBACKS = new Set([
  'EvtDeviceSurpriseRemoval', 'EvtDeviceSelfManagedIoFlush', 'EvtDeviceSelfManagedIoCleanup', 'EvtIoStop', 'EvtIoResume',
  'EvtCleanupCallback', 'EvtDestroyCallback', 'EvtDriverUnload', 'EvtChildListScanForChildren', 'EvtDeviceRelationsQuery',
  'EvtDeviceDisableWakeAtBus',
]);

export const CALLBACK_COST_MS = 1;

/** Bus-driver callbacks that must reach the hardware: they fail once the device is physically gone. */
const HARDWARE_CALLBACKS = new Set(['EvtDevicePrepareHardware', 'EvtDeviceD0Entry']);

export class LayerHost implements TableHost {
  /** Status the layer completes a failing IRP with. */
  failStatus = 'STATUS_UNSUCCESSFUL';

  constructor(
    private readonly lab: Lab,
    private readonly device: Device,
    private readonly layer: LayerState,
    private readonly cause: number | undefined,
    private readonly pdoKept: boolean,
  ) {}

  guard(name: string): boolean {
    return kmdfGuard(name, this.layer, (d) => this.lab.isDriverLoaded(d), this.pdoKept);
  }

  applyEffect(name: string): void {
    if (name === 'driverLoaded') this.lab.markDriverLoaded(this.layer.driver);
    else if (name === 'driverUnloaded') this.lab.markDriverUnloaded(this.layer.driver);
    else kmdfEffect(name, this.layer, this.lastParams);
  }

  skipped(table: CompiledTable, row: Row, reason: string): void {
    this.lab.observeSkip(table, row, reason, this.device.id, this.layer.layer);
  }

  private lastParams: Record<string, string> = {};

  *perform(row: Row, table: CompiledTable, params: Record<string, string>): Generator<Yield, Outcome, void> {
    this.lastParams = params;
    switch (row.do) {
      case 'callback':
        return yield* this.callback(row, table, params);
      case 'framework':
        return 'ok';
      case 'table': {
        const sub = resolveArgs(row.params, params) ?? {};
        const outcome = yield* runTable(getTable(row.table!), this, { ...params, ...sub });
        this.lastParams = params;
        return outcome;
      }
      case 'staticStopRemoveCheck':
        if (this.layer.staticStopCount > 0) {
          this.failStatus = 'STATUS_INVALID_DEVICE_STATE';
          return 'fail';
        }
        return 'ok';
      case 'disableInterfaces':
        for (const iface of this.layer.interfaces) {
          this.lab.emit({ kind: 'call', name: 'IoSetDeviceInterfaceState', device: this.device.id, layer: this.layer.layer, driver: this.layer.driver, args: { InterfaceClassGuid: iface, Enable: 'FALSE' }, result: 'STATUS_SUCCESS', at: `${table.id}/${row.id}` }, this.cause);
          yield CALLBACK_COST_MS;
        }
        this.layer.interfacesEnabled = false;
        return 'ok';
      default:
        throw new Error(`${table.id}/${row.id}: unknown KMDF action ${row.do}`);
    }
  }

  private *callback(row: Row, table: CompiledTable, params: Record<string, string>): Generator<Yield, Outcome, void> {
    const name = row.name!;
    const behavior = behaviorOf(this.layer, name);
    if (behavior === 'absent') {
      this.skipped(table, row, 'not registered: the framework does its default');
      return 'ok';
    }
    if (this.layer.isPdo && HARDWARE_CALLBACKS.has(name) && !this.lab.isPresent(this.device)) return yield* this.hardwareGone(row, table, params);
    const isVoid = VOID_CALLBACKS.has(name);
    const at = `${table.id}/${row.id}`;
    const event = this.lab.emit({
      kind: 'callback', name, device: this.device.id, layer: this.layer.layer, driver: this.layer.driver,
      args: resolveArgs(row.args, params),
      result: isVoid ? undefined : behavior === 'fail' ? 'STATUS_UNSUCCESSFUL' : behavior === 'hang' ? 'STATUS_PENDING' : 'STATUS_SUCCESS',
      at,
    }, this.cause);
    if (behavior === 'hang') {
      if (isVoid) delete event.result;
      this.lab.emit({ kind: 'warn', name, device: this.device.id, layer: this.layer.layer, driver: this.layer.driver, args: { message: `${name} never returns. The PnP manager handles one PnP event at a time on one system thread, so that thread is now blocked: no later PnP operation on any device can run. Callbacks on the PnP path must not wait without a timeout.` }, at }, this.cause);
      yield { wait: 'never' };
    }
    yield CALLBACK_COST_MS;
    if (behavior === 'fail') {
      this.failStatus = 'STATUS_UNSUCCESSFUL';
      return 'fail';
    }
    return 'ok';
  }

  /** The cable is out: the bus driver cannot reach the device, whatever the scenario set. */
  private *hardwareGone(row: Row, table: CompiledTable, params: Record<string, string>): Generator<Yield, Outcome, void> {
    this.lab.emit({ kind: 'callback', name: row.name!, device: this.device.id, layer: this.layer.layer, driver: this.layer.driver, args: { ...resolveArgs(row.args, params), DevicePresent: 'FALSE' }, result: 'STATUS_NO_SUCH_DEVICE', at: `${table.id}/${row.id}` }, this.cause);
    yield CALLBACK_COST_MS;
    this.failStatus = 'STATUS_NO_SUCH_DEVICE';
    return 'fail';
  }
}
