/** The virtual hardware: a bench of devices, the USB host controller's root hub, and the PCI slots. */
import { useCallback, useMemo, useRef } from 'react';
import { BUILT_IN_BUSES } from '../../engine/bus/catalog';
import { type LabState } from '../../store/labStore';
import { useLab, useLabStore } from '../../store/hooks';
import { DeviceIcon } from '../devices/DeviceIcon';
import { NoticeBar } from '../common/NoticeBar';
import { PanelHeader } from '../common/PanelHeader';
import { useDevicesAtCursor } from '../devices/useDevices';
import { usePrefetchVetoes } from '../devices/VetoNote';
import { Bench } from './Bench';
import { DevicesContext } from './devicesContext';
import { FillBusButton } from './FillBusButton';
import { CROWDED_BUS } from './hubFold';
import { USB_MAX_DEVICES } from '../../model/fillBus';
import { busOf } from '../devices/deviceInfo';
import { useDrag } from './dragStore';
import { portsAt } from './ports';
import { PortSlot } from './PortSlot';
import { Staged } from '../common/Staged';

export function BusPanel() {
  usePrefetchVetoes();
  const devices = useDevicesAtCursor();
  const scenario = useLab((s) => s.scenario);
  const configs = useMemo(() => new Map(scenario.devices.map((d) => [d.id, d])), [scenario]);
  const ports = useMemo(() => portsAt(devices), [devices]);
  const bench = devices.filter((d) => d.port === undefined);
  const nothingPlugged = bench.length === devices.length;
  const latest = useRef(devices);
  latest.current = devices;
  const getDevices = useCallback(() => latest.current, []);
  const readonly = useLab((s) => s.readonly);
  const onUsb = devices.filter((d) => d.port !== undefined && !d.unpowered && busOf(d.model) === 'usb').length;

  return (
    <section aria-labelledby="bus-title" className="flex h-full flex-col">
      <PanelHeader id="bus-title" title="Virtual hardware">
        <ShutdownButton />
      </PanelHeader>
      <DevicesContext value={getDevices}>
      <div className="flex-1 space-y-2 overflow-auto p-2" tabIndex={-1} data-drag-scroll>
        <NoticeBar exclude={['settings', 'clients', 'wia', 'gate']} />
        <ShutdownBanner />
        <Staged stage="bench" what="the bench">
          <Bench bench={bench} devices={devices} configs={configs} />
        </Staged>
        {readonly ? (
          <p className="rounded-lg bg-sunken px-2.5 py-1 text-xs" data-testid="readonly-hint"><strong>Read-only:</strong> this lab plays and steps (Space, ←, →); it cannot be changed here.</p>
        ) : nothingPlugged && <p className="rounded-lg bg-accent-soft px-2.5 py-1 text-xs">Drag a device onto a port to start. (Keyboard: focus a device, press Enter, then pick a port.)</p>}
        {BUILT_IN_BUSES.map((bus) => (
          <section key={bus.id} aria-label={bus.label} className="rounded-xl border border-board-line bg-board p-1.5">
            <h3 className="mb-1 flex flex-wrap items-center gap-x-2 text-xs font-semibold">
              <span aria-hidden="true" className="inline-flex h-5 items-center rounded bg-board-line/60 px-1.5 font-mono text-[10px] tracking-wider">{bus.bus === 'usb' ? 'xHCI' : 'PCIe'}</span>
              {bus.label}
              <span className="ml-auto text-[11px] font-normal text-muted">bus driver: {bus.busDriver}{bus.busFramework === 'wdm' ? '.sys (WDM)' : ' (KMDF)'}</span>
            </h3>
            {bus.bus === 'usb' && (
              <div className="mb-1 flex items-center gap-2 px-0.5 text-[11px] text-muted">
                <span data-testid="usb-count" title="A USB host controller addresses at most 127 devices, hubs included (7-bit addresses; address 0 is for a device not yet addressed)">{onUsb} of {USB_MAX_DEVICES} USB devices</span>
                {!readonly && <span className="ml-auto"><FillBusButton /></span>}
              </div>
            )}
            <Staged stage="ports" what="the ports">
              <div className={`grid gap-1 ${bus.bus === 'pci' ? 'grid-cols-[repeat(auto-fill,minmax(7.5rem,1fr))]' : 'grid-cols-2'}`}>
                {ports.filter((p) => p.owner === bus.id).map((p, i) => (
                  <PortSlot key={p.port} port={p} name={bus.bus === 'pci' ? `Slot ${i + 1}` : `Port ${i + 1}`} devices={devices} configs={configs} ports={ports} crowded={onUsb > CROWDED_BUS} />
                ))}
              </div>
            </Staged>
          </section>
        ))}
      </div>
      </DevicesContext>
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

/** Trace index of the shutdown step's user event, if the run has one. */
function shutdownIndex(s: LabState): number | undefined {
  const i = s.scenario.steps.findIndex((st) => st.action === 'shutdown');
  return i >= 0 ? s.run.stepEvents[i] : undefined;
}

/** The trace time of the shutdown, once the cursor is past it. */
function useShutDownAt(): number | undefined {
  return useLab((s) => {
    const at = shutdownIndex(s);
    return at !== undefined && at < s.position ? s.run.trace[at].t : undefined;
  });
}

/** System shutdown: the last thing that can happen in a run (Undo takes it back). */
function ShutdownButton() {
  const lab = useLabStore();
  const done = useShutDownAt() !== undefined;
  return (
    <button
      type="button"
      data-edit
      disabled={done}
      onClick={() => lab.getState().act({ action: 'shutdown' }, 'scenario')}
      title="Shut the machine down: WIA drivers unload, every started device goes to D3. No step can follow."
      className="inline-flex items-center gap-1 rounded-md border border-line px-2 py-0.5 text-xs font-medium hover:bg-sunken disabled:opacity-45"
    >
      <svg viewBox="0 0 24 24" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" aria-hidden="true"><path d="M12 3v8M6.3 6.8a8 8 0 1 0 11.4 0" /></svg>
      Shut down
    </button>
  );
}

function ShutdownBanner() {
  const t = useShutDownAt();
  if (t === undefined) return null;
  return (
    <p className="rounded-lg border border-line bg-skip-soft px-3 py-1.5 text-sm">
      <strong>The machine shut down</strong> at t = {t} ms. Nothing more can happen in this run: Undo (Ctrl+Z), or move the cursor back and act there.
    </p>
  );
}
