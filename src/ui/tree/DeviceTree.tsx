/** Device Manager's "Devices by connection" view: devnodes under their parents, state, problem code, driver stack. */
import { useState } from 'react';
import { BUILT_IN_BUSES } from '../../engine/bus/catalog';
import type { DeviceView } from '../../model/deviceTimeline';
import { useUi } from '../../store/hooks';
import { PanelHeader } from '../common/PanelHeader';
import { DeviceIcon } from '../devices/DeviceIcon';
import { modelOf, PROBLEM_CODES, statusOf, TONE_CLASSES } from '../devices/deviceInfo';
import { useDevicesAtCursor } from '../devices/useDevices';
import { LAYER_TITLES } from '../../model/flow/lanes';
import { usePrefetchVetoes, VetoDetail } from '../devices/VetoNote';

/** `header`: its own panel heading (false inside the side section's tabs, whose tab names it). */
export function DeviceTree({ header = true }: { header?: boolean }) {
  usePrefetchVetoes();
  const devices = useDevicesAtCursor();
  const gone = (d: DeviceView) => d.state === 'PhysicallyAbsent' && (d.port === undefined || d.unpowered);
  const present = devices.filter((d) => !gone(d));
  // hubs on the bench that still carry devices: those devices are not present until the hub is back
  const unpoweredHubs = devices.filter((d) => d.port === undefined && gone(d) && devices.some((c) => c.parent === d.id && c.unpowered));
  return (
    <section aria-labelledby={header ? 'tree-title' : undefined} aria-label={header ? undefined : 'Device Manager'} className="flex h-full flex-col">
      {header && <PanelHeader id="tree-title" title="Device Manager" />}
      <div className="flex-1 overflow-auto p-3 text-sm" role="region" tabIndex={0} aria-label="Devices by connection">
        <p className="mb-2 font-semibold">Computer <span className="font-normal text-muted">(devices by connection)</span></p>
        <ul className="space-y-1 border-l border-line pl-3">
          {BUILT_IN_BUSES.map((bus) => (
            <li key={bus.id}>
              <div className="flex items-center gap-2 py-0.5">
                <span className="font-medium">{bus.label}</span>
                <span className="font-mono text-xs text-muted">{bus.busDriver}{bus.busFramework === 'wdm' ? '.sys' : ''}</span>
              </div>
              <Children parent={bus.id} devices={present} />
            </li>
          ))}
        </ul>
        {present.length === 0 && <p className="mt-3 text-muted">No devnodes yet: plug a device in and watch it appear here.</p>}
        {unpoweredHubs.length > 0 && (
          <section aria-label="Not present" className="mt-3" data-testid="not-present">
            <p className="font-semibold">Not present <span className="font-normal text-muted">(on a hub that is unplugged: no devnode until it is plugged in again)</span></p>
            <ul className="mt-1 space-y-1 border-l border-dashed border-line pl-3">
              {unpoweredHubs.map((hub) => <AbsentNode key={hub.id} device={hub} devices={devices} />)}
            </ul>
          </section>
        )}
      </div>
    </section>
  );
}

function Children({ parent, devices }: { parent: string; devices: readonly DeviceView[] }) {
  const kids = devices.filter((d) => d.parent === parent || (d.port === undefined && d.lastParent === parent));
  if (kids.length === 0) return null;
  return (
    <ul className="ml-2 space-y-1 border-l border-line pl-3">
      {kids.map((d) => <DeviceNode key={d.id} device={d} devices={devices} />)}
    </ul>
  );
}

function DeviceNode({ device, devices }: { device: DeviceView; devices: readonly DeviceView[] }) {
  const [open, setOpen] = useState(false);
  const status = statusOf(device);
  const problem = device.problem ? PROBLEM_CODES[device.problem] : undefined;
  const openSettings = useUi((s) => s.openSettings);
  const stackId = `stack-${device.id}`;
  return (
    <li>
      <div className="flex flex-wrap items-center gap-1.5 py-0.5">
        <button type="button" aria-expanded={open} aria-controls={stackId} onClick={() => setOpen(!open)} className="grid h-6 w-6 place-items-center rounded text-muted hover:bg-sunken" aria-label={`Driver stack of ${device.id}`}>
          <span aria-hidden="true">{open ? '▾' : '▸'}</span>
        </button>
        <DeviceIcon model={device.model} className="h-4 w-4 text-muted" />
        <span className="font-medium">{modelOf(device.model)?.label ?? device.model}</span>
        <span className="font-mono text-xs text-muted">{device.id}</span>
        <button type="button" data-edit onClick={() => openSettings(device.id)} className="rounded px-1 text-xs font-medium text-accent underline-offset-2 hover:underline" aria-label={`Settings of ${device.id}`}>settings</button>
        <span className={`rounded-full border px-1.5 text-xs ${TONE_CLASSES[status.tone]}`} title={device.state}>{device.state}</span>
        {problem && <span className="rounded-full border border-bad/40 bg-bad-soft px-1.5 text-xs text-bad" title={problem.text}>{device.problem} (Code {problem.code})</span>}
      </div>
      {device.veto !== undefined && <VetoDetail veto={device.veto} />}
      {open && (
        <ol id={stackId} aria-label={`Driver stack of ${device.id}, top to bottom`} className="mb-1 ml-8 space-y-0.5 rounded-md bg-sunken p-2 text-xs">
          {[...device.stack].reverse().map((l, i) => (
            <li key={i} className="flex gap-2">
              <span className="w-36 shrink-0 text-muted">{LAYER_TITLES[l.layer] ?? l.layer}</span>
              <span className="font-mono">{l.driver}</span>
              <span className="ml-auto rounded bg-panel px-1 font-mono text-[10px] uppercase">{l.framework}</span>
            </li>
          ))}
          {device.stack.length === 0 && <li className="text-muted">No drivers yet.</li>}
        </ol>
      )}
      <Children parent={device.id} devices={devices} />
    </li>
  );
}

/** A device that is not present (greyed, as Device Manager shows hidden devices), with what is on its ports. */
function AbsentNode({ device, devices }: { device: DeviceView; devices: readonly DeviceView[] }) {
  const kids = devices.filter((d) => d.parent === device.id && d.unpowered);
  return (
    <li data-absent={device.id}>
      <div className="flex flex-wrap items-center gap-1.5 py-0.5 text-muted opacity-75">
        <DeviceIcon model={device.model} className="h-4 w-4" />
        <span className="font-medium">{modelOf(device.model)?.label ?? device.model}</span>
        <span className="font-mono text-xs">{device.id}</span>
        <span className="rounded-full border border-dashed border-skip/60 px-1.5 text-xs">{device.unpowered ? 'not present (no power)' : 'not present (unplugged)'}</span>
      </div>
      {kids.length > 0 && (
        <ul className="ml-2 space-y-1 border-l border-dashed border-line pl-3">
          {kids.map((d) => <AbsentNode key={d.id} device={d} devices={devices} />)}
        </ul>
      )}
    </li>
  );
}
