import { beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TraceEvent } from '../../engine/trace';
import { LESSONS } from '../../lessons/index';
import { parseScenario } from '../../scenario/parse';
import { createLab, runScenario } from '../../scenario/run';
import type { ScenarioInput } from '../../scenario/schema';
import { TABLES } from '../../model/flow/tables';
import { DRIVER_SOURCES } from '../../sources/index';
import { sourceAt } from './sourceAt';

/** Runs a scenario as the lab in the browser does (IRPs recorded as they travel). */
function run(input: unknown): TraceEvent[] {
  const s = parseScenario(input);
  return runScenario(s, createLab(s, { irpTravel: true }));
}

const EXAMPLES = join(import.meta.dirname, '../../../examples');
const UNPLUGS: ScenarioInput = {
  seed: 7,
  devices: [
    { id: 'disk', model: 'usb-disk', filters: { upper: 1 } },
    { id: 'udisk', model: 'usb-disk', framework: 'umdf1', filters: { lower: 1 } },
    { id: 'cam', model: 'usb-webcam' },
    { id: 'scanner', model: 'usb-scanner' },
  ],
  steps: [
    { action: 'plug', device: 'disk' }, { action: 'plug', device: 'udisk' }, { action: 'plug', device: 'cam' }, { action: 'plug', device: 'scanner' },
    { action: 'connectApp', device: 'scanner' }, { action: 'scan', device: 'scanner' },
    { action: 'safeRemove', device: 'disk' }, { action: 'unplug', device: 'disk' }, { action: 'unplug', device: 'cam' }, { action: 'unplug', device: 'udisk' },
  ],
};

let traces: { label: string; trace: TraceEvent[] }[];
beforeAll(() => {
  traces = [
    ...readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).map((f) => ({ label: f, trace: run(JSON.parse(readFileSync(join(EXAMPLES, f), 'utf8'))) })),
    ...LESSONS.map((l) => ({ label: l.id, trace: run(l.scenario) })),
    { label: 'unplugs', trace: run(UNPLUGS) },
  ];
});

describe('sourceAt: the function at the cursor, from the trace alone', () => {
  it('every callback event lights its own function, with a caller; one run for an IRP names that IRP', () => {
    let checked = 0;
    for (const { label, trace } of traces) {
      trace.forEach((e, i) => {
        if (e.kind !== 'callback' || !e.layer) return;
        const f = sourceAt(trace, i + 1);
        const where = `${label} #${e.seq} ${e.name} (${e.layer}, at ${e.at})`;
        expect(f.active, where).toBe(e.name);
        expect(f.current, where).toBe(true);
        expect(f.result, where).toBe(e.result);
        expect(f.target, where).toEqual({ device: e.device, layer: e.layer, driver: e.driver });
        expect(f.source, where).toBe(e.layer === 'bus' ? 'kmdf-bus' : e.name.includes('::') ? 'umdf1-driver' : e.layer === 'function' ? 'kmdf-function' : 'kmdf-filter');
        const title = TABLES.get(e.at!.split('/')[0])!.title;
        const irp = /^IRP_MN_\w+/.exec(title)?.[0];
        if (irp) expect(f.caller, where).toMatch(new RegExp(`^${irp} \\((down|back up)\\)$`));
        else expect(f.caller, where).toBeTruthy();
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(400);
  });

  it('a callback of a sub-table (leaving D0 inside IRP_MN_SURPRISE_REMOVAL) is led there by the IRP in flight', () => {
    const trace = traces.find((t) => t.label === 'unplugs')!.trace;
    const unplug = trace.findIndex((e) => e.kind === 'user' && e.name === 'unplug' && e.device === 'cam');
    const d0Exit = trace.findIndex((e, i) => i > unplug && e.name === 'EvtDeviceD0Exit' && e.layer === 'function');
    expect(trace[d0Exit].at).toBe('kmdf.powerDown/D0Exit');
    expect(sourceAt(trace, d0Exit + 1)).toMatchObject({ source: 'kmdf-function', active: 'EvtDeviceD0Exit', caller: 'IRP_MN_SURPRISE_REMOVAL (down)' });
    const umdf = trace.findIndex((e) => e.name === 'IPnpCallback::OnSurpriseRemoval');
    expect(sourceAt(trace, umdf + 1)).toMatchObject({ source: 'umdf1-driver', active: 'IPnpCallback::OnSurpriseRemoval', caller: 'IRP_MN_SURPRISE_REMOVAL (down)', target: { device: 'udisk', layer: 'function' } });
  });

  it('a hardware access and a call into the service light the minidriver method they are made in, and its call line', () => {
    const trace = traces.find((t) => t.label === 'unplugs')!.trace;
    const read = trace.findIndex((e) => e.kind === 'hw' && e.name === 'ReadFile');
    const atRead = sourceAt(trace, read + 1);
    expect(atRead).toMatchObject({ source: 'wia-minidriver', active: 'drvAcquireItemData', call: 'ReadFile', current: true });
    expect(atRead.target).toBeUndefined();
    expect(DRIVER_SOURCES['wia-minidriver'].lines[atRead.callLine! - 1]).toContain('ReadFile(');
    const start = trace.findIndex((e) => e.kind === 'hw' && e.args?.Command === 'START_SCAN');
    expect(DRIVER_SOURCES['wia-minidriver'].lines[sourceAt(trace, start + 1).callLine! - 1]).toContain('CMD_START_SCAN');
    const callback = trace.findIndex((e) => e.name === 'MiniDrvCallback');
    expect(sourceAt(trace, callback + 1)).toMatchObject({ active: 'drvAcquireItemData', call: 'MiniDrvCallback' });
    const acquire = trace.findIndex((e) => e.name === 'drvAcquireItemData');
    expect(sourceAt(trace, acquire + 1)).toMatchObject({ active: 'drvAcquireItemData', caller: 'IWiaDataTransfer::idtGetBandedData (app)' });
  });

  it('an IRP reaching a driver shows that driver\'s source with nothing lit yet; other events keep the last function that ran', () => {
    const trace = traces.find((t) => t.label === 'unplugs')!.trace;
    const irp = trace.findIndex((e) => e.kind === 'irp' && e.name === 'IRP_MN_QUERY_REMOVE_DEVICE' && e.layer === 'upper-filter' && e.pass === 'down');
    const f = sourceAt(trace, irp + 1);
    expect(f.active).toBeUndefined();
    expect(f).toMatchObject({ source: 'kmdf-filter', target: { device: 'disk', layer: 'upper-filter', driver: 'SimUpperFilter1' } });
    expect(f.note).toContain('IRP_MN_QUERY_REMOVE_DEVICE reaches SimUpperFilter1');
    const veto = trace.findIndex((e) => e.kind === 'state' && e.name === 'Started' && e.device === 'disk');
    const after = sourceAt(trace, veto + 1);
    expect(after.current).toBe(false);
    expect(after.active).toBe(trace.slice(0, veto).findLast((e) => e.kind === 'callback' && e.device === 'disk')!.name);
    expect(sourceAt(trace, 0).note).toContain('Nothing has run yet');
  });
});
