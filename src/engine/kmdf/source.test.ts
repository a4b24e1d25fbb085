/**
 * KMDF as its own source runs it (issue 12, point 9). Each test names the function of the KMDF source
 * (microsoft/Windows-Driver-Frameworks, src/framework/shared/irphandlers/pnp/ unless it says otherwise)
 * whose order or value it asserts, and the page the source departs from where there is one.
 */
import { describe, expect, it } from 'vitest';
import { lab } from '../../testing/harness';

describe('KMDF source: start failures', () => {
  // pnpstatemachine.cpp PnpEventHardwareAvailablePowerPolicyFailed: SetPendingPnpIrpStatus(STATUS_DEVICE_POWER_FAILURE)
  it('a failed EvtDeviceD0Entry fails the start IRP with STATUS_DEVICE_POWER_FAILURE, not the callback\'s status', () => {
    const h = lab({ id: 'disk', model: 'usb-disk', filters: { lower: 0, upper: 1 }, callbacks: { EvtDeviceD0Entry: 'fail' } }).plug('disk');
    const starts = h.select({ kind: 'irp' }).filter((e) => e.name === 'IRP_MN_START_DEVICE');
    expect(h.select({ kind: 'callback', layer: 'function' }).find((e) => e.name === 'EvtDeviceD0Entry')!.result).toBe('STATUS_UNSUCCESSFUL');
    expect(starts.map((e) => `${e.layer}:${e.result}`)).toEqual(['bus:STATUS_SUCCESS', 'function:STATUS_DEVICE_POWER_FAILURE', 'upper-filter:STATUS_DEVICE_POWER_FAILURE']);
  });

  it('so does a failed EvtDeviceSelfManagedIoInit; a failed EvtDevicePrepareHardware keeps its own status (PnpEventFailedOwnHardware)', () => {
    const init = lab({ id: 'disk', model: 'usb-disk', callbacks: { EvtDeviceSelfManagedIoInit: 'fail' } }).plug('disk');
    expect(init.select({ kind: 'irp', layer: 'function' }).find((e) => e.name === 'IRP_MN_START_DEVICE')!.result).toBe('STATUS_DEVICE_POWER_FAILURE');
    const prep = lab({ id: 'disk', model: 'usb-disk', callbacks: { EvtDevicePrepareHardware: 'fail' } }).plug('disk');
    expect(prep.select({ kind: 'irp', layer: 'function' }).find((e) => e.name === 'IRP_MN_START_DEVICE')!.result).toBe('STATUS_UNSUCCESSFUL');
  });
});

