/**
 * The learner's place in the lessons (docs/lessons.md): which lesson and task are open, hints shown,
 * solutions revealed, questions reached and answered, tasks done. Saved in localStorage under
 * `pnp-lab:lesson-progress` after every change, so it survives a reload; exported and imported as a
 * JSON file (validated, with a message naming what is wrong).
 *
 * "What comes next?" questions hold the playback: `shouldHoldAt(trace, cursor)` says whether the
 * cursor stands right after a question's event with the question unanswered, and `gateMove` clamps
 * a cursor move so it stops there (usePlayback and the step buttons call it).
 *
 * `createLessonStore({ storage, lessons })` makes an independent store (tests pass a fake storage).
 * A store knows the lessons it was given and those added later (`addLessons`): in the app each lesson
 * is a chunk of its own, loaded when it is opened (`ensureLesson(id, store)`) or when progress names it.
 * The app makes one store per root when the lessons are first needed (store/stores.ts calls
 * `createAppLessonStore`, which reads the saved progress once the lessons it names have loaded) and
 * `connectLessonGate`s it to the lab's cursor. Nothing runs at import.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TraceEvent } from '../engine/trace';
import { evaluateGoal, evaluateQuestion, findIndex, seqLookup, usesComparison, type GoalResult } from '../lessons/check';
import { loadLessons } from '../lessons/load';
import { bumpGateRevision, setLessonGate, STORAGE_KEY, type GateStore } from './lessonGate';
import type { Lesson, Question } from '../lessons/types';
import type { LessonProgressFile, ProgressFile } from './progressFile';
import { MAX_PROGRESS_CHARS, PROGRESS_FORMAT, PROGRESS_VERSION } from './progressFormat';

export { STORAGE_KEY };
export { MAX_PROGRESS_CHARS, PROGRESS_FORMAT, PROGRESS_VERSION };
export const PROGRESS_FILE_NAME = 'pnp-lab-progress.json';

/** The part of the Web Storage API the store uses (localStorage, or a fake in tests). */
export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface TaskProgress {
  /** how many of the task's hints are shown (they are shown one at a time, in order) */
  hintsShown: number;
  solutionRevealed: boolean;
  /** a Check found the goal reached */
  done: boolean;
}

export interface AnswerRecord {
  choice: string;
  correct: boolean;
  /** what the learner's trace showed (may be none of the choices if the learner changed the scenario) */
  actual?: string;
}

export interface LessonProgress {
  /** the task last open in this lesson */
  task?: string;
  tasks: Record<string, TaskProgress>;
  /** questions the cursor has reached (shown to the learner) */
  revealed: string[];
  answers: Record<string, AnswerRecord>;
  /** every task done */
  completed: boolean;
}

export interface CheckResult {
  lesson: string;
  task: string;
  ok: boolean;
  goal: GoalResult;
  /** cursor position when checked (the check reads the whole trace) */
  traceLength: number;
}

export interface LessonNotice {
  kind: 'error' | 'info';
  message: string;
}

export interface LessonState {
  /** the lessons this store knows: those loaded so far in the app */
  lessons: readonly Lesson[];
  /** the open lesson; undefined = the sandbox (no lesson) */
  lessonId: string | undefined;
  /** the open task of the open lesson */
  taskId: string | undefined;
  progress: Record<string, LessonProgress>;
  /** the last Check of the open task (not saved) */
  lastCheck: CheckResult | undefined;
  /** the last message about progress (import, storage) */
  notice: LessonNotice | undefined;

