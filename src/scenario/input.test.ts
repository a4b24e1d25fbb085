/**
 * Hostile and careless input (issue 11, fixes 4 and 7): whatever the file, link or posted object
 * holds, the answer is one LabError of one line, at most 300 characters, that names the field; no
 * stack overflow, no value echoed whole, no control character passed through.
 */
import { describe, expect, it } from 'vitest';
import { parseInbound, resolveLoad } from '../embed/messages';
import { LabError, MAX_ERROR_LENGTH } from '../engine/errors';
import { importScenarioFile } from '../share/permalink';
import { checkJsonText } from './jsonText';
import { parseScenario, parseScenarioText } from './parse';
import { runScenario } from './run';

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(LabError);
    return (e as Error).message;
  }
  throw new Error('expected a LabError');
}

/** One line, bounded, no raw control character (C0, DEL, C1, line separators, bidi controls). */
function expectClean(message: string): void {
  expect(message.length, message.slice(0, 80)).toBeLessThanOrEqual(MAX_ERROR_LENGTH);
  expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
}

const disk = (extra: Record<string, unknown> = {}) => ({ devices: [{ id: 'disk', model: 'usb-disk', ...extra }] });

describe('nesting: iterative, with a limit', () => {
  it('20,000 unclosed "[" and 20,000 nested objects: one line, not a stack overflow', () => {
    for (const text of ['['.repeat(20_000), '{"a":'.repeat(20_000), `{"devices":${'['.repeat(20_000)}${']'.repeat(20_000)}}`]) {
      const m = errorOf(() => parseScenarioText(text));
      expect(m).toMatch(/^\(file\): line 1, column \d+: nested more than 32 levels deep; expected at most 32$/);
      expectClean(m);
    }
  });

  it('a deep object posted by a page (no text to scan) is refused the same way, with its path', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 20_000; i++) deep = [deep];
    const m = errorOf(() => parseScenario({ title: deep }));
    expect(m).toBe(`title${'[0]'.repeat(31)}: nested more than 32 levels deep; expected at most 32`);
    expectClean(m);
  });
});

describe('values are shown briefly, never whole', () => {
  it('a 10 MB string, a huge array, a big object: a few words each', () => {
    const ten = 'x'.repeat(10_000_000);
    const cases: [unknown, RegExp][] = [
      [disk({ model: ten }), /^devices\[0\]\.model: got "x{39}…" \(10000000 characters\); expected one of: usb-scanner, /],
      [{ seed: Array.from({ length: 1_000_000 }, () => 7) }, /^seed: got an array of 1000000 items; expected a number$/],
      [{ seed: Number('9'.repeat(400)) }, /^seed: got a number too large to hold \(Infinity\); expected a finite number$/],
      [{ steps: [{ action: 'wait', ms: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i])) }] }, /^steps\[0\]\.ms: got an object with 5000 fields; expected a number$/],
    ];
    for (const [input, want] of cases) {
      const m = errorOf(() => parseScenario(input));
      expect(m).toMatch(want);
      expectClean(m);
      // and through the text path, as the CLI and Open… read it
      expectClean(errorOf(() => parseScenarioText(JSON.stringify(input))));
    }
  }, 30_000);

  it('control characters and terminal escapes are escaped, in values, field names and paths', () => {
    const cases: [unknown, string][] = [
      [disk({ model: 'usb-disk\u001b[2J\u001b[31mred' }), 'devices[0].model: got "usb-disk\\u001b[2J\\u001b[31mred"'],
      [disk({ callbacks: { 'Evt\nDevice\u2028QueryRemove': 'fail' } }), 'devices[0].callbacks["Evt\\nDevice\\u2028QueryRemove"]: unknown KMDF callback'],
      [disk({ id: 'a\u202eb' }), 'devices[0].id: got "a\\u202eb"; expected an id of letters'],
      [{ steps: [{ action: 'plug', device: 'disk', port: 'usb-root-hub:\u0007\u009b' }], ...disk() }, 'steps[0].port: no port "usb-root-hub:\\u0007\\u009b"'],
    ];
    for (const [input, start] of cases) {
      // the last one is refused by the engine when the step runs
      const m = errorOf(() => runScenario(parseScenario(input)));
      expect(m.startsWith(start), m).toBe(true);
      expectClean(m);
    }
  });

  it('a 10 MB number in the text is cut in the message', () => {
    expect(errorOf(() => parseScenarioText(`{"seed": ${'9'.repeat(10_000_000)}}`))).toBe(`(file): line 1, column 10: the number ${'9'.repeat(23)}… is too large to hold (beyond ±1.8e308); expected a number the lab can use`);
  });

  it('a raw control character inside a JSON string is a syntax error at its place', () => {
    const m = errorOf(() => parseScenarioText('{"title": "a\u001b[31mb"}'));
    expect(m).toBe('(file): not valid JSON at line 1, column 13: a control character (\\u001b) inside a string; expected it written as an escape');
  });
});

