/**
 * PnP notifications. Sources: kernel/pnp-notification-overview.md (seed),
 * kernel/handling-an-irp-mn-query-remove-device-request.md, kernel/handling-a-guid-target-device-*-event.md,
 * kernel/handling-an-irp-mn-surprise-removal-request.md, kernel/using-pnp-custom-notification.md,
 * kernel/handling-hardware-profile-change-events.md, kernel/guidelines-for-writing-pnp-notification-callback-routines.md.
 */
import { describe, expect, it } from 'vitest';
import { indexOf, labWith, story } from '../../testing/harness';

const disk = { id: 'disk', model: 'usb-disk' as const };
const user = (id: string, extra = {}) => ({ id, mode: 'user' as const, category: 'TargetDeviceChange' as const, target: 'disk', ...extra });
const kernel = (id: string, extra = {}) => ({ id, mode: 'kernel' as const, category: 'TargetDeviceChange' as const, target: 'disk', ...extra });

describe('target-device notifications on an orderly removal', () => {
  it('QUERY_REMOVE goes to user mode, then kernel mode, all before IRP_MN_QUERY_REMOVE_DEVICE; REMOVE_COMPLETE comes before IRP_MN_REMOVE_DEVICE', () => {
    const h = labWith({ devices: [disk], clients: [kernel('volsnap'), user('explorer')] }).plug('disk').safeRemove('disk');
    expect(story(h.last)).toEqual([
      'notify:CM_NOTIFY_ACTION_DEVICEQUERYREMOVE@explorer', 'call:CloseHandle@explorer',
      'notify:GUID_TARGET_DEVICE_QUERY_REMOVE@volsnap', 'call:ZwClose@volsnap',
      'irp:IRP_MN_QUERY_REMOVE_DEVICE', 'state:RemovePending',
      'notify:GUID_TARGET_DEVICE_REMOVE_COMPLETE@volsnap', 'call:IoUnregisterPlugPlayNotificationEx@volsnap',
      'notify:CM_NOTIFY_ACTION_DEVICEREMOVECOMPLETE@explorer', 'call:SubmitThreadpoolWork@explorer', 'call:CM_Unregister_Notification@explorer',
      'irp:IRP_MN_REMOVE_DEVICE', 'state:EnumeratedAndDriversInitialized',
    ]);
    expect(h.last.filter((e) => e.kind === 'notify').map((e) => e.result)).toEqual(['ERROR_SUCCESS', 'STATUS_SUCCESS', 'STATUS_SUCCESS', 'ERROR_SUCCESS']);
  });

  it('a client that vetoes stops the query before any IRP; the others are told it was cancelled and reopen', () => {
    const h = labWith({ devices: [disk], clients: [user('explorer'), kernel('volsnap'), kernel('backup', { onQueryRemove: 'veto' })] }).plug('disk').safeRemove('disk');
    expect(story(h.last)).toEqual([
      'notify:CM_NOTIFY_ACTION_DEVICEQUERYREMOVE@explorer', 'call:CloseHandle@explorer',
      'notify:GUID_TARGET_DEVICE_QUERY_REMOVE@volsnap', 'call:ZwClose@volsnap',
      'notify:GUID_TARGET_DEVICE_QUERY_REMOVE@backup',
      // no IRP was sent, so no IRP_MN_CANCEL_REMOVE_DEVICE; kernel clients unregister, reopen and register again; user mode just reopens
      'notify:GUID_TARGET_DEVICE_REMOVE_CANCELLED@volsnap', 'call:IoUnregisterPlugPlayNotificationEx@volsnap', 'call:ZwCreateFile@volsnap', 'call:IoRegisterPlugPlayNotification@volsnap',
      'notify:GUID_TARGET_DEVICE_REMOVE_CANCELLED@backup', 'call:IoUnregisterPlugPlayNotificationEx@backup', 'call:IoRegisterPlugPlayNotification@backup',
      'notify:CM_NOTIFY_ACTION_DEVICEQUERYREMOVEFAILED@explorer', 'call:CreateFile@explorer',
      'state:PNP_VetoDriver',
    ]);
    expect(h.last.find((e) => e.name === 'GUID_TARGET_DEVICE_QUERY_REMOVE' && e.client === 'backup')!.result).toBe('STATUS_UNSUCCESSFUL');
    expect(h.last.find((e) => e.name === 'PNP_VetoDriver')!.args).toMatchObject({ VetoName: 'backup' });
    expect(h.irps()).toEqual([]);
    expect(h.state('disk')).toBe('Started');
  });

  // kernel/handling-a-guid-target-device-remove-cancelled-event.md: after the cancel, the PnP manager "calls any notification
  // callback routines that registered for EventCategoryTargetDeviceChange on the device"; install/registering-for-notification-
  // of-device-interface-arrival-and-device-removal.md: a user-mode client may get CM_NOTIFY_ACTION_DEVICEQUERYREMOVEFAILED
  // "without first receiving a CM_NOTIFY_ACTION_DEVICEQUERYREMOVE notification".
  it('a user-mode veto: kernel clients were never asked, yet every one registered on the device hears the cancellation', () => {
    const h = labWith({ devices: [disk], clients: [user('editor', { onQueryRemove: 'veto' }), kernel('backup')] }).plug('disk').safeRemove('disk');
    expect(story(h.last)).toEqual([
      'notify:CM_NOTIFY_ACTION_DEVICEQUERYREMOVE@editor',
      'notify:GUID_TARGET_DEVICE_REMOVE_CANCELLED@backup', 'call:IoUnregisterPlugPlayNotificationEx@backup', 'call:IoRegisterPlugPlayNotification@backup',
      'notify:CM_NOTIFY_ACTION_DEVICEQUERYREMOVEFAILED@editor',
      'state:PNP_VetoWindowsApp',
    ]);
  });

  it('a veto on a hub: registrants on the devices below it hear the cancellation too, asked or not', () => {
    const h = labWith({
      devices: [{ id: 'hub', model: 'usb-hub' }, disk],
      clients: [{ id: 'hubwatch', mode: 'user', category: 'TargetDeviceChange', target: 'hub', onQueryRemove: 'veto' }, kernel('backup')],
    }).plug('hub').plug('disk', 'hub:1').safeRemove('hub');
    expect(story(h.last).filter((l) => l.startsWith('notify:'))).toEqual([
      'notify:CM_NOTIFY_ACTION_DEVICEQUERYREMOVE@hubwatch',
      'notify:GUID_TARGET_DEVICE_REMOVE_CANCELLED@backup',
      'notify:CM_NOTIFY_ACTION_DEVICEQUERYREMOVEFAILED@hubwatch',
    ]);
    expect(h.last.find((e) => e.name === 'GUID_TARGET_DEVICE_REMOVE_CANCELLED')!.device).toBe('disk');
  });

  it('a user-mode veto answers ERROR_CANCELLED and shows as PNP_VetoWindowsApp', () => {
    const h = labWith({ devices: [disk], clients: [user('editor', { onQueryRemove: 'veto' })] }).plug('disk').safeRemove('disk');
    expect(h.last.find((e) => e.kind === 'notify')!.result).toBe('ERROR_CANCELLED');
    expect(h.last.some((e) => e.name === 'PNP_VetoWindowsApp')).toBe(true);
  });

  it('a client that keeps its handle open vetoes too: the IRPs go out, then cancel; REMOVE_CANCELLED comes after the cancel IRPs', () => {
    const h = labWith({ devices: [disk], clients: [kernel('sloppy', { onQueryRemove: 'keepOpen' })] }).plug('disk').safeRemove('disk');
    const cancelIrp = h.last.findLastIndex((e) => e.name === 'IRP_MN_CANCEL_REMOVE_DEVICE');
    const cancelled = indexOf(h.last, (e) => e.name === 'GUID_TARGET_DEVICE_REMOVE_CANCELLED');
    expect(cancelIrp).toBeGreaterThan(0);
    expect(cancelled).toBeGreaterThan(cancelIrp);
    // the veto names the client that kept its handle open (the device's own openHandles is 0)
    expect(h.last.find((e) => e.name === 'PNP_VetoOutstandingOpen')!.args).toMatchObject({ OpenOn: 'disk', Clients: 'sloppy' });
    expect(h.last.find((e) => e.name === 'PNP_VetoOutstandingOpen')!.args).not.toHaveProperty('AppHandles');
    expect(h.state('disk')).toBe('Started');
  });

  it('registration persists after the handle is closed, until the client unregisters', () => {
    const h = labWith({ devices: [disk], clients: [kernel('volsnap')] }).plug('disk');
    h.do({ action: 'closeHandle', client: 'volsnap' }).safeRemove('disk');
    expect(h.last.some((e) => e.name === 'GUID_TARGET_DEVICE_QUERY_REMOVE')).toBe(true);
  });
});

