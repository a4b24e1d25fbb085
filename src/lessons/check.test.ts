/** The goal and match language of lessons (src/lessons/check.ts), on small hand-made traces. */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../engine/trace';
import { applySettings, describeGoal, deviceStateIn, evaluateGoal, evaluateQuestion, findEvents, matchEvent, seqLookup } from './check';
import { runInput } from './solve';
import type { Question } from './types';

let seq = 0;
const ev = (e: Omit<TraceEvent, 'seq' | 't'>): TraceEvent => ({ seq: ++seq, t: seq, ...e });

function trace(): TraceEvent[] {
  seq = 0;
  return [
    ev({ kind: 'user', name: 'safeRemove', device: 'disk' }),
    ev({ kind: 'irp', name: 'IRP_MN_QUERY_REMOVE_DEVICE', device: 'disk', layer: 'function', result: 'STATUS_UNSUCCESSFUL', cause: 1 }),
    ev({ kind: 'callback', name: 'EvtDeviceQueryRemove', device: 'disk', layer: 'function', result: 'STATUS_UNSUCCESSFUL', cause: 1 }),
    ev({ kind: 'irp', name: 'IRP_MN_CANCEL_REMOVE_DEVICE', device: 'disk', layer: 'bus', result: 'STATUS_SUCCESS', cause: 1 }),
    ev({ kind: 'state', name: 'PNP_VetoDevice', device: 'disk', args: { Operation: 'QueryRemove' }, cause: 1 }),
    ev({ kind: 'user', name: 'unplug', device: 'disk' }),
    ev({ kind: 'state', name: 'SurpriseRemoved', device: 'disk', args: { From: 'Started' }, cause: 6 }),
    ev({ kind: 'wia', name: 'MiniDrvCallback', args: { lPercentComplete: 30 }, result: 'S_FALSE', cause: 6 }),
  ];
}

describe('matches', () => {
  it('every field given must hold; a list means any of its values; args compare as strings', () => {
    const t = trace();
    expect(findEvents(t, { kind: 'irp' }).map((e) => e.seq)).toEqual([2, 4]);
    expect(findEvents(t, { kind: 'irp', layer: 'bus' }).map((e) => e.seq)).toEqual([4]);
    expect(findEvents(t, { name: ['PNP_VetoDevice', 'PNP_VetoOutstandingOpen'] }).map((e) => e.seq)).toEqual([5]);
    expect(findEvents(t, { args: { lPercentComplete: 30 } }).map((e) => e.seq)).toEqual([8]);
    expect(findEvents(t, { args: { lPercentComplete: '30' } }).map((e) => e.seq)).toEqual([8]);
    expect(findEvents(t, { args: { Missing: 'x' } })).toEqual([]);
    expect(findEvents(t, { kind: 'irp', result: 'STATUS_PENDING' })).toEqual([]);
  });

  it('`cause` names the action of the user event the event belongs to', () => {
    const t = trace();
    expect(findEvents(t, { kind: 'state', cause: 'unplug' }).map((e) => e.name)).toEqual(['SurpriseRemoved']);
    expect(findEvents(t, { cause: ['safeRemove'] }).length).toBe(4);
    // user events have no cause, so they never match one
    expect(matchEvent({ cause: 'safeRemove' }, t[0], seqLookup(t))).toBe(false);
    // a sliced trace still finds its causes by seq
    const sliced = t.slice(5);
    expect(findEvents(sliced, { cause: 'unplug' }).length).toBe(2);
  });
});

