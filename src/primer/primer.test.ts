import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInput } from '../lessons/solve';
import { LESSONS } from '../lessons';
import { PRIMER, primerEntry, primerPageUrl } from './entries';
import { PRIMER_INDEX, primerIdForWord, primerTermsFor } from './terms';

describe('the primer', () => {
  it('has one entry per index line, in the index\'s order', () => {
    expect(PRIMER.map((e) => e.id)).toEqual(PRIMER_INDEX.map((e) => e.id));
  });

  it('keeps every entry to one screen, with a page to read next', () => {
    for (const e of PRIMER) {
      expect(e.body.length, e.id).toBeGreaterThanOrEqual(1);
      expect(e.body.length, e.id).toBeLessThanOrEqual(3);
      const words = [...e.body, e.lab ?? ''].join(' ').split(/\s+/).length;
      expect(words, `${e.id} has ${words} words`).toBeLessThanOrEqual(200);
      expect(e.next.path, e.id).toMatch(/^(https:\/\/learn\.microsoft\.com\/|(wdf|kernel|image|install|gettingstarted)\/[a-z0-9-]+\.md$|ddi\/[a-z0-9_]+\/[a-z0-9_-]+\.md$)/);
      expect(primerPageUrl(e.next.path)).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    }
  });

  it('explains what the issue asks for: IRP, stacks, PDO/FDO, frameworks (UMDF 2 supersedes UMDF 1), power, self-managed I/O, problem codes, vetoes, the reflector, WIA, TYMED, IT_MSG, DBT', () => {
    expect(primerEntry('frameworks')?.body.join(' ')).toMatch(/UMDF 2 supersedes UMDF 1/);
    for (const [word, id] of [
      ['IRP_MN_START_DEVICE', 'irp'], ['CM_PROB_FAILED_START', 'problem-codes'], ['PNP_VetoDevice', 'veto-types'],
      ['DBT_CONFIGCHANGED', 'dbt'], ['IT_MSG_DATA', 'it-msg'], ['TYMED_CALLBACK', 'tymed'], ['RemovePending', 'devnode-states'],
      ['EvtDeviceSelfManagedIoInit', 'self-managed-io'], ['IPnpCallbackSelfManagedIo::OnSelfManagedIoCleanup', 'self-managed-io'],
      ['EvtDeviceD0Exit', 'power-states'], ['WdfPowerDeviceD3Final', 'power-states'], ['IoSetDeviceInterfaceState', 'interfaces'],
      ['GUID_TARGET_DEVICE_QUERY_REMOVE', 'notifications'], ['STATUS_DRIVER_PROCESS_TERMINATED', 'reflector'],
      ['drvAcquireItemData', 'wia-split'], ['IPnpCallback::OnQueryRemove', 'frameworks'], ['EvtDevicePrepareHardware', 'frameworks'],
    ] as const) expect(primerIdForWord(word), word).toBe(id);
    expect(primerIdForWord('plug')).toBeUndefined();
  });

  it('finds the words of real trace events: an IRP, a problem code, a veto, a WIA message, the reflector\'s warning', () => {
    const run = runInput(LESSONS.find((l) => l.id === 'umdf1-removal')!.scenario);
    expect(run.ok).toBe(true);
    if (!run.ok) return;
    const start = run.trace.find((e) => e.kind === 'irp' && e.name === 'IRP_MN_START_DEVICE' && e.layer === 'bus')!;
    expect(primerTermsFor(start).map((t) => t.id)).toEqual(['irp', 'pdo-fdo-filter', 'device-stack']);
    const failed = runInput({ devices: [{ id: 'disk', model: 'usb-disk', callbacks: { EvtDevicePrepareHardware: 'fail' } }], steps: [{ action: 'plug', device: 'disk' }] });
    if (!failed.ok) throw new Error(failed.error);
    const problem = failed.trace.findLast((e) => e.kind === 'state' && e.args?.Problem !== undefined)!;
    expect(primerTermsFor(problem).map((t) => t.id)).toEqual(['devnode-states', 'problem-codes']);
    const hang = runInput({ devices: [{ id: 'cam', model: 'usb-webcam', framework: 'umdf1', capabilities: { SurpriseRemovalOK: false }, callbacks: { 'IPnpCallback::OnQueryRemove': 'hang' } }], steps: [{ action: 'plug', device: 'cam' }, { action: 'safeRemove', device: 'cam' }] });
    if (!hang.ok) throw new Error(hang.error);
    const warn = hang.trace.find((e) => e.kind === 'warn')!;
    expect(primerTermsFor(warn).map((t) => t.id)).toContain('reflector');
    const veto = hang.trace.find((e) => e.kind === 'state' && e.name.startsWith('PNP_Veto'))!;
    expect(primerTermsFor(veto)[0]).toEqual({ word: 'PNP_VetoDevice', id: 'veto-types' });
  });
});

describe('the primer\'s weight', () => {
  it('stays out of the main chunk: only the lessons and the primer dialog (lazy chunks) import its index or its text', () => {
    const src = new URL('../', import.meta.url).pathname;
    const lazy = ['lessons/', 'primer/', 'ui/lessons/', 'ui/primer/'];
    const files = (readdirSync(src, { recursive: true }) as string[]).filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'));
    const importers = files.filter((f) => /from '[./]*\/?primer\/(terms|entries)'|from '\.\/(terms|entries)'/.test(readFileSync(join(src, f), 'utf8')));
    expect(importers.length).toBeGreaterThan(0);
    expect(importers.filter((f) => !lazy.some((dir) => f.startsWith(dir)))).toEqual([]);
  });
});
