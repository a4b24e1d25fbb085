/** Devices not plugged in, and the control that adds a new one from the catalog. */
import { useState } from 'react';
import { MODEL_IDS } from '../../engine/bus/catalog';
import type { DeviceView } from '../../model/deviceTimeline';
import { useLab } from '../../store/hooks';
import type { DeviceInput } from '../../model/scenarioEdit';
import { modelOf } from '../devices/deviceInfo';
import { DeviceChip } from './DeviceChip';
import { useDrag } from './dragStore';
import { hubPorts, HubOnBench } from './HubOnBench';

interface Props {
  bench: readonly DeviceView[];
  /** every device (a hub on the bench still carries the devices on its ports) */
  devices: readonly DeviceView[];
  configs: ReadonlyMap<string, DeviceInput>;
}

/** More devices than this on the bench: it shows the first BENCH_SHOWN and a button for the rest (a full bus has 127). */
const CROWDED_BENCH = 30;
const BENCH_SHOWN = 24;

export function Bench({ bench, devices, configs }: Props) {
  const [model, setModel] = useState<string>(MODEL_IDS[0]);
  const [all, setAll] = useState(false);
  const folded = !all && bench.length > CROWDED_BENCH;
  const shown = folded ? bench.slice(0, BENCH_SHOWN) : bench;
  const addDevice = useLab((s) => s.addDevice);
  const over = useDrag((s) => s.over === 'palette');
  const dragging = useDrag((s) => s.device !== undefined);
  return (
    <section aria-labelledby="bench-title" data-drop="palette" className={`rounded-xl border-2 p-1.5 ${over ? 'border-accent bg-accent-soft' : dragging ? 'border-dashed border-accent/60' : 'border-transparent bg-sunken'}`}>
      <div className="mb-1 flex flex-wrap items-center gap-x-2 gap-y-1">
        <h3 id="bench-title" className="text-sm font-semibold">Bench <span className="font-normal text-muted">(unplugged)</span></h3>
        <form
          data-edit
          className="ml-auto flex items-center gap-1.5"
          onSubmit={(e) => {
            e.preventDefault();
            addDevice(model);
          }}
        >
          <label htmlFor="add-model" className="sr-only">Device model to add</label>
          <select id="add-model" value={model} onChange={(e) => setModel(e.target.value)} className="w-36 rounded-md border border-line bg-panel px-1 py-0 text-xs leading-6">
            {MODEL_IDS.map((m) => <option key={m} value={m}>{modelOf(m).label}</option>)}
          </select>
          <button type="submit" className="rounded-md border border-line bg-panel px-2 text-xs font-medium leading-6 hover:bg-sunken">Add</button>
        </form>
      </div>
      {bench.length === 0 ? (
        <p className="px-1 py-1 text-xs text-muted">Every device is plugged in. Drag one back here to pull its cable.</p>
      ) : (
        <ul className="grid grid-cols-[repeat(auto-fill,minmax(7rem,1fr))] gap-1">
          {shown.map((d) => (
            hubPorts(d, devices).some((p) => p.occupant) ? (
              <li key={d.id} className="col-span-full">
                <HubOnBench hub={d} devices={devices} configs={configs} />
              </li>
            ) : (
              <li key={d.id}>
                <DeviceChip device={d} config={configs.get(d.id)!} compact />
              </li>
            )
          ))}
          {bench.length > CROWDED_BENCH && (
            <li className="col-span-full">
              <button type="button" aria-expanded={!folded} onClick={() => setAll(!all)} className="w-full rounded-md border border-dashed border-line px-2 py-1 text-left text-xs font-medium text-muted hover:bg-panel" data-bench-fold>
                {folded ? `Show all ${bench.length} devices on the bench (${bench.length - BENCH_SHOWN} more)` : `Show the first ${BENCH_SHOWN} only`}
              </button>
            </li>
          )}
        </ul>
      )}
    </section>
  );
}