describe('target-device notifications on a surprise removal', () => {
  it('IRP_MN_SURPRISE_REMOVAL first, then REMOVE_COMPLETE with no QUERY_REMOVE; clients close and unregister, then IRP_MN_REMOVE_DEVICE', () => {
    const h = labWith({ devices: [disk], clients: [user('explorer'), kernel('volsnap')] }).plug('disk').unplug('disk');
    expect(story(h.last).filter((s) => !s.startsWith('irp:IRP_MN_QUERY_DEVICE_RELATIONS'))).toEqual([
      'irp:IRP_MN_SURPRISE_REMOVAL', 'state:SurpriseRemoved',
      'notify:GUID_TARGET_DEVICE_REMOVE_COMPLETE@volsnap', 'call:ZwClose@volsnap', 'call:IoUnregisterPlugPlayNotificationEx@volsnap',
      // user mode unregisters from a work item (then closes its handle): see the next test
      'notify:CM_NOTIFY_ACTION_DEVICEREMOVEPENDING@explorer', 'call:SubmitThreadpoolWork@explorer', 'call:CM_Unregister_Notification@explorer', 'call:CloseHandle@explorer',
      'irp:IRP_MN_REMOVE_DEVICE', 'state:PhysicallyAbsent',
    ]);
    expect(h.last.some((e) => e.name.includes('QUERY_REMOVE'))).toBe(false);
  });

  // SDK cfgmgr32/nf-cfgmgr32-cm_unregister_notification.md (Remarks): "Do not call CM_Unregister_Notification from a
  // notification callback" (it waits for pending callbacks: a deadlock); submit a threadpool work item that calls it.
  // install/registering-for-notification-of-device-interface-arrival-and-device-removal.md, REMOVEPENDING and
  // REMOVECOMPLETE: "Call CM_Unregister_Notification ... You must do this from a deferred routine ... If you still have
  // an open handle to the device, call CloseHandle". Kernel clients may unregister in the callback (the Ex form).
  it('a user-mode client never unregisters inside its callback: it submits a work item, which unregisters and then closes its handle', () => {
    for (const step of ['unplug', 'safeRemove'] as const) {
      const h = labWith({ devices: [disk], clients: [user('explorer'), user('photos')] }).plug('disk').do({ action: step, device: 'disk' });
      const mine = (id: string) => h.last.filter((e) => e.client === id && e.kind === 'call').map((e) => `${e.name}${e.result === undefined ? '' : '=' + e.result}`);
      const expected = step === 'unplug'
        ? ['SubmitThreadpoolWork', 'CM_Unregister_Notification=CR_SUCCESS', 'CloseHandle=TRUE']
        : ['CloseHandle=TRUE', 'SubmitThreadpoolWork', 'CM_Unregister_Notification=CR_SUCCESS']; // the handle went at the query
      for (const id of ['explorer', 'photos']) expect(mine(id), `${step} ${id}`).toEqual(expected);
      const submit = h.last.find((e) => e.name === 'SubmitThreadpoolWork')!;
      expect(submit.args).toEqual({ Work: 'CM_Unregister_Notification' });
    }
  });

  it('a client that keeps its handle keeps IRP_MN_REMOVE_DEVICE from being sent until the handle closes', () => {
    const h = labWith({ devices: [disk], clients: [kernel('leaky', { onQueryRemove: 'keepOpen' })] }).plug('disk').unplug('disk');
    expect(h.irps('IRP_MN_REMOVE_DEVICE')).toEqual([]);
    expect(h.state('disk')).toBe('SurpriseRemoved');
    h.do({ action: 'closeHandle', client: 'leaky' });
    expect(h.irps('IRP_MN_REMOVE_DEVICE')).toEqual(['IRP_MN_REMOVE_DEVICE@function', 'IRP_MN_REMOVE_DEVICE@bus']);
  });
});

