/**
 * One port (USB) or slot (PCI), empty or holding a device; a plugged-in hub shows its own ports inside, or, folded
 * (a crowded bus, hubFold.ts), one line saying what is on them.
 */
import type { DeviceView } from '../../model/deviceTimeline';
import type { DeviceInput } from '../../model/scenarioEdit';
import { busOf, statusOf, type Tone } from '../devices/deviceInfo';
import { DeviceChip } from './DeviceChip';
import { useDrag } from './dragStore';
import { useHubFold, useHubOpen } from './hubFold';
import type { PortView } from './ports';

interface Props {
  port: PortView;
  name: string;
  devices: readonly DeviceView[];
  configs: ReadonlyMap<string, DeviceInput>;
  ports: readonly PortView[];
  /** many devices on the bus: hubs on other hubs start folded */
  crowded?: boolean;
}

export function PortSlot({ port, name, devices, configs, ports, crowded = false }: Props) {
  const occupant = port.occupant ? devices.find((d) => d.id === port.occupant) : undefined;
  const dragDevice = useDrag((s) => s.device);
  const over = useDrag((s) => s.over === port.port);
  const dragged = dragDevice ? devices.find((d) => d.id === dragDevice) : undefined;
  const fits = dragged !== undefined && !occupant && busOf(dragged.model) === port.bus;
  const hubPorts = occupant ? ports.filter((p) => p.owner === occupant.id) : [];
  const open = useHubOpen(occupant?.id ?? port.port, crowded, port.owner !== 'usb-root-hub');
  const ring = over ? (fits ? 'border-accent bg-accent-soft ring-2 ring-accent' : 'border-bad bg-bad-soft') : fits ? 'border-accent/70' : 'border-board-line';
  return (
    <div data-port={port.port} className={`min-h-12 rounded-lg border-2 border-dashed p-1 ${occupant ? 'border-solid' : ''} ${hubPorts.length > 0 && open ? 'col-span-2' : ''} ${ring}`}>
      <div className="mb-0.5 flex items-center gap-1.5 px-0.5 text-[11px] font-medium text-muted">
        <span aria-hidden="true" className={`inline-block h-2 w-3.5 rounded-sm ${port.bus === 'pci' ? 'bg-warn/60' : 'bg-accent/50'}`} />
        {name}
        {!occupant && <span className="ml-auto font-normal">free</span>}
      </div>
      {occupant && <DeviceChip device={occupant} config={configs.get(occupant.id)!} />}
      {hubPorts.length > 0 && <HubPorts hub={occupant!} hubPorts={hubPorts} open={open} devices={devices} configs={configs} ports={ports} crowded={crowded} />}
    </div>
  );
}

function HubPorts({ hub, hubPorts, open, devices, configs, ports, crowded }: { hub: DeviceView; hubPorts: readonly PortView[]; open: boolean; devices: readonly DeviceView[]; configs: ReadonlyMap<string, DeviceInput>; ports: readonly PortView[]; crowded: boolean }) {
  const setOpen = useHubFold((s) => s.setOpen);
  const used = hubPorts.filter((p) => p.occupant).length;
  const groupId = `hub-ports-${hub.id}`;
  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={open ? groupId : undefined}
        onClick={() => setOpen(hub.id, !open)}
        className="mt-1 flex w-full min-w-0 items-center gap-1.5 rounded-md px-1 py-0.5 text-left text-[11px] text-muted hover:bg-board-line/40"
        data-hub-fold={hub.id}
      >
        <span aria-hidden="true" className="w-3 shrink-0 text-center">{open ? '▾' : '▸'}</span>
        <span className="sr-only">{open ? 'Fold' : 'Show'} the ports of hub {hub.id}: </span>
        <span className="shrink-0">{open ? `${hubPorts.length} ports, ${used} in use` : `${used}/${hubPorts.length} in use`}</span>
        {!open && <PortsSummary hubPorts={hubPorts} devices={devices} />}
      </button>
      {open && (
        <div id={groupId} className="mt-1 grid grid-cols-2 gap-1 rounded-md bg-board/60 p-1" role="group" aria-label={`Ports of hub ${hub.id}`}>
          {hubPorts.map((p, i) => (
            <PortSlot key={p.port} port={p} name={`Port ${i + 1}`} devices={devices} configs={configs} ports={ports} crowded={crowded} />
          ))}
        </div>
      )}
    </>
  );
}

const SOLID: Record<Tone, string> = { ok: 'border-ok bg-ok', busy: 'border-accent bg-accent', warn: 'border-warn bg-warn', bad: 'border-bad bg-bad', off: 'border-skip bg-skip' };

/** A folded hub: one small square per port, coloured by the state of the device on it (an outline when free). */
function PortsSummary({ hubPorts, devices }: { hubPorts: readonly PortView[]; devices: readonly DeviceView[] }) {
  return (
    <span className="flex shrink-0 items-center gap-0.5" aria-hidden="true">
      {hubPorts.map((p) => {
        const d = p.occupant ? devices.find((x) => x.id === p.occupant) : undefined;
        return <span key={p.port} className={`inline-block h-2.5 w-2.5 rounded-sm border ${d ? SOLID[statusOf(d).tone] : 'border-dashed border-muted/60'}`} />;
      })}
    </span>
  );
}
