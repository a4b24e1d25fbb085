import { beforeAll, describe, expect, it } from 'vitest';
import type { TraceEvent } from '../engine/trace';
import { taskScenario } from '../lessons/check';
import { runInput } from '../lessons/solve';
import { LESSONS, lessonById } from '../lessons';
import type { Lesson } from '../lessons/types';
import { askedIndex, createLessonStore, ensureLesson, ensureLessons, gateHorizonOf, gateMove, lessonIdsIn, loadProgressReader, shouldHoldAt, STORAGE_KEY, type StorageLike } from './lessonStore';
import { parseProgress } from './progressFile';

// the progress checks are a chunk of their own in the app, loaded before progress is read or imported; here, first
beforeAll(() => loadProgressReader());

class FakeStorage implements StorageLike {
  readonly data = new Map<string, string>();
  writes = 0;
  failWrites = false;
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (this.failWrites) throw new DOMException('full', 'QuotaExceededError');
    this.writes++;
    this.data.set(key, value);
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
}

const lesson = lessonById('a-device-starts') as Lesson;
const plugIn = lesson.tasks.find((t) => t.id === 'plug-in')!;

function traceOf(scenario: Parameters<typeof runInput>[0]): TraceEvent[] {
  const r = runInput(scenario);
  if (!r.ok) throw new Error(r.error);
  return r.trace;
}

const solved = traceOf(taskScenario(lesson, plugIn));
const prepared = traceOf(lesson.scenario);
const fixedNow = () => new Date('2030-01-02T03:04:05Z');

describe('lesson store', () => {
  it('starts in the sandbox; opening a lesson opens its first task', () => {
    const s = createLessonStore({ lessons: LESSONS, storage: new FakeStorage() });
    expect(s.getState().lessonId).toBeUndefined();
    s.getState().openLesson('a-device-starts');
    expect(s.getState()).toMatchObject({ lessonId: 'a-device-starts', taskId: 'plug-in' });
    s.getState().openLesson('no-such-lesson');
    expect(s.getState().lessonId).toBeUndefined();
  });

  it('shows hints one at a time, never more than the task has', () => {
    const s = createLessonStore({ lessons: LESSONS, storage: new FakeStorage() });
    s.getState().openLesson('a-device-starts');
    expect(s.getState().showHint()).toBe(1);
    expect(s.getState().showHint()).toBe(2);
    expect(s.getState().showHint()).toBe(plugIn.hints.length);
    expect(s.getState().progress['a-device-starts'].tasks['plug-in'].hintsShown).toBe(plugIn.hints.length);
  });

  it('Check evaluates the goal on the trace given: the prepared scenario fails, the solution passes', () => {
    const s = createLessonStore({ lessons: LESSONS, storage: new FakeStorage() });
    s.getState().openLesson('a-device-starts');
    const before = s.getState().check(prepared)!;
    expect(before.result.ok).toBe(false);
    expect(before.result.goal.why).toMatch(/step 1 of 6 missing/);
    expect(s.getState().progress['a-device-starts'].tasks['plug-in']?.done ?? false).toBe(false);
    const after = s.getState().check(solved)!;
    expect(after.result.ok).toBe(true);
    expect(after.lessonCompleted).toBe(false);
    expect(s.getState().progress['a-device-starts'].tasks['plug-in'].done).toBe(true);
    expect(s.getState().lastCheck?.ok).toBe(true);
  });

  it('reports the lesson completed once, when the last task is done', () => {
    const s = createLessonStore({ lessons: LESSONS, storage: new FakeStorage() });
    s.getState().openLesson('a-device-starts');
    const results = lesson.tasks.map((t) => {
      s.getState().openTask(t.id);
      return s.getState().check(traceOf(taskScenario(lesson, t)))!;
    });
    expect(results.map((r) => r.result.ok)).toEqual([true, true, true]);
    expect(results.map((r) => r.lessonCompleted)).toEqual([false, false, true]);
    expect(s.getState().progress['a-device-starts'].completed).toBe(true);
    expect(s.getState().check(solved)!.lessonCompleted).toBe(false);
  });

  it('answers are judged by the learner\'s own trace', () => {
    const s = createLessonStore({ lessons: LESSONS, storage: new FakeStorage() });
    s.getState().openLesson('a-device-starts');
    const right = s.getState().answerQuestion('start-work-climbs', 'lower-filter', solved);
    expect(right).toEqual({ choice: 'lower-filter', correct: true, actual: 'lower-filter' });
    const wrong = s.getState().answerQuestion('after-prepare-hardware', 'EvtDeviceSelfManagedIoInit', solved);
    expect(wrong).toEqual({ choice: 'EvtDeviceSelfManagedIoInit', correct: false, actual: 'EvtDeviceD0Entry' });
    expect(s.getState().progress['a-device-starts'].revealed).toEqual(['start-work-climbs', 'after-prepare-hardware']);
  });
});

