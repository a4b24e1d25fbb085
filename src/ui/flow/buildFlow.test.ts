import { describe, expect, it } from 'vitest';
import type { Edge, Node } from '@xyflow/react';
import { runLab, type RunResult } from '../../model/runLab';
import type { EditableScenario } from '../../model/scenarioEdit';
import { actionPathAt, indexActions } from '../../model/flow/actionPath';
import { buildFlow, type RowNodeData } from './buildFlow';
import { exitsOf } from '../../model/flow/tableGraph';
import { TABLES } from '../../model/flow/tables';

function run(s: EditableScenario): RunResult {
  const out = runLab(s);
  if (!out.ok) throw out.error;
  return out.run;
}

function graphAt(r: RunResult, position: number) {
  const stackOf = (d: string) => r.ports.filter((p) => p.device === d && p.index < position && p.port !== undefined).at(-1)?.stack ?? [];
  const path = actionPathAt({ trace: r.trace, runs: r.runs, skips: r.skips, index: indexActions(r.trace, r.skips), position, stackOf });
  return { path, graph: buildFlow(path, path.focusDevice ? stackOf(path.focusDevice) : []) };
}

const row = (nodes: Node[], id: string) => {
  const n = nodes.find((x) => x.id === id);
  if (!n) throw new Error(`no node ${id}; have ${nodes.filter((x) => x.type === 'tableRow').map((x) => x.id).join(', ')}`);
  return n.data as RowNodeData;
};
const edge = (edges: Edge[], id: string) => {
  const e = edges.find((x) => x.id === id);
  if (!e) throw new Error(`no edge ${id}`);
  return (e.data as { status: string }).status;
};
const positionOf = (r: RunResult, pred: (e: RunResult['trace'][number]) => boolean) => r.trace.findIndex(pred) + 1;

const PLUG = { seed: 1, devices: [{ id: 'scanner', model: 'usb-scanner' }], steps: [{ action: 'plug', device: 'scanner', port: 'usb-root-hub:1' }] } as EditableScenario;

