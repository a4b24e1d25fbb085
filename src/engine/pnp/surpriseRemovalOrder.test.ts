/**
 * Surprise removal of a subtree, and of a devnode whose drivers were already removed.
 * Sources: kernel/handling-an-irp-mn-surprise-removal-request.md and kernel/irp-mn-surprise-removal.md (the PnP
 * manager "sends this IRP to drivers before notifying"; the device "can be in any PnP state"),
 * kernel/removing-a-device-in-a-bus-driver.md ("sends another IRP_MN_REMOVE_DEVICE"), and the KMDF source,
 * src/framework/shared/irphandlers/pnp/pnpstatemachine.cpp (RemovedPdoWait → RemovedPdoSurpriseRemoved).
 */
import { describe, expect, it } from 'vitest';
import { getTable } from '../tables/registry';
import { indexOf, lab, labWith } from '../../testing/harness';

describe('unplugging a device after Safely Remove: the pages differ, the lab follows KMDF (pnpstatemachine.cpp RemovedPdoSurpriseRemoved)', () => {
  it('the kept PDO gets IRP_MN_SURPRISE_REMOVAL from its own row, whose WHY cites both pages and the source; then IRP_MN_REMOVE_DEVICE deletes it', () => {
    const h = lab({ id: 'disk', model: 'usb-disk' }).plug('disk').safeRemove('disk').unplug('disk');
    expect(h.irps()).toEqual(['IRP_MN_QUERY_DEVICE_RELATIONS@function', 'IRP_MN_SURPRISE_REMOVAL@bus', 'IRP_MN_REMOVE_DEVICE@bus']);
    const surprise = h.last.find((e) => e.name === 'IRP_MN_SURPRISE_REMOVAL')!;
    expect(surprise.at).toBe('pnp.surpriseRemoveOne/SurpriseRemovalKeptPdo');
    const row = getTable('pnp.surpriseRemoveOne').rows.find((r) => r.id === 'SurpriseRemovalKeptPdo')!;
    expect(row.note).toContain('kernel/removing-a-device-in-a-bus-driver.md');
    expect(row.note).toContain('kernel/irp-mn-surprise-removal.md');
    expect(row.note).toContain('RemovedPdoSurpriseRemoved');
    expect(h.state('disk')).toBe('PhysicallyAbsent');
  });

  it('the same after Device Manager disable and after a failed start: every kept PDO takes that row', () => {
    const disabled = lab({ id: 'disk', model: 'usb-disk' }).plug('disk').disable('disk').unplug('disk');
    expect(disabled.last.find((e) => e.name === 'IRP_MN_SURPRISE_REMOVAL')!.at).toBe('pnp.surpriseRemoveOne/SurpriseRemovalKeptPdo');
    const failed = lab({ id: 'disk', model: 'usb-disk', callbacks: { EvtDevicePrepareHardware: 'fail' } }).plug('disk').unplug('disk');
    expect(failed.last.find((e) => e.name === 'IRP_MN_SURPRISE_REMOVAL')!.at).toBe('pnp.surpriseRemoveOne/SurpriseRemovalKeptPdo');
    // a started stack still takes the ordinary row
    const started = lab({ id: 'disk', model: 'usb-disk' }).plug('disk').unplug('disk');
    expect(started.last.filter((e) => e.name === 'IRP_MN_SURPRISE_REMOVAL').map((e) => e.at)).toEqual(['pnp.surpriseRemoveOne/SurpriseRemoval', 'pnp.surpriseRemoveOne/SurpriseRemoval']);
  });
});

describe('a subtree: IRP_MN_SURPRISE_REMOVAL to every driver first, then the notifications (kernel/handling-an-irp-mn-surprise-removal-request.md)', () => {
  it('scanner on a hub, hub unplugged: the hub\'s IRP comes before the scanner\'s REMOVEPENDING and before drvNotifyPnpEvent', () => {
    const h = lab({ id: 'hub', model: 'usb-hub' }, { id: 'scanner', model: 'usb-scanner' }).plug('hub').plug('scanner', 'hub:2').unplug('hub');
    const lastSurprise = h.last.findLastIndex((e) => e.name === 'IRP_MN_SURPRISE_REMOVAL');
    expect(h.last[lastSurprise]).toMatchObject({ device: 'hub', layer: 'bus' });
    expect(indexOf(h.last, (e) => e.name === 'CM_NOTIFY_ACTION_DEVICEREMOVEPENDING' && e.client === 'stisvc:scanner')).toBeGreaterThan(lastSurprise);
    expect(indexOf(h.last, (e) => e.name === 'drvNotifyPnpEvent')).toBeGreaterThan(lastSurprise);
    // children first, in both passes
    expect(h.last.filter((e) => e.name === 'IRP_MN_SURPRISE_REMOVAL' && e.layer === 'bus').map((e) => e.device)).toEqual(['scanner', 'hub']);
  });

  it('no notification of the operation comes before the last IRP_MN_SURPRISE_REMOVAL; each device\'s clients are told children first, kernel then user', () => {
    const target = (id: string, mode: 'kernel' | 'user', on: string) => ({ id, mode, category: 'TargetDeviceChange' as const, target: on });
    const h = labWith({
      devices: [{ id: 'hub', model: 'usb-hub' }, { id: 'disk', model: 'usb-disk' }],
      clients: [target('hubwatch', 'user', 'hub'), target('volsnap', 'kernel', 'disk'), target('explorer', 'user', 'disk')],
    }).plug('hub').plug('disk', 'hub:1').unplug('hub');
    const lastSurprise = h.last.findLastIndex((e) => e.name === 'IRP_MN_SURPRISE_REMOVAL');
    const firstNotify = indexOf(h.last, (e) => e.kind === 'notify');
    expect(firstNotify).toBeGreaterThan(lastSurprise);
    expect(h.last.filter((e) => e.kind === 'notify').map((e) => `${e.name}@${e.client}`)).toEqual([
      'GUID_TARGET_DEVICE_REMOVE_COMPLETE@volsnap', 'CM_NOTIFY_ACTION_DEVICEREMOVEPENDING@explorer', 'CM_NOTIFY_ACTION_DEVICEREMOVEPENDING@hubwatch',
    ]);
    expect(h.select({ kind: 'irp' }).filter((e) => e.name === 'IRP_MN_REMOVE_DEVICE' && e.layer === 'bus').map((e) => e.device)).toEqual(['disk', 'hub']);
  });
});
