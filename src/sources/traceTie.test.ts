/**
 * The sources against real traces: each callback event finds its function in the source of its layer, each minidriver
 * call its method, each hardware access and call into the service a //@call line; and the corpus reaches every
 * callback of the tables and every function of the sources (so "the right source" is checked both ways).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { FRAMEWORK_CALLBACKS } from '../engine/tables/registry';
import { getTable } from '../engine/tables/registry';
import type { Layer, TraceEvent } from '../engine/trace';
import { DRIVER_SOURCES, lineForResult, locateCallback, locateMinidriverCall, type SourceId } from './index';
import { runSourceCorpus, WIA_ACTIONS, type CorpusRun } from './sourceCorpus';

let runs: CorpusRun[];
let events: (TraceEvent & { label: string })[];
beforeAll(() => {
  runs = runSourceCorpus();
  events = runs.flatMap((r) => r.trace.map((e) => ({ ...e, label: r.label })));
});

const where = (e: TraceEvent & { label: string }) => `${e.label} #${e.seq} ${e.kind} ${e.name} (${e.layer ?? e.component}, ${e.driver ?? ''}, at ${e.at})`;
const rowOf = (at: string) => {
  const [table, row] = at.split('/');
  return getTable(table).rows.find((r) => r.id === row)!;
};

describe('every callback event of the corpus finds its function', () => {
  it('in the source of its layer, with a line for its result', () => {
    const unmatched: string[] = [];
    let checked = 0;
    for (const e of events.filter((x) => x.kind === 'callback' && x.layer !== undefined)) {
      const found = locateCallback(e.name, e.layer as Layer);
      if (!found) { unmatched.push(where(e)); continue; }
      checked++;
      const { fn, source } = found;
      if (e.result === undefined) continue; // a VOID callback, or a hung one
      expect(fn.isVoid, where(e)).toBe(false);
      const line = lineForResult(fn, e.result);
      const returned = fn.returns.find((r) => r.line === line);
      expect(line === fn.behaviourLine || returned?.value === e.result, `${where(e)}: line ${line} "${source.lines[line - 1]}"`).toBe(true);
    }
    expect(unmatched).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
  });

  it('reaches every callback in the tables (else the test above checks too little: add a scenario to sourceCorpus.ts)', () => {
    const called = new Set(events.filter((e) => e.kind === 'callback').map((e) => e.name));
    for (const fw of ['kmdf', 'umdf1'] as const) expect([...FRAMEWORK_CALLBACKS[fw]].filter((n) => !called.has(n)), fw).toEqual([]);
  });

  it('lights every function of the driver sources on a layer that source serves (no function a learner would wait for in vain)', () => {
    const lit = new Map<SourceId, Set<string>>();
    for (const e of events.filter((x) => x.kind === 'callback' && x.layer !== undefined)) {
      const found = locateCallback(e.name, e.layer as Layer);
      if (found) (lit.get(found.source.id) ?? lit.set(found.source.id, new Set()).get(found.source.id)!).add(e.name);
    }
    for (const id of ['kmdf-function', 'kmdf-filter', 'kmdf-bus', 'umdf1-driver'] as const) {
      expect(DRIVER_SOURCES[id].functions.map((f) => f.name).filter((n) => !lit.get(id)?.has(n)), id).toEqual([]);
    }
  });
});

describe('every WIA event of the corpus that runs minidriver code finds it', () => {
  it('a minidriver method: its function, from a row the tables classify as a minidriver method', () => {
    const minidriver = events.filter((e) => e.kind === 'wia' && e.component === 'minidriver');
    expect(minidriver.length).toBeGreaterThan(100);
    for (const e of minidriver) {
      expect(locateMinidriverCall(e.name), where(e)).toBeDefined();
      const row = rowOf(e.at!);
      expect(['method', 'methodUnlessService'], where(e)).toContain(WIA_ACTIONS[row.do]);
    }
    const lit = new Set(minidriver.map((e) => e.name));
    expect(DRIVER_SOURCES['wia-minidriver'].functions.map((f) => f.name).filter((n) => !lit.has(n))).toEqual([]);
  });

  it('a call into the service or a hardware access: a //@call line of that name', () => {
    const calls = new Set(DRIVER_SOURCES['wia-minidriver'].calls.map((c) => c.name));
    const made = events.filter((e) => e.kind === 'hw' || (e.kind === 'wia' && e.component === 'service' && WIA_ACTIONS[rowOf(e.at!).do] === 'callsService'));
    const names = new Set(made.map((e) => e.name));
    expect([...names].sort()).toEqual(expect.arrayContaining(['CancelIo', 'CreateFile', 'DeviceIoControl', 'GetOverlappedResult', 'MiniDrvCallback', 'ReadFile', 'WriteFile', 'wiasSendEndOfPage', 'wiasWriteBufToFile']));
    expect([...names].filter((n) => !calls.has(n))).toEqual([]);
    // and no other service-side event is one the minidriver makes
    for (const e of events.filter((x) => x.kind === 'wia' && x.component === 'service' && !names.has(x.name))) {
      const row = rowOf(e.at!);
      const action = WIA_ACTIONS[row.do];
      expect(action === 'notDriver' || (action === 'methodUnlessService' && row.args?.Component === 'service'), `${where(e)}: ${action}`).toBe(true);
    }
  });

  it('a careless minidriver\'s warnings name calls that the source guards with a //@careful line', () => {
    const warned = new Set(events.filter((e) => e.kind === 'warn' && e.component === 'minidriver').map((e) => e.name));
    expect(warned.size).toBeGreaterThan(0);
    const source = DRIVER_SOURCES['wia-minidriver'];
    for (const name of warned) {
      // the nearest //@careful line above each call site of that name, within the same function body
      const guarded = source.calls.filter((c) => c.name === name).some((c) => source.carefulLines.some((l) => l <= c.line && !source.lines.slice(l, c.line - 1).some((x) => x === '}')));
      expect(guarded, name).toBe(true);
    }
  });
});
