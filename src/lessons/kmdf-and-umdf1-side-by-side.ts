import type { Lesson } from './types';

export const kmdfAndUmdf1SideBySide: Lesson = {
  id: 'kmdf-and-umdf1-side-by-side',
  title: 'The same unplug in KMDF and UMDF 1, side by side',
  source: [
    'wdf/a-user-unplugs-a-device.md',
    'wdf/a-user-unplugs-a-device-umdf.md',
  ],
  primer: ['frameworks', 'reflector', 'irp', 'self-managed-io'],
  intro: [
    'Microsoft describes the same action twice: "A User Unplugs a Device" for KMDF drivers, and again for UMDF 1 drivers (a page that warns that UMDF 2 supersedes UMDF 1). This lesson runs both at once. Its scenario has a comparison set: run A is the disk as it is, with a KMDF function driver (SimDisk); run B is the same scenario with the disk\'s drivers on UMDF 1 (SimDiskUmdf). The Compare tab shows both runs side by side, step by step, and the cursor moves through both.',
    'For a surprise removal the KMDF page lists what the framework does for each function and filter driver, from the top of the stack down, and calling EvtDeviceSurpriseRemoval is the first step; the power-down (EvtDeviceSelfManagedIoSuspend, EvtDeviceD0Exit, …) and EvtDeviceReleaseHardware come after it. The same page then warns that a device can be removed at any time, so the framework might call EvtDeviceSurpriseRemoval at another point (after EvtDeviceReleaseHardware if the device was entering a low-power state, for example), and that the callback is not synchronized with the others: a driver must not assume an order.',
    'The UMDF 1 page says UMDF calls IPnpCallback::OnSurpriseRemoval to tell the driver that the device was removed unexpectedly, and that this callback is not guaranteed to occur in any particular order with the other callbacks of the removal sequence. Watch where it lands in run B, and read the line above the two lanes.',
    'An orderly removal (Safely Remove Hardware) goes another way: both pages say the framework allows it unless the driver vetoes it, among other ways, in its query callback (EvtDeviceQueryRemove; IPnpCallback::OnQueryRemove for UMDF 1), and the orderly sequence the KMDF page lists after that has no surprise-removal callback in it.',
    'The lab\'s choices: OnSurpriseRemoval falls at one of four places, picked by the scenario\'s seed (seed 7, this lesson\'s, puts it after OnD0Exit); switching the framework for run B clears the disk\'s callback settings, since a KMDF callback name means nothing to a UMDF 1 driver; the reflector (WUDFRd) is a layer of its own in run B, so some IRP rows are in run B only.',
  ],
  scenario: {
    title: 'A USB disk with a KMDF driver, compared with the same disk on UMDF 1',
    seed: 7,
    devices: [{ id: 'disk', model: 'usb-disk' }],
    steps: [{ action: 'plug', device: 'disk' }],
    compare: { change: 'framework', device: 'disk' },
  },
  tasks: [
    {
      id: 'pull-the-cable',
      prompt: 'Pull the disk\'s cable, then open the Compare tab and find each framework\'s surprise-removal callback.',
      hints: [
        'Drag the disk back to the bench (or use unplug on "disk").',
        'In the Compare tab, open the step of the unplug: EvtDeviceSurpriseRemoval is in run A\'s lane, IPnpCallback::OnSurpriseRemoval in run B\'s.',
      ],
      solution: { steps: [{ action: 'unplug', device: 'disk' }] },
      goal: {
        kind: 'all',
        goals: [
          {
            kind: 'sequence',
            matches: [
              { kind: 'irp', name: 'IRP_MN_SURPRISE_REMOVAL', device: 'disk', layer: 'function' },
              { kind: 'callback', name: 'EvtDeviceSurpriseRemoval', device: 'disk', layer: 'function' },
              { kind: 'callback', name: 'EvtDeviceD0Exit', device: 'disk', layer: 'function' },
              { kind: 'callback', name: 'EvtDeviceReleaseHardware', device: 'disk', layer: 'function' },
            ],
          },
          {
            kind: 'compared',
            goal: {
              kind: 'all',
              goals: [
                { kind: 'event', match: { kind: 'callback', name: 'IPnpCallback::OnSurpriseRemoval', device: 'disk', layer: 'function' } },
                {
                  kind: 'sequence',
                  matches: [
                    { kind: 'irp', name: 'IRP_MN_SURPRISE_REMOVAL', device: 'disk', layer: 'function' },
                    { kind: 'callback', name: 'IPnpCallback::OnD0Exit', device: 'disk', layer: 'function' },
                    { kind: 'callback', name: 'IPnpCallbackHardware::OnReleaseHardware', device: 'disk', layer: 'function' },
                  ],
                },
                { kind: 'absent', match: { kind: 'callback', name: 'EvtDeviceSurpriseRemoval', device: 'disk', layer: 'function' } },
              ],
            },
          },
        ],
      },
      goalText: 'Run A: IRP_MN_SURPRISE_REMOVAL reaches SimDisk, then EvtDeviceSurpriseRemoval, EvtDeviceD0Exit and EvtDeviceReleaseHardware. Run B: the UMDF 1 driver gets IPnpCallback::OnSurpriseRemoval, OnD0Exit and OnReleaseHardware, and no KMDF callback.',
    },
    {
      id: 'safely-remove-instead',
      prompt: 'Remove the disk with Safely Remove Hardware instead, the comparison still on. Which question does each framework ask, and does any surprise-removal callback run?',
      hints: [
        'Use safeRemove on "disk".',
        'Look for EvtDeviceQueryRemove in run A and IPnpCallback::OnQueryRemove in run B, and search both lanes for "Surprise".',
      ],
      solution: { steps: [{ action: 'safeRemove', device: 'disk' }] },
      goal: {
        kind: 'all',
        goals: [
          { kind: 'event', match: { kind: 'callback', name: 'EvtDeviceQueryRemove', device: 'disk', layer: 'function', result: 'STATUS_SUCCESS' } },
          { kind: 'absent', match: { kind: 'callback', name: 'EvtDeviceSurpriseRemoval', device: 'disk' } },
          {
            kind: 'compared',
            goal: {
              kind: 'all',
              goals: [
                { kind: 'event', match: { kind: 'callback', name: 'IPnpCallback::OnQueryRemove', device: 'disk', layer: 'function', result: 'S_OK' } },
                { kind: 'absent', match: { kind: 'callback', name: 'IPnpCallback::OnSurpriseRemoval', device: 'disk' } },
              ],
            },
          },
        ],
      },
      goalText: 'Run A asks EvtDeviceQueryRemove (STATUS_SUCCESS), run B IPnpCallback::OnQueryRemove (S_OK); neither run calls a surprise-removal callback.',
    },
  ],
  questions: [
    {
      id: 'kmdf-surprise-first',
      onTask: 'pull-the-cable',
      after: { kind: 'irp', name: 'IRP_MN_SURPRISE_REMOVAL', device: 'disk', layer: 'function', pass: 'down' },
      next: { kind: 'callback', device: 'disk', layer: 'function' },
      field: 'name',
      prompt: 'IRP_MN_SURPRISE_REMOVAL has reached SimDisk, a KMDF driver, while the disk is working (D0). Which of its callbacks does the framework call next in run A?',
      choices: ['EvtDeviceSurpriseRemoval', 'EvtDeviceSelfManagedIoSuspend', 'EvtDeviceD0Exit', 'EvtDeviceReleaseHardware'],
      answer: 'EvtDeviceSurpriseRemoval',
      explanation: 'Calling EvtDeviceSurpriseRemoval is the first step of the KMDF page\'s surprise-removal sequence; the power-down and EvtDeviceReleaseHardware follow. The page adds that the framework might call it at another time and that a driver must not assume an order, which is the UMDF 1 page\'s point about OnSurpriseRemoval too: compare run B.',
      page: 'wdf/a-user-unplugs-a-device.md',
    },
    {
      id: 'orderly-suspend-first',
      onTask: 'safely-remove-instead',
      after: { kind: 'irp', name: 'IRP_MN_REMOVE_DEVICE', device: 'disk', layer: 'function', pass: 'down' },
      next: { kind: 'callback', device: 'disk', layer: 'function' },
      field: 'name',
      prompt: 'SimDisk agreed to the query, and IRP_MN_REMOVE_DEVICE has reached it. The disk uses self-managed I/O. Which of its callbacks comes first?',
      choices: ['EvtDeviceSelfManagedIoSuspend', 'EvtDeviceSurpriseRemoval', 'EvtDeviceD0Exit', 'EvtDeviceSelfManagedIoCleanup'],
      answer: 'EvtDeviceSelfManagedIoSuspend',
      explanation: 'In the KMDF page\'s orderly-removal sequence a driver that uses self-managed I/O first gets EvtDeviceSelfManagedIoSuspend; the power-down, EvtDeviceReleaseHardware, the flush and the cleanup follow. There is no surprise-removal callback in it.',
      page: 'wdf/a-user-unplugs-a-device.md',
    },
  ],
};
