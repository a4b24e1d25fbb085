import type { Lesson } from './types';

export const aDeviceStarts: Lesson = {
  id: 'a-device-starts',
  title: 'A device starts: from the cable to a working driver',
  source: [
    'wdf/a-user-plugs-in-a-device.md',
    'kernel/adding-a-pnp-device-to-a-running-system.md',
    'kernel/starting-a-device.md',
    'kernel/state-transitions-for-pnp-devices.md',
    'ddi/wdfdevice/nc-wdfdevice-evt_wdf_device_prepare_hardware.md',
  ],
  primer: ['device-stack', 'pdo-fdo-filter', 'irp', 'frameworks', 'devnode-states', 'power-states', 'self-managed-io', 'interfaces', 'problem-codes'],
  intro: [
    'When you plug a USB disk in, the first driver to notice is the hub\'s, the bus driver of the new device. It tells the PnP manager that its set of children has changed; the PnP manager asks for the new list (IRP_MN_QUERY_DEVICE_RELATIONS), and the bus driver answers with a new physical device object, the PDO. The PnP manager gives the disk a devnode and asks the PDO about the device (IDs, capabilities, resources), in an order it does not guarantee.',
    'With the IDs it finds the drivers that the INF files name, loads those not loaded yet (DriverEntry) and calls their AddDevice routines: lower filters first, then the function driver, then upper filters. Each creates its device object and attaches it on top of the stack. In KMDF, AddDevice is EvtDriverDeviceAdd.',
    'Last comes IRP_MN_START_DEVICE. Like any IRP it enters the stack at the top and each driver passes it down, but no driver does its start work until the drivers below it have finished with the IRP. So the bus driver, at the bottom, works first: it powers the device up before any driver above touches it. Then the work climbs the stack one driver at a time, and for each KMDF driver the framework calls EvtDevicePrepareHardware (the hardware resources), EvtDeviceD0Entry (the device is now in its working power state, D0) and, for a driver that uses self-managed I/O, EvtDeviceSelfManagedIoInit.',
    'Applications can find the device only once the start has succeeded. In KMDF the function driver\'s framework turns its device interfaces on inside the start IRP, after EvtDeviceSelfManagedIoInit and before it hands the IRP back up to the driver above (the KMDF source, pnpstatemachine.cpp, PnpEventEnableInterfaces); once the IRP is back, the devnode is Started and the PnP manager tells those who registered for the interface that it has arrived. If a driver fails the start, the PnP manager sends IRP_MN_REMOVE_DEVICE and marks the device "failed start".',
    'The lab\'s choices here: the timeline records one irp event per driver when that driver does its work, so IRP_MN_START_DEVICE shows at the bus driver first (the IRP\'s way down is not drawn yet); and the state names (PhysicallyPresent, Enumerated, EnumeratedAndDriversInitialized, FdoAndFilterDosAttached, Started) are the lab\'s labels for the boxes of the PnP state figure, not names Windows shows to drivers.',
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
      goalText: 'The disk goes through PhysicallyPresent, Enumerated, EnumeratedAndDriversInitialized and FdoAndFilterDosAttached, its bus driver handles IRP_MN_START_DEVICE, and it ends up Started.',
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
      id: 'start-work-climbs',
      onTask: 'plug-in',
      after: { kind: 'callback', name: 'EvtDeviceD0Entry', device: 'disk', layer: 'bus' },
      next: { kind: 'callback', name: 'EvtDevicePrepareHardware', device: 'disk' },
      field: 'layer',
      prompt: 'The bus driver has done its part of IRP_MN_START_DEVICE: the disk is powered (its EvtDeviceD0Entry). Above the PDO are a lower filter, SimDisk (the function driver) and an upper filter. Whose EvtDevicePrepareHardware runs next?',
      choices: ['upper-filter', 'function', 'lower-filter'],
      answer: 'lower-filter',
      explanation: 'Every driver passed the start IRP down before doing anything, and does its start work only once the drivers below it have finished. The work therefore climbs from the bottom: the bus driver, then the lower filter just above the PDO, then SimDisk, then the upper filter.',
      page: 'kernel/starting-a-device.md',
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
      explanation: 'For each driver the framework calls EvtDevicePrepareHardware first (the resources), then EvtDeviceD0Entry (the device has entered D0); interrupts, DMA and the queues follow, and EvtDeviceSelfManagedIoInit comes last.',
      page: 'wdf/a-user-plugs-in-a-device.md',
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
      explanation: 'When EvtDevicePrepareHardware returns a failure status, the framework calls the driver\'s EvtDeviceReleaseHardware, so the driver can undo what it did before failing. SimDisk never got EvtDeviceD0Entry, so it gets no EvtDeviceD0Exit either.',
      page: 'ddi/wdfdevice/nc-wdfdevice-evt_wdf_device_prepare_hardware.md',
    },
  ],
};
