import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Rng } from '../engine/rng';
import { toJsonLines } from '../engine/trace';
import { runInput } from '../lessons/solve';
import { LESSONS } from '../lessons';
import type { ScenarioInput } from '../scenario/schema';
import { DICTIONARY_V1 } from './dictionary';
import {
  checkedPermalink, decodePermalink, encodePermalink, exportScenarioFile, exportTraceJson, importScenarioFile, legacyScenarioHash,
  MAX_TOKEN_LENGTH, normalizeScenario, permalinkHash, permalinkUrl, readPermalink, type SandboxState,
} from './permalink';

const examples = readdirSync('examples').filter((f) => f.endsWith('.json')).map((f) => ({ file: f, scenario: JSON.parse(readFileSync(`examples/${f}`, 'utf8')) as ScenarioInput }));
const veto = examples.find((e) => e.file === 'veto-query-remove.json')!.scenario;

function decodeOk(link: string) {
  const r = decodePermalink(link);
  if (!r.ok) throw new Error(`expected ok, got ${r.error.text}`);
  return r;
}

function decodeErr(link: string) {
  const r = decodePermalink(link);
  if (r.ok) throw new Error(`expected an error for ${link.slice(0, 60)}…`);
  return r.error;
}

describe('permalink round trip', () => {
  it('keeps scenario, cursor, lesson and task', () => {
    const state: SandboxState = { scenario: normalizeScenario(veto), cursor: 120, lesson: 'rebalance-and-disable', task: 'refuse-rebalance' };
    const r = decodeOk(permalinkHash(state));
    expect(r.format).toBe('1');
    expect(r.state).toEqual(state);
  });

  it('round-trips every example and every lesson scenario, and the decoded scenario runs to the same trace', () => {
    const all = [...examples.map((e) => e.scenario), ...LESSONS.map((l) => l.scenario)];
    for (const s of all) {
      const r = decodeOk(encodePermalink({ scenario: normalizeScenario(s) }));
      expect(r.state.scenario).toEqual(normalizeScenario(s));
      const a = runInput(s);
      const b = runInput(r.state.scenario);
      expect(a.ok && b.ok && toJsonLines(a.trace) === toJsonLines(b.trace)).toBe(true);
    }
  });

  it('keeps unicode titles and leaves cursor/lesson out when not given', () => {
    const state: SandboxState = { scenario: { title: 'Scanner – “größer” 🖨️', seed: 9, devices: [{ id: 'scanner', model: 'usb-scanner' }], steps: [] } };
    expect(decodeOk(encodePermalink(state)).state).toEqual(state);
  });

  it('accepts the link in every form a person may paste', () => {
    const state: SandboxState = { scenario: normalizeScenario(veto), cursor: 3 };
    const token = encodePermalink(state);
    for (const form of [token, `#lab=${token}`, `lab=${token}`, `https://example.org/lab/#lab=${token}`, `https://example.org/lab/?embed=1&scenario=${token}&panels=flow`, `  #lab=${token}\n`, `#lab=${encodeURIComponent(token)}`]) {
      expect(decodeOk(form).state).toEqual(state);
    }
    expect(permalinkUrl(state, 'https://example.org/lab/?x=1#old')).toBe(`https://example.org/lab/?x=1#lab=${token}`);
  });

  it('normalizes: defaults filled, fields in the format order, no $schema, no empty clients', () => {
    const n = normalizeScenario({ steps: [{ action: 'plug', device: 'disk' }], clients: [], devices: [{ id: 'disk', model: 'usb-disk' }], $schema: 'x' });
    expect(Object.keys(n)).toEqual(['seed', 'devices', 'steps']);
    expect(n.seed).toBe(1);
  });

  it('refuses a cursor that is not a whole number >= 0 when encoding', () => {
    expect(() => encodePermalink({ scenario: normalizeScenario(veto), cursor: -1 })).toThrow(/cursor/);
    expect(() => encodePermalink({ scenario: normalizeScenario(veto), cursor: 1.5 })).toThrow(/cursor/);
  });
});

describe('permalink size', () => {
  it('a typical link (the veto example with a cursor and a lesson) is short', () => {
    const link = permalinkHash({ scenario: normalizeScenario(veto), cursor: 120, lesson: 'asking-before-stopping' });
    // 612 characters of JSON; plain base64 would be 816, DEFLATE without the dictionary ~354
    expect(link.length).toBeLessThan(300);
  });

  it('every example and lesson fits well within the 2,000 characters that are safe anywhere', () => {
    const sizes = [...examples.filter((e) => e.file !== 'full-usb-bus.json').map((e) => e.scenario), ...LESSONS.map((l) => l.scenario)].map((s) => permalinkHash({ scenario: normalizeScenario(s), cursor: 999 }).length);
    expect(Math.max(...sizes)).toBeLessThan(400);
  });

  it('the full USB bus example (127 devices, 128 steps) still makes a link under 2,000 characters', () => {
    const full = examples.find((e) => e.file === 'full-usb-bus.json')!.scenario;
    expect(permalinkHash({ scenario: normalizeScenario(full), cursor: 9999 }).length).toBeLessThan(2000);
  });

  it('a 32-device scenario with 100 steps still makes a link under 2,000 characters', () => {
    const models = ['usb-disk', 'usb-webcam', 'usb-scanner', 'pci-nic'];
    const devices = Array.from({ length: 32 }, (_, i) => ({ id: `d${i}`, model: models[i % 4] }));
    const steps = Array.from({ length: 100 }, (_, i) => ({ action: i % 2 ? 'unplug' : 'plug', device: `d${i % 32}` }) as const);
    expect(permalinkHash({ scenario: { seed: 1, devices, steps: [...steps] }, cursor: 5000 }).length).toBeLessThan(2000);
  });
});