describe('KMDF source: `fail` on one transition (scenario behaviours failOnFirstStart, failOnRestart, failOnWake)', () => {
  it('failOnWake: the PDO\'s EvtDeviceD0Entry succeeds at the start and fails only on the way back from idle', () => {
    const h = lab({ id: 'cam', model: 'usb-webcam', layers: { bus: { callbacks: { EvtDeviceD0Entry: 'failOnWake' } } } }).plug('cam');
    expect(h.state('cam')).toBe('Started');
    h.idle('cam').wake('cam');
    expect(h.select({ kind: 'callback', layer: 'bus' }).find((e) => e.name === 'EvtDeviceD0Entry')!.result).toBe('STATUS_UNSUCCESSFUL');
  });

  it('failOnRestart: EvtDevicePrepareHardware succeeds at the first start and fails at the restart of a rebalance', () => {
    const h = lab({ id: 'disk', model: 'usb-disk', callbacks: { EvtDevicePrepareHardware: 'failOnRestart' } }).plug('disk');
    expect(h.state('disk')).toBe('Started');
    h.rebalance('disk');
    expect(h.select({ kind: 'callback', layer: 'function' }).find((e) => e.name === 'EvtDevicePrepareHardware')!.result).toBe('STATUS_UNSUCCESSFUL');
    expect(h.irps('IRP_MN_SURPRISE_REMOVAL')).toEqual(['IRP_MN_SURPRISE_REMOVAL@function', 'IRP_MN_SURPRISE_REMOVAL@bus']);
  });

  it('failOnFirstStart: a kept PDO enabled again restarts; a new FDO starts for the first time', () => {
    const pdo = lab({ id: 'disk', model: 'usb-disk', layers: { bus: { callbacks: { EvtDevicePrepareHardware: 'failOnFirstStart' } } } }).plug('disk');
    expect(pdo.state('disk')).toBe('EnumeratedAndDriversInitialized/CM_PROB_FAILED_START');
    const fdo = lab({ id: 'disk', model: 'usb-disk', callbacks: { EvtDevicePrepareHardware: 'failOnRestart' } }).plug('disk').disable('disk').enable('disk');
    expect(fdo.state('disk')).toBe('Started'); // enable gives the function driver a new device object: a first start
  });

  it('the scenario refuses a transition failure on a callback that runs on no start and no wake, with the reason', async () => {
    const { parseScenario } = await import('../../scenario/parse');
    expect(() => parseScenario({ devices: [{ id: 'disk', model: 'usb-disk', callbacks: { EvtDeviceQueryRemove: 'failOnWake' } }] }))
      .toThrow('devices[0].callbacks.EvtDeviceQueryRemove: failOnWake picks a start or a wake, and EvtDeviceQueryRemove does not fail on either; expected succeed, absent, hang or fail.');
  });
});

describe('KMDF source: a device that fails on its way back from idle', () => {
  // fdopower.cpp RaiseDevicePowerCompletion: the FDO kicks its power state machine (PowerD0) in the D0 IRP's completion
  // routine whatever the status; wdf/reporting-device-failures.md: "the framework might still call the EvtDeviceD0Entry
  // functions" of the drivers above. docs/trace-format.md's "no callbacks above a failure" holds for IRP_MN_START_DEVICE only.
  it('the PDO fails the D0 IRP; the function driver above still gets EvtDeviceD0Entry, and the IRP keeps the failure', () => {
    const h = lab({ id: 'cam', model: 'usb-webcam', layers: { bus: { callbacks: { EvtDeviceD0Entry: 'failOnWake' } } } }).plug('cam').idle('cam').wake('cam');
    const d0 = h.select({ kind: 'irp' }).filter((e) => e.name === 'IRP_MN_SET_POWER' && (e.args as Record<string, string>).State === 'PowerDeviceD0');
    expect(d0.map((e) => `${e.layer}:${e.result}`)).toEqual(['bus:STATUS_UNSUCCESSFUL', 'function:STATUS_UNSUCCESSFUL']);
    const fn = h.select({ kind: 'callback', layer: 'function' });
    expect(fn.find((e) => e.name === 'EvtDeviceD0Entry')).toMatchObject({ result: 'STATUS_SUCCESS', args: { PreviousState: 'WdfPowerDeviceD3' } });
  });

  // pnpstatemachine.cpp PnpEventFailedSurpriseRemoved ("device attempts to enter D0, D0Entry fails; pnp state machine
  // proceeds down failure path ...; a s.r. irp arrives"): the failed path has released the hardware and flushed, so
  // IRP_MN_SURPRISE_REMOVAL calls EvtDeviceSurpriseRemoval alone, after all of it.
  it('the layer whose D0Entry failed goes down its failed path at once; EvtDeviceSurpriseRemoval comes last, alone', () => {
    const h = lab({ id: 'disk', model: 'usb-disk', layers: { bus: { callbacks: { EvtDeviceD0Entry: 'failOnWake', EvtDeviceSurpriseRemoval: 'succeed' } } } }).plug('disk').idle('disk').wake('disk');
    const surprise = h.last.findIndex((e) => e.name === 'IRP_MN_SURPRISE_REMOVAL');
    expect(surprise).toBeGreaterThan(0);
    expect(h.callbacks({ layer: 'bus' }, h.last.slice(0, surprise))).toEqual(['EvtDeviceDisableWakeAtBus', 'EvtDeviceD0Entry(WdfPowerDeviceD3)', 'EvtDeviceReleaseHardware']);
    const remove = h.last.findIndex((e) => e.name === 'IRP_MN_REMOVE_DEVICE');
    expect(h.callbacks({ layer: 'bus' }, h.last.slice(surprise, remove))).toEqual(['EvtDeviceSurpriseRemoval']);
    // between them, the failed driver reports the failure and the stack answers PNP_DEVICE_FAILED (PnpEventFailedPowerPolicyRemoved)
    const report = h.last.findIndex((e) => e.name === 'IoInvalidateDeviceState');
    expect(h.last[report]).toMatchObject({ kind: 'call', layer: 'bus', driver: 'USBHUB3', at: 'power.wake/WakeFailed' });
    expect(h.last.slice(report, surprise).filter((e) => e.kind === 'irp').map((e) => `${e.name}:${(e.args as Record<string, string>).PnpDeviceState}`)[0]).toBe('IRP_MN_QUERY_PNP_DEVICE_STATE:PNP_DEVICE_FAILED');
    expect(h.state('disk')).toBe('EnumeratedAndDriversInitialized/CM_PROB_FAILED_POST_START');
  });
});

