import type { Lesson } from './types';

const KMDF_PNP_SOURCE = 'github:microsoft/Windows-Driver-Frameworks/src/framework/shared/irphandlers/pnp/pnpstatemachine.cpp';

export const askingBeforeStopping: Lesson = {
  id: 'asking-before-stopping',
  title: 'Asking before removing: query callbacks, static stop/remove and the Safely Remove list',
  source: [
    'wdf/handling-requests-to-stop-a-device.md',
    'wdf/a-user-unplugs-a-device.md',
    'ddi/wdfdevice/nf-wdfdevice-wdfdevicesetstaticstopremove.md',
    KMDF_PNP_SOURCE,
  ],
  primer: ['irp', 'pdo-fdo-filter', 'veto-types', 'frameworks', 'problem-codes'],
  intro: [
    'Before the PnP manager stops a working device it usually asks the device\'s drivers first. It does so in two situations: when it must move hardware resources around (a rebalance, in the next lesson), and when the user wants the device gone, with Safely Remove Hardware or Disable in Device Manager. You met the question in the last lesson: IRP_MN_QUERY_REMOVE_DEVICE, which a KMDF driver hears in EvtDeviceQueryRemove. Any driver of the stack can say no, not only the function driver: if any driver\'s EvtDeviceQueryRemove returns an error, the device stays.',
    'The framework can also refuse by itself, without calling the driver. A driver that calls WdfDeviceSetStaticStopRemove(device, FALSE) forbids stopping and removal until it calls it again with TRUE, around work that must not be interrupted, such as burning a DVD. The calls are counted: every FALSE needs its own TRUE. And a driver that supports special files (WdfDeviceSetSpecialFileSupport: paging, hibernation or crash-dump files) is not stopped or removed while such a file is open on its device.',
    'A driver for which stopping is never a problem registers no query callback and never calls WdfDeviceSetStaticStopRemove; with no special file open, its device is then stopped without the driver being asked.',
    'Who may even try: a device is listed in Safely Remove Hardware only if its driver set Removable, and not SurpriseRemovalOK, in its WDF_DEVICE_PNP_CAPABILITIES. A device that is safe to pull out needs no asking.',
    'The lab\'s choices: a refused query is shown as a PNP_VetoDevice state event naming the device; the status the framework fails the query with, STATUS_INVALID_DEVICE_STATE, is read from the KMDF source (no page names it); and special files are not modelled.',
  ],
  scenario: {
    title: 'A USB disk (upper filter, no query callbacks), a DVD writer in the middle of two burns, and a webcam',
    seed: 1,
    devices: [
      { id: 'disk', model: 'usb-disk', filters: { upper: 1 }, callbacks: { EvtDeviceQueryRemove: 'absent', EvtDeviceQueryStop: 'absent' } },
      { id: 'writer', model: 'usb-disk', staticStopRemove: 2 },
      { id: 'cam', model: 'usb-webcam' },
    ],
    steps: [
      { action: 'plug', device: 'disk' },
      { action: 'plug', device: 'writer' },
      { action: 'plug', device: 'cam' },
    ],
  },
  tasks: [
    {
      id: 'refuse-removal-without-callback',
      prompt: 'Make Safely Remove Hardware fail for the disk because its function driver, SimDisk, refuses it, without implementing EvtDeviceQueryRemove (SimDisk does not register it, and must not run it).',
      hints: [
        'A KMDF driver can refuse removal without any callback: WdfDeviceSetStaticStopRemove(device, FALSE).',
        'Set the disk\'s staticStopRemove to true (or add a staticStopRemove step with stoppable: false), then try safeRemove.',
        'An open handle would make the removal fail too, but that is not SimDisk refusing: the goal asks for the framework\'s own answer to IRP_MN_QUERY_REMOVE_DEVICE.',
      ],
      solution: {
        settings: { devices: { disk: { staticStopRemove: true } } },
        steps: [{ action: 'safeRemove', device: 'disk' }],
      },
      alternatives: [
        { steps: [{ action: 'staticStopRemove', device: 'disk', stoppable: false }, { action: 'safeRemove', device: 'disk' }] },
      ],
      goal: {
        kind: 'all',
        goals: [
          { kind: 'event', match: { kind: 'irp', name: 'IRP_MN_QUERY_REMOVE_DEVICE', device: 'disk', layer: 'function', result: 'STATUS_INVALID_DEVICE_STATE' } },
          { kind: 'event', match: { kind: 'state', name: 'PNP_VetoDevice', device: 'disk', args: { Operation: 'QueryRemove' } } },
          { kind: 'absent', match: { kind: 'callback', name: 'EvtDeviceQueryRemove', device: 'disk', layer: 'function' } },
          { kind: 'deviceState', device: 'disk', state: 'Started' },
        ],
      },
      goalText: 'The framework fails IRP_MN_QUERY_REMOVE_DEVICE at SimDisk with STATUS_INVALID_DEVICE_STATE, the removal is vetoed (PNP_VetoDevice), SimDisk\'s EvtDeviceQueryRemove never runs, and the disk stays Started.',
    },
    {
      id: 'balanced-static-calls',
      prompt: 'The DVD writer\'s driver called WdfDeviceSetStaticStopRemove(device, FALSE) twice, once per burn it started (the scenario gives it a count of 2). Both burns are done: let the driver say so, then remove the writer safely.',
      hints: [
        'Add staticStopRemove steps on "writer" with stoppable: true: one per FALSE call.',
        'Try safeRemove after the first one, and again after the second.',
        'One TRUE too many is a driver bug: the lab warns about it.',
      ],
      solution: {
        steps: [
          { action: 'staticStopRemove', device: 'writer', stoppable: true },
          { action: 'safeRemove', device: 'writer' },
          { action: 'staticStopRemove', device: 'writer', stoppable: true },
          { action: 'safeRemove', device: 'writer' },
        ],
      },
      alternatives: [
        { steps: [{ action: 'staticStopRemove', device: 'writer', stoppable: true }, { action: 'staticStopRemove', device: 'writer', stoppable: true }, { action: 'safeRemove', device: 'writer' }] },
      ],
      goal: {
        kind: 'all',
        goals: [
          { kind: 'count', match: { kind: 'call', name: 'WdfDeviceSetStaticStopRemove', device: 'writer', args: { Stoppable: 'TRUE' } }, min: 2 },
          { kind: 'absent', match: { kind: 'warn', device: 'writer' } },
          { kind: 'event', match: { kind: 'irp', name: 'IRP_MN_REMOVE_DEVICE', device: 'writer', cause: 'safeRemove' } },
          { kind: 'deviceState', device: 'writer', problem: 'CM_PROB_HELD_FOR_EJECT' },
        ],
      },
      goalText: 'The writer\'s driver calls WdfDeviceSetStaticStopRemove(TRUE) once per FALSE, never one too many; then Safely Remove Hardware goes through and the writer is held for eject (CM_PROB_HELD_FOR_EJECT).',
    },
    {
      id: 'another-driver-vetoes',
      prompt: 'SimDisk never objects to a removal. Make Safely Remove Hardware fail for the disk anyway: another driver of its stack must refuse it.',
      hints: [
        'The disk has an upper filter, which registers EvtDeviceQueryRemove.',
        'In the disk\'s settings, set the upper filter\'s EvtDeviceQueryRemove (layers["upper-filter"].callbacks) to "fail", then safeRemove "disk".',
      ],
      solution: {
        settings: { devices: { disk: { layers: { 'upper-filter': { callbacks: { EvtDeviceQueryRemove: 'fail' } } } } } },
        steps: [{ action: 'safeRemove', device: 'disk' }],
      },
      goal: {
        kind: 'all',
        goals: [
          { kind: 'event', match: { kind: 'callback', name: 'EvtDeviceQueryRemove', device: 'disk', layer: 'upper-filter', result: 'STATUS_UNSUCCESSFUL' } },
          { kind: 'event', match: { kind: 'state', name: 'PNP_VetoDevice', device: 'disk', args: { Operation: 'QueryRemove', Driver: 'SimUpperFilter1' } } },
          { kind: 'absent', match: { kind: 'irp', name: 'IRP_MN_QUERY_REMOVE_DEVICE', device: 'disk', layer: 'function' } },
          { kind: 'deviceState', device: 'disk', state: 'Started' },
        ],
      },
      goalText: 'The upper filter\'s EvtDeviceQueryRemove fails, the removal is vetoed by SimUpperFilter1 (PNP_VetoDevice), the query never reaches SimDisk, and the disk stays Started.',
    },
    {
      id: 'safe-remove-list',
      prompt: 'The webcam is not in the Safely Remove Hardware list: its driver reports it SurpriseRemovalOK, safe to pull out. Change what the driver reports so that the webcam is listed, then remove it safely.',
      hints: [
        'Look at the webcam\'s IRP_MN_QUERY_CAPABILITIES: its args show Removable and SurpriseRemovalOK.',
        'In the webcam\'s settings, set capabilities.SurpriseRemovalOK to false, then safeRemove "cam".',
      ],
      solution: {
        settings: { devices: { cam: { capabilities: { SurpriseRemovalOK: false } } } },
        steps: [{ action: 'safeRemove', device: 'cam' }],
      },
      goal: {
        kind: 'all',
        goals: [
          { kind: 'event', match: { kind: 'irp', name: 'IRP_MN_QUERY_CAPABILITIES', device: 'cam', args: { Removable: 'true', SurpriseRemovalOK: 'false' } } },
          { kind: 'event', match: { kind: 'irp', name: 'IRP_MN_REMOVE_DEVICE', device: 'cam', cause: 'safeRemove' } },
          { kind: 'deviceState', device: 'cam', problem: 'CM_PROB_HELD_FOR_EJECT' },
        ],
      },
      goalText: 'The webcam reports Removable and not SurpriseRemovalOK in IRP_MN_QUERY_CAPABILITIES, Safely Remove Hardware removes it, and it is held for eject (CM_PROB_HELD_FOR_EJECT).',
    },
  ],
  questions: [
    {
      id: 'static-veto-status',
      onTask: 'refuse-removal-without-callback',
      after: { kind: 'user', name: 'safeRemove' },
      next: { kind: 'irp', name: 'IRP_MN_QUERY_REMOVE_DEVICE', device: 'disk', layer: 'function' },
      field: 'result',
      prompt: 'SimDisk has an outstanding WdfDeviceSetStaticStopRemove(device, FALSE) and no EvtDeviceQueryRemove. With which status will IRP_MN_QUERY_REMOVE_DEVICE leave SimDisk?',
      choices: ['STATUS_SUCCESS', 'STATUS_UNSUCCESSFUL', 'STATUS_DEVICE_NOT_READY', 'STATUS_INVALID_DEVICE_STATE'],
      answer: 'STATUS_INVALID_DEVICE_STATE',
      explanation: 'The pages say only that the framework will not allow the removal. The KMDF source says how: its query-remove check fails the IRP with STATUS_INVALID_DEVICE_STATE while the count of FALSE calls is not zero, without calling the driver. (An open special file would fail it with STATUS_DEVICE_NOT_READY.)',
      page: KMDF_PNP_SOURCE,
    },
    {
      id: 'one-true-is-not-enough',
      onTask: 'balanced-static-calls',
      after: { kind: 'call', name: 'WdfDeviceSetStaticStopRemove', device: 'writer', args: { Stoppable: 'TRUE' } },
      next: { kind: 'irp', name: 'IRP_MN_QUERY_REMOVE_DEVICE', device: 'writer', layer: 'function' },
      field: 'result',
      prompt: 'The writer\'s driver had called WdfDeviceSetStaticStopRemove(FALSE) twice and has just called it once with TRUE. Now the user asks for Safely Remove Hardware. What does the framework answer to IRP_MN_QUERY_REMOVE_DEVICE?',
      choices: ['STATUS_SUCCESS', 'STATUS_INVALID_DEVICE_STATE'],
      answer: 'STATUS_INVALID_DEVICE_STATE',
      explanation: 'The driver must match every call with FALSE with a call with TRUE: the framework counts them, and one FALSE is still outstanding, so the query is still refused. The second TRUE lets the next Safely Remove through.',
      page: 'ddi/wdfdevice/nf-wdfdevice-wdfdevicesetstaticstopremove.md',
    },
    {
      id: 'function-driver-not-asked',
      onTask: 'another-driver-vetoes',
      after: { kind: 'callback', name: 'EvtDeviceQueryRemove', device: 'disk', layer: 'upper-filter' },
      next: { kind: 'irp', device: 'disk', layer: 'function' },
      field: 'name',
      prompt: 'The upper filter has failed EvtDeviceQueryRemove. Which IRP reaches SimDisk, just below it, next?',
      choices: ['IRP_MN_QUERY_REMOVE_DEVICE', 'IRP_MN_REMOVE_DEVICE', 'IRP_MN_CANCEL_REMOVE_DEVICE'],
      answer: 'IRP_MN_CANCEL_REMOVE_DEVICE',
      explanation: 'If any driver\'s EvtDeviceQueryRemove returns an error, the device is not removed: the filter completes the query with its error instead of passing it down, so SimDisk is never asked. It only hears the cancel that follows, which goes to the whole stack.',
      page: 'wdf/handling-requests-to-stop-a-device.md',
    },
  ],
};
