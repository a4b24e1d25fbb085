/**
 * IRP_MN_CANCEL_REMOVE_DEVICE returns each devnode the query reached to the state it had before the query.
 * kernel/handling-an-irp-mn-cancel-remove-device-request.md: the drivers "must return the device to the state it was in
 * prior to receiving the IRP_MN_QUERY_REMOVE_DEVICE request. Typically, drivers return the device to the started state."
 * The query of a hub reaches the devnodes below it that are not started (kernel/understanding-when-remove-irps-are-issued.md:
 * "a bus driver might receive an IRP_MN_QUERY_REMOVE_DEVICE for a device that is not started"): a kept PDO, and a
 * surprise-removed devnode still waiting for its last handle (KMDF: "start succeeded, but we still get a query in the
 * removed case", pnpstatemachine.cpp, WdfDevStatePnpFailedWaitForRemove).
 */
import { describe, expect, it } from 'vitest';
import { lab } from '../../testing/harness';

/** `device:state[/problem] (from)` for the state events of the last step. */
function states(h: ReturnType<typeof lab>): string[] {
  return h.select({ kind: 'state' }).map((e) => `${e.device}:${e.name}${e.args?.Problem ? '/' + e.args.Problem : ''}${e.args?.From ? ` (from ${e.args.From})` : ''}`);
}

describe('a vetoed removal of a hub leaves the devnodes below it as they were', () => {
  // The minimal scenario of the internal error "devnode "webcam14": PhysicallyPresent → RemovePending": a failed hub
  // whose removal waits for a handle; a vetoed query of the hub above brought it back as Started, so a device plugged
  // into it later re-created the PDO of a device its failure had removed, and the next query reached that PDO.
  const failedHubBelow = () =>
    lab(
      { id: 'hubA', model: 'usb-hub' }, { id: 'hubB', model: 'usb-hub' },
      { id: 'cam', model: 'usb-webcam' }, { id: 'scanner', model: 'usb-scanner', openHandles: 1 }, { id: 'disk', model: 'usb-disk' },
    )
      .plug('hubA').plug('hubB', 'hubA:1').plug('cam', 'hubB:1').plug('scanner', 'hubB:2')
      .fail('hubB');

  it('a surprise-removed hub waiting for a handle is SurpriseRemoved again after the cancel, not Started', () => {
    const h = failedHubBelow();
    expect([h.state('hubB'), h.state('scanner'), h.state('cam')]).toEqual(['SurpriseRemoved', 'SurpriseRemoved', 'PhysicallyPresent']);
    h.safeRemove('hubA');
    // the query reaches every stack of the subtree, children first (cam has none: its PDO went with hubB's failure)
    expect(h.irps('IRP_MN_QUERY_REMOVE_DEVICE', { layer: 'bus' }).length).toBe(3);
    expect(h.select({ kind: 'irp' }).filter((e) => e.name === 'IRP_MN_QUERY_REMOVE_DEVICE' && e.layer === 'bus').map((e) => e.device)).toEqual(['scanner', 'hubB', 'hubA']);
    expect(h.select({ kind: 'irp' }).filter((e) => e.name === 'IRP_MN_CANCEL_REMOVE_DEVICE' && e.layer === 'bus').map((e) => e.device)).toEqual(['scanner', 'hubB', 'hubA']);
    expect(states(h)).toEqual([
      'scanner:RemovePending (from SurpriseRemoved)', 'hubB:RemovePending (from SurpriseRemoved)', 'hubA:RemovePending (from Started)',
      'scanner:SurpriseRemoved (from RemovePending)', 'hubB:SurpriseRemoved (from RemovePending)', 'hubA:Started (from RemovePending)',
      'hubA:PNP_VetoOutstandingOpen',
    ]);
    expect(h.last.find((e) => e.name === 'PNP_VetoOutstandingOpen')!.args).toMatchObject({ VetoType: 'PNP_VetoOutstandingOpen', OpenOn: 'scanner', AppHandles: '1' });
  });

  it('a surprise-removed KMDF stack drops the query: every driver succeeds it with no EvtDeviceQueryRemove and no return to D0 (source: FailedWaitForRemove)', () => {
    const h = failedHubBelow().safeRemove('hubA');
    for (const d of ['scanner', 'hubB']) {
      expect(h.select({ device: d, kind: 'irp' }).filter((e) => e.name === 'IRP_MN_QUERY_REMOVE_DEVICE').map((e) => `${e.layer}:${e.result}`)).toEqual(['function:STATUS_SUCCESS', 'bus:STATUS_SUCCESS']);
      expect(h.callbacks({ device: d })).toEqual([]);
      expect(h.irps('IRP_MN_SET_POWER', { device: d })).toEqual([]);
    }
    // the started hub above is asked as usual (its function driver's EvtDeviceQueryRemove)
    expect(h.callbacks({ device: 'hubA', layer: 'function' })).toEqual(['EvtDeviceQueryRemove']);
  });

  it('a device plugged into the failed hub afterwards is not enumerated, and a later disable of the hub above runs (no internal error)', () => {
    const h = failedHubBelow().safeRemove('hubA').plug('disk', 'hubB:3');
    expect(states(h)).toEqual(['disk:PhysicallyPresent (from PhysicallyAbsent)']);
    expect(h.select({ device: 'cam' })).toEqual([]); // its hub re-created no PDO for it
    h.disable('hubA');
    expect(h.select({ kind: 'irp' }).filter((e) => e.name === 'IRP_MN_QUERY_REMOVE_DEVICE' && e.layer === 'bus').map((e) => e.device)).toEqual(['scanner', 'hubB', 'hubA']);
    expect([h.state('hubA'), h.state('hubB'), h.state('scanner'), h.state('cam'), h.state('disk')]).toEqual(['Started', 'SurpriseRemoved', 'SurpriseRemoved', 'PhysicallyPresent', 'PhysicallyPresent']);
    // once the handle closes, the deferred removals run: the scanner's, then its hub's (its PDO kept: it failed, it is still there)
    h.closeHandles('scanner');
    expect(states(h)).toEqual(['scanner:PhysicallyPresent (from SurpriseRemoved)', 'hubB:EnumeratedAndDriversInitialized/CM_PROB_FAILED_POST_START (from SurpriseRemoved)']);
  });

  it('a disabled device below the hub keeps its kept PDO and CM_PROB_DISABLED after the cancel, and can be enabled', () => {
    const h = lab({ id: 'hub', model: 'usb-hub' }, { id: 'disk', model: 'usb-disk' }, { id: 'scanner', model: 'usb-scanner', openHandles: 1 })
      .plug('hub').plug('disk', 'hub:1').plug('scanner', 'hub:2')
      .disable('disk');
    expect(h.state('disk')).toBe('EnumeratedAndDriversInitialized/CM_PROB_DISABLED');
    h.safeRemove('hub');
    expect(h.irps(undefined, { device: 'disk' })).toEqual(['IRP_MN_QUERY_REMOVE_DEVICE@bus', 'IRP_MN_CANCEL_REMOVE_DEVICE@bus']);
    expect(states(h).filter((s) => s.startsWith('disk:'))).toEqual([
      'disk:RemovePending (from EnumeratedAndDriversInitialized)',
      'disk:EnumeratedAndDriversInitialized/CM_PROB_DISABLED (from RemovePending)',
    ]);
    expect(h.state('disk')).toBe('EnumeratedAndDriversInitialized/CM_PROB_DISABLED');
    h.enable('disk');
    expect(h.state('disk')).toBe('Started');
  });
});

