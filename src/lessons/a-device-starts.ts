import type { Lesson } from './types';

export const aDeviceStarts: Lesson = {
  id: 'a-device-starts',
  title: 'A device starts: from the cable to a working driver',
  source: ['wdf/a-user-plugs-in-a-device.md', 'kernel/adding-a-pnp-device-to-a-running-system.md'],
  intro: [
    'When you plug a USB disk in, nothing in Windows "sees" it at first except the bus driver of the hub. The hub driver notices a new device on a port and tells the PnP manager that the list of its children has changed. The PnP manager asks for that list; to answer, the bus driver creates a device object for the new child, the PDO, and the PnP manager gives it a devnode.',
    'The PnP manager then asks the PDO a series of questions (IDs, capabilities, resources) to find out what the device is. Only then does it load the drivers that the INF files name for those IDs and call their AddDevice routines, lowest driver first: lower filters, the function driver, upper filters. In KMDF that routine is EvtDriverDeviceAdd.',
    'Last comes IRP_MN_START_DEVICE. It goes up the stack from the bottom, so the bus driver powers the device before any driver above it touches the hardware. Each KMDF driver in turn gets EvtDevicePrepareHardware (map the resources), EvtDeviceD0Entry (the device is now in its working state) and, the first time only, EvtDeviceSelfManagedIoInit. The function driver then turns its device interfaces on, before it hands the IRP back up to the driver above it; once the IRP is back, the devnode is Started and applications can find and open the device.',
    'Watch the devnode state column: PhysicallyPresent, Enumerated, EnumeratedAndDriversInitialized, FdoAndFilterDosAttached, Started. Each step of the sequence moves it one state on.',
  ],
  scenario: {
    title: 'Two USB disks, not plugged in yet',
    seed: 1,
    devices: [
      { id: 'disk', model: 'usb-disk', filters: { lower: 1, upper: 1 } },
      { id: 'disk2', model: 'usb-disk' },
    ],
    steps: [],
  },
  tasks: [
    {
      id: 'plug-in',
      prompt: 'Plug the first disk ("disk") in and let it start.',
      hints: [
        'Use the plug action on "disk"; any free USB port will do.',
        'Then follow the devnode through its states in the timeline.',
      ],
      solution: { steps: [{ action: 'plug', device: 'disk' }] },
      alternatives: [{ steps: [{ action: 'plug', device: 'disk', port: 'usb-root-hub:3' }] }],
      goal: {
        kind: 'sequence',
        matches: [
          { kind: 'state', name: 'PhysicallyPresent', device: 'disk' },
          { kind: 'state', name: 'Enumerated', device: 'disk' },
          { kind: 'state', name: 'EnumeratedAndDriversInitialized', device: 'disk' },
          { kind: 'state', name: 'FdoAndFilterDosAttached', device: 'disk' },
          { kind: 'irp', name: 'IRP_MN_START_DEVICE', device: 'disk', layer: 'bus' },
          { kind: 'state', name: 'Started', device: 'disk' },
        ],
      },
      goalText: 'The disk goes through PhysicallyPresent, Enumerated, EnumeratedAndDriversInitialized and FdoAndFilterDosAttached, gets IRP_MN_START_DEVICE and ends up Started.',
    },
    {
      id: 'failed-start',
      prompt: 'Make the disk\'s function driver (SimDisk) fail EvtDevicePrepareHardware, then plug the disk in. See what the PnP manager does with a device that cannot start.',
      hints: [
        'In the device settings, set the function driver\'s EvtDevicePrepareHardware to "fail".',
        'Look at the IRP that follows the failed IRP_MN_START_DEVICE: there is no query first.',
        'The device ends with a Device Manager problem code.',
      ],
      solution: {
        settings: { devices: { disk: { callbacks: { EvtDevicePrepareHardware: 'fail' } } } },
        steps: [{ action: 'plug', device: 'disk' }],
      },
      goal: {
        kind: 'all',
        goals: [
          { kind: 'event', match: { kind: 'callback', name: 'EvtDevicePrepareHardware', device: 'disk', layer: 'function', result: 'STATUS_UNSUCCESSFUL' } },
          { kind: 'sequence', matches: [{ kind: 'irp', name: 'IRP_MN_START_DEVICE', device: 'disk', result: 'STATUS_UNSUCCESSFUL' }, { kind: 'irp', name: 'IRP_MN_REMOVE_DEVICE', device: 'disk' }] },
          { kind: 'absent', match: { kind: 'irp', name: 'IRP_MN_QUERY_REMOVE_DEVICE', device: 'disk' } },
          { kind: 'deviceState', device: 'disk', problem: 'CM_PROB_FAILED_START' },
        ],
      },
      goalText: 'SimDisk\'s EvtDevicePrepareHardware fails, the start IRP fails, IRP_MN_REMOVE_DEVICE follows with no IRP_MN_QUERY_REMOVE_DEVICE, and the disk ends with CM_PROB_FAILED_START.',
    },
    {
      id: 'second-disk',
      prompt: 'Plug both disks in. The second one uses the same function driver, SimDisk, which is already loaded: find out which SimDisk callback runs only once.',
      hints: [
        'Plug "disk", then "disk2".',
        'Compare the first callbacks of the function layer for the two disks.',
      ],
      solution: { steps: [{ action: 'plug', device: 'disk' }, { action: 'plug', device: 'disk2' }] },
      goal: {
        kind: 'all',
        goals: [
          { kind: 'count', match: { kind: 'callback', name: 'DriverEntry', driver: 'SimDisk' }, min: 1, max: 1 },
          { kind: 'count', match: { kind: 'callback', name: 'EvtDriverDeviceAdd', driver: 'SimDisk' }, min: 2, max: 2 },
          { kind: 'deviceState', device: 'disk2', state: 'Started' },
        ],
      },
      goalText: 'Both disks start; SimDisk\'s DriverEntry runs once and its EvtDriverDeviceAdd twice, once per disk.',
    },
  ],
  questions: [
    {
      id: 'start-goes-up',
      onTask: 'plug-in',
      after: { kind: 'irp', name: 'IRP_MN_START_DEVICE', device: 'disk', layer: 'bus' },
      next: { kind: 'irp', name: 'IRP_MN_START_DEVICE', device: 'disk' },
      field: 'layer',
      prompt: 'IRP_MN_START_DEVICE has reached the bus driver (the PDO). The disk has a lower filter, the function driver and an upper filter. Which of them gets the IRP next?',
      choices: ['upper-filter', 'function', 'lower-filter'],
      answer: 'lower-filter',
      explanation: 'A start goes up the stack: the bus driver first, because it must power the device before anyone above touches it, then each driver above it in turn. The lower filter sits just above the PDO.',
    },
    {
      id: 'after-prepare-hardware',
      onTask: 'plug-in',
      after: { kind: 'callback', name: 'EvtDevicePrepareHardware', device: 'disk', layer: 'function' },
      next: { kind: 'callback', device: 'disk', layer: 'function' },
      field: 'name',
      prompt: 'SimDisk\'s EvtDevicePrepareHardware has just returned STATUS_SUCCESS. Which SimDisk callback comes next?',
      choices: ['EvtDeviceSelfManagedIoInit', 'EvtDeviceD0Entry', 'EvtDriverDeviceAdd', 'EvtDeviceReleaseHardware'],
      answer: 'EvtDeviceD0Entry',
      explanation: 'PrepareHardware gets the resources ready; then the device enters D0 (EvtDeviceD0Entry, PreviousState WdfPowerDeviceD3Final the first time). Self-managed I/O starts only after the device is in D0.',
    },
    {
      id: 'after-failed-prepare',
      onTask: 'failed-start',
      after: { kind: 'callback', name: 'EvtDevicePrepareHardware', device: 'disk', layer: 'function', result: 'STATUS_UNSUCCESSFUL' },
      next: { kind: 'callback', device: 'disk', layer: 'function' },
      field: 'name',
      prompt: 'SimDisk\'s EvtDevicePrepareHardware has failed. Which SimDisk callback does the framework call next?',
      choices: ['EvtDeviceD0Entry', 'EvtDeviceD0Exit', 'EvtDeviceReleaseHardware', 'EvtDeviceSelfManagedIoFlush'],
      answer: 'EvtDeviceReleaseHardware',
      explanation: 'The framework always pairs PrepareHardware with ReleaseHardware, even when PrepareHardware fails, so the driver can undo what it did before failing. The device never reached D0, so there is no D0Exit.',
    },
  ],
};
