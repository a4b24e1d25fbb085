import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runLab, type RunResult } from '../runLab';
import { parseScenario } from '../../scenario/parse';
import { compareSchema, type Comparison } from '../../scenario/compare';
import { COMPARE_TEXT_FORMS, comparisonText, parseComparisonText } from '../../scenario/comparison';
import type { ScenarioInput } from '../../scenario/schema';
import { alignEvents, commonPairs, positionInB } from './align';
import { compareRuns, type ComparedRuns } from './compareRuns';
import { variantOf } from '../../scenario/compareVariant';
import { showValue } from '../../scenario/jsonValue';

const UNPLUG: ScenarioInput = {
  seed: 7,
  devices: [{ id: 'disk', model: 'usb-disk' }],
  steps: [{ action: 'plug', device: 'disk' }, { action: 'unplug', device: 'disk' }],
};

function runA(s: ScenarioInput): RunResult {
  const out = runLab(s);
  if (!out.ok) throw out.error;
  return out.run;
}

function compare(s: ScenarioInput, c: Comparison): ComparedRuns {
  const scenario = { ...s, compare: c };
  parseScenario(scenario); // the comparison is valid for the scenario
  const out = compareRuns(scenario, runA(s));
  if (!out.ok) throw new Error(out.message);
  return out.runs;
}

const names = (run: RunResult, rows: { a?: number; b?: number }[], side: 'a' | 'b') => rows.filter((r) => r[side] !== undefined).map((r) => run.trace[r[side]!].name);

describe('commonPairs', () => {
  it('pairs a longest common subsequence, keeping the common start and end', () => {
    expect(commonPairs(['u', 'x', 'a', 'b', 'c', 'z'], ['u', 'a', 'y', 'c', 'b', 'z'])).toEqual([[0, 0], [2, 1], [4, 3], [5, 5]]);
    expect(commonPairs([], ['a'])).toEqual([]);
  });
});

describe('a KMDF and a UMDF 1 driver on the same unplug', () => {
  const runs = compare(UNPLUG, { change: 'framework', device: 'disk' });
  const unplug = runs.steps[2];
  const a = runA(UNPLUG);

  it('run B is the same scenario with the disk on UMDF 1; steps are aligned one to one', () => {
    expect(runs.sides).toEqual({ a: 'disk on KMDF', b: 'disk on UMDF 1' });
    expect(runs.steps.map((s) => s.label)).toEqual(['Before the first step', 'Step 1: plug disk', 'Step 2: unplug disk']);
    expect(runs.b.scenario.devices[0].framework).toBe('umdf1');
    expect(runs.stopped).toBeUndefined();
  });

  it('EvtDeviceSurpriseRemoval is in run A only, IPnpCallback::OnSurpriseRemoval in run B only; the IRP is the same event in both', () => {
    const onlyA = names(a, unplug.rows.filter((r) => r.mark === 'onlyA'), 'a');
    const onlyB = names(runs.b, unplug.rows.filter((r) => r.mark === 'onlyB'), 'b');
    expect(onlyA).toContain('EvtDeviceSurpriseRemoval');
    expect(onlyB).toContain('IPnpCallback::OnSurpriseRemoval');
    expect(onlyA).not.toContain('IPnpCallback::OnSurpriseRemoval');
    const surprise = unplug.rows.find((r) => r.a !== undefined && r.b !== undefined && a.trace[r.a].name === 'IRP_MN_SURPRISE_REMOVAL' && a.trace[r.a].layer === 'function');
    expect(surprise?.mark).toBe('same');
    expect(runs.b.trace[surprise!.b!].driver).toBe('SimDiskUmdf');
  });

  it('the step\'s line says where the seed put OnSurpriseRemoval, and that its place is not guaranteed', () => {
    expect(unplug.summary).toMatch(/^UMDF 1 calls IPnpCallback::OnSurpriseRemoval after IPnpCallback::OnD0Exit in run B; its place is not guaranteed \(seed 7 picked it\) \(\d+ only in A, \d+ only in B\)\.$/);
    // another seed, another place: the line follows the trace
    const other = compare({ ...UNPLUG, seed: 2 }, { change: 'framework', device: 'disk' }).steps[2].summary;
    expect(other).toMatch(/^UMDF 1 calls IPnpCallback::OnSurpriseRemoval (first|after \S+) in run B; its place is not guaranteed \(seed 2 picked it\)/);
  });

  it('one cursor drives both: run A\'s event maps to its pair in run B, an event of A alone to the last pair before it', () => {
    const irp = unplug.rows.find((r) => r.mark === 'same' && a.trace[r.a!].name === 'IRP_MN_SURPRISE_REMOVAL')!;
    expect(positionInB(runs.steps, irp.a! + 1, runs.b.trace.length)).toBe(irp.b! + 1);
    const k = unplug.rows.findIndex((r) => r.mark === 'onlyA' && a.trace[r.a!].name === 'EvtDeviceSurpriseRemoval');
    const before = unplug.rows.slice(0, k).findLast((r) => r.b !== undefined)!;
    expect(positionInB(runs.steps, unplug.rows[k].a! + 1, runs.b.trace.length)).toBe(before.b! + 1);
    expect(positionInB(runs.steps, 0, runs.b.trace.length)).toBe(0);
    const user = runs.steps[2].a[0];
    expect(runs.b.trace[positionInB(runs.steps, user + 1, runs.b.trace.length) - 1]).toMatchObject({ kind: 'user', name: 'unplug' });
  });
});

