/**
 * PnP notification clients: kernel-mode drivers (IoRegisterPlugPlayNotification) and user-mode
 * applications (CM_Register_Notification). Source: kernel/pnp-notification-overview.md (seed) and the
 * pages it links; see docs/fidelity.md for the choices where they are silent.
 */
import type { Device } from '../device';

export type ClientMode = 'kernel' | 'user';
export type ClientCategory = 'DeviceInterfaceChange' | 'TargetDeviceChange' | 'HardwareProfileChange';

export interface ClientConfig {
  id: string;
  mode: ClientMode;
  category: ClientCategory;
  /** DeviceInterfaceChange: the interface class it watches (e.g. GUID_DEVINTERFACE_VOLUME). */
  interfaceClass?: string;
  /** TargetDeviceChange: the device whose handle it opens and registers on. */
  target?: string;
  /** Kernel DeviceInterfaceChange only: PNPNOTIFY_DEVICE_INTERFACE_INCLUDE_EXISTING_INTERFACES. */
  includeExisting: boolean;
  /** What it does with GUID_TARGET_DEVICE_QUERY_REMOVE / CM_NOTIFY_ACTION_DEVICEQUERYREMOVE. */
  onQueryRemove: 'close' | 'veto' | 'keepOpen';
  /** What it answers to GUID_HWPROFILE_QUERY_CHANGE. */
  onProfileQuery: 'allow' | 'veto';
  /** Registered at the start (and a TargetDeviceChange client opens its handle whenever its target starts). */
  registered: boolean;
  /** Kernel clients: what the callback itself does (to show the deadlock rule). */
  inCallback?: 'reportSync' | 'reportAsync';
  /** A system component that reacts in its own way (the WIA service). */
  service?: 'wia';
}

export interface Client {
  config: ClientConfig;
  registered: boolean;
  /** Device the TargetDeviceChange registration is on (its file object), if registered. */
  registeredOn: string | undefined;
  /** Device the client has a handle open on. */
  handle: string | undefined;
}

export type NotifyEvent =
  | 'QueryRemove' | 'RemoveCancelled' | 'RemoveComplete' | 'SurpriseRemoveComplete'
  | 'InterfaceArrival' | 'InterfaceRemoval' | 'Custom'
  | 'HwProfileQuery' | 'HwProfileComplete' | 'HwProfileCancelled';

/** Names as each side sees them: the GUID a kernel callback gets, the CM_NOTIFY_ACTION (or DBT_) a user-mode callback gets. */
export const NOTIFICATION_NAMES: Record<NotifyEvent, { kernel: string; user: string }> = {
  QueryRemove: { kernel: 'GUID_TARGET_DEVICE_QUERY_REMOVE', user: 'CM_NOTIFY_ACTION_DEVICEQUERYREMOVE' },
  RemoveCancelled: { kernel: 'GUID_TARGET_DEVICE_REMOVE_CANCELLED', user: 'CM_NOTIFY_ACTION_DEVICEQUERYREMOVEFAILED' },
  RemoveComplete: { kernel: 'GUID_TARGET_DEVICE_REMOVE_COMPLETE', user: 'CM_NOTIFY_ACTION_DEVICEREMOVECOMPLETE' },
  SurpriseRemoveComplete: { kernel: 'GUID_TARGET_DEVICE_REMOVE_COMPLETE', user: 'CM_NOTIFY_ACTION_DEVICEREMOVEPENDING' },
  InterfaceArrival: { kernel: 'GUID_DEVICE_INTERFACE_ARRIVAL', user: 'CM_NOTIFY_ACTION_DEVICEINTERFACEARRIVAL' },
  InterfaceRemoval: { kernel: 'GUID_DEVICE_INTERFACE_REMOVAL', user: 'CM_NOTIFY_ACTION_DEVICEINTERFACEREMOVAL' },
  Custom: { kernel: '(the custom GUID)', user: 'CM_NOTIFY_ACTION_DEVICECUSTOMEVENT' },
  HwProfileQuery: { kernel: 'GUID_HWPROFILE_QUERY_CHANGE', user: 'DBT_QUERYCHANGECONFIG' },
  HwProfileComplete: { kernel: 'GUID_HWPROFILE_CHANGE_COMPLETE', user: 'DBT_CONFIGCHANGED' },
  HwProfileCancelled: { kernel: 'GUID_HWPROFILE_CHANGE_CANCELLED', user: 'DBT_CONFIGCHANGECANCELED' },
};