  /** Adds lessons this store does not know yet (loaded later); progress already kept for them stays as it is. */
  addLessons(lessons: readonly Lesson[]): void;
  /** A store made with `restoreLater`: adds `lessons` (those the saved progress names), then reads the saved progress against them and starts saving. */
  restoreSaved(lessons: readonly Lesson[]): void;
  /** Opens a lesson (at the task last open in it, else the first) or, with undefined, the sandbox. The lesson must be known (addLessons). */
  openLesson(id: string | undefined): void;
  openTask(taskId: string): void;
  /** Shows the next hint of the open task; returns how many are shown. */
  showHint(): number;
  /** Marks the open task's solution as revealed (call after the learner confirmed). */
  revealSolution(): void;
  /** Notes that the cursor reached a question (it is shown). */
  revealQuestion(questionId: string): void;
  /** Answers a question on `trace` (the learner's own): right or wrong is read off that trace. */
  answerQuestion(questionId: string, choice: string, trace: readonly TraceEvent[]): AnswerRecord | undefined;
  /** Evaluates the open task's goal on `trace`; records the task (and lesson) as done when it holds. */
  /** `compared`: run B of the lab's comparison, for goals about it (`compared`), worked out only when the goal has one. */
  check(trace: readonly TraceEvent[], compared?: () => readonly TraceEvent[] | undefined): { result: CheckResult; lessonCompleted: boolean } | undefined;
  /** Forgets all progress in one lesson. */
  resetLesson(id: string): void;
  /** The progress file's text (JSON). */
  exportProgress(): string;
  /** Reads a progress file; replaces the progress of the lessons it names, keeps the others. The lessons it names must be known (`ensureLessons(lessonIdsIn(text))`). */
  importProgress(text: string): { ok: true; message: string } | { ok: false; message: string };
  dismissNotice(): void;
}

export type LessonStore = StoreApi<LessonState>;

// ---- validation ----------------------------------------------------------------------------------

type ProgressReader = typeof import('./progressFile');
let reader: ProgressReader | undefined;
let readerFetch: Promise<ProgressReader> | undefined;

/**
 * The progress file's checks (zod: progressFile.ts), a chunk of their own: loaded before saved progress is read
 * (createAppLessonStore, only when some is saved) and before a file is imported, so opening a lesson needs no zod.
 */
export function loadProgressReader(): Promise<ProgressReader> {
  return (readerFetch ??= import('./progressFile').then(
    (m) => (reader = m),
    (e: unknown) => {
      readerFetch = undefined;
      throw e;
    },
  ));
}

/** parseProgress (progressFile.ts), once loadProgressReader has loaded it. */
function parseProgress(text: string, lessons: readonly Lesson[]): ReturnType<ProgressReader['parseProgress']> {
  if (!reader) return { ok: false, message: '(file): the lab could not load its progress checks (its files may have changed since this page opened); reload the page and try again' };
  return reader.parseProgress(text, lessons);
}

/** The first few dropped items, and how many more. */
function listDropped(dropped: readonly string[]): string {
  return `${dropped.slice(0, 5).join(', ')}${dropped.length > 5 ? ` and ${dropped.length - 5} more` : ''}`;
}

// ---- questions -----------------------------------------------------------------------------------

/** Trace index of the event each question is asked after (-1 if the trace has none); cached per trace. */
const askedIndexCache = new WeakMap<readonly TraceEvent[], Map<Question, number>>();

export function askedIndex(q: Question, trace: readonly TraceEvent[]): number {
  let perTrace = askedIndexCache.get(trace);
  if (!perTrace) askedIndexCache.set(trace, (perTrace = new Map()));
  const cached = perTrace.get(q);
  if (cached !== undefined) return cached;
  const lookup = seqLookup(trace);
  let at = -1;
  for (let n = 0; n < (q.occurrence ?? 1); n++) {
    at = findIndex(trace, q.after, at + 1, lookup);
    if (at < 0) break;
  }
  perTrace.set(q, at);
  return at;
}

/** The questions asked while `taskId` is open: the task's own and those on the prepared scenario. */
export function questionsForTask(lesson: Lesson, taskId: string | undefined): Question[] {
  return lesson.questions.filter((q) => q.onTask === undefined || q.onTask === taskId);
}

/** The question (of `questions`) asked at cursor `cursor`: its event is the one under the cursor. */
export function questionAt(questions: readonly Question[], trace: readonly TraceEvent[], cursor: number): Question | undefined {
  if (cursor <= 0) return undefined;
  return questions.find((q) => askedIndex(q, trace) === cursor - 1);
}

