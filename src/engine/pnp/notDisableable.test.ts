/**
 * PNP_DEVICE_NOT_DISABLEABLE propagates to the device's ancestors.
 * Source: kernel/handling-an-irp-mn-surprise-removal-request.md ("About PNP_DEVICE_STATE": "the PnP manager
 * propagates this setting to the device's parent device, its parent's parent device, and so forth", and the
 * debugger's DisableableDepends = X + Y), kernel/irp-mn-query-pnp-device-state.md.
 */
import { describe, expect, it } from 'vitest';
import { lab } from '../../testing/harness';

const hubWithDisk = (disk: object = {}) => lab({ id: 'hub', model: 'usb-hub' }, { id: 'disk', model: 'usb-disk', capabilities: { NotDisableable: true }, ...disk }).plug('hub').plug('disk', 'hub:1');

describe('PNP_DEVICE_NOT_DISABLEABLE propagates to ancestors (kernel/handling-an-irp-mn-surprise-removal-request.md)', () => {
  it('disabling the hub of a NotDisableable disk is vetoed with PNP_VetoNonDisableable before any notification or IRP; both stay started', () => {
    const h = hubWithDisk().disable('hub');
    expect(h.last.map((e) => `${e.kind}:${e.name}`)).toEqual(['user:disable', 'state:PNP_VetoNonDisableable']);
    expect(h.last[1]).toMatchObject({ device: 'hub', args: { VetoType: 'PNP_VetoNonDisableable', VetoName: 'USB\\VID_1D6B&PID_0002\\hub', Operation: 'Disable', DisableableDepends: '1' } });
    expect(h.state('hub')).toBe('Started');
    expect(h.state('disk')).toBe('Started');
  });

  it('it goes all the way up: a hub on a hub is not disableable either', () => {
    const h = lab({ id: 'outer', model: 'usb-hub' }, { id: 'inner', model: 'usb-hub' }, { id: 'disk', model: 'usb-disk', capabilities: { NotDisableable: true } })
      .plug('outer').plug('inner', 'outer:1').plug('disk', 'inner:2').disable('outer');
    expect(h.irps()).toEqual([]);
    expect(h.last.find((e) => e.kind === 'state')).toMatchObject({ name: 'PNP_VetoNonDisableable', device: 'outer', args: { DisableableDepends: '1' } });
  });

  it('the device itself counts once, each child that cannot be disabled once (DisableableDepends = X + Y)', () => {
    const h = lab({ id: 'hub', model: 'usb-hub', capabilities: { NotDisableable: true } }, { id: 'a', model: 'usb-disk', capabilities: { NotDisableable: true } }, { id: 'b', model: 'usb-disk', capabilities: { NotDisableable: true } })
      .plug('hub').plug('a', 'hub:1').plug('b', 'hub:2').disable('hub');
    expect(h.last.find((e) => e.kind === 'state')!.args).toMatchObject({ VetoName: 'USB\\VID_1D6B&PID_0002\\hub', DisableableDepends: '3' });
  });

  it('only a started device has reported the flag: with the disk removed (Safely Remove), the hub can be disabled', () => {
    const h = hubWithDisk().safeRemove('disk').disable('hub');
    expect(h.last.some((e) => e.name === 'PNP_VetoNonDisableable')).toBe(false);
    expect(h.state('hub')).toBe('EnumeratedAndDriversInitialized/CM_PROB_DISABLED');
  });

  it('a disableable child does not block its parent', () => {
    const h = hubWithDisk({ capabilities: { NotDisableable: false } }).disable('hub');
    expect(h.state('hub')).toBe('EnumeratedAndDriversInitialized/CM_PROB_DISABLED');
    expect(h.state('disk')).toBe('PhysicallyPresent');
  });
});