describe('goals', () => {
  it('event / absent', () => {
    const t = trace();
    expect(evaluateGoal({ kind: 'event', match: { name: 'PNP_VetoDevice' } }, t)).toMatchObject({ ok: true, evidence: [5] });
    const absent = evaluateGoal({ kind: 'absent', match: { kind: 'callback', name: 'EvtDeviceQueryRemove' } }, t);
    expect(absent).toMatchObject({ ok: false, evidence: [3] });
    expect(absent.why).toContain('seq 3');
  });

  it('sequence: in order, others may come between; says which step is missing', () => {
    const t = trace();
    expect(evaluateGoal({ kind: 'sequence', matches: [{ name: 'IRP_MN_QUERY_REMOVE_DEVICE' }, { name: 'PNP_VetoDevice' }, { name: 'SurpriseRemoved' }] }, t)).toMatchObject({ ok: true, evidence: [2, 5, 7] });
    const wrongOrder = evaluateGoal({ kind: 'sequence', matches: [{ name: 'PNP_VetoDevice' }, { name: 'IRP_MN_CANCEL_REMOVE_DEVICE' }] }, t);
    expect(wrongOrder.ok).toBe(false);
    expect(wrongOrder.why).toMatch(/^step 2 of 2 missing: no event IRP_MN_CANCEL_REMOVE_DEVICE after seq 5/);
  });

  it('count', () => {
    const t = trace();
    expect(evaluateGoal({ kind: 'count', match: { kind: 'irp' }, min: 2, max: 2 }, t).ok).toBe(true);
    expect(evaluateGoal({ kind: 'count', match: { kind: 'irp' }, max: 1 }, t).ok).toBe(false);
    expect(evaluateGoal({ kind: 'count', match: { kind: 'irp' }, min: 3 }, t).ok).toBe(false);
  });

  it('deviceState: the last state event that is not a veto; PhysicallyAbsent if none', () => {
    const t = trace();
    expect(deviceStateIn(t, 'disk')).toMatchObject({ state: 'SurpriseRemoved', problem: undefined });
    expect(deviceStateIn(t.slice(0, 5), 'disk').state).toBe('PhysicallyAbsent');
    expect(evaluateGoal({ kind: 'deviceState', device: 'disk', state: ['Started', 'SurpriseRemoved'], problem: null }, t).ok).toBe(true);
    expect(evaluateGoal({ kind: 'deviceState', device: 'disk', problem: 'CM_PROB_FAILED_START' }, t).ok).toBe(false);
  });

  it('all / any, with the failing parts explained', () => {
    const t = trace();
    const yes = { kind: 'event', match: { name: 'PNP_VetoDevice' } } as const;
    const no = { kind: 'event', match: { name: 'IRP_MN_REMOVE_DEVICE' } } as const;
    const all = evaluateGoal({ kind: 'all', goals: [yes, no] }, t);
    expect(all.ok).toBe(false);
    expect(all.parts!.map((p) => p.ok)).toEqual([true, false]);
    expect(all.why).toContain('IRP_MN_REMOVE_DEVICE');
    expect(evaluateGoal({ kind: 'any', goals: [yes, no] }, t).ok).toBe(true);
    expect(evaluateGoal({ kind: 'any', goals: [no] }, t).ok).toBe(false);
  });

  it('describes itself in words', () => {
    expect(describeGoal({ kind: 'all', goals: [
      { kind: 'event', match: { kind: 'state', name: ['PNP_VetoDevice', 'PNP_VetoOutstandingOpen'], device: 'disk', args: { Operation: 'QueryRemove' } } },
      { kind: 'absent', match: { kind: 'callback', name: 'EvtDeviceQueryRemove', device: 'disk', layer: 'function' } },
    ] })).toBe('all of: a state PNP_VetoDevice or PNP_VetoOutstandingOpen on disk with Operation=QueryRemove AND no callback EvtDeviceQueryRemove on disk (function)');
  });
});

describe('questions', () => {
  const q: Question = {
    id: 'q', after: { kind: 'irp' }, occurrence: 1, next: { kind: 'irp' }, field: 'layer',
    prompt: 'Which layer next?', choices: ['bus', 'function'], answer: 'bus', explanation: '', page: 'kernel/starting-a-device.md',
  };

  it('the answer is the field of the next matching event after the occurrence-th `after` event', () => {
    const t = trace();
    expect(evaluateQuestion(q, t)).toMatchObject({ correct: true, actual: 'bus', asked: { seq: 2 }, next: { seq: 4 } });
    expect(evaluateQuestion(q, t, 'function').correct).toBe(false);
    expect(evaluateQuestion({ ...q, field: 'args.Operation', next: { kind: 'state' } }, t).actual).toBe('QueryRemove');
  });

  it('is not answered when the trace lacks the events', () => {
    const t = trace();
    expect(evaluateQuestion({ ...q, occurrence: 2 }, t)).toMatchObject({ correct: false, asked: { seq: 4 }, next: undefined });
    expect(evaluateQuestion({ ...q, occurrence: 3 }, t)).toMatchObject({ correct: false, asked: undefined });
  });
});

describe('settings and runs', () => {
  const base = { devices: [{ id: 'disk', model: 'usb-disk', callbacks: { EvtDeviceQueryRemove: 'absent' as const } }], clients: [{ id: 'app', mode: 'user' as const, category: 'TargetDeviceChange' as const, target: 'disk' }], steps: [{ action: 'plug' as const, device: 'disk' }] };

  it('merges device settings key by key, patches or adds clients, and leaves the original alone', () => {
    const s = applySettings(base, {
      seed: 9,
      devices: { disk: { callbacks: { EvtDeviceQueryStop: 'fail' }, capabilities: { NotDisableable: true }, openHandles: 2 } },
      clients: { app: { onQueryRemove: 'veto' }, volmgr: { mode: 'kernel', category: 'DeviceInterfaceChange', interfaceClass: 'GUID_DEVINTERFACE_VOLUME' } },
    });
    expect(s.seed).toBe(9);
    expect(s.devices![0]).toMatchObject({ callbacks: { EvtDeviceQueryRemove: 'absent', EvtDeviceQueryStop: 'fail' }, capabilities: { NotDisableable: true }, openHandles: 2 });
    expect(s.clients!.map((c) => `${c.id}:${c.onQueryRemove ?? '-'}`)).toEqual(['app:veto', 'volmgr:-']);
    expect(base.devices[0].callbacks).toEqual({ EvtDeviceQueryRemove: 'absent' });
    expect(base.clients).toHaveLength(1);
    expect(() => applySettings(base, { devices: { nic: { openHandles: 1 } } })).toThrow('settings.devices.nic');
  });

  it('a scenario or step the lab refuses is a failed run, not a throw', () => {
    const bad = runInput({ ...base, steps: [{ action: 'safeRemove', device: 'disk' }] });
    expect(bad).toMatchObject({ ok: false, path: 'steps[0].device' });
    expect(runInput(base).ok).toBe(true);
  });
});
