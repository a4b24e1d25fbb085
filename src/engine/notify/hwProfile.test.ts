/**
 * Hardware-profile changes (dock, undock): who is told what on each side of a veto, and how user mode hears them.
 * Sources: kernel/handling-hardware-profile-change-events.md (the cancelled event goes to the registered callback
 * routines, kernel mode first, then user mode); win32 desktop-src/DevIO/dbt-querychangeconfig.md,
 * dbt-configchanged.md, dbt-configchangecanceled.md (the system broadcasts WM_DEVICECHANGE with these codes);
 * desktop-src/DevIO/device-notifications.md and sdk-api winuser RegisterDeviceNotification (a top-level window gets
 * the broadcast without registering; RegisterDeviceNotification filters only DBT_DEVTYP_DEVICEINTERFACE / _HANDLE);
 * sdk-api cfgmgr32 CM_NOTIFY_FILTER (FilterType: DEVICEINTERFACE, DEVICEHANDLE, DEVICEINSTANCE).
 */
import { describe, expect, it } from 'vitest';
import { labWith } from '../../testing/harness';

type Mode = 'kernel' | 'user';
const hw = (id: string, mode: Mode, onProfileQuery: 'allow' | 'veto' = 'allow', extra = {}) => ({ id, mode, category: 'HardwareProfileChange' as const, onProfileQuery, ...extra });
const notifies = (events: { kind: string; name: string; client?: string; result?: string }[]) => events.filter((e) => e.kind === 'notify').map((e) => `${e.name}@${e.client}:${e.result}`);

describe('a vetoed dock: the cancellation reaches every registered callback (kernel/handling-hardware-profile-change-events.md)', () => {
  it('a user-mode veto: kernel clients were never asked, yet hear GUID_HWPROFILE_CHANGE_CANCELLED first; then every window gets DBT_CONFIGCHANGECANCELED', () => {
    const h = labWith({ devices: [], clients: [hw('early', 'user'), hw('k', 'kernel'), hw('settings', 'user', 'veto'), hw('late', 'user')] }).do({ action: 'dock' });
    expect(notifies(h.last)).toEqual([
      'DBT_QUERYCHANGECONFIG@early:TRUE', 'DBT_QUERYCHANGECONFIG@settings:BROADCAST_QUERY_DENY',
      'GUID_HWPROFILE_CHANGE_CANCELLED@k:STATUS_SUCCESS',
      'DBT_CONFIGCHANGECANCELED@early:TRUE', 'DBT_CONFIGCHANGECANCELED@settings:TRUE', 'DBT_CONFIGCHANGECANCELED@late:TRUE',
    ]);
    expect(h.last.find((e) => e.name === 'PNP_VetoWindowsApp')!.args).toMatchObject({ VetoName: 'settings', Operation: 'HwProfileChange' });
    expect(h.lab.docked).toBe(false);
  });

  it('a kernel veto: kernel clients asked or not hear the cancellation, then all of user mode', () => {
    const h = labWith({ devices: [], clients: [hw('u', 'user'), hw('k1', 'kernel'), hw('k2', 'kernel', 'veto'), hw('k3', 'kernel')] }).do({ action: 'dock' });
    expect(notifies(h.last)).toEqual([
      'DBT_QUERYCHANGECONFIG@u:TRUE', 'GUID_HWPROFILE_QUERY_CHANGE@k1:STATUS_SUCCESS', 'GUID_HWPROFILE_QUERY_CHANGE@k2:STATUS_UNSUCCESSFUL',
      'GUID_HWPROFILE_CHANGE_CANCELLED@k1:STATUS_SUCCESS', 'GUID_HWPROFILE_CHANGE_CANCELLED@k2:STATUS_SUCCESS', 'GUID_HWPROFILE_CHANGE_CANCELLED@k3:STATUS_SUCCESS',
      'DBT_CONFIGCHANGECANCELED@u:TRUE',
    ]);
  });

  it('a client that is not registered hears nothing', () => {
    const h = labWith({ devices: [], clients: [hw('k', 'kernel', 'allow', { registered: false }), hw('u', 'user', 'veto')] }).do({ action: 'dock' });
    expect(notifies(h.last).some((n) => n.includes('@k:'))).toBe(false);
  });
});

describe('user mode hears hardware-profile changes as a WM_DEVICECHANGE broadcast to its top-level window', () => {
  it('the client is a top-level window (CreateWindowEx, hWndParent NULL), not a CM_Register_Notification filter; unregister is DestroyWindow', () => {
    const h = labWith({ devices: [], clients: [hw('settings', 'user'), hw('k', 'kernel')] });
    const registrations = h.events.filter((e) => e.kind === 'call').map((e) => `${e.name}@${e.client}:${JSON.stringify(e.args)}:${e.result}`);
    expect(registrations).toEqual([
      'CreateWindowEx@settings:{"hWndParent":"NULL"}:TRUE',
      'IoRegisterPlugPlayNotification@k:{"EventCategory":"EventCategoryHardwareProfileChange"}:STATUS_SUCCESS',
    ]);
    h.do({ action: 'unregister', client: 'settings' });
    expect(h.last.map((e) => `${e.kind}:${e.name}`)).toEqual(['user:unregister', 'call:DestroyWindow']);
    h.do({ action: 'dock' });
    expect(h.last.some((e) => e.kind === 'notify' && e.client === 'settings')).toBe(false);
  });

  it('each DBT_ code arrives as WM_DEVICECHANGE', () => {
    const h = labWith({ devices: [], clients: [hw('settings', 'user')] }).do({ action: 'dock' });
    expect(h.last.filter((e) => e.kind === 'notify').map((e) => [e.name, e.args])).toEqual([
      ['DBT_QUERYCHANGECONFIG', { Message: 'WM_DEVICECHANGE' }],
      ['DBT_CONFIGCHANGED', { Message: 'WM_DEVICECHANGE' }],
    ]);
  });

  it('every CM_Register_Notification names a real CM_NOTIFY_FILTER_TYPE', () => {
    const h = labWith({
      devices: [{ id: 'disk', model: 'usb-disk' }, { id: 'scanner', model: 'usb-scanner' }],
      clients: [{ id: 'app', mode: 'user', category: 'DeviceInterfaceChange', interfaceClass: 'GUID_DEVINTERFACE_VOLUME' }, { id: 'explorer', mode: 'user', category: 'TargetDeviceChange', target: 'disk' }, hw('settings', 'user')],
    }).plug('disk').plug('scanner');
    const filters = h.events.filter((e) => e.name === 'CM_Register_Notification').map((e) => e.args?.FilterType);
    expect(filters.length).toBeGreaterThan(2);
    for (const f of filters) expect(['CM_NOTIFY_FILTER_TYPE_DEVICEINTERFACE', 'CM_NOTIFY_FILTER_TYPE_DEVICEHANDLE', 'CM_NOTIFY_FILTER_TYPE_DEVICEINSTANCE']).toContain(f);
  });
});
