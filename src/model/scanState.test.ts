import { describe, expect, it } from 'vitest';
import { runLab, type RunResult } from './runLab';
import type { EditableScenario, StepInput } from './scenarioEdit';
import { scannerAt } from './scanState';

function run(extra: StepInput[], wia?: { feeder: boolean; pages: number }): RunResult {
  const s: EditableScenario = {
    seed: 1,
    devices: [{ id: 'scanner', model: 'usb-scanner', ...(wia ? { wia } : {}) }],
    steps: [{ action: 'plug', device: 'scanner' }, { action: 'connectApp', device: 'scanner', app: 'paint' }, ...extra],
  };
  const out = runLab(s);
  if (!out.ok) throw out.error;
  return out.run;
}

describe('a scanner\'s WIA side at the cursor', () => {
  it('loads the minidriver, connects the application, and follows the scan\'s progress from lPercentComplete', () => {
    const r = run([{ action: 'scan', device: 'scanner' }]);
    const connected = r.trace.findIndex((e) => e.name === 'drvInitializeWia');
    expect(scannerAt(r, 'scanner', connected)).toMatchObject({ loaded: true, apps: [] });
    expect(scannerAt(r, 'scanner', connected + 1).apps).toEqual(['paint']);

    const callbacks = r.trace.flatMap((e, i) => (e.name === 'MiniDrvCallback' ? [i] : []));
    const mid = scannerAt(r, 'scanner', callbacks[3] + 1);
    expect(mid.scan).toMatchObject({ phase: 'running', percent: 40, page: 1 });
    expect(mid.scan.appCall?.name).toBe('IWiaDataTransfer::idtGetBandedData');

    const end = scannerAt(r, 'scanner', r.trace.length);
    expect(end.scan).toMatchObject({ phase: 'done', percent: 100 });
    expect(end.scan.appCall?.result).toBe('S_OK');
  });

  it('a feeder\'s second page starts at 0% once its sheet is fed (the previous page\'s 100% is not carried over)', () => {
    const r = run([{ action: 'scan', device: 'scanner', pages: 2 }], { feeder: true, pages: 2 });
    const feeds = r.trace.flatMap((e, i) => (e.args?.Command === 'FEED_PAGE' ? [i] : []));
    expect(feeds).toHaveLength(2);
    expect(scannerAt(r, 'scanner', feeds[1]).scan).toMatchObject({ page: 1, percent: 100 });
    expect(scannerAt(r, 'scanner', feeds[1] + 1).scan).toMatchObject({ page: 2, percent: 0 });
  });

  it('a cable pulled mid-scan: the minidriver is told it is disconnected and the scan ends with WIA_ERROR_OFFLINE', () => {
    const r = run([{ action: 'scan', device: 'scanner' }, { action: 'unplug', device: 'scanner', after: 420 }]);
    const end = scannerAt(r, 'scanner', r.trace.length);
    expect(end.scan.phase).toBe('done');
    expect(end.scan.percent).toBeLessThan(100);
    expect(end.scan.appCall).toMatchObject({ result: 'WIA_ERROR_OFFLINE', resultHex: '0x80210005' });
    expect(end.loaded).toBe(false);
    expect(end.apps).toEqual([]);
    const told = r.trace.findIndex((e) => e.name === 'drvNotifyPnpEvent' && e.args?.pEventGUID === 'WIA_EVENT_DEVICE_DISCONNECTED');
    expect(scannerAt(r, 'scanner', told + 1).disconnected).toBe(true);
  });

  it('a cancelled scan stops where it was; pages count on a feeder', () => {
    const cancelled = run([{ action: 'scan', device: 'scanner' }, { action: 'appCancel', device: 'scanner', after: 250 }]);
    const end = scannerAt(cancelled, 'scanner', cancelled.trace.length);
    expect(end.scan).toMatchObject({ phase: 'done', percent: 30 });
    expect(end.scan.acquire?.result).toBe('S_FALSE');

    const feeder = run([{ action: 'scan', device: 'scanner', pages: 2 }], { feeder: true, pages: 3 });
    expect(scannerAt(feeder, 'scanner', feeder.trace.length).scan).toMatchObject({ phase: 'done', page: 2 });
  });
});
