/**
 * A device's settings: capabilities, open handles, filters, WdfDeviceSetStaticStopRemove and what
 * each callback does. Each change re-runs the same steps with the new setting; nothing is lost.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useLab, useLabStore, useUi, useUiStore } from '../../store/hooks';
import type { DeviceInput } from '../../model/scenarioEdit';
import { NoticeBar } from '../common/NoticeBar';
import { capabilitiesOf, modelOf } from '../devices/deviceInfo';
import { allowsBehavior, BEHAVIORS, callbackGroups, FRAMEWORK_IDS, FRAMEWORK_LABELS, type FrameworkId } from './callbackGroups';
import { callbacksOf, withCallback, type CallbackLayer } from './callbackSettings';

const LAYER_LABELS: Record<CallbackLayer, string> = { function: 'Function driver', bus: 'Bus driver (PDO)', 'lower-filter': 'Lower filters', 'upper-filter': 'Upper filters' };

export function SettingsDrawer() {
  const ui = useUiStore();
  const id = useUi((s) => s.settingsDevice);
  const close = () => ui.getState().openSettings(undefined);
  const device = useLab((s) => s.scenario.devices.find((d) => d.id === id));
  const heading = useRef<HTMLHeadingElement>(null);
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    if (!id) return;
    opener.current = document.activeElement;
    heading.current?.focus();
    return () => {
      if (opener.current instanceof HTMLElement && opener.current.isConnected) opener.current.focus();
    };
  }, [id]);

  if (!id || !device) return null;
  return (
    // Escape anywhere in the drawer closes it (the keys reach the aside from its controls)
    // oxlint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <aside
      aria-labelledby="settings-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          close();
        }
      }}
      className="fixed bottom-0 right-0 top-0 z-40 flex w-[min(30rem,100vw)] flex-col border-l border-line bg-panel shadow-2xl"
    >
      <div className="flex items-start gap-2 border-b border-line p-4">
        <div className="flex-1">
          <h2 id="settings-title" ref={heading} tabIndex={-1} className="text-lg font-semibold">Settings: {device.id}</h2>
          <p className="text-sm text-muted">{modelOf(device.model)?.label}. A change re-runs the same steps with the new setting; nothing is lost.</p>
        </div>
        <button type="button" onClick={close} className="rounded-md border border-line px-2.5 py-1 text-sm font-medium hover:bg-sunken">Close</button>
      </div>
      <div className="flex-1 space-y-5 overflow-auto p-4 text-sm">
        <NoticeBar scopes={['settings']} />
        {device.model === 'usb-scanner' && <WiaSettings device={device} />}
        <DeviceSettings device={device} />
        <CallbackSettings device={device} />
      </div>
    </aside>
  );
}

/** Changes a device's settings (the lab re-runs its steps with them). */
function useUpdateDevice(): (id: string, f: (d: DeviceInput) => DeviceInput) => void {
  const lab = useLabStore();
  return (id, f) => lab.getState().updateDevice(id, f);
}

