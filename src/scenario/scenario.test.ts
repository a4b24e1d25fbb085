import { describe, expect, it } from 'vitest';
import { LabError } from '../engine/errors';
import { toJsonLines } from '../engine/trace';
import { parseScenario, parseScenarioText } from './parse';
import { runScenario } from './run';

const SCENARIO = {
  seed: 7,
  devices: [
    { id: 'hub', model: 'usb-hub' },
    { id: 'disk', model: 'usb-disk', filters: { lower: 1, upper: 1 }, openHandles: 1 },
    { id: 'nic', model: 'pci-nic', callbacks: { EvtDeviceQueryStop: 'fail' } },
  ],
  steps: [
    { action: 'plug', device: 'hub' },
    { action: 'plug', device: 'disk', port: 'hub:2' },
    { action: 'plug', device: 'nic' },
    { action: 'rebalance', device: 'nic' },
    { action: 'unplug', device: 'hub', after: 3 },
    { action: 'wait', ms: 100 },
    { action: 'closeHandles', device: 'disk' },
  ],
};

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(LabError);
    return (e as Error).message;
  }
  throw new Error('expected a LabError');
}

describe('determinism', () => {
  it('the same scenario and seed give a byte-identical trace', () => {
    const a = toJsonLines(runScenario(parseScenario(SCENARIO)));
    const b = toJsonLines(runScenario(parseScenario(structuredClone(SCENARIO))));
    expect(a.length).toBeGreaterThan(5000);
    expect(a).toBe(b);
  });

  it('another seed changes only what the docs leave open (the order of information IRPs)', () => {
    const a = runScenario(parseScenario(SCENARIO));
    const b = runScenario(parseScenario({ ...SCENARIO, seed: 8 }));
    expect(toJsonLines(a)).not.toBe(toJsonLines(b));
    const sortedNames = (evs: typeof a) => evs.map((e) => `${e.kind}:${e.name}:${e.device}:${e.layer}`).sort();
    expect(sortedNames(a)).toEqual(sortedNames(b));
  });

  it('seq increases by one and virtual time never goes back', () => {
    const events = runScenario(parseScenario(SCENARIO));
    events.forEach((e, i) => {
      expect(e.seq).toBe(i + 1);
      if (i > 0) expect(e.t).toBeGreaterThanOrEqual(events[i - 1].t);
    });
  });

  it('every step is one user event when it starts, and every other event names the user event that caused it', () => {
    const events = runScenario(parseScenario(SCENARIO));
    const users = events.filter((e) => e.kind === 'user');
    expect(users.map((e) => e.name)).toEqual(SCENARIO.steps.map((s) => s.action));
    for (const e of events) if (e.kind !== 'user') expect(events[e.cause! - 1].kind, `event ${e.seq}`).toBe('user');
  });

  it('a step with `after` starts that many virtual ms after the previous step started', () => {
    const events = runScenario(parseScenario(SCENARIO));
    const users = events.filter((e) => e.kind === 'user');
    expect(users[4].t - users[3].t).toBe(3);
    // the unplug landed in the middle of the rebalance: events of both interleave after it
    const unplugAt = users[4].seq;
    expect(events.some((e) => e.seq > unplugAt && e.cause === users[3].seq)).toBe(true);
  });
});

