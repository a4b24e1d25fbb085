import type { Lesson } from './types';

export const wiaDisconnect: Lesson = {
  id: 'wia-disconnect',
  title: 'The scanner is disconnected: WIA_EVENT_DEVICE_DISCONNECTED',
  source: ['image/how-the-wia-minidriver-receives-a-disconnect-event-from-the-wia-servic.md'],
  intro: [
    'A WIA minidriver lives in the WIA service, in user mode, on top of the scanner\'s kernel driver stack. When the USB cable is pulled, the kernel side runs an ordinary surprise removal. The WIA service holds a handle on the scanner and is registered for notifications on it, so it hears that the device is gone and calls the minidriver\'s drvNotifyPnpEvent with WIA_EVENT_DEVICE_DISCONNECTED.',
    'From that moment the minidriver must not touch the hardware: not during the event, not after it. The service is about to unload it, and the next time the driver may talk to the scanner is after the service loads it again. The usual way is a flag, set in drvNotifyPnpEvent and checked by every method before it goes near the device. Applications that registered for the event hear about it too.',
    'The service then releases the driver and closes its handle. Only then can the kernel send IRP_MN_REMOVE_DEVICE, because that IRP waits for the last handle.',
    'The event is not always sent. When Windows shuts down, the service unloads its drivers without it, so a driver must treat its unload as "the hardware may be going away" as well.',
  ],
  scenario: {
    title: 'A flatbed scanner, plugged in, with Paint connected',
    seed: 1,
    devices: [{ id: 'scanner', model: 'usb-scanner' }],
    steps: [
      { action: 'plug', device: 'scanner' },
      { action: 'connectApp', device: 'scanner', app: 'paint' },
    ],
  },
  tasks: [
    {
      id: 'pull-idle',
      prompt: 'Pull the scanner\'s USB cable while it is idle, and follow the disconnect from the kernel up to the application.',
      hints: [
        'Use unplug on "scanner".',
        'The kernel\'s IRP_MN_SURPRISE_REMOVAL comes first; then look for the notification the WIA service gets.',
      ],
      solution: { steps: [{ action: 'unplug', device: 'scanner' }] },
      goal: {
        kind: 'sequence',
        matches: [
          { kind: 'irp', name: 'IRP_MN_SURPRISE_REMOVAL', device: 'scanner', layer: 'function' },
          { kind: 'notify', name: 'CM_NOTIFY_ACTION_DEVICEREMOVEPENDING', client: 'stisvc:scanner' },
          { kind: 'wia', name: 'drvNotifyPnpEvent', component: 'minidriver', args: { pEventGUID: 'WIA_EVENT_DEVICE_DISCONNECTED' } },
          { kind: 'wia', name: 'IWiaEventCallback::ImageEventCallback', client: 'paint', args: { Event: 'WIA_EVENT_DEVICE_DISCONNECTED' } },
          { kind: 'wia', name: 'IUnknown::Release', component: 'minidriver' },
          { kind: 'call', name: 'CloseHandle', client: 'stisvc:scanner' },
          { kind: 'irp', name: 'IRP_MN_REMOVE_DEVICE', device: 'scanner', layer: 'function' },
        ],
      },
      goalText: 'IRP_MN_SURPRISE_REMOVAL; the service hears remove-pending and calls drvNotifyPnpEvent(WIA_EVENT_DEVICE_DISCONNECTED); Paint is told; the service releases the driver and closes its handle; then IRP_MN_REMOVE_DEVICE.',
    },
    {
      id: 'pull-mid-scan',
      prompt: 'Start a scan and pull the cable in the middle of it. The application must get an error, and the driver must still receive the disconnect event.',
      hints: [
        'Add a scan step, then an unplug step with "after" (for example 420 virtual ms).',
        'Look at what the read in flight returns, and what drvAcquireItemData returns.',
      ],
      solution: {
        steps: [
          { action: 'scan', device: 'scanner' },
          { action: 'unplug', device: 'scanner', after: 420 },
        ],
      },
      alternatives: [{ steps: [{ action: 'scan', device: 'scanner' }, { action: 'unplug', device: 'scanner', after: 900 }] }],
      goal: {
        kind: 'all',
        goals: [
          { kind: 'event', match: { kind: 'hw', name: ['ReadFile', 'GetOverlappedResult'], result: 'ERROR_DEVICE_NOT_CONNECTED' } },
          { kind: 'event', match: { kind: 'wia', name: 'drvAcquireItemData', result: 'WIA_ERROR_OFFLINE' } },
          { kind: 'event', match: { kind: 'wia', name: 'IWiaDataTransfer::idtGetBandedData', client: 'paint', result: 'WIA_ERROR_OFFLINE' } },
          { kind: 'event', match: { kind: 'wia', name: 'drvNotifyPnpEvent', args: { pEventGUID: 'WIA_EVENT_DEVICE_DISCONNECTED' } } },
        ],
      },
      goalText: 'A read from the scanner fails with ERROR_DEVICE_NOT_CONNECTED, drvAcquireItemData and Paint\'s idtGetBandedData return WIA_ERROR_OFFLINE, and the driver still gets drvNotifyPnpEvent(WIA_EVENT_DEVICE_DISCONNECTED).',
    },
    {
      id: 'shutdown',
      prompt: 'Shut the machine down with the scanner plugged in. Show that the driver is unloaded without WIA_EVENT_DEVICE_DISCONNECTED.',
      hints: [
        'Use the shutdown action (it must be the last step).',
      ],
      solution: { steps: [{ action: 'shutdown' }] },
      goal: {
        kind: 'all',
        goals: [
          { kind: 'sequence', matches: [{ kind: 'user', name: 'shutdown' }, { kind: 'wia', name: 'drvUnInitializeWia' }, { kind: 'wia', name: 'IUnknown::Release', component: 'minidriver' }] },
          { kind: 'absent', match: { kind: 'wia', name: 'drvNotifyPnpEvent' } },
        ],
      },
      goalText: 'After shutdown the service calls drvUnInitializeWia and releases the driver, and drvNotifyPnpEvent is never called.',
    },
    {
      id: 'careless-driver',
      prompt: 'Use a careless minidriver, one that ignores its disconnected flag, and pull the cable. Make the lab flag its mistake.',
      hints: [
        'Set the scanner\'s wia.careless to true.',
        'Then unplug it and look for a warn event from the minidriver.',
      ],
      solution: {
        settings: { devices: { scanner: { wia: { careless: true } } } },
        steps: [{ action: 'unplug', device: 'scanner' }],
      },
      goal: {
        kind: 'sequence',
        matches: [
          { kind: 'wia', name: 'drvNotifyPnpEvent', args: { pEventGUID: 'WIA_EVENT_DEVICE_DISCONNECTED' } },
          { kind: 'hw', component: 'minidriver', result: 'ERROR_DEVICE_NOT_CONNECTED' },
          { kind: 'warn', component: 'minidriver' },
        ],
      },
      goalText: 'After drvNotifyPnpEvent(WIA_EVENT_DEVICE_DISCONNECTED) the minidriver still touches the scanner, the access fails, and a warn event names the rule it broke.',
    },
  ],
  questions: [
    {
      id: 'service-tells-driver',
      onTask: 'pull-idle',
      after: { kind: 'notify', name: 'CM_NOTIFY_ACTION_DEVICEREMOVEPENDING', client: 'stisvc:scanner' },
      next: { kind: 'wia' },
      field: 'name',
      prompt: 'The WIA service has just heard CM_NOTIFY_ACTION_DEVICEREMOVEPENDING for the scanner. Which minidriver method does it call next?',
      choices: ['drvUnInitializeWia', 'drvNotifyPnpEvent', 'IUnknown::Release', 'drvAcquireItemData'],
      answer: 'drvNotifyPnpEvent',
      explanation: 'Before anything else the service tells the driver the device is gone: drvNotifyPnpEvent(WIA_EVENT_DEVICE_DISCONNECTED). The driver sets its flag; unloading comes after.',
    },
    {
      id: 'remove-waits-for-handle',
      onTask: 'pull-idle',
      after: { kind: 'wia', name: 'drvNotifyPnpEvent' },
      next: { kind: 'irp', device: 'scanner' },
      field: 'name',
      prompt: 'The driver has received WIA_EVENT_DEVICE_DISCONNECTED. Which IRP does the scanner\'s kernel stack get next?',
      choices: ['IRP_MN_SURPRISE_REMOVAL', 'IRP_MN_QUERY_REMOVE_DEVICE', 'IRP_MN_REMOVE_DEVICE'],
      answer: 'IRP_MN_REMOVE_DEVICE',
      explanation: 'IRP_MN_SURPRISE_REMOVAL came before: it is what made the service hear remove-pending. IRP_MN_REMOVE_DEVICE follows once the service has unloaded the driver and closed its handle on the scanner.',
    },
    {
      id: 'shutdown-no-event',
      onTask: 'shutdown',
      after: { kind: 'user', name: 'shutdown' },
      next: { kind: 'wia', component: 'minidriver' },
      field: 'name',
      prompt: 'Windows is shutting down and the WIA service unloads its drivers. Which minidriver method does it call first?',
      choices: ['drvNotifyPnpEvent', 'drvUnInitializeWia', 'drvAcquireItemData'],
      answer: 'drvUnInitializeWia',
      explanation: 'At shutdown there is no WIA_EVENT_DEVICE_DISCONNECTED: the service just disconnects its clients (drvUnInitializeWia) and releases the driver.',
    },
  ],
};
