/**
 * Whose PDEVICE_CHANGE_COMPLETE_CALLBACK the PnP manager calls after an asynchronous custom event.
 * Source: windows-driver-docs-ddi wdk-ddi-src/content/wdm/nf-wdm-ioreporttargetdevicechangeasynchronous.md
 * (Callback: "a caller-supplied routine that the PnP manager calls after it finishes notifying
 * drivers"), kernel/using-pnp-custom-notification.md. Found by the engine's property tests
 * (src/engine/invariants.test.ts: no callback on a device after its IRP_MN_REMOVE_DEVICE).
 */
import { describe, expect, it } from 'vitest';
import { labWith } from '../../testing/harness';

const disk = { id: 'disk', model: 'usb-disk' as const };

describe('the asynchronous custom event calls its caller back', () => {
  it('a kernel client raises it from its notification callback: the completion callback is the client\'s, even though the device was removed meanwhile', () => {
    const h = labWith({ devices: [disk], clients: [{ id: 'good', mode: 'kernel', category: 'TargetDeviceChange', target: 'disk', inCallback: 'reportAsync' }] }).plug('disk').safeRemove('disk');
    const raised = h.last.find((e) => e.name === 'IoReportTargetDeviceChangeAsynchronous')!;
    expect(raised.client).toBe('good');
    const done = h.last.find((e) => e.name === 'PDEVICE_CHANGE_COMPLETE_CALLBACK')!;
    expect(done).toMatchObject({ kind: 'callback', device: 'disk', client: 'good', args: { Event: 'GUID_PNPLAB_CLIENT_EVENT' } });
    expect(done.layer).toBeUndefined();
    expect(done.driver).toBeUndefined();
    // the event was processed after the removal it was raised in
    expect(done.seq).toBeGreaterThan(h.last.find((e) => e.kind === 'state' && e.args?.Problem === 'CM_PROB_HELD_FOR_EJECT')!.seq);
  });

  it('the function driver raises it: its own callback, after every registrant was told', () => {
    const h = labWith({ devices: [disk], clients: [] }).plug('disk').do({ action: 'customEvent', device: 'disk', guid: 'GUID_DISK_FULL', async: true });
    expect(h.last.find((e) => e.name === 'PDEVICE_CHANGE_COMPLETE_CALLBACK')).toMatchObject({ device: 'disk', layer: 'function', driver: 'SimDisk' });
  });

  it('the function driver raises it and its device is removed before the PnP manager gets to the event: no callback into the removed driver; the row is skipped', () => {
    const skipped: string[] = [];
    const tableOf = new Map<number, string>();
    const h = labWith({ devices: [disk], clients: [], inspect: (r) => {
      if (r.kind === 'run.start') tableOf.set(r.run, r.table);
      if (r.kind === 'row.skip' && tableOf.get(r.run) === 'pnp.customEvent') skipped.push(`${r.row}:${r.when}`);
    } }).plug('disk');
    h.start({ action: 'customEvent', device: 'disk', guid: 'GUID_DISK_FULL', async: true }).after(0, { action: 'safeRemove', device: 'disk' }).settle();
    const removed = h.events.find((e) => e.kind === 'state' && e.args?.Problem === 'CM_PROB_HELD_FOR_EJECT')!;
    expect(removed.seq).toBeGreaterThan(h.events.find((e) => e.name === 'IoReportTargetDeviceChangeAsynchronous')!.seq);
    expect(h.events.some((e) => e.name === 'PDEVICE_CHANGE_COMPLETE_CALLBACK')).toBe(false);
    expect(skipped).toEqual(['CompletionCallback:asyncCallerPresent']);
  });
});