describe('progress persistence', () => {
  it('is saved under pnp-lab: and survives a reload (a new store on the same storage)', () => {
    const storage = new FakeStorage();
    const a = createLessonStore({ lessons: LESSONS, storage });
    a.getState().openLesson('a-device-starts');
    a.getState().openTask('failed-start');
    a.getState().showHint();
    a.getState().revealSolution();
    a.getState().openTask('plug-in');
    a.getState().check(solved);
    a.getState().answerQuestion('start-work-climbs', 'function', solved);
    expect([...storage.data.keys()]).toEqual([STORAGE_KEY]);
    expect(STORAGE_KEY.startsWith('pnp-lab:')).toBe(true);

    const b = createLessonStore({ lessons: LESSONS, storage });
    const st = b.getState();
    expect(st.lessonId).toBe('a-device-starts');
    expect(st.taskId).toBe('plug-in');
    expect(st.progress['a-device-starts'].tasks).toEqual({
      'failed-start': { hintsShown: 1, solutionRevealed: true, done: false },
      'plug-in': { hintsShown: 0, solutionRevealed: false, done: true },
    });
    expect(st.progress['a-device-starts'].answers['start-work-climbs']).toEqual({ choice: 'function', correct: false, actual: 'lower-filter' });
    expect(st.notice).toBeUndefined();
  });

  it('reopening a lesson goes back to the task last open in it', () => {
    const storage = new FakeStorage();
    const a = createLessonStore({ lessons: LESSONS, storage });
    a.getState().openLesson('a-device-starts');
    a.getState().openTask('second-disk');
    a.getState().openLesson(undefined);
    expect(a.getState().lessonId).toBeUndefined();
    a.getState().openLesson('a-device-starts');
    expect(a.getState().taskId).toBe('second-disk');
  });

  it('writes only when something kept changes', () => {
    const storage = new FakeStorage();
    const s = createLessonStore({ lessons: LESSONS, storage });
    s.getState().dismissNotice();
    expect(storage.writes).toBe(0);
    s.getState().openLesson('a-device-starts');
    const n = storage.writes;
    s.getState().check(prepared); // only lastCheck changes
    expect(storage.writes).toBe(n);
  });

  it('damaged saved progress: starts afresh with a message, and does not crash', () => {
    const storage = new FakeStorage();
    storage.data.set(STORAGE_KEY, '{"format":"pnp-lab-lesson-progress","version":1,"lessons":{"a-device-starts":{"tasks":5}}}');
    const s = createLessonStore({ lessons: LESSONS, storage });
    expect(s.getState().progress).toEqual({});
    expect(s.getState().notice?.message).toMatch(/could not be read \(lessons\.a-device-starts\.tasks: got 5; expected an object\)/);
    storage.data.set(STORAGE_KEY, 'not json');
    expect(createLessonStore({ lessons: LESSONS, storage }).getState().notice?.kind).toBe('info');
  });

  it('storage full: the learner is told once that progress is not being saved; it is saved again when there is room', () => {
    const storage = new FakeStorage();
    const s = createLessonStore({ lessons: LESSONS, storage });
    s.getState().openLesson('a-device-starts');
    expect(s.getState().notice).toBeUndefined();
    storage.failWrites = true;
    s.getState().showHint();
    expect(s.getState().notice).toEqual({ kind: 'error', message: 'Your lesson progress could not be saved in this browser (its storage is full or blocked), so it lasts only for this visit. Use Export progress to keep it in a file.' });
    s.getState().dismissNotice();
    s.getState().showHint();
    expect(s.getState().notice).toBeUndefined(); // said once, not on every change
    storage.failWrites = false;
    s.getState().revealSolution();
    expect(JSON.parse(storage.data.get(STORAGE_KEY)!).lessons['a-device-starts'].tasks['plug-in']).toEqual({ hintsShown: 2, solutionRevealed: true, done: false });
  });

  it('saved progress from a newer lab: lessons this lab does not have are named, kept and saved again; the rest is said to be unused', () => {
    const storage = new FakeStorage();
    const future = { tasks: { t: { hintsShown: 1, solutionRevealed: false, done: true } }, revealed: [], answers: {}, completed: true };
    storage.data.set(STORAGE_KEY, JSON.stringify({
      format: 'pnp-lab-lesson-progress', version: 1, lesson: 'a-device-starts',
      lessons: { 'from-the-future': future, 'a-device-starts': { tasks: { 'old-task': { hintsShown: 0, solutionRevealed: false, done: true } }, revealed: [], answers: {}, completed: false } },
    }));
    const s = createLessonStore({ lessons: LESSONS, storage });
    expect(s.getState().notice).toEqual({ kind: 'info', message: 'Your saved lesson progress names what this version of the lab does not have: lesson "from-the-future", task "a-device-starts/old-task". Progress in other lessons stays saved in this browser for the lab that made it; the rest is not used.' });
    expect(Object.keys(s.getState().progress)).toEqual(['a-device-starts']);
    s.getState().openLesson('a-device-starts');
    s.getState().showHint();
    const saved = JSON.parse(storage.data.get(STORAGE_KEY)!);
    expect(saved.lessons['from-the-future']).toEqual(future);
    expect(saved.lessons['a-device-starts'].tasks['plug-in'].hintsShown).toBe(1);
    expect(JSON.parse(s.getState().exportProgress()).lessons['from-the-future']).toEqual(future);
  });

  it('storage that refuses writes (full, blocked) or is missing keeps working for the visit', () => {
    const storage = new FakeStorage();
    storage.failWrites = true;
    const s = createLessonStore({ lessons: LESSONS, storage });
    s.getState().openLesson('a-device-starts');
    expect(s.getState().showHint()).toBe(1);
    const none = createLessonStore({ lessons: LESSONS });
    none.getState().openLesson('a-device-starts');
    expect(none.getState().lessonId).toBe('a-device-starts');
  });
});

