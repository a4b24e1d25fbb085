import type { Lesson } from './types';

const VETOES = ['PNP_VetoDevice', 'PNP_VetoOutstandingOpen', 'PNP_VetoDriver', 'PNP_VetoWindowsApp'];

export const askingBeforeStopping: Lesson = {
  id: 'asking-before-stopping',
  title: 'Asking before stopping: query callbacks, static stop/remove and NotDisableable',
  source: ['wdf/handling-requests-to-stop-a-device.md'],
  intro: [
    'Before the PnP manager takes a working device away from its drivers, it usually asks first. It does so in two situations: when it has to move hardware resources around (a "rebalance": the device is stopped, given new resources and started again), and when the user removes the device with Safely Remove Hardware or disables it in Device Manager.',
    'The question arrives as IRP_MN_QUERY_STOP_DEVICE or IRP_MN_QUERY_REMOVE_DEVICE. A KMDF driver hears about it only if it registered EvtDeviceQueryStop or EvtDeviceQueryRemove; returning an error from the callback says "not now", and the PnP manager then sends a cancel IRP and leaves the device running. A driver that never objects simply does not register these callbacks, and the framework answers yes for it.',
    'There is a second way to say no that needs no callback: WdfDeviceSetStaticStopRemove(device, FALSE). While such a call is outstanding the framework fails both queries by itself, without calling the driver. The calls are counted, so every FALSE needs a matching TRUE later. Drivers use it around work that must not be interrupted, like burning a disc.',
    'Two capabilities decide what the user may even try: a device that is Removable and not SurpriseRemovalOK is listed in Safely Remove Hardware, and a NotDisableable device cannot be disabled in Device Manager at all.',
  ],
  scenario: {
    title: 'A USB disk and a PCI network adapter whose drivers register no query callbacks',
    seed: 1,
    devices: [
      { id: 'disk', model: 'usb-disk', callbacks: { EvtDeviceQueryRemove: 'absent', EvtDeviceQueryStop: 'absent' } },
      { id: 'nic', model: 'pci-nic', callbacks: { EvtDeviceQueryRemove: 'absent', EvtDeviceQueryStop: 'absent' } },
    ],
    steps: [
      { action: 'plug', device: 'disk' },
      { action: 'plug', device: 'nic' },
    ],
  },
  tasks: [
    {
      id: 'refuse-removal-without-callback',
      prompt: 'Make Safely Remove Hardware fail for the disk, without implementing EvtDeviceQueryRemove (SimDisk does not register it, and must not run it).',
      hints: [
        'A KMDF driver can refuse removal without any callback: WdfDeviceSetStaticStopRemove(device, FALSE).',
        'Set the disk\'s staticStopRemove to true (or add a staticStopRemove step with stoppable: false), then try safeRemove.',
        'An application holding the disk open refuses it too: try openHandles: 1.',
      ],
      solution: {
        settings: { devices: { disk: { staticStopRemove: true } } },
        steps: [{ action: 'safeRemove', device: 'disk' }],
      },
      alternatives: [
        { steps: [{ action: 'staticStopRemove', device: 'disk', stoppable: false }, { action: 'safeRemove', device: 'disk' }] },
        { settings: { devices: { disk: { openHandles: 1 } } }, steps: [{ action: 'safeRemove', device: 'disk' }] },
      ],
      goal: {
        kind: 'all',
        goals: [
          { kind: 'event', match: { kind: 'state', name: VETOES, device: 'disk', args: { Operation: 'QueryRemove' } } },
          { kind: 'absent', match: { kind: 'callback', name: 'EvtDeviceQueryRemove', device: 'disk' } },
          { kind: 'deviceState', device: 'disk', state: 'Started' },
        ],
      },
      goalText: 'Safely Remove Hardware is vetoed for the disk, EvtDeviceQueryRemove never runs, and the disk stays Started.',
    },
    {
      id: 'rebalance-without-asking',
      prompt: 'Rebalance the network adapter. Its driver has no EvtDeviceQueryStop, so nobody asks it: watch it stop, get new resources and start again.',
      hints: [
        'Use the rebalance action on "nic".',
        'Compare the ResourcesTranslated of EvtDevicePrepareHardware before and after.',
        'The restart calls EvtDeviceSelfManagedIoRestart, not Init: the device object is the same.',
      ],
      solution: { steps: [{ action: 'rebalance', device: 'nic' }] },
      goal: {
        kind: 'all',
        goals: [
          {
            kind: 'sequence',
            matches: [
              { kind: 'irp', name: 'IRP_MN_QUERY_STOP_DEVICE', device: 'nic', layer: 'function' },
              { kind: 'irp', name: 'IRP_MN_STOP_DEVICE', device: 'nic', layer: 'function' },
              { kind: 'callback', name: 'EvtDeviceReleaseHardware', device: 'nic', layer: 'function' },
              { kind: 'state', name: 'Stopped', device: 'nic' },
              { kind: 'callback', name: 'EvtDevicePrepareHardware', device: 'nic', layer: 'function' },
              { kind: 'callback', name: 'EvtDeviceSelfManagedIoRestart', device: 'nic', layer: 'function' },
              { kind: 'state', name: 'Started', device: 'nic' },
            ],
          },
          { kind: 'absent', match: { kind: 'callback', name: 'EvtDeviceQueryStop', device: 'nic' } },
        ],
      },
      goalText: 'The adapter gets IRP_MN_QUERY_STOP_DEVICE and IRP_MN_STOP_DEVICE, releases its hardware, is Stopped, prepares its new hardware, restarts its self-managed I/O and is Started again, with no EvtDeviceQueryStop call.',
    },
    {
      id: 'refuse-rebalance',
      prompt: 'Now let the adapter\'s driver refuse to be stopped: the rebalance must leave it running, never sending IRP_MN_STOP_DEVICE.',
      hints: [
        'Register EvtDeviceQueryStop for the function driver and make it fail.',
        'Then rebalance "nic" and look for the cancel IRP.',
      ],
      solution: {
        settings: { devices: { nic: { callbacks: { EvtDeviceQueryStop: 'fail' } } } },
        steps: [{ action: 'rebalance', device: 'nic' }],
      },
      alternatives: [
        { settings: { devices: { nic: { staticStopRemove: true } } }, steps: [{ action: 'rebalance', device: 'nic' }] },
      ],
      goal: {
        kind: 'all',
        goals: [
          { kind: 'event', match: { kind: 'state', name: 'PNP_VetoDevice', device: 'nic', args: { Operation: 'QueryStop' } } },
          { kind: 'event', match: { kind: 'irp', name: 'IRP_MN_CANCEL_STOP_DEVICE', device: 'nic' } },
          { kind: 'absent', match: { kind: 'irp', name: 'IRP_MN_STOP_DEVICE', device: 'nic' } },
          { kind: 'deviceState', device: 'nic', state: 'Started' },
        ],
      },
      goalText: 'The rebalance is vetoed (PNP_VetoDevice, QueryStop), the stack gets IRP_MN_CANCEL_STOP_DEVICE, no IRP_MN_STOP_DEVICE is sent and the adapter stays Started.',
    },
    {
      id: 'not-disableable',
      prompt: 'Make the disk impossible to disable in Device Manager, then try to disable it.',
      hints: [
        'This is a capability the driver reports (WDF_DEVICE_STATE.NotDisableable), not a callback.',
        'Set capabilities.NotDisableable on the disk, then use the disable action.',
      ],
      solution: {
        settings: { devices: { disk: { capabilities: { NotDisableable: true } } } },
        steps: [{ action: 'disable', device: 'disk' }],
      },
      goal: {
        kind: 'all',
        goals: [
          { kind: 'event', match: { kind: 'state', name: 'PNP_VetoNonDisableable', device: 'disk' } },
          { kind: 'absent', match: { kind: 'irp', name: 'IRP_MN_QUERY_REMOVE_DEVICE', device: 'disk' } },
        ],
      },
      goalText: 'Disabling the disk is refused with PNP_VetoNonDisableable before any IRP_MN_QUERY_REMOVE_DEVICE is sent.',
    },
  ],
  questions: [
    {
      id: 'after-static-veto',
      onTask: 'refuse-removal-without-callback',
      after: { kind: 'irp', name: 'IRP_MN_QUERY_REMOVE_DEVICE', device: 'disk', layer: 'function' },
      next: { kind: 'irp', device: 'disk' },
      field: 'name',
      prompt: 'The framework has failed IRP_MN_QUERY_REMOVE_DEVICE at SimDisk with STATUS_INVALID_DEVICE_STATE (an outstanding WdfDeviceSetStaticStopRemove(FALSE)). Which IRP does the disk\'s stack get next?',
      choices: ['IRP_MN_REMOVE_DEVICE', 'IRP_MN_CANCEL_REMOVE_DEVICE', 'IRP_MN_SURPRISE_REMOVAL', 'IRP_MN_QUERY_REMOVE_DEVICE'],
      answer: 'IRP_MN_CANCEL_REMOVE_DEVICE',
      explanation: 'A failed query means "no": the PnP manager tells the stack to forget the query with IRP_MN_CANCEL_REMOVE_DEVICE, and the device keeps running. The bus driver below, which never saw the query, gets the cancel too.',
    },
    {
      id: 'stop-starts-with',
      onTask: 'rebalance-without-asking',
      after: { kind: 'irp', name: 'IRP_MN_STOP_DEVICE', device: 'nic', layer: 'function' },
      next: { kind: 'callback', device: 'nic', layer: 'function' },
      field: 'name',
      prompt: 'IRP_MN_STOP_DEVICE has reached SimNic. Which of its callbacks runs first?',
      choices: ['EvtDeviceQueryStop', 'EvtDeviceD0Exit', 'EvtDeviceSelfManagedIoSuspend', 'EvtDeviceReleaseHardware'],
      answer: 'EvtDeviceSelfManagedIoSuspend',
      explanation: 'Stopping powers the device down first, and power-down begins by suspending self-managed I/O and the power-managed queues; DMA, interrupts and D0Exit(WdfPowerDeviceD3Final) follow, and EvtDeviceReleaseHardware comes last. The query was already answered on IRP_MN_QUERY_STOP_DEVICE.',
    },
    {
      id: 'restart-self-managed-io',
      onTask: 'rebalance-without-asking',
      // the function driver's second start, as the IRP comes back up to it (where it acts: docs/trace-format.md, "IRPs that travel")
      after: { kind: 'irp', name: 'IRP_MN_START_DEVICE', device: 'nic', layer: 'function', pass: 'up' },
      occurrence: 2,
      next: { kind: 'callback', device: 'nic', layer: 'function', name: ['EvtDeviceSelfManagedIoInit', 'EvtDeviceSelfManagedIoRestart'] },
      field: 'name',
      prompt: 'The adapter is being started again with its new resources. Which self-managed I/O callback will SimNic get this time?',
      choices: ['EvtDeviceSelfManagedIoInit', 'EvtDeviceSelfManagedIoRestart'],
      answer: 'EvtDeviceSelfManagedIoRestart',
      explanation: 'EvtDeviceSelfManagedIoInit runs once per device object, at its first start. A rebalance keeps the device object, so the restart gets EvtDeviceSelfManagedIoRestart (PrepareHardware and ReleaseHardware do run again, for the new resources).',
    },
  ],
};
