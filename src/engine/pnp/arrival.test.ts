/**
 * A user plugs in a device. Sources: kernel/adding-a-pnp-device-to-a-running-system.md,
 * wdf/a-user-plugs-in-a-device.md, wdf/wdm-irps-and-kmdf-event-callback-functions.md.
 */
import { describe, expect, it } from 'vitest';
import { indexOf, lab, labWithSeed } from '../../testing/harness';
import { INFORMATION_IRPS } from './irps';

describe('arrival', () => {
  it('the bus driver reports the child, then the PnP manager queries bus relations and the PDO is created', () => {
    const h = lab({ id: 'cam', model: 'usb-webcam' }).plug('cam');
    const names = h.last.map((e) => `${e.kind}:${e.name}`);
    expect(names.slice(0, 7)).toEqual([
      'user:plug',
      'state:PhysicallyPresent',
      'call:WdfChildListAddOrUpdateChildDescriptionAsPresent',
      'call:IoInvalidateDeviceRelations',
      'irp:IRP_MN_QUERY_DEVICE_RELATIONS',
      'callback:EvtChildListCreateDevice',
      'state:Enumerated',
    ]);
    expect(h.last[4]).toMatchObject({ device: 'usb-root-hub', args: { Type: 'BusRelations' } });
    expect(h.last[5]).toMatchObject({ device: 'cam', layer: 'bus', driver: 'USBHUB3' });
  });

  it('IRP_MN_QUERY_DEVICE_RELATIONS to a built-in bus carries end, like every IRP event (docs/trace-format.md; kernel/irp-mn-query-device-relations.md: the bus driver completes it)', () => {
    for (const [id, model] of [['cam', 'usb-webcam'], ['nic', 'pci-nic']] as const) {
      const h = lab({ id, model }).plug(id).unplug(id);
      const relations = h.events.filter((e) => e.kind === 'irp' && e.name === 'IRP_MN_QUERY_DEVICE_RELATIONS' && (e.device === 'usb-root-hub' || e.device === 'pci-bus'));
      expect(relations).toHaveLength(2); // arrival, and the surprise removal's re-enumeration
      for (const e of relations) expect(e).toMatchObject({ result: 'STATUS_SUCCESS', end: e.seq, layer: 'function' });
    }
  });

  // KMDF source (microsoft/Windows-Driver-Frameworks, src/framework/kmdf/src/core/fxchildlist.cpp): FxChildList::Add and
  // ::UpdateAsMissing end in ProcessModificationsLocked, which calls IoInvalidateDeviceRelations(pdo, BusRelations) itself when
  // no scan is running. A KMDF bus driver never makes the call; a WDM one (pci.sys) does (kernel/adding-a-pnp-device-to-a-running-system.md).
  it('IoInvalidateDeviceRelations is made by the framework inside the WdfChildList call for a KMDF bus driver, by pci.sys itself for a WDM one', () => {
    const usb = lab({ id: 'disk', model: 'usb-disk' }).plug('disk');
    expect(usb.select({ kind: 'call' }).find((e) => e.name === 'IoInvalidateDeviceRelations')).toMatchObject({ driver: 'USBHUB3', args: { Type: 'BusRelations', Caller: 'WdfChildListAddOrUpdateChildDescriptionAsPresent' }, at: 'pnp.arrival/FrameworkInvalidatesRelations' });
    usb.unplug('disk');
    expect(usb.select({ kind: 'call' }).find((e) => e.name === 'IoInvalidateDeviceRelations')).toMatchObject({ args: { Type: 'BusRelations', Caller: 'WdfChildListUpdateChildDescriptionAsMissing' }, at: 'pnp.surpriseRemoval/FrameworkInvalidatesRelations' });
    const pci = lab({ id: 'nic', model: 'pci-nic' }).plug('nic');
    const call = pci.select({ kind: 'call' }).find((e) => e.name === 'IoInvalidateDeviceRelations')!;
    expect(call).toMatchObject({ driver: 'pci', args: { Type: 'BusRelations' }, at: 'pnp.arrival/InvalidateBusRelations' });
    expect(call.args).not.toHaveProperty('Caller');
  });

  // install/standard-usb-identifiers.md: the USB hub driver composes USB\VID_v(4)&PID_d(4) from the device descriptor;
  // USBSTOR\… IDs are USBSTOR.SYS's (install/identifiers-generated-by-usbstor-sys.md) and …&MI_z(2) IDs the generic
  // parent driver's, for the devices they enumerate in turn. The hub reports the device's own ID.
  it('the USB hub driver reports USB\\VID_…&PID_… for every USB device it enumerates, never a USBSTOR or interface (&MI_) ID', () => {
    for (const model of ['usb-disk', 'usb-webcam', 'usb-scanner', 'usb-hub'] as const) {
      const h = lab({ id: 'x', model }).plug('x');
      const id = h.select({ kind: 'callback', device: 'x', layer: 'bus' }).find((e) => e.name === 'EvtChildListCreateDevice')!.args!.IdentificationDescription as string;
      expect(id, model).toMatch(/^USB\\VID_[0-9A-F]{4}&PID_[0-9A-F]{4}$/);
    }
  });

  it('sends every information IRP to the PDO alone, before any driver loads, in an order the seed picks', () => {
    const order = (seed: number) => {
      const h = labWithSeed(seed, { id: 'cam', model: 'usb-webcam' }).plug('cam');
      const firstDriverEntry = indexOf(h.last, (e) => e.name === 'DriverEntry');
      const info = h.last.slice(0, firstDriverEntry).filter((e) => e.kind === 'irp' && e.device === 'cam');
      for (const e of info) expect(e.layer).toBe('bus');
      return info.map((e) => `${e.name}${e.args ? ' ' + Object.values(e.args).join() : ''}`);
    };
    const a = order(1);
    expect([...a].sort()).toEqual(INFORMATION_IRPS.map((i) => `${i.name}${i.args ? ' ' + Object.values(i.args).join() : ''}`).sort());
    const orders = new Set([1, 2, 3, 4, 5].map((s) => order(s).join('|')));
    expect(orders.size).toBeGreaterThan(1);
    expect(order(1)).toEqual(a);
  });

  // issue 12 point 8: every DriverEntry before the first AddDevice, as kernel/state-transitions-for-pnp-devices.md's states
  // have it; kernel/adding-a-pnp-device-to-a-running-system.md takes each driver in turn (the alternative the row's WHY shows).
  it('loads drivers, then calls AddDevice lower filters first, then the function driver, then upper filters', () => {
    const h = lab({ id: 'disk', model: 'usb-disk', filters: { lower: 2, upper: 1 } }).plug('disk');
    const adds = h.select({ kind: 'callback' }).filter((e) => e.name === 'EvtDriverDeviceAdd').map((e) => e.driver);
    expect(adds).toEqual(['SimLowerFilter1', 'SimLowerFilter2', 'SimDisk', 'SimUpperFilter1']);
    const states = h.select({ kind: 'state', device: 'disk' }).map((e) => e.name);
    expect(states).toEqual(['PhysicallyPresent', 'Enumerated', 'EnumeratedAndDriversInitialized', 'FdoAndFilterDosAttached', 'Started']);
    const lastDriverEntry = h.last.findLastIndex((e) => e.name === 'DriverEntry');
    expect(lastDriverEntry).toBeLessThan(indexOf(h.last, (e) => e.name === 'EvtDriverDeviceAdd'));
  });

  it('filters resource requirements down the stack (remove) and back up (add), then starts the bus driver first', () => {
    const h = lab({ id: 'disk', model: 'usb-disk', filters: { lower: 1, upper: 1 } }).plug('disk');
    expect(h.irps('IRP_MN_FILTER_RESOURCE_REQUIREMENTS')).toEqual([
      'IRP_MN_FILTER_RESOURCE_REQUIREMENTS@upper-filter', 'IRP_MN_FILTER_RESOURCE_REQUIREMENTS@function',
      'IRP_MN_FILTER_RESOURCE_REQUIREMENTS@lower-filter', 'IRP_MN_FILTER_RESOURCE_REQUIREMENTS@bus',
      'IRP_MN_FILTER_RESOURCE_REQUIREMENTS@lower-filter', 'IRP_MN_FILTER_RESOURCE_REQUIREMENTS@function',
      'IRP_MN_FILTER_RESOURCE_REQUIREMENTS@upper-filter',
    ]);
    const filterCallbacks = h.select({ kind: 'callback' }).filter((e) => e.name.startsWith('EvtDeviceFilter')).map((e) => `${e.name}@${e.layer}`);
    expect(filterCallbacks).toEqual([
      'EvtDeviceFilterRemoveResourceRequirements@upper-filter', 'EvtDeviceFilterRemoveResourceRequirements@function', 'EvtDeviceFilterRemoveResourceRequirements@lower-filter',
      'EvtDeviceFilterAddResourceRequirements@lower-filter', 'EvtDeviceFilterAddResourceRequirements@function', 'EvtDeviceFilterAddResourceRequirements@upper-filter',
    ]);
    expect(h.irps('IRP_MN_START_DEVICE')).toEqual(['IRP_MN_START_DEVICE@bus', 'IRP_MN_START_DEVICE@lower-filter', 'IRP_MN_START_DEVICE@function', 'IRP_MN_START_DEVICE@upper-filter']);
  });

  it('powers up one driver at a time, lowest first, each running its whole list (PCI NIC with interrupts and DMA)', () => {
    const h = lab({ id: 'nic', model: 'pci-nic', filters: { lower: 0, upper: 1 } }).plug('nic');
    expect(h.callbacks({ layer: 'function' })).toEqual([
      'DriverEntry', 'EvtDriverDeviceAdd', 'EvtDeviceFilterRemoveResourceRequirements', 'EvtDeviceFilterAddResourceRequirements',
      'EvtDeviceRemoveAddedResources', 'EvtDevicePrepareHardware', 'EvtDeviceD0Entry(WdfPowerDeviceD3Final)', 'EvtInterruptEnable',
      'EvtDeviceD0EntryPostInterruptsEnabled(WdfPowerDeviceD3Final)', 'EvtDmaEnablerFill', 'EvtDmaEnablerEnable', 'EvtDmaEnablerSelfManagedIoStart',
      'EvtDeviceSelfManagedIoInit', 'EvtDeviceRelationsQuery',
    ]);
    // the PCI bus driver is WDM: IRPs, no KMDF callbacks; it creates the PDO with IoCreateDevice
    expect(h.callbacks({ layer: 'bus' })).toEqual([]);
    expect(h.select({ kind: 'call', layer: 'bus' }).map((e) => e.name)).toEqual(['IoCreateDevice']);
    // one driver at a time: every start callback of the function driver comes before the upper filter's first on the way up
    // (EvtDeviceRemoveAddedResources runs on the way down, top-down: kmdf/source.test.ts)
    const fnLast = h.last.findLastIndex((e) => e.kind === 'callback' && e.layer === 'function' && e.name === 'EvtDeviceSelfManagedIoInit');
    const upperFirst = indexOf(h.last, (e) => e.kind === 'callback' && e.layer === 'upper-filter' && e.name === 'EvtDevicePrepareHardware');
    expect(fnLast).toBeLessThan(upperFirst);
    const prepare = h.select({ kind: 'callback', layer: 'function' }).find((e) => e.name === 'EvtDevicePrepareHardware')!;
    expect(prepare.args).toMatchObject({ ResourcesTranslated: expect.stringContaining('CmResourceTypeInterrupt') });
  });

  it('a USB PDO gets PrepareHardware and D0Entry(D3Final) before any driver above it', () => {
    const h = lab({ id: 'cam', model: 'usb-webcam' }).plug('cam');
    const start = h.last.slice(indexOf(h.last, (e) => e.name === 'IRP_MN_START_DEVICE'));
    expect(start.filter((e) => e.kind !== 'state').slice(0, 4).map((e) => `${e.kind}:${e.name}@${e.layer}`)).toEqual([
      'irp:IRP_MN_START_DEVICE@bus', 'callback:EvtDevicePrepareHardware@bus', 'callback:EvtDeviceD0Entry@bus', 'irp:IRP_MN_START_DEVICE@function',
    ]);
    expect(h.select({ kind: 'callback', layer: 'bus' }).find((e) => e.name === 'EvtDeviceD0Entry')!.args).toEqual({ PreviousState: 'WdfPowerDeviceD3Final' });
  });

  // issue 12 point 9: pnpstatemachine.cpp PnpEventEnableInterfaces runs when the device "has powered up and fully
  // started" (after SelfManagedIoInit), before the start IRP is completed to the driver above (kernel/starting-a-device.md).
  it('the function driver enables its interfaces after SelfManagedIoInit, before the upper filter sees the start IRP; then the PnP manager re-queries', () => {
    const h = lab({ id: 'disk', model: 'usb-disk', filters: { lower: 0, upper: 1 } }).plug('disk');
    const started = indexOf(h.last, (e) => e.kind === 'state' && e.name === 'Started');
    const init = indexOf(h.last, (e) => e.name === 'EvtDeviceSelfManagedIoInit' && e.layer === 'function');
    const upperStart = indexOf(h.last, (e) => e.name === 'IRP_MN_START_DEVICE' && e.layer === 'upper-filter');
    const iface = h.last.filter((e) => e.name === 'IoSetDeviceInterfaceState');
    expect(iface.map((e) => e.args)).toEqual([
      { InterfaceClassGuid: 'GUID_DEVINTERFACE_DISK', Enable: 'TRUE' },
      { InterfaceClassGuid: 'GUID_DEVINTERFACE_VOLUME', Enable: 'TRUE' },
    ]);
    expect(iface.map((e) => `${e.layer}:${e.driver}:${e.at}`)).toEqual(['function:SimDisk:kmdf.start/EnableInterfaces', 'function:SimDisk:kmdf.start/EnableInterfaces']);
    expect(h.last.indexOf(iface[0])).toBeGreaterThan(init);
    expect(h.last.indexOf(iface[1])).toBeLessThan(upperStart);
    expect(upperStart).toBeLessThan(started);
    const after = h.last.slice(started).filter((e) => e.kind === 'irp' && e.layer === 'bus').map((e) => e.name);
    expect(after).toEqual(['IRP_MN_QUERY_CAPABILITIES', 'IRP_MN_QUERY_PNP_DEVICE_STATE', 'IRP_MN_QUERY_DEVICE_RELATIONS']);
    expect(h.select({ kind: 'irp', layer: 'bus' }).find((e) => e.name === 'IRP_MN_QUERY_CAPABILITIES' && e.args?.Removable)!.args).toMatchObject({ Removable: 'true', SurpriseRemovalOK: 'false' });
    expect(h.state('disk')).toBe('Started');
  });

  it('a hub enumerates its children after it starts; a device on the hub has the hub driver as its bus driver', () => {
    const h = lab({ id: 'hub', model: 'usb-hub' }, { id: 'cam', model: 'usb-webcam' }).plug('hub');
    expect(h.callbacks({ device: 'hub', layer: 'function' })).toContain('EvtChildListScanForChildren');
    h.plug('cam', 'hub:2');
    expect(h.device('cam').port).toBe('hub:2');
    expect(h.last.find((e) => e.name === 'IRP_MN_QUERY_DEVICE_RELATIONS')).toMatchObject({ device: 'hub', layer: 'function' });
    expect(h.callbacks({ device: 'hub' })).toContain('EvtDeviceRelationsQuery');
    expect(h.state('cam')).toBe('Started');
  });

  it('DriverEntry runs only for a driver that is not loaded yet', () => {
    const h = lab({ id: 'a', model: 'usb-disk' }, { id: 'b', model: 'usb-disk' }).plug('a').plug('b');
    expect(h.callbacks({ device: 'b' })).not.toContain('DriverEntry');
    expect(h.callbacks({ device: 'b', layer: 'function' })).toContain('EvtDriverDeviceAdd');
  });
});

