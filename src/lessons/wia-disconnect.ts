import type { Lesson } from './types';

export const wiaDisconnect: Lesson = {
  id: 'wia-disconnect',
  title: 'The scanner is disconnected: WIA_EVENT_DEVICE_DISCONNECTED',
  source: [
    'image/how-the-wia-minidriver-receives-a-disconnect-event-from-the-wia-servic.md',
    'image/loading-and-unloading-a-wia-minidriver.md',
    'kernel/handling-an-irp-mn-surprise-removal-request.md',
    'image/how-the-application-releases-the-wia-device.md',
  ],
  primer: ['wia-split', 'notifications', 'irp', 'devnode-states'],
  intro: [
    'A WIA minidriver lives in the WIA service\'s process, in user mode, and reaches the scanner through the kernel stack with the handle it opened in IStiUSD::Initialize. When the USB cable is pulled, the kernel side runs an ordinary surprise removal, and the WIA service calls the minidriver\'s drvNotifyPnpEvent with WIA_EVENT_DEVICE_DISCONNECTED.',
    'From then on the minidriver must not communicate with the hardware, neither during the event nor after it. The event means the service is about to unload the minidriver; the next device access is allowed only when the service loads it again. The page recommends a flag, set in drvNotifyPnpEvent, that keeps every IWiaMiniDrv method away from the hardware until the device is reconnected.',
    'The event is not always sent: when the computer shuts down and the service unloads its drivers, no WIA_EVENT_DEVICE_DISCONNECTED comes. When it does come, the page asks the driver to treat it as a device hardware disabling action.',
    'Once the service has unloaded the minidriver and the device\'s handle is closed, nothing holds the scanner open any more, and IRP_MN_REMOVE_DEVICE, which waits for the last handle, can follow.',
    'The lab\'s choices: the service hears the removal as a PnP notification client registered on the minidriver\'s handle (stisvc:scanner) and takes CM_NOTIFY_ACTION_DEVICEREMOVEPENDING as its cue; the final CloseHandle is shown as the service\'s; applications such as Paint registered for the event when they connected; a transfer cut by the cable ends with WIA_ERROR_OFFLINE (no page names the error); and a careless minidriver\'s hardware accesses after the event come with warn events.',
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
        'The kernel\'s IRP_MN_SURPRISE_REMOVAL comes first; then look for the notification the WIA service\'s client stisvc:scanner gets.',
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
      goalText: 'IRP_MN_SURPRISE_REMOVAL; the service hears remove-pending (the lab\'s cue) and calls drvNotifyPnpEvent(WIA_EVENT_DEVICE_DISCONNECTED); Paint is told; the service releases the driver and the handle is closed; then IRP_MN_REMOVE_DEVICE.',
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
      goalText: 'A read from the scanner fails with ERROR_DEVICE_NOT_CONNECTED, drvAcquireItemData and Paint\'s idtGetBandedData return WIA_ERROR_OFFLINE (the lab\'s choice of error), and the driver still gets drvNotifyPnpEvent(WIA_EVENT_DEVICE_DISCONNECTED).',
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
      prompt: 'The WIA service has just heard CM_NOTIFY_ACTION_DEVICEREMOVEPENDING for the scanner (in the lab, its cue that the scanner is gone). Which minidriver method does it call next?',
      choices: ['drvUnInitializeWia', 'drvNotifyPnpEvent', 'IUnknown::Release', 'drvAcquireItemData'],
      answer: 'drvNotifyPnpEvent',
      explanation: 'The event comes first and tells the driver that the service will unload it: the driver sets its flag, and only then is it released. (That the remove-pending notification is the service\'s cue is the lab\'s model; the page says only that the service calls drvNotifyPnpEvent when the device is surprise-disconnected.)',
      page: 'image/how-the-wia-minidriver-receives-a-disconnect-event-from-the-wia-servic.md',
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
      explanation: 'IRP_MN_SURPRISE_REMOVAL came before the service heard anything. IRP_MN_REMOVE_DEVICE is sent once the surprise removal has succeeded and every handle to the device is closed, here once the minidriver is unloaded and its handle closed.',
      page: 'kernel/handling-an-irp-mn-surprise-removal-request.md',
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
      explanation: 'When the computer shuts down and the service unloads its drivers, it does not send WIA_EVENT_DEVICE_DISCONNECTED. In the lab it disconnects each application (drvUnInitializeWia, one call per client) and then releases the driver.',
      page: 'image/how-the-wia-minidriver-receives-a-disconnect-event-from-the-wia-servic.md',
    },
  ],
};
