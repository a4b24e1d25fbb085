import { describe, expect, it, vi } from 'vitest';
import { lessonById } from '../lessons';
import { taskScenario } from '../lessons/check';
import { normalizeScenario } from '../share/permalink';
import { GATE_MESSAGE, lessonSelection } from './lessonGate';
import { createStores } from './stores';

describe('one app root\'s stores', () => {
  it('run nothing at import: the engine runs when a lab store is made, once per store', async () => {
    vi.resetModules();
    const runLab = vi.fn();
    vi.doMock('../model/runLab', async (importOriginal) => {
      const real = await importOriginal<typeof import('../model/runLab')>();
      runLab.mockImplementation(real.runLab);
      return { ...real, runLab };
    });
    try {
      const fresh = await import('./stores');
      await import('./hooks');
      await import('./lessonStore');
      expect(runLab).not.toHaveBeenCalled();
      fresh.createStores({ lessonStorage: null });
      expect(runLab).toHaveBeenCalledTimes(1);
    } finally {
      vi.doUnmock('../model/runLab');
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
    (await one.lessons.load()).getState().openLesson('a-device-starts');
    expect(lessonSelection(two.gates)).toEqual({});
    one.ui.getState().setLessonsOpen(true);
    expect(two.ui.getState().lessonsOpen).toBe(false);
  });
});