describe('a PDO the PnP manager never enumerated gets no query (found by scripts/fuzz-hubs.ts)', () => {
  it('a hub plugged into a starting hub that is then safely removed and pulled: its PDO gets no IRP_MN_QUERY_REMOVE_DEVICE', () => {
    // hub5 is plugged while hub4 starts; hub4's start creates hub5's PDO (bus relations) but hub4 is pulled before it
    // enumerates it, so hub5 has a PDO and no devnode. The queued Safely Remove of hub4 used to query hub5 anyway
    // (internal error PhysicallyPresent → RemovePending): the PnP manager sends PnP IRPs to the devnodes it enumerated.
    const h = lab({ id: 'hub4', model: 'usb-hub', filters: { lower: 1, upper: 2 } }, { id: 'hub5', model: 'usb-hub' });
    h.start({ action: 'plug', device: 'hub4', port: 'usb-root-hub:4' })
      .after(33, { action: 'plug', device: 'hub5', port: 'hub4:4' })
      .after(52, { action: 'safeRemove', device: 'hub4' })
      .after(0, { action: 'unplug', device: 'hub4' })
      .settle();
    const hub5 = h.events.filter((e) => e.device === 'hub5' && (e.kind === 'irp' || e.kind === 'state' || e.kind === 'callback')).map((e) => `${e.kind}:${e.name}`);
    expect(hub5).toEqual(['state:PhysicallyPresent', 'callback:EvtChildListCreateDevice', 'irp:IRP_MN_REMOVE_DEVICE', 'state:PhysicallyAbsent']);
    expect(h.events.filter((e) => e.name === 'IRP_MN_QUERY_REMOVE_DEVICE' && e.layer === 'bus').map((e) => e.device)).toEqual(['hub4']);
    expect([h.state('hub4'), h.state('hub5')]).toEqual(['PhysicallyAbsent', 'PhysicallyAbsent']);
  });
});