describe('KMDF source: where the start and remove IRPs run callbacks outside their main pass', () => {
  // fxpkgfdo.cpp PnpSendStartDeviceDownTheStackOverload: EvtDeviceRemoveAddedResources is called before the FDO passes
  // the start IRP down, and only if the IRP carries resource lists (pWdmRaw != NULL && pWdmTranslated != NULL).
  it('EvtDeviceRemoveAddedResources runs top-down before the bus driver sees IRP_MN_START_DEVICE (a PCI NIC: resources)', () => {
    const h = lab({ id: 'nic', model: 'pci-nic', filters: { lower: 1, upper: 1 } }).plug('nic');
    const fromRemove = h.last.slice(h.last.findIndex((e) => e.name === 'EvtDeviceRemoveAddedResources'));
    expect(fromRemove.filter((e) => e.name === 'EvtDeviceRemoveAddedResources' || e.name === 'IRP_MN_START_DEVICE').slice(0, 4).map((e) => `${e.name}@${e.layer}`)).toEqual([
      'EvtDeviceRemoveAddedResources@upper-filter', 'EvtDeviceRemoveAddedResources@function', 'EvtDeviceRemoveAddedResources@lower-filter',
      'IRP_MN_START_DEVICE@bus',
    ]);
    expect(h.select({ kind: 'callback', layer: 'function' }).find((e) => e.name === 'EvtDeviceRemoveAddedResources')!.args).toMatchObject({ ResourcesRaw: expect.stringContaining('CmResourceTypeMemory') });
  });

  it('a USB device\'s start IRP carries no resource lists: no EvtDeviceRemoveAddedResources at all', () => {
    const h = lab({ id: 'disk', model: 'usb-disk', filters: { lower: 1, upper: 1 } }).plug('disk').rebalance('disk');
    expect(h.events.some((e) => e.name === 'EvtDeviceRemoveAddedResources')).toBe(false);
  });

  it('a failed EvtDeviceRemoveAddedResources completes the IRP on its way down: the drivers below never see it', () => {
    const h = lab({ id: 'nic', model: 'pci-nic', filters: { lower: 1, upper: 1 }, callbacks: { EvtDeviceRemoveAddedResources: 'fail' } }).plug('nic');
    const starts = h.select({ kind: 'irp' }).filter((e) => e.name === 'IRP_MN_START_DEVICE');
    expect(starts.map((e) => `${e.layer}:${e.result}`)).toEqual(['function:STATUS_UNSUCCESSFUL', 'upper-filter:STATUS_UNSUCCESSFUL']);
    expect(h.select({ kind: 'callback', layer: 'lower-filter' }).some((e) => e.name === 'EvtDeviceRemoveAddedResources')).toBe(false);
    expect(h.select({ kind: 'callback' }).some((e) => e.name === 'EvtDevicePrepareHardware')).toBe(false);
    expect(h.state('nic')).toBe('EnumeratedAndDriversInitialized/CM_PROB_FAILED_START');
  });

  // fxpkgfdo.cpp ProcessRemoveDeviceOverload: CleanupStateMachines, CallDriver (the IRP goes to the drivers below), then
  // DeleteDevice; pnpstatemachine.cpp calls EvtCleanupCallback (EarlyDispose) while the FDO handles the IRP.
  it('a function or filter driver\'s EvtDestroyCallback comes after the PDO got IRP_MN_REMOVE_DEVICE, bottom-up; EvtCleanupCallback before it passes the IRP on', () => {
    const h = lab({ id: 'cam', model: 'usb-webcam', filters: { lower: 1, upper: 1 } }).plug('cam').unplug('cam');
    const remove = h.last.slice(h.last.findIndex((e) => e.name === 'IRP_MN_REMOVE_DEVICE'));
    expect(remove.filter((e) => e.kind === 'irp' || e.name === 'EvtCleanupCallback' || e.name === 'EvtDestroyCallback').map((e) => `${e.name}@${e.layer}`)).toEqual([
      'IRP_MN_REMOVE_DEVICE@upper-filter', 'EvtCleanupCallback@upper-filter',
      'IRP_MN_REMOVE_DEVICE@function', 'EvtCleanupCallback@function',
      'IRP_MN_REMOVE_DEVICE@lower-filter', 'EvtCleanupCallback@lower-filter',
      'IRP_MN_REMOVE_DEVICE@bus',
      'EvtDestroyCallback@lower-filter', 'EvtDestroyCallback@function', 'EvtDestroyCallback@upper-filter',
    ]);
  });
});