describe('validation holes', () => {
  it('1e400 is "too large to hold", not "got null"', () => {
    expect(errorOf(() => parseScenarioText('{"seed": 1e400}'))).toBe('(file): line 1, column 10: the number 1e400 is too large to hold (beyond ±1.8e308); expected a number the lab can use');
    expect(errorOf(() => parseScenarioText('{"steps": [{"action": "wait", "ms": -1e999}]}'))).toMatch(/^\(file\): line 1, column 37: the number -1e999 is too large to hold/);
    // an object posted by a page can carry Infinity (structured clone keeps it)
    expect(errorOf(() => parseScenario({ steps: [{ action: 'wait', ms: Infinity }] }))).toBe('steps[0].ms: got a number too large to hold (Infinity); expected a finite number');
  });

  it('callbacks: {"__proto__": "fail"} is refused (a record would drop it without a word), in a file and in an object', () => {
    const text = '{"devices": [{"id": "disk", "model": "usb-disk", "callbacks": {"__proto__": "fail"}}]}';
    expect(errorOf(() => parseScenarioText(text))).toBe('(file): line 1, column 64: the field name "__proto__" is not allowed (it would change what the object is); expected another name');
    expect(errorOf(() => parseScenario(JSON.parse(text)))).toBe('devices[0].callbacks.__proto__: the field name "__proto__" is not allowed (it would change what the object is); expected another name');
  });

  it('postMessage load: "__proto__" in the scenario object, at the top or inside, is answered with an error', () => {
    for (const json of ['{"__proto__": {"x": 1}, "devices": []}', '{"devices": [{"id": "disk", "model": "usb-disk", "callbacks": {"__proto__": "fail"}}]}']) {
      const m = parseInbound({ type: 'pnp-lab:load', scenario: JSON.parse(json) });
      expect(m?.type).toBe('pnp-lab:load');
      const r = resolveLoad(m as Parameters<typeof resolveLoad>[0]);
      expect(r).toEqual({ ok: false, message: expect.stringMatching(/^load: scenario(\.devices\[0\]\.callbacks)?\.__proto__: the field name "__proto__" is not allowed/) });
    }
  });

  it('a field given twice is refused (JSON.parse would keep the last one silently)', () => {
    const m = errorOf(() => parseScenarioText('{"devices": [{"id": "disk", "model": "usb-disk", "callbacks": {"EvtDeviceQueryRemove": "fail", "EvtDeviceQueryRemove": "succeed"}}]}'));
    expect(m).toBe('(file): line 1, column 96: the field "EvtDeviceQueryRemove" is given twice in one object; expected each field once');
    // escapes spell the same name
    expect(checkJsonText('{"a": 1, "\\u0061": 2}')?.what).toMatch(/the field "a" is given twice/);
  });

  it('reserved ids are refused by the parser with the reason (the UI never offers them)', () => {
    expect(errorOf(() => parseScenario({ clients: [{ id: 'stisvc', mode: 'kernel', category: 'HardwareProfileChange' }] }))).toBe(
      "clients[0].id: \"stisvc\" is reserved: it names the WIA service's own notification client (it loads a scanner's minidriver); expected another id",
    );
    expect(errorOf(() => parseScenario({ devices: [{ id: 'usb-root-hub', model: 'usb-hub' }] }))).toBe('devices[0].id: "usb-root-hub" is reserved: it names the lab\'s built-in USB bus, whose ports are usb-root-hub:1 to usb-root-hub:4; expected another id');
    expect(errorOf(() => parseScenario({ devices: [{ id: 'pci-bus', model: 'pci-nic' }] }))).toMatch(/^devices\[0\]\.id: "pci-bus" is reserved/);
  });

  it("zod's own wording never leaks: bounds read as the lab writes them", () => {
    const cases: [unknown, string][] = [
      [{ devices: [{ id: 's', model: 'usb-scanner', wia: { feeder: true, pages: 501 } }] }, 'devices[0].wia.pages: got 501; expected a number <= 500'],
      [disk({ filters: { lower: 9 } }), 'devices[0].filters.lower: got 9; expected a number <= 4'],
      [{ title: 't'.repeat(501) }, `title: got "${'t'.repeat(39)}…" (501 characters); expected at most 500 characters`],
      [{ devices: Array.from({ length: 257 }, (_, i) => ({ id: `d${i}`, model: 'usb-disk' })) }, 'devices: got an array of 257 items; expected at most 256 items'],
      [{ seed: 2 ** 32 }, 'seed: got 4294967296; expected a number <= 4,294,967,295'],
    ];
    for (const [input, want] of cases) {
      const m = errorOf(() => parseScenario(input));
      expect(m).toBe(want);
      expect(m).not.toMatch(/Too (big|small)|Invalid input/);
    }
  });

  it('the byte order mark rule is the same for the CLI parser and the lab: dropped', () => {
    expect(parseScenarioText('\uFEFF{"seed": 4}').seed).toBe(4);
    const r = importScenarioFile(new TextEncoder().encode('\uFEFF{"seed": 4}'));
    expect(r.ok && r.scenario.seed).toBe(4);
    // a BOM anywhere else is not whitespace
    expect(errorOf(() => parseScenarioText('{"seed": \uFEFF4}'))).toBe('(file): not valid JSON at line 1, column 10: expected a value, found "\\ufeff"');
  });
});
