import type { Lesson } from './types';

export const notificationCallbacks: Lesson = {
  id: 'notification-callbacks',
  title: 'Writing notification callbacks: surprise removal, existing interfaces, no deadlocks',
  source: [
    'kernel/handling-a-guid-target-device-remove-complete-event.md',
    'kernel/handling-an-irp-mn-surprise-removal-request.md',
    'kernel/registering-for-device-interface-change-notification.md',
    'kernel/guidelines-for-writing-pnp-notification-callback-routines.md',
    'kernel/using-pnp-custom-notification.md',
    'kernel/pnp-notification-overview.md',
  ],
  primer: ['notifications', 'interfaces', 'irp', 'veto-types'],
  intro: [
    'This lesson is about the callbacks themselves. A surprise removal asks nobody: the PnP manager sends IRP_MN_SURPRISE_REMOVAL to the drivers before it tells anyone, and then the kernel clients registered on the device hear GUID_TARGET_DEVICE_REMOVE_COMPLETE, with no query-remove before it. A callback that gets remove-complete without a query must do the surprise-removal cleanup itself: close its handles, drop its references to the file object, and unregister. IRP_MN_REMOVE_DEVICE waits until every handle to the device is closed.',
    'A driver that registers for an interface class after devices of that class have started would miss them. With PNPNOTIFY_DEVICE_INTERFACE_INCLUDE_EXISTING_INTERFACES in its registration, the PnP manager calls its callback at once for every interface of the class that is already enabled, then for every later arrival and removal. (Listing the interfaces with IoGetDeviceInterfaces and then registering without the flag leaves a timing gap.)',
    'Notification callbacks run at PASSIVE_LEVEL and must not block. Above all, a callback must not call, or cause a call to, a synchronous routine that generates a PnP event, nor wait for one: the PnP manager is waiting for the callback, and the system deadlocks. IoReportTargetDeviceChange is the page\'s example; a callback uses IoReportTargetDeviceChangeAsynchronous instead. A callback should also return success for every event it does not mean to refuse.',
    'The lab\'s choices: applications hear a surprise removal as CM_NOTIFY_ACTION_DEVICEREMOVEPENDING, after the kernel clients; INCLUDE_EXISTING reports each enabled interface once (the page allows a duplicate) and is refused for user-mode clients; a synchronous report from a callback is not raised but flagged with a warn event; an asynchronous one is delivered after the operation in progress.',
  ],
  scenario: {
    title: 'A USB disk, a logging driver, a backup driver that refuses removals, Explorer, and a volume indexer not registered yet',
    seed: 1,
    devices: [{ id: 'disk', model: 'usb-disk' }],
    clients: [
      { id: 'logger', mode: 'kernel', category: 'TargetDeviceChange', target: 'disk' },
      { id: 'backup', mode: 'kernel', category: 'TargetDeviceChange', target: 'disk', onQueryRemove: 'veto' },
      { id: 'explorer', mode: 'user', category: 'TargetDeviceChange', target: 'disk' },
      { id: 'indexer', mode: 'kernel', category: 'DeviceInterfaceChange', interfaceClass: 'GUID_DEVINTERFACE_VOLUME', registered: false },
    ],
    steps: [{ action: 'plug', device: 'disk' }],
  },
  tasks: [
    {
      id: 'remove-complete-without-query',
      prompt: 'Pull the disk\'s cable. The clients are never asked: see what they hear instead, and check that they still let go of their handles so that IRP_MN_REMOVE_DEVICE can come.',
      hints: [
        'Use unplug on "disk". The backup driver\'s habit of refusing removals does not matter here: nobody asks it.',
        'Find the first notification each client gets after IRP_MN_SURPRISE_REMOVAL, and the ZwClose and CloseHandle calls after it.',
      ],
      solution: { steps: [{ action: 'unplug', device: 'disk' }] },
      goal: {
        kind: 'all',
        goals: [
          {
            kind: 'sequence',
            matches: [
              { kind: 'irp', name: 'IRP_MN_SURPRISE_REMOVAL', device: 'disk' },
              { kind: 'notify', name: 'GUID_TARGET_DEVICE_REMOVE_COMPLETE', client: 'backup' },
              { kind: 'call', name: 'ZwClose', client: 'backup' },
              { kind: 'irp', name: 'IRP_MN_REMOVE_DEVICE', device: 'disk' },
            ],
          },
          { kind: 'absent', match: { kind: 'notify', name: ['GUID_TARGET_DEVICE_QUERY_REMOVE', 'CM_NOTIFY_ACTION_DEVICEQUERYREMOVE'] } },
          { kind: 'event', match: { kind: 'call', name: 'CloseHandle', client: 'explorer', cause: 'unplug' } },
        ],
      },
      goalText: 'After IRP_MN_SURPRISE_REMOVAL the backup driver hears GUID_TARGET_DEVICE_REMOVE_COMPLETE with no query before it and closes its handle (ZwClose), Explorer closes its handle too, and only then comes IRP_MN_REMOVE_DEVICE.',
    },
    {
      id: 'include-existing',
      prompt: 'The indexer driver registers for volume interfaces only now, after the disk has started. Make it hear about the disk\'s volume interface, which is already enabled.',
      hints: [
        'Add a register step for "indexer": on its own it hears only future arrivals.',
        'Set the indexer\'s includeExisting to true (PNPNOTIFY_DEVICE_INTERFACE_INCLUDE_EXISTING_INTERFACES) before it registers.',
      ],
      solution: {
        settings: { clients: { indexer: { includeExisting: true } } },
        steps: [{ action: 'register', client: 'indexer' }],
      },
      goal: {
        kind: 'sequence',
        matches: [
          { kind: 'state', name: 'Started', device: 'disk' },
          { kind: 'call', name: 'IoRegisterPlugPlayNotification', client: 'indexer' },
          { kind: 'notify', name: 'GUID_DEVICE_INTERFACE_ARRIVAL', client: 'indexer', args: { InterfaceClassGuid: 'GUID_DEVINTERFACE_VOLUME' } },
        ],
      },
      goalText: 'The disk is already Started when the indexer calls IoRegisterPlugPlayNotification, and the indexer still hears GUID_DEVICE_INTERFACE_ARRIVAL for the volume interface.',
    },
    {
      id: 'report-without-deadlock',
      prompt: 'Whenever the logger driver hears about the disk, it raises an event of its own from inside its notification callback. Give it the routine that cannot deadlock, ask for Safely Remove Hardware (the backup driver will refuse it), and let the other clients hear the logger\'s event.',
      hints: [
        'The logger\'s inCallback setting chooses the routine: reportSync is IoReportTargetDeviceChange, reportAsync IoReportTargetDeviceChangeAsynchronous. Try reportSync once to see the lab\'s warning.',
        'Set inCallback to reportAsync, then safeRemove "disk".',
      ],
      solution: {
        settings: { clients: { logger: { inCallback: 'reportAsync' } } },
        steps: [{ action: 'safeRemove', device: 'disk' }],
      },
      goal: {
        kind: 'all',
        goals: [
          { kind: 'event', match: { kind: 'call', name: 'IoReportTargetDeviceChangeAsynchronous', client: 'logger' } },
          { kind: 'event', match: { kind: 'notify', client: 'backup', args: { Event: 'GUID_PNPLAB_CLIENT_EVENT' } } },
          { kind: 'absent', match: { kind: 'warn', client: 'logger' } },
        ],
      },
      goalText: 'The logger calls IoReportTargetDeviceChangeAsynchronous from its callback, no deadlock warning is raised, and the backup driver hears the logger\'s event (GUID_PNPLAB_CLIENT_EVENT).',
    },
  ],
  questions: [
    {
      id: 'no-query-first',
      onTask: 'remove-complete-without-query',
      after: { kind: 'irp', name: 'IRP_MN_SURPRISE_REMOVAL', device: 'disk' },
      next: { kind: 'notify', client: 'backup' },
      field: 'name',
      prompt: 'The disk\'s stack has received IRP_MN_SURPRISE_REMOVAL. Which notification does the backup driver get first?',
      choices: ['GUID_TARGET_DEVICE_QUERY_REMOVE', 'GUID_TARGET_DEVICE_REMOVE_CANCELLED', 'GUID_TARGET_DEVICE_REMOVE_COMPLETE'],
      answer: 'GUID_TARGET_DEVICE_REMOVE_COMPLETE',
      explanation: 'If a device is surprise-removed, the PnP manager sends registered drivers a remove-complete notification without a prior query-remove. The callback then does the cleanup a query-remove would have prompted: close the handle, drop references, unregister.',
      page: 'kernel/handling-a-guid-target-device-remove-complete-event.md',
    },
    {
      id: 'existing-arrives',
      onTask: 'include-existing',
      after: { kind: 'call', name: 'IoRegisterPlugPlayNotification', client: 'indexer' },
      next: { kind: 'notify', client: 'indexer' },
      field: 'name',
      prompt: 'The indexer has just registered with PNPNOTIFY_DEVICE_INTERFACE_INCLUDE_EXISTING_INTERFACES, while the disk\'s volume interface is already enabled. What does its callback get first?',
      choices: ['GUID_DEVICE_INTERFACE_ARRIVAL', 'GUID_DEVICE_INTERFACE_REMOVAL', 'GUID_TARGET_DEVICE_REMOVE_COMPLETE'],
      answer: 'GUID_DEVICE_INTERFACE_ARRIVAL',
      explanation: 'The flag makes the PnP manager call the callback immediately for every interface of the class that is already active, as an arrival, and then for future arrivals and removals. A target-device event would need a registration on the device, not on the class.',
      page: 'kernel/registering-for-device-interface-change-notification.md',
    },
    {
      id: 'custom-event-user-first',
      onTask: 'report-without-deadlock',
      after: { kind: 'call', name: 'IoReportTargetDeviceChangeAsynchronous', client: 'logger' },
      next: { kind: 'notify', args: { Event: 'GUID_PNPLAB_CLIENT_EVENT' } },
      field: 'client',
      prompt: 'The logger has queued its event with IoReportTargetDeviceChangeAsynchronous and returned from its callback. When the event is delivered, which client hears it first?',
      choices: ['logger', 'backup', 'explorer'],
      answer: 'explorer',
      explanation: 'For a custom event the PnP manager calls the registered user-mode callbacks first, then the kernel-mode ones: Explorer before the logger and the backup driver. The asynchronous call itself returned at once, so the logger\'s callback never waited for the event.',
      page: 'kernel/using-pnp-custom-notification.md',
    },
  ],
};
