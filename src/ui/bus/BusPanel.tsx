/** The virtual hardware: a bench of devices, the USB host controller's root hub, and the PCI slots. */
import { useMemo } from 'react';
import { BUILT_IN_BUSES } from '../../engine/bus/catalog';
import { useLab } from '../../store/labStore';
import { DeviceIcon } from '../devices/DeviceIcon';
import { NoticeBar } from '../common/NoticeBar';
import { PanelHeader } from '../common/PanelHeader';
import { useDevicesAtCursor } from '../devices/useDevices';
import { Bench } from './Bench';
import { useDrag } from './dragStore';
import { portsAt } from './ports';
import { PortSlot } from './PortSlot';

export function BusPanel() {
  const devices = useDevicesAtCursor();
  const scenario = useLab((s) => s.scenario);
  const configs = useMemo(() => new Map(scenario.devices.map((d) => [d.id, d])), [scenario]);
  const ports = useMemo(() => portsAt(devices), [devices]);
  const bench = devices.filter((d) => d.port === undefined);
  const nothingPlugged = bench.length === devices.length;

  return (
    <section aria-labelledby="bus-title" className="flex h-full flex-col">
      <PanelHeader id="bus-title" title="Virtual hardware" />
      <div className="flex-1 space-y-2.5 overflow-auto p-2.5" tabIndex={-1} data-drag-scroll>
        <NoticeBar exclude={['settings']} />
        <Bench bench={bench} devices={devices} configs={configs} />
        {nothingPlugged && <p className="rounded-lg bg-accent-soft px-3 py-1.5 text-sm">Drag a device onto a port to start. (Keyboard: focus a device, press Enter, then pick a port.)</p>}
        {BUILT_IN_BUSES.map((bus) => (
          <section key={bus.id} aria-label={bus.label} className="rounded-xl border border-board-line bg-board p-2">
            <h3 className="mb-1.5 flex flex-wrap items-center gap-x-2 text-sm font-semibold">
              <span aria-hidden="true" className="inline-flex h-5 items-center rounded bg-board-line/60 px-1.5 font-mono text-[10px] tracking-wider">{bus.bus === 'usb' ? 'xHCI' : 'PCIe'}</span>
              {bus.label}
              <span className="ml-auto text-xs font-normal text-muted">bus driver: {bus.busDriver}{bus.busFramework === 'wdm' ? '.sys (WDM)' : ' (KMDF)'}</span>
            </h3>
            <div className={`grid gap-1.5 ${bus.bus === 'pci' ? 'grid-cols-[repeat(auto-fill,minmax(8.5rem,1fr))]' : 'grid-cols-2'}`}>
              {ports.filter((p) => p.owner === bus.id).map((p, i) => (
                <PortSlot key={p.port} port={p} name={bus.bus === 'pci' ? `Slot ${i + 1}` : `Port ${i + 1}`} devices={devices} configs={configs} ports={ports} />
              ))}
            </div>
          </section>
        ))}
      </div>
      <DragGhost />
    </section>
  );
}

function DragGhost() {
  const { device, x, y } = useDrag();
  const model = useLab((s) => s.scenario.devices.find((d) => d.id === device)?.model);
  if (!device || !model) return null;
  return (
    <div aria-hidden="true" className="pointer-events-none fixed z-50 flex items-center gap-2 rounded-lg border border-accent bg-panel px-3 py-2 text-sm font-semibold shadow-2xl" style={{ left: x + 12, top: y + 8 }}>
      <DeviceIcon model={model} className="h-5 w-5" />
      {device}
    </div>
  );
}
