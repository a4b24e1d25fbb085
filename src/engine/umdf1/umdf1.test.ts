/**
 * UMDF 1. Sources: wdf/a-user-plugs-in-a-device-umdf.md, wdf/a-user-unplugs-a-device-umdf.md (seed),
 * wdf/the-pnp-manager-redistributes-system-resources-umdf.md, wdf/how-umdf-enforces-time-outs.md,
 * wdf/how-umdf-handles-driver-failures.md, wudfddi reference pages.
 */
import { describe, expect, it } from 'vitest';
import { indexOf, lab, labWithSeed } from '../../testing/harness';

const cam = (extra = {}) => ({ id: 'cam', model: 'usb-webcam' as const, framework: 'umdf1' as const, ...extra });

describe('UMDF 1 callbacks', () => {
  it('plug-in: OnInitialize, OnDeviceAdd, OnPrepareHardware, OnD0Entry(D3Final), OnSelfManagedIoInit', () => {
    const h = lab(cam()).plug('cam');
    expect(h.callbacks({ layer: 'function' })).toEqual([
      'IDriverEntry::OnInitialize', 'IDriverEntry::OnDeviceAdd', 'IPnpCallbackHardware::OnPrepareHardware',
      'IPnpCallback::OnD0Entry', 'IPnpCallbackSelfManagedIo::OnSelfManagedIoInit',
    ]);
    expect(h.select({ kind: 'callback', layer: 'function' }).find((e) => e.name === 'IPnpCallback::OnD0Entry')!).toMatchObject({ args: { previousState: 'WdfPowerDeviceD3Final' }, result: 'S_OK' });
  });

  it('orderly removal: OnQueryRemove, then Suspend, OnIoStop, OnD0Exit(D3Final), OnReleaseHardware, purge, Flush, purge, Cleanup', () => {
    const h = lab(cam({ capabilities: { SurpriseRemovalOK: false } })).plug('cam').safeRemove('cam');
    expect(h.callbacks({ layer: 'function' })).toEqual([
      'IPnpCallback::OnQueryRemove',
      'IPnpCallbackSelfManagedIo::OnSelfManagedIoSuspend', 'IQueueCallbackIoStop::OnIoStop', 'IPnpCallback::OnD0Exit',
      'IPnpCallbackHardware::OnReleaseHardware', 'IQueueCallbackIoStop::OnIoStop', 'IPnpCallbackSelfManagedIo::OnSelfManagedIoFlush',
      'IQueueCallbackIoStop::OnIoStop', 'IPnpCallbackSelfManagedIo::OnSelfManagedIoCleanup', 'IDriverEntry::OnDeinitialize',
    ]);
    expect(h.select({ kind: 'callback', layer: 'function' }).find((e) => e.name === 'IPnpCallback::OnD0Exit')!.args).toEqual({ newState: 'WdfPowerDeviceD3Final' });
  });

  it('OnQueryRemove failing vetoes the removal (the only veto a UMDF 1 driver has)', () => {
    const h = lab(cam({ capabilities: { SurpriseRemovalOK: false }, callbacks: { 'IPnpCallback::OnQueryRemove': 'fail' } })).plug('cam').safeRemove('cam');
    expect(h.select({ kind: 'callback' }).find((e) => e.name === 'IPnpCallback::OnQueryRemove')!.result).toBe('E_FAIL');
    expect(h.irps('IRP_MN_CANCEL_REMOVE_DEVICE')).toEqual(['IRP_MN_CANCEL_REMOVE_DEVICE@bus', 'IRP_MN_CANCEL_REMOVE_DEVICE@reflector', 'IRP_MN_CANCEL_REMOVE_DEVICE@function']);
    expect(h.state('cam')).toBe('Started');
  });

  it('OnSurpriseRemoval is not in a fixed place: the seed picks one of the legal places and the trace says which', () => {
    const placements = new Set<string>();
    for (let seed = 1; seed <= 12; seed++) {
      const h = labWithSeed(seed, cam()).plug('cam').unplug('cam');
      const fn = h.callbacks({ layer: 'function' });
      const i = fn.indexOf('IPnpCallback::OnSurpriseRemoval');
      expect(i).toBeGreaterThanOrEqual(0);
      expect(fn.filter((n) => n === 'IPnpCallback::OnSurpriseRemoval')).toHaveLength(1);
      // the rest keeps its documented order
      expect(fn.filter((n) => n !== 'IPnpCallback::OnSurpriseRemoval')).toEqual([
        'IPnpCallbackSelfManagedIo::OnSelfManagedIoSuspend', 'IQueueCallbackIoStop::OnIoStop', 'IPnpCallback::OnD0Exit',
        'IPnpCallbackHardware::OnReleaseHardware', 'IQueueCallbackIoStop::OnIoStop', 'IPnpCallbackSelfManagedIo::OnSelfManagedIoFlush',
        'IQueueCallbackIoStop::OnIoStop', 'IPnpCallbackSelfManagedIo::OnSelfManagedIoCleanup', 'IDriverEntry::OnDeinitialize',
      ]);
      const event = h.select({ kind: 'callback' }).find((e) => e.name === 'IPnpCallback::OnSurpriseRemoval')!;
      placements.add(String(event.args!.Order));
    }
    expect(placements.size).toBeGreaterThan(1);
  });

  it('rebalance: OnQueryStop, power-down to D3Final and OnReleaseHardware, then OnPrepareHardware, OnD0Entry, OnIoResume, OnSelfManagedIoRestart', () => {
    const h = lab(cam()).plug('cam').rebalance('cam');
    expect(h.callbacks({ layer: 'function' })).toEqual([
      'IPnpCallback::OnQueryStop', 'IPnpCallbackSelfManagedIo::OnSelfManagedIoSuspend', 'IQueueCallbackIoStop::OnIoStop',
      'IPnpCallback::OnD0Exit', 'IPnpCallbackHardware::OnReleaseHardware',
      'IPnpCallbackHardware::OnPrepareHardware', 'IPnpCallback::OnD0Entry', 'IQueueCallbackIoResume::OnIoResume', 'IPnpCallbackSelfManagedIo::OnSelfManagedIoRestart',
    ]);
  });

  it('failure rules: a failed OnPrepareHardware still gets OnReleaseHardware; a failed OnD0Entry never gets OnD0Exit; a failed Init gets Flush and Cleanup', () => {
    const prep = lab(cam({ callbacks: { 'IPnpCallbackHardware::OnPrepareHardware': 'fail' } })).plug('cam');
    const p = prep.callbacks({ layer: 'function' });
    expect(p[p.indexOf('IPnpCallbackHardware::OnPrepareHardware') + 1]).toBe('IPnpCallbackHardware::OnReleaseHardware');
    expect(prep.state('cam')).toBe('EnumeratedAndDriversInitialized/CM_PROB_FAILED_START');
    const d0 = lab(cam({ callbacks: { 'IPnpCallback::OnD0Entry': 'fail' } })).plug('cam');
    expect(d0.callbacks({ layer: 'function' })).not.toContain('IPnpCallback::OnD0Exit');
  });

  // issue 12 point 1. wudfddi/nf-wudfddi-ipnpcallbackselfmanagedio-onselfmanagedioinit.md: a failed Init gets Flush and Cleanup;
  // ...-onselfmanagediocleanup.md: Cleanup runs "after the device is removed". The teardown is KMDF's
  // (pnpstatemachine.cpp PnpEventFailedOwnHardware → PnpEventFailed): OnD0Exit, OnReleaseHardware and Flush inside the
  // failing IRP_MN_START_DEVICE; only Cleanup is left for IRP_MN_REMOVE_DEVICE.
  it('a failed OnSelfManagedIoInit: OnD0Exit, OnReleaseHardware, Flush inside the start; Cleanup only after IRP_MN_REMOVE_DEVICE', () => {
    const h = lab(cam({ callbacks: { 'IPnpCallbackSelfManagedIo::OnSelfManagedIoInit': 'fail' } })).plug('cam');
    const seqOf = (name: string, irp?: string) => h.select({ layer: 'function' }).find((e) => e.name === name && (irp === undefined || e.kind === 'irp'))!.seq;
    const fn = h.callbacks({ layer: 'function' });
    const init = fn.indexOf('IPnpCallbackSelfManagedIo::OnSelfManagedIoInit');
    expect(fn.slice(init)).toEqual([
      'IPnpCallbackSelfManagedIo::OnSelfManagedIoInit', 'IPnpCallback::OnD0Exit',
      'IPnpCallbackHardware::OnReleaseHardware', 'IPnpCallbackSelfManagedIo::OnSelfManagedIoFlush',
      'IPnpCallbackSelfManagedIo::OnSelfManagedIoCleanup', 'IDriverEntry::OnDeinitialize',
    ]);
    const remove = h.select({ kind: 'irp', layer: 'function' }).find((e) => e.name === 'IRP_MN_REMOVE_DEVICE')!.seq;
    expect(seqOf('IPnpCallbackSelfManagedIo::OnSelfManagedIoFlush')).toBeLessThan(remove);
    expect(seqOf('IPnpCallbackSelfManagedIo::OnSelfManagedIoCleanup')).toBeGreaterThan(remove);
    expect(h.select({ kind: 'callback', layer: 'function' }).find((e) => e.name === 'IPnpCallback::OnD0Exit')!.args).toEqual({ newState: 'WdfPowerDeviceD3Final' });
    expect(h.state('cam')).toBe('EnumeratedAndDriversInitialized/CM_PROB_FAILED_START');
  });

  it('KMDF and UMDF 1 on the same unplug: the same steps under different names', () => {
    const k = lab({ id: 'cam', model: 'usb-webcam' }).plug('cam').unplug('cam').callbacks({ layer: 'function' });
    expect(k[0]).toBe('EvtDeviceSurpriseRemoval');
    expect(k).toContain('EvtDeviceD0Exit(WdfPowerDeviceD3Final)');
    const u = lab(cam()).plug('cam').unplug('cam').callbacks({ layer: 'function' });
    expect(u).toContain('IPnpCallback::OnSurpriseRemoval');
    expect(u).toContain('IPnpCallback::OnD0Exit');
  });
});

