import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toJsonLines } from '../engine/trace';
import { parseScenarioText } from '../scenario/parse';
import { createLab, runScenario } from '../scenario/run';
import { main, processIo } from './main';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'pnp-lab-cli-'));

function lab(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/lab.ts'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('CLI: npm run -s lab -- run FILE', () => {
  it('prints the trace as JSON Lines and exits 0', () => {
    const r = lab('run', join(root, 'examples/plug-and-safe-remove.json'));
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({ seq: 1, t: 0, kind: 'user', name: 'plug', device: 'disk', args: { port: 'usb-root-hub:1' } });
    expect(lines.some((e) => e.name === 'IRP_MN_QUERY_REMOVE_DEVICE')).toBe(true);
    expect(r.stderr).toBe('');
  }, 20_000);

  it('exits 2 with one line naming the field path for a malformed file', () => {
    const p = file('bad.json', JSON.stringify({ devices: [{ id: 'disk', model: 'usb-disk' }], steps: [{ action: 'yank', device: 'disk' }] }));
    const r = lab('run', p);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0].startsWith(`${p}: steps[0].action: unknown action "yank"; expected one of: plug, unplug, safeRemove, disable, enable, rebalance, fail, closeHandles, wait`)).toBe(true);
  }, 20_000);

  it('exits 2 for an impossible step and for a missing file', () => {
    const p = file('impossible.json', JSON.stringify({ devices: [{ id: 'cam', model: 'usb-webcam' }], steps: [{ action: 'plug', device: 'cam' }, { action: 'safeRemove', device: 'cam' }] }));
    const r = lab('run', p);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/steps\[1\]\.device: "cam" is not listed in Safely Remove Hardware/);
    const missing = lab('run', join(dir, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json: cannot read the file \(ENOENT\)/);
  }, 20_000);
});

describe('CLI in-process (src/cli/main.ts): the same function the command runs', () => {
  function run(argv: string[], tuning?: Parameters<typeof main>[2]) {
    let stdout = '';
    let stderr = '';
    const code = main(argv, { ...processIo, stdout: (c) => (stdout += c), stderr: (l) => (stderr += l) }, tuning);
    return { code, stdout, stderr };
  }
  const example = join(root, 'examples/hub-unplug.json');
  const expected = toJsonLines(runScenario(parseScenarioText(readFileSync(example, 'utf8'))));

  it('a file starting with a byte order mark runs like the same file without one (the lab drops it too)', () => {
    const p = file('bom.json', `\uFEFF${readFileSync(example, 'utf8')}`);
    const r = run(['run', p]);
    expect(r).toEqual({ code: 0, stdout: expected, stderr: '' });
  });

  it('streams: with a tiny buffer and window the output is byte for byte the same, and a run that fails late prints nothing', () => {
    for (const keepEvents of [16, 50, 1000]) expect(run(['run', example], { bufferChars: 500, keepEvents }).stdout).toBe(expected);
    const s = JSON.parse(readFileSync(example, 'utf8'));
    const late = file('late.json', JSON.stringify({ ...s, steps: [...s.steps, { action: 'unplug', device: 'hub' }] }));
    const r = run(['run', late], { bufferChars: 500, keepEvents: 16 });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${late}: steps[4].device: "hub" is not plugged in; expected a plugged-in device\n`);
  });

  it('--max-events caps the run and says how big it was; a bad value is refused', () => {
    const r = run(['run', example, '--max-events', '100']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^.*hub-unplug\.json: steps: the run reached the limit of 100 trace events in steps\[\d\] \(plug\) of 4; at that rate all 4 steps would record about [\d,]+; expected a smaller scenario, or a higher --max-events \(now 100\)\n$/);
    expect(run(['run', '--max-events', String(expected.split('\n').length - 1), example]).stdout).toBe(expected);
    for (const bad of ['0', '-5', '1e6', 'lots']) {
      const b = run(['run', example, '--max-events', bad]);
      expect(b.code).toBe(2);
      expect(b.stderr).toMatch(/^--max-events: got ".*"; expected a whole number >= 1/);
    }
  });

  it('--irp-travel prints the trace with IRPs on their way down and back up (docs/trace-format.md); without it no event has a pass', () => {
    const scenario = parseScenarioText(readFileSync(example, 'utf8'));
    const travelled = toJsonLines(runScenario(scenario, createLab(scenario, { irpTravel: true })));
    expect(travelled).not.toBe(expected);
    for (const argv of [['run', example, '--irp-travel'], ['run', '--irp-travel', example]]) expect(run(argv)).toEqual({ code: 0, stdout: travelled, stderr: '' });
    // streamed through a small window it is the same, byte for byte
    expect(run(['run', example, '--irp-travel'], { bufferChars: 500, keepEvents: 16 }).stdout).toBe(travelled);
    expect(travelled).toContain('"pass":"down"');
    expect(travelled).toContain('"pass":"up"');
    expect(expected).not.toContain('"pass"');
  });

  it('refuses a file that is not UTF-8, UTF-16 text, a binary file, and a file larger than it reads', () => {
    const cases: [string, Uint8Array, RegExp][] = [
      ['latin1.json', Uint8Array.from([0x7b, 0x22, 0x74, 0x69, 0x74, 0x6c, 0x65, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]), /: \(file\): not UTF-8 text \(byte 0xe9 at offset 10 does not belong there\); expected a scenario JSON file$/],
      ['utf16.json', Uint8Array.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]), /: \(file\): the file is UTF-16 text; expected UTF-8/],
      ['binary.json', Uint8Array.from([0x7b, 0x00, 0x01, 0x02]), /: \(file\): a NUL character at offset 1: this looks like a binary file/],
    ];
    for (const [name, bytes, want] of cases) {
      const p = join(dir, name);
      writeFileSync(p, bytes);
      const r = run(['run', p]);
      expect(r.code, name).toBe(2);
      expect(r.stderr.trim()).toMatch(want);
    }
    const huge = run(['run', '/dev/zero']);
    expect(huge.code).toBe(2);
    expect(huge.stderr).toBe('/dev/zero: (file): larger than 67,108,864 bytes; expected a smaller scenario file\n');
  });

  it('a file name with control characters is shown escaped, on one line', () => {
    const p = file('bad\u001b[31mname\n.json', '{');
    const r = run(['run', p]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(r.stderr).toContain('bad\\u001b[31mname\\n.json: (file): not valid JSON at line 1, column 2');
  });
});