describe('a device plugged into a hub that fails before the PnP manager gets to it', () => {
  // Found by scripts/fuzz-hubs.ts: `fail hub` then `plug disk` into it at the same instant. The PnP thread does one
  // operation at a time, so the hub's surprise removal ran first; the arrival then had the surprise-removed hub's bus
  // driver create a PDO and start the device, and the hub's deferred removal stopped the run with an internal error
  // (EnumeratedAndDriversInitialized → PhysicallyPresent). A surprise-removed hub's drivers "must prevent any new I/O
  // operations" (kernel/handling-an-irp-mn-surprise-removal-request.md): nothing reports the device.
  it('is present with no devnode: no report, no PDO, no IRP; the hub\'s removal goes on', () => {
    const h = lab({ id: 'hub', model: 'usb-hub' }, { id: 'disk', model: 'usb-disk' }).plug('hub');
    h.start({ action: 'fail', device: 'hub' }).after(0, { action: 'plug', device: 'disk', port: 'hub:1' }).settle();
    const story = h.select({}).filter((e) => e.kind !== 'callback' || e.device === 'disk').map((e) => `${e.kind}:${e.name}@${e.device}${e.kind === 'state' && e.args?.From ? ` (from ${e.args.From})` : ''}`);
    expect(story.filter((s) => s.includes('@disk'))).toEqual(['user:plug@disk', 'state:PhysicallyPresent@disk (from PhysicallyAbsent)']);
    expect(story.filter((s) => s.startsWith('state:'))).toEqual([
      'state:SurpriseRemoved@hub (from Started)',
      'state:PhysicallyPresent@disk (from PhysicallyAbsent)',
      'state:EnumeratedAndDriversInitialized@hub (from SurpriseRemoved)',
    ]);
    const hubCalls = h.select({ kind: 'call', device: 'hub' }).map((e) => e.name);
    expect(hubCalls).not.toContain('WdfChildListAddOrUpdateChildDescriptionAsPresent');
    expect(hubCalls).not.toContain('IoInvalidateDeviceRelations');
    expect(h.select({ device: 'disk' }).filter((e) => e.kind === 'irp' || e.kind === 'callback')).toEqual([]);
    expect([h.state('hub'), h.state('disk')]).toEqual(['EnumeratedAndDriversInitialized/CM_PROB_FAILED_POST_START', 'PhysicallyPresent']);
    h.unplug('disk');
    expect(h.state('disk')).toBe('PhysicallyAbsent');
  });
});

