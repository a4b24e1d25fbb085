import { describe, expect, it } from 'vitest';
import { Inspector, type InspectRecord } from '../inspect';
import { Scheduler } from '../scheduler';
import { FRAMEWORKS } from '../frameworks';
import { KMDF_IRP_TABLES } from '../kmdf/tables';
import { IRP_DIRECTION } from '../pnp/irps';
import { ALL_TABLES, FAILABLE_CALLBACKS, getTable } from './registry';
import { compileTable, runTable, UndeclaredExitError, type TableHost } from './table';

describe('engine tables', () => {
  it('every exit of every row names a row of its table or an end', () => {
    for (const t of ALL_TABLES) expect(() => compileTable(t)).not.toThrow();
  });

  // a table that runs itself would never end (recursion has no place in a sequence the pages describe)
  it('no row names its own table', () => {
    for (const t of ALL_TABLES) for (const r of t.rows) expect(r.table, `${t.id}/${r.id}`).not.toBe(t.id);
  });

  it('every table cites a Microsoft page and every row has an action', () => {
    for (const t of ALL_TABLES) {
      expect(t.cite, t.id).toMatch(/^(wdf|kernel|image|install)\/[a-z0-9-]+\.md$/);
      for (const r of t.rows) {
        expect(r.do, `${t.id}/${r.id}`).toBeTruthy();
        // a row may also cite an API reference page (MicrosoftDocs/windows-driver-docs-ddi) by its Learn address
        if (r.cite) expect(r.cite, `${t.id}/${r.id}`).toMatch(/^((wdf|kernel|image|install)\/[a-z0-9-]+\.md|https:\/\/learn\.microsoft\.com\/windows-hardware\/drivers\/ddi\/[a-z0-9_]+\/n[a-z]-[a-z0-9_-]+)$/);
      }
    }
  });

  it('rows that run another table name an existing table', () => {
    const roles = new Set(['loadDriver', 'addDevice']); // resolved per framework (frameworks.ts)
    for (const t of ALL_TABLES) for (const r of t.rows) if (r.table && !roles.has(r.table)) expect(() => getTable(r.table!), `${t.id}/${r.id}`).not.toThrow();
    for (const fw of Object.values(FRAMEWORKS)) for (const id of [fw.loadDriver, fw.addDevice, fw.unloadDriver, ...Object.values(fw.irpTables)]) expect(() => getTable(id)).not.toThrow();
    for (const id of Object.values(KMDF_IRP_TABLES)) expect(() => getTable(id)).not.toThrow();
    for (const irp of Object.keys(KMDF_IRP_TABLES)) if (!irp.startsWith('IRP_MN_SET_POWER')) expect(IRP_DIRECTION[irp.split(':')[0]], irp).toBeDefined();
  });

  it('only callbacks with a failure path may fail', () => {
    expect([...FAILABLE_CALLBACKS].sort()).toEqual([
      'EvtDeviceD0Entry', 'EvtDevicePrepareHardware', 'EvtDeviceQueryRemove', 'EvtDeviceQueryStop',
      'EvtDeviceRemoveAddedResources', 'EvtDeviceSelfManagedIoInit', 'EvtDriverDeviceAdd',
      'IDriverEntry::OnDeviceAdd', 'IPnpCallback::OnD0Entry', 'IPnpCallback::OnQueryRemove', 'IPnpCallback::OnQueryStop',
      'IPnpCallbackHardware::OnPrepareHardware', 'IPnpCallbackSelfManagedIo::OnSelfManagedIoInit',
    ]);
  });

  it('the runner refuses an outcome the row did not declare', () => {
    const table = compileTable({ id: 't', title: 't', cite: 'wdf/x.md', start: 'A', rows: [{ id: 'A', do: 'x', next: '@ok' }] });
    const host: TableHost = {
      words: { host: 'test', do: { x: { says: 'fails', *run() { return 'fail' as const; } } }, when: {}, effect: {} },
      inspector: undefined,
      subject: () => ({ device: undefined, layer: undefined, driver: undefined, cause: undefined, irp: undefined, queuedBy: undefined }),
    };
    const run = runTable(table, host);
    expect(() => run.next()).toThrow(UndeclaredExitError);
  });

  it('a guard that is false takes the skip exit', () => {
    const table = compileTable({ id: 't', title: 't', cite: 'wdf/x.md', start: 'A', rows: [
      { id: 'A', do: 'x', when: 'g', next: 'B', skipTo: '@fail' },
      { id: 'B', do: 'x', next: '@ok' },
    ] });
    const records: InspectRecord[] = [];
    const scheduler = new Scheduler();
    const inspector = new Inspector([(r) => records.push(r)], scheduler, () => 0);
    const subject = { device: 'd', layer: undefined, driver: undefined, cause: 7, irp: undefined, queuedBy: undefined };
    const words = { host: 'test', do: { x: { says: 'succeeds', run: () => 'ok' as const } }, when: { g: { says: 'g holds', test: () => false } }, effect: {} };
    const host: TableHost = { words, inspector, subject: () => subject };
    const run = runTable(table, host);
    expect(run.next()).toEqual({ done: true, value: 'fail' });
    expect(records).toEqual([
      { kind: 'run.start', run: 1, table: 't', parent: undefined, queuedBy: undefined, irp: undefined, device: 'd', layer: undefined, driver: undefined, cause: 7, seq: 0 },
      { kind: 'row.skip', run: 1, row: 'A', reason: 'only when g holds', when: 'g', seq: 0 },
      { kind: 'run.end', run: 1, outcome: 'fail', seq: 0 },
    ]);
    expect(scheduler.context).toBeUndefined();
  });

  it('a row that names a word its host does not know fails on the table\'s first run, naming the row', () => {
    const table = compileTable({ id: 't', title: 't', cite: 'wdf/x.md', start: 'A', rows: [{ id: 'A', do: 'x', next: 'B' }, { id: 'B', do: 'x', when: 'nope', next: '@ok' }] });
    const host: TableHost = { words: { host: 'test', do: { x: { says: 'succeeds', run: () => 'ok' } }, when: {}, effect: {} }, inspector: undefined, subject: () => { throw new Error('not inspected'); } };
    expect(() => runTable(table, host).next()).toThrow('t/B: unknown test guard "nope"');
  });
});

describe('docs/fidelity.md', () => {
  it('lists every engine table and every page the tables cite', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL('../../../docs/fidelity.md', import.meta.url), 'utf8');
    for (const t of ALL_TABLES) {
      expect(doc, `table ${t.id}`).toContain(`\`${t.id}\``);
      expect(doc, `page ${t.cite} of ${t.id}`).toContain(t.cite);
    }
  });
});