function DeviceSettings({ device }: { device: DeviceInput }) {
  const update = useUpdateDevice();
  const caps = capabilitiesOf(device);
  const number = (label: string, value: number, max: number, set: (d: DeviceInput, n: number) => DeviceInput, hint: string) => (
    <label className="flex items-center gap-3">
      <span className="flex-1">
        <span className="block font-medium">{label}</span>
        <span className="block text-xs text-muted">{hint}</span>
      </span>
      <input
        type="number" min={0} max={max} value={value}
        onChange={(e) => {
          const n = Number(e.target.value);
          if (Number.isInteger(n) && n >= 0 && n <= max) update(device.id, (d) => set(d, n));
        }}
        className="w-20 rounded-md border border-line bg-panel px-2 py-1 text-right"
      />
    </label>
  );
  const staticCount = typeof device.staticStopRemove === 'number' ? device.staticStopRemove : device.staticStopRemove ? 1 : 0;
  return (
    <>
      <fieldset className="space-y-2">
        <legend className="mb-1 font-semibold">Capabilities (DEVICE_CAPABILITIES)</legend>
        {(['Removable', 'SurpriseRemovalOK', 'NotDisableable'] as const).map((cap) => (
          <label key={cap} className="flex items-center gap-2">
            <input type="checkbox" checked={caps[cap]} onChange={(e) => update(device.id, (d) => ({ ...d, capabilities: { ...d.capabilities, [cap]: e.target.checked } }))} className="h-4 w-4 accent-[var(--color-accent)]" />
            <span className="font-mono">{cap}</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="mb-1 font-semibold">Stack and handles</legend>
        {number('Open handles', device.openHandles ?? 0, 99, (d, n) => ({ ...d, openHandles: n }), 'Handles applications keep open on the device.')}
        {number('WdfDeviceSetStaticStopRemove(FALSE)', staticCount, 9, (d, n) => ({ ...d, staticStopRemove: n }), 'Unbalanced calls by the function driver: query-stop and query-remove fail.')}
        {number('Lower filter drivers', device.filters?.lower ?? 0, 4, (d, n) => ({ ...d, filters: { lower: n, upper: d.filters?.upper ?? 0 } }), 'KMDF filters between the bus driver and the function driver.')}
        {number('Upper filter drivers', device.filters?.upper ?? 0, 4, (d, n) => ({ ...d, filters: { lower: d.filters?.lower ?? 0, upper: n } }), 'KMDF filters above the function driver.')}
      </fieldset>
    </>
  );
}

/** The scanner's WIA options: a document feeder and its sheets, and a minidriver that ignores its disconnected flag. */
function WiaSettings({ device }: { device: DeviceInput }) {
  const update = useUpdateDevice();
  const wia = { feeder: device.wia?.feeder ?? false, pages: device.wia?.pages ?? 0, careless: device.wia?.careless ?? false };
  const set = (next: typeof wia) => update(device.id, (d) => ({ ...d, wia: { feeder: next.feeder, ...(next.feeder ? { pages: next.pages } : {}), ...(next.careless ? { careless: true } : {}) } }));
  return (
    <fieldset className="space-y-2" data-testid="wia-settings">
      <legend className="mb-1 font-semibold">Scanner (WIA)</legend>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={wia.feeder} onChange={(e) => set({ ...wia, feeder: e.target.checked })} className="h-4 w-4 accent-[var(--color-accent)]" />
        <span className="flex-1">
          <span className="block font-medium">Document feeder</span>
          <span className="block text-xs text-muted">Instead of a flatbed: scans take pages, and the paper can jam.</span>
        </span>
      </label>
      <label className={`flex items-center gap-3 ${wia.feeder ? '' : 'opacity-50'}`}>
        <span className="flex-1">
          <span className="block font-medium">Sheets loaded</span>
          <span className="block text-xs text-muted">Paper in the feeder; an empty feeder fails the first page with WIA_ERROR_PAPER_EMPTY.</span>
        </span>
        <input
          type="number" min={0} max={500} value={wia.pages} disabled={!wia.feeder}
          onChange={(e) => {
            const n = Number(e.target.value);
            if (Number.isInteger(n) && n >= 0 && n <= 500) set({ ...wia, pages: n });
          }}
          className="w-20 rounded-md border border-line bg-panel px-2 py-1 text-right"
        />
      </label>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={wia.careless} onChange={(e) => set({ ...wia, careless: e.target.checked })} className="h-4 w-4 accent-[var(--color-accent)]" />
        <span className="flex-1">
          <span className="block font-medium">Careless minidriver</span>
          <span className="block text-xs text-muted">Ignores its disconnected flag: every hardware access after WIA_EVENT_DEVICE_DISCONNECTED is a warning.</span>
        </span>
      </label>
    </fieldset>
  );
}

function CallbackSettings({ device }: { device: DeviceInput }) {
  const update = useUpdateDevice();
  const [layer, setLayer] = useState<CallbackLayer>('function');
  const [query, setQuery] = useState('');
  const layers: CallbackLayer[] = ['function', 'bus'];
  if ((device.filters?.lower ?? 0) > 0) layers.push('lower-filter');
  if ((device.filters?.upper ?? 0) > 0) layers.push('upper-filter');
  const set = callbacksOf(device, layer);
  const framework = (device.framework ?? 'kmdf') as FrameworkId;
  const groups = useMemo(
    () => callbackGroups(framework).map((g) => ({ ...g, callbacks: g.callbacks.filter((c) => c.name.toLowerCase().includes(query.toLowerCase())) })).filter((g) => g.callbacks.length > 0),
    [query, framework],
  );
  const driver = layer === 'function' ? modelOf(device.model)?.functionDriver : undefined;
  return (
    <fieldset>
      <legend className="mb-1 font-semibold">Callbacks</legend>
      <div role="radiogroup" aria-label="Driver framework" className="mb-2 flex flex-wrap items-center gap-1 text-xs">
        <span className="mr-1 text-muted">Framework</span>
        {FRAMEWORK_IDS.map((f) => (
          <button
            key={f} type="button" role="radio" aria-checked={framework === f}
            onClick={() => framework !== f && update(device.id, (d) => ({ ...d, framework: f, callbacks: {}, layers: undefined, staticStopRemove: f === 'kmdf' ? d.staticStopRemove : 0 }))}
            className={`rounded-full border px-2.5 py-0.5 font-medium ${framework === f ? 'border-accent bg-accent text-accent-ink' : 'border-line hover:bg-sunken'}`}
          >
            {FRAMEWORK_LABELS[f] ?? f}
          </button>
        ))}
        <span className="text-muted">(switching clears the callback settings)</span>
      </div>
      <p className="mb-2 text-xs text-muted">
        What each callback does: succeed; fail (only where KMDF gives it a failure path); absent (not registered: the framework does its default); hang (never returns).
      </p>
      <div role="radiogroup" aria-label="Driver whose callbacks you set" className="mb-2 flex flex-wrap gap-1">
        {layers.map((l) => (
          <button key={l} type="button" role="radio" aria-checked={layer === l} onClick={() => setLayer(l)} className={`rounded-full border px-2.5 py-0.5 text-xs font-medium ${layer === l ? 'border-accent bg-accent text-accent-ink' : 'border-line hover:bg-sunken'}`}>
            {LAYER_LABELS[l]}{l === 'function' && driver ? ` (${driver})` : ''}
          </button>
        ))}
      </div>
      <label className="mb-2 block">
        <span className="sr-only">Find a callback</span>
        <input type="search" placeholder="Find a callback…" value={query} onChange={(e) => setQuery(e.target.value)} className="w-full rounded-md border border-line bg-panel px-2 py-1" />
      </label>
      <div className="space-y-3">
        {groups.map((g) => (
          <div key={g.tableId}>
            <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-muted">{g.title}</h3>
            <ul className="divide-y divide-line rounded-md border border-line">
              {g.callbacks.map((c) => {
                const value = set[c.name] ?? 'default';
                return (
                  <li key={c.name} className="flex items-center gap-2 px-2 py-1">
                    <label htmlFor={`cb-${layer}-${c.name}`} className={`flex-1 truncate font-mono text-xs ${value !== 'default' ? 'font-bold' : ''}`}>{c.name}</label>
                    <select
                      id={`cb-${layer}-${c.name}`}
                      value={value}
                      onChange={(e) => update(device.id, (d) => withCallback(d, layer, c.name, e.target.value))}
                      className={`rounded border px-1 py-0.5 text-xs ${value.startsWith('fail') || value === 'hang' ? 'border-bad/50 bg-bad-soft text-bad' : value === 'absent' ? 'border-line bg-skip-soft' : 'border-line bg-panel'}`}
                    >
                      <option value="default">default</option>
                      {BEHAVIORS.filter((b) => allowsBehavior(c, b)).map((b) => <option key={b} value={b}>{b}</option>)}
                    </select>
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