describe('export and import of progress', () => {
  function withProgress() {
    const s = createLessonStore({ lessons: LESSONS, storage: new FakeStorage(), now: fixedNow });
    s.getState().openLesson('a-device-starts');
    s.getState().check(solved);
    s.getState().showHint();
    s.getState().answerQuestion('start-work-climbs', 'lower-filter', solved);
    return s;
  }

  it('round-trips into another browser (a fresh store)', () => {
    const text = withProgress().getState().exportProgress();
    const file = JSON.parse(text);
    expect(file).toMatchObject({ format: 'pnp-lab-lesson-progress', version: 1, exportedAt: '2030-01-02T03:04:05.000Z', lesson: 'a-device-starts', task: 'plug-in' });
    const fresh = createLessonStore({ lessons: LESSONS, storage: new FakeStorage() });
    const r = fresh.getState().importProgress(text);
    expect(r).toEqual({ ok: true, message: 'Imported progress for 1 lesson (0 completed).' });
    expect(fresh.getState().progress).toEqual(withProgress().getState().progress);
    expect(fresh.getState().notice?.kind).toBe('info');
  });

  it('keeps the progress of lessons the file does not name', () => {
    const s = createLessonStore({ lessons: LESSONS, storage: new FakeStorage() });
    s.getState().openLesson('wia-disconnect');
    s.getState().showHint();
    s.getState().importProgress(withProgress().getState().exportProgress());
    expect(Object.keys(s.getState().progress).sort()).toEqual(['a-device-starts', 'wia-disconnect']);
  });

  it('bad files give a clear message and change nothing', () => {
    const s = withProgress();
    const before = s.getState().progress;
    const cases: [string, RegExp][] = [
      ['hello', /not valid JSON/],
      ['[]', /expected a JSON object/],
      ['{"seed":1,"devices":[],"steps":[]}', /format: got nothing; expected "pnp-lab-lesson-progress" \(this looks like a scenario file: use "Open…" for it\)/],
      ['{"format":"pnp-lab-lesson-progress","version":2,"lessons":{}}', /version: got 2; this file was saved by a newer PnP Lab, and this one reads version 1/],
      ['{"format":"pnp-lab-lesson-progress","version":"1","lessons":{}}', /version: got "1"; expected 1/],
      ['{"format":"pnp-lab-lesson-progress","version":1}', /lessons: missing; expected an object/],
      ['{"format":"pnp-lab-lesson-progress","version":1,"lessons":{"a-device-starts":{"tasks":{"plug-in":{"hintsShown":-1,"solutionRevealed":false,"done":true}},"revealed":[],"answers":{},"completed":false}}}', /lessons\.a-device-starts\.tasks\.plug-in\.hintsShown: got -1; /],
      ['{"format":"pnp-lab-lesson-progress","version":1,"lessons":{},"score":100}', /score: unknown field/],
      // zod's own words ("Too big:") never reach the message
      ['{"format":"pnp-lab-lesson-progress","version":1,"lessons":{"a-device-starts":{"tasks":{"plug-in":{"hintsShown":101,"solutionRevealed":false,"done":true}},"revealed":[],"answers":{},"completed":false}}}', /^This is not a lesson progress file PnP Lab can read\. lessons\.a-device-starts\.tasks\.plug-in\.hintsShown: got 101; expected a number <= 100$/],
      ['{"format":"pnp-lab-lesson-progress","version":1,"lessons":{"a-device-starts":{"tasks":{},"revealed":[],"answers":{"q":{"choice":"' + 'x'.repeat(600) + '","correct":true}},"completed":false}}}', /answers\.q\.choice: got "x{39}…" \(600 characters\); expected at most 500 characters$/],
      // a "__proto__" key would be dropped by the record without a word: refused, with where it is
      ['{"format":"pnp-lab-lesson-progress","version":1,"lessons":{"__proto__":{"tasks":{},"revealed":[],"answers":{},"completed":true}}}', /\(file\): line 1, column 60: the field name "__proto__" is not allowed/],
      ['{"format":"pnp-lab-lesson-progress","version":1,"lessons":{},"lessons":{}}', /\(file\): line 1, column 62: the field "lessons" is given twice/],
      ['{"format":"pnp-lab-lesson-progress","version":1,"lessons":' + '['.repeat(5000), /\(file\): line 1, column \d+: nested more than 32 levels deep/],
    ];
    for (const [text, want] of cases) {
      const r = s.getState().importProgress(text);
      expect(r.ok, text).toBe(false);
      expect(r.message).toMatch(want);
      expect(r.message.startsWith('This is not a lesson progress file PnP Lab can read.')).toBe(true);
      expect(s.getState().notice).toEqual({ kind: 'error', message: r.message });
      expect(r.message).not.toMatch(/Too (big|small)|Invalid input|\n/);
      expect(r.message.length).toBeLessThan(400);
    }
    expect(s.getState().progress).toBe(before);
  });

  it('skips lessons, tasks and questions this lab does not have, and says so', () => {
    const file = {
      format: 'pnp-lab-lesson-progress', version: 1,
      lessons: {
        'a-device-starts': { tasks: { 'plug-in': { hintsShown: 99, solutionRevealed: false, done: true }, 'old-task': { hintsShown: 0, solutionRevealed: false, done: true } }, revealed: ['gone'], answers: { gone: { choice: 'x', correct: true } }, completed: true },
        'from-the-future': { tasks: {}, revealed: [], answers: {}, completed: false },
      },
    };
    const r = parseProgress(JSON.stringify(file), LESSONS);
    expect(r.ok && r.dropped).toEqual(['task "a-device-starts/old-task"', 'question "a-device-starts/gone"', 'lesson "from-the-future"']);
    const p = r.ok ? r.file.lessons['a-device-starts'] : undefined;
    expect(p?.tasks['plug-in'].hintsShown).toBe(plugIn.hints.length); // capped
    expect(p?.completed).toBe(false); // recomputed: not every task is done
    const s = createLessonStore({ lessons: LESSONS, storage: new FakeStorage() });
    expect(s.getState().importProgress(JSON.stringify(file)).message).toMatch(/^Imported progress for 1 lesson \(0 completed\)\. Skipped what this lab does not have: task "a-device-starts\/old-task", .* Progress in lessons this lab does not have is kept for a newer lab\.$/);
    expect(JSON.parse(s.getState().exportProgress()).lessons['from-the-future']).toEqual(file.lessons['from-the-future']);
  });

  it("an imported answer must be one of its question's choices: another one is skipped, and said", () => {
    const q = lesson.questions[0];
    const answers = { [q.id]: { choice: 'not-a-choice', correct: true } };
    const file = { format: 'pnp-lab-lesson-progress', version: 1, lessons: { 'a-device-starts': { tasks: {}, revealed: [q.id], answers, completed: false } } };
    const r = parseProgress(JSON.stringify(file), LESSONS);
    expect(r.ok && r.dropped).toEqual([`the answer to "a-device-starts/${q.id}" ("not-a-choice" is not one of its choices)`]);
    expect(r.ok && r.file.lessons['a-device-starts'].answers).toEqual({});
    const good = { [q.id]: { choice: q.choices[0], correct: q.choices[0] === q.answer } };
    const ok = parseProgress(JSON.stringify({ ...file, lessons: { 'a-device-starts': { ...file.lessons['a-device-starts'], answers: good } } }), LESSONS);
    expect(ok.ok && ok.file.lessons['a-device-starts'].answers).toEqual(good);
  });
});

