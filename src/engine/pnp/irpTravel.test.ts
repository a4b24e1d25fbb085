/**
 * IRPs that travel (LabConfig.irpTravel; docs/trace-format.md, "IRPs that travel"): each IRP enters the stack at the
 * top, passes down driver by driver, and its completion comes back up; each driver's work sits after the event of the
 * pass where it really happens. Pages (paths under windows-driver-docs-pr/): kernel/starting-a-device.md,
 * kernel/postponing-pnp-irp-processing-until-lower-drivers-finish.md, kernel/handling-an-irp-mn-query-remove-device-request.md,
 * kernel/handling-an-irp-mn-remove-device-request.md, kernel/irp-mn-cancel-remove-device.md,
 * kernel/handling-an-irp-mn-surprise-removal-request.md, wdf/a-device-enters-a-low-power-state.md,
 * wdf/a-device-returns-to-its-working-state.md. KMDF source (microsoft/Windows-Driver-Frameworks,
 * src/framework/shared/irphandlers/pnp/): fxpkgfdo.cpp, fdopower.cpp.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../trace';
import { parseScenario } from '../../scenario/parse';
import { createLab, runScenario } from '../../scenario/run';
import type { ScenarioInput } from '../../scenario/schema';
import { lab, travel, travelLab } from '../../testing/harness';
import { randomScenario } from '../../testing/randomScenario';
import { irpDirection } from './irps';

const DISK = { id: 'disk', model: 'usb-disk', filters: { lower: 1, upper: 1 } } as const;
const DOWN = ['↓upper-filter', '↓function', '↓lower-filter', '↓bus'];
const UP = ['↑lower-filter', '↑function', '↑upper-filter'];

const arrow = (e: TraceEvent) => (e.pass === 'up' ? '↑' : '↓');

/**
 * The callbacks and calls of `device`'s drivers while `irp` travels, each with the irp event it follows:
 * `EvtDevicePrepareHardware@function after ↑function` says the function driver prepared its hardware once the IRP's
 * completion had come back up to it.
 */
function workAfter(events: readonly TraceEvent[], irp: string, device: string): string[] {
  const out: string[] = [];
  let at: TraceEvent | undefined;
  for (const e of events) {
    if (e.kind === 'irp') {
      if (e.name === irp && e.device === device) at = e;
      else if (at) break;
      continue;
    }
    if (!at) continue;
    if (e.kind === 'state' || e.kind === 'user' || e.kind === 'notify') break;
    if ((e.kind === 'callback' || e.kind === 'call') && e.device === device && e.name !== 'IoCompleteRequest') out.push(`${e.name}@${e.layer} after ${arrow(at)}${at.layer}`);
  }
  return out;
}

/** Each driver's work follows its own event of the expected pass; returns the layers in the order they worked. */
function expectWorkOn(events: readonly TraceEvent[], irp: string, device: string, passOf: (layer: string) => '↓' | '↑'): string[] {
  const work = workAfter(events, irp, device);
  expect(work.length).toBeGreaterThan(0);
  const layers: string[] = [];
  for (const w of work) {
    const [, layer, pass, at] = /@(\S+) after (.)(\S+)$/.exec(w)!;
    expect(`${w}: ${pass}${at}`).toBe(`${w}: ${passOf(layer)}${layer}`);
    if (layers[layers.length - 1] !== layer) layers.push(layer);
  }
  return layers;
}

