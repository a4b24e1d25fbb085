import { beforeAll, describe, expect, it, vi } from 'vitest';
import { lessonById } from '../lessons';
import { taskScenario } from '../lessons/check';
import { normalizeScenario } from '../share/permalink';
import { GATE_MESSAGE, lessonSelection, STORAGE_KEY } from './lessonGate';
import { ensureLesson } from './lessonStore';
import { createStores } from './stores';
import { loadScenarioChecks } from '../worker/runScheduler';

// the scenario checks are a chunk of their own in the app, fetched when the lab is reached for; here they are loaded first
beforeAll(() => loadScenarioChecks());

describe('one app root\'s stores', () => {
  it('run nothing at import: the engine runs when a lab store is made, once per store', async () => {
    vi.resetModules();
    const runParsed = vi.fn();
    vi.doMock('../model/runParsed', async (importOriginal) => {
      const real = await importOriginal<typeof import('../model/runParsed')>();
      runParsed.mockImplementation(real.runParsed);
      return { ...real, runParsed };
    });
    try {
      const fresh = await import('./stores');
      await import('./hooks');
      await import('./lessonStore');
      expect(runParsed).not.toHaveBeenCalled();
      fresh.createStores({ lessonStorage: null });
      expect(runParsed).toHaveBeenCalledTimes(1);
    } finally {
      vi.doUnmock('../model/runParsed');
      vi.resetModules();
    }
  });

  it('load the lesson store once, on demand, and it then holds the lab\'s cursor at an unanswered question', async () => {
    const stores = createStores({ lessonStorage: null });
    const { lab, gates, lessons } = stores;
    expect(lessons.loaded.getState().store).toBeUndefined();
    expect(gates.getState().gate).toBeUndefined();
    const [a, b] = await Promise.all([lessons.load(), lessons.load()]);
    expect(a).toBe(b);
    expect(lessons.loaded.getState().store).toBe(a);

    // the first lesson asks a question about its first task's run; the lab stops there
    const lesson = lessonById('a-device-starts')!;
    const question = lesson.questions.find((q) => q.onTask === undefined || q.onTask === lesson.tasks[0].id)!;
    expect(question).toBeDefined();
    // each lesson is a chunk of its own: the store knows it once it is loaded into it
    expect(a.getState().lessons).toEqual([]);
    expect((await ensureLesson(lesson.id, a))?.id).toBe(lesson.id);
    a.getState().openLesson(lesson.id);
    expect(lessonSelection(gates)).toEqual({ lessonId: lesson.id, taskId: lesson.tasks[0].id });
    expect(lab.getState().loadScenario(normalizeScenario(taskScenario(lesson, lesson.tasks[0])), 0)).toBe(true);
    const rev = gates.getState().rev;
    lab.getState().seek(Number.MAX_SAFE_INTEGER);
    const held = lab.getState().position;
    expect(held).toBeLessThan(lab.getState().run.trace.length);
    expect(lab.getState().notice?.message).toBe(GATE_MESSAGE);
    // answering lets it go on, and the gate store says what it depends on changed
    a.getState().answerQuestion(question.id, question.choices[0], lab.getState().run.trace);
    expect(gates.getState().rev).toBeGreaterThan(rev);
    lab.getState().step(1);
    expect(lab.getState().position).toBe(held + 1);
  });

  it('are independent of another root\'s', async () => {
    const one = createStores({ lessonStorage: null });
    const two = createStores({ lessonStorage: null });
    const store = await one.lessons.load();
    await ensureLesson('a-device-starts', store);
    store.getState().openLesson('a-device-starts');
    expect(lessonSelection(one.gates)).toEqual({ lessonId: 'a-device-starts', taskId: 'plug-in' });
    expect(lessonSelection(two.gates)).toEqual({});
    one.ui.getState().setLessonsOpen(true);
    expect(two.ui.getState().lessonsOpen).toBe(false);
  });

  it('load the lessons the saved progress names before the lesson store resolves, and read the progress against them', async () => {
    const data = new Map<string, string>();
    const storage = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) };
    const saved = JSON.stringify({ format: 'pnp-lab-lesson-progress', version: 1, lesson: 'wia-disconnect', task: 'pull-mid-scan', lessons: { 'wia-disconnect': { task: 'pull-mid-scan', tasks: { 'pull-idle': { hintsShown: 1, solutionRevealed: false, done: true } }, revealed: [], answers: {}, completed: false } } });
    data.set(STORAGE_KEY, saved);
    const stores = createStores({ lessonStorage: storage });
    const store = await stores.lessons.load();
    expect(store.getState().lessons.map((l) => l.id)).toEqual(['wia-disconnect']);
    expect(store.getState()).toMatchObject({ lessonId: 'wia-disconnect', taskId: 'pull-mid-scan', notice: undefined });
    expect(store.getState().progress['wia-disconnect'].tasks['pull-idle'].done).toBe(true);
    expect(lessonSelection(stores.gates)).toEqual({ lessonId: 'wia-disconnect', taskId: 'pull-mid-scan' });
    expect(data.get(STORAGE_KEY)).toBe(saved); // read, not written over
  });

  it('keep a comparison only while it applies: the keeper is fetched when the lab first has one, and then ends one an edit left meaningless', async () => {
    const { lab } = createStores({ lessonStorage: null });
    const { setComparison } = await import('./compareStore');
    expect(setComparison(lab, { change: 'framework', device: 'disk' })).toBeUndefined();
    expect(lab.getState().scenario.compare).toEqual({ change: 'framework', device: 'disk' });
    // the keeper (store/compareStore.ts, a chunk of its own in the app) is connected once the lab has a comparison
    await new Promise((done) => setTimeout(done, 0));
    lab.getState().removeDevice('hub');
    expect(lab.getState().scenario.devices.map((d) => d.id)).not.toContain('hub');
    expect(lab.getState().scenario.compare).toBeDefined();
    lab.getState().removeDevice('disk');
    expect(lab.getState().scenario.compare).toBeUndefined();
    expect(lab.getState().notice).toMatchObject({ kind: 'info', scope: 'compare', message: expect.stringMatching(/^The comparison \(framework\/disk\) no longer applies and was ended: compare\.device: unknown device "disk"/) });
  });

  it('check a comparison the lab starts with when the keeper connects', async () => {
    const { lab } = createStores({ lessonStorage: null, scenario: { seed: 1, devices: [{ id: 'disk', model: 'usb-disk' }], steps: [], compare: { change: 'framework', device: 'nic' } } });
    await vi.waitFor(() => expect(lab.getState().scenario.compare).toBeUndefined());
    expect(lab.getState().notice?.message).toMatch(/^The comparison \(framework\/nic\) no longer applies/);
  });
});
