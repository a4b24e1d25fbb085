/**
 * Where the devices are: the buses' and hubs' ports, which device is plugged into which, and which
 * bus driver enumerates each device. Read-only questions about the lab's devices.
 */
import { BUILT_IN_BUSES, type BuiltInBus } from './bus/catalog';
import { hasStack, type Device } from './device';
import type { Framework } from './framework/layerState';

/** The devices, by id and in the scenario's order. */
export interface DeviceTree {
  readonly devices: ReadonlyMap<string, Device>;
  readonly deviceList: readonly Device[];
}

export interface BusDriver {
  deviceId: string;
  driver: string;
  framework: Framework;
}

/** A port, the bus or hub that owns it, and the device plugged into it. */
export interface Port {
  port: string;
  owner: string;
  bus: 'usb' | 'pci';
  occupant: string | undefined;
}

/** Plugged in, and every hub above it is too. */
export function isPresent(tree: DeviceTree, d: Device): boolean {
  if (d.port === undefined) return false;
  const parent = parentDevice(tree, d);
  return parent === undefined || isPresent(tree, parent);
}

/** The hub `d` is plugged into (undefined for a built-in bus, or when unplugged from nothing). */
export function parentDevice(tree: DeviceTree, d: Device): Device | undefined {
  return d.parent === undefined ? undefined : tree.devices.get(d.parent);
}

/** The devices plugged into `d`'s ports, by port number. */
export function childrenOf(tree: DeviceTree, d: Device): Device[] {
  const out: Device[] = [];
  for (const c of tree.deviceList) {
    if (c.parent !== d.id || c.port === undefined) continue;
    // insertion in port order (stable: a tie keeps the devices' order), without sort's scratch space
    const n = portNumber(c.port);
    let i = out.length;
    out.push(c);
    for (; i > 0 && portNumber(out[i - 1].port!) > n; i--) out[i] = out[i - 1];
    out[i] = c;
  }
  return out;
}

/** Whether some device plugged into `d` still has its driver stack (its removal is not done). */
export function hasChildWithStack(tree: DeviceTree, d: Device): boolean {
  for (const c of tree.deviceList) if (c.parent === d.id && c.port !== undefined && hasStack(c)) return true;
  return false;
}

/**
 * The device and its descendants, children before parents: the PnP manager removes a device's
 * children before the device itself (kernel/handling-an-irp-mn-remove-device-request.md: it "sends IRP_MN_REMOVE_DEVICE requests to the device's children"; its query-remove page sends IRP_MN_QUERY_REMOVE_DEVICE to the descendants first).
 */
export function subtreePostOrder(tree: DeviceTree, d: Device): Device[] {
  const out: Device[] = [];
  collectPostOrder(tree, d, out);
  return out;
}

function collectPostOrder(tree: DeviceTree, d: Device, out: Device[]): void {
  for (const c of childrenOf(tree, d)) collectPostOrder(tree, c, out);
  out.push(d);
}

/** The driver that enumerates `d`: its hub's function driver, or the built-in bus's driver. */
export function busDriverOf(tree: DeviceTree, d: Device): BusDriver {
  const hub = parentDevice(tree, d);
  if (hub) return { deviceId: hub.id, driver: hub.model.functionDriver, framework: 'kmdf' };
  const bus = BUILT_IN_BUSES.find((b) => b.id === d.parent)!;
  return { deviceId: bus.id, driver: bus.busDriver, framework: bus.busFramework };
}

/** Every port of the lab: built-in buses first, then the ports of plugged-in hubs. */
export function ports(tree: DeviceTree): Port[] {
  const owners: { id: string; bus: 'usb' | 'pci'; ports: number }[] = BUILT_IN_BUSES.map((b: BuiltInBus) => ({ id: b.id, bus: b.bus, ports: b.ports }));
  // Only hubs that are connected to the machine offer ports (so a hub can never end up below itself).
  for (const d of tree.deviceList) if (d.model.ports > 0 && isPresent(tree, d)) owners.push({ id: d.id, bus: d.model.bus, ports: d.model.ports });
  const occupants = new Map<string, string>();
  for (const d of tree.deviceList) if (d.port !== undefined) occupants.set(d.port, d.id);
  const out = [];
  for (const o of owners) {
    for (let i = 1; i <= o.ports; i++) {
      const port = `${o.id}:${i}`;
      out.push({ port, owner: o.id, bus: o.bus, occupant: occupants.get(port) });
    }
  }
  return out;
}

/** The first free port of `d`'s bus that is not one of its own. */
export function freePort(tree: DeviceTree, d: Device): string | undefined {
  return ports(tree).find((p) => p.bus === d.model.bus && !p.occupant && p.owner !== d.id)?.port;
}

function portNumber(port: string): number {
  return Number(port.slice(port.lastIndexOf(':') + 1));
}

// ---- power across the tree -------------------------------------------------------------------------

export function isIdle(d: Device): boolean {
  const f = d.layers.find((l) => l.layer === 'function');
  return f !== undefined && f.deviceObject && f.power !== 'D0';
}

/** A device on `d`'s ports whose stack is in D0 (a started, non-idle child), if any. */
export function childInD0(tree: DeviceTree, d: Device): Device | undefined {
  for (const c of childrenOf(tree, d)) if (c.layers.some((l) => l.deviceObject && l.power === 'D0')) return c;
  return undefined;
}

/** `d`'s hub, when that hub is started and idle in Dx (a child's D0 then needs it back in D0 first). */
export function idleParent(tree: DeviceTree, d: Device): Device | undefined {
  const p = parentDevice(tree, d);
  return p !== undefined && p.state === 'Started' && isIdle(p) ? p : undefined;
}
