/**
 * Every lesson, run headlessly (the learnGitBranching idea: one test runs every lesson's solution).
 * For each lesson: it is well formed, its scenario parses and runs, every task's solution reaches its
 * goal while the prepared scenario alone does not (and, where the solution changes settings, its steps
 * alone do not either), and every question's answer is what the engine's trace shows next.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse';
import { evaluateGoal, taskScenario } from './check';
import { checkPreparedAgainst, checkQuestion, checkTask, runInput } from './solve';
import { isPrimerId } from '../primer/terms';
import { LESSONS } from './index';
import type { Lesson, Solution } from './types';

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** a page of MicrosoftDocs/windows-driver-docs (windows-driver-docs-pr/<area>/<page>.md) */
const DOC_PATH = /^(wdf|kernel|image|install|stream|usbcon|gettingstarted)\/[a-z0-9-]+\.md$/;
/** a page of MicrosoftDocs/windows-driver-docs-ddi (wdk-ddi-src/content/<header>/<page>.md) */
const DDI_PATH = /^ddi\/[a-z0-9_]+\/[a-z0-9_-]+\.md$/;
/** a source file of the KMDF/UMDF 2 framework (microsoft/Windows-Driver-Frameworks) */
const WDF_SOURCE = /^github:microsoft\/Windows-Driver-Frameworks\/src\/[\w./-]+\.(cpp|hpp|h)$/;
/** a page path written in a lesson's text: every one must be among the lesson's sources */
const CITED_IN_TEXT = /\b(?:ddi\/[a-z0-9_]+\/[a-z0-9_-]+\.md|(?:wdf|kernel|image|install|stream|usbcon|gettingstarted)\/[a-z0-9-]+\.md)\b/g;

/** Where a source is cited in docs/fidelity.md: the path itself, a DDI page without its `ddi/`, a source file by its name. */
function fidelityKey(source: string): string {
  if (source.startsWith('ddi/')) return source.slice('ddi/'.length);
  if (source.startsWith('github:')) return source.slice(source.lastIndexOf('/') + 1);
  return source;
}

/** Every text of a lesson a learner reads: intro, prompts, hints, goal texts, question prompts and explanations. */
function lessonTexts(lesson: Lesson): string[] {
  return [
    lesson.title,
    ...lesson.intro,
    ...lesson.tasks.flatMap((t) => [t.prompt, t.goalText, ...t.hints]),
    ...lesson.questions.flatMap((q) => [q.prompt, q.explanation]),
  ];
}

/**
 * Sentences the lessons used to say that the pages contradict (issue 13), with the page that says
 * otherwise: none may come back.
 */
const WRONG_SENTENCES: { pattern: RegExp; page: string }[] = [
  { pattern: /start\w*[^.]*goes up the stack/i, page: 'kernel/starting-a-device.md: drivers pass IRP_MN_START_DEVICE down; the bus driver works first' },
  { pattern: /gets the IRP next/i, page: 'kernel/starting-a-device.md: the upper filter receives the start IRP first' },
  { pattern: /EvtDeviceSurpriseRemoval comes first/i, page: 'wdf/a-user-unplugs-a-device.md: do not assume any sequence for EvtDeviceSurpriseRemoval' },
  { pattern: /volume manager[^.,;]*(watch|hears|registered)/i, page: 'kernel/pnp-notification-overview.md: the volume manager enables the volume interface' },
  { pattern: /a capability the driver reports|two capabilities decide/i, page: 'wdf/handling-requests-to-stop-a-device.md: NotDisableable is a member of WDF_DEVICE_STATE' },
  { pattern: /framework answers yes for it/i, page: 'wdf/handling-requests-to-stop-a-device.md: the special-file rule' },
  { pattern: /hardware may be going away/i, page: 'image/how-the-wia-minidriver-receives-a-disconnect-event-from-the-wia-servic.md: a device hardware disabling action' },
  { pattern: /service holds a handle/i, page: 'image/loading-and-unloading-a-wia-minidriver.md: the minidriver opens the device in IStiUSD::Initialize' },
  { pattern: /so the application learns why/i, page: 'image/canceling-a-data-transfer.md: the error is the application\'s own' },
];
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
  'wdf/how-umdf-enforces-time-outs.md',
  'image/canceling-pending-i-o-operations.md',
];