/** The first position in (from, to] where one of `questions` is asked, or undefined. */
export function firstQuestionBetween(questions: readonly Question[], trace: readonly TraceEvent[], from: number, to: number): { position: number; question: Question } | undefined {
  let best: { position: number; question: Question } | undefined;
  for (const q of questions) {
    const p = askedIndex(q, trace) + 1;
    if (p > from && p <= to && (!best || p < best.position)) best = { position: p, question: q };
  }
  return best;
}

// ---- the store -----------------------------------------------------------------------------------

function emptyProgress(): LessonProgress {
  return { tasks: {}, revealed: [], answers: {}, completed: false };
}

function emptyTask(): TaskProgress {
  return { hintsShown: 0, solutionRevealed: false, done: false };
}

/**
 * localStorage if this page may use it (it may not in a sandboxed frame or with storage blocked),
 * else undefined. A storage that is full is still returned: saving then fails, and the learner is
 * told (a probe write would fail too, and hide that).
 */
export function browserStorage(): StorageLike | undefined {
  try {
    const s = globalThis.localStorage;
    if (!s) return undefined;
    s.getItem(STORAGE_KEY); // throws where storage is blocked
    return s;
  } catch {
    return undefined;
  }
}

/**
 * The ids of the lessons a progress text (saved or imported) names, in its `lessons` and `lesson`:
 * the lessons to load before the store reads it. Empty when it is not such a text.
 */
export function lessonIdsIn(text: string | null): string[] {
  if (text === null || text.length > MAX_PROGRESS_CHARS) return [];
  try {
    const json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown;
    if (typeof json !== 'object' || json === null) return [];
    const { lessons, lesson } = json as { lessons?: unknown; lesson?: unknown };
    const ids = typeof lessons === 'object' && lessons !== null && !Array.isArray(lessons) ? Object.keys(lessons) : [];
    return typeof lesson === 'string' ? [...ids, lesson] : ids;
  } catch {
    return [];
  }
}

