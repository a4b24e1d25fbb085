import type { Lesson } from './types';

export const wiaServiceAndMinidriver: Lesson = {
  id: 'wia-service-and-minidriver',
  title: 'The WIA service and its minidriver: loading, connecting, reloading',
  source: [
    'image/wia-architecture-overview.md',
    'image/loading-and-unloading-a-wia-minidriver.md',
    'image/how-the-application-creates-the-wia-device.md',
    'image/how-the-application-releases-the-wia-device.md',
    'image/how-the-wia-minidriver-receives-a-disconnect-event-from-the-wia-servic.md',
  ],
  primer: ['wia-split', 'device-stack', 'interfaces', 'notifications'],
  intro: [
    'A scanner is driven from user mode. The application never calls the scanner\'s driver: it talks to the WIA service through the WIA API, and only the service calls the vendor\'s minidriver, a COM object that the service loads into its own process. The minidriver reaches the scanner through the kernel-mode driver stack of the earlier lessons, with CreateFile, ReadFile, WriteFile and DeviceIoControl.',
    'Loading: when the service loads the minidriver it calls IStiUSD::Initialize, and that is where the minidriver opens the device itself: it asks for the port name and calls CreateFile, with FILE_FLAG_OVERLAPPED so that CancelIo can stop an access later. Then the service asks for IStiUSD::GetCapabilities.',
    'Connecting: an application calls IWiaDevMgr::CreateDevice; the service locks the driver (IStiUSD::LockDevice), calls drvInitializeWia to build the item tree, and unlocks it. drvInitializeWia runs once for every application that connects, and every release gets its own drvUnInitializeWia, which does not unload the driver.',
    'When the scanner is unplugged, the service calls drvNotifyPnpEvent with WIA_EVENT_DEVICE_DISCONNECTED and unloads the minidriver; the next access to the device is allowed only once the service loads the minidriver again, after the scanner is back.',
    'The lab\'s choices: the service learns about the scanner through ordinary PnP notifications (its clients stisvc, for image interfaces, and stisvc:<scanner>, registered on the minidriver\'s handle); the trace shows the minidriver\'s CreateFile as a hardware access and the final CloseHandle as the service\'s, after it releases the driver (no page says who closes it); IStiUSD::GetStatus after loading, and WIA_EVENT_DEVICE_CONNECTED to the applications when the driver is loaded again, are the lab\'s model.',
  ],
  scenario: {
    title: 'A flatbed scanner, not plugged in yet',
    seed: 1,
    devices: [{ id: 'scanner', model: 'usb-scanner' }],
    steps: [],
  },
  tasks: [
    {
      id: 'load-minidriver',
      prompt: 'Plug the scanner in and follow the WIA service as it loads the minidriver.',
      hints: [
        'Use plug on "scanner". The kernel stack starts first, as for any device.',
        'Then look for the service\'s client stisvc and the IStiUSD calls.',
      ],
      solution: { steps: [{ action: 'plug', device: 'scanner' }] },
      goal: {
        kind: 'sequence',
        matches: [
          { kind: 'state', name: 'Started', device: 'scanner' },
          { kind: 'notify', name: 'CM_NOTIFY_ACTION_DEVICEINTERFACEARRIVAL', client: 'stisvc', args: { InterfaceClassGuid: 'GUID_DEVINTERFACE_IMAGE' } },
          { kind: 'wia', name: 'IStiUSD::Initialize', component: 'minidriver' },
          { kind: 'hw', name: 'CreateFile', component: 'minidriver' },
          { kind: 'wia', name: 'IStiUSD::GetCapabilities', component: 'minidriver' },
        ],
      },
      goalText: 'The scanner starts, the service hears its image interface arrive, and the minidriver gets IStiUSD::Initialize, opens the device with CreateFile and answers IStiUSD::GetCapabilities.',
    },
    {
      id: 'connect-app',
      prompt: 'Plug the scanner in and connect Paint to it (application "paint").',
      hints: [
        'plug "scanner", then connectApp on "scanner" with app "paint".',
        'Look at the three calls the service makes into the driver for Paint.',
      ],
      solution: { steps: [{ action: 'plug', device: 'scanner' }, { action: 'connectApp', device: 'scanner', app: 'paint' }] },
      goal: {
        kind: 'sequence',
        matches: [
          { kind: 'wia', name: 'IWiaDevMgr::CreateDevice', client: 'paint' },
          { kind: 'wia', name: 'IStiUSD::LockDevice', client: 'paint' },
          { kind: 'wia', name: 'drvInitializeWia', client: 'paint' },
          { kind: 'wia', name: 'IStiUSD::UnLockDevice', client: 'paint' },
        ],
      },
      goalText: 'Paint calls IWiaDevMgr::CreateDevice; the service locks the driver, calls drvInitializeWia and unlocks it.',
    },
    {
      id: 'two-apps',
      prompt: 'Connect two applications ("paint" and "scanapp") to the scanner, then let Paint release it. The minidriver must stay loaded.',
      hints: [
        'plug, connectApp paint, connectApp scanapp, then releaseApp paint.',
        'Count the drvInitializeWia calls, and look for drvUnInitializeWia.',
      ],
      solution: {
        steps: [
          { action: 'plug', device: 'scanner' },
          { action: 'connectApp', device: 'scanner', app: 'paint' },
          { action: 'connectApp', device: 'scanner', app: 'scanapp' },
          { action: 'releaseApp', device: 'scanner', app: 'paint' },
        ],
      },
      goal: {
        kind: 'all',
        goals: [
          { kind: 'count', match: { kind: 'wia', name: 'drvInitializeWia' }, min: 2 },
          { kind: 'event', match: { kind: 'wia', name: 'drvUnInitializeWia', client: 'paint' } },
          { kind: 'absent', match: { kind: 'wia', name: 'IUnknown::Release', component: 'minidriver' } },
        ],
      },
      goalText: 'drvInitializeWia runs once per application, Paint\'s release gets drvUnInitializeWia, and the service does not release (unload) the minidriver.',
    },
    {
      id: 'reconnect',
      prompt: 'With Paint connected, pull the scanner\'s cable, then plug it back in. Show that the minidriver is unloaded and loaded again before it touches the scanner.',
      hints: [
        'plug, connectApp paint, unplug, plug.',
        'After WIA_EVENT_DEVICE_DISCONNECTED, find IUnknown::Release, then a new IStiUSD::Initialize and CreateFile.',
      ],
      solution: {
        steps: [
          { action: 'plug', device: 'scanner' },
          { action: 'connectApp', device: 'scanner', app: 'paint' },
          { action: 'unplug', device: 'scanner' },
          { action: 'plug', device: 'scanner' },
        ],
      },
      goal: {
        kind: 'sequence',
        matches: [
          { kind: 'wia', name: 'drvNotifyPnpEvent', args: { pEventGUID: 'WIA_EVENT_DEVICE_DISCONNECTED' } },
          { kind: 'wia', name: 'IUnknown::Release', component: 'minidriver' },
          { kind: 'user', name: 'plug' },
          { kind: 'wia', name: 'IStiUSD::Initialize', component: 'minidriver' },
          { kind: 'hw', name: 'CreateFile', component: 'minidriver' },
          { kind: 'wia', name: 'IWiaEventCallback::ImageEventCallback', client: 'paint', args: { Event: 'WIA_EVENT_DEVICE_CONNECTED' } },
        ],
      },
      goalText: 'After drvNotifyPnpEvent(WIA_EVENT_DEVICE_DISCONNECTED) the service releases the minidriver; when the scanner is plugged in again a new minidriver gets IStiUSD::Initialize and opens the device, and Paint hears WIA_EVENT_DEVICE_CONNECTED.',
    },
  ],
  questions: [
    {
      id: 'first-driver-call',
      onTask: 'load-minidriver',
      after: { kind: 'notify', name: 'CM_NOTIFY_ACTION_DEVICEINTERFACEARRIVAL', client: 'stisvc' },
      next: { kind: 'wia', component: 'minidriver' },
      field: 'name',
      prompt: 'The WIA service has heard that a scanner\'s image interface arrived. Which minidriver method does it call first?',
      choices: ['drvInitializeWia', 'IStiUSD::Initialize', 'IStiUSD::GetCapabilities', 'drvAcquireItemData'],
      answer: 'IStiUSD::Initialize',
      explanation: 'When the service loads a minidriver it first calls IStiUSD::Initialize, which checks the open mode, gets the port name and opens the device; IStiUSD::GetCapabilities follows a successful Initialize. drvInitializeWia waits for an application to connect.',
      page: 'image/loading-and-unloading-a-wia-minidriver.md',
    },
    {
      id: 'who-opens-the-device',
      onTask: 'load-minidriver',
      after: { kind: 'wia', name: 'IStiUSD::Initialize' },
      next: { name: 'CreateFile', device: 'scanner' },
      field: 'component',
      prompt: 'Inside IStiUSD::Initialize, who calls CreateFile on the scanner?',
      choices: ['application', 'service', 'minidriver'],
      answer: 'minidriver',
      explanation: 'The minidriver obtains the port name with IStiDeviceControl::GetMyDevicePortName and opens the port itself with CreateFile, preferably overlapped so that CancelIo can stop hardware access. Applications never touch the device.',
      page: 'image/loading-and-unloading-a-wia-minidriver.md',
    },
    {
      id: 'second-app',
      onTask: 'two-apps',
      after: { kind: 'user', name: 'connectApp' },
      occurrence: 2,
      next: { kind: 'wia', name: ['IStiUSD::Initialize', 'drvInitializeWia'] },
      field: 'name',
      prompt: 'A second application connects to the scanner, whose minidriver is already loaded and initialized for Paint. Which of these does the service call for it?',
      choices: ['IStiUSD::Initialize', 'drvInitializeWia'],
      answer: 'drvInitializeWia',
      explanation: 'IStiUSD::Initialize runs when the driver is loaded. drvInitializeWia answers IWiaDevMgr::CreateDevice, so the service calls it for each new client connection; the driver counts its connected applications.',
      page: 'image/how-the-application-creates-the-wia-device.md',
    },
  ],
};