/** GUIDs the system defines: IoReportTargetDeviceChange refuses them with STATUS_INVALID_DEVICE_REQUEST. */
export const SYSTEM_EVENT_GUIDS: ReadonlySet<string> = new Set([
  'GUID_TARGET_DEVICE_QUERY_REMOVE', 'GUID_TARGET_DEVICE_REMOVE_CANCELLED', 'GUID_TARGET_DEVICE_REMOVE_COMPLETE',
  'GUID_DEVICE_INTERFACE_ARRIVAL', 'GUID_DEVICE_INTERFACE_REMOVAL',
  'GUID_HWPROFILE_QUERY_CHANGE', 'GUID_HWPROFILE_CHANGE_COMPLETE', 'GUID_HWPROFILE_CHANGE_CANCELLED',
]);

export function categoryOf(event: NotifyEvent): ClientCategory {
  if (event.startsWith('Interface')) return 'DeviceInterfaceChange';
  if (event.startsWith('HwProfile')) return 'HardwareProfileChange';
  return 'TargetDeviceChange';
}

/** What a callback returns: success, or its way of saying no. */
export function notifyResult(mode: ClientMode, event: NotifyEvent, veto: boolean): string {
  if (mode === 'kernel') return veto ? 'STATUS_UNSUCCESSFUL' : 'STATUS_SUCCESS';
  if (event.startsWith('HwProfile')) return veto ? 'BROADCAST_QUERY_DENY' : 'TRUE';
  return veto ? 'ERROR_CANCELLED' : 'ERROR_SUCCESS';
}

/** The routines each side calls. */
export const CLIENT_CALLS = {
  kernel: { open: 'ZwCreateFile', close: 'ZwClose', register: 'IoRegisterPlugPlayNotification', unregister: 'IoUnregisterPlugPlayNotificationEx' },
  user: { open: 'CreateFile', close: 'CloseHandle', register: 'CM_Register_Notification', unregister: 'CM_Unregister_Notification' },
} as const;

/**
 * How a user-mode application hears of a dock or undock: there is nothing to register. The system broadcasts
 * WM_DEVICECHANGE (DBT_QUERYCHANGECONFIG, DBT_CONFIGCHANGED, DBT_CONFIGCHANGECANCELED) to every top-level window
 * (win32 desktop-src/DevIO/device-notifications.md; RegisterDeviceNotification filters only device interfaces and
 * handles, and CM_NOTIFY_FILTER has no hardware-profile type), so its "registration" is creating that window (CreateWindowEx).
 */
export const WINDOW_CALLS = { register: 'CreateWindowEx', unregister: 'DestroyWindow' } as const;

/** The routines a client registers and unregisters with. */
export function registrationCalls(c: Client): { register: string; unregister: string } {
  return c.config.mode === 'user' && c.config.category === 'HardwareProfileChange' ? WINDOW_CALLS : CLIENT_CALLS[c.config.mode];
}

/** Whether a routine is a registration: its call event shows what the client registers for. */
export function isRegistration(name: string): boolean {
  return name === 'IoRegisterPlugPlayNotification' || name === 'CM_Register_Notification' || name === WINDOW_CALLS.register;
}

/** A registered target-device client watching `d` that has no handle open yet. */
export function opensHandleOn(c: Client, d: Device): boolean {
  return c.config.registered && c.config.category === 'TargetDeviceChange' && c.config.target === d.id && !c.handle;
}

/** The args of a client's registration call: what it registers for. */
export function registrationArgs(c: Client): Record<string, string> {
  const args: Record<string, string> = {};
  if (c.config.mode === 'kernel') args.EventCategory = `EventCategory${c.config.category}`;
  else if (c.config.category === 'HardwareProfileChange') args.hWndParent = 'NULL'; // a top-level window
  else args.FilterType = c.config.category === 'DeviceInterfaceChange' ? 'CM_NOTIFY_FILTER_TYPE_DEVICEINTERFACE' : 'CM_NOTIFY_FILTER_TYPE_DEVICEHANDLE';
  if (c.config.interfaceClass) args.InterfaceClassGuid = c.config.interfaceClass;
  if (c.config.includeExisting) args.EventCategoryFlags = 'PNPNOTIFY_DEVICE_INTERFACE_INCLUDE_EXISTING_INTERFACES';
  return args;
}

/** What each routine a client calls returns on success (SubmitThreadpoolWork returns nothing). */
export function callResult(name: string): string | undefined {
  if (name === 'SubmitThreadpoolWork') return undefined;
  if (name.startsWith('CM_')) return 'CR_SUCCESS';
  if (name === 'CreateFile' || name === 'CloseHandle' || name === WINDOW_CALLS.register || name === WINDOW_CALLS.unregister) return 'TRUE';
  return 'STATUS_SUCCESS';
}
