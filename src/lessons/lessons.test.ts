/**
 * Every lesson, run headlessly (the learnGitBranching idea: one test runs every lesson's solution).
 * For each lesson: it is well formed, its scenario parses and runs, every task's solution reaches its
 * goal while the prepared scenario alone does not (and, where the solution changes settings, its steps
 * alone do not either), and every question's answer is what the engine's trace shows next.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse';
import { checkPreparedAgainst, checkQuestion, checkTask, evaluateGoal, runInput, taskScenario } from './check';
import { LESSONS } from './index';
import type { Solution } from './types';

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** a page of MicrosoftDocs/windows-driver-docs (windows-driver-docs-pr/<area>/<page>.md) */
const DOC_PATH = /^(wdf|kernel|image|install|stream|usbcon)\/[a-z0-9-]+\.md$/;
const FIDELITY = readFileSync(new URL('../../docs/fidelity.md', import.meta.url), 'utf8');
const LESSONS_DOC = readFileSync(new URL('../../docs/lessons.md', import.meta.url), 'utf8');
const LESSONS_DIR = new URL('./', import.meta.url);

/** The pages the lab is built to teach; each needs at least one lesson. */
const REQUIRED_SOURCES = [
  'wdf/a-user-plugs-in-a-device.md',
  'kernel/adding-a-pnp-device-to-a-running-system.md',
  'wdf/handling-requests-to-stop-a-device.md',
  'wdf/a-user-unplugs-a-device-umdf.md',
  'wdf/a-user-unplugs-a-device.md',
  'kernel/pnp-notification-overview.md',
  'image/canceling-a-data-transfer.md',
  'image/how-the-wia-minidriver-receives-a-disconnect-event-from-the-wia-servic.md',
];

/** Attempts that look close but must not count: each pins down what a goal demands. */
const NEAR_MISSES: { lesson: string; task: string; why: string; attempt: Solution }[] = [
  {
    lesson: 'asking-before-stopping', task: 'refuse-removal-without-callback', why: 'a failing EvtDeviceQueryRemove is the callback the task rules out',
    attempt: { settings: { devices: { disk: { callbacks: { EvtDeviceQueryRemove: 'fail' } } } }, steps: [{ action: 'safeRemove', device: 'disk' }] },
  },
  {
    lesson: 'asking-before-stopping', task: 'not-disableable', why: 'a vetoed Safely Remove is not a refused disable',
    attempt: { settings: { devices: { disk: { staticStopRemove: true } } }, steps: [{ action: 'safeRemove', device: 'disk' }] },
  },
  {
    lesson: 'a-user-unplugs-a-device', task: 'surprise-with-open-handle', why: 'closing the handle lets IRP_MN_REMOVE_DEVICE through',
    attempt: { settings: { devices: { disk: { openHandles: 1 } } }, steps: [{ action: 'unplug', device: 'disk' }, { action: 'closeHandles', device: 'disk' }] },
  },
  {
    lesson: 'pnp-notifications', task: 'client-veto', why: 'a client that keeps its handle open vetoes only after the IRPs went out',
    attempt: { settings: { clients: { backup: { onQueryRemove: 'keepOpen' } } }, steps: [{ action: 'safeRemove', device: 'disk' }] },
  },
  {
    lesson: 'pnp-notifications', task: 'custom-event', why: 'a system GUID is refused with STATUS_INVALID_DEVICE_REQUEST',
    attempt: { steps: [{ action: 'customEvent', device: 'disk', guid: 'GUID_TARGET_DEVICE_QUERY_REMOVE' }] },
  },
  {
    lesson: 'canceling-a-wia-transfer', task: 'application-cancels', why: 'IWiaItemExtras::CancelPendingIO is not the application answering S_FALSE',
    attempt: { steps: [{ action: 'scan', device: 'scanner' }, { action: 'asyncCancel', device: 'scanner', after: 300 }] },
  },
  {
    lesson: 'wia-disconnect', task: 'shutdown', why: 'pulling the cable is not a shutdown: the driver gets the disconnect event',
    attempt: { steps: [{ action: 'unplug', device: 'scanner' }] },
  },
];

