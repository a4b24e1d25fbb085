import type { Lesson } from './types';

export const pnpNotifications: Lesson = {
  id: 'pnp-notifications',
  title: 'PnP notifications: interfaces, target devices and hardware profiles',
  source: [
    'kernel/pnp-notification-overview.md',
    'kernel/handling-a-guid-target-device-query-remove-event.md',
    'kernel/handling-a-guid-target-device-remove-cancelled-event.md',
    'kernel/using-pnp-custom-notification.md',
    'kernel/handling-hardware-profile-change-events.md',
  ],
  primer: ['notifications', 'interfaces', 'dbt', 'veto-types', 'irp'],
  intro: [
    'Drivers and applications that care about devices they do not own can ask the PnP manager to tell them when something happens. There are three categories of events. Device interface change is a passive interest in a class of interfaces: in the overview\'s example the user adds a disk, the volume manager enables a new volume interface, and everyone registered for the volume class hears GUID_DEVICE_INTERFACE_ARRIVAL (and _REMOVAL when it is disabled). Target device change is an active interest in one device the client has opened: its query-remove, its removal, a cancelled removal, and custom events. Hardware profile change is about the whole machine, for example docking a laptop.',
    'A kernel driver registers with IoRegisterPlugPlayNotification and its callback gets GUIDs; an application uses CM_Register_Notification and gets CM_NOTIFY_ACTION_… codes. Dock and undock reach an application as the WM_DEVICECHANGE message with DBT_… codes, which every top-level window receives: that is why the settings client only creates a window. A registration lasts until it is removed, even after the handle it was made on is closed.',
    'The target-device protocol is about handles. An open handle blocks an orderly removal, so on a query-remove a well-behaved client closes its handle but stays registered. If the removal is then cancelled it opens the device again (a kernel driver also unregisters and registers again on the new handle); if it completes, it unregisters (a user-mode client does that from a threadpool work item it submits in its callback: CM_Unregister_Notification must not be called from inside one). A client can instead fail the query: the PnP manager then gives up the removal, and the device\'s drivers, which are asked only after the clients, never get IRP_MN_QUERY_REMOVE_DEVICE; every client registered on the device then hears that the removal was cancelled, even one that was never asked.',
    'A driver can also define an event of its own, a GUID of its choice, and raise it on its device with IoReportTargetDeviceChange (or the asynchronous form): every client registered on that device hears it, user-mode clients first, then kernel ones.',
    'The lab\'s choices: here the disk\'s own driver enables a volume interface, standing in for the volume manager; for remove-complete the pages give no order between kernel and user clients, and the lab tells the kernel client first; a client\'s veto sends no IRP at all, not even a cancel; and vetoes show as PNP_VetoDriver (kernel client) or PNP_VetoWindowsApp (application) events named after the client.',
  ],
  scenario: {
    title: 'A USB disk watched by a volume watcher, a backup driver, Explorer and two profile clients',
    seed: 1,
    devices: [{ id: 'disk', model: 'usb-disk' }],
    clients: [
      { id: 'volwatch', mode: 'kernel', category: 'DeviceInterfaceChange', interfaceClass: 'GUID_DEVINTERFACE_VOLUME' },
      { id: 'backup', mode: 'kernel', category: 'TargetDeviceChange', target: 'disk' },
      { id: 'explorer', mode: 'user', category: 'TargetDeviceChange', target: 'disk' },
      { id: 'profiles', mode: 'kernel', category: 'HardwareProfileChange' },
      { id: 'settings', mode: 'user', category: 'HardwareProfileChange' },
    ],
    steps: [{ action: 'plug', device: 'disk' }],
  },
  tasks: [
    {
      id: 'orderly-removal-protocol',
      prompt: 'Remove the disk with Safely Remove Hardware and watch every client follow the protocol: both target-device clients let go of their handles before any IRP is sent, and hear that the removal is complete before IRP_MN_REMOVE_DEVICE.',
      hints: [
        'Use safeRemove on "disk".',
        'Look for the notify events and the CloseHandle / ZwClose calls right after them.',
        'The volume watcher only watches interfaces: it hears GUID_DEVICE_INTERFACE_REMOVAL, not the query.',
      ],
      solution: { steps: [{ action: 'safeRemove', device: 'disk' }] },
      goal: {
        kind: 'all',
        goals: [
          {
            kind: 'sequence',
            matches: [
              { kind: 'notify', name: 'CM_NOTIFY_ACTION_DEVICEQUERYREMOVE', client: 'explorer' },
              { kind: 'call', name: 'CloseHandle', client: 'explorer' },
              { kind: 'notify', name: 'GUID_TARGET_DEVICE_QUERY_REMOVE', client: 'backup' },
              { kind: 'call', name: 'ZwClose', client: 'backup' },
              { kind: 'irp', name: 'IRP_MN_QUERY_REMOVE_DEVICE', device: 'disk' },
              { kind: 'notify', name: 'GUID_TARGET_DEVICE_REMOVE_COMPLETE', client: 'backup' },
              { kind: 'notify', name: 'CM_NOTIFY_ACTION_DEVICEREMOVECOMPLETE', client: 'explorer' },
              { kind: 'irp', name: 'IRP_MN_REMOVE_DEVICE', device: 'disk' },
            ],
          },
          { kind: 'event', match: { kind: 'notify', name: 'GUID_DEVICE_INTERFACE_REMOVAL', client: 'volwatch', args: { InterfaceClassGuid: 'GUID_DEVINTERFACE_VOLUME' } } },
        ],
      },
      goalText: 'Explorer (user mode) then the backup driver (kernel) hear the query-remove and close their handles; only then comes IRP_MN_QUERY_REMOVE_DEVICE; both hear remove-complete (the kernel client first: the lab\'s order) before IRP_MN_REMOVE_DEVICE; the volume watcher hears the volume interface go away.',
    },
    {
      id: 'client-veto',
      prompt: 'Make the backup driver refuse the removal of the disk. The disk\'s drivers must never even be asked.',
      hints: [
        'A client answers the query-remove notification: set the backup client\'s onQueryRemove to "veto".',
        'Then safeRemove "disk" and count the IRPs the disk gets.',
      ],
      solution: {
        settings: { clients: { backup: { onQueryRemove: 'veto' } } },
        steps: [{ action: 'safeRemove', device: 'disk' }],
      },
      goal: {
        kind: 'all',
        goals: [
          { kind: 'event', match: { kind: 'notify', name: 'GUID_TARGET_DEVICE_QUERY_REMOVE', client: 'backup', result: 'STATUS_UNSUCCESSFUL' } },
          { kind: 'event', match: { kind: 'state', name: 'PNP_VetoDriver', args: { VetoName: 'backup' } } },
          { kind: 'event', match: { kind: 'notify', name: 'CM_NOTIFY_ACTION_DEVICEQUERYREMOVEFAILED', client: 'explorer' } },
          { kind: 'absent', match: { kind: 'irp', name: 'IRP_MN_QUERY_REMOVE_DEVICE', device: 'disk' } },
        ],
      },
      goalText: 'The backup driver fails GUID_TARGET_DEVICE_QUERY_REMOVE, the removal is vetoed by it (PNP_VetoDriver), Explorer hears that the query failed, and the disk never gets IRP_MN_QUERY_REMOVE_DEVICE.',
    },
    {
      id: 'custom-event',
      prompt: 'Have the disk\'s driver raise a custom event of your own (for example GUID_MEDIA_CHANGED), and let both target-device clients hear it.',
      hints: [
        'Use the customEvent action on "disk" with a GUID name of your choice.',
        'The page says who hears a custom event first: user-mode callbacks, then kernel-mode ones.',
      ],
      solution: { steps: [{ action: 'customEvent', device: 'disk', guid: 'GUID_MEDIA_CHANGED' }] },
      alternatives: [{ steps: [{ action: 'customEvent', device: 'disk', guid: 'GUID_PNPLAB_LID_OPENED', async: true }] }],
      goal: {
        kind: 'sequence',
        matches: [
          { kind: 'call', name: ['IoReportTargetDeviceChange', 'IoReportTargetDeviceChangeAsynchronous'], device: 'disk', result: ['STATUS_SUCCESS', 'STATUS_PENDING'] },
          { kind: 'notify', name: 'CM_NOTIFY_ACTION_DEVICECUSTOMEVENT', client: 'explorer', cause: 'customEvent' },
          { kind: 'notify', client: 'backup', cause: 'customEvent' },
        ],
      },
      goalText: 'The driver reports the event with IoReportTargetDeviceChange (or its asynchronous form); Explorer gets CM_NOTIFY_ACTION_DEVICECUSTOMEVENT, then the backup driver gets the custom GUID.',
    },
    {
      id: 'profile-veto',
      prompt: 'Dock the machine, but let the kernel profile client (profiles) refuse the hardware profile change.',
      hints: [
        'Set the profiles client\'s onProfileQuery to "veto", then use the dock action.',
        'Both profile clients are told the change was cancelled: in which order?',
      ],
      solution: {
        settings: { clients: { profiles: { onProfileQuery: 'veto' } } },
        steps: [{ action: 'dock' }],
      },
      goal: {
        kind: 'all',
        goals: [
          {
            kind: 'sequence',
            matches: [
              { kind: 'notify', name: 'DBT_QUERYCHANGECONFIG', client: 'settings' },
              { kind: 'notify', name: 'GUID_HWPROFILE_QUERY_CHANGE', client: 'profiles', result: 'STATUS_UNSUCCESSFUL' },
              { kind: 'notify', name: 'GUID_HWPROFILE_CHANGE_CANCELLED', client: 'profiles' },
              { kind: 'notify', name: 'DBT_CONFIGCHANGECANCELED', client: 'settings' },
            ],
          },
          { kind: 'event', match: { kind: 'state', name: 'PNP_VetoDriver', args: { Operation: 'HwProfileChange' } } },
          { kind: 'absent', match: { kind: 'notify', name: ['GUID_HWPROFILE_CHANGE_COMPLETE', 'DBT_CONFIGCHANGED'] } },
        ],
      },
      goalText: 'The query goes to user mode (DBT_QUERYCHANGECONFIG) then to the kernel client, which refuses; the cancellation goes to the kernel first, then user mode; the dock is vetoed and no profile change completes.',
    },
  ],
  questions: [
    {
      id: 'explorer-lets-go',
      onTask: 'orderly-removal-protocol',
      after: { kind: 'notify', name: 'CM_NOTIFY_ACTION_DEVICEQUERYREMOVE', client: 'explorer' },
      next: { kind: 'call', client: 'explorer' },
      field: 'name',
      prompt: 'Explorer has just been told that the disk may be removed (CM_NOTIFY_ACTION_DEVICEQUERYREMOVE) and agreed. What does it call next?',
      choices: ['CloseHandle', 'CM_Unregister_Notification', 'CreateFile'],
      answer: 'CloseHandle',
      explanation: 'Its open handle would itself block the removal, so it closes it, but it stays registered: the removal might still be cancelled, and it needs to hear that. (The page describes a kernel client; the lab\'s applications follow the same protocol.)',
      page: 'kernel/handling-a-guid-target-device-query-remove-event.md',
    },
    {
      id: 'explorer-reopens',
      onTask: 'client-veto',
      after: { kind: 'notify', name: 'CM_NOTIFY_ACTION_DEVICEQUERYREMOVEFAILED', client: 'explorer' },
      next: { kind: 'call', client: 'explorer' },
      field: 'name',
      prompt: 'The backup driver vetoed, so Explorer now hears CM_NOTIFY_ACTION_DEVICEQUERYREMOVEFAILED. It had closed its handle. What does it call next?',
      choices: ['CM_Register_Notification', 'CreateFile', 'CM_Unregister_Notification', 'CloseHandle'],
      answer: 'CreateFile',
      explanation: 'A user-mode client just opens the device again: closing a handle does not cancel a registration, so it stayed valid all along. (The page asks a kernel driver to unregister, open a new handle and register again on it.)',
      page: 'kernel/handling-a-guid-target-device-remove-cancelled-event.md',
    },
    {
      id: 'profile-cancel-order',
      onTask: 'profile-veto',
      after: { kind: 'notify', name: 'GUID_HWPROFILE_QUERY_CHANGE', client: 'profiles' },
      next: { kind: 'notify' },
      field: 'name',
      prompt: 'The kernel profile client has refused the dock. Which notification is delivered next?',
      choices: ['GUID_HWPROFILE_CHANGE_COMPLETE', 'GUID_HWPROFILE_CHANGE_CANCELLED', 'DBT_CONFIGCHANGECANCELED', 'DBT_CONFIGCHANGED'],
      answer: 'GUID_HWPROFILE_CHANGE_CANCELLED',
      explanation: 'For GUID_HWPROFILE_CHANGE_CANCELLED the PnP manager calls kernel-mode callbacks first, then user mode (DBT_CONFIGCHANGECANCELED). The query went the other way round: user mode first.',
      page: 'kernel/handling-hardware-profile-change-events.md',
    },
  ],
};
