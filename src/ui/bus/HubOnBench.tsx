/**
 * A hub on the bench with the devices still on its ports, drawn inside it and greyed: they have no
 * power, so they are not present (their devnodes went with the hub's). Plugging the hub back in
 * enumerates them again. The ports take no new device (an unplugged hub offers no port to the lab).
 */
import type { DeviceView } from '../../model/deviceTimeline';
import type { DeviceInput } from '../../model/scenarioEdit';
import { modelOf } from '../devices/deviceInfo';
import { DeviceChip } from './DeviceChip';
import { CROWDED_BUS, useHubFold, useHubOpen } from './hubFold';

interface Props {
  hub: DeviceView;
  devices: readonly DeviceView[];
  configs: ReadonlyMap<string, DeviceInput>;
}

/** The devices on the ports of `hub` (any depth counts for "has children"). */
export function hubPorts(hub: DeviceView, devices: readonly DeviceView[]): { port: string; occupant: DeviceView | undefined }[] {
  const n = modelOf(hub.model)?.ports ?? 0;
  return Array.from({ length: n }, (_, i) => {
    const port = `${hub.id}:${i + 1}`;
    return { port, occupant: devices.find((d) => d.port === port) };
  });
}

/** How many devices are on the ports of `hub`, at any depth. */
function carried(hub: DeviceView, devices: readonly DeviceView[], depth = 0): number {
  if (depth > devices.length) return 0;
  return hubPorts(hub, devices).reduce((n, p) => n + (p.occupant ? 1 + carried(p.occupant, devices, depth + 1) : 0), 0);
}

export function HubOnBench({ hub, devices, configs }: Props) {
  // a hub carrying a big tree folds the hubs on its ports (a press opens one)
  const crowded = carried(hub, devices) > CROWDED_BUS / 2;
  return (
    <div className="rounded-lg border border-line bg-panel/60 p-1" data-bench-hub={hub.id}>
      <DeviceChip device={hub} config={configs.get(hub.id)!} compact />
      <UnpoweredPorts hub={hub} devices={devices} configs={configs} crowded={crowded} />
    </div>
  );
}

function UnpoweredHub({ hub, devices, configs, crowded }: Props & { crowded: boolean }) {
  const open = useHubOpen(hub.id, crowded, true);
  const setOpen = useHubFold((s) => s.setOpen);
  // a small tree shows whole, with no fold control
  if (!crowded) return <UnpoweredPorts hub={hub} devices={devices} configs={configs} crowded={crowded} />;
  return (
    <>
      <button type="button" aria-expanded={open} onClick={() => setOpen(hub.id, !open)} className="mt-0.5 flex w-full items-center gap-1 rounded px-0.5 text-left text-[10px] text-muted hover:bg-sunken" data-hub-fold={hub.id}>
        <span aria-hidden="true">{open ? '▾' : '▸'}</span>
        <span className="sr-only">{open ? 'Fold' : 'Show'} the ports of hub {hub.id}: </span>
        {carried(hub, devices)} on its ports
      </button>
      {open && <UnpoweredPorts hub={hub} devices={devices} configs={configs} crowded={crowded} />}
    </>
  );
}

function UnpoweredPorts({ hub, devices, configs, crowded }: Props & { crowded: boolean }) {
  const ports = hubPorts(hub, devices);
  return (
    <div role="group" aria-label={`Ports of hub ${hub.id} (no power: the hub is unplugged)`} className="mt-1 grid grid-cols-2 gap-1 rounded-md border border-dashed border-line p-1 opacity-70 grayscale">
      {ports.map(({ port, occupant }, i) => (
        <div key={port} className="min-h-12 rounded-md border border-line/70 p-0.5" data-unpowered-port={port}>
          <div className="flex items-center gap-1 px-0.5 text-[11px] text-muted">
            Port {i + 1}
            {!occupant && <span className="ml-auto">free</span>}
          </div>
          {occupant && <DeviceChip device={occupant} config={configs.get(occupant.id)!} />}
          {occupant && (modelOf(occupant.model)?.ports ?? 0) > 0 && hubPorts(occupant, devices).some((p) => p.occupant) && (
            <UnpoweredHub hub={occupant} devices={devices} configs={configs} crowded={crowded} />
          )}
        </div>
      ))}
    </div>
  );
}
