import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

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