describe('device interface notifications', () => {
  const mountmgr = { id: 'mountmgr', mode: 'kernel' as const, category: 'DeviceInterfaceChange' as const, interfaceClass: 'GUID_DEVINTERFACE_VOLUME' };
  const app = { id: 'app', mode: 'user' as const, category: 'DeviceInterfaceChange' as const, interfaceClass: 'GUID_DEVINTERFACE_VOLUME' };

  it('ARRIVAL after the start completes and the interface is enabled; REMOVAL when it is disabled', () => {
    const h = labWith({ devices: [disk], clients: [mountmgr, app] }).plug('disk');
    const enabled = indexOf(h.last, (e) => e.name === 'IoSetDeviceInterfaceState' && e.args?.InterfaceClassGuid === 'GUID_DEVINTERFACE_VOLUME');
    const started = indexOf(h.last, (e) => e.kind === 'state' && e.name === 'Started');
    const arrivals = h.last.filter((e) => e.kind === 'notify');
    expect(arrivals.map((e) => `${e.name}@${e.client}`)).toEqual(['GUID_DEVICE_INTERFACE_ARRIVAL@mountmgr', 'CM_NOTIFY_ACTION_DEVICEINTERFACEARRIVAL@app']);
    expect(h.last.indexOf(arrivals[0])).toBeGreaterThan(Math.max(enabled, started, h.last.findLastIndex((e) => e.kind === 'irp')));
    h.unplug('disk');
    expect(h.last.filter((e) => e.kind === 'notify' && e.name.includes('INTERFACE')).map((e) => e.name)).toEqual(['GUID_DEVICE_INTERFACE_REMOVAL', 'CM_NOTIFY_ACTION_DEVICEINTERFACEREMOVAL']);
  });

  it('PNPNOTIFY_DEVICE_INTERFACE_INCLUDE_EXISTING_INTERFACES reports interfaces that were enabled before the registration', () => {
    const late = { ...mountmgr, registered: false, includeExisting: true };
    const h = labWith({ devices: [disk], clients: [late] }).plug('disk').do({ action: 'register', client: 'mountmgr' });
    expect(h.last.map((e) => `${e.kind}:${e.name}`)).toEqual(['user:register', 'call:IoRegisterPlugPlayNotification', 'notify:GUID_DEVICE_INTERFACE_ARRIVAL']);
    expect(h.last[1].args).toMatchObject({ EventCategoryFlags: 'PNPNOTIFY_DEVICE_INTERFACE_INCLUDE_EXISTING_INTERFACES' });
    const without = labWith({ devices: [disk], clients: [{ ...mountmgr, registered: false }] }).plug('disk').do({ action: 'register', client: 'mountmgr' });
    expect(without.last.some((e) => e.kind === 'notify')).toBe(false);
  });

  it('an unregistered client hears nothing', () => {
    const h = labWith({ devices: [disk], clients: [mountmgr] }).do({ action: 'unregister', client: 'mountmgr' }).plug('disk');
    expect(h.last.some((e) => e.kind === 'notify')).toBe(false);
  });
});