describe('IRP_MN_START_DEVICE travels down untouched and is started on the way back up', () => {
  // kernel/starting-a-device.md: function and filter drivers "pass the IRP_MN_START_DEVICE request down the device
  // stack, and postpone their start operations until all lower drivers have finished with the IRP"; the parent bus
  // driver "must be the first driver to perform its start operations". KMDF: fxpkgfdo.cpp
  // PnpSendStartDeviceDownTheStackOverload sets _PnpStartDeviceCompletionRoutine and calls the driver below; the
  // start callbacks run once the IRP comes back.
  it('down: upper filter → function → lower filter → bus; work and completion up: bus → lower filter → function → upper filter', () => {
    const h = travelLab(DISK).plug('disk');
    expect(travel(h.last, 'IRP_MN_START_DEVICE')).toEqual([...DOWN, ...UP]);
    const start = h.last.filter((e) => e.kind === 'irp' && e.name === 'IRP_MN_START_DEVICE');
    // on the way down the function and filter drivers pass it on before handling it; the bus driver sets the status and
    // completes it (kernel/postponing-pnp-irp-processing-until-lower-drivers-finish.md, steps 4 and 6)
    expect(start.slice(0, 3).map((e) => e.result)).toEqual([undefined, undefined, undefined]);
    expect(start.slice(3).map((e) => e.result)).toEqual(['STATUS_SUCCESS', 'STATUS_SUCCESS', 'STATUS_SUCCESS', 'STATUS_SUCCESS']);
    const order = expectWorkOn(h.last, 'IRP_MN_START_DEVICE', 'disk', (layer) => (layer === 'bus' ? '↓' : '↑'));
    expect(order).toEqual(['bus', 'lower-filter', 'function', 'upper-filter']);
    expect(workAfter(h.last, 'IRP_MN_START_DEVICE', 'disk')).toContain('EvtDevicePrepareHardware@function after ↑function');
  });

  it('EvtDeviceRemoveAddedResources runs as the IRP passes down, before the bus driver has it (fxpkgfdo.cpp PnpSendStartDeviceDownTheStackOverload)', () => {
    const h = travelLab({ id: 'nic', model: 'pci-nic', filters: { lower: 1, upper: 1 } }).plug('nic');
    const work = workAfter(h.last, 'IRP_MN_START_DEVICE', 'nic');
    expect(work.filter((w) => w.startsWith('EvtDeviceRemoveAddedResources'))).toEqual([
      'EvtDeviceRemoveAddedResources@upper-filter after ↓upper-filter',
      'EvtDeviceRemoveAddedResources@function after ↓function',
      'EvtDeviceRemoveAddedResources@lower-filter after ↓lower-filter',
    ]);
    expect(work.filter((w) => w.startsWith('EvtDevicePrepareHardware'))).toEqual([
      'EvtDevicePrepareHardware@lower-filter after ↑lower-filter',
      'EvtDevicePrepareHardware@function after ↑function',
      'EvtDevicePrepareHardware@upper-filter after ↑upper-filter',
    ]);
  });

  it('the events cost no time where the IRP only passes through: the bus driver has it at the instant the PnP manager sent it', () => {
    const h = travelLab(DISK).plug('disk');
    const start = h.last.filter((e) => e.kind === 'irp' && e.name === 'IRP_MN_START_DEVICE');
    expect(new Set(start.slice(0, 4).map((e) => e.t)).size).toBe(1);
    expect(start.map((e) => e.end! >= e.seq)).toEqual(start.map(() => true));
  });
});