describe('table → flowchart adapter', () => {
  const plug = run(PLUG);

  it('draws every row and every declared exit of each table it shows, and nothing else', () => {
    for (let p = 1; p <= plug.trace.length; p += 7) {
      const { graph } = graphAt(plug, p);
      for (const frame of graph.nodes.filter((n) => n.type === 'tableFrame')) {
        const key = frame.id.replace(/#frame$/, '');
        const table = TABLES.get(frame.data.tableId as string)!;
        const rows = graph.nodes.filter((n) => n.type === 'tableRow' && n.id.startsWith(`${key}/`)).map((n) => n.id.slice(key.length + 1));
        expect(rows.sort()).toEqual(table.rows.map((r) => r.id).sort());
        const edges = graph.edges.filter((e) => e.id.startsWith(`${key}/`) && !e.id.includes('=>')).map((e) => e.id.slice(key.length + 1));
        expect(edges.sort()).toEqual(exitsOf(table).map((e) => `${e.from}>${e.to}:${e.kind}`).sort());
      }
    }
  });

  it('lights up the row of the event under the cursor and the path taken to it, in the driver lane of that event', () => {
    const p = plug.trace.findLastIndex((e) => e.name === 'EvtDeviceD0Entry') + 1;
    const { graph, path } = graphAt(plug, p);
    const fn = 'drv:function:SimScanner::kmdf.start';
    expect(path.current).toEqual({ key: 'drv:scanner:function:SimScanner::kmdf.start', row: 'D0Entry' });
    expect(row(graph.nodes, `${fn}/D0Entry`).status).toBe('current');
    expect(row(graph.nodes, `${fn}/PrepareHardware`).status).toBe('done');
    expect(row(graph.nodes, `${fn}/SelfManagedIoInit`).status).toBe('idle');
    // the PDO-only ParentToD0 row (a hub's power dependency) sits between them, skipped for a function driver
    expect(edge(graph.edges, `${fn}/PrepareHardware>ParentToD0:next`)).toBe('taken');
    expect(edge(graph.edges, `${fn}/ParentToD0>D0Entry:next`)).toBe('current');
    // IRP_MN_START_DEVICE is still in flight in SimScanner while its EvtDeviceD0Entry runs: its result is not known yet.
    expect(row(graph.nodes, 'pnp::pnp.start/StartDevice').status).toBe('pending');
    expect(graph.focus).toBeDefined();
  });

  it('greys out rows the engine skipped, with the reason it gave, in words (the guard\'s sentence)', () => {
    const p = plug.trace.findLastIndex((e) => e.name === 'EvtDeviceD0Entry') + 1;
    const { graph } = graphAt(plug, p);
    const bus = row(graph.nodes, 'drv:bus:USBHUB3::kmdf.start/InterruptEnable');
    expect(bus.status).toBe('skipped');
    expect(bus.reason).toBe('only when the device has interrupts');
  });

  it('puts the PnP manager first, then one lane per driver of the device, bottom-up', () => {
    const r = run({ seed: 1, devices: [{ id: 'disk', model: 'usb-disk', filters: { lower: 1, upper: 1 } }], steps: [{ action: 'plug', device: 'disk', port: 'usb-root-hub:2' }] });
    const p = positionOf(r, (e) => e.name === 'IRP_MN_START_DEVICE' && e.layer === 'function');
    const { graph } = graphAt(r, p);
    expect(graph.lanes.map((l) => l.key)).toEqual([
      'pnp', 'drv:bus:USBHUB3', 'drv:lower-filter:SimLowerFilter1', 'drv:function:SimDisk', 'drv:upper-filter:SimUpperFilter1',
    ]);
  });

  it('turns a veto red: the failed query, the fail exit taken, and the veto row', () => {
    const r = run({
      seed: 1,
      devices: [{ id: 'scanner', model: 'usb-scanner', callbacks: { EvtDeviceQueryRemove: 'fail' } }],
      steps: [{ action: 'plug', device: 'scanner', port: 'usb-root-hub:1' }, { action: 'safeRemove', device: 'scanner' }],
    });
    const p = positionOf(r, (e) => e.name === 'PNP_VetoDevice');
    const { graph } = graphAt(r, p);
    expect(row(graph.nodes, 'pnp::pnp.orderlyRemoval/ReportVeto').status).toBe('current');
    expect(row(graph.nodes, 'pnp::pnp.queryRemoveOne/QueryRemove').status).toBe('failed');
    expect(row(graph.nodes, 'pnp::pnp.orderlyRemoval/QueryRemoveSubtree').status).toBe('failed');
    expect(edge(graph.edges, 'pnp::pnp.orderlyRemoval/QueryRemoveSubtree>CancelRemoveSubtree:fail')).toBe('failed');
    expect(row(graph.nodes, 'pnp::pnp.orderlyRemoval/RemoveSubtree').status).toBe('idle');
  });

  it('links every row to the Microsoft page it cites', () => {
    const { graph } = graphAt(plug, plug.trace.length);
    const rows = graph.nodes.filter((n) => n.type === 'tableRow').map((n) => n.data as RowNodeData);
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) {
      expect(r.citeUrl).toBe(`https://learn.microsoft.com/windows-hardware/drivers/${r.cite.replace(/\.md$/, '')}`);
    }
  });

  it('shows nothing as current on a user event, and nothing at all before the first event', () => {
    expect(graphAt(plug, 0).path.userEvent).toBeUndefined();
    const { path } = graphAt(plug, positionOf(plug, (e) => e.kind === 'user'));
    expect(path.userEvent?.name).toBe('plug');
    expect(path.current).toBeUndefined();
  });

  it('follows other frameworks and services the engine adds (UMDF 1 driver lane, WIA lane)', () => {
    const umdf = run({ seed: 1, devices: [{ id: 'scanner', model: 'usb-scanner', framework: 'umdf1' }], steps: [{ action: 'plug', device: 'scanner', port: 'usb-root-hub:1' }] });
    const p = positionOf(umdf, (e) => e.at?.startsWith('umdf1.start/') === true);
    expect(p).toBeGreaterThan(0);
    const { graph } = graphAt(umdf, p);
    expect(graph.nodes.some((n) => n.type === 'tableFrame' && n.data.tableId === 'umdf1.start')).toBe(true);
    const wiaAt = positionOf(umdf, (e) => e.kind === 'wia');
    if (wiaAt > 0) expect(graphAt(umdf, wiaAt).graph.lanes.some((l) => l.key === 'wia')).toBe(true);
  });

  it('shows nothing from the future: an IRP still in flight at the cursor is pending, not failed', () => {
    const veto = run({
      seed: 1,
      devices: [{ id: 'scanner', model: 'usb-scanner', callbacks: { EvtDeviceQueryRemove: 'fail' } }],
      steps: [{ action: 'plug', device: 'scanner', port: 'usb-root-hub:1' }, { action: 'safeRemove', device: 'scanner' }],
    } as EditableScenario);
    const irp = veto.trace.findIndex((e) => e.name === 'IRP_MN_QUERY_REMOVE_DEVICE' && e.layer === 'function');
    const e = veto.trace[irp];
    expect(e.result).toBe('STATUS_UNSUCCESSFUL');
    expect(e.end).toBeGreaterThan(e.seq);
    // With the cursor on the IRP, the PnP row that sent it is the current one and has no outcome yet.
    const on = graphAt(veto, irp + 1);
    expect(row(on.graph.nodes, 'pnp::pnp.queryRemoveOne/QueryRemove').status).toBe('current');
    expect(on.path.instances.get('pnp::pnp.queryRemoveOne')!.visits.get('QueryRemove')).toMatchObject({ outcome: 'ok', pending: true });
    // From `end` on (the callback that failed it), the result is known: the row failed.
    const known = graphAt(veto, e.end! + 1);
    expect(known.path.instances.get('pnp::pnp.queryRemoveOne')!.visits.get('QueryRemove')).toMatchObject({ outcome: 'fail', pending: false });
    expect(row(known.graph.nodes, 'pnp::pnp.queryRemoveOne/QueryRemove').status).toBe('failed');
  });
});

