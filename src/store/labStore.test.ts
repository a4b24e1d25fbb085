import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { toJsonLines, type TraceEvent } from '../engine/trace';
import { createLabStore, type LabStore } from './labStore';
import { insertStepAtCursor } from '../model/scenarioEdit';
import { runLab } from '../model/runLab';
import { loadScenarioChecks } from '../worker/runScheduler';

/** A fresh lab store for each test (beforeEach). */
let store: LabStore;
const lab = () => store.getState();
/** What playback does: move the cursor to the end of the trace. */
const playToEnd = () => lab().seek(lab().run.trace.length);
/**
 * The trace as a player shows it at the cursor: an event whose result is known only later (its `end`,
 * docs/trace-format.md) shows none while cursor < end, the rule of isPendingAt in src/model/traceRules.ts.
 */
const visibleAt = (trace: readonly TraceEvent[], cursor: number) =>
  toJsonLines(trace.slice(0, cursor).map((e) => (e.end !== undefined && cursor < e.end ? { ...e, result: undefined, end: undefined } : e)));

// the scenario checks are a chunk of their own in the app, fetched when the lab is reached for; here they are loaded first
// (the last test below sees a run that comes before them)
beforeAll(() => loadScenarioChecks());

beforeEach(() => {
  store = createLabStore({ scenario: { seed: 1, devices: [{ id: 'scanner', model: 'usb-scanner' }, { id: 'disk', model: 'usb-disk' }], steps: [] } });
});

