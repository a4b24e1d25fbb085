import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/parse';
import { createLab, runScenario } from '../../scenario/run';
import { runLab, type RunResult } from '../runLab';
import type { EditableScenario } from '../scenarioEdit';
import { indexActions } from './actionPath';
import { tripAt, type IrpTrip } from './irpTrip';

function run(s: EditableScenario): RunResult {
  const out = runLab(s);
  if (!out.ok) throw out.error;
  return out.run;
}

/** The trip at the cursor placed on trace index `i` (position i + 1). */
function tripOn(r: RunResult, i: number, device: string): IrpTrip | undefined {
  const e = r.trace[i];
  const action = e.kind === 'user' ? e.seq : e.cause!;
  const events = indexActions(r.trace, []).events.get(action)!;
  const stack = r.ports.filter((p) => p.device === device && p.index <= i && p.port !== undefined).at(-1)!.stack;
  return tripAt(r.trace, events, i + 1, device, stack);
}

/** `layer ↓text ↑text` per driver, `*` after the side the cursor is on, `⤴` on the driver where it turned. */
function picture(t: IrpTrip): string[] {
  return t.hops.map((h) => `${h.layer} ↓${h.down.text}${h.down.current ? '*' : ''} ↑${h.up.text}${h.up.current ? '*' : ''}${h.turn ? ' ⤴' : ''}`);
}

const DISK = { seed: 1, devices: [{ id: 'disk', model: 'usb-disk', filters: { lower: 1, upper: 1 } }], steps: [{ action: 'plug', device: 'disk', port: 'usb-root-hub:1' }] } as EditableScenario;

describe('the IRP on its trip through the stack, at the cursor', () => {
  const r = run(DISK);
  const start = r.trace.map((e, i) => (e.name === 'IRP_MN_START_DEVICE' ? i : -1)).filter((i) => i >= 0);

  it('START on its way down: each driver passes it on untouched, the bus driver has it', () => {
    expect(start.map((i) => `${r.trace[i].pass}:${r.trace[i].layer}`)).toEqual(['down:upper-filter', 'down:function', 'down:lower-filter', 'down:bus', 'up:lower-filter', 'up:function', 'up:upper-filter']);
    const atFunction = tripOn(r, start[1], 'disk')!;
    expect(atFunction.irp).toBe('IRP_MN_START_DEVICE');
    expect(atFunction.at).toBe('pnp.start/StartDevice');
    expect(picture(atFunction)).toEqual(['upper-filter ↓passed down ↑not yet', 'function ↓passed down* ↑not yet', 'lower-filter ↓not yet ↑not yet', 'bus ↓not yet ↑not yet']);
    expect(atFunction.latest).toEqual({ hop: 1, pass: 'down' });
    expect(atFunction.back).toBe(false);
    // the bus driver's event stays pending while it starts (its callbacks follow it)
    const atBus = tripOn(r, start[3], 'disk')!;
    expect(atBus.hops[3].down).toMatchObject({ status: 'pending', text: 'STATUS_PENDING…', current: true });
  });

  it('START on its way back up: the bus driver completed it, each driver above acts as the completion reaches it', () => {
    const prepare = r.trace.findIndex((e, i) => i > start[5] && e.name === 'EvtDevicePrepareHardware');
    expect(r.trace[prepare].layer).toBe('function');
    const t = tripOn(r, prepare, 'disk')!;
    expect(picture(t)).toEqual([
      'upper-filter ↓passed down ↑not yet',
      'function ↓passed down ↑STATUS_PENDING…',
      'lower-filter ↓passed down ↑STATUS_SUCCESS',
      'bus ↓STATUS_SUCCESS ↑completes it ⤴',
    ]);
    expect(t.latest).toEqual({ hop: 1, pass: 'up' });
    const started = r.trace.findIndex((e) => e.kind === 'state' && e.name === 'Started');
    const done = tripOn(r, started, 'disk')!;
    expect(done.back).toBe(true);
    expect(done.hops.map((h) => h.up.text)).toEqual(['STATUS_SUCCESS', 'STATUS_SUCCESS', 'STATUS_SUCCESS', 'completes it']);
  });

  it('a query-remove failed on the way down turns back at the driver that failed it; the drivers below never see it', () => {
    const v = run({ ...DISK, devices: [{ ...DISK.devices![0], callbacks: { EvtDeviceQueryRemove: 'fail' } }], steps: [...DISK.steps!, { action: 'safeRemove', device: 'disk' }] } as EditableScenario);
    const upper = v.trace.findIndex((e) => e.name === 'IRP_MN_QUERY_REMOVE_DEVICE' && e.pass === 'up');
    const t = tripOn(v, upper, 'disk')!;
    expect(picture(t)).toEqual([
      'upper-filter ↓STATUS_SUCCESS ↑STATUS_UNSUCCESSFUL*',
      'function ↓STATUS_UNSUCCESSFUL ↑completes it ⤴',
      'lower-filter ↓never reached ↑not yet',
      'bus ↓never reached ↑not yet',
    ]);
    expect(t.hops[1].up.status).toBe('failed');
    expect(t.back).toBe(true);
  });

  it('at enumeration only the PDO exists: the IRP goes to the bus driver alone', () => {
    const i = r.trace.findIndex((e) => e.name === 'IRP_MN_QUERY_CAPABILITIES');
    expect(picture(tripOn(r, i, 'disk')!)).toEqual(['bus ↓STATUS_SUCCESS* ↑completes it ⤴']);
  });

  it('a trace recorded without irpTravel has no trip', () => {
    const s = parseScenario(structuredClone(DISK));
    const trace = runScenario(s, createLab(s));
    const i = trace.findIndex((e) => e.name === 'IRP_MN_START_DEVICE');
    expect(tripAt(trace, trace.map((_, k) => k), i + 1, 'disk', r.ports[0].stack)).toBeUndefined();
  });
});

describe('a UMDF 1 stack', () => {
  it('the reflector has the bus driver\'s completion first, and the IRP is back at the PnP manager only when the upper filter has completed it', () => {
    const r = run({ seed: 1, devices: [{ id: 'cam', model: 'usb-webcam', framework: 'umdf1', filters: { lower: 1, upper: 1 } }], steps: [{ action: 'plug', device: 'cam', port: 'usb-root-hub:1' }] } as EditableScenario);
    const start = r.trace.map((e, i) => (e.name === 'IRP_MN_START_DEVICE' ? i : -1)).filter((i) => i >= 0);
    expect(start.map((i) => `${r.trace[i].pass}:${r.trace[i].layer}`)).toEqual(['down:reflector', 'down:upper-filter', 'down:function', 'down:lower-filter', 'down:bus', 'up:reflector', 'up:lower-filter', 'up:function', 'up:upper-filter']);
    const atLower = tripOn(r, start[6], 'cam')!;
    expect(atLower.hops.map((h) => h.layer)).toEqual(['reflector', 'upper-filter', 'function', 'lower-filter', 'bus']);
    expect(atLower.hops[0].up.text).toBe('STATUS_SUCCESS');
    expect(atLower.back).toBe(false);
    const started = r.trace.findIndex((e) => e.kind === 'state' && e.name === 'Started' && e.device === 'cam');
    expect(tripOn(r, started, 'cam')!.back).toBe(true);
  });
});
