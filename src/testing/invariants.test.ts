/**
 * The invariant checks must be able to fail: each one, given a real trace broken in the way it
 * guards against, says so (and says nothing about the trace as the engine recorded it).
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../engine/trace';
import { lab } from './harness';
import { irpsComplete, minidriverCallsWhileLoaded, nothingAfterRemove, nothingAfterShutdown, oneUserEventPerStep, seqAndTime } from './invariants';

/** A scanner plugged in, scanned with, safely removed, unplugged, then shutdown: most event kinds. */
function recorded() {
  const h = lab({ id: 'scanner', model: 'usb-scanner' }, { id: 'disk', model: 'usb-disk' }).plug('scanner').plug('disk')
    .do({ action: 'connectApp', device: 'scanner' }).do({ action: 'scan', device: 'scanner' })
    .safeRemove('scanner').unplug('scanner').do({ action: 'shutdown' });
  const steps = h.events.filter((e) => e.kind === 'user').map((e) => ({ action: e.name }));
  return { trace: h.events.map((e) => ({ ...e })), steps, poweredOffAt: h.lab.poweredOffAt };
}

const renumber = (trace: TraceEvent[]) => trace.map((e, i) => ({ ...e, seq: i + 1 }));

describe('the invariant checks', () => {
  const { trace, steps, poweredOffAt } = recorded();

  it('accept the trace the engine recorded', () => {
    for (const check of [seqAndTime, oneUserEventPerStep, irpsComplete, nothingAfterRemove, minidriverCallsWhileLoaded]) expect(check(trace, steps)).toBeUndefined();
    expect(poweredOffAt).toBe(trace.length);
    expect(nothingAfterShutdown(trace, poweredOffAt)).toBeUndefined();
  });

  it('seqAndTime: a gap in seq, a clock going back', () => {
    expect(seqAndTime(trace.filter((_, i) => i !== 5), steps)).toMatch(/seq must be 1, 2, 3/);
    const back = trace.map((e, i) => (i === 40 ? { ...e, t: 0 } : e));
    expect(seqAndTime(back, steps)).toMatch(/t must never decrease/);
  });

  it('oneUserEventPerStep: a missing user event, a cause that is not a user event', () => {
    expect(oneUserEventPerStep(trace, [...steps, { action: 'wait' }])).toMatch(/user events for/);
    const i = trace.findIndex((e) => e.cause !== undefined);
    expect(oneUserEventPerStep(trace.map((e, j) => (j === i ? { ...e, cause: e.seq + 1 } : e)), steps)).toMatch(/not an earlier user event/);
  });

  it('irpsComplete: an IRP event without end, one left STATUS_PENDING', () => {
    const i = trace.findIndex((e) => e.kind === 'irp');
    expect(irpsComplete(trace.map((e, j) => (j === i ? { ...e, end: undefined } : e)), steps)).toMatch(/has no end/);
    expect(irpsComplete(trace.map((e, j) => (j === i ? { ...e, result: 'STATUS_PENDING' } : e)), steps)).toMatch(/ended STATUS_PENDING/);
  });

  it('irpsComplete: a hub\'s IRP_MN_QUERY_DEVICE_RELATIONS held by its bus driver\'s hung callback on a child\'s PDO (found by the hub-tree property test)', () => {
    // hub1's bus driver calls EvtDeviceReportedMissing on hub4's PDO while it handles hub1's own IRP: the hang holds hub1's IRP
    const h = lab({ id: 'hub1', model: 'usb-hub' }, { id: 'hub4', model: 'usb-hub', layers: { bus: { callbacks: { EvtDeviceReportedMissing: 'hang' } } } })
      .plug('hub1').plug('hub4', 'hub1:1').unplug('hub4');
    const held = h.events.filter((e) => e.kind === 'irp' && e.end === undefined);
    expect(held.map((e) => `${e.name} on ${e.device}@${e.layer}: ${e.result}`)).toEqual(['IRP_MN_QUERY_DEVICE_RELATIONS on hub1@function: STATUS_PENDING']);
    const hubSteps = h.events.filter((e) => e.kind === 'user').map((e) => ({ action: e.name }));
    expect(irpsComplete(h.events, hubSteps)).toBeUndefined();
    // the same hang on a device that is not on hub1's ports holds nothing of hub1's
    const elsewhere = h.events.map((e) => (e.kind === 'warn' ? { ...e, device: 'hub1-elsewhere' } : e));
    expect(irpsComplete(elsewhere, hubSteps)).toMatch(/IRP_MN_QUERY_DEVICE_RELATIONS on hub1@function .* has no end/);
  });

  it('irpsComplete: a device\'s IRP_MN_START_DEVICE held by the hung power-up of the idle hub above it (found by the hub-tree property test)', () => {
    // scanner's PDO powers up inside its start and waits for its idle hub to return to D0; the hub's bus driver hangs there
    const h = lab({ id: 'hub', model: 'usb-hub', layers: { bus: { callbacks: { EvtDeviceDisableWakeAtBus: 'hang' } } } }, { id: 'scanner', model: 'usb-scanner' })
      .plug('hub').idle('hub').plug('scanner', 'hub:2');
    const held = h.events.filter((e) => e.kind === 'irp' && e.end === undefined);
    expect(held.map((e) => `${e.name} on ${e.device}@${e.layer}: ${e.result}`)).toEqual(['IRP_MN_START_DEVICE on scanner@bus: STATUS_PENDING', 'IRP_MN_SET_POWER on hub@bus: STATUS_PENDING']);
    const hubSteps = h.events.filter((e) => e.kind === 'user').map((e) => ({ action: e.name }));
    expect(irpsComplete(h.events, hubSteps)).toBeUndefined();
    const elsewhere = h.events.map((e) => (e.kind === 'warn' ? { ...e, device: 'hub-elsewhere' } : e));
    expect(irpsComplete(elsewhere, hubSteps)).toMatch(/IRP_MN_START_DEVICE on scanner@bus .* has no end/);
  });

  it('nothingAfterRemove: a plug removes no PDO (a PDO created for another device\'s query before the device\'s own arrival; found by scripts/fuzz-hubs.ts)', () => {
    const h = lab({ id: 'cam1', model: 'usb-webcam' }, { id: 'cam2', model: 'usb-webcam' })
      .start({ action: 'plug', device: 'cam1' }).after(0, { action: 'plug', device: 'cam2' }).after(10, { action: 'unplug', device: 'cam2' }).settle();
    const camSteps = h.events.filter((e) => e.kind === 'user').map((e) => ({ action: e.name }));
    // EvtChildListCreateDevice, then the arrival's PhysicallyPresent (from PhysicallyAbsent), then EvtDeviceReportedMissing on that PDO
    expect(nothingAfterRemove(h.events, camSteps)).toBeUndefined();
    // once the PDO is deleted (IRP_MN_REMOVE_DEVICE, PhysicallyAbsent), a callback on it is still caught
    const missing = h.events.find((e) => e.name === 'EvtDeviceReportedMissing' && e.device === 'cam2')!;
    expect(nothingAfterRemove(renumber([...h.events, missing]), camSteps)).toMatch(/EvtDeviceReportedMissing on cam2@bus .*its PDO is gone/);
  });

  it('nothingAfterRemove: the pull of a device with no devnode removes no PDO (pulled while its hub created it; found by scripts/fuzz-hubs.ts)', () => {
    const h = lab({ id: 'cam', model: 'usb-webcam' }).start({ action: 'plug', device: 'cam' }).after(3, { action: 'unplug', device: 'cam' }).settle();
    const camSteps = h.events.filter((e) => e.kind === 'user').map((e) => ({ action: e.name }));
    // EvtChildListCreateDevice, PhysicallyAbsent at lab/unplug, then EvtDeviceReportedMissing and IRP_MN_REMOVE_DEVICE on that PDO
    expect(h.events.find((e) => e.kind === 'state' && e.name === 'PhysicallyAbsent')!.at).toBe('lab/unplug');
    expect(nothingAfterRemove(h.events, camSteps)).toBeUndefined();
    const missing = h.events.find((e) => e.name === 'EvtDeviceReportedMissing' && e.device === 'cam')!;
    expect(nothingAfterRemove(renumber([...h.events, missing]), camSteps)).toMatch(/an IRP to a device whose PDO was deleted|its PDO is gone/);
  });

  it('nothingAfterRemove: a function driver callback, and a minidriver call, after the device was removed', () => {
    const removed = trace.findIndex((e) => e.kind === 'state' && e.device === 'scanner' && e.args?.Problem === 'CM_PROB_HELD_FOR_EJECT');
    const callback = trace.find((e) => e.kind === 'callback' && e.device === 'scanner' && e.layer === 'function' && e.name === 'EvtDeviceD0Exit')!;
    const late = renumber([...trace.slice(0, removed + 1), callback, ...trace.slice(removed + 1)]);
    expect(nothingAfterRemove(late, steps)).toMatch(/after the device's IRP_MN_REMOVE_DEVICE completed/);
    const read = trace.find((e) => e.kind === 'hw' && e.name === 'ReadFile')!;
    expect(nothingAfterRemove(renumber([...trace.slice(0, removed + 1), read, ...trace.slice(removed + 1)]), steps)).toMatch(/minidriver acts on a device whose drivers were removed/);
  });

  it('minidriverCallsWhileLoaded: a call after the release, a second release', () => {
    const release = trace.findIndex((e) => e.name === 'IUnknown::Release');
    const call = trace.find((e) => e.name === 'drvInitializeWia')!;
    expect(minidriverCallsWhileLoaded(renumber([...trace.slice(0, release + 1), call, ...trace.slice(release + 1)]), steps)).toMatch(/while the minidriver is not loaded/);
    expect(minidriverCallsWhileLoaded(renumber([...trace.slice(0, release + 1), trace[release], ...trace.slice(release + 1)]), steps)).toMatch(/releases a minidriver that is not loaded/);
  });

  it('nothingAfterShutdown: an event after the power-off, a load after shutdown began, something else shutdown caused', () => {
    const extra = { ...trace[trace.length - 1], seq: trace.length + 1 };
    expect(nothingAfterShutdown([...trace, extra], poweredOffAt)).toMatch(/after shutdown's final power-down/);
    const load = trace.find((e) => e.at === 'wia.load/Initialize')!;
    expect(nothingAfterShutdown(renumber([...trace, load]), poweredOffAt)).toMatch(/loads a minidriver after shutdown began/);
    const shutdown = trace.find((e) => e.kind === 'user' && e.name === 'shutdown')!;
    const other = trace.map((e) => (e.seq === shutdown.seq + 1 ? { ...e, at: 'pnp.surpriseRemoveOne/SurpriseRemoval' } : e));
    expect(nothingAfterShutdown(other, poweredOffAt)).toMatch(/only the WIA unloads and the power-down/);
    expect(nothingAfterShutdown(trace, undefined)).toMatch(/never powered the machine off/);
  });
});
