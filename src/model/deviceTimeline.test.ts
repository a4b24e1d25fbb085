import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../engine/trace';
import { addDeferredPower, addEvents, buildDeviceTimelines, deviceAt, emptyTimelines } from './deviceTimeline';
import { runLab } from './runLab';

describe('the lab at the cursor', () => {
  it('follows the function driver\'s power state: D3 after idle, D0 after wake', () => {
    const out = runLab({ seed: 1, devices: [{ id: 'disk', model: 'usb-disk' }], steps: [{ action: 'plug', device: 'disk' }, { action: 'idle', device: 'disk' }, { action: 'wake', device: 'disk' }] });
    if (!out.ok) throw out.error;
    const r = out.run;
    const h = buildDeviceTimelines(r);
    expect(deviceAt(r, h, r.stepEvents[1])[0].power).toBe('D0');
    expect(deviceAt(r, h, r.stepEvents[2])[0].power).toBe('D3');
    expect(deviceAt(r, h, r.trace.length)[0].power).toBe('D0');
    // the wake's D0 IRP passes the function driver on its way down untouched: it is still in D3 until the IRP comes back up
    const down = r.trace.findIndex((e) => e.name === 'IRP_MN_SET_POWER' && e.args?.State === 'PowerDeviceD0' && e.layer === 'function' && e.pass === 'down');
    const up = r.trace.findIndex((e) => e.name === 'IRP_MN_SET_POWER' && e.args?.State === 'PowerDeviceD0' && e.layer === 'function' && e.pass === 'up');
    expect(down).toBeGreaterThan(0);
    expect(deviceAt(r, h, down + 1)[0].power).toBe('D3');
    expect(deviceAt(r, h, up + 1)[0].power).toBe('D0');
  });

  it('built as a run streams in: an IRP_MN_SET_POWER still pending waits for its result (passed down untouched, it never counts)', () => {
    const out = runLab({ seed: 1, devices: [{ id: 'disk', model: 'usb-disk' }], steps: [{ action: 'plug', device: 'disk' }, { action: 'idle', device: 'disk' }, { action: 'wake', device: 'disk' }] });
    if (!out.ok) throw out.error;
    const r = out.run;
    const whole = buildDeviceTimelines(r);
    // the events as they looked while the run was going: every function-driver SET_POWER still pending
    const early: TraceEvent[] = r.trace.map((e) => (e.name === 'IRP_MN_SET_POWER' && e.layer === 'function' ? { ...e, result: 'STATUS_PENDING', end: undefined } : e));
    const h = emptyTimelines(r.scenario);
    const deferred = new Set<number>();
    addEvents(h, early, 0, deferred);
    expect(deferred.size).toBeGreaterThan(0);
    // still pending: nothing added yet
    addDeferredPower(h, early, deferred, [...deferred]);
    expect(h.get('disk')!.power.length).toBeLessThan(whole.get('disk')!.power.length);
    // their results arrive (one of them passed down untouched: no result): the same power history as in one go
    addDeferredPower(h, r.trace, deferred, [...deferred]);
    expect(deferred.size).toBe(0);
    expect(h.get('disk')!.power).toEqual(whole.get('disk')!.power);
  });

  it('shows a problem code set without a state transition (a failed AddDevice: state event with Problem and no From)', () => {
    const out = runLab({ seed: 1, devices: [{ id: 'disk', model: 'usb-disk', callbacks: { EvtDriverDeviceAdd: 'fail' } }], steps: [{ action: 'plug', device: 'disk' }] });
    if (!out.ok) throw out.error;
    const r = out.run;
    expect(deviceAt(r, buildDeviceTimelines(r), r.trace.length)[0]).toMatchObject({ state: 'EnumeratedAndDriversInitialized', problem: 'CM_PROB_FAILED_ADD' });
  });

  it('takes the port a plug without one got from its user event', () => {
    const out = runLab({ seed: 1, devices: [{ id: 'disk', model: 'usb-disk' }], steps: [{ action: 'plug', device: 'disk' }] });
    if (!out.ok) throw out.error;
    expect(out.run.ports).toEqual([expect.objectContaining({ device: 'disk', port: 'usb-root-hub:1' })]);
    expect(out.run.skips.every((s) => s.cause !== undefined)).toBe(true);
  });

  it('keeps the devices on a pulled hub on its ports, unpowered, until the hub is plugged in again', () => {
    const out = runLab({
      seed: 1,
      devices: [{ id: 'hub', model: 'usb-hub' }, { id: 'disk', model: 'usb-disk' }, { id: 'scanner', model: 'usb-scanner' }],
      steps: [
        { action: 'plug', device: 'hub', port: 'usb-root-hub:1' },
        { action: 'plug', device: 'disk', port: 'hub:1' },
        { action: 'plug', device: 'scanner', port: 'hub:2' },
        { action: 'unplug', device: 'hub' },
        { action: 'plug', device: 'hub', port: 'usb-root-hub:3' },
      ],
    });
    if (!out.ok) throw out.error;
    const r = out.run;
    const h = buildDeviceTimelines(r);
    const at = (p: number) => Object.fromEntries(deviceAt(r, h, p).map((d) => [d.id, d]));
    const pulled = at(r.stepEvents[4]);
    expect(pulled.hub).toMatchObject({ port: undefined, unpowered: false, state: 'PhysicallyAbsent' });
    expect(pulled.disk).toMatchObject({ port: 'hub:1', parent: 'hub', unpowered: true, state: 'PhysicallyAbsent' });
    expect(pulled.scanner).toMatchObject({ port: 'hub:2', unpowered: true, state: 'PhysicallyAbsent' });
    const back = at(r.trace.length);
    expect(back.disk).toMatchObject({ port: 'hub:1', unpowered: false, state: 'Started' });
    expect(back.scanner).toMatchObject({ port: 'hub:2', unpowered: false, state: 'Started' });
  });
});
