import type { Lesson } from './types';

export const aUserUnplugsADevice: Lesson = {
  id: 'a-user-unplugs-a-device',
  title: 'A user unplugs a device: orderly and surprise removal in KMDF',
  source: [
    'wdf/a-user-unplugs-a-device.md',
    'wdf/surprise-removal-sequence.md',
    'kernel/handling-an-irp-mn-surprise-removal-request.md',
    'kernel/irp-mn-cancel-remove-device.md',
    'wdf/wdm-irps-and-kmdf-event-callback-functions.md',
  ],
  primer: ['irp', 'devnode-states', 'power-states', 'self-managed-io', 'veto-types', 'problem-codes'],
  intro: [
    'A device can leave in two ways. In an orderly removal the user tells Windows first, with Safely Remove Hardware or by disabling the device in Device Manager. The PnP manager then asks the stack with IRP_MN_QUERY_REMOVE_DEVICE; a KMDF driver hears the question in EvtDeviceQueryRemove, if it registered one. When every driver agrees, IRP_MN_REMOVE_DEVICE follows and the drivers power the device down and let it go while it is still there. If one says no, the PnP manager sends IRP_MN_CANCEL_REMOVE_DEVICE instead; the bus driver handles it first, then each driver above, and the device keeps running.',
    'On IRP_MN_REMOVE_DEVICE KMDF works through the stack from the top driver down, one driver at a time, and runs each driver\'s whole list before the next: EvtDeviceSelfManagedIoSuspend, its power-managed queues stop, EvtDeviceD0Exit with WdfPowerDeviceD3Final (the last time into D3), EvtDeviceReleaseHardware, then EvtDeviceSelfManagedIoFlush and EvtDeviceSelfManagedIoCleanup.',
    'In a surprise removal the user just pulls the cable. The bus driver reports the device missing and the stack gets IRP_MN_SURPRISE_REMOVAL, top driver first. Nobody is asked, and no driver may fail it: the hardware may already be gone. IRP_MN_REMOVE_DEVICE comes later, only once every handle to the device has been closed.',
    'KMDF tells the driver with EvtDeviceSurpriseRemoval. In the usual sequence the framework calls it before the other removal callbacks, but the KMDF page warns that it can come at another time (after EvtDeviceReleaseHardware, if the device is pulled while it enters a low-power state) and runs unsynchronized with them: never write it to depend on an order. The power-down steps run only if the device was in D0.',
    'The lab\'s choices: EvtDeviceSurpriseRemoval always comes first here (the race is not modelled); the devnode waits in a state the lab calls RemovePending after a successful query and SurpriseRemoved after a surprise removal; and a removed device that is still plugged in keeps its PDO, with a problem code (CM_PROB_HELD_FOR_EJECT after Safely Remove).',
  ],
  scenario: {
    title: 'A KMDF USB disk with an upper filter, plugged in',
    seed: 1,
    devices: [{ id: 'disk', model: 'usb-disk', filters: { upper: 1 } }],
    steps: [{ action: 'plug', device: 'disk' }],
  },
  tasks: [
    {
      id: 'orderly-removal',
      prompt: 'Remove the disk the orderly way, with Safely Remove Hardware, and follow SimDisk through the removal.',
      hints: [
        'Use safeRemove on "disk".',
        'The query IRP only asks: find where EvtDeviceD0Exit happens.',
      ],
      solution: { steps: [{ action: 'safeRemove', device: 'disk' }] },
      goal: {
        kind: 'sequence',
        matches: [
          { kind: 'irp', name: 'IRP_MN_QUERY_REMOVE_DEVICE', device: 'disk', layer: 'function' },
          { kind: 'callback', name: 'EvtDeviceQueryRemove', device: 'disk', layer: 'function', result: 'STATUS_SUCCESS' },
          { kind: 'state', name: 'RemovePending', device: 'disk' },
          { kind: 'irp', name: 'IRP_MN_REMOVE_DEVICE', device: 'disk', layer: 'function' },
          { kind: 'callback', name: 'EvtDeviceD0Exit', device: 'disk', layer: 'function', args: { TargetState: 'WdfPowerDeviceD3Final' } },
          { kind: 'callback', name: 'EvtDeviceReleaseHardware', device: 'disk', layer: 'function' },
          { kind: 'callback', name: 'EvtDeviceSelfManagedIoCleanup', device: 'disk', layer: 'function' },
        ],
      },
      goalText: 'SimDisk is asked (IRP_MN_QUERY_REMOVE_DEVICE, EvtDeviceQueryRemove succeeds), the disk is RemovePending, then on IRP_MN_REMOVE_DEVICE SimDisk runs EvtDeviceD0Exit(WdfPowerDeviceD3Final), EvtDeviceReleaseHardware and EvtDeviceSelfManagedIoCleanup.',
    },
    {
      id: 'query-refused',
      prompt: 'Let SimDisk refuse Safely Remove Hardware in its EvtDeviceQueryRemove, and watch the PnP manager take the question back.',
      hints: [
        'In the disk\'s settings, set the function driver\'s EvtDeviceQueryRemove to "fail", then safeRemove "disk".',
        'After the failed query, look for the IRP that tells the stack to forget it.',
      ],
      solution: {
        settings: { devices: { disk: { callbacks: { EvtDeviceQueryRemove: 'fail' } } } },
        steps: [{ action: 'safeRemove', device: 'disk' }],
      },
      goal: {
        kind: 'all',
        goals: [
          { kind: 'event', match: { kind: 'callback', name: 'EvtDeviceQueryRemove', device: 'disk', layer: 'function', result: 'STATUS_UNSUCCESSFUL' } },
          { kind: 'event', match: { kind: 'irp', name: 'IRP_MN_CANCEL_REMOVE_DEVICE', device: 'disk', layer: 'function' } },
          { kind: 'absent', match: { kind: 'irp', name: 'IRP_MN_REMOVE_DEVICE', device: 'disk' } },
          { kind: 'deviceState', device: 'disk', state: 'Started' },
        ],
      },
      goalText: 'SimDisk\'s EvtDeviceQueryRemove fails, the stack gets IRP_MN_CANCEL_REMOVE_DEVICE, no IRP_MN_REMOVE_DEVICE is sent and the disk stays Started.',
    },
    {
      id: 'surprise-with-open-handle',
      prompt: 'Pull the disk\'s cable while an application still has the disk open. Leave the removal stuck half-way: the disk must end SurpriseRemoved, with no IRP_MN_REMOVE_DEVICE yet.',
      hints: [
        'Give the disk an open handle (openHandles: 1) before you unplug it.',
        'Use unplug, not safeRemove: with a handle open, Safely Remove would be vetoed.',
        'closeHandles would let IRP_MN_REMOVE_DEVICE through: do not close it in this task.',
      ],
      solution: {
        settings: { devices: { disk: { openHandles: 1 } } },
        steps: [{ action: 'unplug', device: 'disk' }],
      },
      goal: {
        kind: 'all',
        goals: [
          { kind: 'event', match: { kind: 'irp', name: 'IRP_MN_SURPRISE_REMOVAL', device: 'disk', layer: 'function' } },
          { kind: 'event', match: { kind: 'callback', name: 'EvtDeviceReleaseHardware', device: 'disk', layer: 'function', cause: 'unplug' } },
          { kind: 'absent', match: { kind: 'irp', name: 'IRP_MN_REMOVE_DEVICE', device: 'disk' } },
          { kind: 'deviceState', device: 'disk', state: 'SurpriseRemoved' },
        ],
      },
      goalText: 'The disk gets IRP_MN_SURPRISE_REMOVAL and SimDisk releases its hardware, but IRP_MN_REMOVE_DEVICE never comes: the disk ends SurpriseRemoved.',
    },
    {
      id: 'last-handle-closes',
      prompt: 'Pull the cable with the application\'s handle open again, then let the application close it. Find which SimDisk callbacks waited for IRP_MN_REMOVE_DEVICE.',
      hints: [
        'openHandles: 1, then unplug "disk", then closeHandles on "disk".',
        'Compare the SimDisk callbacks before and after the closeHandles step.',
      ],
      solution: {
        settings: { devices: { disk: { openHandles: 1 } } },
        steps: [{ action: 'unplug', device: 'disk' }, { action: 'closeHandles', device: 'disk' }],
      },
      goal: {
        kind: 'all',
        goals: [
          {
            kind: 'sequence',
            matches: [
              { kind: 'irp', name: 'IRP_MN_SURPRISE_REMOVAL', device: 'disk', layer: 'function' },
              { kind: 'callback', name: 'EvtDeviceSelfManagedIoFlush', device: 'disk', layer: 'function' },
              { kind: 'user', name: 'closeHandles' },
              { kind: 'irp', name: 'IRP_MN_REMOVE_DEVICE', device: 'disk', layer: 'function' },
              { kind: 'callback', name: 'EvtDeviceSelfManagedIoCleanup', device: 'disk', layer: 'function' },
            ],
          },
          { kind: 'deviceState', device: 'disk', state: 'PhysicallyAbsent' },
        ],
      },
      goalText: 'SimDisk flushes its self-managed I/O during IRP_MN_SURPRISE_REMOVAL; only after the last handle is closed does IRP_MN_REMOVE_DEVICE come, with EvtDeviceSelfManagedIoCleanup, and the disk is gone.',
    },
  ],
  questions: [
    {
      id: 'query-only-asks',
      onTask: 'orderly-removal',
      after: { kind: 'callback', name: 'EvtDeviceQueryRemove', device: 'disk', layer: 'function' },
      next: { kind: 'callback', device: 'disk', layer: 'function' },
      field: 'name',
      prompt: 'SimDisk\'s EvtDeviceQueryRemove has returned STATUS_SUCCESS. Which SimDisk callback runs next?',
      choices: ['EvtDeviceD0Exit', 'EvtDeviceSelfManagedIoSuspend', 'EvtDeviceSurpriseRemoval', 'EvtDeviceReleaseHardware'],
      answer: 'EvtDeviceSelfManagedIoSuspend',
      explanation: 'The query only asks; nothing is powered down yet. The power-down starts on IRP_MN_REMOVE_DEVICE, and its first step for a driver that uses self-managed I/O is EvtDeviceSelfManagedIoSuspend, before the queues stop and EvtDeviceD0Exit runs.',
      page: 'wdf/a-user-unplugs-a-device.md',
    },
    {
      id: 'cancel-bus-first',
      onTask: 'query-refused',
      after: { kind: 'callback', name: 'EvtDeviceQueryRemove', device: 'disk', layer: 'function' },
      // the IRP enters at the top and is passed down untouched (no result); the first driver to handle it completes it
      next: { kind: 'irp', name: 'IRP_MN_CANCEL_REMOVE_DEVICE', device: 'disk', result: 'STATUS_SUCCESS' },
      field: 'layer',
      prompt: 'SimDisk has refused the query, so the PnP manager sends IRP_MN_CANCEL_REMOVE_DEVICE to the disk\'s stack (an upper filter, SimDisk, the bus driver). Which driver handles the cancel first?',
      choices: ['upper-filter', 'function', 'bus'],
      answer: 'bus',
      explanation: 'The page says the cancel must be handled first by the parent bus driver, then by each higher driver: drivers pass it down and do their part on its way back up. The bus driver never saw the query (SimDisk failed it on the way down), but the cancel goes to the whole stack, and a driver that is not remove-pending simply succeeds it.',
      page: 'kernel/irp-mn-cancel-remove-device.md',
    },
    {
      id: 'flush-waits-not',
      onTask: 'surprise-with-open-handle',
      after: { kind: 'irp', name: 'IRP_MN_SURPRISE_REMOVAL', device: 'disk', layer: 'function' },
      next: { kind: 'callback', device: 'disk', layer: 'function', name: ['EvtDeviceSelfManagedIoFlush', 'EvtDeviceSelfManagedIoCleanup'] },
      field: 'name',
      prompt: 'IRP_MN_SURPRISE_REMOVAL has reached SimDisk while an application still holds a handle. Which of these two self-managed I/O callbacks does SimDisk get during this IRP?',
      choices: ['EvtDeviceSelfManagedIoCleanup', 'EvtDeviceSelfManagedIoFlush'],
      answer: 'EvtDeviceSelfManagedIoFlush',
      explanation: 'Flush drops the requests nobody will serve now. Cleanup frees what Init set up, and KMDF calls it on IRP_MN_REMOVE_DEVICE, which waits for the last handle: the IRP table lists it under IRP_MN_REMOVE_DEVICE "after IRP_MN_SURPRISE_REMOVAL".',
      page: 'wdf/wdm-irps-and-kmdf-event-callback-functions.md',
    },
  ],
};
