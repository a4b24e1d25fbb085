import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../lessons';
import { describeLessonStep, describeSettings, describeSolution, sourceTitle } from './describe';

describe('lesson data in words', () => {
  it('steps', () => {
    expect(describeLessonStep({ action: 'plug', device: 'disk', port: 'usb-root-hub:3' })).toBe('plug disk → usb-root-hub:3');
    expect(describeLessonStep({ action: 'wait', ms: 500 })).toBe('wait 500 ms');
    expect(describeLessonStep({ action: 'scan', device: 'scanner', pages: 2, after: 1500 })).toBe('scan scanner (pages 2), 1500 ms after the previous step started');
    expect(describeLessonStep({ action: 'openHandle', client: 'explorer', device: 'disk' })).toBe('openHandle explorer on disk');
  });

  it('settings, one line each', () => {
    expect(describeSettings({ devices: { disk: { callbacks: { EvtDevicePrepareHardware: 'fail' }, openHandles: 1 } }, clients: { backup: { onQueryRemove: 'veto' } } }))
      .toEqual(['disk: callbacks.EvtDevicePrepareHardware = fail', 'disk: openHandles = 1', 'client backup: onQueryRemove = veto']);
  });

  it('every lesson solution has words for every step', () => {
    for (const l of LESSONS) for (const t of l.tasks) {
      const d = describeSolution(t.solution);
      expect(d.steps.length).toBe(t.solution.steps.length);
      expect(d.steps.every((s) => s.length > 0 && !s.includes('[object'))).toBe(true);
    }
  });

  it('source titles', () => {
    expect(sourceTitle('wdf/a-user-plugs-in-a-device.md')).toBe('A user plugs in a device');
    expect(sourceTitle('ddi/wdfdevice/nf-wdfdevice-wdfdevicesetstaticstopremove.md')).toBe('WdfDeviceSetStaticStopRemove (reference)');
    expect(sourceTitle('github:microsoft/Windows-Driver-Frameworks/src/framework/shared/irphandlers/pnp/pnpstatemachine.cpp')).toBe('pnpstatemachine.cpp (KMDF source)');
    // every reference page a lesson cites is named after what it documents
    for (const s of LESSONS.flatMap((l) => l.source).filter((x) => x.startsWith('ddi/'))) expect(sourceTitle(s), s).toMatch(/^[A-Z][\w:]+ \(reference\)$/);
  });
});
