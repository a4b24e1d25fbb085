import { describe, expect, it } from 'vitest';
import { buildHistory, deviceAt } from './history';
import { runLab } from './runLab';

describe('the lab at the cursor', () => {
  it('follows the function driver\'s power state: D3 after idle, D0 after wake', () => {
    const out = runLab({ seed: 1, devices: [{ id: 'disk', model: 'usb-disk' }], steps: [{ action: 'plug', device: 'disk' }, { action: 'idle', device: 'disk' }, { action: 'wake', device: 'disk' }] });
    if (!out.ok) throw out.error;
    const r = out.run;
    const h = buildHistory(r);
    expect(deviceAt(r, h, r.stepEvents[1])[0].power).toBe('D0');
    expect(deviceAt(r, h, r.stepEvents[2])[0].power).toBe('D3');
    expect(deviceAt(r, h, r.trace.length)[0].power).toBe('D0');
  });

  it('shows a problem code set without a state transition (a failed AddDevice: state event with Problem and no From)', () => {
    const out = runLab({ seed: 1, devices: [{ id: 'disk', model: 'usb-disk', callbacks: { EvtDriverDeviceAdd: 'fail' } }], steps: [{ action: 'plug', device: 'disk' }] });
    if (!out.ok) throw out.error;
    const r = out.run;
    expect(deviceAt(r, buildHistory(r), r.trace.length)[0]).toMatchObject({ state: 'EnumeratedAndDriversInitialized', problem: 'CM_PROB_FAILED_ADD' });
  });

  it('takes the port a plug without one got from its user event', () => {
    const out = runLab({ seed: 1, devices: [{ id: 'disk', model: 'usb-disk' }], steps: [{ action: 'plug', device: 'disk' }] });
    if (!out.ok) throw out.error;
    expect(out.run.ports).toEqual([expect.objectContaining({ device: 'disk', port: 'usb-root-hub:1' })]);
    expect(out.run.skips.every((s) => s.cause !== undefined)).toBe(true);
  });
});