describe('the other differences', () => {
  const SAFE: ScenarioInput = {
    seed: 1,
    devices: [{ id: 'disk', model: 'usb-disk' }],
    clients: [{ id: 'explorer', mode: 'user', category: 'TargetDeviceChange', target: 'disk' }],
    steps: [{ action: 'plug', device: 'disk' }, { action: 'safeRemove', device: 'disk' }, { action: 'unplug', device: 'disk' }],
  };

  it('a callback that fails in run B: the removal is vetoed there, and the line says so', () => {
    const runs = compare(SAFE, { change: 'callback', device: 'disk', callback: 'EvtDeviceQueryRemove', behaviour: 'fail' });
    expect(runs.sides).toEqual({ a: 'EvtDeviceQueryRemove: as written', b: 'EvtDeviceQueryRemove: fail' });
    expect(runs.steps[2].summary).toMatch(/^Vetoed in run B \(PNP_VetoDevice by SimDisk\), not in run A; EvtDeviceQueryRemove \(SimDisk\) returns STATUS_SUCCESS in run A, STATUS_UNSUCCESSFUL in run B/);
  });

  it('a client that keeps its handle open in run B: PNP_VetoOutstandingOpen there', () => {
    const runs = compare(SAFE, { change: 'client', client: 'explorer', onQueryRemove: 'keepOpen' });
    expect(runs.steps[2].summary).toContain('Vetoed in run B (PNP_VetoOutstandingOpen');
  });

  it('an open handle in run B', () => {
    const runs = compare(SAFE, { change: 'openHandles', device: 'disk', openHandles: 1 });
    expect(runs.sides.b).toBe('disk: 1 open handle');
    expect(runs.steps[2].summary).toContain('Vetoed in run B (PNP_VetoOutstandingOpen');
  });

  it('Safely Remove vs pulling the cable: the unplug that finished the safe removal is left out of run B, and says why', () => {
    const runs = compare(SAFE, { change: 'removal', step: 2 });
    expect(variantOf({ ...SAFE }, { change: 'removal', step: 2 }).scenario.steps).toEqual([{ action: 'plug', device: 'disk' }, { action: 'unplug', device: 'disk' }]);
    expect(runs.sides).toEqual({ a: 'step 2: Safely Remove disk', b: 'step 2: cable pulled disk' });
    expect(runs.steps[3].b).toBeUndefined();
    expect(runs.steps[3].summary).toBe('Not in run B: in run B the cable of disk was already pulled at step 2.');
    const b = runs.b.trace.slice(runs.steps[2].b![0], runs.steps[2].b![1]).map((e) => e.name);
    expect(b).toContain('IRP_MN_SURPRISE_REMOVAL');
    expect(b).not.toContain('IRP_MN_QUERY_REMOVE_DEVICE');
  });

  it('pulling the cable vs Safely Remove: run B adds the unplug that takes the device away, in the same step', () => {
    const s: ScenarioInput = { ...UNPLUG, steps: [{ action: 'plug', device: 'disk' }, { action: 'unplug', device: 'disk' }, { action: 'plug', device: 'disk' }] };
    const v = variantOf(s, { change: 'removal', step: 2 });
    expect(v.scenario.steps!.map((x) => x.action)).toEqual(['plug', 'safeRemove', 'unplug', 'plug']);
    expect(v.steps).toEqual([[0], [1, 2], [3]]);
    const runs = compare(s, { change: 'removal', step: 2 });
    expect(runs.stopped).toBeUndefined();
    expect(runs.steps[2].summary).not.toMatch(/^Not in run B/);
  });

  it('a step run B cannot take ends run B there; the steps after it say so', () => {
    const s: ScenarioInput = { ...UNPLUG, steps: [{ action: 'plug', device: 'disk' }, { action: 'staticStopRemove', device: 'disk', stoppable: false }, { action: 'unplug', device: 'disk' }] };
    const runs = compare(s, { change: 'framework', device: 'disk' });
    expect(runs.stopped?.step).toBe(1);
    expect(runs.steps[2].summary).toMatch(/^Not in run B: run B stopped at step 2: /);
    expect(runs.steps[3].b).toBeUndefined();
  });

  it('a step with no difference says so', () => {
    const runs = compare(SAFE, { change: 'openHandles', device: 'disk', openHandles: 1 });
    expect(runs.steps[1].summary).toMatch(/^The same in both runs \(\d+ events\)\.$/);
  });
});