describe('the lesson list', () => {
  it('has unique lesson ids', () => {
    const ids = LESSONS.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has a lesson for every source document', () => {
    const taught = new Set(LESSONS.flatMap((l) => l.source));
    expect(REQUIRED_SOURCES.filter((s) => !taught.has(s))).toEqual([]);
  });

  it('is listed in docs/lessons.md, lesson by lesson', () => {
    for (const l of LESSONS) {
      const row = LESSONS_DOC.split('\n').find((line) => line.startsWith(`| \`${l.id}\` |`));
      expect(row, `docs/lessons.md has no row for ${l.id}`).toBeDefined();
      for (const id of [...l.tasks.map((t) => t.id), ...l.questions.map((q) => q.id)]) expect(row).toContain(`\`${id}\``);
    }
  });

  it('lists every lesson file in src/lessons/', () => {
    const files = readdirSync(LESSONS_DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !['types.ts', 'check.ts', 'index.ts', 'catalog.ts'].includes(f));
    expect(files.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual(LESSONS.map((l) => l.id).sort());
  });
});

describe.each(LESSONS.map((l) => [l.id, l] as const))('lesson %s', (_id, lesson) => {
  it('is well formed', () => {
    expect(lesson.id).toMatch(KEBAB);
    expect(existsSync(new URL(`${lesson.id}.ts`, LESSONS_DIR))).toBe(true);
    expect(lesson.title.trim()).not.toBe('');
    expect(lesson.intro.length).toBeGreaterThanOrEqual(1);
    expect(lesson.intro.length).toBeLessThanOrEqual(6);
    for (const p of lesson.intro) expect(p.trim()).not.toBe('');
    expect(lesson.tasks.length).toBeGreaterThanOrEqual(2);
    expect(lesson.tasks.length).toBeLessThanOrEqual(4);
    expect(lesson.questions.length).toBeGreaterThanOrEqual(1);
    expect(lesson.questions.length).toBeLessThanOrEqual(3);
    const taskIds = lesson.tasks.map((t) => t.id);
    const questionIds = lesson.questions.map((q) => q.id);
    expect(new Set(taskIds).size).toBe(taskIds.length);
    expect(new Set(questionIds).size).toBe(questionIds.length);
    for (const id of [...taskIds, ...questionIds]) expect(id).toMatch(KEBAB);
    for (const t of lesson.tasks) {
      expect(t.prompt.trim()).not.toBe('');
      expect(t.goalText.trim()).not.toBe('');
      expect(t.hints.length).toBeGreaterThanOrEqual(1);
    }
  });

  it('teaches Microsoft pages that the engine follows (cited in docs/fidelity.md)', () => {
    expect(lesson.source.length).toBeGreaterThanOrEqual(1);
    for (const s of lesson.source) {
      expect(s).toMatch(DOC_PATH);
      expect(FIDELITY.includes(s), `${s} is not cited in docs/fidelity.md`).toBe(true);
    }
  });

  it('has a prepared scenario that parses and runs', () => {
    expect(() => parseScenario(structuredClone(lesson.scenario))).not.toThrow();
    const run = runInput(lesson.scenario);
    expect(run.ok ? '' : run.error).toBe('');
  });

  describe.each(lesson.tasks.map((t) => [t.id, t] as const))('task %s', (_task, task) => {
    it('is solved by its solution', () => {
      const c = checkTask(lesson, task);
      expect(c.ok, c.message).toBe(true);
    });

    it.each((task.alternatives ?? []).map((a, i) => [i + 1, a] as const))('is also solved by alternative %i', (_i, alternative) => {
      const c = checkTask(lesson, task, alternative);
      expect(c.ok, c.message).toBe(true);
    });

    it('is not already solved by the prepared scenario', () => {
      const c = checkPreparedAgainst(lesson, task);
      expect(c.ok, c.message).toBe(false);
      expect(c.run.ok, c.message).toBe(true);
    });

    if (task.solution.settings) it('needs its settings: the steps alone do not solve it', () => {
      const run = runInput(taskScenario(lesson, task, { steps: task.solution.steps }));
      expect(run.ok && evaluateGoal(task.goal, run.trace).ok).toBe(false);
    });
  });

  describe.each(lesson.questions.map((q) => [q.id, q] as const))('question %s', (_q, q) => {
    it('is answered by the engine\'s own trace, and by no wrong choice', () => {
      expect(q.choices.length).toBeGreaterThanOrEqual(2);
      expect(new Set(q.choices).size).toBe(q.choices.length);
      expect(q.choices).toContain(q.answer);
      if (q.onTask !== undefined) expect(lesson.tasks.map((t) => t.id)).toContain(q.onTask);
      expect(q.prompt.trim()).not.toBe('');
      expect(q.explanation.trim()).not.toBe('');
      const c = checkQuestion(lesson, q);
      expect(c.ok, c.message).toBe(true);
      expect(c.acceptedWrongChoices).toEqual([]);
    });
  });
});

describe.each(NEAR_MISSES.map((m) => [`${m.lesson}/${m.task}`, m] as const))('near miss on %s', (_name, m) => {
  it(`does not count: ${m.why}`, () => {
    const lesson = LESSONS.find((l) => l.id === m.lesson)!;
    const task = lesson.tasks.find((t) => t.id === m.task)!;
    const c = checkTask(lesson, task, m.attempt);
    expect(c.run.ok, c.message).toBe(true);
    expect(c.ok, c.message).toBe(false);
  });
});
