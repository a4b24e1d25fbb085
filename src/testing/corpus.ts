/**
 * The malformed-input corpus (issue 11): broken scenario files made by a seeded generator, not
 * checked in. Each case is the file's bytes and what its one-line error must name: the field path
 * (`devices[1].model`), or `(file)` with where in the text.
 *
 * Kinds: truncated, wrong types, unknown fields / actions / devices / models, duplicate ids and
 * fields, huge numbers, deep nesting, huge files, binary, byte order marks and other encodings,
 * control characters, prototype keys, reserved ids, impossible step orders, and not a scenario at all.
 *
 * Used by src/cli/corpus.test.ts (every case through the CLI's own function), by
 * e2e/corpus.spec.ts (a sample through the lab's Open… and links) and by scripts/corpus.ts (writes
 * the files and prints the counts).
 */
import { Rng } from '../engine/rng';
import { oneLine } from '../engine/text';
import { formatPath } from '../scenario/jsonValue';
import { LESSONS } from '../lessons';
import { ID_PATTERN, type ScenarioInput } from '../scenario/schema';
import { randomScenario } from './randomScenario';

export type CorpusKind =
  | 'truncated' | 'wrong-type' | 'unknown-field' | 'unknown-action' | 'unknown-device' | 'unknown-model'
  | 'duplicate' | 'huge-number' | 'deep-nesting' | 'huge-file' | 'binary' | 'bom' | 'control-characters'
  | 'prototype-key' | 'reserved-id' | 'impossible-step' | 'not-a-scenario';

export interface CorpusCase {
  kind: CorpusKind;
  /** a file name: kind, number, a hint */
  name: string;
  bytes: Uint8Array;
  /** the path the error must name: exactly this string, or matching this pattern */
  path: string | RegExp;
  /** false when the lab in the browser answers differently by design (a file over its 5 MB, a run over its budget) */
  sameInLab: boolean;
}

type Json = Record<string, unknown>;
const enc = new TextEncoder();
const FILE_AT = /^\(file\)$/;

/** Valid scenarios to break: the lessons' prepared scenarios and random ones with clients-free steps. */
function bases(rng: Rng, n: number): ScenarioInput[] {
  const out: ScenarioInput[] = LESSONS.map((l) => structuredClone(l.scenario) as ScenarioInput);
  for (let i = 0; out.length < n; i++) out.push(randomScenario(1000 + rng.int(1_000_000), { steps: 6 + rng.int(10), devices: 2 + rng.int(5), hangRate: 0 }));
  return out;
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[rng.int(items.length)];
}

const text = (v: unknown, indent = rng2indent(v)) => JSON.stringify(v, null, indent);
function rng2indent(v: unknown): number {
  return JSON.stringify(v).length % 3;
}