/** Attempts that look close but must not count: each pins down what a goal demands. */
const NEAR_MISSES: { lesson: string; task: string; why: string; attempt: Solution }[] = [
  {
    lesson: 'asking-before-stopping', task: 'refuse-removal-without-callback', why: 'a failing EvtDeviceQueryRemove is the callback the task rules out',
    attempt: { settings: { devices: { disk: { callbacks: { EvtDeviceQueryRemove: 'fail' } } } }, steps: [{ action: 'safeRemove', device: 'disk' }] },
  },
  {
    lesson: 'asking-before-stopping', task: 'refuse-removal-without-callback', why: 'an open handle vetoes the removal, but that is not SimDisk refusing it',
    attempt: { settings: { devices: { disk: { openHandles: 1 } } }, steps: [{ action: 'safeRemove', device: 'disk' }] },
  },
  {
    lesson: 'asking-before-stopping', task: 'balanced-static-calls', why: 'one TRUE does not balance two FALSE calls: the removal is still vetoed',
    attempt: { steps: [{ action: 'staticStopRemove', device: 'writer', stoppable: true }, { action: 'safeRemove', device: 'writer' }] },
  },
  {
    lesson: 'asking-before-stopping', task: 'balanced-static-calls', why: 'a third TRUE is one too many (the lab warns)',
    attempt: {
      steps: [
        { action: 'staticStopRemove', device: 'writer', stoppable: true },
        { action: 'staticStopRemove', device: 'writer', stoppable: true },
        { action: 'staticStopRemove', device: 'writer', stoppable: true },
        { action: 'safeRemove', device: 'writer' },
      ],
    },
  },
  {
    lesson: 'asking-before-stopping', task: 'balanced-static-calls', why: 'clearing the count in the settings is not the driver\'s calls',
    attempt: { settings: { devices: { writer: { staticStopRemove: 0 } } }, steps: [{ action: 'safeRemove', device: 'writer' }] },
  },
  {
    lesson: 'asking-before-stopping', task: 'another-driver-vetoes', why: 'SimDisk refusing is the function driver, not another driver of the stack',
    attempt: { settings: { devices: { disk: { staticStopRemove: true } } }, steps: [{ action: 'safeRemove', device: 'disk' }] },
  },
  {
    lesson: 'rebalance-and-disable', task: 'not-disableable', why: 'a vetoed Safely Remove is not a refused disable',
    attempt: { settings: { devices: { disk: { staticStopRemove: true } } }, steps: [{ action: 'safeRemove', device: 'disk' }] },
  },
  {
    lesson: 'a-user-unplugs-a-device', task: 'surprise-with-open-handle', why: 'closing the handle lets IRP_MN_REMOVE_DEVICE through',
    attempt: { settings: { devices: { disk: { openHandles: 1 } } }, steps: [{ action: 'unplug', device: 'disk' }, { action: 'closeHandles', device: 'disk' }] },
  },
  {
    lesson: 'a-user-unplugs-a-device', task: 'last-handle-closes', why: 'without closeHandles IRP_MN_REMOVE_DEVICE never comes',
    attempt: { settings: { devices: { disk: { openHandles: 1 } } }, steps: [{ action: 'unplug', device: 'disk' }] },
  },
  {
    lesson: 'umdf1-removal', task: 'reflector-timeout', why: 'a failing OnQueryRemove returns: the reflector never times out',
    attempt: { settings: { devices: { cam: { callbacks: { 'IPnpCallback::OnQueryRemove': 'fail' } } } }, steps: [{ action: 'safeRemove', device: 'cam' }] },
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
    lesson: 'notification-callbacks', task: 'include-existing', why: 'without INCLUDE_EXISTING a late registration hears only future arrivals',
    attempt: { steps: [{ action: 'register', client: 'indexer' }] },
  },
  {
    lesson: 'notification-callbacks', task: 'report-without-deadlock', why: 'IoReportTargetDeviceChange from a callback is the deadlock the page forbids',
    attempt: { settings: { clients: { logger: { inCallback: 'reportSync' } } }, steps: [{ action: 'safeRemove', device: 'disk' }] },
  },
  {
    lesson: 'canceling-a-wia-transfer', task: 'application-cancels', why: 'IWiaItemExtras::CancelPendingIO is not the application answering S_FALSE',
    attempt: { steps: [{ action: 'scan', device: 'scanner' }, { action: 'asyncCancel', device: 'scanner', after: 300 }] },
  },
  {
    lesson: 'canceling-a-wia-transfer', task: 'cancel-pending-io', why: 'an S_FALSE from the application is not the asynchronous cancel',
    attempt: { steps: [{ action: 'scan', device: 'scanner' }, { action: 'appCancel', device: 'scanner', after: 300 }, { action: 'scan', device: 'scanner' }] },
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
    const files = readdirSync(LESSONS_DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !['types.ts', 'check.ts', 'solve.ts', 'index.ts', 'catalog.ts', 'load.ts'].includes(f));
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
    expect(lesson.source.some((s) => DOC_PATH.test(s)), 'at least one page of the driver docs').toBe(true);
    expect(new Set(lesson.source).size).toBe(lesson.source.length);
    for (const s of lesson.source) {
      expect(DOC_PATH.test(s) || DDI_PATH.test(s) || WDF_SOURCE.test(s), `${s} is a docs page, a DDI page or a KMDF source file`).toBe(true);
      expect(FIDELITY.includes(fidelityKey(s)), `${s} is not cited in docs/fidelity.md`).toBe(true);
    }
  });

  it('cites only pages among its sources: every question names its page, and every page path in its text is a source', () => {
    const sources = new Set(lesson.source);
    for (const q of lesson.questions) expect(sources.has(q.page), `question ${q.id} cites ${q.page}, which is not in the lesson's sources`).toBe(true);
    for (const text of lessonTexts(lesson)) {
      for (const cited of text.match(CITED_IN_TEXT) ?? []) expect(sources.has(cited), `"${cited}" is cited in the text but is not in the lesson's sources`).toBe(true);
    }
  });

  it('says none of the sentences the pages contradict', () => {
    for (const text of lessonTexts(lesson)) {
      for (const w of WRONG_SENTENCES) expect(w.pattern.test(text), `"${text}" says what ${w.page} contradicts`).toBe(false);
    }
  });

  it('links the primer entries for the words it uses', () => {
    expect(lesson.primer.length).toBeGreaterThanOrEqual(1);
    expect(new Set(lesson.primer).size).toBe(lesson.primer.length);
    for (const id of lesson.primer) expect(isPrimerId(id), `unknown primer entry ${id}`).toBe(true);
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
