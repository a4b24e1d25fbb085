import type { Lesson } from './types';

export const pnpNotifications: Lesson = {
  id: 'pnp-notifications',
  title: 'PnP notifications: interfaces, target devices and hardware profiles',
  source: ['kernel/pnp-notification-overview.md'],
  intro: [
    'Drivers and applications that care about devices they do not own can ask the PnP manager to tell them when something happens. There are three categories of events. Device interface change is a passive interest: "tell me when an interface of this class appears or goes away" (GUID_DEVICE_INTERFACE_ARRIVAL and _REMOVAL). Target device change is an active interest in one device you have opened: you hear about its removal and about custom events. Hardware profile change is about the whole machine, for example docking a laptop.',
    'A kernel driver registers with IoRegisterPlugPlayNotification; a user-mode application uses CM_Register_Notification and gets CM_NOTIFY_ACTION_… codes instead of GUIDs. (For dock and undock a user-mode application registers nothing: every top-level window gets the WM_DEVICECHANGE broadcast with DBT_… codes, which is why the settings client just creates its window.) A registration lasts until it is removed explicitly, even after the handle it was made on is closed.',
    'The target-device protocol is about handles. An open handle blocks an orderly removal, so on a query-remove a well-behaved client closes its handle but stays registered. If the removal is then cancelled, it opens the device again (a kernel driver also registers again on the new handle); if it completes, it unregisters (a user-mode client does that from a threadpool work item it submits in its callback: CM_Unregister_Notification must not be called from inside one). Any client can instead say no to the query, and then no IRP is sent at all; every client registered on the device then hears that the removal was cancelled, even one that was never asked.',
    'A driver can also define its own event, a GUID of its choice, and raise it on its device with IoReportTargetDeviceChange (or the asynchronous form): every client registered on that device hears it, user mode first.',
  ],
  scenario: {
    title: 'A USB disk watched by a volume manager, a backup driver, Explorer and two profile clients',
    seed: 1,
    devices: [{ id: 'disk', model: 'usb-disk' }],
    clients: [
      { id: 'volmgr', mode: 'kernel', category: 'DeviceInterfaceChange', interfaceClass: 'GUID_DEVINTERFACE_VOLUME' },
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
        'The volume manager only watches interfaces: it hears GUID_DEVICE_INTERFACE_REMOVAL, not the query.',
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
          { kind: 'event', match: { kind: 'notify', name: 'GUID_DEVICE_INTERFACE_REMOVAL', client: 'volmgr', args: { InterfaceClassGuid: 'GUID_DEVINTERFACE_VOLUME' } } },
        ],
      },
      goalText: 'Explorer (user mode) then the backup driver (kernel) hear the query-remove and close their handles; only then the IRP_MN_QUERY_REMOVE_DEVICE; both hear remove-complete before IRP_MN_REMOVE_DEVICE; the volume manager hears the volume interface go away.',
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
        'Custom events go to user-mode clients first, then kernel-mode ones.',
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
      explanation: 'Its open handle would itself block the removal, so it closes it, but it stays registered: it still needs to hear whether the removal completes or is cancelled.',
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
      explanation: 'A user-mode client just opens the device again: its registration stayed valid all along. (A kernel driver, by contrast, unregisters, reopens and registers again on the new file object.)',
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
      explanation: 'The change is cancelled, and the cancellation reaches kernel-mode clients first, then user mode (DBT_CONFIGCHANGECANCELED). The query itself went the other way round: user mode first.',
    },
  ],
};