describe('bad scenario input', () => {
  const base = { devices: [{ id: 'disk', model: 'usb-disk' }], steps: [{ action: 'plug', device: 'disk' }] };
  const cases: [string, unknown, string][] = [
    ['not JSON', '{"devices": [', '(file): not valid JSON'],
    ['not an object', [], '(scenario): got an empty array; expected a JSON object'],
    ['unknown action', { ...base, steps: [{ action: 'jump', device: 'disk' }] }, 'steps[0].action: unknown action "jump"; expected one of: plug, unplug, safeRemove'],
    ['missing device', { ...base, steps: [{ action: 'plug' }] }, 'steps[0].device: missing; expected a string'],
    ['unknown device in a step', { ...base, steps: [{ action: 'unplug', device: 'printer' }] }, 'steps[0].device: unknown device "printer"; expected one of: disk'],
    ['unknown model', { devices: [{ id: 'x', model: 'usb-toaster' }] }, 'devices[0].model: got "usb-toaster"; expected one of: usb-scanner, usb-disk, usb-webcam, pci-nic, usb-hub'],
    ['unknown field', { devices: [{ id: 'x', model: 'usb-disk', colour: 'red' }] }, 'devices[0].colour: unknown field'],
    ['bad behaviour', { devices: [{ id: 'x', model: 'usb-disk', callbacks: { EvtDeviceQueryRemove: 'maybe' } }] }, 'devices[0].callbacks.EvtDeviceQueryRemove: got "maybe"; expected one of: succeed, fail, absent, hang'],
    ['unknown callback', { devices: [{ id: 'x', model: 'usb-disk', callbacks: { EvtDeviceQueryRemoval: 'fail' } }] }, 'devices[0].callbacks.EvtDeviceQueryRemoval: unknown KMDF callback'],
    ['fail where KMDF has no failure path', { devices: [{ id: 'x', model: 'usb-disk', callbacks: { EvtDeviceD0Exit: 'fail' } }] }, 'devices[0].callbacks.EvtDeviceD0Exit: the lab models no failure path for EvtDeviceD0Exit'],
    ['duplicate id', { devices: [{ id: 'x', model: 'usb-disk' }, { id: 'x', model: 'usb-hub' }] }, 'devices[1].id: "x" is used twice'],
    ['negative after', { ...base, steps: [{ action: 'plug', device: 'disk', after: -5 }] }, 'steps[0].after: got -5'],
    // the lab's own words, built from zod's issue fields (no "Too small:" or other zod wording)
    ['negative seed', { ...base, seed: -1 }, 'seed: got -1; expected a number >= 0'],
    ['seed of the wrong type', { ...base, seed: 'abc' }, 'seed: got "abc"; expected a number'],
  ];
  for (const [what, input, message] of cases) {
    it(`${what}: names the field and what was expected`, () => {
      const msg = errorOf(() => (typeof input === 'string' ? parseScenarioText(input) : parseScenario(input)));
      expect(msg.startsWith(message), msg).toBe(true);
      expect(msg).not.toContain('\n');
    });
  }

  it('reports where a JSON syntax error is', () => {
    expect(errorOf(() => parseScenarioText('{\n  "seed": 1,\n  "devices": [}\n}'))).toBe('(file): not valid JSON at line 3, column 15: expected a value, found "}"');
    expect(errorOf(() => parseScenarioText('{"seed": 1,}'))).toBe('(file): not valid JSON at line 1, column 12: expected a "quoted" field name, found "}"');
    expect(errorOf(() => parseScenarioText(''))).toBe('(file): not valid JSON at line 1, column 1: expected a value, found the end of the file');
  });

  it('a hub cannot be plugged into a port of a hub below it', () => {
    const devices = [{ id: 'a', model: 'usb-hub' }, { id: 'b', model: 'usb-hub' }];
    const steps = [
      { action: 'plug', device: 'a', port: 'usb-root-hub:1' }, { action: 'plug', device: 'b', port: 'a:1' },
      { action: 'unplug', device: 'a' }, { action: 'plug', device: 'a', port: 'b:1' },
    ];
    expect(errorOf(() => runScenario(parseScenario({ devices, steps })))).toMatch(/^steps\[3\]\.port: no port "b:1"; expected one of: usb-root-hub:1/);
  });

  it('bus-driver callbacks of a UMDF 1 device are KMDF callbacks (the bus driver is kernel-mode)', () => {
    expect(() => parseScenario({ devices: [{ id: 'c', model: 'usb-webcam', framework: 'umdf1', layers: { bus: { callbacks: { EvtDevicePrepareHardware: 'fail' } } } }] })).not.toThrow();
    expect(errorOf(() => parseScenario({ devices: [{ id: 'c', model: 'usb-webcam', framework: 'umdf1', layers: { bus: { callbacks: { 'IPnpCallback::OnD0Entry': 'fail' } } } }] }))).toMatch(/layers\.bus\.callbacks\.IPnpCallback::OnD0Entry: unknown KMDF callback/);
  });

  it('driver actions on a device whose driver is not loaded say so instead of crashing', () => {
    const events = runScenario(parseScenario({ devices: [{ id: 'disk', model: 'usb-disk' }, { id: 'cam', model: 'usb-webcam' }], steps: [
      { action: 'plug', device: 'disk' }, { action: 'staticStopRemove', device: 'cam', stoppable: false, after: 1 }, { action: 'customEvent', device: 'cam', guid: 'GUID_X', after: 1 },
    ] }));
    expect(events.filter((e) => e.kind === 'warn').map((e) => e.name)).toEqual(['WdfDeviceSetStaticStopRemove', 'IoReportTargetDeviceChange']);
  });

  const impossible: [string, unknown[], string][] = [
    ['unplug a device that is not plugged in', [{ action: 'unplug', device: 'disk' }], 'steps[0].device: "disk" is not plugged in'],
    ['plug twice', [{ action: 'plug', device: 'disk' }, { action: 'plug', device: 'disk' }], 'steps[1].device: "disk" is already plugged into usb-root-hub:1'],
    ['plug into a port that does not exist', [{ action: 'plug', device: 'disk', port: 'usb-root-hub:9' }], 'steps[0].port: no port "usb-root-hub:9"; expected one of: usb-root-hub:1'],
    ['plug a USB device into a PCI slot', [{ action: 'plug', device: 'disk', port: 'pci-bus:1' }], 'steps[0].port: "pci-bus:1" is a PCI port but "disk" is a USB device'],
    ['enable a started device', [{ action: 'plug', device: 'disk' }, { action: 'enable', device: 'disk' }], 'steps[1].device: "disk" is Started; expected a device disabled in Device Manager'],
    ['rebalance an unplugged device', [{ action: 'rebalance', device: 'disk' }], 'steps[0].device: "disk" is not plugged in'],
  ];
  for (const [what, steps, message] of impossible) {
    it(`impossible step (${what}) names the step`, () => {
      const msg = errorOf(() => runScenario(parseScenario({ devices: [{ id: 'disk', model: 'usb-disk' }], steps })));
      expect(msg.startsWith(message), msg).toBe(true);
    });
  }
});