describe('IRPs handled on the way down complete back up through every driver above', () => {
  it('IRP_MN_QUERY_REMOVE_DEVICE and IRP_MN_REMOVE_DEVICE: each driver acts as the IRP reaches it; KMDF deletes its device object once REMOVE is back from below', () => {
    // kernel/handling-an-irp-mn-query-remove-device-request.md, kernel/handling-an-irp-mn-remove-device-request.md:
    // "handled first by the top driver in the device stack and then by each next lower driver"; "The parent bus driver
    // for a device is the last driver to perform its remove-device operations". fxpkgfdo.cpp ProcessRemoveDeviceOverload:
    // CallDriver, then DeleteDevice (EvtDestroyCallback).
    const h = travelLab(DISK).plug('disk').safeRemove('disk');
    expect(travel(h.last, 'IRP_MN_QUERY_REMOVE_DEVICE')).toEqual([...DOWN, ...UP]);
    expect(travel(h.last, 'IRP_MN_REMOVE_DEVICE')).toEqual([...DOWN, ...UP]);
    expect(expectWorkOn(h.last, 'IRP_MN_QUERY_REMOVE_DEVICE', 'disk', () => '↓')).toEqual(['upper-filter', 'function', 'lower-filter']);
    const removeWork = workAfter(h.last, 'IRP_MN_REMOVE_DEVICE', 'disk');
    expect(removeWork.filter((w) => w.startsWith('EvtDestroyCallback'))).toEqual([
      'EvtDestroyCallback@lower-filter after ↑lower-filter',
      'EvtDestroyCallback@function after ↑function',
      'EvtDestroyCallback@upper-filter after ↑upper-filter',
    ]);
    for (const w of removeWork.filter((x) => !x.startsWith('EvtDestroyCallback'))) expect(w).toMatch(/@(\S+) after ↓\1$/);
    // on the way up the completion only passes through: same status, no time
    const up = h.last.filter((e) => e.name === 'IRP_MN_QUERY_REMOVE_DEVICE' && e.pass === 'up');
    expect(up.map((e) => e.result)).toEqual(['STATUS_SUCCESS', 'STATUS_SUCCESS', 'STATUS_SUCCESS']);
  });

  it('a driver that fails IRP_MN_QUERY_REMOVE_DEVICE completes it: the drivers below never see it, the failure goes back up', () => {
    const h = travelLab({ ...DISK, callbacks: { EvtDeviceQueryRemove: 'fail' } }).plug('disk').safeRemove('disk');
    const query = h.last.filter((e) => e.name === 'IRP_MN_QUERY_REMOVE_DEVICE');
    expect(query.map((e) => `${arrow(e)}${e.layer} ${e.result}`)).toEqual(['↓upper-filter STATUS_SUCCESS', '↓function STATUS_UNSUCCESSFUL', '↑upper-filter STATUS_UNSUCCESSFUL']);
  });

  it('IRP_MN_CANCEL_REMOVE_DEVICE is handled first by the bus driver, then by each driver above (kernel/irp-mn-cancel-remove-device.md)', () => {
    const h = travelLab({ ...DISK, callbacks: { EvtDeviceQueryRemove: 'fail' } }).plug('disk').safeRemove('disk');
    expect(travel(h.last, 'IRP_MN_CANCEL_REMOVE_DEVICE')).toEqual([...DOWN, ...UP]);
    const cancel = h.last.filter((e) => e.name === 'IRP_MN_CANCEL_REMOVE_DEVICE');
    expect(cancel.map((e) => e.result)).toEqual([undefined, undefined, undefined, 'STATUS_SUCCESS', 'STATUS_SUCCESS', 'STATUS_SUCCESS', 'STATUS_SUCCESS']);
    // the bus driver's event is where it completes it: one IRP_COST_MS later the first driver above has the completion
    expect(cancel[4].t - cancel[3].t).toBe(1);
  });

  it('IRP_MN_SURPRISE_REMOVAL: top driver first; EvtDeviceSurpriseRemoval as the IRP reaches the function driver', () => {
    // kernel/handling-an-irp-mn-surprise-removal-request.md: "handled first by the top driver in the device stack and
    // then by each next lower driver"
    const h = travelLab(DISK).plug('disk').unplug('disk');
    expect(travel(h.last, 'IRP_MN_SURPRISE_REMOVAL', 'disk')).toEqual([...DOWN, ...UP]);
    const work = workAfter(h.last, 'IRP_MN_SURPRISE_REMOVAL', 'disk');
    expect(work).toContain('EvtDeviceSurpriseRemoval@function after ↓function');
    for (const w of work) expect(w).toMatch(/@(\S+) after ↓\1$/);
  });
});

describe('IRP_MN_SET_POWER', () => {
  it('to D3 (idle): each driver powers down as the IRP reaches it, top first; the completion goes back up', () => {
    // wdf/a-device-enters-a-low-power-state.md; irps.ts: a power-down is handled top-down
    const h = travelLab(DISK).plug('disk').do({ action: 'idle', device: 'disk', armForWake: false });
    expect(travel(h.last, 'IRP_MN_SET_POWER')).toEqual([...DOWN, ...UP]);
    const order = expectWorkOn(h.last, 'IRP_MN_SET_POWER', 'disk', () => '↓');
    expect(order).toEqual(['upper-filter', 'function', 'lower-filter', 'bus']);
  });

  it('to D0 (wake): down untouched, the bus driver powers up first, each driver above in its completion routine (fdopower.cpp RaiseDevicePowerCompletion)', () => {
    // wdf/a-device-returns-to-its-working-state.md: the bus driver first
    const h = travelLab(DISK).plug('disk').do({ action: 'idle', device: 'disk', armForWake: false }).do({ action: 'wake', device: 'disk' });
    expect(travel(h.last, 'IRP_MN_SET_POWER')).toEqual([...DOWN, ...UP]);
    const order = expectWorkOn(h.last, 'IRP_MN_SET_POWER', 'disk', (layer) => (layer === 'bus' ? '↓' : '↑'));
    expect(order).toEqual(['bus', 'lower-filter', 'function', 'upper-filter']);
  });

  it('IRP_MN_WAIT_WAKE stays pending at the bus driver; its completion comes back up when the device signals wake (kernel/irp-mn-wait-wake.md)', () => {
    const h = travelLab(DISK).plug('disk').idle('disk');
    expect(travel(h.last, 'IRP_MN_WAIT_WAKE')).toEqual(DOWN);
    h.wake('disk');
    const signal = h.last.findIndex((e) => e.name === 'WdfDeviceIndicateWakeStatus');
    expect(signal).toBeGreaterThanOrEqual(0);
    const up = h.last.filter((e) => e.name === 'IRP_MN_WAIT_WAKE');
    expect(up.map((e) => `${arrow(e)}${e.layer} ${e.result}`)).toEqual(['↑lower-filter STATUS_SUCCESS', '↑function STATUS_SUCCESS', '↑upper-filter STATUS_SUCCESS']);
    expect(h.last.indexOf(up[0])).toBeGreaterThan(signal);
  });
});

