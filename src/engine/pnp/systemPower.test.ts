/**
 * Shutdown: the device set-power IRP goes through the stack inside the system set-power IRP.
 * kernel/handling-a-system-set-power-irp-in-a-device-power-policy-owner.md: the power policy owner passes the system IRP
 * down with an IoCompletion routine, sends the device IRP from it, and "after all drivers in the stack have completed the
 * device set-power IRP, the device power policy owner completes the system set-power IRP"; kernel/power-irps-for-the-system.md
 * steps 3-8; KMDF: fdopower.cpp FxPkgFdo::DispatchSystemSetPower (STATUS_PENDING) and _SystemPowerSxCompletion
 * (STATUS_MORE_PROCESSING_REQUIRED: "Power policy will complete the system irp").
 */
import { describe, expect, it } from 'vitest';
import { lab } from '../../testing/harness';

describe('shutdown: the system IRP is held by the power policy owner until the device IRP is done', () => {
  it('the owner and the drivers above it see the system IRP pending until every driver completed the device IRP; the drivers below completed it on the way', () => {
    const h = lab({ id: 'disk', model: 'usb-disk', filters: { lower: 1, upper: 1 } }).plug('disk').do({ action: 'shutdown' });
    const power = h.select({ kind: 'irp' }).filter((e) => e.name === 'IRP_MN_SET_POWER');
    const system = power.filter((e) => e.args?.State === 'PowerSystemShutdown');
    const device = power.filter((e) => e.args?.State === 'PowerDeviceD3');
    expect(system.map((e) => e.layer)).toEqual(['upper-filter', 'function', 'lower-filter', 'bus']);
    expect(device.map((e) => e.layer)).toEqual(['upper-filter', 'function', 'lower-filter', 'bus']);
    // the device IRP starts after the system IRP reached the bus driver (the owner's IoCompletion routine requests it)
    expect(device[0].seq).toBeGreaterThan(system[3].seq);
    const lastOfDeviceIrp = h.last.filter((e) => e.cause === h.last[0].seq).at(-1)!.seq;
    for (const e of system.slice(0, 2)) expect(e, e.layer).toMatchObject({ result: 'STATUS_SUCCESS', end: lastOfDeviceIrp });
    for (const e of system.slice(2)) expect(e.end!, e.layer).toBeLessThan(device[0].seq);
    expect(h.last.at(-1)).toMatchObject({ name: 'EvtDeviceD0Exit', layer: 'bus', args: { TargetState: 'WdfPowerDeviceD3Final' } });
  });

  it('a callback that hangs in the device IRP leaves the held system IRP pending: STATUS_PENDING and no end (docs/trace-format.md, end)', () => {
    const h = lab({ id: 'disk', model: 'usb-disk', callbacks: { EvtIoStop: 'hang' } }).plug('disk').do({ action: 'shutdown' });
    const system = h.select({ kind: 'irp' }).filter((e) => e.name === 'IRP_MN_SET_POWER' && e.args?.State === 'PowerSystemShutdown');
    expect(system.find((e) => e.layer === 'function')).toMatchObject({ result: 'STATUS_PENDING', end: undefined });
    expect(system.find((e) => e.layer === 'bus')!.end).toBeDefined();
  });

  it('an idle device armed for wake: the owner cancels its wait-wake IRP in the system IRP\'s completion, before asking for the device IRP', () => {
    const h = lab({ id: 'disk', model: 'usb-disk' }).plug('disk').idle('disk').do({ action: 'shutdown' });
    const order = h.last.filter((e) => e.kind !== 'callback').map((e) => `${e.name}${e.args?.State ? ':' + e.args.State : ''}@${e.layer ?? ''}`);
    expect(order).toEqual([
      'shutdown@', 'IRP_MN_SET_POWER:PowerSystemShutdown@function', 'IRP_MN_SET_POWER:PowerSystemShutdown@bus',
      'IoCancelIrp@function', 'IRP_MN_SET_POWER:PowerDeviceD3@function', 'IRP_MN_SET_POWER:PowerDeviceD3@bus',
    ]);
    const fdoSystem = h.select({ kind: 'irp', layer: 'function' }).find((e) => e.args?.State === 'PowerSystemShutdown')!;
    expect(fdoSystem.end).toBe(h.last.at(-1)!.seq);
  });
});
