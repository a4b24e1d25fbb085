import type { Lesson } from './types';

export const aUserUnplugsADevice: Lesson = {
  id: 'a-user-unplugs-a-device',
  title: 'A user unplugs a device: orderly and surprise removal, KMDF and UMDF 1',
  source: ['wdf/a-user-unplugs-a-device-umdf.md', 'wdf/a-user-unplugs-a-device.md'],
  intro: [
    'A device can leave in two ways. In an orderly removal the user tells Windows first, with Safely Remove Hardware or by disabling it in Device Manager. The PnP manager then asks every driver (IRP_MN_QUERY_REMOVE_DEVICE), and only if nobody objects sends IRP_MN_REMOVE_DEVICE. The drivers power the device down and release it while it is still there.',
    'In a surprise removal the user just pulls the cable. Nobody is asked, because there is nothing left to ask about: the bus driver reports the child missing and the stack gets IRP_MN_SURPRISE_REMOVAL, which cannot fail. The drivers must stop touching the hardware, which may already be gone. IRP_MN_REMOVE_DEVICE comes later, only once every handle to the device has been closed; until then the devnode waits in SurpriseRemoved.',
    'KMDF calls the highest driver first on the way down, and for each driver runs its whole list before moving to the next: EvtDeviceSelfManagedIoSuspend, the queues, EvtDeviceD0Exit(WdfPowerDeviceD3Final), EvtDeviceReleaseHardware, then flush and cleanup. On a surprise removal EvtDeviceSurpriseRemoval comes first, and the cleanup part waits for IRP_MN_REMOVE_DEVICE.',
    'A UMDF 1 driver sees the same removal through COM callbacks: IPnpCallback::OnQueryRemove is its only way to veto, and IPnpCallback::OnSurpriseRemoval is "not guaranteed to occur in any particular order" with its other removal callbacks. The lab picks a place from the scenario\'s seed, and args.Order on the event says which.',
  ],
  scenario: {
    title: 'A KMDF USB disk and a UMDF 1 webcam (with an upper filter), both plugged in',
    seed: 1,
    devices: [
      { id: 'disk', model: 'usb-disk' },
      { id: 'cam', model: 'usb-webcam', framework: 'umdf1', filters: { upper: 1 }, capabilities: { SurpriseRemovalOK: false } },
    ],
    steps: [
      { action: 'plug', device: 'disk' },
      { action: 'plug', device: 'cam' },
    ],
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
      id: 'umdf-veto',
      prompt: 'Make the webcam\'s UMDF 1 function driver refuse Safely Remove Hardware.',
      hints: [
        'UMDF 1 has no WdfDeviceSetStaticStopRemove: its only veto is a callback.',
        'Set the function driver\'s IPnpCallback::OnQueryRemove to "fail", then safeRemove "cam".',
      ],
      solution: {
        settings: { devices: { cam: { callbacks: { 'IPnpCallback::OnQueryRemove': 'fail' } } } },
        steps: [{ action: 'safeRemove', device: 'cam' }],
      },
      goal: {
        kind: 'all',
        goals: [
          { kind: 'event', match: { kind: 'callback', name: 'IPnpCallback::OnQueryRemove', device: 'cam', layer: 'function', result: 'E_FAIL' } },
          { kind: 'event', match: { kind: 'state', name: 'PNP_VetoDevice', device: 'cam', args: { Operation: 'QueryRemove' } } },
          { kind: 'deviceState', device: 'cam', state: 'Started' },
        ],
      },
      goalText: 'IPnpCallback::OnQueryRemove of the webcam\'s function driver returns E_FAIL, the removal is vetoed (PNP_VetoDevice) and the webcam stays Started.',
    },
    {
      id: 'umdf-surprise',
      prompt: 'Pull the webcam\'s cable and follow its UMDF 1 function driver through the surprise removal.',
      hints: [
        'Use unplug on "cam".',
        'Find IPnpCallback::OnSurpriseRemoval: its args.Order says where the lab placed it this time. Change the scenario\'s seed and it may move.',
      ],
      solution: { steps: [{ action: 'unplug', device: 'cam' }] },
      // wherever the seed puts OnSurpriseRemoval, the goal holds
      alternatives: [2, 3, 4, 5].map((seed) => ({ settings: { seed }, steps: [{ action: 'unplug' as const, device: 'cam' }] })),
      goal: {
        kind: 'all',
        goals: [
          {
            kind: 'sequence',
            matches: [
              { kind: 'irp', name: 'IRP_MN_SURPRISE_REMOVAL', device: 'cam', layer: 'function' },
              { kind: 'callback', name: 'IPnpCallbackHardware::OnReleaseHardware', device: 'cam', layer: 'function' },
              { kind: 'state', name: 'SurpriseRemoved', device: 'cam' },
              { kind: 'irp', name: 'IRP_MN_REMOVE_DEVICE', device: 'cam', layer: 'function' },
              { kind: 'callback', name: 'IPnpCallbackSelfManagedIo::OnSelfManagedIoCleanup', device: 'cam', layer: 'function' },
            ],
          },
          { kind: 'event', match: { kind: 'callback', name: 'IPnpCallback::OnSurpriseRemoval', device: 'cam', layer: 'function' } },
          { kind: 'absent', match: { kind: 'callback', name: 'IPnpCallback::OnQueryRemove', device: 'cam' } },
        ],
      },
      goalText: 'The webcam\'s function driver gets IRP_MN_SURPRISE_REMOVAL, IPnpCallback::OnSurpriseRemoval and OnReleaseHardware, the webcam is SurpriseRemoved, and IRP_MN_REMOVE_DEVICE ends with OnSelfManagedIoCleanup; OnQueryRemove is never called.',
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
      explanation: 'The query only asks; nothing is powered down yet. The power-down starts on IRP_MN_REMOVE_DEVICE, and its first step is suspending self-managed I/O, before the queues stop and EvtDeviceD0Exit runs.',
    },
    {
      id: 'surprise-first-callback',
      onTask: 'surprise-with-open-handle',
      after: { kind: 'irp', name: 'IRP_MN_SURPRISE_REMOVAL', device: 'disk', layer: 'function' },
      next: { kind: 'callback', device: 'disk', layer: 'function' },
      field: 'name',
      prompt: 'IRP_MN_SURPRISE_REMOVAL has reached SimDisk. Which of its callbacks runs first?',
      choices: ['EvtDeviceQueryRemove', 'EvtDeviceSurpriseRemoval', 'EvtDeviceSelfManagedIoSuspend', 'EvtDeviceD0Exit'],
      answer: 'EvtDeviceSurpriseRemoval',
      explanation: 'Nobody is asked in a surprise removal. KMDF tells the driver first with EvtDeviceSurpriseRemoval; then, because the disk was in D0, the usual power-down follows, and EvtDeviceReleaseHardware.',
    },
    {
      id: 'cancel-goes-bus-first',
      onTask: 'umdf-veto',
      after: { kind: 'callback', name: 'IPnpCallback::OnQueryRemove', device: 'cam', layer: 'function' },
      // the first driver that acts on the cancel (its event carries a status; on the way down the others pass it on untouched)
      next: { kind: 'irp', name: 'IRP_MN_CANCEL_REMOVE_DEVICE', device: 'cam', result: 'STATUS_SUCCESS' },
      field: 'layer',
      prompt: 'The webcam\'s function driver has vetoed with E_FAIL. The PnP manager now cancels the query with IRP_MN_CANCEL_REMOVE_DEVICE, which enters the stack at the top. Which driver is the first to handle it?',
      choices: ['upper-filter', 'function', 'bus'],
      answer: 'bus',
      explanation: 'Like a start, IRP_MN_CANCEL_REMOVE_DEVICE passes down the stack untouched and is handled on its way back up: "handled first by the parent bus driver" (kernel/irp-mn-cancel-remove-device.md), then the function driver and the upper filter. The bus driver never saw the query (the function driver failed it on the way down) and simply succeeds the cancel.',
    },
  ],
};