describe('a device pulled while it arrives (found by scripts/fuzz-hubs.ts)', () => {
  const stateStory = (h: ReturnType<typeof lab>, device: string) => h.select({ kind: 'state', device }).map((e) => `${e.name}${e.args?.Problem ? '/' + e.args.Problem : ''} (from ${e.args?.From})`);

  it('pulled before its hub answered the bus-relations query: not reported, so not enumerated (no PDO, no driver)', () => {
    // kernel/adding-a-pnp-device-to-a-running-system.md: the PnP manager configures the PDOs the bus driver returns
    // with IRP_MN_QUERY_DEVICE_RELATIONS; the lab used to enumerate the device anyway, from PhysicallyAbsent
    const h = lab({ id: 'hub', model: 'usb-hub' }, { id: 'disk', model: 'usb-disk' }).plug('hub');
    h.start({ action: 'plug', device: 'disk', port: 'hub:1' }).after(0, { action: 'unplug', device: 'disk' }).settle();
    expect(h.select({ kind: 'irp' }).map((e) => `${e.name}@${e.device}/${e.layer}`)).toEqual(['IRP_MN_QUERY_DEVICE_RELATIONS@hub/function', 'IRP_MN_QUERY_DEVICE_RELATIONS@hub/bus']);
    expect(h.select({ device: 'disk' }).filter((e) => e.kind === 'callback' || e.kind === 'irp')).toEqual([]);
    expect(stateStory(h, 'disk')).toEqual(['PhysicallyPresent (from PhysicallyAbsent)', 'PhysicallyAbsent (from PhysicallyPresent)']);
    expect(h.state('disk')).toBe('PhysicallyAbsent');
    h.plug('disk', 'hub:2');
    expect(h.state('disk')).toBe('Started');
  });

  it('pulled while its AddDevice fails: the IRP_MN_REMOVE_DEVICE after the failed AddDevice deletes the PDO, the devnode is gone', () => {
    const h = lab({ id: 'scanner', model: 'usb-scanner', framework: 'umdf1', callbacks: { 'IDriverEntry::OnDeviceAdd': 'fail' } });
    h.start({ action: 'plug', device: 'scanner', port: 'usb-root-hub:4' }).after(7, { action: 'unplug', device: 'scanner' }).settle();
    expect(h.irps('IRP_MN_REMOVE_DEVICE')).toEqual(['IRP_MN_REMOVE_DEVICE@reflector', 'IRP_MN_REMOVE_DEVICE@bus']);
    expect(stateStory(h, 'scanner').slice(-2)).toEqual(['EnumeratedAndDriversInitialized (from Enumerated)', 'PhysicallyAbsent (from EnumeratedAndDriversInitialized)']);
    expect(h.state('scanner')).toBe('PhysicallyAbsent');
  });
});

