/**
 * The action path is a fold over the engine's runs (engine/inspect.ts): who ran which table is read, not guessed. Each
 * case below is one the flowchart used to get wrong when it reconstructed the call tree from `at` and `cause` alone.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runLab, type RunResult } from '../runLab';
import type { EditableScenario } from '../scenarioEdit';
import { actionPathAt, indexActions, type ActionPath } from './actionPath';

function run(s: EditableScenario): RunResult {
  const out = runLab(s);
  if (!out.ok) throw out.error;
  return out.run;
}

const example = (name: string) => run(JSON.parse(readFileSync(new URL(`../../../examples/${name}.json`, import.meta.url), 'utf8')) as EditableScenario);

function pathAt(r: RunResult, position: number): ActionPath {
  const stackOf = (d: string) => r.ports.filter((p) => p.device === d && p.index < position && p.port !== undefined).at(-1)?.stack ?? [];
  return actionPathAt({ trace: r.trace, runs: r.runs, skips: r.skips, index: indexActions(r.trace, r.skips), position, stackOf });
}

/** The position of the `n`-th (0 first; -1 last) event that matches. */
function positionOf(r: RunResult, pred: (e: RunResult['trace'][number]) => boolean, n = 0): number {
  const all = r.trace.flatMap((e, i) => (pred(e) ? [i + 1] : []));
  return n < 0 ? all[all.length + n] : all[n];
}

describe('the action path, read from the runs', () => {
  const disk = run({ seed: 1, devices: [{ id: 'disk', model: 'usb-disk', filters: { lower: 1 } }], steps: [{ action: 'plug', device: 'disk' }] } as EditableScenario);

  it('DriverEntry hangs off pnp.start/LoadDrivers, and AddDevice off pnp.start/AddDevice (not off the last row that showed an event)', () => {
    const entry = pathAt(disk, positionOf(disk, (e) => e.name === 'DriverEntry' && e.layer === 'function'));
    expect(entry.instances.get('drv:disk:function:SimDisk::kmdf.loadDriver')!.invokedBy).toEqual({ key: 'pnp::pnp.start', row: 'LoadDrivers' });
    // the PnP manager is at LoadDrivers: its start table is drawn already, the row marked as run
    expect(entry.managerRow).toMatchObject({ key: 'pnp::pnp.start', row: 'LoadDrivers' });
    expect(entry.instances.get('pnp::pnp.start')!.visits.get('LoadDrivers')).toMatchObject({ outcome: 'ok', implied: true });
    const add = pathAt(disk, positionOf(disk, (e) => e.name === 'EvtDriverDeviceAdd' && e.layer === 'function'));
    expect(add.instances.get('drv:disk:function:SimDisk::kmdf.addDevice')!.invokedBy).toEqual({ key: 'pnp::pnp.start', row: 'AddDevice' });
  });

  it('a WIA transfer that loops over bands is one run: the rows before the loop stay, the band reads are counted', () => {
    const scan = run({
      seed: 1, devices: [{ id: 'scanner', model: 'usb-scanner' }],
      steps: [{ action: 'plug', device: 'scanner' }, { action: 'connectApp', device: 'scanner' }, { action: 'scan', device: 'scanner' }],
    } as EditableScenario);
    const p = pathAt(scan, positionOf(scan, (e) => e.at === 'wia.acquire/ReadBand', -1));
    const acquire = p.instances.get('wia::wia.acquire')!;
    expect(acquire.order.slice(0, 3)).toEqual(['CheckConnected', 'LoadPage', 'ReadBand']);
    expect(acquire.visits.get('ReadBand')!.events.length).toBeGreaterThan(1);
    expect(acquire.parent).toEqual({ key: 'wia::wia.scan', row: 'AcquireItemData' });
  });

  it('a deferred removal hangs off its own device\'s DeferRemove, not off the last device notified', () => {
    const hub = example('hub-unplug');
    const p = pathAt(hub, positionOf(hub, (e) => e.at === 'pnp.removeAfterSurprise/Remove' && e.device === 'disk'));
    const removal = p.instances.get('pnp::pnp.removeAfterSurprise')!;
    expect(removal.device).toBe('disk');
    expect(removal.parent).toEqual({ key: 'pnp::pnp.notifySurpriseRemoved', row: 'DeferRemove' });
    expect(p.instances.get('pnp::pnp.notifySurpriseRemoved')!.device).toBe('disk');
  });

  it('a client\'s deferred work item (recorded outside any run) does not split the removal it belongs to', () => {
    const r = run({
      seed: 1, devices: [{ id: 'cam', model: 'usb-webcam', capabilities: { SurpriseRemovalOK: false } }], clients: [{ id: 'app', mode: 'user', category: 'TargetDeviceChange', target: 'cam' }],
      steps: [{ action: 'plug', device: 'cam' }, { action: 'safeRemove', device: 'cam' }],
    } as EditableScenario);
    const work = positionOf(r, (e) => e.name === 'CM_Unregister_Notification' && e.at === 'pnp.removeOne/NotifyRemoveCompleteUser');
    expect(r.trace[work - 1].run).toBeUndefined();
    const p = pathAt(r, positionOf(r, (e) => e.at === 'pnp.removeOne/Remove' && e.kind === 'irp' && e.seq > work, -1));
    const removeOne = p.instances.get('pnp::pnp.removeOne')!;
    expect(removeOne.order).toEqual(['NotifyRemoveCompleteUser', 'Remove']);
    expect(r.trace[removeOne.visits.get('NotifyRemoveCompleteUser')!.events[0]].name).toBe('CM_NOTIFY_ACTION_DEVICEREMOVECOMPLETE');
    expect(removeOne.visits.get('NotifyRemoveCompleteUser')!.events).toContain(work - 1);
  });

  it('the power manager\'s tables are the PnP manager\'s lane, never a driver\'s', () => {
    const r = run({ seed: 1, devices: [{ id: 'disk', model: 'usb-disk' }], steps: [{ action: 'plug', device: 'disk' }, { action: 'shutdown' }] } as EditableScenario);
    const p = pathAt(r, positionOf(r, (e) => e.at === 'power.shutdownOne/DevicePower' && e.layer === 'bus'));
    expect([...p.instances.keys()].filter((k) => k.includes('power.'))).toEqual(['pnp::power.shutdown', 'pnp::power.shutdownOne']);
    expect(p.instances.get('pnp::power.shutdownOne')!.parent).toEqual({ key: 'pnp::power.shutdown', row: 'EachDevice' });
  });

  it('a row that ran a table fails once that table has ended failed, not before', () => {
    const veto = example('veto-query-remove');
    const failing = positionOf(veto, (e) => e.name === 'EvtDeviceQueryRemove' && e.result === 'STATUS_UNSUCCESSFUL');
    expect(pathAt(veto, failing).instances.get('pnp::pnp.orderlyRemoval')!.visits.get('QueryRemoveSubtree')!.outcome).toBe('ok');
    const ended = veto.runs.find((x) => x.start.table === 'pnp.queryRemoveOne' && x.end?.outcome === 'fail')!.end!.seq;
    expect(pathAt(veto, ended).instances.get('pnp::pnp.orderlyRemoval')!.visits.get('QueryRemoveSubtree')!.outcome).toBe('fail');
  });
});
