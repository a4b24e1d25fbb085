/** The lab's ports at the cursor: the built-in buses' and those of plugged-in hubs (same rule as Lab.ports()). */
import { BUILT_IN_BUSES } from '../../engine/bus/catalog';
import type { DeviceView } from '../../model/deviceTimeline';
import { busOf, modelOf } from '../devices/deviceInfo';

export interface PortView {
  port: string;
  owner: string;
  bus: 'usb' | 'pci';
  occupant: string | undefined;
}

export function portsAt(devices: readonly DeviceView[]): PortView[] {
  const owners: { id: string; bus: 'usb' | 'pci'; ports: number }[] = BUILT_IN_BUSES.map((b) => ({ id: b.id, bus: b.bus, ports: b.ports }));
  for (const d of devices) {
    const ports = modelOf(d.model)?.ports ?? 0;
    if (ports > 0 && d.port !== undefined) owners.push({ id: d.id, bus: busOf(d.model), ports });
  }
  const out: PortView[] = [];
  for (const o of owners) {
    for (let i = 1; i <= o.ports; i++) {
      const port = `${o.id}:${i}`;
      out.push({ port, owner: o.id, bus: o.bus, occupant: devices.find((d) => d.port === port)?.id });
    }
  }
  return out;
}

/** Free ports a device could be plugged into (not its own, nor one below itself). */
export function freePortsFor(device: DeviceView, devices: readonly DeviceView[]): PortView[] {
  const below = new Set<string>([device.id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of devices) if (d.parent && below.has(d.parent) && !below.has(d.id)) { below.add(d.id); grew = true; }
  }
  return portsAt(devices).filter((p) => !p.occupant && p.bus === busOf(device.model) && !below.has(p.owner));
}