describe('a device plugged into a hub while the hub starts (found by scripts/fuzz-hubs.ts)', () => {
  // The hub's start queries its bus relations and enumerates the devices on its ports (pnp.start/EnumerateChildren),
  // which includes one plugged in while the start ran; that device's own arrival, queued behind the start, then
  // enumerated and started it a second time (Started → PhysicallyPresent → Enumerated …, AddDevice on a started stack),
  // or, after a failed start, stopped the run with an internal error (EnumeratedAndDriversInitialized → PhysicallyPresent).
  const plugDuringHubStart = (cam: Record<string, unknown> = {}) =>
    lab({ id: 'hub', model: 'usb-hub' }, { id: 'cam', model: 'usb-webcam', ...cam })
      .start({ action: 'plug', device: 'hub', port: 'usb-root-hub:2' })
      .after(36, { action: 'plug', device: 'cam', port: 'hub:2' })
      .settle();
  const stateStory = (h: ReturnType<typeof lab>, device: string) => h.select({ kind: 'state', device }, h.events).map((e) => `${e.name}${e.args?.Problem ? '/' + e.args.Problem : ''} (from ${e.args?.From})`);

  it('the hub\'s start enumerates it; its arrival then finds no new child in the bus relations and enumerates nothing', () => {
    const h = plugDuringHubStart();
    expect(stateStory(h, 'cam')).toEqual(['Enumerated (from PhysicallyAbsent)', 'EnumeratedAndDriversInitialized (from Enumerated)', 'FdoAndFilterDosAttached (from EnumeratedAndDriversInitialized)', 'Started (from FdoAndFilterDosAttached)']);
    expect(h.events.filter((e) => e.name === 'EvtDriverDeviceAdd' && e.device === 'cam')).toHaveLength(1);
    // the arrival: the hub reports the child, the PnP manager queries the hub, and the PDO it gets back is not new
    const arrival = h.events.filter((e) => e.at?.startsWith('pnp.arrival/')).map((e) => `${e.kind}:${e.name}@${e.device}`);
    expect(arrival.slice(-4)).toEqual(['call:WdfChildListAddOrUpdateChildDescriptionAsPresent@hub', 'call:IoInvalidateDeviceRelations@hub', 'irp:IRP_MN_QUERY_DEVICE_RELATIONS@hub', 'irp:IRP_MN_QUERY_DEVICE_RELATIONS@hub']);
    expect(h.state('cam')).toBe('Started');
  });

  it('a device whose start failed keeps its PDO with CM_PROB_FAILED_START', () => {
    const h = plugDuringHubStart({ framework: 'umdf1', callbacks: { 'IPnpCallbackHardware::OnPrepareHardware': 'fail' } });
    expect(h.state('cam')).toBe('EnumeratedAndDriversInitialized/CM_PROB_FAILED_START');
  });
});