describe('irpTravel only adds events', () => {
  /** Events where the IRP only passes through a driver: on its way down to a driver that acts on the way up, or on its way up from one that acted on the way down. */
  const passesThrough = (e: TraceEvent) =>
    e.kind === 'irp' && e.pass !== undefined && ((e.pass === 'down' && e.result === undefined) || (e.pass === 'up' && irpDirection(e.name, e.args as Record<string, string>) === 'down'));

  /** The trace without those events, numbered again (`seq`, `end`, `cause`), and without `pass`. */
  function withoutTravel(trace: readonly TraceEvent[], drop: boolean): string[] {
    const renumbered = new Map<number, number>();
    const kept: TraceEvent[] = [];
    for (const e of trace) {
      if (drop && passesThrough(e)) continue;
      kept.push(e);
      renumbered.set(e.seq, kept.length);
    }
    const at = (seq: number) => {
      let s = seq;
      while (s > 0 && !renumbered.has(s)) s--;
      return renumbered.get(s) ?? 0;
    };
    return kept.map(({ pass: _pass, seq, end, cause, ...rest }) => JSON.stringify({ ...rest, seq: renumbered.get(seq), end: end === undefined ? undefined : at(end), cause: cause === undefined ? undefined : renumbered.get(cause) }));
  }

  /**
   * A random scenario can unplug a device while it arrives; the engine then starts a stack without a PDO (a bug
   * outside this feature, see the report), where irpTravel puts the lowest driver's EvtDeviceRemoveAddedResources
   * after its event. Those runs are left out.
   */
  const startsWithoutPdo = (trace: readonly TraceEvent[]) => trace.some((e) => e.kind === 'state' && e.name === 'Enumerated' && e.args?.From === 'PhysicallyAbsent');

  it('every other event is the same, at the same virtual time: the examples and 100 random scenarios', () => {
    const dir = join(__dirname, '../../../examples');
    const inputs: ScenarioInput[] = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
    for (let s = 1; s <= 100; s++) inputs.push(randomScenario(s, { steps: 30 + (s % 40), devices: 3 + (s % 6), afterRate: (s % 5) / 10, hangRate: 0.2 }));
    let compared = 0;
    let travelEvents = 0;
    for (const input of inputs) {
      const scenario = parseScenario(structuredClone(input));
      let plain: TraceEvent[];
      try {
        plain = runScenario(scenario, createLab(scenario));
      } catch {
        continue; // a random scenario that does not replay (randomScenario.ts): not this feature's concern
      }
      if (startsWithoutPdo(plain)) continue;
      expect(plain.some((e) => e.pass !== undefined)).toBe(false);
      const travelled = runScenario(scenario, createLab(scenario, { irpTravel: true }));
      expect(travelled.filter((e) => e.kind === 'irp' && e.pass === undefined && !['usb-root-hub', 'pci-bus'].includes(e.device!))).toEqual([]);
      const a = withoutTravel(travelled, true);
      const b = withoutTravel(plain, false);
      const differ = a.findIndex((line, i) => line !== b[i]);
      expect(differ < 0 && a.length === b.length ? 'same' : `first difference: ${a[differ]} / ${b[differ]}`).toBe('same');
      travelEvents += travelled.length - plain.length;
      compared++;
    }
    expect(compared).toBeGreaterThan(75);
    expect(travelEvents).toBeGreaterThan(3_000);
  }, 60_000);

  it('without irpTravel the events are as before: one per driver, no pass', () => {
    const h = lab(DISK).plug('disk');
    expect(h.irps('IRP_MN_START_DEVICE')).toEqual(['IRP_MN_START_DEVICE@bus', 'IRP_MN_START_DEVICE@lower-filter', 'IRP_MN_START_DEVICE@function', 'IRP_MN_START_DEVICE@upper-filter']);
    expect(h.last.some((e) => 'pass' in e)).toBe(false);
  });
});
