/**
 * What state and notification events may claim. Sources: kernel/state-transitions-for-pnp-devices.md (a state event
 * is a transition of the figure: never from a state to itself), IoRegisterPlugPlayNotification's
 * DEVICE_INTERFACE_CHANGE_NOTIFICATION (wdm.h / windows-driver-docs-ddi wdm/ns-wdm-_device_interface_change_notification.md:
 * Version, Size, Event, InterfaceClassGuid, SymbolicLinkName; no "existing" flag).
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../trace';
import { lab, labWith, type Harness } from '../../testing/harness';

const selfTransitions = (events: TraceEvent[]) => events.filter((e) => e.kind === 'state' && e.args?.From === e.name);

describe('no state event from a state to itself (kernel/state-transitions-for-pnp-devices.md)', () => {
  const runs: [string, () => Harness][] = [
    ['disable, then enable', () => lab({ id: 'disk', model: 'usb-disk' }).plug('disk').disable('disk').enable('disk')],
    ['a failed AddDevice', () => lab({ id: 'disk', model: 'usb-disk', filters: { lower: 1 }, callbacks: { EvtDriverDeviceAdd: 'fail' } }).plug('disk')],
    ['a device whose AddDevice fails, on a hub disabled and enabled again', () =>
      lab({ id: 'hub', model: 'usb-hub' }, { id: 'disk', model: 'usb-disk', callbacks: { EvtDriverDeviceAdd: 'fail' } }).plug('hub').plug('disk', 'hub:1').disable('hub').enable('hub')],
    ['Safely Remove, unplug, plug', () => lab({ id: 'disk', model: 'usb-disk' }).plug('disk').safeRemove('disk').unplug('disk').plug('disk')],
    ['a failed start, unplug', () => lab({ id: 'disk', model: 'usb-disk', callbacks: { EvtDevicePrepareHardware: 'fail' } }).plug('disk').unplug('disk')],
  ];
  for (const [what, make] of runs) {
    it(what, () => {
      expect(selfTransitions(make().events)).toEqual([]);
    });
  }

  it('a problem code set without a transition is a state event with no From: AddDevice fails in EnumeratedAndDriversInitialized', () => {
    const h = lab({ id: 'disk', model: 'usb-disk', filters: { lower: 1 }, callbacks: { EvtDriverDeviceAdd: 'fail' } }).plug('disk');
    const states = h.select({ kind: 'state', device: 'disk' }).map((e) => [e.name, e.args]);
    expect(states.slice(-2)).toEqual([
      ['EnumeratedAndDriversInitialized', { From: 'Enumerated' }],
      ['EnumeratedAndDriversInitialized', { Problem: 'CM_PROB_FAILED_ADD' }],
    ]);
    expect(h.state('disk')).toBe('EnumeratedAndDriversInitialized/CM_PROB_FAILED_ADD');
  });

  it('enable: CM_PROB_DISABLED shows until the devnode\'s next transition, which clears it', () => {
    const h = lab({ id: 'disk', model: 'usb-disk' }).plug('disk').disable('disk').enable('disk');
    const first = h.select({ kind: 'state', device: 'disk' })[0];
    expect([first.name, first.args]).toEqual(['FdoAndFilterDosAttached', { From: 'EnumeratedAndDriversInitialized' }]);
    expect(h.state('disk')).toBe('Started');
  });
});

describe('INCLUDE_EXISTING arrivals carry the notification structure\'s fields, no invented flag', () => {
  it('GUID_DEVICE_INTERFACE_ARRIVAL for an interface enabled before the registration has args { InterfaceClassGuid } only', () => {
    const late = { id: 'mountmgr', mode: 'kernel' as const, category: 'DeviceInterfaceChange' as const, interfaceClass: 'GUID_DEVINTERFACE_VOLUME', registered: false, includeExisting: true };
    const h = labWith({ devices: [{ id: 'disk', model: 'usb-disk' }], clients: [late] }).plug('disk').do({ action: 'register', client: 'mountmgr' });
    const arrival = h.last.find((e) => e.kind === 'notify')!;
    expect(arrival.name).toBe('GUID_DEVICE_INTERFACE_ARRIVAL');
    expect(arrival.args).toEqual({ InterfaceClassGuid: 'GUID_DEVINTERFACE_VOLUME' });
  });
});
