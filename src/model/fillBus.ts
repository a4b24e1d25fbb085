/**
 * "Fill the bus": the hubs and devices that bring the USB bus to 127 devices, and the plug steps that put them on
 * it, for a lecturer's full-bus demo.
 *
 * The limits are USB's, not the lab's choice:
 * - 127 devices per host controller, hubs included: a USB device address is 7 bits, and address 0 is the default
 *   address a device answers on until the host gives it its own (USB 2.0 specification, 9.1.1.4 "Address" and
 *   9.4.6 "Set Address"). The root hub is part of the host controller and takes no address.
 * - at most 7 tiers, the root hub's included: a hub may sit at tier 6 at the deepest, a device at tier 7
 *   (USB 2.0 specification, 4.1.1 "Bus Topology").
 *
 * The lab's own choices: new hubs go first, each on the shallowest free port (so the tree stays as flat as USB
 * allows), then scanners, disks and webcams in turn fill the free ports, shallowest first. Devices already in the
 * scenario stay where they are (those on the bench stay there).
 */
import { BUILT_IN_BUSES, CATALOG } from '../engine/bus/catalog';
import { newDeviceId, type DeviceInput, type StepInput } from './scenarioEdit';

/** Devices (hubs included) one USB host controller addresses. */
export const USB_MAX_DEVICES = 127;
/** The deepest tier a hub may sit at (the root hub is tier 1; devices go down to tier 7). */
const MAX_HUB_TIER = 6;
const MAX_DEVICE_TIER = 7;
const LEAF_MODELS = ['usb-scanner', 'usb-disk', 'usb-webcam'] as const;
const HUB_PORTS = CATALOG['usb-hub'].ports;

/** A device as the planner needs it: where it is plugged at the cursor. */
export interface PlacedDevice {
  id: string;
  model: string;
  port: string | undefined;
  /** on a port of a hub that is itself not plugged in: not on the bus */
  unpowered: boolean;
}

export interface FillPlan {
  /** USB devices on the bus before the plan (hubs included) */
  present: number;
  devices: DeviceInput[];
  steps: StepInput[];
}

const isUsb = (model: string) => CATALOG[model as keyof typeof CATALOG]?.bus === 'usb';
const portsOf = (model: string) => CATALOG[model as keyof typeof CATALOG]?.ports ?? 0;
const ownerOf = (port: string) => port.slice(0, port.lastIndexOf(':'));

interface FreePort {
  port: string;
  /** tier of the hub that owns the port (the root hub is tier 1) */
  ownerTier: number;
}

/** The plan that fills the USB bus to 127 devices from `placed` (every scenario device, as it is at the cursor). */
export function planFillBus(placed: readonly PlacedDevice[], takenIds: readonly string[]): FillPlan {
  const root = BUILT_IN_BUSES.find((b) => b.bus === 'usb')!;
  const onBus = placed.filter((d) => d.port !== undefined && !d.unpowered && isUsb(d.model));
  // tier of each hub on the bus (root hub 1), following the ports up
  const byId = new Map(onBus.map((d) => [d.id, d]));
  const tierOf = (id: string, depth = 0): number => {
    if (id === root.id) return 1;
    const d = byId.get(id);
    if (!d || depth > placed.length) return Infinity;
    return tierOf(ownerOf(d.port!), depth + 1) + 1;
  };
  const occupied = new Set(onBus.map((d) => d.port!));
  const free: FreePort[] = [];
  const addPorts = (owner: string, count: number, ownerTier: number) => {
    for (let i = 1; i <= count; i++) if (!occupied.has(`${owner}:${i}`)) free.push({ port: `${owner}:${i}`, ownerTier });
  };
  addPorts(root.id, root.ports, 1);
  for (const d of onBus) if (portsOf(d.model) > 0) addPorts(d.id, portsOf(d.model), tierOf(d.id));

  const taken = [...takenIds];
  const devices: DeviceInput[] = [];
  const steps: StepInput[] = [];
  const place = (model: string, port: FreePort) => {
    const id = newDeviceId(model, taken);
    taken.push(id);
    devices.push({ id, model });
    steps.push({ action: 'plug', device: id, port: port.port });
    return id;
  };
  // shallowest first, then in port order
  const take = (maxOwnerTier: number): FreePort | undefined => {
    let best = -1;
    for (let i = 0; i < free.length; i++) if (free[i].ownerTier <= maxOwnerTier && (best < 0 || free[i].ownerTier < free[best].ownerTier)) best = i;
    return best < 0 ? undefined : free.splice(best, 1)[0];
  };

  let remaining = Math.max(0, USB_MAX_DEVICES - onBus.length);
  // hubs until the free ports can take every device still to come (each hub takes a port and gives HUB_PORTS)
  while (remaining > free.length) {
    const port = take(MAX_HUB_TIER - 1);
    if (!port) break;
    const hub = place('usb-hub', port);
    addPorts(hub, HUB_PORTS, port.ownerTier + 1);
    remaining--;
  }
  for (let n = 0; remaining > 0; n++) {
    const port = take(MAX_DEVICE_TIER - 1);
    if (!port) break;
    place(LEAF_MODELS[n % LEAF_MODELS.length], port);
    remaining--;
  }
  return { present: onBus.length, devices, steps };
}