/** The progress text saved in `storage`, or null. */
function readSaved(storage: StorageLike | undefined): string | null {
  try {
    return storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

export interface LessonStoreOptions {
  storage?: StorageLike;
  /** the lessons the store knows from the start (more can be added: addLessons) */
  lessons: readonly Lesson[];
  now?: () => Date;
  /**
   * Read the saved progress later, with `restoreSaved(lessons)` (the app: once the lessons it names
   * have loaded); until then nothing is saved. By default it is read at once, against `lessons`.
   */
  restoreLater?: boolean;
}

export function createLessonStore(opts: LessonStoreOptions): LessonStore {
  const storage = opts.storage;
  const now = opts.now ?? (() => new Date());
  const known = (lessons: readonly Lesson[], id: string | undefined) => (id === undefined ? undefined : lessons.find((l) => l.id === id));

  /** Progress in lessons this lab does not have (saved by a newer lab): kept, saved and exported with the rest. */
  let otherLessons: Record<string, LessonProgressFile> = {};
  /** The saved progress, read against `lessons`: what the store starts with. */
  const restore = (lessons: readonly Lesson[]): Pick<LessonState, 'lessonId' | 'taskId' | 'progress' | 'notice'> => {
    const saved = readSaved(storage);
    if (saved === null) return { lessonId: undefined, taskId: undefined, progress: {}, notice: undefined };
    const r = parseProgress(saved, lessons);
    if (!r.ok) return { lessonId: undefined, taskId: undefined, progress: {}, notice: { kind: 'info', message: `Your saved lesson progress could not be read (${r.message}), so the lessons start afresh.` } };
    otherLessons = r.otherLessons;
    const notice: LessonNotice | undefined = r.dropped.length
      ? { kind: 'info', message: `Your saved lesson progress names what this version of the lab does not have: ${listDropped(r.dropped)}. ${Object.keys(otherLessons).length ? 'Progress in other lessons stays saved in this browser for the lab that made it; ' : ''}the rest is not used.` }
      : undefined;
    return { lessonId: known(lessons, r.file.lesson)?.id, taskId: r.file.task, progress: r.file.lessons, notice };
  };

  const toFile = (s: Pick<LessonState, 'lessonId' | 'taskId' | 'progress'>, exportedAt?: string): ProgressFile => ({
    format: PROGRESS_FORMAT,
    version: PROGRESS_VERSION,
    ...(exportedAt ? { exportedAt } : {}),
    ...(s.lessonId !== undefined ? { lesson: s.lessonId } : {}),
    ...(s.lessonId !== undefined && s.taskId !== undefined ? { task: s.taskId } : {}),
    lessons: { ...otherLessons, ...s.progress },
  });

  const store = createStore<LessonState>()((set, get) => {
    const lessonById = (id: string | undefined) => known(get().lessons, id);
    /** The open lesson's progress with `update` applied (a new object). */
    const updateLesson = (id: string, update: (p: LessonProgress) => LessonProgress) => {
      const progress = get().progress;
      set({ progress: { ...progress, [id]: update(progress[id] ?? emptyProgress()) } });
    };
    const updateTask = (lessonId: string, taskId: string, update: (t: TaskProgress) => TaskProgress) =>
      updateLesson(lessonId, (p) => ({ ...p, tasks: { ...p.tasks, [taskId]: update(p.tasks[taskId] ?? emptyTask()) } }));
    const open = () => {
      const { lessonId, taskId } = get();
      const lesson = lessonById(lessonId);
      const task = lesson?.tasks.find((t) => t.id === taskId);
      return { lesson, task };
    };

    return {
      lessons: opts.lessons,
      ...(opts.restoreLater ? { lessonId: undefined, taskId: undefined, progress: {}, notice: undefined } : restore(opts.lessons)),
      lastCheck: undefined,

      restoreSaved(more) {
        get().addLessons(more);
        set({ ...restore(get().lessons), lastCheck: undefined });
        startSaving();
      },

      addLessons(more) {
        const fresh = more.filter((l) => !lessonById(l.id));
        if (fresh.length > 0) set({ lessons: [...get().lessons, ...fresh] });
      },

      openLesson(id) {
        const lesson = lessonById(id);
        if (!lesson) {
          set({ lessonId: undefined, taskId: undefined, lastCheck: undefined });
          return;
        }
        const remembered = get().progress[lesson.id]?.task;
        const taskId = lesson.tasks.some((t) => t.id === remembered) ? remembered : lesson.tasks[0]?.id;
        set({ lessonId: lesson.id, taskId, lastCheck: undefined });
        if (taskId) updateLesson(lesson.id, (p) => ({ ...p, task: taskId }));
      },

      openTask(taskId) {
        const { lesson } = open();
        if (!lesson || !lesson.tasks.some((t) => t.id === taskId)) return;
        set({ taskId, lastCheck: undefined });
        updateLesson(lesson.id, (p) => ({ ...p, task: taskId }));
      },

      showHint() {
        const { lesson, task } = open();
        if (!lesson || !task) return 0;
        const shown = Math.min(task.hints.length, (get().progress[lesson.id]?.tasks[task.id]?.hintsShown ?? 0) + 1);
        updateTask(lesson.id, task.id, (t) => ({ ...t, hintsShown: shown }));
        return shown;
      },

      revealSolution() {
        const { lesson, task } = open();
        if (!lesson || !task) return;
        updateTask(lesson.id, task.id, (t) => ({ ...t, solutionRevealed: true }));
      },

      revealQuestion(questionId) {
        const { lesson } = open();
        if (!lesson || !lesson.questions.some((q) => q.id === questionId)) return;
        if (get().progress[lesson.id]?.revealed.includes(questionId)) return;
        updateLesson(lesson.id, (p) => ({ ...p, revealed: [...p.revealed, questionId] }));
      },

      answerQuestion(questionId, choice, trace) {
        const { lesson } = open();
        const q = lesson?.questions.find((x) => x.id === questionId);
        if (!lesson || !q) return undefined;
        const r = evaluateQuestion(q, trace, choice);
        const record: AnswerRecord = { choice, correct: r.correct, ...(r.actual !== undefined ? { actual: r.actual } : {}) };
        updateLesson(lesson.id, (p) => ({
          ...p,
          revealed: p.revealed.includes(q.id) ? p.revealed : [...p.revealed, q.id],
          answers: { ...p.answers, [q.id]: record },
        }));
        return record;
      },

      check(trace, compared) {
        const { lesson, task } = open();
        if (!lesson || !task) return undefined;
        const goal = evaluateGoal(task.goal, trace, usesComparison(task.goal) ? compared?.() : undefined);
        const result: CheckResult = { lesson: lesson.id, task: task.id, ok: goal.ok, goal, traceLength: trace.length };
        const wasCompleted = get().progress[lesson.id]?.completed === true;
        if (goal.ok) updateTask(lesson.id, task.id, (t) => ({ ...t, done: true }));
        const p = get().progress[lesson.id] ?? emptyProgress();
        const completed = lesson.tasks.every((t) => p.tasks[t.id]?.done === true);
        if (completed !== p.completed) updateLesson(lesson.id, (x) => ({ ...x, completed }));
        set({ lastCheck: result });
        return { result, lessonCompleted: completed && !wasCompleted };
      },

      resetLesson(id) {
        const progress = { ...get().progress };
        delete progress[id];
        set({ progress, lastCheck: undefined, ...(get().lessonId === id ? { taskId: lessonById(id)?.tasks[0]?.id } : {}) });
      },

      exportProgress() {
        return `${JSON.stringify(toFile(get(), now().toISOString()), null, 2)}\n`;
      },

      importProgress(text) {
        const r = parseProgress(text, get().lessons);
        if (!r.ok) {
          const message = `This is not a lesson progress file PnP Lab can read. ${r.message}`;
          set({ notice: { kind: 'error', message } });
          return { ok: false, message };
        }
        const imported = Object.keys(r.file.lessons);
        const done = Object.values(r.file.lessons).filter((p) => p.completed).length;
        otherLessons = { ...otherLessons, ...r.otherLessons };
        set({ progress: { ...get().progress, ...r.file.lessons }, lastCheck: undefined });
        const s = imported.length === 1 ? '' : 's';
        let message = imported.length === 0 ? 'The file holds no progress for the lessons of this lab; nothing changed.' : `Imported progress for ${imported.length} lesson${s} (${done} completed).`;
        if (r.dropped.length) message += ` Skipped what this lab does not have: ${listDropped(r.dropped)}.`;
        if (Object.keys(r.otherLessons).length) message += ' Progress in lessons this lab does not have is kept for a newer lab.';
        set({ notice: { kind: 'info', message } });
        return { ok: true, message };
      },

      dismissNotice() {
        set({ notice: undefined });
      },
    };
  });

  // save after every change of what is kept (once the saved progress is read)
  let last = '';
  let unsaved = false;
  let saving = false;
  const save = (s: LessonState) => {
    if (!storage || !saving) return;
    const text = JSON.stringify(toFile(s));
    if (text === last) return;
    last = text;
    try {
      storage.setItem(STORAGE_KEY, text);
      unsaved = false;
    } catch {
      // storage full or blocked: progress then lasts this visit only, and the learner is told (once)
      if (unsaved) return;
      unsaved = true;
      store.setState({ notice: { kind: 'error', message: 'Your lesson progress could not be saved in this browser (its storage is full or blocked), so it lasts only for this visit. Use Export progress to keep it in a file.' } });
    }
  };
  function startSaving(): void {
    saving = true;
    last = JSON.stringify(toFile(store.getState()));
  }
  if (!opts.restoreLater) startSaving();
  store.subscribe(save);
  return store;
}

/**
 * The app's lesson store for one root, saved in `storage` (the browser's localStorage): it reads the
 * saved progress once the lessons it names have loaded (each is a chunk of its own; a fresh visitor
 * loads none here), and resolves then. If those lessons cannot load (the lab's files changed or went
 * away), the saved progress is left as it is, unread and unchanged (nothing is saved over it).
 */
export async function createAppLessonStore(storage: StorageLike | undefined): Promise<LessonStore> {
  const store = createLessonStore({ storage, lessons: [], restoreLater: true });
  let named: Lesson[];
  const saved = readSaved(storage);
  try {
    // the progress checks load only when there is progress to read
    [named] = await Promise.all([loadLessons(lessonIdsIn(saved)), saved !== null ? loadProgressReader() : undefined]);
  } catch {
    return store;
  }
  store.getState().restoreSaved(named);
  return store;
}

/** Loads lesson `id` (its own chunk) into `store`; resolves to it, or to undefined for an id no lesson has. */
export async function ensureLesson(id: string, store: LessonStore): Promise<Lesson | undefined> {
  return (await ensureLessons([id], store))[0];
}

/** Loads the lessons with these ids that exist into `store`, and resolves to them. */
export async function ensureLessons(ids: readonly string[], store: LessonStore): Promise<Lesson[]> {
  const have = store.getState().lessons;
  const missing = ids.filter((id) => !have.some((l) => l.id === id));
  if (missing.length > 0) store.getState().addLessons(await loadLessons(missing));
  const now = store.getState().lessons;
  return ids.map((id) => now.find((l) => l.id === id)).filter((l): l is Lesson => l !== undefined);
}

/**
 * From now on the lab's cursor (whose gate store is `gates`) stops at this store's questions, and links
 * name its lesson; the gates (and the address) follow the open lesson, task and answers. Returns the
 * function that disconnects them.
 */
export function connectLessonGate(lessons: LessonStore, gates: GateStore): () => void {
  setLessonGate(gates, {
    move: (trace, from, to) => gateMove(trace, from, to, lessons),
    horizon: (trace, position) => gateHorizonOf(trace, position, lessons),
    selection: () => ({ lessonId: lessons.getState().lessonId, taskId: lessons.getState().taskId }),
  });
  const stop = lessons.subscribe((s, prev) => {
    if (s.lessonId !== prev.lessonId || s.taskId !== prev.taskId || s.progress !== prev.progress) bumpGateRevision(gates);
  });
  return () => {
    stop();
    setLessonGate(gates, undefined);
  };
}

// ---- what the playback asks ----------------------------------------------------------------------

/** The open lesson's questions for the open task that are not answered yet. */
function pendingQuestions(store: LessonStore): Question[] {
  const { lessons, lessonId, taskId, progress } = store.getState();
  const lesson = lessons.find((l) => l.id === lessonId);
  if (!lesson) return [];
  const answers = progress[lesson.id]?.answers ?? {};
  return questionsForTask(lesson, taskId).filter((q) => answers[q.id] === undefined);
}

/**
 * The unanswered question the playback must wait at: the cursor stands right after its event
 * (`trace[cursor - 1]`). Undefined in the sandbox, with no question here, or once it is answered.
 */
export function shouldHoldAt(trace: readonly TraceEvent[], cursor: number, store: LessonStore): Question | undefined {
  return questionAt(pendingQuestions(store), trace, cursor);
}

/**
 * Clamps a forward cursor move from `from` to `to` so it stops at the first unanswered question:
 * `{ to, question }` (pause the playback when `question` is set). Backward moves are never held.
 */
export function gateMove(trace: readonly TraceEvent[], from: number, to: number, store: LessonStore): { to: number; question?: Question } {
  if (to <= from) return { to };
  const pending = pendingQuestions(store);
  if (pending.length === 0) return { to };
  const here = questionAt(pending, trace, from);
  if (here) return { to: from, question: here };
  const next = firstQuestionBetween(pending, trace, from, to);
  return next ? { to: next.position, question: next.question } : { to };
}

/**
 * The gate ahead: the first position at or after `position` where an unanswered question of the
 * open task is asked (the cursor holds there). Nothing after it is shown; undefined when none.
 */
export function gateHorizonOf(trace: readonly TraceEvent[], position: number, store: LessonStore): number | undefined {
  let best: number | undefined;
  for (const q of pendingQuestions(store)) {
    const at = askedIndex(q, trace);
    if (at < 0) continue;
    const p = at + 1;
    if (p >= position && (best === undefined || p < best)) best = p;
  }
  return best;
}
