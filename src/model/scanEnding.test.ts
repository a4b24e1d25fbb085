import { describe, expect, it } from 'vitest';
import { runLab } from './runLab';
import type { ScenarioInput } from '../scenario/schema';
import { scanEnding } from './scanEnding';
import { trackScanners } from './scanState';

type Step = NonNullable<ScenarioInput['steps']>[number];

/** Plugs a scanner in, connects an application, starts a memory scan, and 250 ms later does `end`. */
function endWith(end: Step, wia?: { feeder?: boolean; pages?: number }) {
  const out = runLab({
    seed: 1,
    devices: [{ id: 'scanner', model: 'usb-scanner', ...(wia ? { wia } : {}) }],
    steps: [
      { action: 'plug', device: 'scanner' },
      { action: 'connectApp', device: 'scanner', app: 'paint' },
      { action: 'scan', device: 'scanner', tymed: 'memory' },
      { ...end, after: 250 } as Step,
    ],
  });
  if (!out.ok) throw out.error;
  const run = out.run;
  const rec = trackScanners(run).get('scanner')!.scans[0];
  return { run, rec, ending: scanEnding(run, 'scanner', rec, run.trace.length) };
}

describe('how a scan ended, read from the trace', () => {
  it('names each ending after its own cause, with three different summaries for the three cancels', () => {
    const app = endWith({ action: 'appCancel', device: 'scanner' });
    const button = endWith({ action: 'hardwareCancel', device: 'scanner' });
    const transfer = endWith({ action: 'asyncCancel', device: 'scanner' });
    expect(app.ending).toMatchObject({ kind: 'appCancel', cite: 'image/canceling-a-data-transfer.md' });
    expect(button.ending).toMatchObject({ kind: 'hardwareCancel', cite: 'image/canceling-a-data-transfer.md' });
    expect(transfer.ending).toMatchObject({ kind: 'asyncCancel', cite: 'image/canceling-pending-i-o-operations.md' });
    const shorts = new Set([app, button, transfer].map((x) => x.ending!.short));
    expect(shorts.size).toBe(3);
    // the event that shows each cause
    expect(app.run.trace[app.ending!.index]).toMatchObject({ name: 'IWiaDataCallback::BandedDataCallback', result: 'S_FALSE' });
    expect(button.run.trace[button.ending!.index].args).toMatchObject({ DeviceStatus: 'CANCEL_BUTTON' });
    expect(transfer.run.trace[transfer.ending!.index]).toMatchObject({ kind: 'wia', name: 'IWiaItemExtras::CancelPendingIO' });
    // and the person's action behind it
    for (const x of [app, button, transfer]) expect(x.run.trace[x.ending!.action!].kind).toBe('user');
  });

  it('names the application\'s error HRESULT, a paper jam and the cable', () => {
    expect(endWith({ action: 'appError', device: 'scanner', hr: 'E_ABORT' } as Step).ending).toMatchObject({ kind: 'appError', hr: 'E_ABORT', short: ': the application returned E_ABORT' });
    expect(endWith({ action: 'paperJam', device: 'scanner' }, { feeder: true, pages: 3 }).ending).toMatchObject({ kind: 'paperJam' });
    const cable = endWith({ action: 'unplug', device: 'scanner' });
    expect(cable.ending).toMatchObject({ kind: 'cable' });
    expect(cable.run.trace[cable.ending!.action!]).toMatchObject({ kind: 'user', name: 'unplug' });
    expect(cable.ending!.labChoice).toMatch(/WIA_ERROR_OFFLINE/);
  });

  it('shows nothing from the future: before the cause is in the trace, there is no ending', () => {
    const { run, rec, ending } = endWith({ action: 'appCancel', device: 'scanner' });
    expect(scanEnding(run, 'scanner', rec, ending!.index)).toBeUndefined();
    expect(scanEnding(run, 'scanner', rec, ending!.index + 1)?.kind).toBe('appCancel');
  });

  it('a scan that runs to its end has no ending cause', () => {
    const out = runLab({ seed: 1, devices: [{ id: 'scanner', model: 'usb-scanner' }], steps: [{ action: 'plug', device: 'scanner' }, { action: 'connectApp', device: 'scanner' }, { action: 'scan', device: 'scanner' }] });
    if (!out.ok) throw out.error;
    const rec = trackScanners(out.run).get('scanner')!.scans[0];
    expect(scanEnding(out.run, 'scanner', rec, out.run.trace.length)).toBeUndefined();
  });
});