describe('KMDF source: a bus driver handling IRP_MN_QUERY_DEVICE_RELATIONS(BusRelations)', () => {
  // fxpkgpnp.cpp HandleQueryBusRelations: EvtDeviceRelationsQuery, then ProcessBusRelations (EvtChildListCreateDevice),
  // then the IRP goes on down; kernel/adding-a-pnp-device-to-a-running-system.md: "The hub driver creates a PDO for the
  // joystick device" while it handles the IRP for the hub FDO.
  it('a hub creates the child\'s PDO before the IRP goes on to its own PDO', () => {
    const h = lab({ id: 'hub', model: 'usb-hub' }, { id: 'disk', model: 'usb-disk' }).plug('hub').plug('disk', 'hub:1');
    expect(h.last.filter((e) => e.name === 'IRP_MN_QUERY_DEVICE_RELATIONS' || e.name === 'EvtChildListCreateDevice' || e.name === 'EvtDeviceRelationsQuery' || (e.kind === 'state' && e.name === 'Enumerated')).slice(0, 5).map((e) => `${e.name}@${e.device}:${e.layer ?? ''}`)).toEqual([
      'IRP_MN_QUERY_DEVICE_RELATIONS@hub:function', 'EvtDeviceRelationsQuery@hub:function', 'EvtChildListCreateDevice@disk:bus',
      'IRP_MN_QUERY_DEVICE_RELATIONS@hub:bus', 'Enumerated@disk:',
    ]);
  });

  it('a hub that starts creates the PDOs of the devices already on its ports, in port order, while it handles the IRP', () => {
    // the devices are plugged into the hub while it is disabled; enabling it starts it
    const h = lab({ id: 'hub', model: 'usb-hub' }, { id: 'disk', model: 'usb-disk' }, { id: 'cam', model: 'usb-webcam' })
      .plug('hub').disable('hub').plug('disk', 'hub:2').plug('cam', 'hub:1');
    expect(['cam', 'disk'].map((d) => h.state(d))).toEqual(['PhysicallyPresent', 'PhysicallyPresent']);
    h.enable('hub');
    const relations = h.last.findIndex((e) => e.name === 'IRP_MN_QUERY_DEVICE_RELATIONS' && e.device === 'hub' && e.layer === 'function');
    expect(h.last.slice(relations).filter((e) => e.kind === 'irp' || e.name === 'EvtChildListCreateDevice').slice(0, 4).map((e) => `${e.name}@${e.device}`)).toEqual([
      'IRP_MN_QUERY_DEVICE_RELATIONS@hub', 'EvtChildListCreateDevice@cam', 'EvtChildListCreateDevice@disk', 'IRP_MN_QUERY_DEVICE_RELATIONS@hub',
    ]);
    expect(['cam', 'disk'].map((d) => h.state(d))).toEqual(['Started', 'Started']);
  });

  // fxchildlist.cpp InvokeReportedMissingCallback (called from HandleQueryBusRelations): the PDO of a child the bus driver
  // reported missing (WdfChildListUpdateChildDescriptionAsMissing) gets EvtDeviceReportedMissing, once, before the removal IRPs.
  it('a child reported missing: its PDO gets EvtDeviceReportedMissing while the parent handles the IRP, before IRP_MN_SURPRISE_REMOVAL', () => {
    const h = lab({ id: 'hub', model: 'usb-hub' }, { id: 'disk', model: 'usb-disk' }).plug('hub').plug('disk', 'hub:1').unplug('disk');
    expect(h.last.filter((e) => e.kind === 'irp' && e.layer !== 'function' || e.name === 'EvtDeviceReportedMissing').slice(0, 3).map((e) => `${e.name}@${e.device}:${e.layer}`)).toEqual([
      'EvtDeviceReportedMissing@disk:bus', 'IRP_MN_QUERY_DEVICE_RELATIONS@hub:bus', 'IRP_MN_SURPRISE_REMOVAL@disk:bus',
    ]);
    expect(h.select({ kind: 'callback' }).filter((e) => e.name === 'EvtDeviceReportedMissing')).toHaveLength(1);
  });
});