describe('what-comes-next questions hold the playback', () => {
  const q = lesson.questions.find((x) => x.id === 'start-work-climbs')!;
  const at = askedIndex(q, solved) + 1; // cursor right after the question's event

  it('finds where a question is asked in a trace, and nowhere when the event is missing', () => {
    expect(solved[at - 1]).toMatchObject({ kind: 'callback', name: 'EvtDeviceD0Entry', device: 'disk', layer: 'bus' });
    expect(askedIndex(q, prepared)).toBe(-1);
  });

  it('shouldHoldAt: only in a lesson, at the question\'s point, for the open task, until answered', () => {
    const s = createLessonStore({ lessons: LESSONS, storage: new FakeStorage() });
    expect(shouldHoldAt(solved, at, s)).toBeUndefined(); // sandbox
    s.getState().openLesson('a-device-starts');
    expect(shouldHoldAt(solved, at, s)?.id).toBe('start-work-climbs');
    expect(shouldHoldAt(solved, at - 1, s)).toBeUndefined();
    expect(shouldHoldAt(solved, at + 1, s)).toBeUndefined();
    s.getState().openTask('failed-start'); // start-work-climbs is asked on plug-in
    expect(shouldHoldAt(solved, at, s)).toBeUndefined();
    s.getState().openTask('plug-in');
    s.getState().answerQuestion('start-work-climbs', 'function', solved); // a wrong answer still releases
    expect(shouldHoldAt(solved, at, s)).toBeUndefined();
  });

  it('gateMove stops a forward move at the first unanswered question and keeps it there', () => {
    const s = createLessonStore({ lessons: LESSONS, storage: new FakeStorage() });
    s.getState().openLesson('a-device-starts');
    expect(gateMove(solved, 0, solved.length, s)).toEqual({ to: at, question: q });
    expect(gateMove(solved, at, at + 5, s)).toEqual({ to: at, question: q });
    expect(gateMove(solved, at + 5, 0, s)).toEqual({ to: 0 });
    expect(gateMove(solved, 0, at - 1, s)).toEqual({ to: at - 1 });
    s.getState().answerQuestion('start-work-climbs', 'lower-filter', solved);
    const next = gateMove(solved, at, solved.length, s);
    expect(next.question?.id).toBe('after-prepare-hardware');
    expect(next.to).toBeGreaterThan(at);
  });

  it('the horizon: the next unanswered question at or after the cursor hides what follows it', () => {
    const s = createLessonStore({ lessons: LESSONS, storage: new FakeStorage() });
    expect(gateHorizonOf(solved, 0, s)).toBeUndefined(); // sandbox: nothing hidden
    s.getState().openLesson('a-device-starts');
    expect(gateHorizonOf(solved, 0, s)).toBe(at); // before the question: hidden from it on
    expect(gateHorizonOf(solved, at, s)).toBe(at); // at the question
    const second = askedIndex(lesson.questions.find((x) => x.id === 'after-prepare-hardware')!, solved) + 1;
    expect(gateHorizonOf(solved, at + 1, s)).toBe(second); // past it (e.g. a link's cursor): the next one
    s.getState().answerQuestion('start-work-climbs', 'lower-filter', solved);
    expect(gateHorizonOf(solved, 0, s)).toBe(second);
    s.getState().answerQuestion('after-prepare-hardware', 'EvtDeviceD0Entry', solved);
    expect(gateHorizonOf(solved, 0, s)).toBeUndefined();
  });
});