describe('at a lesson gate the flowchart shows nothing after the cursor', () => {
  it('leaves out the rows the engine skipped after the event under the cursor, and only then', () => {
    const r = run(PLUG);
    const index = indexActions(r.trace, r.skips);
    const stackOf = () => [];
    // a cursor right before which the engine skipped rows (after the cursor's event, before the next)
    const skip = r.skips.find((s) => s.cause !== undefined && s.at > 1 && s.at < r.trace.length && TABLES.has(s.table))!;
    expect(skip).toBeDefined();
    const visits = (gated: boolean) => {
      const path = actionPathAt({ trace: r.trace, runs: r.runs, skips: r.skips, index, position: skip.at, stackOf, gated });
      return [...path.instances.values()].flatMap((i) => [...i.visits.entries()].filter(([, v]) => v.outcome === 'skip').map(([rowId]) => `${i.table}/${rowId}`));
    };
    expect(visits(false)).toContain(`${skip.table}/${skip.row}`);
    expect(visits(true)).not.toContain(`${skip.table}/${skip.row}`);
  });
});

describe('the flowchart of a hub woken for a device on it', () => {
  // power.wake/ParentWakesFirst runs power.parentWake on the idle hub; the disk's PDO runs power.parentPowerUp (kmdf ParentToD0)
  it('builds at every event of a wake and of a Safely Remove under an idle hub, and shows the hub\'s table', () => {
    const r = run({
      seed: 1, devices: [{ id: 'hub', model: 'usb-hub' }, { id: 'disk', model: 'usb-disk' }],
      steps: [{ action: 'plug', device: 'hub' }, { action: 'plug', device: 'disk', port: 'hub:1' }, { action: 'idle', device: 'disk' }, { action: 'idle', device: 'hub' }, { action: 'wake', device: 'disk' }, { action: 'idle', device: 'disk' }, { action: 'idle', device: 'hub' }, { action: 'safeRemove', device: 'disk' }],
    } as EditableScenario);
    const wake = r.trace.findIndex((e) => e.kind === 'user' && e.name === 'wake');
    const shown = new Set<string>();
    for (let p = wake + 1; p <= r.trace.length; p++) for (const n of graphAt(r, p).graph.nodes) if (n.type === 'tableFrame') shown.add(n.data.tableId as string);
    expect(shown).toContain('power.parentWake');
    expect(shown).toContain('power.parentPowerUp');
  });
});

describe('the IRP travelling the stack (docs/trace-format.md, "IRPs that travel")', () => {
  const r = run({ seed: 1, devices: [{ id: 'disk', model: 'usb-disk', filters: { lower: 1, upper: 1 } }], steps: [{ action: 'plug', device: 'disk', port: 'usb-root-hub:2' }] });
  const starts = r.trace.map((e, i) => (e.name === 'IRP_MN_START_DEVICE' ? i + 1 : -1)).filter((p) => p > 0);

  it('draws its trip between the PnP manager and the drivers, fed by the row that sent it, and keeps the camera on it while the cursor is on its events', () => {
    const { graph } = graphAt(r, starts[2]);
    const trip = graph.nodes.find((n) => n.type === 'irpTrip')!;
    expect(trip).toBeDefined();
    const laneX = (key: string) => graph.nodes.find((n) => n.id === `lane:${key}`)!.position.x;
    expect(laneX('pnp')).toBeLessThan(trip.position.x);
    expect(trip.position.x + trip.width!).toBeLessThan(laneX('drv:bus:USBHUB3'));
    expect(graph.edges.find((e) => e.source === 'pnp::pnp.start/StartDevice' && e.target === 'irp-trip')).toBeDefined();
    expect(graph.focus).toEqual({ x: trip.position.x + trip.width! / 2, y: trip.position.y + trip.height! / 2 });
  });

  it('each driver\'s table for the IRP hangs off that driver\'s box, not off the PnP manager\'s row', () => {
    // the function driver's start work, on the IRP's way back up
    const prepare = r.trace.findIndex((e, i) => i >= starts[5] - 1 && e.name === 'EvtDevicePrepareHardware' && e.layer === 'function') + 1;
    const { graph } = graphAt(r, prepare);
    const fn = 'drv:function:SimDisk::kmdf.start';
    const into = graph.edges.filter((e) => e.target === `${fn}/${TABLES.get('kmdf.start')!.start}`);
    expect(into.map((e) => `${e.source}:${e.sourceHandle}`)).toEqual(['irp-trip:hop-1']);
    // the camera follows the callback in the driver's lane
    const row = graph.nodes.find((n) => n.id === `${fn}/PrepareHardware`)!;
    expect(graph.focus).toEqual({ x: row.position.x + row.width! / 2, y: row.position.y + row.height! / 2 });
  });
});