describe('format 1 is frozen', () => {
  it('the dictionary is unchanged (changing it breaks every format-1 link)', () => {
    expect(DICTIONARY_V1.length).toBe(2226);
    let h = 0;
    for (let i = 0; i < DICTIONARY_V1.length; i++) h = (Math.imul(h, 31) + DICTIONARY_V1.charCodeAt(i)) | 0;
    expect(h).toBe(GOLDEN_DICTIONARY_HASH);
  });

  it('a link made when format 1 was introduced still decodes', () => {
    const r = decodeOk(GOLDEN_LINK);
    expect(r.state).toEqual({ scenario: { seed: 3, devices: [{ id: 'cam', model: 'usb-webcam', openHandles: 1 }], steps: [{ action: 'plug', device: 'cam' }, { action: 'unplug', device: 'cam' }] }, cursor: 42, lesson: 'a-user-unplugs-a-device' });
  });
});

describe('broken and tampered links give a clear error naming what is wrong', () => {
  const token = encodePermalink({ scenario: normalizeScenario(veto), cursor: 120 });

  it('every truncation of a link is refused, none decodes to something else', () => {
    for (let n = 0; n < token.length; n++) {
      const r = decodePermalink(`#lab=${token.slice(0, n)}`);
      expect(r.ok, `cut to ${n} characters`).toBe(false);
      if (!r.ok) expect(r.error.path).toBe('(link)');
    }
  });

  it('every changed character is refused (the check catches changes that still inflate)', () => {
    const alphabet = 'AZaz09-_Q';
    for (let i = 2; i < token.length; i++) {
      const c = alphabet.split('').find((x) => x !== token[i])!;
      const r = decodePermalink(token.slice(0, i) + c + token.slice(i + 1));
      expect(r.ok, `changed character ${i}`).toBe(false);
      if (!r.ok) expect(r.error.text).toMatch(/^\(link\): .*(damaged|changed|cut short)/);
    }
  });

  it('names the field of a valid link whose scenario is wrong', () => {
    const bad = encodePermalink({ scenario: { seed: 1, devices: [{ id: 'm', model: 'usb-mouse' }], steps: [] } });
    const e = decodeErr(`#lab=${bad}`);
    expect(e.path).toBe('scenario.devices[0].model');
    expect(e.text).toMatch(/^scenario\.devices\[0\]\.model: got "usb-mouse"; expected one of: usb-scanner/);
    const step = decodeErr(encodePermalink({ scenario: { seed: 1, devices: [{ id: 'disk', model: 'usb-disk' }], steps: [{ action: 'plug', device: 'disc' }] } }));
    expect(step.text).toBe('scenario.steps[0].device: unknown device "disc"; expected one of: disk');
  });

  it('names a bad cursor, an unknown lesson or task', () => {
    const s = normalizeScenario(veto);
    expect(decodeErr(encodePermalink({ scenario: s, lesson: 'no-such-lesson' })).text).toMatch(/^lesson: unknown lesson "no-such-lesson"; expected one of: a-device-starts, /);
    expect(decodeErr(encodePermalink({ scenario: s, lesson: 'a-device-starts', task: 'fly' })).text).toMatch(/^task: unknown task "fly" in lesson a-device-starts; expected one of: plug-in, /);
  });

  it('refuses other versions, garbage and overlong links', () => {
    expect(decodeErr('#lab=2.abc').text).toMatch(/^\(link\): format 2 is not known/);
    expect(decodeErr('#lab=hello').path).toBe('(link)');
    expect(decodeErr('#lab=1.').text).toMatch(/cut short/);
    expect(decodeErr('#lab=1.***').text).toMatch(/characters a link never has/);
    expect(decodeErr('').path).toBe('(link)');
    expect(decodeErr(`#lab=1.${'A'.repeat(MAX_TOKEN_LENGTH)}`).text).toMatch(/characters long; expected at most/);
  });

  it('refuses a link that inflates to more than 1 MiB', () => {
    const huge = encodePermalink({ scenario: { title: 'x'.repeat(1_100_000), seed: 1, devices: [], steps: [] } });
    expect(huge.length).toBeLessThan(MAX_TOKEN_LENGTH);
    expect(decodeErr(huge).text).toMatch(/larger than 1048576 bytes/);
  });

  it('readPermalink ignores fragments without a lab link', () => {
    expect(readPermalink('')).toBeUndefined();
    expect(readPermalink('#timeline')).toBeUndefined();
    expect(readPermalink('#lab=1.x')?.ok).toBe(false);
  });
});

