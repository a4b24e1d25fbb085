/** One port (USB) or slot (PCI), empty or holding a device; a plugged-in hub shows its own ports inside. */
import type { DeviceView } from '../../model/deviceTimeline';
import type { DeviceInput } from '../../model/scenarioEdit';
import { busOf } from '../devices/deviceInfo';
import { DeviceChip } from './DeviceChip';
import { useDrag } from './dragStore';
import type { PortView } from './ports';

interface Props {
  port: PortView;
  name: string;
  devices: readonly DeviceView[];
  configs: ReadonlyMap<string, DeviceInput>;
  ports: readonly PortView[];
}

export function PortSlot({ port, name, devices, configs, ports }: Props) {
  const occupant = port.occupant ? devices.find((d) => d.id === port.occupant) : undefined;
  const dragDevice = useDrag((s) => s.device);
  const over = useDrag((s) => s.over === port.port);
  const dragged = dragDevice ? devices.find((d) => d.id === dragDevice) : undefined;
  const fits = dragged !== undefined && !occupant && busOf(dragged.model) === port.bus;
  const hubPorts = occupant ? ports.filter((p) => p.owner === occupant.id) : [];
  const ring = over ? (fits ? 'border-accent bg-accent-soft ring-2 ring-accent' : 'border-bad bg-bad-soft') : fits ? 'border-accent/70' : 'border-board-line';
  return (
    <div data-port={port.port} className={`min-h-12 rounded-lg border-2 border-dashed p-1 ${occupant ? 'border-solid' : ''} ${hubPorts.length > 0 ? 'col-span-2' : ''} ${ring}`}>
      <div className="mb-0.5 flex items-center gap-1.5 px-0.5 text-[11px] font-medium text-muted">
        <span aria-hidden="true" className={`inline-block h-2 w-3.5 rounded-sm ${port.bus === 'pci' ? 'bg-warn/60' : 'bg-accent/50'}`} />
        {name}
        {!occupant && <span className="ml-auto font-normal">free</span>}
      </div>
      {occupant && <DeviceChip device={occupant} config={configs.get(occupant.id)!} />}
      {hubPorts.length > 0 && (
        <div className="mt-1 grid grid-cols-2 gap-1 rounded-md bg-board/60 p-1" role="group" aria-label={`Ports of hub ${occupant!.id}`}>
          {hubPorts.map((p, i) => (
            <PortSlot key={p.port} port={p} name={`Port ${i + 1}`} devices={devices} configs={configs} ports={ports} />
          ))}
        </div>
      )}
    </div>
  );
}
