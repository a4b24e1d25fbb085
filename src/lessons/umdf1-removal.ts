import type { Lesson } from './types';

export const umdf1Removal: Lesson = {
  id: 'umdf1-removal',
  title: 'A UMDF 1 driver is removed: COM callbacks and the reflector\'s timeout',
  source: [
    'wdf/a-user-unplugs-a-device-umdf.md',
    'wdf/getting-started-with-umdf-version-2.md',
    'wdf/detailed-view-of-the-umdf-architecture.md',
    'wdf/how-umdf-enforces-time-outs.md',
    'wdf/how-umdf-handles-driver-failures.md',
    'kernel/handling-a-guid-target-device-remove-cancelled-event.md',
  ],
  primer: ['frameworks', 'reflector', 'irp', 'power-states', 'self-managed-io', 'notifications'],
  intro: [
    'First, a warning from the pages: UMDF 2 is the latest version of UMDF and supersedes UMDF 1. New UMDF drivers should be written with UMDF 2, which shares KMDF\'s names; UMDF 1 gets no new features and has limited support on newer versions of Windows 10. Its removal page is still a clear picture of a user-mode driver leaving, and that is what this lesson shows.',
    'A UMDF 1 driver is a COM object in a driver host process, in user mode. The reflector, a kernel-mode driver in the device\'s stack, passes the PnP and power requests up to the host, and the framework calls the driver\'s callback interfaces: IPnpCallback::OnQueryRemove, OnD0Exit and OnSurpriseRemoval, IPnpCallbackHardware::OnReleaseHardware, IPnpCallbackSelfManagedIo::OnSelfManagedIoSuspend, Flush, Cleanup…',
    'In an orderly removal the framework lets the device go unless the driver supplied IPnpCallback::OnQueryRemove and it vetoed: that is the only refusal the page names. In a surprise removal UMDF calls IPnpCallback::OnSurpriseRemoval, and that callback is not guaranteed to come in any particular order with the others of the removal sequence.',
    'The driver should avoid touching the hardware on the remove path, because the reflector times out a request that waits forever. When it sends the host a critical request (PnP, power, I/O cancellation) a timer starts: 60 seconds by default, extended while the driver keeps making progress. When it runs out, the reflector terminates the host process and tries to restart the device; outstanding I/O completes with STATUS_DRIVER_PROCESS_TERMINATED, and the custom event GUID_WUDF_DEVICE_HOST_PROBLEM tells registered applications.',
    'The lab\'s choices: OnSurpriseRemoval falls at one of four places, picked by the scenario\'s seed (args.Order says which); after a timeout the PnP IRP in flight also completes with STATUS_DRIVER_PROCESS_TERMINATED and the device goes down the surprise-removal path; once its last handle is closed the driver manager restarts it once (the pages leave the number of attempts to a registry setting); the host process is not drawn as a layer of its own, the reflector (WUDFRd) is.',
  ],
  scenario: {
    title: 'A UMDF 1 webcam (with an upper filter) listed in Safely Remove Hardware, and an application watching it',
    seed: 1,
    devices: [{ id: 'cam', model: 'usb-webcam', framework: 'umdf1', filters: { upper: 1 }, capabilities: { SurpriseRemovalOK: false } }],
    clients: [{ id: 'app', mode: 'user', category: 'TargetDeviceChange', target: 'cam' }],
    steps: [{ action: 'plug', device: 'cam' }],
  },
  tasks: [
    {
      id: 'umdf-orderly',
      prompt: 'Remove the webcam with Safely Remove Hardware and follow its UMDF 1 function driver from the question to the cleanup.',
      hints: [
        'Use safeRemove on "cam".',
        'Look for IPnpCallback::OnQueryRemove, then for the callbacks of IRP_MN_REMOVE_DEVICE.',
      ],
      solution: { steps: [{ action: 'safeRemove', device: 'cam' }] },
      goal: {
        kind: 'sequence',
        matches: [
          { kind: 'irp', name: 'IRP_MN_QUERY_REMOVE_DEVICE', device: 'cam', layer: 'function' },
          { kind: 'callback', name: 'IPnpCallback::OnQueryRemove', device: 'cam', layer: 'function', result: 'S_OK' },
          { kind: 'irp', name: 'IRP_MN_REMOVE_DEVICE', device: 'cam', layer: 'function' },
          { kind: 'callback', name: 'IPnpCallbackSelfManagedIo::OnSelfManagedIoSuspend', device: 'cam', layer: 'function' },
          { kind: 'callback', name: 'IPnpCallback::OnD0Exit', device: 'cam', layer: 'function', args: { newState: 'WdfPowerDeviceD3Final' } },
          { kind: 'callback', name: 'IPnpCallbackHardware::OnReleaseHardware', device: 'cam', layer: 'function' },
          { kind: 'callback', name: 'IPnpCallbackSelfManagedIo::OnSelfManagedIoCleanup', device: 'cam', layer: 'function' },
        ],
      },
      goalText: 'OnQueryRemove agrees; on IRP_MN_REMOVE_DEVICE the function driver gets OnSelfManagedIoSuspend, OnD0Exit(WdfPowerDeviceD3Final), OnReleaseHardware and finally OnSelfManagedIoCleanup.',
    },
    {
      id: 'umdf-veto',
      prompt: 'Make the webcam\'s UMDF 1 function driver refuse Safely Remove Hardware.',
      hints: [
        'The page names one way for a UMDF 1 driver to refuse: its OnQueryRemove callback.',
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
    {
      id: 'reflector-timeout',
      prompt: 'Make the webcam\'s function driver hang in IPnpCallback::OnQueryRemove, then ask for Safely Remove Hardware. Watch the reflector step in.',
      hints: [
        'Set the function driver\'s IPnpCallback::OnQueryRemove to "hang", then safeRemove "cam".',
        'Look at the time (t) of the warn event, and at what the application hears afterwards.',
      ],
      solution: {
        settings: { devices: { cam: { callbacks: { 'IPnpCallback::OnQueryRemove': 'hang' } } } },
        steps: [{ action: 'safeRemove', device: 'cam' }],
      },
      goal: {
        kind: 'all',
        goals: [
          { kind: 'event', match: { kind: 'warn', device: 'cam', layer: 'function' } },
          { kind: 'event', match: { kind: 'irp', name: 'IRP_MN_QUERY_REMOVE_DEVICE', device: 'cam', layer: 'function', result: 'STATUS_DRIVER_PROCESS_TERMINATED' } },
          { kind: 'event', match: { kind: 'notify', client: 'app', args: { Event: 'GUID_WUDF_DEVICE_HOST_PROBLEM' } } },
          {
            kind: 'sequence',
            matches: [
              { kind: 'state', name: 'EnumeratedAndDriversInitialized', device: 'cam', args: { Problem: 'CM_PROB_FAILED_POST_START' } },
              { kind: 'callback', name: 'IDriverEntry::OnDeviceAdd', device: 'cam', layer: 'function' },
              { kind: 'state', name: 'Started', device: 'cam' },
            ],
          },
        ],
      },
      goalText: 'After 60 s the reflector terminates the host (a warn event), the query completes with STATUS_DRIVER_PROCESS_TERMINATED, the application hears GUID_WUDF_DEVICE_HOST_PROBLEM, the old stack is torn down (CM_PROB_FAILED_POST_START), and the driver manager starts the webcam again in a new host.',
    },
  ],
  questions: [
    {
      id: 'after-umdf-d0exit',
      onTask: 'umdf-orderly',
      after: { kind: 'callback', name: 'IPnpCallback::OnD0Exit', device: 'cam', layer: 'function' },
      next: { kind: 'callback', device: 'cam', layer: 'function' },
      field: 'name',
      prompt: 'The function driver\'s IPnpCallback::OnD0Exit(WdfPowerDeviceD3Final) has returned. Which of its callbacks comes next?',
      choices: ['IPnpCallbackSelfManagedIo::OnSelfManagedIoCleanup', 'IPnpCallbackHardware::OnReleaseHardware', 'IPnpCallback::OnSurpriseRemoval', 'IPnpCallback::OnD0Entry'],
      answer: 'IPnpCallbackHardware::OnReleaseHardware',
      explanation: 'In the page\'s power-down and removal sequence the device leaves D0 first, then releases its hardware; the self-managed I/O flush and cleanup come last. OnSurpriseRemoval belongs to a surprise removal only.',
      page: 'wdf/a-user-unplugs-a-device-umdf.md',
    },
    {
      id: 'reflector-status',
      onTask: 'reflector-timeout',
      after: { kind: 'user', name: 'safeRemove' },
      next: { kind: 'irp', name: 'IRP_MN_QUERY_REMOVE_DEVICE', device: 'cam', layer: 'function' },
      field: 'result',
      prompt: 'The function driver\'s OnQueryRemove will never return. With which status will its IRP_MN_QUERY_REMOVE_DEVICE complete in the end?',
      choices: ['STATUS_SUCCESS', 'STATUS_UNSUCCESSFUL', 'STATUS_PENDING', 'STATUS_DRIVER_PROCESS_TERMINATED'],
      answer: 'STATUS_DRIVER_PROCESS_TERMINATED',
      explanation: 'The reflector waits 60 seconds, then terminates the driver host and completes what was outstanding with STATUS_DRIVER_PROCESS_TERMINATED. The page says it of outstanding I/O; applying it to the PnP IRP in flight is the lab\'s choice.',
      page: 'wdf/how-umdf-handles-driver-failures.md',
    },
    {
      id: 'cancel-after-timeout',
      onTask: 'reflector-timeout',
      after: { kind: 'warn', device: 'cam', layer: 'function' },
      next: { kind: 'irp', device: 'cam', name: ['IRP_MN_REMOVE_DEVICE', 'IRP_MN_CANCEL_REMOVE_DEVICE', 'IRP_MN_SURPRISE_REMOVAL'] },
      field: 'name',
      prompt: 'The reflector has terminated the host, and the query-remove has failed. Which of these IRPs does the webcam\'s stack get next?',
      choices: ['IRP_MN_REMOVE_DEVICE', 'IRP_MN_CANCEL_REMOVE_DEVICE', 'IRP_MN_SURPRISE_REMOVAL'],
      answer: 'IRP_MN_CANCEL_REMOVE_DEVICE',
      explanation: 'When an IRP_MN_QUERY_REMOVE_DEVICE fails, the PnP manager sends IRP_MN_CANCEL_REMOVE_DEVICE to the device\'s drivers, whatever made it fail. The surprise removal of the device whose host died comes afterwards (in the lab, as an operation of its own).',
      page: 'kernel/handling-a-guid-target-device-remove-cancelled-event.md',
    },
  ],
};