describe('the lab store', () => {
  it('acting at the end puts the cursor on the user\'s own action, so a quick second action comes after it', () => {
    lab().seek(lab().run.trace.length);
    lab().act({ action: 'plug', device: 'scanner', port: 'usb-root-hub:1' });
    expect(lab().run.trace[lab().position - 1]).toMatchObject({ kind: 'user', name: 'plug' });
    lab().act({ action: 'plug', device: 'disk', port: 'usb-root-hub:2' });
    expect(lab().scenario.steps.map((s) => ('device' in s ? s.device : undefined))).toEqual(['scanner', 'disk']);
  });

  it('Jump to end while playing stops playback at once: Home then leaves it stopped, and Play starts it again', () => {
    expect(lab().act({ action: 'plug', device: 'scanner', port: 'usb-root-hub:1' })).toBe(true);
    lab().pause(); // the lab plays from the plug; a lecturer stops it and starts over
    lab().seek(0);
    lab().togglePlay();
    expect(lab().playing).toBe(true);
    lab().seek(10);
    expect(lab().playing).toBe(true); // a seek elsewhere keeps playing
    lab().seek(lab().run.trace.length);
    expect(lab().playing).toBe(false);
    lab().seek(0);
    expect(lab().playing).toBe(false);
    lab().togglePlay();
    expect(lab().playing).toBe(true);
    expect(lab().position).toBe(0);
  });

  it('a user action appends a step and re-runs; moving the cursor never re-runs', () => {
    expect(lab().act({ action: 'plug', device: 'scanner', port: 'usb-root-hub:1' })).toBe(true);
    const run = lab().run;
    expect(run.trace.some((e) => e.name === 'IRP_MN_START_DEVICE')).toBe(true);
    lab().seek(10);
    lab().step(-3);
    lab().seek(run.trace.length);
    expect(lab().run).toBe(run);
    expect(lab().position).toBe(run.trace.length);
  });

  it('acting with the cursor mid-way lands the step at the cursor time, keeps the cursor and the trace before it', () => {
    lab().act({ action: 'plug', device: 'scanner', port: 'usb-root-hub:1' });
    const before = lab().run.trace;
    const cursor = before.findIndex((e) => e.name === 'EvtDevicePrepareHardware') + 1;
    lab().seek(cursor);
    expect(lab().act({ action: 'unplug', device: 'scanner' })).toBe(true);
    const { run, position, scenario } = lab();
    expect(position).toBe(cursor);
    expect(scenario.steps[1]).toMatchObject({ action: 'unplug', after: before[cursor - 1].t - before[run.stepEvents[0]].t });
    expect(visibleAt(run.trace, cursor)).toBe(visibleAt(before, cursor));
    // the cable went out mid-start: the bus driver's hardware callbacks now fail
    expect(run.trace.slice(cursor).some((e) => e.result === 'STATUS_NO_SUCH_DEVICE')).toBe(true);
  });

  it('acting before later steps replaces them, and Undo brings them back', () => {
    lab().act({ action: 'plug', device: 'scanner', port: 'usb-root-hub:1' });
    playToEnd();
    lab().act({ action: 'safeRemove', device: 'scanner' });
    const two = lab().scenario;
    lab().seek(lab().run.stepEvents[1]);
    lab().act({ action: 'unplug', device: 'scanner' });
    expect(lab().scenario.steps.map((s) => s.action)).toEqual(['plug', 'unplug']);
    expect(lab().notice?.message).toMatch(/1 later step was replaced/);
    lab().undo();
    expect(lab().scenario).toEqual(two);
  });

  it('Redo takes back what Undo took back, cursor and all, and a new action forgets it', () => {
    lab().act({ action: 'plug', device: 'scanner', port: 'usb-root-hub:1' });
    playToEnd();
    lab().act({ action: 'plug', device: 'disk', port: 'usb-root-hub:2' });
    const two = lab().scenario;
    const twoAt = lab().position;
    expect(lab().redoStack).toEqual([]);
    lab().undo();
    lab().undo();
    expect(lab().scenario.steps).toEqual([]);
    lab().redo();
    expect(lab().scenario.steps.map((st) => st.action)).toEqual(['plug']);
    expect(lab().notice?.message).toBe('Redone.');
    lab().redo();
    expect(lab().scenario).toBe(two);
    expect(lab().position).toBe(twoAt);
    expect(lab().run.trace.some((e) => e.device === 'disk' && e.name === 'IRP_MN_START_DEVICE')).toBe(true);
    lab().redo(); // nothing left to redo: no change
    expect(lab().scenario).toBe(two);
    lab().undo();
    expect(lab().redoStack).toHaveLength(1);
    lab().act({ action: 'safeRemove', device: 'scanner' });
    expect(lab().redoStack).toEqual([]);
    lab().redo();
    expect(lab().scenario.steps.map((st) => st.action)).toEqual(['plug', 'safeRemove']);
  });

  it('each store is its own lab: a change in one is not seen in another', () => {
    const other = createLabStore();
    lab().act({ action: 'plug', device: 'scanner', port: 'usb-root-hub:1' });
    expect(other.getState().scenario.steps).toEqual([]);
    expect(other.getState().scenario.devices.map((d) => d.id)).toEqual(['scanner', 'disk', 'hub', 'nic']);
    expect(other.getState().undoStack).toEqual([]);
  });

  it('an impossible action adds no step, loses nothing and says why', () => {
    lab().act({ action: 'plug', device: 'scanner', port: 'usb-root-hub:1' });
    playToEnd();
    const { scenario, run } = lab();
    expect(lab().act({ action: 'plug', device: 'disk', port: 'usb-root-hub:1' }, 'disk')).toBe(false);
    expect(lab().scenario).toBe(scenario);
    expect(lab().run).toBe(run);
    expect(lab().notice).toMatchObject({ kind: 'error', scope: 'disk' });
    expect(lab().notice?.message).toMatch(/taken by "scanner"/);
  });

  it('a setting that makes a later step impossible keeps the steps before it and says which step and why', () => {
    lab().act({ action: 'plug', device: 'scanner', port: 'usb-root-hub:1' });
    playToEnd();
    lab().act({ action: 'safeRemove', device: 'scanner' });
    lab().updateDevice('scanner', (d) => ({ ...d, capabilities: { SurpriseRemovalOK: true } }));
    expect(lab().scenario.steps.map((s) => s.action)).toEqual(['plug']);
    expect(lab().scenario.devices[0].capabilities).toEqual({ SurpriseRemovalOK: true });
    expect(lab().notice?.message).toMatch(/step 2 \(safeRemove scanner\) is no longer possible/);
  });

  it('a setting change re-runs the same steps with the new setting', () => {
    lab().act({ action: 'plug', device: 'scanner', port: 'usb-root-hub:1' });
    lab().updateDevice('scanner', (d) => ({ ...d, callbacks: { EvtDevicePrepareHardware: 'fail' } }));
    expect(lab().scenario.steps).toHaveLength(1);
    expect(lab().run.trace.some((e) => e.name === 'EvtDevicePrepareHardware' && e.result === 'STATUS_UNSUCCESSFUL')).toBe(true);
  });
});

describe('insertStepAtCursor', () => {
  it('appends without `after` when the cursor is at the end', () => {
    const s = { seed: 1, devices: [{ id: 'scanner', model: 'usb-scanner' }], steps: [{ action: 'plug', device: 'scanner' }] } as Parameters<typeof insertStepAtCursor>[0];
    const out = runLab(s);
    if (!out.ok) throw out.error;
    const r = insertStepAtCursor(s, out.run, out.run.trace.length, { action: 'unplug', device: 'scanner' });
    expect(r.scenario.steps[1]).toEqual({ action: 'unplug', device: 'scanner' });
    expect(r.replaced).toBe(0);
  });
});

