import type { Lesson } from './types';

export const rebalanceAndDisable: Lesson = {
  id: 'rebalance-and-disable',
  title: 'Stopping for a rebalance, and devices that cannot be disabled',
  source: [
    'wdf/handling-requests-to-stop-a-device.md',
    'wdf/the-pnp-manager-redistributes-system-resources.md',
    'kernel/irp-mn-cancel-stop-device.md',
    'kernel/handling-an-irp-mn-surprise-removal-request.md',
    'ddi/wdfdevice/ns-wdfdevice-_wdf_device_state.md',
  ],
  primer: ['irp', 'power-states', 'self-managed-io', 'veto-types', 'device-stack', 'devnode-states'],
  intro: [
    'Sometimes the PnP manager must redistribute the hardware resources, typically because a new device needs resources already given to another one. Devices must be stopped before their resources are reassigned. The PnP manager asks first with IRP_MN_QUERY_STOP_DEVICE (EvtDeviceQueryStop in KMDF); if every driver agrees it sends IRP_MN_STOP_DEVICE, gives the device its new resources and starts it again with IRP_MN_START_DEVICE.',
    'For the stop, KMDF powers the device down one driver at a time from the top of the stack (EvtDeviceSelfManagedIoSuspend, the queues, EvtDeviceD0Exit with WdfPowerDeviceD3Final) and calls EvtDeviceReleaseHardware. The restart climbs from the bus driver up: EvtDevicePrepareHardware with the new resource lists, EvtDeviceD0Entry, and EvtDeviceSelfManagedIoRestart.',
    'A driver refuses with an EvtDeviceQueryStop that returns an error, with an outstanding WdfDeviceSetStaticStopRemove(FALSE), or while a special file is open on the device. The PnP manager then sends IRP_MN_CANCEL_STOP_DEVICE, which the bus driver handles first and each higher driver after it, and the device keeps running with its old resources.',
    'Disable in Device Manager is an orderly removal, but it can be forbidden outright. A driver that sets NotDisableable in its device\'s WDF_DEVICE_STATE (WdfDeviceSetDeviceState) makes the device report PNP_DEVICE_NOT_DISABLEABLE, and the user cannot disable it. The PnP manager passes that on to the device\'s parent, the parent\'s parent and so on: the hub a NotDisableable disk sits on cannot be disabled either.',
    'The lab\'s choices: a rebalance is the rebalance action on one device; a refused query-stop shows as a PNP_VetoDevice event although nobody asked for the rebalance; NotDisableable sits among a device\'s capabilities in the lab\'s settings, though Windows keeps it in WDF_DEVICE_STATE, not in the PnP capabilities; and a refused disable is reported before any IRP is sent.',
  ],
  scenario: {
    title: 'A PCI network adapter with no query callbacks, and a USB hub with a disk on it',
    seed: 1,
    devices: [
      { id: 'nic', model: 'pci-nic', callbacks: { EvtDeviceQueryRemove: 'absent', EvtDeviceQueryStop: 'absent' } },
      { id: 'hub', model: 'usb-hub' },
      { id: 'disk', model: 'usb-disk' },
    ],
    steps: [
      { action: 'plug', device: 'nic' },
      { action: 'plug', device: 'hub' },
      { action: 'plug', device: 'disk', port: 'hub:1' },
    ],
  },
  tasks: [
    {
      id: 'rebalance-without-asking',
      prompt: 'Rebalance the network adapter. Its driver has no EvtDeviceQueryStop, so it is never asked: watch it stop, get new resources and start again.',
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
        'Register EvtDeviceQueryStop for the function driver and make it fail (or give the driver an outstanding WdfDeviceSetStaticStopRemove).',
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
      goalText: 'The rebalance is refused (the lab shows PNP_VetoDevice, QueryStop), the stack gets IRP_MN_CANCEL_STOP_DEVICE, no IRP_MN_STOP_DEVICE is sent and the adapter stays Started.',
    },
    {
      id: 'not-disableable',
      prompt: 'Make the disk impossible to disable in Device Manager, then try to disable it.',
      hints: [
        'It is not a callback: the driver sets WDF_DEVICE_STATE.NotDisableable (WdfDeviceSetDeviceState), and the device reports PNP_DEVICE_NOT_DISABLEABLE.',
        'In the lab\'s settings it is capabilities.NotDisableable on the disk; then use the disable action.',
      ],
      solution: {
        settings: { devices: { disk: { capabilities: { NotDisableable: true } } } },
        steps: [{ action: 'disable', device: 'disk' }],
      },
      goal: {
        kind: 'all',
        goals: [
          { kind: 'event', match: { kind: 'irp', name: 'IRP_MN_QUERY_PNP_DEVICE_STATE', device: 'disk', args: { PnpDeviceState: 'PNP_DEVICE_NOT_DISABLEABLE' } } },
          { kind: 'event', match: { kind: 'state', name: 'PNP_VetoNonDisableable', device: 'disk' } },
          { kind: 'absent', match: { kind: 'irp', name: 'IRP_MN_QUERY_REMOVE_DEVICE', device: 'disk' } },
        ],
      },
      goalText: 'The disk reports PNP_DEVICE_NOT_DISABLEABLE when it starts, and disabling it is refused with PNP_VetoNonDisableable, before any IRP_MN_QUERY_REMOVE_DEVICE.',
    },
    {
      id: 'not-disableable-hub',
      prompt: 'Keep the disk NotDisableable and try to disable the hub it is plugged into.',
      hints: [
        'The flag travels up the device tree: to the disk\'s parent, its parent, and so on.',
        'Set capabilities.NotDisableable on the disk, then disable "hub".',
      ],
      solution: {
        settings: { devices: { disk: { capabilities: { NotDisableable: true } } } },
        steps: [{ action: 'disable', device: 'hub' }],
      },
      goal: {
        kind: 'all',
        goals: [
          { kind: 'event', match: { kind: 'state', name: 'PNP_VetoNonDisableable', device: 'hub' } },
          { kind: 'absent', match: { kind: 'irp', name: 'IRP_MN_QUERY_REMOVE_DEVICE', device: ['hub', 'disk'] } },
          { kind: 'deviceState', device: 'hub', state: 'Started' },
          { kind: 'deviceState', device: 'disk', state: 'Started' },
        ],
      },
      goalText: 'Disabling the hub is refused with PNP_VetoNonDisableable because of the disk on it; neither gets IRP_MN_QUERY_REMOVE_DEVICE and both stay Started.',
    },
  ],
  questions: [
    {
      id: 'stop-starts-with',
      onTask: 'rebalance-without-asking',
      after: { kind: 'irp', name: 'IRP_MN_STOP_DEVICE', device: 'nic', layer: 'function' },
      next: { kind: 'callback', device: 'nic', layer: 'function' },
      field: 'name',
      prompt: 'IRP_MN_STOP_DEVICE has reached SimNic. Which of its callbacks runs first?',
      choices: ['EvtDeviceQueryStop', 'EvtDeviceD0Exit', 'EvtDeviceSelfManagedIoSuspend', 'EvtDeviceReleaseHardware'],
      answer: 'EvtDeviceSelfManagedIoSuspend',
      explanation: 'Stopping takes the device out of D0 first, and for a driver that uses self-managed I/O that begins with EvtDeviceSelfManagedIoSuspend; the queues, DMA, interrupts and EvtDeviceD0Exit(WdfPowerDeviceD3Final) follow, and EvtDeviceReleaseHardware comes last. The question itself was asked earlier, with IRP_MN_QUERY_STOP_DEVICE.',
      page: 'wdf/the-pnp-manager-redistributes-system-resources.md',
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
      explanation: 'The power-up after a rebalance ends with EvtDeviceSelfManagedIoRestart: Init runs when the device first enters D0, and the device object is the same one. EvtDevicePrepareHardware and EvtDeviceReleaseHardware do run again, for the new resources.',
      page: 'wdf/the-pnp-manager-redistributes-system-resources.md',
    },
    {
      id: 'hub-depends',
      onTask: 'not-disableable-hub',
      after: { kind: 'user', name: 'disable' },
      next: { kind: 'state', name: 'PNP_VetoNonDisableable', device: 'hub' },
      field: 'args.DisableableDepends',
      prompt: 'The hub itself could be disabled; one device on it, the disk, cannot. The debugger counts DisableableDepends for a devnode: how many reasons does it count for the hub?',
      choices: ['0', '1', '2'],
      answer: '1',
      explanation: 'DisableableDepends is X + Y: X is 1 if the device itself cannot be disabled, Y the number of its children that cannot. For the hub X = 0 and Y = 1. The lab shows the count on the veto event.',
      page: 'kernel/handling-an-irp-mn-surprise-removal-request.md',
    },
  ],
};
