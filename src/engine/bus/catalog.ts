/**
 * The devices a learner can plug in. Driver names are the lab's simulated drivers, except the
 * USB hub driver (USBHUB3, a KMDF driver in Windows) and the PCI bus driver (pci.sys, WDM).
 *
 * `hardwareId` is what the bus driver reports for the PDO it creates. The USB hub driver composes
 * USB\VID_v(4)&PID_d(4) from the device descriptor (install/standard-usb-identifiers.md); USBSTOR\… IDs
 * come from USBSTOR.SYS for the disk it enumerates (install/identifiers-generated-by-usbstor-sys.md) and
 * …&MI_z(2) IDs from the USB generic parent driver for each interface of a composite device. The lab
 * collapses each of those two-level stacks into one devnode enumerated by the hub, so it shows the hub's ID.
 * VID_1D6B and the product IDs are the lab's inventions.
 */
import type { Framework } from '../framework/layerState';

export type BusKind = 'usb' | 'pci';
export type ModelId = 'usb-scanner' | 'usb-disk' | 'usb-webcam' | 'pci-nic' | 'usb-hub';

export interface Capabilities {
  Removable: boolean;
  SurpriseRemovalOK: boolean;
  NotDisableable: boolean;
}

export interface DeviceModel {
  id: ModelId;
  label: string;
  bus: BusKind;
  hardwareId: string;
  functionDriver: string;
  interfaces: readonly string[];
  interrupts: boolean;
  dma: boolean;
  /** A hub: its function driver is the bus driver of the devices on its ports. */
  ports: number;
  capabilities: Capabilities;
  /** Hardware resources the device asks for (USB devices get none: the host controller owns them). */
  resources: readonly string[];
}

export const CATALOG: Record<ModelId, DeviceModel> = {
  'usb-scanner': {
    id: 'usb-scanner', label: 'USB flatbed scanner', bus: 'usb', hardwareId: 'USB\\VID_1D6B&PID_5C01',
    functionDriver: 'SimScanner', interfaces: ['GUID_DEVINTERFACE_IMAGE'], interrupts: false, dma: false, ports: 0,
    capabilities: { Removable: true, SurpriseRemovalOK: false, NotDisableable: false }, resources: [],
  },
  'usb-disk': {
    id: 'usb-disk', label: 'USB mass-storage disk', bus: 'usb', hardwareId: 'USB\\VID_1D6B&PID_D15C',
    functionDriver: 'SimDisk', interfaces: ['GUID_DEVINTERFACE_DISK', 'GUID_DEVINTERFACE_VOLUME'], interrupts: false, dma: false, ports: 0,
    capabilities: { Removable: true, SurpriseRemovalOK: false, NotDisableable: false }, resources: [],
  },
  'usb-webcam': {
    id: 'usb-webcam', label: 'USB webcam', bus: 'usb', hardwareId: 'USB\\VID_1D6B&PID_0C70',
    functionDriver: 'SimCamera', interfaces: ['KSCATEGORY_VIDEO_CAMERA'], interrupts: false, dma: false, ports: 0,
    capabilities: { Removable: true, SurpriseRemovalOK: true, NotDisableable: false }, resources: [],
  },
  'pci-nic': {
    id: 'pci-nic', label: 'PCI network adapter', bus: 'pci', hardwareId: 'PCI\\VEN_1D6B&DEV_10D3',
    functionDriver: 'SimNic', interfaces: ['GUID_DEVINTERFACE_NET'], interrupts: true, dma: true, ports: 0,
    capabilities: { Removable: false, SurpriseRemovalOK: false, NotDisableable: false },
    resources: ['CmResourceTypeMemory', 'CmResourceTypeInterrupt (MSI)'],
  },
  'usb-hub': {
    id: 'usb-hub', label: 'External USB hub', bus: 'usb', hardwareId: 'USB\\VID_1D6B&PID_0002',
    functionDriver: 'USBHUB3', interfaces: ['GUID_DEVINTERFACE_USB_HUB'], interrupts: false, dma: false, ports: 4,
    capabilities: { Removable: true, SurpriseRemovalOK: false, NotDisableable: false }, resources: [],
  },
};

export const MODEL_IDS = Object.keys(CATALOG) as ModelId[];

/** The built-in buses: always present and started; scenario devices plug into their ports. */
export interface BuiltInBus {
  id: string;
  label: string;
  bus: BusKind;
  /** Driver that enumerates the devices on this bus (their bus-layer driver). */
  busDriver: string;
  busFramework: Framework;
  ports: number;
}

export const BUILT_IN_BUSES: readonly BuiltInBus[] = [
  { id: 'usb-root-hub', label: 'USB root hub (xHCI host controller)', bus: 'usb', busDriver: 'USBHUB3', busFramework: 'kmdf', ports: 4 },
  { id: 'pci-bus', label: 'PCI bus', bus: 'pci', busDriver: 'pci', busFramework: 'wdm', ports: 4 },
];

/** Callbacks a bus driver's PDO registers in the lab (function and filter drivers register all of them). */
export const PDO_CALLBACKS: ReadonlySet<string> = new Set([
  'EvtChildListCreateDevice', 'EvtDeviceResourcesQuery', 'EvtDeviceResourceRequirementsQuery',
  'EvtDevicePrepareHardware', 'EvtDeviceReleaseHardware', 'EvtDeviceD0Entry', 'EvtDeviceD0Exit',
  'EvtDeviceEnableWakeAtBus', 'EvtDeviceDisableWakeAtBus', 'EvtDeviceReportedMissing',
]);