describe('the reflector times out a hung UMDF 1 callback', () => {
  it('after 60 s of virtual time: a warning, the host is terminated, the removal completes, GUID_WUDF_DEVICE_HOST_PROBLEM is raised', () => {
    const h = lab(cam({ capabilities: { SurpriseRemovalOK: false }, callbacks: { 'IPnpCallback::OnD0Exit': 'hang' } })).plug('cam').safeRemove('cam');
    const hung = indexOf(h.last, (e) => e.name === 'IPnpCallback::OnD0Exit');
    const warn = indexOf(h.last, (e) => e.kind === 'warn');
    expect(h.last[warn].t - h.last[hung].t).toBe(60_000);
    expect(String(h.last[warn].args!.message)).toMatch(/WUDFHost\.exe/);
    // no further callback reaches the terminated driver; the kernel side finishes the IRP
    expect(h.callbacks({ layer: 'function' }, h.last.slice(warn))).toEqual([]);
    expect(h.last.slice(warn).some((e) => e.name === 'IRP_MN_REMOVE_DEVICE' && e.layer === 'bus')).toBe(true);
    expect(h.state('cam')).toBe('EnumeratedAndDriversInitialized/CM_PROB_HELD_FOR_EJECT');
  });

  it('a hang in the start path fails the start with STATUS_DRIVER_PROCESS_TERMINATED', () => {
    const h = lab(cam({ callbacks: { 'IPnpCallbackHardware::OnPrepareHardware': 'hang' } })).plug('cam');
    expect(h.select({ kind: 'irp' }).find((e) => e.name === 'IRP_MN_START_DEVICE' && e.layer === 'function')!.result).toBe('STATUS_DRIVER_PROCESS_TERMINATED');
    expect(h.state('cam')).toBe('EnumeratedAndDriversInitialized/CM_PROB_FAILED_START');
  });

  it('clients registered on the device hear GUID_WUDF_DEVICE_HOST_PROBLEM and a started device is surprise-removed', async () => {
    const { labWith } = await import('../../testing/harness');
    const h = labWith({ devices: [cam({ callbacks: { 'IPnpCallback::OnQueryStop': 'hang' } })], clients: [{ id: 'app', mode: 'kernel', category: 'TargetDeviceChange', target: 'cam' }] }).plug('cam').rebalance('cam');
    expect(h.last.some((e) => e.kind === 'notify' && e.name === 'GUID_WUDF_DEVICE_HOST_PROBLEM')).toBe(true);
    expect(h.irps('IRP_MN_SURPRISE_REMOVAL')).toEqual(['IRP_MN_SURPRISE_REMOVAL@reflector', 'IRP_MN_SURPRISE_REMOVAL@function', 'IRP_MN_SURPRISE_REMOVAL@bus']);
    // then the driver manager restarts it (the next describe)
    expect(h.last.some((e) => e.kind === 'state' && e.name === 'EnumeratedAndDriversInitialized' && (e.args as Record<string, string>).Problem === 'CM_PROB_FAILED_POST_START')).toBe(true);
    expect(h.state('cam')).toBe('Started');
  });
});