describe('notification clients in the scenario', () => {
  it('adding a client re-runs the same steps with it; a cursor at the end stays at the end', () => {
    lab().act({ action: 'plug', device: 'disk', port: 'usb-root-hub:1' });
    playToEnd();
    const steps = lab().scenario.steps;
    expect(lab().addClient({ id: 'backup', mode: 'kernel', category: 'TargetDeviceChange', target: 'disk' })).toBe(true);
    expect(lab().scenario.steps).toBe(steps);
    expect(lab().position).toBe(lab().run.trace.length);
    expect(lab().run.trace.some((e) => e.client === 'backup' && e.name === 'ZwCreateFile')).toBe(true);
  });

  it('changing a client so that a later step is impossible keeps the steps before it and says why', () => {
    lab().addClient({ id: 'late', mode: 'user', category: 'TargetDeviceChange', registered: false });
    lab().act({ action: 'plug', device: 'disk', port: 'usb-root-hub:1' });
    playToEnd();
    lab().act({ action: 'openHandle', client: 'late', device: 'disk' }, 'clients');
    playToEnd();
    lab().act({ action: 'register', client: 'late' }, 'clients');
    expect(lab().updateClient('late', (c) => ({ ...c, mode: 'kernel', category: 'DeviceInterfaceChange', interfaceClass: 'GUID_DEVINTERFACE_DISK', registered: true }))).toBe(true);
    expect(lab().scenario.steps.map((s) => s.action)).toEqual(['plug', 'openHandle']);
    expect(lab().notice).toMatchObject({ kind: 'info', scope: 'clients' });
    expect(lab().notice?.message).toMatch(/step 3 \(register late\) is no longer possible/);
  });

  it('a client used by a step cannot be removed; an unused one can', () => {
    lab().addClient({ id: 'late', mode: 'user', category: 'TargetDeviceChange', registered: false });
    lab().addClient({ id: 'idle', mode: 'user', category: 'HardwareProfileChange' });
    lab().act({ action: 'plug', device: 'disk', port: 'usb-root-hub:1' });
    playToEnd();
    lab().act({ action: 'openHandle', client: 'late', device: 'disk' }, 'clients');
    lab().removeClient('late');
    expect(lab().notice).toMatchObject({ kind: 'error', scope: 'clients' });
    expect(lab().scenario.clients?.map((c) => c.id)).toEqual(['late', 'idle']);
    lab().removeClient('idle');
    expect(lab().scenario.clients?.map((c) => c.id)).toEqual(['late']);
  });

  it('a read-only lab refuses every edit with a notice, and still loads, plays and steps', () => {
    lab().setReadonly(true);
    try {
      const run = lab().run;
      expect(lab().act({ action: 'plug', device: 'scanner', port: 'usb-root-hub:1' })).toBe(false);
      expect(lab().addDevice('usb-webcam')).toBeUndefined();
      lab().updateDevice('disk', (d) => ({ ...d, openHandles: 3 }));
      lab().undo();
      lab().redo();
      expect(lab().addClient({ id: 'c', mode: 'user', category: 'TargetDeviceChange', target: 'disk' })).toBe(false);
      expect(lab().run).toBe(run);
      expect(lab().scenario.devices.map((d) => d.id)).toEqual(['scanner', 'disk']);
      expect(lab().notice?.message).toMatch(/read-only/);
      expect(lab().loadScenario({ seed: 1, devices: [{ id: 'cam', model: 'usb-webcam' }], steps: [{ action: 'plug', device: 'cam' }] })).toBe(true);
      lab().seek(0);
      lab().step(2);
      expect(lab().position).toBe(2);
    } finally {
      lab().setReadonly(false);
    }
  });
});

describe('the scenario checks, a chunk of their own', () => {
  it('the first run (the lab\'s own scenario) needs none; an edit asked for before they have come waits for them and then lands', async () => {
    vi.resetModules();
    const fresh = await import('./labStore');
    const scheduler = await import('../worker/runScheduler');
    const s = fresh.createLabStore();
    const first = s.getState().run;
    expect(first.trace.length).toBeGreaterThan(0);
    s.getState().seek(first.trace.length);
    // under way, not in place yet
    expect(s.getState().act({ action: 'plug', device: 'disk', port: 'usb-root-hub:1' })).toBe(true);
    expect(s.getState().run).toBe(first);
    await scheduler.loadScenarioChecks();
    await scheduler.runSettled();
    expect(s.getState().run).not.toBe(first);
    expect(s.getState().scenario.steps).toEqual([{ action: 'plug', device: 'disk', port: 'usb-root-hub:1' }]);
    expect(s.getState().run.trace.some((e) => e.kind === 'user' && e.name === 'plug')).toBe(true);
    // and from then on an edit lands at once
    expect(s.getState().act({ action: 'plug', device: 'scanner', port: 'usb-root-hub:2' })).toBe(true);
    expect(s.getState().scenario.steps).toHaveLength(2);
    vi.resetModules();
  });
});