/** Every broken case, deterministic for a seed. */
export function generateCorpus(seed = 11): CorpusCase[] {
  const rng = new Rng(seed);
  const cases: CorpusCase[] = [];
  const add = (kind: CorpusKind, hint: string, content: string | Uint8Array, path: string | RegExp, sameInLab = true) => {
    const n = cases.filter((c) => c.kind === kind).length + 1;
    cases.push({ kind, name: `${kind}-${String(n).padStart(3, '0')}-${hint}.json`, bytes: typeof content === 'string' ? enc.encode(content) : content, path, sameInLab });
  };
  const scenarios = bases(rng, 60);
  const withDevices = scenarios.filter((s) => (s.devices ?? []).length >= 2 && (s.steps ?? []).length >= 2);
  const some = (k: number) => Array.from({ length: k }, () => structuredClone(pick(rng, withDevices)) as Json & ScenarioInput);

  // ---- truncated: every proper prefix of an object is not JSON ----
  for (const s of some(70)) {
    const t = text(s);
    const cut = 1 + rng.int(t.length - 2);
    add('truncated', `at-${cut}`, t.slice(0, cut), FILE_AT);
  }

  // ---- wrong types ----
  const wrongValues: unknown[] = [5, 'five', true, null, [], {}, [1, 2], { a: 1 }, -1.5];
  const typed: { hint: string; set: (s: Json & ScenarioInput, v: unknown) => string; accepts: (v: unknown) => boolean }[] = [
    { hint: 'seed', set: (s, v) => ((s.seed = v as number), 'seed'), accepts: (v) => Number.isInteger(v) && (v as number) >= 0 },
    { hint: 'devices', set: (s, v) => ((s.devices = v as never), 'devices'), accepts: (v) => Array.isArray(v) && v.length === 0 },
    { hint: 'steps', set: (s, v) => ((s.steps = v as never), 'steps'), accepts: (v) => Array.isArray(v) && v.length === 0 },
    { hint: 'title', set: (s, v) => ((s.title = v as never), 'title'), accepts: (v) => typeof v === 'string' },
    { hint: 'device-id', set: (s, v) => (((s.devices![0] as Json).id = v), 'devices[0].id'), accepts: (v) => typeof v === 'string' && ID_PATTERN.test(v) },
    { hint: 'model', set: (s, v) => (((s.devices![0] as Json).model = v), 'devices[0].model'), accepts: () => false },
    { hint: 'filters', set: (s, v) => (((s.devices![0] as Json).filters = v), 'devices[0].filters'), accepts: (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0 },
    { hint: 'lower', set: (s, v) => (((s.devices![0] as Json).filters = { lower: v }), 'devices[0].filters.lower'), accepts: (v) => v === 5 ? false : Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 4 },
    { hint: 'open-handles', set: (s, v) => (((s.devices![0] as Json).openHandles = v), 'devices[0].openHandles'), accepts: (v) => Number.isInteger(v) && (v as number) >= 0 },
    { hint: 'callbacks', set: (s, v) => (((s.devices![0] as Json).callbacks = v), 'devices[0].callbacks'), accepts: (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0 },
    { hint: 'capability', set: (s, v) => (((s.devices![0] as Json).capabilities = { Removable: v }), 'devices[0].capabilities.Removable'), accepts: (v) => typeof v === 'boolean' },
    { hint: 'action', set: (s, v) => (((s.steps![0] as Json).action = v), 'steps[0].action'), accepts: () => false },
    { hint: 'step-device', set: (s, v) => (((s.steps![0] as Json).device = v), 'steps[0].device'), accepts: () => false },
    { hint: 'after', set: (s, v) => (((s.steps![0] as Json).after = v), 'steps[0].after'), accepts: (v) => typeof v === 'number' && v >= 0 },
    { hint: 'step', set: (s, v) => ((s.steps![0] = v as never), 'steps[0]'), accepts: () => false },
  ];
  for (const t of typed) {
    for (const v of wrongValues) {
      if (t.accepts(v)) continue;
      const s = some(1)[0];
      // a step whose device is the first device, so a wrong `device` is about that step
      s.steps![0] = { action: 'plug', device: s.devices![0].id } as never;
      const path = t.set(s, structuredClone(v));
      // an object in the wrong place may be refused for a field inside it: the path or below it
      add('wrong-type', `${t.hint}-${v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v}`, text(s), new RegExp(`^${escapeRe(path)}(\\.|\\[|$)`));
    }
  }

  // ---- unknown fields, actions, devices, models ----
  const fieldPlaces: [string, (s: Json & ScenarioInput) => Json, PropertyKey[]][] = [
    ['top', (s) => s, []],
    ['device', (s) => s.devices![1] as Json, ['devices', 1]],
    ['step', (s) => s.steps![1] as Json, ['steps', 1]],
    ['filters', (s) => ((s.devices![0] as Json).filters = { lower: 1 }) as Json, ['devices', 0, 'filters']],
    ['capabilities', (s) => ((s.devices![0] as Json).capabilities = {}) as Json, ['devices', 0, 'capabilities']],
  ];
  const strangeNames = ['colour', 'Seed', 'device ', 'steps2', 'évènement', 'constructor', 'toString', 'hasOwnProperty', 'x'.repeat(300), 'a\u001b[31mb'];
  for (const [where, at, prefix] of fieldPlaces) {
    for (const name of strangeNames) {
      const s = some(1)[0];
      const obj = at(s);
      obj[name] = 1;
      add('unknown-field', `${where}`, text(s), oneLine(formatPath([...prefix, name]), 100));
    }
  }
  const badActions = ['yank', 'Plug', 'plug ', 'UNPLUG', 'safe-remove', 'eject', '', 'wait\u0000', 'x'.repeat(1000), 'scan\u202e'];
  for (const a of badActions) {
    const s = some(1)[0];
    const i = rng.int(s.steps!.length);
    (s.steps![i] as Json).action = a;
    add('unknown-action', a.replace(/[^a-z]/gi, '').slice(0, 10) || 'odd', text(s), `steps[${i}].action`);
  }
  for (let k = 0; k < 25; k++) {
    const s = some(1)[0];
    const i = s.steps!.findIndex((st) => 'device' in st);
    if (i < 0) continue;
    (s.steps![i] as Json).device = pick(rng, ['ghost', 'Disk', 'disk2x', 'usb-root-hub', `d${k}`]);
    add('unknown-device', `step-${i}`, text(s), `steps[${i}].device`);
  }
  for (let k = 0; k < 5; k++) {
    const s = some(1)[0];
    s.clients = [{ id: 'watch', mode: 'kernel', category: 'TargetDeviceChange', target: 'ghost' } as never];
    add('unknown-device', 'client-target', text(s), 'clients[0].target');
  }
  const badModels = ['usb-toaster', 'USB-DISK', 'usb_disk', 'pci-nic ', 'usb-hubs', 'scanner', '', 'usb-disk\n', 'ü', 'pci'];
  for (const m of badModels) {
    const s = some(1)[0];
    const i = rng.int(s.devices!.length);
    (s.devices![i] as Json).model = m;
    add('unknown-model', m.replace(/[^a-z]/gi, '').slice(0, 10) || 'odd', text(s), `devices[${i}].model`);
  }
  for (const cb of ['EvtDeviceQueryRemval', 'EvtFoo', 'evtdevicequeryremove', 'IPnpCallback::OnFoo']) {
    const s = some(1)[0];
    (s.devices![0] as Json).callbacks = { [cb]: 'fail' };
    const model = (s.devices![0] as Json).model;
    add('unknown-field', `callback-${cb.slice(0, 12)}`, text(s), `devices[0].callbacks.${cb}`, true);
    void model;
  }

  // ---- duplicates: ids, and a field given twice ----
  for (let k = 0; k < 20; k++) {
    const s = some(1)[0];
    const j = 1 + rng.int(s.devices!.length - 1);
    (s.devices![j] as Json).id = s.devices![0].id;
    add('duplicate', `device-id-${j}`, text(s), `devices[${j}].id`);
  }
  for (let k = 0; k < 10; k++) {
    const s = some(1)[0];
    s.clients = [
      { id: 'app', mode: 'user', category: 'HardwareProfileChange' },
      { id: 'app', mode: 'kernel', category: 'HardwareProfileChange' },
    ] as never;
    add('duplicate', 'client-id', text(s), 'clients[1].id');
  }
  for (let k = 0; k < 15; k++) {
    const s = some(1)[0];
    const t = text(s, 0);
    const key = pick(rng, ['"devices":', '"steps":']);
    add('duplicate', 'json-field', t.replace('{', `{${key}[],`), FILE_AT);
  }

  // ---- huge numbers ----
  const hugeText = ['1e400', '-1e400', '1e999999', '9'.repeat(400), `${'9'.repeat(400)}.5`];
  for (const h of hugeText) {
    for (const where of ['seed', 'ms', 'after', 'lower']) {
      const s = some(1)[0];
      const mark = '"__HUGE__"';
      if (where === 'seed') s.seed = '__HUGE__' as never;
      else if (where === 'ms') s.steps!.push({ action: 'wait', ms: '__HUGE__' } as never);
      else if (where === 'after') (s.steps![0] as Json).after = '__HUGE__';
      else (s.devices![0] as Json).filters = { lower: '__HUGE__' };
      add('huge-number', `${where}`, text(s).replace(mark, h), FILE_AT);
    }
  }
  const hugeFinite: [string, (s: Json & ScenarioInput) => string, number][] = [
    ['seed', (s) => ((s.seed = 2 ** 53), 'seed'), 0],
    ['lower', (s) => (((s.devices![0] as Json).filters = { lower: 1e300 }), 'devices[0].filters.lower'), 0],
    ['handles', (s) => (((s.devices![0] as Json).openHandles = 1.5e308), 'devices[0].openHandles'), 0],
    ['pages', (s) => ((s.devices![0] = { id: 'bigscan', model: 'usb-scanner', wia: { feeder: true, pages: 1e12 } } as never), 'devices[0].wia.pages'), 0],
    ['negative-after', (s) => (((s.steps![0] as Json).after = -1e300), 'steps[0].after'), 0],
    ['steps-seed', (s) => ((s.seed = -(2 ** 31)), 'seed'), 0],
  ];
  for (const [hint, set] of hugeFinite) for (let k = 0; k < 3; k++) {
    const s = some(1)[0];
    const path = set(s);
    add('huge-number', hint, text(s), path);
  }

  // ---- deep nesting ----
  for (const depth of [33, 100, 1000, 20_000, 100_000]) {
    for (const [open, close] of [['[', ']'], ['{"a":', '}']]) {
      const s = some(1)[0];
      add('deep-nesting', `${depth}-${open === '[' ? 'arrays' : 'objects'}-closed`, text(s).replace('"__DEEP__"', '').replace(/^\{/, `{"title": ${open.repeat(depth)}1${close.repeat(depth)},`), FILE_AT);
      add('deep-nesting', `${depth}-${open === '[' ? 'arrays' : 'objects'}-open`, `{"devices": ${open.repeat(depth)}`, FILE_AT);
    }
  }

  // ---- huge files ----
  {
    const s = some(1)[0];
    s.title = 't'.repeat(6_000_000); // over the lab's 5 MB, under the CLI's 64 MiB: the title's limit speaks
    add('huge-file', 'title-6mb', text(s), 'title', false);
    const big = some(1)[0];
    (big.devices![0] as Json).model = 'm'.repeat(10_000_000);
    add('huge-file', 'model-10mb', text(big), 'devices[0].model', false);
    add('huge-file', 'spaces-65mb', `${' '.repeat(65 * 1024 * 1024)}{}`, FILE_AT, false);
    const many = { devices: [{ id: 'disk', model: 'usb-disk' }], steps: Array.from({ length: 300_000 }, () => ({ action: 'wait', ms: 1 })) };
    many.steps.push({ action: 'unplug', device: 'disk' } as never);
    add('huge-file', 'steps-300k-then-impossible', JSON.stringify(many), 'steps[300000].device', false);
    const devices = { devices: Array.from({ length: 300 }, (_, i) => ({ id: `d${i}`, model: 'usb-disk' })) };
    add('huge-file', 'devices-300', JSON.stringify(devices), 'devices');
  }

  // ---- binary and other encodings ----
  for (let k = 0; k < 20; k++) {
    const bytes = new Uint8Array(16 + rng.int(4000));
    for (let b = 0; b < bytes.length; b++) bytes[b] = rng.int(256);
    add('binary', `random-${bytes.length}`, bytes, FILE_AT);
  }
  const magic: [string, number[]][] = [
    ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]],
    ['zip', [0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0]],
    ['gzip', [0x1f, 0x8b, 8, 0, 0, 0, 0, 0]],
    ['pdf', [...enc.encode('%PDF-1.7\n%\u00e2\u00e3\n')]],
    ['elf', [0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]],
    ['nul-inside', [...enc.encode('{"seed": 1,'), 0, ...enc.encode('"steps": []}')]],
    ['latin1', [...enc.encode('{"title": "caf'), 0xe9, ...enc.encode('"}')]],
    ['overlong-utf8', [...enc.encode('{"title": "'), 0xc0, 0xaf, ...enc.encode('"}')]],
    ['lone-continuation', [...enc.encode('{"title": "'), 0x80, ...enc.encode('"}')]],
    ['cut-utf8', [...enc.encode('{"title": "'), 0xe2, 0x82]],
    ['empty', []],
  ];
  for (const [hint, bytes] of magic) add('binary', hint, Uint8Array.from(bytes), FILE_AT);

  // ---- byte order marks: a BOM is dropped, so these are about what follows, or other encodings ----
  for (let k = 0; k < 6; k++) {
    const t = text(some(1)[0]);
    add('bom', 'utf16le', Uint8Array.from([0xff, 0xfe, ...[...t].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]), FILE_AT);
    add('bom', 'utf16be', Uint8Array.from([0xfe, 0xff, ...[...t].flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff])]), FILE_AT);
    add('bom', 'twice', `\uFEFF\uFEFF${t}`, FILE_AT);
    add('bom', 'then-truncated', `\uFEFF${t.slice(0, 1 + rng.int(t.length - 2))}`, FILE_AT);
    const s = some(1)[0];
    (s.devices![0] as Json).model = 'usb-fridge';
    add('bom', 'then-bad-model', `\uFEFF${text(s)}`, 'devices[0].model');
    add('bom', 'in-the-middle', t.replace(':', ':\uFEFF'), FILE_AT);
  }

  // ---- control characters ----
  const controls = ['\u0000', '\u0007', '\u001b[2J', '\u001b]0;pwned\u0007', '\r', '\u007f', '\u0085', '\u2028', '\u202e', '\u200b'];
  for (const c of controls) {
    // raw inside a JSON string: C0 characters are not allowed there
    const s = some(1)[0];
    const raw = text(s).replace(/"title":\s*"/, `"title": "${c}`).replace(/^\{(?!\s*"title")/, `{"title": "x${c}y",`);
    if (/[\u0000-\u001f]/.test(c)) add('control-characters', `raw-${c.charCodeAt(0)}`, raw, FILE_AT);
    // escaped, in an id, a model, a port, a field name
    const a = some(1)[0];
    (a.devices![0] as Json).id = `disk${c}`;
    add('control-characters', `in-id-${c.charCodeAt(0)}`, text(a), 'devices[0].id');
    const b = some(1)[0];
    (b.devices![0] as Json).model = `usb-disk${c}`;
    add('control-characters', `in-model-${c.charCodeAt(0)}`, text(b), 'devices[0].model');
    const d = some(1)[0];
    (d.devices![0] as Json)[`colour${c}`] = 'red';
    add('control-characters', `in-field-${c.charCodeAt(0)}`, text(d), /^devices\[0\]\["colour/);
    const e = some(1)[0];
    e.steps!.unshift({ action: 'plug', device: e.devices![0].id, port: `usb-root-hub:9${c}` } as never);
    add('control-characters', `in-port-${c.charCodeAt(0)}`, text(e), 'steps[0].port');
  }

  // ---- prototype keys ----
  const protoPlaces = ['top', 'device', 'callbacks', 'step', 'filters', 'capabilities', 'layers', 'client'];
  for (const where of protoPlaces) {
    for (const value of ['{}', '"fail"', '{"polluted": true}', 'null']) {
      const s = some(1)[0];
      const marker = '"__PROTO_HERE__": 0';
      if (where === 'top') (s as Json).__PROTO_HERE__ = 0;
      else if (where === 'device') (s.devices![0] as Json).__PROTO_HERE__ = 0;
      else if (where === 'callbacks') (s.devices![0] as Json).callbacks = { __PROTO_HERE__: 0 };
      else if (where === 'step') (s.steps![0] as Json).__PROTO_HERE__ = 0;
      else if (where === 'filters') (s.devices![0] as Json).filters = { __PROTO_HERE__: 0 };
      else if (where === 'capabilities') (s.devices![0] as Json).capabilities = { __PROTO_HERE__: 0 };
      else if (where === 'layers') (s.devices![0] as Json).layers = { bus: { callbacks: { __PROTO_HERE__: 0 } } };
      else s.clients = [{ id: 'c', mode: 'user', category: 'HardwareProfileChange', __PROTO_HERE__: 0 } as never];
      add('prototype-key', `${where}`, text(s, 0).replace(marker.replace(': ', ':'), `"__proto__":${value}`), FILE_AT);
    }
  }
  for (const key of ['constructor', 'prototype', '__defineGetter__', 'valueOf']) {
    const s = some(1)[0];
    (s.devices![0] as Json).callbacks = { [key]: 'fail' };
    add('prototype-key', `callback-${key}`, text(s), `devices[0].callbacks.${key}`);
  }

  // ---- reserved ids ----
  for (let k = 0; k < 4; k++) {
    const s = some(1)[0];
    s.clients = [{ id: 'stisvc', mode: pick(rng, ['user', 'kernel']), category: 'HardwareProfileChange' } as never];
    add('reserved-id', 'client-stisvc', text(s), 'clients[0].id');
    for (const bus of ['usb-root-hub', 'pci-bus']) {
      const t = some(1)[0];
      const old = t.devices![0].id;
      (t.devices![0] as Json).id = bus;
      for (const st of t.steps!) if ('device' in st && st.device === old) (st as Json).device = bus;
      add('reserved-id', `device-${bus}`, text(t), 'devices[0].id');
    }
  }

  // ---- impossible step orders ----
  const impossible: [string, (s: ScenarioInput) => Json[]][] = [
    ['unplug-first', (s) => [{ action: 'unplug', device: s.devices![0].id }]],
    ['safe-remove-first', (s) => [{ action: 'safeRemove', device: s.devices![0].id }]],
    ['enable-first', (s) => [{ action: 'enable', device: s.devices![0].id }]],
    ['rebalance-first', (s) => [{ action: 'rebalance', device: s.devices![0].id }]],
    ['plug-twice', (s) => [{ action: 'plug', device: s.devices![0].id }, { action: 'plug', device: s.devices![0].id }]],
    ['no-such-port', (s) => [{ action: 'plug', device: s.devices![0].id, port: 'usb-root-hub:9' }]],
    ['after-shutdown', () => [{ action: 'shutdown' }, { action: 'wait', ms: 1 }]],
    ['undock-first', () => [{ action: 'undock' }]],
    ['scan-unplugged', (s) => [{ action: 'scan', device: s.devices![0].id }]],
  ];
  for (const [hint, make] of impossible) {
    for (let k = 0; k < 4; k++) {
      const s = some(1)[0];
      const bad = make(s);
      // the impossible part runs first, so it is impossible whatever the rest does
      s.steps = [...bad, ...s.steps!] as never;
      const at = hint === 'plug-twice' || hint === 'after-shutdown' ? 1 : 0;
      add('impossible-step', hint, text(s), new RegExp(`^steps\\[${at}\\]\\.(device|port|action)$`));
    }
  }

  // ---- not a scenario at all ----
  for (const t of ['[]', '"scenario"', '42', 'null', 'true', '   ', '\n', '[{"devices": []}]', '{"format": "pnp-lab-lesson-progress", "version": 1, "lessons": {}}', 'devices: []\nsteps: []\n', '<scenario/>', '// comment\n{}', '{"seed": 1} {"seed": 2}', "{'seed': 1}", '{"seed": 1,}', '{seed: 1}', '{"seed": 01}', '{"seed": .5}', '{"seed": +1}', '{"seed": NaN}', '{"title": "\\x41"}', '{"title": "\\u12"}']) {
    add('not-a-scenario', t.replace(/[^a-z0-9]/gi, '').slice(0, 10) || 'odd', t, /^\(file\)$|^\(scenario\)$|^format$/);
  }
  return cases;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** What one case's error line must be like, and whether it is. */
export interface CorpusVerdict {
  clear: boolean;
  /** why not, when not clear */
  problem?: string;
}

/** The longest message (after the file name) a clear error may have. */
export const MAX_MESSAGE = 300;
const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/**
 * Judges the CLI's answer to one case: exit 2, nothing on stdout, one line on stderr of the form
 * `FILE: PATH: message`, PATH the one the case names, the message at most MAX_MESSAGE characters,
 * no raw control character, and a `(file)` error says where (line and column) or what the file is.
 */
export function judge(c: CorpusCase, shownFile: string, out: { code: number; stdout: string; stderr: string }): CorpusVerdict & { path?: string; message?: string } {
  const no = (problem: string) => ({ clear: false, problem });
  if (out.code !== 2) return no(`exit ${out.code}`);
  if (out.stdout !== '') return no('printed on stdout');
  if (!out.stderr.endsWith('\n') || out.stderr.indexOf('\n') !== out.stderr.length - 1) return no('not exactly one line');
  const line = out.stderr.slice(0, -1);
  if (!line.startsWith(`${shownFile}: `)) return no('does not start with the file name');
  const rest = line.slice(shownFile.length + 2);
  if (rest.length > MAX_MESSAGE) return no(`${rest.length} characters`);
  if (RAW_CONTROL.test(rest)) return no('a raw control character');
  const m = /^(\(file\)|\(scenario\)|(?:[A-Za-z_$][\w$]*|\["(?:[^"\\]|\\.)*(?:…" \(\d+ characters\))?"?\])(?:\[\d+\]|\.[\w$:-]+|\["(?:[^"\\]|\\.)*(?:…" \(\d+ characters\))?"?\])*(?:…)?): (.+)$/.exec(rest);
  if (!m) return no('no field path at the start');
  const [, path, message] = m;
  const wanted = typeof c.path === 'string' ? path === c.path : c.path.test(path);
  if (!wanted) return no(`names ${path}, expected ${c.path}`);
  if (path === '(file)' && !/line \d+, column \d+|UTF-8|UTF-16|binary|larger than|NUL/.test(message)) return no('a (file) error that does not say where');
  if (/Too (big|small)|Invalid input|\[object Object\]|undefined/.test(message)) return no('raw library wording');
  return { clear: true, path, message };
}

export interface CorpusRun {
  tried: number;
  clear: number;
  failed: { name: string; problem: string; line: string }[];
  byKind: Record<string, { tried: number; clear: number }>;
  /** cases whose message in the lab (Open…, then the run) differs from the CLI's */
  labDiffers: { name: string; cli: string; lab: string | undefined }[];
}