// issue 12 point 8. wdf/detailed-view-of-the-umdf-architecture.md: "After the kernel-mode stack has been built, the
// reflector notifies the driver manager to start construction of the user-mode stack"; a request reaches the reflector,
// which sends it to the host process, and what the UMDF drivers forward goes back to the reflector and down the kernel stack.
describe('the reflector (WUDFRd.sys), the kernel layer of a UMDF 1 stack', () => {
  it('is part of the stack: its AddDevice comes before the UMDF drivers\', and IRPs reach it before the host\'s drivers (down) or right after the bus driver (up)', () => {
    const h = lab(cam({ filters: { lower: 1, upper: 1 }, capabilities: { SurpriseRemovalOK: false } })).plug('cam');
    const adds = h.last.filter((e) => e.at === 'umdf1.reflectorAddDevice/AddDevice' || e.name === 'IDriverEntry::OnDeviceAdd');
    expect(adds).toEqual(h.last.filter((e) => e.name === 'IDriverEntry::OnDeviceAdd')); // the reflector's AddDevice records no event of its own
    expect(h.irps('IRP_MN_START_DEVICE')).toEqual(['IRP_MN_START_DEVICE@bus', 'IRP_MN_START_DEVICE@reflector', 'IRP_MN_START_DEVICE@lower-filter', 'IRP_MN_START_DEVICE@function', 'IRP_MN_START_DEVICE@upper-filter']);
    expect(h.select({ kind: 'irp', layer: 'reflector' })[0]).toMatchObject({ driver: 'WUDFRd', result: 'STATUS_SUCCESS' });
    h.safeRemove('cam');
    expect(h.irps('IRP_MN_REMOVE_DEVICE')).toEqual(['IRP_MN_REMOVE_DEVICE@reflector', 'IRP_MN_REMOVE_DEVICE@upper-filter', 'IRP_MN_REMOVE_DEVICE@function', 'IRP_MN_REMOVE_DEVICE@lower-filter', 'IRP_MN_REMOVE_DEVICE@bus']);
    expect(h.callbacks({ layer: 'reflector' })).toEqual([]);
  });

  it('after it terminated a hung host it still gets the IRPs and completes them itself', () => {
    const h = lab(cam({ callbacks: { 'IPnpCallback::OnQueryStop': 'hang' } })).plug('cam').rebalance('cam');
    const after = h.last.slice(h.last.findIndex((e) => e.kind === 'warn'), h.last.findIndex((e) => e.at === 'pnp.umdfHostFailure/RestartDevice' || e.name === 'IDriverEntry::OnInitialize' && e.seq > h.last.find((w) => w.kind === 'warn')!.seq));
    expect(after.filter((e) => e.kind === 'irp' && e.layer === 'reflector').map((e) => e.name)).toEqual(['IRP_MN_CANCEL_STOP_DEVICE', 'IRP_MN_SURPRISE_REMOVAL', 'IRP_MN_REMOVE_DEVICE']);
    expect(h.callbacks({ layer: 'function' }, after)).toEqual([]);
  });
});