describe('alignEvents', () => {
  it('marks an event found in both runs out of the common order as moved, and a different result', () => {
    const e = (name: string, result?: string) => ({ seq: 0, t: 0, kind: 'callback' as const, name, result });
    const { rows, counts } = alignEvents([e('a'), e('b'), e('c', 'S_OK')], 0, [e('b'), e('a'), e('c', 'E_FAIL'), e('d')], 10);
    expect(counts).toEqual({ onlyA: 0, onlyB: 1, moved: 1, result: 1 });
    expect(rows).toEqual([
      { a: 0, mark: 'moved', twin: 11 },
      { a: 1, b: 10, mark: 'same' },
      { b: 11, mark: 'moved', twin: 0 },
      { a: 2, b: 12, mark: 'result' },
      { b: 13, mark: 'onlyB' },
    ]);
  });
});

describe('the text form (embed parameter compare=)', () => {
  it('reads and writes each kind', () => {
    for (const text of ['framework/disk', 'callback/disk/EvtDeviceQueryRemove/fail', 'callback/disk/bus/EvtDeviceD0Exit/hang', 'client/explorer/onQueryRemove/veto', 'client/dock/onProfileQuery/veto', 'openHandles/disk/1', 'removal/3']) {
      const r = parseComparisonText(text);
      expect(r.ok && comparisonText(r.comparison), text).toBe(text);
    }
  });

  it('says what is wrong in one line', () => {
    expect(parseComparisonText('frame/disk')).toEqual({ ok: false, message: 'got "frame/disk"; expected framework/DEVICE, callback/DEVICE[/LAYER]/CALLBACK/BEHAVIOUR, client/CLIENT/onQueryRemove|onProfileQuery/VALUE, openHandles/DEVICE/N or removal/STEP (docs/embedding.md)' });
    expect(parseComparisonText('callback/disk/EvtDeviceQueryRemove/explode')).toEqual({ ok: false, message: 'behaviour: got "explode"; expected one of: succeed, fail, absent, hang, failOnFirstStart, failOnRestart, failOnWake (docs/embedding.md)' });
    expect(parseComparisonText('client/x/onQueryRemove/maybe')).toMatchObject({ ok: false, message: expect.stringContaining('onQueryRemove: got "maybe"; expected one of: close, veto, keepOpen') });
  });

  it('checks the fields as compareSchema does (the text form is read at start, without zod)', () => {
    // the text form as it was with zod: the candidate's fields checked by compareSchema, the first issue worded
    const bySchema = (text: string) => {
      const parts = text.trim().split('/');
      const bad = { ok: false as const, message: `got ${showValue(text)}; expected ${COMPARE_TEXT_FORMS} (docs/embedding.md)` };
      let candidate: Record<string, unknown> | undefined;
      switch (parts[0]) {
        case 'framework': if (parts.length === 2) candidate = { change: 'framework', device: parts[1] }; break;
        case 'callback':
          if (parts.length === 4) candidate = { change: 'callback', device: parts[1], callback: parts[2], behaviour: parts[3] };
          if (parts.length === 5) candidate = { change: 'callback', device: parts[1], layer: parts[2], callback: parts[3], behaviour: parts[4] };
          break;
        case 'client': if (parts.length === 4 && (parts[2] === 'onQueryRemove' || parts[2] === 'onProfileQuery')) candidate = { change: 'client', client: parts[1], [parts[2]]: parts[3] }; break;
        case 'openHandles': if (parts.length === 3 && /^\d{1,2}$/.test(parts[2])) candidate = { change: 'openHandles', device: parts[1], openHandles: Number(parts[2]) }; break;
        case 'removal': if (parts.length === 2 && /^\d{1,6}$/.test(parts[1])) candidate = { change: 'removal', step: Number(parts[1]) }; break;
      }
      if (candidate === undefined) return bad;
      const r = compareSchema.safeParse(candidate);
      if (!r.success) {
        const issue = r.error.issues[0];
        const field = String(issue.path[0] ?? 'change');
        const choices = 'values' in issue && Array.isArray(issue.values) ? `; expected one of: ${issue.values.join(', ')}` : `; expected ${COMPARE_TEXT_FORMS}`;
        return { ok: false, message: `${field}: got ${showValue(candidate[field])}${choices} (docs/embedding.md)` };
      }
      return { ok: true, comparison: r.data };
    };
    const part = fc.oneof(
      fc.constantFrom('disk', 'scanner', 'x', 'a'.repeat(64), 'a'.repeat(65), 'EvtDeviceQueryRemove', 'c'.repeat(100), 'c'.repeat(101), 'fail', 'hang', 'explode', 'bus', 'function', 'lower-filter', 'upper', 'close', 'veto', 'keepOpen', 'allow', 'maybe', 'onQueryRemove', 'onProfileQuery', '0', '1', '00', '7', '99', '100', '123456', ''),
      fc.string({ maxLength: 5 }),
    );
    const text = fc.tuple(fc.constantFrom('framework', 'callback', 'client', 'openHandles', 'removal', 'frame'), fc.array(part, { minLength: 1, maxLength: 4 })).map(([kind, rest]) => [kind, ...rest].join('/'));
    fc.assert(fc.property(text, (t) => {
      expect(parseComparisonText(t), t).toEqual(bySchema(t));
    }), { seed: 14, numRuns: 3000 });
  });
});