describe('custom events', () => {
  it('IoReportTargetDeviceChange: user-mode callbacks first, then kernel; the synchronous call returns after both', () => {
    const h = labWith({ devices: [disk], clients: [kernel('k'), user('u')] }).plug('disk').do({ action: 'customEvent', device: 'disk', guid: 'GUID_DISK_FULL' });
    expect(h.last.filter((e) => e.kind === 'notify').map((e) => `${e.name}@${e.client}`)).toEqual(['CM_NOTIFY_ACTION_DEVICECUSTOMEVENT@u', 'GUID_DISK_FULL@k']);
    const call = h.last.find((e) => e.name === 'IoReportTargetDeviceChange')!;
    expect(call.result).toBe('STATUS_SUCCESS');
  });

  it('the asynchronous form returns at once and calls the driver back after every registrant was told', () => {
    const h = labWith({ devices: [disk], clients: [kernel('k')] }).plug('disk').do({ action: 'customEvent', device: 'disk', guid: 'GUID_DISK_FULL', async: true });
    expect(h.last.map((e) => `${e.kind}:${e.name}`)).toEqual(['user:customEvent', 'call:IoReportTargetDeviceChangeAsynchronous', 'notify:GUID_DISK_FULL', 'callback:PDEVICE_CHANGE_COMPLETE_CALLBACK']);
    expect(h.last[1].result).toBe('STATUS_PENDING');
  });

  it('a system GUID is refused with STATUS_INVALID_DEVICE_REQUEST and nobody is notified', () => {
    const h = labWith({ devices: [disk], clients: [kernel('k')] }).plug('disk').do({ action: 'customEvent', device: 'disk', guid: 'GUID_TARGET_DEVICE_QUERY_REMOVE' });
    expect(h.last.find((e) => e.kind === 'call')!.result).toBe('STATUS_INVALID_DEVICE_REQUEST');
    expect(h.last.some((e) => e.kind === 'notify')).toBe(false);
  });

  it('raising a synchronous event from inside a notification callback would deadlock: a warning instead; the asynchronous form is fine', () => {
    const sync = labWith({ devices: [disk], clients: [kernel('bad', { inCallback: 'reportSync' })] }).plug('disk').safeRemove('disk');
    const warn = sync.last.find((e) => e.kind === 'warn')!;
    expect(warn).toMatchObject({ name: 'IoReportTargetDeviceChange', client: 'bad' });
    expect(String(warn.args!.message)).toMatch(/deadlock/);
    expect(sync.state('disk')).toBe('EnumeratedAndDriversInitialized/CM_PROB_HELD_FOR_EJECT');
    const async = labWith({ devices: [disk], clients: [kernel('good', { inCallback: 'reportAsync' })] }).plug('disk').safeRemove('disk');
    expect(async.last.some((e) => e.kind === 'warn')).toBe(false);
    expect(async.last.some((e) => e.name === 'IoReportTargetDeviceChangeAsynchronous')).toBe(true);
  });
});