// issue 12 point 8. wdf/how-umdf-enforces-time-outs.md: "If the timeout period expires, the reflector generates a WER error
// report, terminates the host process, and attempts to restart the device." wdf/how-umdf-handles-driver-failures.md: the
// stack is torn down and restarted only once every handle to it is closed; the count of restarts is a registry setting
// (the lab: one restart), reset when the device is disabled and enabled or unplugged and plugged.
describe('the driver manager restarts the device after the reflector terminated its host', () => {
  it('once the old stack is removed: a new host loads the drivers and starts the device again', () => {
    const h = lab(cam({ callbacks: { 'IPnpCallback::OnQueryStop': 'hang' } })).plug('cam').rebalance('cam');
    const removed = h.last.findLastIndex((e) => e.name === 'IRP_MN_REMOVE_DEVICE');
    const restart = h.last.slice(removed);
    expect(restart.filter((e) => e.kind === 'callback' && e.layer === 'function').map((e) => e.name).slice(0, 3)).toEqual(['IDriverEntry::OnInitialize', 'IDriverEntry::OnDeviceAdd', 'IPnpCallbackHardware::OnPrepareHardware']);
    expect(h.state('cam')).toBe('Started');
  });

  it('waits for the last handle: an application that keeps one open keeps the device from restarting', () => {
    const h = lab(cam({ openHandles: 1, callbacks: { 'IPnpCallback::OnQueryStop': 'hang' } })).plug('cam').rebalance('cam');
    expect(h.last.some((e) => e.name === 'IDriverEntry::OnDeviceAdd')).toBe(false);
    h.closeHandles('cam');
    expect(h.last.some((e) => e.name === 'IDriverEntry::OnDeviceAdd')).toBe(true);
    expect(h.state('cam')).toBe('Started');
  });

  it('a host that hangs while its driver unloads, after the device was removed as failed, restarts nothing', () => {
    // the driver reported the failure itself (WdfDeviceFailedNoRestart); the stack is gone when OnDeinitialize hangs,
    // so the driver manager has no stack to restart (found by the engine invariants: an AddDevice after the removal)
    const h = lab(cam({ callbacks: { 'IDriverEntry::OnDeinitialize': 'hang' } })).plug('cam').fail('cam');
    expect(h.select({ kind: 'warn' }).map((e) => e.name)).toEqual(['IDriverEntry::OnDeinitialize']);
    expect(h.last.filter((e) => e.name === 'IDriverEntry::OnDeviceAdd')).toEqual([]);
    expect(h.state('cam')).toBe('EnumeratedAndDriversInitialized/CM_PROB_FAILED_POST_START');
  });

  it('a host that hangs again is not restarted a second time: the device stays failed', () => {
    const h = lab(cam({ callbacks: { 'IPnpCallbackHardware::OnPrepareHardware': 'hang' } })).plug('cam');
    expect(h.select({ kind: 'warn' }).filter((e) => e.name === 'IPnpCallbackHardware::OnPrepareHardware')).toHaveLength(2);
    expect(h.select({ kind: 'callback', layer: 'function' }).filter((e) => e.name === 'IDriverEntry::OnDeviceAdd')).toHaveLength(2);
    expect(h.state('cam')).toBe('EnumeratedAndDriversInitialized/CM_PROB_FAILED_START');
    // unplug and plug make a new device instance: the count starts again (one more restart)
    h.unplug('cam').plug('cam');
    expect(h.select({ kind: 'warn' }).filter((e) => e.name === 'IPnpCallbackHardware::OnPrepareHardware')).toHaveLength(2);
  });
});