describe('compare in a scenario file', () => {
  const bad = (compare: unknown) => {
    try {
      parseScenario({ ...UNPLUG, compare });
      return 'accepted';
    } catch (e) {
      return (e as Error).message;
    }
  };

  it('is checked like every field: one line, naming the field', () => {
    expect(bad({ change: 'frame', device: 'disk' })).toBe('compare.change: unknown change "frame"; expected one of: framework, callback, client, openHandles, removal');
    expect(bad({ change: 'framework', device: 'dsk' })).toBe('compare.device: unknown device "dsk"; expected one of: disk');
    expect(bad({ change: 'callback', device: 'disk', callback: 'EvtDeviceQueryRemval', behaviour: 'fail' })).toMatch(/^compare\.callback: unknown KMDF callback; did you mean EvtDeviceQueryRemove\?/);
    expect(bad({ change: 'callback', device: 'disk', callback: 'EvtDeviceD0Exit', behaviour: 'fail' })).toMatch(/^compare\.callback: the lab models no failure path for EvtDeviceD0Exit/);
    expect(bad({ change: 'removal', step: 1 })).toBe('compare.step: step 1 is plug disk; expected the number of a safeRemove or unplug step (2)');
    expect(bad({ change: 'removal', step: 9 })).toBe('compare.step: got 9, but the scenario has 2 steps; expected the number of a safeRemove or unplug step (2)');
    expect(bad({ change: 'openHandles', device: 'disk', openHandles: 0 })).toBe('compare.openHandles: "disk" already has 0 open handles; expected another number, so that the two runs differ');
    expect(bad({ change: 'framework', device: 'disk', extra: 1 })).toBe('compare.extra: unknown field; expected only the fields in docs/scenario-format.md');
    expect(bad({ change: 'framework', device: 'disk' })).toBe('accepted');
  });

  it('leaves run A alone: the engine never sees it (the same trace with and without)', () => {
    const with_ = runLab({ ...UNPLUG, compare: { change: 'framework', device: 'disk' } });
    const without = runLab(UNPLUG);
    expect(with_.ok && without.ok && JSON.stringify(with_.run.trace) === JSON.stringify(without.run.trace)).toBe(true);
  });
});