describe('KMDF source: EvtDeviceRelationsQuery on a PDO', () => {
  // fxpkgpdo.cpp FxPkgPdo::PnpQueryDeviceRelations (BusRelations) → fxpkgpnp.cpp HandleQueryBusRelations: "Before we do
  // anything, callback into the driver" (m_DeviceRelationsQuery.Invoke), for a PDO as for an FDO.
  it('a bus driver whose PDO registers it gets it when IRP_MN_QUERY_DEVICE_RELATIONS(BusRelations) reaches the PDO', () => {
    const h = lab({ id: 'disk', model: 'usb-disk', layers: { bus: { callbacks: { EvtDeviceRelationsQuery: 'succeed' } } } }).plug('disk');
    const qdr = h.select({ kind: 'irp', device: 'disk', layer: 'bus' }).find((e) => e.name === 'IRP_MN_QUERY_DEVICE_RELATIONS')!;
    const cb = h.select({ kind: 'callback', device: 'disk', layer: 'bus' }).find((e) => e.name === 'EvtDeviceRelationsQuery')!;
    expect(cb).toMatchObject({ driver: 'USBHUB3', args: { RelationType: 'BusRelations' }, at: 'kmdf.queryRelations/RelationsQuery' });
    expect(cb.seq).toBe(qdr.seq + 1);
  });

  it('a PDO that does not register it (the lab\'s default) shows nothing', () => {
    const h = lab({ id: 'disk', model: 'usb-disk' }).plug('disk');
    expect(h.select({ kind: 'callback', layer: 'bus' }).some((e) => e.name === 'EvtDeviceRelationsQuery')).toBe(false);
  });
});

