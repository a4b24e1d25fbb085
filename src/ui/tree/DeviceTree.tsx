/**
 * Device Manager's "Devices by connection" view: devnodes under their parents, state, problem code, driver stack.
 * The tree is laid out as rows of fixed heights and windowed (common/WindowedRows.tsx): a full USB bus of 127
 * devices keeps only the rows in view in the DOM.
 */
import { memo, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { BUILT_IN_BUSES } from '../../engine/bus/catalog';
import type { DeviceView } from '../../model/deviceTimeline';
import { useUi } from '../../store/hooks';
import { PanelHeader } from '../common/PanelHeader';
import { DeviceIcon } from '../devices/DeviceIcon';
import { modelOf, PROBLEM_CODES, statusOf, TONE_CLASSES } from '../devices/deviceInfo';
import { useDevicesAtCursor } from '../devices/useDevices';
import { LAYER_TITLES } from '../../model/flow/lanes';
import { usePrefetchVetoes, VetoDetail } from '../devices/VetoNote';
import { WindowedRows, type WindowedRow } from '../common/WindowedRows';
import { Staged } from '../common/Staged';

/**
 * Device Manager's rows at a given depth: each device of `parent`, its driver stack when open, its veto, then its
 * children. Rows deeper than `oneLineDepth` have too little width for the name beside the rest: they take two lines.
 */
function treeRows(parent: string, byParent: ReadonlyMap<string, DeviceView[]>, depth: number, oneLineDepth: number, openStacks: ReadonlySet<string>, toggle: (id: string) => void, out: WindowedRow[], seen: Set<string>): void {
  for (const d of byParent.get(parent) ?? []) {
    if (seen.has(d.id)) continue;
    seen.add(d.id);
    const open = openStacks.has(d.id);
    const twoLines = depth > oneLineDepth;
    out.push({ key: d.id, height: twoLines ? DEVICE_ROW_TWO_LINES : DEVICE_ROW, render: () => <Indent depth={depth}><DeviceRow device={d} open={open} onToggle={toggle} twoLines={twoLines} /></Indent> });
    if (open) out.push({ key: `${d.id}/stack`, height: stackHeight(d), render: () => <Indent depth={depth}><StackRows device={d} /></Indent> });
    if (d.veto !== undefined) out.push({ key: `${d.id}/veto`, height: VETO_ROW, render: () => <Indent depth={depth}><div className="h-full overflow-hidden pb-1 [&>p]:line-clamp-3"><VetoDetail veto={d.veto!} /></div></Indent> });
    treeRows(d.id, byParent, depth + 1, oneLineDepth, openStacks, toggle, out, seen);
  }
}

const BUS_ROW = 30;
const DEVICE_ROW = 30;
const DEVICE_ROW_TWO_LINES = 46;
/** what a device row needs beside its indentation to show everything on one line (name, id, settings, state, problem) */
const ONE_LINE_PX = 460;
const indentPx = (depth: number) => 12 + depth * 16;
/** The deepest level whose rows fit on one line in a list `width` px wide (the scroller's padding taken off). */
const oneLineDepthFor = (width: number) => Math.floor((width - 24 - 12 - ONE_LINE_PX) / 16);
const VETO_ROW = 64;
const stackHeight = (d: DeviceView) => 20 + 20 * Math.max(1, d.stack.length);

/** `header`: its own panel heading (false inside the side section's tabs, whose tab names it). */
export function DeviceTree({ header = true }: { header?: boolean }) {
  usePrefetchVetoes();
  const devices = useDevicesAtCursor();
  const [openStacks, setOpenStacks] = useState<ReadonlySet<string>>(() => new Set());
  const scroller = useRef<HTMLDivElement>(null);
  // a wide panel shows every level on one line (a full bus has 7 tiers of hubs): the depth it changes at is all that counts
  const [oneLineDepth, setOneLineDepth] = useState(Infinity);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setOneLineDepth(oneLineDepthFor(el.clientWidth));
    measure();
    const resize = new ResizeObserver(measure);
    resize.observe(el);
    return () => resize.disconnect();
  }, []);
  const gone = (d: DeviceView) => d.state === 'PhysicallyAbsent' && (d.port === undefined || d.unpowered);
  const present = devices.filter((d) => !gone(d));
  // hubs on the bench that still carry devices: those devices are not present until the hub is back
  const unpoweredOn = new Map<string, DeviceView[]>();
  for (const c of devices) if (c.unpowered && c.parent !== undefined) (unpoweredOn.get(c.parent) ?? unpoweredOn.set(c.parent, []).get(c.parent)!).push(c);
  const unpoweredHubs = devices.filter((d) => d.port === undefined && gone(d) && unpoweredOn.has(d.id));
  const rows = useMemo(() => {
    const toggle = (id: string) => setOpenStacks((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
    const byParent = new Map<string, DeviceView[]>();
    for (const d of present) {
      const parent = d.parent ?? (d.port === undefined ? d.lastParent : undefined);
      if (parent !== undefined) (byParent.get(parent) ?? byParent.set(parent, []).get(parent)!).push(d);
    }
    const out: WindowedRow[] = [];
    const seen = new Set<string>();
    for (const bus of BUILT_IN_BUSES) {
      out.push({ key: bus.id, height: BUS_ROW, render: () => <BusRow label={bus.label} driver={`${bus.busDriver}${bus.busFramework === 'wdm' ? '.sys' : ''}`} /> });
      treeRows(bus.id, byParent, 1, oneLineDepth, openStacks, toggle, out, seen);
    }
    return out;
    // `present` is derived from `devices` (which keeps its identity while nothing changed)
    // oxlint-disable-next-line react-hooks/exhaustive-deps
  }, [devices, openStacks, oneLineDepth]);
  return (
    <section aria-labelledby={header ? 'tree-title' : undefined} aria-label={header ? undefined : 'Device Manager'} className="flex h-full flex-col">
      {header && <PanelHeader id="tree-title" title="Device Manager" />}
      <div ref={scroller} data-windowed-scroller className="flex-1 overflow-auto p-3 text-sm" role="region" tabIndex={0} aria-label="Devices by connection">
        <p className="mb-2 font-semibold">Computer <span className="font-normal text-muted">(devices by connection)</span></p>
        <Staged stage="connected" what="the devices">
          <WindowedRows rows={rows} label="Devices by connection" className="border-l border-line" />
        </Staged>
        {present.length === 0 && <p className="mt-3 text-muted">No devnodes yet: plug a device in and watch it appear here.</p>}
        {unpoweredHubs.length > 0 && (
          <section aria-label="Not present" className="mt-3" data-testid="not-present">
            <p className="font-semibold">Not present <span className="font-normal text-muted">(on a hub that is unplugged: no devnode until it is plugged in again)</span></p>
            <Staged stage="notPresent" what="the devices not present">
              <ul className="mt-1 space-y-1 border-l border-dashed border-line pl-3">
                {unpoweredHubs.map((hub) => <AbsentNode key={hub.id} device={hub} unpoweredOn={unpoweredOn} />)}
              </ul>
            </Staged>
          </section>
        )}
      </div>
    </section>
  );
}

/** A row's indentation: one guide line per level above it, as nested lists would draw. */
function Indent({ depth, children }: { depth: number; children: ReactNode }) {
  return (
    <div className="relative h-full" style={{ paddingLeft: indentPx(depth) }}>
      {Array.from({ length: depth }, (_, i) => <span key={i} aria-hidden="true" className="absolute inset-y-0 border-l border-line" style={{ left: indentPx(i) - 8 }} />)}
      {children}
    </div>
  );
}

function BusRow({ label, driver }: { label: string; driver: string }) {
  return (
    <div className="flex h-full items-center gap-2 pl-3">
      <span className="truncate font-medium">{label}</span>
      <span className="shrink-0 font-mono text-xs text-muted">{driver}</span>
    </div>
  );
}

/**
 * One devnode: its name first (never cut for the rest), then its id, settings, state and problem. On two lines (a deep
 * row in a narrow panel) the rest goes under the name, and the state pill is what gets cut if anything must.
 */
const DeviceRow = memo(function DeviceRow({ device, open, onToggle, twoLines }: { device: DeviceView; open: boolean; onToggle(id: string): void; twoLines: boolean }) {
  const status = statusOf(device);
  const problem = device.problem ? PROBLEM_CODES[device.problem] : undefined;
  const openSettings = useUi((s) => s.openSettings);
  const stackId = `stack-${device.id}`;
  const label = modelOf(device.model)?.label ?? device.model;
  const toggle = (
    <button type="button" aria-expanded={open} aria-controls={open ? stackId : undefined} onClick={() => onToggle(device.id)} className="grid h-6 w-6 shrink-0 place-items-center rounded text-muted hover:bg-sunken" aria-label={`Driver stack of ${device.id}`}>
      <span aria-hidden="true">{open ? '▾' : '▸'}</span>
    </button>
  );
  const details = (
    <>
      <span className="shrink-0 font-mono text-xs text-muted">{device.id}</span>
      <button type="button" data-edit onClick={() => openSettings(device.id)} className="shrink-0 rounded px-1 text-xs font-medium text-accent underline-offset-2 hover:underline" aria-label={`Settings of ${device.id}`}>settings</button>
      <span className={`min-w-8 max-w-36 truncate rounded-full border px-1.5 text-xs ${TONE_CLASSES[status.tone]}`} title={device.state}>{device.state}</span>
      {problem && <span className="min-w-8 truncate rounded-full border border-bad/40 bg-bad-soft px-1.5 text-xs text-bad" title={problem.text}>{device.problem} (Code {problem.code})</span>}
    </>
  );
  // one line only where it all fits (ONE_LINE_PX); on two, the name has its line to itself
  const name = <span className={`min-w-0 truncate font-medium ${twoLines ? '' : 'shrink-0'}`} data-device-name title={label}>{label}</span>;
  if (twoLines) {
    return (
      <div className="flex h-full min-w-0 flex-col justify-center whitespace-nowrap" data-tree-device={device.id}>
        <div className="flex min-w-0 items-center gap-1.5">
          {toggle}
          <DeviceIcon model={device.model} className="h-4 w-4 shrink-0 text-muted" />
          {name}
        </div>
        <div className="flex min-w-0 items-center gap-1.5 pl-[3.25rem]">{details}</div>
      </div>
    );
  }
  return (
    <div className="flex h-full min-w-0 items-center gap-1.5 whitespace-nowrap" data-tree-device={device.id}>
      {toggle}
      <DeviceIcon model={device.model} className="h-4 w-4 shrink-0 text-muted" />
      {name}
      {details}
    </div>
  );
});

function StackRows({ device }: { device: DeviceView }) {
  return (
    <ol id={`stack-${device.id}`} aria-label={`Driver stack of ${device.id}, top to bottom`} className="ml-8 space-y-0.5 overflow-hidden rounded-md bg-sunken px-2 py-1.5 text-xs" style={{ height: stackHeight(device) - 4 }}>
      {[...device.stack].reverse().map((l, i) => (
        <li key={i} className="flex h-[18px] gap-2">
          <span className="w-36 shrink-0 truncate text-muted">{LAYER_TITLES[l.layer] ?? l.layer}</span>
          <span className="truncate font-mono">{l.driver}</span>
          <span className="ml-auto rounded bg-panel px-1 font-mono text-[10px] uppercase">{l.framework}</span>
        </li>
      ))}
      {device.stack.length === 0 && <li className="text-muted">No drivers yet.</li>}
    </ol>
  );
}

/** A device that is not present (greyed, as Device Manager shows hidden devices), with what is on its ports. */
function AbsentNode({ device, unpoweredOn }: { device: DeviceView; unpoweredOn: ReadonlyMap<string, DeviceView[]> }) {
  const kids = unpoweredOn.get(device.id) ?? [];
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
          {kids.map((d) => <AbsentNode key={d.id} device={d} unpoweredOn={unpoweredOn} />)}
        </ul>
      )}
    </li>
  );
}
