/**
 * The primer: one short screen per word the lessons and the timeline use, with the page to read next.
 * Written for a student from the pages named in `next` (and in `basis` where the entry rests on more
 * than one); where the lab decides something the pages leave open, `lab` says so. Loaded with the
 * primer dialog only (its own chunk): see src/primer/terms.ts for the index the rest of the lab uses.
 */
import type { PrimerId } from './terms';

export interface PrimerEntry {
  id: PrimerId;
  title: string;
  /** two or three short paragraphs */
  body: readonly string[];
  /** what the lab chose where the pages are silent, or how it shows the idea */
  lab?: string;
  /** the page to read next: a path in MicrosoftDocs/windows-driver-docs (or `ddi/…`), or a full https address */
  next: { path: string; title: string };
  /** other pages the entry's sentences rest on */
  basis?: readonly string[];
}

export const PRIMER: readonly PrimerEntry[] = [
  {
    id: 'irp',
    title: 'IRP: the I/O request packet',
    body: [
      'Most requests to a driver travel as an IRP, a structure that holds all a driver needs to handle the request. A component sends it to a device object with IoCallDriver. A device stack usually gets an IRP at its top device object; each driver does its part and passes it down, and some IRPs are completed before they reach the bottom.',
      'The PnP manager sends PnP IRPs (IRP_MJ_PNP with a minor code such as IRP_MN_START_DEVICE). For IRP_MN_QUERY_REMOVE_DEVICE, IRP_MN_REMOVE_DEVICE and IRP_MN_SURPRISE_REMOVAL the top driver acts first, on the way down. For IRP_MN_START_DEVICE and the two cancel IRPs each driver passes the IRP down and works once the drivers below have finished: the bus driver works first, the top driver last.',
    ],
    lab: 'One irp event per driver, in the order the drivers do their work (docs/trace-format.md); the IRP\'s way down is not drawn yet.',
    next: { path: 'gettingstarted/i-o-request-packets.md', title: 'I/O request packets' },
    basis: ['kernel/starting-a-device.md', 'kernel/irp-mn-cancel-remove-device.md', 'kernel/handling-an-irp-mn-surprise-removal-request.md'],
  },
  {
    id: 'device-stack',
    title: 'Device node and device stack',
    body: [
      'Windows keeps its devices in the PnP device tree. Each node of the tree, a device node or devnode, has a device stack: an ordered list of device objects, each one belonging to a driver. The first device object created is at the bottom; each later one is attached on top.',
      'A bus is a node with children: a USB hub\'s devnode has one child devnode per device plugged into it. When a request goes to a device, the drivers of its stack handle it one after the other.',
    ],
    lab: 'The flowchart draws one lane per driver of the stack, bus driver at the bottom, and Device Manager shows the tree.',
    next: { path: 'gettingstarted/device-nodes-and-device-stacks.md', title: 'Device nodes and device stacks' },
  },
  {
    id: 'pdo-fdo-filter',
    title: 'PDO, FDO, filter DOs and the bus driver',
    body: [
      'A bus driver enumerates the devices on its bus and creates a physical device object (PDO) for each; the PDO is always the bottom of the device\'s stack. The function driver, exactly one per stack, creates the functional device object (FDO) in its AddDevice routine (EvtDriverDeviceAdd in KMDF) and handles reads, writes and device control. Filter drivers create filter device objects, above the FDO (upper) or below it (lower). The INF files say which driver is which.',
      'One driver often plays two parts: a hub\'s driver is the function driver of the hub and the bus driver of every device plugged into it.',
    ],
    lab: 'The trace\'s layer field says which: bus (the PDO), lower-filter, function (the FDO), upper-filter. The filters and function drivers are the lab\'s simulated drivers (SimLowerFilter1, SimDisk…).',
    next: { path: 'gettingstarted/device-nodes-and-device-stacks.md', title: 'Device nodes and device stacks' },
    basis: ['kernel/adding-a-pnp-device-to-a-running-system.md'],
  },
  {
    id: 'frameworks',
    title: 'WDM, KMDF, UMDF 1 and UMDF 2',
    body: [
      'In the Windows Driver Model (WDM) a driver handles the PnP and power IRPs itself, in its dispatch routines. The Windows Driver Frameworks (WDF) do that work for the driver: the framework handles the IRPs and calls the driver\'s event callbacks at the right moments. KMDF drivers run in kernel mode and register callbacks such as EvtDevicePrepareHardware.',
      'UMDF drivers run in user mode, in a driver host process. UMDF 1 drivers are C++ COM objects (IPnpCallback::OnQueryRemove…). UMDF 2 supersedes UMDF 1: new UMDF drivers should use UMDF 2, which shares KMDF\'s names and C interface; UMDF 1 gets no new features and has limited support on newer versions of Windows 10.',
    ],
    lab: 'The lab runs UMDF 1 because its removal page is written for it. pci.sys is a WDM driver (IRPs, no callbacks); USBHUB3 and the simulated drivers are KMDF.',
    next: { path: 'wdf/getting-started-with-umdf-version-2.md', title: 'Getting started with UMDF' },
    basis: ['wdf/a-user-unplugs-a-device-umdf.md', 'gettingstarted/choosing-a-driver-model.md'],
  },
  {
    id: 'devnode-states',
    title: 'Devnode states',
    body: [
      'The PnP manager follows each device through a set of states: physically present but unknown to the software, enumerated by its bus driver, drivers found and loaded, device objects attached by AddDevice, started, stopped for a resource rebalance (after a query-stop), waiting to be removed (after a successful query-remove), surprise-removed, and gone.',
      'A driver never sees these states; it sees the IRPs that move a device from one to the next.',
    ],
    lab: 'The names in the timeline (PhysicallyPresent, Enumerated, EnumeratedAndDriversInitialized, FdoAndFilterDosAttached, Started, StopPending, Stopped, RemovePending, SurpriseRemoved, PhysicallyAbsent) are the lab\'s labels for the boxes of the state figure; Windows gives drivers no such names.',
    next: { path: 'kernel/state-transitions-for-pnp-devices.md', title: 'State transitions for PnP devices' },
  },
  {
    id: 'problem-codes',
    title: 'Problem codes (CM_PROB_*)',
    body: [
      'When a device is present but not working, Device Manager marks it with a yellow exclamation point and a problem code. The codes the lab uses: CM_PROB_FAILED_START (code 10: the start failed), CM_PROB_DISABLED (code 22: disabled in Device Manager), CM_PROB_FAILED_ADD (code 31: an AddDevice routine failed), CM_PROB_FAILED_POST_START (code 43: it reported a problem after it had started), CM_PROB_HELD_FOR_EJECT (code 47: removed safely, waiting to be unplugged).',
    ],
    lab: 'Which operation leaves which code is partly the lab\'s choice (docs/fidelity.md, choice 9); a devnode whose drivers are gone but whose device is still plugged in keeps its PDO and shows the code.',
    next: { path: 'install/device-manager-error-messages.md', title: 'Device Manager error messages' },
  },
  {
    id: 'power-states',
    title: 'Device power states: D0 to D3',
    body: [
      'D0 is the working state, fully on; D1, D2 and D3 are low-power states, and the higher the number, the less power. Many devices have only D0 and D3.',
      'A KMDF driver hears about its device entering and leaving D0 through EvtDeviceD0Entry (with the state it comes from) and EvtDeviceD0Exit (with the state it goes to). WdfPowerDeviceD3Final means the last time into D3: typically the device is being removed or the computer is turning off, and the device may already be gone.',
    ],
    lab: 'A device leaves D0 with WdfPowerDeviceD3Final on every removal, stop and shutdown, and with WdfPowerDeviceD3 when it idles.',
    next: { path: 'kernel/device-power-states.md', title: 'Device power states' },
    basis: ['ddi/wudfddi_types/ne-wudfddi_types-_wdf_power_device_state.md'],
  },
  {
    id: 'self-managed-io',
    title: 'Self-managed I/O',
    body: [
      'Most KMDF drivers take their work from the framework\'s I/O queues, which the framework starts and stops with the device. A driver whose work does not come from those queues can register the self-managed I/O callbacks and be told directly: EvtDeviceSelfManagedIoInit the first time the device enters D0, Suspend before it leaves D0, Restart when it is back, Flush to drop unserviced requests when it is removed, Cleanup to free what Init set up.',
    ],
    lab: 'Flush runs at IRP_MN_SURPRISE_REMOVAL and Cleanup waits for IRP_MN_REMOVE_DEVICE, as in the KMDF source (docs/fidelity.md, choice 3).',
    next: { path: 'wdf/using-self-managed-i-o.md', title: 'Using self-managed I/O' },
  },
  {
    id: 'veto-types',
    title: 'Vetoes (PNP_VETO_TYPE)',
    body: [
      'When the PnP manager refuses a request such as Safely Remove Hardware, it says why with a PNP_VETO_TYPE and a name. PNP_VetoDevice: the device rejected it (name: the device instance path). PNP_VetoDriver: a driver rejected it (a driver name). PNP_VetoOutstandingOpen: handles are open on the device. PNP_VetoWindowsApp: an application rejected it. PNP_VetoNonDisableable: the device cannot be disabled.',
    ],
    lab: 'A veto is a state event named after its type. The lab\'s choices: a driver that fails a query IRP is PNP_VetoDevice, for a rebalance too (a rebalance has no one to report to); a kernel notification client\'s veto is PNP_VetoDriver and a user-mode one PNP_VetoWindowsApp, named after the client.',
    next: { path: 'https://learn.microsoft.com/windows/win32/api/cfg/ne-cfg-pnp_veto_type', title: 'PNP_VETO_TYPE enumeration' },
  },
  {
    id: 'interfaces',
    title: 'Device interfaces',
    body: [
      'Applications and other drivers find a device through its device interfaces. Each interface belongs to an interface class, a GUID such as GUID_DEVINTERFACE_VOLUME, and has a symbolic link name that a client opens. A driver enables and disables its interfaces with IoSetDeviceInterfaceState; clients registered for the class hear GUID_DEVICE_INTERFACE_ARRIVAL and _REMOVAL.',
      'The PnP manager does not expose a device\'s interfaces, and blocks requests to open it, until its start IRP has succeeded.',
    ],
    next: { path: 'install/overview-of-device-interface-classes.md', title: 'Overview of device interface classes' },
    basis: ['kernel/starting-a-device.md'],
  },
  {
    id: 'notifications',
    title: 'PnP notifications',
    body: [
      'Drivers and applications can ask the PnP manager to tell them about devices they do not own. Three categories: device interface change (an interface of a class enabled or disabled), target device change (one device the client opened: query-remove, removal, cancelled removal, custom events) and hardware profile change (dock, undock).',
      'A kernel driver registers with IoRegisterPlugPlayNotification and its callback gets GUIDs (GUID_TARGET_DEVICE_QUERY_REMOVE…); an application registers with CM_Register_Notification and gets CM_NOTIFY_ACTION_… codes. A registration lasts until it is removed.',
    ],
    lab: 'Queries reach user-mode clients first, as the pages say. For events that report a decision (remove complete or cancelled, interface arrival) they give no order: the lab tells kernel clients first (docs/fidelity.md, choice 22).',
    next: { path: 'kernel/pnp-notification-overview.md', title: 'PnP notification overview' },
  },
  {
    id: 'dbt',
    title: 'WM_DEVICECHANGE and DBT_* codes',
    body: [
      'A Windows program with a window hears about device and configuration changes as the WM_DEVICECHANGE message, with a DBT_ code saying what happened: DBT_QUERYCHANGECONFIG (may the machine dock or undock?), DBT_CONFIGCHANGED, DBT_CONFIGCHANGECANCELED, DBT_DEVICEQUERYREMOVE, DBT_DEVICEREMOVEPENDING, DBT_DEVICEREMOVECOMPLETE, DBT_CUSTOMEVENT… To refuse a query the window returns BROADCAST_QUERY_DENY; to grant it, TRUE.',
    ],
    lab: 'A user-mode hardware-profile client is a top-level window (CreateWindowEx), which gets dock and undock without registering; device events reach applications as CM_NOTIFY_ACTION_ codes instead.',
    next: { path: 'https://learn.microsoft.com/windows/win32/devio/wm-devicechange', title: 'WM_DEVICECHANGE message' },
  },
  {
    id: 'reflector',
    title: 'The UMDF reflector and the driver host',
    body: [
      'A UMDF driver runs in a driver host process. The reflector (WUDFRd.sys) sits in the device\'s kernel-mode stack: it passes PnP, power and I/O requests up to the host and its user-mode drivers, and sends back down the kernel stack what they pass on.',
      'For a critical request (PnP, power, I/O cancellation) a timer starts: 60 seconds by default, extended while the driver makes progress. When it expires, the reflector terminates the host process and tries to restart the device; outstanding I/O completes with STATUS_DRIVER_PROCESS_TERMINATED, and GUID_WUDF_DEVICE_HOST_PROBLEM is reported as a custom event.',
    ],
    lab: 'The lab also completes the PnP IRP in flight with STATUS_DRIVER_PROCESS_TERMINATED, and does not restart the device afterwards (docs/fidelity.md, choice 29).',
    next: { path: 'wdf/how-umdf-enforces-time-outs.md', title: 'Host process timeouts in UMDF' },
    basis: ['wdf/detailed-view-of-the-umdf-architecture.md', 'wdf/how-umdf-handles-driver-failures.md'],
  },
  {
    id: 'wia-split',
    title: 'WIA: application, service and minidriver',
    body: [
      'A scanning application never calls the scanner\'s driver. It talks to the WIA service through the WIA API (IWiaDevMgr, IWiaDataTransfer…). The service runs in its own process and loads the vendor\'s minidriver, a user-mode COM object, into that process; it calls the driver through the WIA DDI (IStiUSD::…, IWiaMiniDrv::drv…).',
      'The minidriver reaches the hardware through the kernel-mode driver stack with CreateFile, ReadFile, WriteFile and DeviceIoControl. It opens the device itself, in IStiUSD::Initialize, with FILE_FLAG_OVERLAPPED so that CancelIo can stop a pending read.',
    ],
    lab: 'The lab\'s choices: the service hears of the scanner through PnP notifications (clients stisvc and stisvc:<scanner>) and sends WIA_EVENT_DEVICE_DISCONNECTED on CM_NOTIFY_ACTION_DEVICEREMOVEPENDING; the scanner\'s commands and status (START_SCAN, CANCEL_SCAN, CANCEL_BUTTON) are invented.',
    next: { path: 'image/wia-architecture-overview.md', title: 'WIA architecture overview' },
    basis: ['image/loading-and-unloading-a-wia-minidriver.md'],
  },
  {
    id: 'tymed',
    title: 'TYMED: how the data travels',
    body: [
      'TYMED is the type of a WIA data transfer, taken from the item property WIA_IPA_TYMED. In a memory transfer (TYMED_CALLBACK) the data reaches the application in bands, through its IWiaDataCallback::BandedDataCallback; in a file transfer (TYMED_FILE) it ends up in a file. Both have multipage forms for document feeders.',
      'These are the transfers of Windows Me and Windows XP. From Windows Vista on, applications can also use stream transfers (IWiaTransfer).',
    ],
    lab: 'A scan step is a memory transfer (idtGetBandedData) unless it asks for a file (idtGetData).',
    next: { path: 'image/understanding-tymed.md', title: 'Understanding TYMED' },
    basis: ['image/transferring-data-to-a-wia-application.md'],
  },
  {
    id: 'it-msg',
    title: 'IT_MSG_* messages of a transfer',
    body: [
      'During a transfer the minidriver calls the service\'s MiniDrvCallback, with a message saying why: IT_MSG_DATA_HEADER before any data, IT_MSG_DATA for a block of data, IT_MSG_STATUS for status only, IT_MSG_NEW_PAGE when a page is done and another follows, IT_MSG_TERMINATION when the transfer is complete. In a memory transfer the application\'s BandedDataCallback gets the same messages.',
      'MiniDrvCallback returns S_OK to go on, S_FALSE if the application cancelled, or an error code.',
    ],
    lab: 'Which component sends IT_MSG_DATA_HEADER and IT_MSG_TERMINATION is the lab\'s choice: the service (docs/fidelity.md, choice 35).',
    next: { path: 'ddi/wiamindr_lh/nf-wiamindr_lh-iwiaminidrvcallback-minidrvcallback.md', title: 'IWiaMiniDrvCallBack::MiniDrvCallback' },
  },
];

export function primerEntry(id: string): PrimerEntry | undefined {
  return PRIMER.find((e) => e.id === id);
}

/** The address of a page named in an entry. */
export function primerPageUrl(path: string): string {
  if (path.startsWith('https://')) return path;
  return `https://learn.microsoft.com/windows-hardware/drivers/${path.replace(/\.md$/, '')}`;
}