describe('old #scenario= links', () => {
  it('still decode, with the scenario validated', () => {
    const r = decodeOk(legacyScenarioHash(veto));
    expect(r.format).toBe('legacy');
    expect(r.state).toEqual({ scenario: normalizeScenario(veto) });
  });

  it('decode as the old UI wrote them (base64url of UTF-8 JSON, no padding) and with padding', () => {
    const json = JSON.stringify({ seed: 2, devices: [{ id: 'disk', model: 'usb-disk' }], steps: [{ action: 'plug', device: 'disk' }], title: 'Ünïcode' });
    const b64 = Buffer.from(json, 'utf8').toString('base64');
    const b64url = b64.replace(/\+/g, '-').replace(/\//g, '_');
    for (const data of [b64url, b64url.replace(/=+$/, ''), b64]) {
      expect(decodeOk(`#scenario=${data}`).state.scenario.title).toBe('Ünïcode');
    }
  });

  it('give a clear error when broken', () => {
    expect(decodeErr('#scenario=').path).toBe('(link)');
    expect(decodeErr('#scenario=W10').text).toBe('scenario: got an empty array; expected a JSON object with "devices" and "steps"'); // []
    expect(decodeOk('#scenario=e30').state.scenario).toEqual({ seed: 1, devices: [], steps: [] }); // {} is an empty scenario
  });

  it('name the field when the scenario inside is wrong', () => {
    const e = decodeErr(legacyScenarioHash({ devices: [{ id: 'disk', model: 'usb-disk', colour: 'red' } as never], steps: [] }));
    expect(e.text).toBe('scenario.devices[0].colour: unknown field; expected only the fields in docs/scenario-format.md');
    const truncated = legacyScenarioHash(veto).slice(0, 80);
    expect(decodeErr(truncated).text).toMatch(/^\(link\): the scenario data .*cut short/);
    expect(decodeErr(legacyScenarioHash('nope' as never)).text).toBe('scenario: got "nope"; expected a JSON object with "devices" and "steps"');
  });
});

describe('scenario and trace files', () => {
  it('export is the CLI format and import reads it back', () => {
    const text = exportScenarioFile(veto);
    expect(text.endsWith('}\n')).toBe(true);
    const r = importScenarioFile(text);
    expect(r.ok && r.scenario).toEqual(normalizeScenario(veto));
  });

  it('import gives the CLI parser\'s messages', () => {
    const bad = importScenarioFile('{ "devices": [ { "id": "disk", "model": "usb-disk" } ], "steps": [ ] ]');
    expect(!bad.ok && bad.error.text).toMatch(/^\(file\): not valid JSON at line 1, column \d+: expected "," or "}", found "]"/);
    const field = importScenarioFile('{"devices":[{"id":"disk","model":"usb-disk"},{"id":"disk","model":"usb-disk"}],"steps":[]}');
    expect(!field.ok && field.error.text).toBe('devices[1].id: "disk" is used twice; expected unique device ids');
    expect(importScenarioFile('\uFEFF{"devices":[],"steps":[]}').ok).toBe(true);
    expect(!importScenarioFile('[]').ok).toBe(true);
  });

  it('the trace export is byte for byte the CLI output (JSON Lines), or one JSON array', () => {
    const run = runInput(veto);
    if (!run.ok) throw new Error(run.error);
    expect(exportTraceJson(run.trace)).toBe(toJsonLines(run.trace));
    expect(JSON.parse(exportTraceJson(run.trace, { lines: false }))).toEqual(JSON.parse(JSON.stringify(run.trace)));
  });
});

describe('checkedPermalink (Copy link): only a link the lab would open', () => {
  it('gives the token of a link that opens, and refuses one longer than the lab opens, with its length', () => {
    const ok = checkedPermalink({ scenario: normalizeScenario(veto), cursor: 3 });
    expect(ok.ok && decodePermalink(ok.token).ok).toBe(true);
    // waits of random lengths do not compress: about 7 characters of link each
    const rng = new Rng(5);
    const steps = Array.from({ length: 15_000 }, () => ({ action: 'wait' as const, ms: Math.round(rng.next() * 1e9) / 1000 }));
    const long = checkedPermalink({ scenario: { seed: 1, devices: [], steps } });
    expect(long.ok).toBe(false);
    if (long.ok) return;
    expect(long.tooLong).toBeGreaterThan(MAX_TOKEN_LENGTH);
    expect(long.error.text).toBe(`(link): ${long.tooLong} characters long; expected at most ${MAX_TOKEN_LENGTH}`);
    expect(decodePermalink(encodePermalink({ scenario: { seed: 1, devices: [], steps } })).ok).toBe(false);
  });
});

// Made with format 1 on introduction; must decode forever (see dictionary.ts).
const GOLDEN_LINK = '#lab=1.Q9UAUWeMRR3OuAemSJSUVBtLlOPByQZ_8IKVxALDAuZPE2BND_dpoi4oZ-lCtBXrJupC9dUCANiiFg';
const GOLDEN_DICTIONARY_HASH = 377816803;
