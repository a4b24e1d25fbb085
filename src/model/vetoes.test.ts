import { describe, expect, it } from 'vitest';
import { runLab } from './runLab';
import type { ScenarioInput } from '../scenario/schema';
import { explainVeto, isVeto } from './vetoes';

function vetoesOf(input: ScenarioInput) {
  const out = runLab(input);
  if (!out.ok) throw out.error;
  const run = out.run;
  return run.trace.flatMap((e, i) => (isVeto(e) ? [{ event: e, why: explainVeto(run, i), run }] : []));
}

describe('who vetoed, read from the trace', () => {
  it('a driver\'s callback: names the callback, its result and the driver; links the callback event', () => {
    const [v] = vetoesOf({ seed: 1, devices: [{ id: 'scanner', model: 'usb-scanner', callbacks: { EvtDeviceQueryRemove: 'fail' } }], steps: [{ action: 'plug', device: 'scanner' }, { action: 'safeRemove', device: 'scanner' }] });
    expect(v.why.short).toBe('EvtDeviceQueryRemove in SimScanner');
    expect(v.why.sentence).toContain('EvtDeviceQueryRemove returned STATUS_UNSUCCESSFUL');
    expect(v.run.trace[v.why.cause!]).toMatchObject({ kind: 'callback', name: 'EvtDeviceQueryRemove' });
    expect(v.why.cite).toMatch(/\.md$/);
  });

  it('WdfDeviceSetStaticStopRemove(FALSE): the framework failed the IRP without the callback', () => {
    const [v] = vetoesOf({ seed: 1, devices: [{ id: 'disk', model: 'usb-disk' }], steps: [{ action: 'plug', device: 'disk' }, { action: 'staticStopRemove', device: 'disk', stoppable: false }, { action: 'safeRemove', device: 'disk' }] });
    expect(v.why.sentence).toContain('STATUS_INVALID_DEVICE_STATE');
    expect(v.why.sentence).toContain('WdfDeviceSetStaticStopRemove(FALSE)');
    expect(v.run.trace[v.why.cause!]).toMatchObject({ name: 'WdfDeviceSetStaticStopRemove' });
  });

  it('an open handle: names the client and the CreateFile that opened it, or the applications\' handles', () => {
    const [byClient] = vetoesOf({
      seed: 1,
      devices: [{ id: 'disk', model: 'usb-disk' }],
      clients: [{ id: 'explorer', mode: 'user', category: 'TargetDeviceChange', target: 'disk', onQueryRemove: 'keepOpen' }],
      steps: [{ action: 'plug', device: 'disk' }, { action: 'safeRemove', device: 'disk' }],
    });
    expect(byClient.event.name).toBe('PNP_VetoOutstandingOpen');
    expect(byClient.why.short).toBe('a handle held by explorer');
    expect(byClient.why.sentence).toMatch(/held by client explorer \(its CreateFile, event #\d+\)/);
    expect(byClient.run.trace[byClient.why.cause!]).toMatchObject({ kind: 'call', name: 'CreateFile', client: 'explorer' });
    expect(byClient.why.labChoice).toBeDefined();

    const [onChild] = vetoesOf({
      seed: 1,
      devices: [{ id: 'hub', model: 'usb-hub' }, { id: 'cam', model: 'usb-webcam', openHandles: 2 }],
      steps: [{ action: 'plug', device: 'hub' }, { action: 'plug', device: 'cam', port: 'hub:1' }, { action: 'safeRemove', device: 'hub' }],
    });
    expect(onChild.why.short).toBe('a handle held by 2 applications');
    expect(onChild.why.sentence).toContain('A handle stayed open on cam, which is on hub');
  });

  it('a client that answers the query with a refusal', () => {
    const [v] = vetoesOf({
      seed: 1,
      devices: [{ id: 'disk', model: 'usb-disk' }],
      clients: [{ id: 'backup', mode: 'kernel', category: 'TargetDeviceChange', target: 'disk', onQueryRemove: 'veto' }],
      steps: [{ action: 'plug', device: 'disk' }, { action: 'safeRemove', device: 'disk' }],
    });
    expect(v.event.name).toBe('PNP_VetoDriver');
    expect(v.why.sentence).toBe('Vetoed by the kernel-mode driver backup: it answered GUID_TARGET_DEVICE_QUERY_REMOVE with STATUS_UNSUCCESSFUL.');
  });

  it('the WIA service during a scan: PNP_VetoWindowsService names the service (stisvc); the explanation finds its client\'s answer', () => {
    const [v] = vetoesOf({
      seed: 1,
      devices: [{ id: 'sc', model: 'usb-scanner' }],
      steps: [{ action: 'plug', device: 'sc' }, { action: 'connectApp', device: 'sc' }, { action: 'scan', device: 'sc' }, { action: 'safeRemove', device: 'sc', after: 300 }],
    });
    expect(v.event).toMatchObject({ name: 'PNP_VetoWindowsService', args: { VetoName: 'stisvc', Client: 'stisvc:sc' } });
    expect(v.why.short).toBe('the WIA service (a scan is running)');
    expect(v.run.trace[v.why.cause!]).toMatchObject({ kind: 'notify', client: 'stisvc:sc', result: 'ERROR_CANCELLED' });
  });
});