describe('a device whose PDO another device\'s arrival created, pulled before its own arrival (found by scripts/fuzz-hubs.ts)', () => {
  // cam1's arrival queries the root hub, which creates the PDOs of cam1 and of cam2 (plugged at the same instant); cam2
  // is pulled before its own arrival gets the PnP thread. That arrival's query reports cam2 missing, and the lab used to
  // enumerate it anyway: AddDevice and a start that failed with STATUS_NO_SUCH_DEVICE on a device no longer there.
  it('its arrival\'s query reports it missing and the PnP manager does not enumerate it; the surprise removal deletes the PDO', () => {
    const h = lab({ id: 'cam1', model: 'usb-webcam' }, { id: 'cam2', model: 'usb-webcam' })
      .start({ action: 'plug', device: 'cam1' })
      .after(0, { action: 'plug', device: 'cam2' })
      .after(10, { action: 'unplug', device: 'cam2' })
      .settle();
    const cam2 = h.events.filter((e) => e.device === 'cam2' && (e.kind === 'irp' || e.kind === 'state' || e.kind === 'callback')).map((e) => `${e.kind}:${e.name}${e.layer ? '@' + e.layer : ''}`);
    expect(cam2).toEqual(['callback:EvtChildListCreateDevice@bus', 'state:PhysicallyPresent', 'callback:EvtDeviceReportedMissing@bus', 'irp:IRP_MN_REMOVE_DEVICE@bus', 'state:PhysicallyAbsent']);
    expect([h.state('cam1'), h.state('cam2')]).toEqual(['Started', 'PhysicallyAbsent']);
  });
});