describe('lessons loaded one by one (the app loads each lesson when it is opened or named)', () => {
  it('lessonIdsIn names the lessons a progress text holds (to load them before reading it)', () => {
    expect(lessonIdsIn(JSON.stringify({ format: 'pnp-lab-lesson-progress', version: 1, lesson: 'wia-disconnect', lessons: { 'a-device-starts': {}, 'umdf1-removal': {} } }))).toEqual(['a-device-starts', 'umdf1-removal', 'wia-disconnect']);
    for (const bad of [null, '', 'not json', '[1,2]', '{"lessons":[1]}', '"x"', 'x'.repeat(2_000_001)]) expect(lessonIdsIn(bad)).toEqual([]);
  });

  it('a store made with only the lessons its saved progress names restores that progress as a store with every lesson does', async () => {
    const storage = new FakeStorage();
    const all = createLessonStore({ lessons: LESSONS, storage });
    all.getState().openLesson('wia-disconnect');
    all.getState().showHint();
    all.getState().openLesson('a-device-starts');
    all.getState().answerQuestion('start-work-climbs', 'function', solved);
    const saved = storage.getItem(STORAGE_KEY);
    const named = LESSONS.filter((l) => lessonIdsIn(saved).includes(l.id));
    expect(named.map((l) => l.id).sort()).toEqual(['a-device-starts', 'wia-disconnect']);
    const few = createLessonStore({ lessons: named, storage: new FakeStorage() });
    const again = createLessonStore({ lessons: named, storage });
    expect(few.getState().lessons).toHaveLength(2);
    expect(again.getState()).toMatchObject({ lessonId: 'a-device-starts', progress: all.getState().progress, notice: undefined });
  });

  it('ensureLesson loads a lesson into a store that does not know it yet; it can then be opened', async () => {
    const s = createLessonStore({ lessons: [], storage: new FakeStorage() });
    s.getState().openLesson('wia-disconnect');
    expect(s.getState().lessonId).toBeUndefined(); // not known yet: nothing opens
    const l = await ensureLesson('wia-disconnect', s);
    expect(l).toBe(lessonById('wia-disconnect'));
    s.getState().openLesson('wia-disconnect');
    expect(s.getState()).toMatchObject({ lessonId: 'wia-disconnect', taskId: 'pull-idle' });
    expect(await ensureLesson('nope', s)).toBeUndefined();
    expect((await ensureLessons(['a-device-starts', 'wia-disconnect', 'nope'], s)).map((x) => x.id)).toEqual(['a-device-starts', 'wia-disconnect']);
    expect(s.getState().lessons.map((x) => x.id)).toEqual(['wia-disconnect', 'a-device-starts']);
  });

  it('an imported file is read against the lessons it names once they are loaded', async () => {
    const a = createLessonStore({ lessons: LESSONS, storage: new FakeStorage() });
    a.getState().openLesson('umdf1-removal');
    a.getState().showHint();
    const file = a.getState().exportProgress();
    const b = createLessonStore({ lessons: [], storage: new FakeStorage() });
    await ensureLessons(lessonIdsIn(file), b);
    expect(b.getState().importProgress(file)).toEqual({ ok: true, message: 'Imported progress for 1 lesson (0 completed).' });
    expect(b.getState().progress['umdf1-removal'].tasks['umdf-orderly'].hintsShown).toBe(1);
  });

  it('a store that reads its saved progress later saves nothing until it has read it', () => {
    const storage = new FakeStorage();
    const a = createLessonStore({ lessons: LESSONS, storage });
    a.getState().openLesson('wia-disconnect');
    const saved = storage.getItem(STORAGE_KEY);
    const later = createLessonStore({ lessons: [], storage, restoreLater: true });
    expect(later.getState()).toMatchObject({ lessonId: undefined, progress: {} });
    later.getState().addLessons([lessonById('a-device-starts')!]);
    expect(storage.getItem(STORAGE_KEY)).toBe(saved); // nothing written over what was saved
    later.getState().restoreSaved([lessonById('wia-disconnect')!]);
    expect(later.getState()).toMatchObject({ lessonId: 'wia-disconnect', taskId: 'pull-idle', notice: undefined });
    later.getState().showHint();
    expect(JSON.parse(storage.getItem(STORAGE_KEY)!).lessons['wia-disconnect'].tasks['pull-idle'].hintsShown).toBe(1);
  });
});
