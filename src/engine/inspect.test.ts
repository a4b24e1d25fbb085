import { describe, expect, it } from 'vitest';
import { labWith } from '../testing/harness';
import type { InspectRecord, RunStart } from './inspect';

const disk = { id: 'disk', model: 'usb-disk' as const, filters: { lower: 1, upper: 1 } };
const hub = { id: 'hub', model: 'usb-hub' as const };

function inspected(opts: { irpTravel?: boolean; runs?: boolean } = {}) {
  const records: InspectRecord[] = [];
  const h = labWith({ devices: [hub, disk], irpTravel: opts.irpTravel, runs: opts.runs, inspect: (r) => records.push(r) });
  h.plug('hub').do({ action: 'plug', device: 'disk', port: 'hub:1' }).unplug('hub');
  const starts = new Map<number, RunStart>();
  for (const r of records) if (r.kind === 'run.start') starts.set(r.run, r);
  return { h, records, starts };
}

describe('the inspection stream', () => {
  it('numbers every table run; each ends once, after it started, and runs nest in their parents', () => {
    const { records, starts } = inspected();
    const ended = new Set<number>();
    for (const r of records) {
      if (r.kind === 'run.start' && r.parent) expect(ended.has(r.parent.run), `run ${r.run}'s parent ended before it started`).toBe(false);
      if (r.kind === 'run.end') {
        expect(starts.has(r.run)).toBe(true);
        expect(ended.has(r.run)).toBe(false);
        ended.add(r.run);
      }
    }
    expect([...starts.keys()].every((id) => ended.has(id))).toBe(true);
    expect(starts.size).toBeGreaterThan(20);
  });

  it('says who called whom: a driver table run for an IRP hop names the hop, whose run and row invoked it', () => {
    for (const irpTravel of [false, true]) {
      const { h, starts } = inspected({ irpTravel, runs: true });
      const events = h.events;
      const hops = [...starts.values()].filter((s) => s.irp !== undefined);
      expect(hops.length).toBeGreaterThan(10);
      for (const s of hops) {
        const irp = events[s.irp! - 1];
        const parent = starts.get(s.parent!.run)!;
        if (parent.irp === s.irp) {
          // a sub-table of the same driver's run for the hop (kmdf.surpriseRemoval runs kmdf.powerDown)
          expect({ device: parent.device, layer: parent.layer }).toEqual({ device: s.device, layer: s.layer });
          continue;
        }
        expect(irp.kind).toBe('irp');
        expect({ device: irp.device, layer: irp.layer, driver: irp.driver }).toEqual({ device: s.device, layer: s.layer, driver: s.driver });
        // the irp event belongs to the run that sent the IRP, at the row that sent it
        expect(irp.run).toBe(s.parent!.run);
        expect(irp.at).toBe(`${starts.get(s.parent!.run)!.table}/${s.parent!.row}`);
      }
      // the removal's IRP_MN_REMOVE_DEVICE reaches the disk's function driver in a run of kmdf.remove… called from the hub's removal
      const remove = hops.find((s) => s.device === 'disk' && s.layer === 'function' && events[s.irp! - 1].name === 'IRP_MN_REMOVE_DEVICE')!;
      expect(remove).toBeDefined();
      expect(starts.get(remove.parent!.run)!.device).toBe('disk');
    }
  });

  it('with runs, every event a table recorded carries its run, and the run had started by then', () => {
    const { h, records } = inspected({ runs: true });
    const startedAt = new Map<number, number>();
    for (const r of records) if (r.kind === 'run.start') startedAt.set(r.run, r.seq);
    for (const e of h.events) {
      if (e.at === undefined || e.at.startsWith('lab/')) continue;
      expect(e.run, `${e.seq} ${e.name} at ${e.at}`).toBeDefined();
      expect(startedAt.get(e.run!)!).toBeLessThan(e.seq);
      expect(e.at.startsWith(`${records.find((r): r is RunStart => r.kind === 'run.start' && r.run === e.run)!.table}/`)).toBe(true);
    }
  });

  it('without runs the events carry none (the trace stays as it was)', () => {
    const { h } = inspected();
    expect(h.events.some((e) => 'run' in e && e.run !== undefined)).toBe(false);
  });

  it('tells each step with its user event, and each skipped row with its guard', () => {
    const { h, records } = inspected();
    const steps = records.filter((r) => r.kind === 'step');
    expect(steps.map((s) => [s.index, h.events[s.seq - 1].kind, s.action.action])).toEqual([[0, 'user', 'plug'], [1, 'user', 'plug'], [2, 'user', 'unplug']]);
    const skips = records.filter((r) => r.kind === 'row.skip');
    expect(skips.some((s) => s.when !== undefined && s.reason.length > 0)).toBe(true);
    expect(skips.some((s) => s.when === undefined && s.reason.startsWith('not registered'))).toBe(true);
  });
});