describe('a device pulled while its hub creates its PDO (found by scripts/fuzz-hubs.ts)', () => {
  // The pull comes while the hub's bus driver is inside EvtChildListCreateDevice: the lab saw no PDO yet, so the pull
  // queued no removal, and the arrival then skipped the enumeration of the absent device, leaving its PDO behind: the
  // next bus-relations query of the root hub reported it missing (EvtDeviceReportedMissing) and nothing ever deleted it.
  it('the hub reports it missing and the PnP manager deletes the PDO (IRP_MN_REMOVE_DEVICE) within the arrival', () => {
    const h = lab({ id: 'cam', model: 'usb-webcam' }, { id: 'hub', model: 'usb-hub' })
      .start({ action: 'plug', device: 'cam', port: 'usb-root-hub:1' })
      .after(3, { action: 'unplug', device: 'cam' })
      .settle();
    const cam = h.events.filter((e) => e.device === 'cam' && (e.kind === 'irp' || e.kind === 'state' || e.kind === 'callback')).map((e) => `${e.kind}:${e.name}${e.layer ? '@' + e.layer : ''}`);
    expect(cam).toEqual(['state:PhysicallyPresent', 'callback:EvtChildListCreateDevice@bus', 'state:PhysicallyAbsent', 'callback:EvtDeviceReportedMissing@bus', 'irp:IRP_MN_REMOVE_DEVICE@bus']);
    expect(h.events.filter((e) => e.at?.startsWith('pnp.surpriseRemoval/')).map((e) => e.name)).toEqual(['WdfChildListUpdateChildDescriptionAsMissing', 'IoInvalidateDeviceRelations', 'IRP_MN_QUERY_DEVICE_RELATIONS']);
    expect(h.device('cam').layers[0].deviceObject).toBe(false);
    h.plug('hub', 'usb-root-hub:1');
    expect(h.last.filter((e) => e.device === 'cam')).toEqual([]);
  });
});