describe('hardware profile changes', () => {
  const hw = (id: string, mode: 'kernel' | 'user', onProfileQuery: 'allow' | 'veto' = 'allow') => ({ id, mode, category: 'HardwareProfileChange' as const, onProfileQuery });

  it('dock: the query goes to user mode then kernel; completion to kernel then user', () => {
    const h = labWith({ devices: [], clients: [hw('k', 'kernel'), hw('u', 'user')] }).do({ action: 'dock' });
    expect(h.last.filter((e) => e.kind === 'notify').map((e) => `${e.name}@${e.client}:${e.result}`)).toEqual([
      'DBT_QUERYCHANGECONFIG@u:TRUE', 'GUID_HWPROFILE_QUERY_CHANGE@k:STATUS_SUCCESS',
      'GUID_HWPROFILE_CHANGE_COMPLETE@k:STATUS_SUCCESS', 'DBT_CONFIGCHANGED@u:TRUE',
    ]);
    expect(h.lab.docked).toBe(true);
  });

  it('a veto cancels the change: kernel then user hear GUID_HWPROFILE_CHANGE_CANCELLED (every registered callback, asked or not)', () => {
    const h = labWith({ devices: [], clients: [hw('k', 'kernel'), hw('u', 'user', 'veto')] }).do({ action: 'dock' });
    expect(h.last.filter((e) => e.kind === 'notify').map((e) => `${e.name}@${e.client}:${e.result}`)).toEqual([
      'DBT_QUERYCHANGECONFIG@u:BROADCAST_QUERY_DENY', 'GUID_HWPROFILE_CHANGE_CANCELLED@k:STATUS_SUCCESS', 'DBT_CONFIGCHANGECANCELED@u:TRUE',
    ]);
    expect(h.lab.docked).toBe(false);
    const k = labWith({ devices: [], clients: [hw('k', 'kernel', 'veto'), hw('u', 'user')] }).do({ action: 'dock' });
    expect(k.last.filter((e) => e.kind === 'notify').map((e) => `${e.name}@${e.client}`)).toEqual([
      'DBT_QUERYCHANGECONFIG@u', 'GUID_HWPROFILE_QUERY_CHANGE@k', 'GUID_HWPROFILE_CHANGE_CANCELLED@k', 'DBT_CONFIGCHANGECANCELED@u',
    ]);
  });
});

describe('client actions that make no sense are refused with the field path', () => {
  it('registering a target-device client without a handle; opening a handle on a device that is not started', () => {
    const h = labWith({ devices: [disk], clients: [kernel('k', { registered: false, target: undefined })] });
    expect(() => h.do({ action: 'register', client: 'k' })).toThrow('action.client: "k" has no open handle');
    expect(() => h.do({ action: 'openHandle', client: 'k', device: 'disk' })).toThrow('action.device: "disk" is PhysicallyAbsent');
    expect(() => h.do({ action: 'closeHandle', client: 'nobody' })).toThrow('action.client: unknown client "nobody"');
  });
});
