/**
 * The lesson panel: pick a lesson (or the sandbox), read its intro, do its tasks (prompt, goal, hints
 * one at a time, Check against the lab's own trace, the solution behind a confirm step), and answer
 * "what comes next?" questions when the cursor reaches them.
 *
 * It reads the lab through props only (trace, cursor, scenario) and changes it only through the
 * callbacks, so it does not depend on the lab store. Progress lives in the root's lesson store
 * (src/store/lessonStore.ts, read with `useLessons`); the playback holds at questions through `gateMove`.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { TraceEvent } from '../../engine/trace';
import { taskScenario, usesComparison } from '../../lessons/check';
import type { Lesson, Question, Task } from '../../lessons/types';
import { sourceUrl } from '../../lessons/types';
import type { ScenarioInput } from '../../scenario/schema';
import { downloadText, normalizeScenario, type SandboxScenario } from '../../share/sandbox';
import { LESSON_CATALOG, type LessonEntry } from '../../lessons/catalog';
import { loadLessons } from '../../lessons/load';
import { useLessons, useLessonStore } from '../../store/hooks';
import { ensureLesson, ensureLessons, lessonIdsIn, loadProgressReader, PROGRESS_FILE_NAME, questionAt, questionsForTask } from '../../store/lessonStore';
import { ConfirmDialog } from './ConfirmDialog';
import { describeSolution, sourceTitle } from './describe';
import { QuestionCard } from './QuestionCard';
import { isPrimerId } from '../../primer/terms';
import { PrimerLinks } from '../primer/PrimerLinks';
import { useLessonDocumentMeta } from './lessonDocumentMeta';

export interface LessonPanelProps {
  /** the lab's trace (the whole run of its current scenario) */
  trace: readonly TraceEvent[];
  /** the lab's cursor: number of events applied (the event under it is trace[cursor - 1]) */
  cursor: number;
  /** the lab's current scenario (CLI format) */
  scenario: ScenarioInput;
  /** Loads a scenario into the lab (a lesson's prepared scenario when a lesson or task is picked). */
  loadScenario(scenario: SandboxScenario): void;
  /** Runs a task's solution in the lab; `scenario` is the prepared scenario with the solution applied. False when the lab refused it. */
  applySolution(task: Task, scenario: SandboxScenario): boolean;
  /** Called once when the last task of a lesson is checked done (e.g. to tell an embedding page). */
  onLessonCompleted?(lessonId: string): void;
  /** Resumes the playback after a question was answered (shows a "Continue playback" button). */
  onContinue?(): void;
  /** Hides progress export/import and reset (embedded read-only labs). */
  readonly?: boolean;
}

const button = 'rounded-lg border border-line bg-panel px-2.5 py-1.5 text-sm font-medium hover:bg-sunken disabled:opacity-40';
const primary = 'rounded-lg bg-accent px-3 py-1.5 text-sm font-semibold text-accent-ink disabled:opacity-40';
const link = 'text-accent underline underline-offset-2';

/**
 * Each lesson is a chunk of its own (lessons/load.ts), loaded when it is picked: the list is fetched
 * as soon as the person reaches for it (pointer over the list or focus on it), so the pick itself
 * waits for nothing.
 */
function prefetchLessons(ids: readonly string[] = LESSON_CATALOG.map((l) => l.id)): void {
  void loadLessons(ids);
}

export function LessonPanel(props: LessonPanelProps) {
  const store = useLessonStore();
  const lessonId = useLessons((s) => s.lessonId);
  const lesson = useLessons((s) => s.lessons.find((l) => l.id === s.lessonId));
  const selectId = useId();
  useLessonDocumentMeta(lesson);

  const pick = (id: string) => {
    if (id === '') {
      store.getState().openLesson(undefined);
      return;
    }
    void ensureLesson(id, store).then((l) => {
      if (!l) return;
      // the scenario first: the lab before it (and its lesson) stays in the address's previous entry
      props.loadScenario(normalizeScenario(l.scenario));
      store.getState().openLesson(id);
    });
  };

  return (
    <section aria-labelledby="lesson-title" className="flex h-full flex-col" data-testid="lesson-panel">
      <div className="flex min-h-11 items-center gap-2 border-b border-line px-3 py-1.5">
        <h2 id="lesson-title" className="shrink-0 text-sm font-semibold uppercase tracking-wide text-muted">Lesson</h2>
        <label htmlFor={selectId} className="sr-only">Choose a lesson</label>
        <select id={selectId} value={lessonId ?? ''} onChange={(e) => pick(e.target.value)} onFocus={() => prefetchLessons()} onPointerEnter={() => prefetchLessons()} className="ml-auto min-w-0 max-w-80 flex-1 truncate rounded-md border border-line bg-panel px-1.5 py-1 text-sm">
          <option value="">Sandbox (no lesson)</option>
          {LESSON_CATALOG.map((l) => <LessonOption key={l.id} lesson={l} />)}
        </select>
      </div>
      <div className="min-h-0 flex-1 overflow-auto p-3 text-sm leading-relaxed">
        <Notice />
        {lesson ? <LessonBody {...props} lesson={lesson} /> : <Sandbox lessons={LESSON_CATALOG} onPick={pick} />}
        {!props.readonly && <ProgressFiles lessonId={lesson?.id} />}
      </div>
    </section>
  );
}

function LessonOption({ lesson }: { lesson: LessonEntry }) {
  const completed = useLessons((s) => s.progress[lesson.id]?.completed === true);
  return <option value={lesson.id}>{completed ? '✓ ' : ''}{lesson.title}</option>;
}

function Sandbox({ lessons, onPick }: { lessons: readonly LessonEntry[]; onPick(id: string): void }) {
  return (
    <div className="space-y-2">
      <p>You are in the sandbox: plug devices in, pull cables, change driver settings and watch what Windows does. Or take a lesson: each one sets up the lab, gives you tasks and checks them against what the engine does.</p>
      <ul className="space-y-1">
        {lessons.map((l) => (
          <li key={l.id}>
            <button type="button" className={`${link} text-left`} onClick={() => onPick(l.id)} onFocus={() => prefetchLessons([l.id])} onPointerEnter={() => prefetchLessons([l.id])}>{l.title}</button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function LessonBody(props: LessonPanelProps & { lesson: Lesson }) {
  const { lesson, trace, cursor } = props;
  const store = useLessonStore();
  const taskId = useLessons((s) => s.taskId);
  const progress = useLessons((s) => s.progress[lesson.id]);
  const task = lesson.tasks.find((t) => t.id === taskId) ?? lesson.tasks[0];
  const done = lesson.tasks.filter((t) => progress?.tasks[t.id]?.done).length;

  // the question asked at the cursor, if any (answered or not)
  const questions = useMemo(() => questionsForTask(lesson, task?.id), [lesson, task?.id]);
  const question = questionAt(questions, trace, cursor);
  const answer = question ? progress?.answers[question.id] : undefined;
  const revealed = question ? progress?.revealed.includes(question.id) : true;
  useEffect(() => {
    if (question && !revealed) store.getState().revealQuestion(question.id);
  }, [question, revealed, store]);

  const lessonDevices = (lesson.scenario.devices ?? []).map((d) => d.id);
  const labDevices = new Set((props.scenario.devices ?? []).map((d) => d.id));
  const otherScenario = lessonDevices.some((id) => !labDevices.has(id));

  const openTask = (t: Task) => {
    if (t.id === task?.id) return;
    props.loadScenario(normalizeScenario(lesson.scenario));
    store.getState().openTask(t.id);
  };

  return (
    <article aria-labelledby="lesson-name" className="space-y-3">
      <header>
        <h3 id="lesson-name" className="text-base font-semibold leading-snug">{lesson.title}</h3>
        <p className="text-xs text-muted" data-testid="lesson-progress">{done} of {lesson.tasks.length} tasks done{progress?.completed ? ' · lesson completed' : ''}</p>
      </header>

      {progress?.completed && (
        <p role="status" className="rounded-lg border border-ok/40 bg-ok-soft px-3 py-2 text-ok"><span className="font-semibold">Lesson completed.</span> Every task reached its goal.</p>
      )}

      <details open={done === 0} className="group rounded-lg bg-sunken p-2.5">
        <summary className="cursor-pointer font-semibold">About this lesson</summary>
        <div className="mt-2 space-y-2 [overflow-wrap:anywhere]">
          {lesson.intro.map((p, i) => <p key={i}>{p}</p>)}
          <PrimerLinks label="Primer" links={lesson.primer.filter(isPrimerId).map((id) => ({ id }))} />
          <p className="text-xs text-muted">
            Sources:{' '}
            {lesson.source.map((s, i) => (
              <span key={s}>
                {i > 0 && ', '}
                <a className={link} href={sourceUrl(s)} target="_blank" rel="noreferrer">{sourceTitle(s)}<span className="sr-only"> (opens in a new tab)</span></a>
              </span>
            ))}
          </p>
        </div>
      </details>

      {otherScenario && (
        <p className="flex flex-wrap items-center gap-2 rounded-lg border border-warn/40 bg-warn-soft px-3 py-2 text-ink">
          <span className="flex-1">The lab holds another scenario than this lesson's.</span>
          <button type="button" className={button} onClick={() => props.loadScenario(normalizeScenario(lesson.scenario))}>Load the lesson's scenario</button>
        </p>
      )}

      <nav aria-label="Tasks">
        <ol className="flex flex-wrap gap-1.5">
          {lesson.tasks.map((t, i) => {
            const current = t.id === task?.id;
            const isDone = progress?.tasks[t.id]?.done === true;
            return (
              <li key={t.id}>
                <button
                  type="button"
                  aria-current={current ? 'step' : undefined}
                  onClick={() => openTask(t)}
                  className={`rounded-full border px-2.5 py-0.5 text-xs font-medium ${current ? 'border-accent bg-accent-soft text-ink' : 'border-line bg-panel hover:bg-sunken'}`}
                >
                  {isDone && <span aria-hidden="true" className="text-ok">✓ </span>}Task {i + 1}{isDone && <span className="sr-only"> (done)</span>}
                </button>
              </li>
            );
          })}
        </ol>
        <p className="mt-1 text-xs text-muted">Each task starts from the lesson's prepared scenario.</p>
      </nav>

      {question && (
        <QuestionCard
          key={question.id}
          question={question}
          answer={answer}
          waiting={answer === undefined}
          onAnswer={(choice) => store.getState().answerQuestion(question.id, choice, trace)}
          onContinue={props.onContinue}
        />
      )}

      {task && <TaskView key={task.id} {...props} task={task} index={lesson.tasks.indexOf(task)} />}

      <QuestionList lesson={lesson} questions={questions} current={question?.id} />
      <div role="status" aria-live="polite" className="sr-only">{question && answer === undefined ? `Question: ${question.prompt}` : ''}</div>
    </article>
  );
}

function TaskView(props: LessonPanelProps & { lesson: Lesson; task: Task; index: number }) {
  const { lesson, task, trace } = props;
  const store = useLessonStore();
  const p = useLessons((s) => s.progress[lesson.id]?.tasks[task.id]);
  const lastCheck = useLessons((s) => (s.lastCheck?.lesson === lesson.id && s.lastCheck.task === task.id ? s.lastCheck : undefined));
  const [confirming, setConfirming] = useState(false);
  // the scenario "Run the solution" put in the lab: while the lab still holds it, say so
  const [solutionScenario, setSolutionScenario] = useState<SandboxScenario | undefined>(undefined);
  const solutionInLab = solutionScenario !== undefined && solutionScenario === props.scenario;
  const hintsShown = p?.hintsShown ?? 0;
  const solution = useMemo(() => describeSolution(task.solution), [task]);
  const headingId = useId();
  const hintList = useRef<HTMLOListElement>(null);
  // after "Show the solution" the button that opened the dialog is gone: the focus goes to the solution
  const solutionBlock = useRef<HTMLDivElement>(null);
  const focusSolution = useRef(false);
  useEffect(() => {
    if (!p?.solutionRevealed || !focusSolution.current) return;
    focusSolution.current = false;
    solutionBlock.current?.focus();
  }, [p?.solutionRevealed]);

  // the trace the shown check ran on: after a change in the lab the result is marked as old
  const checkedOn = useRef<readonly TraceEvent[] | undefined>(undefined);
  const stale = lastCheck !== undefined && (checkedOn.current ? checkedOn.current !== trace : lastCheck.traceLength !== trace.length);
  const check = async () => {
    checkedOn.current = trace;
    // a goal on a comparison's run B runs it with the scenario checks (lessons/solve.ts, a chunk of its own)
    const solve = usesComparison(task.goal) ? await import('../../lessons/solve') : undefined;
    const r = store.getState().check(trace, () => solve?.comparedTrace(props.scenario));
    if (r?.lessonCompleted) props.onLessonCompleted?.(lesson.id);
  };

  return (
    <section aria-labelledby={headingId} className="space-y-2.5 rounded-lg border border-line p-3" data-testid="lesson-task">
      <h4 id={headingId} className="font-semibold">Task {props.index + 1}{p?.done ? <span className="ml-2 rounded-full border border-ok/40 bg-ok-soft px-1.5 text-xs font-medium text-ok">done</span> : null}</h4>
      <p>{task.prompt}</p>
      <p className="rounded-md bg-sunken px-2 py-1"><span className="font-semibold">Goal: </span>{task.goalText}</p>

      <div className="flex flex-wrap gap-1.5">
        <button type="button" className={primary} onClick={() => void check()}>Check</button>
        <button
          type="button"
          className={button}
          disabled={hintsShown >= task.hints.length}
          onClick={() => {
            store.getState().showHint();
            setTimeout(() => hintList.current?.lastElementChild?.scrollIntoView({ block: 'nearest' }), 0);
          }}
        >
          {hintsShown === 0 ? 'Show a hint' : hintsShown < task.hints.length ? 'Next hint' : 'No more hints'}
          <span className="ml-1 text-xs text-muted">({hintsShown}/{task.hints.length})</span>
        </button>
        {!p?.solutionRevealed && <button type="button" className={button} onClick={() => setConfirming(true)}>Show the solution…</button>}
      </div>

      {lastCheck && (
        <div role="status" data-testid="lesson-check" className={`rounded-md border px-2 py-1.5 ${lastCheck.ok ? 'border-ok/40 bg-ok-soft' : 'border-bad/40 bg-bad-soft'} ${stale ? 'border-dashed' : ''}`}>
          {stale && <p className="mb-1 text-xs font-semibold text-ink">The lab has changed since this check: press Check again.</p>}
          <p className={lastCheck.ok ? 'text-ok' : 'text-bad'}><span className="font-semibold">{lastCheck.ok ? 'Goal reached.' : 'Not yet.'}</span> {lastCheck.ok ? 'Well done.' : 'The lab\'s run does not reach the goal:'}</p>
          {lastCheck.goal.parts ? (
            <ul className="mt-1 space-y-0.5 text-xs">
              {lastCheck.goal.parts.map((part, i) => (
                <li key={i} className="flex gap-1.5">
                  <span aria-hidden="true" className={part.ok ? 'text-ok' : 'text-bad'}>{part.ok ? '✓' : '✗'}</span>
                  <span><span className="sr-only">{part.ok ? 'holds: ' : 'fails: '}</span>{part.text} <span className="text-muted">({part.why})</span></span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-1 text-xs">{lastCheck.goal.why}</p>
          )}
          <p className="mt-1 text-xs text-muted">Checked against the whole run of the lab's scenario ({lastCheck.traceLength} events).</p>
        </div>
      )}

      {hintsShown > 0 && (
        <div>
          <h5 className="text-xs font-semibold uppercase tracking-wide text-muted">Hints</h5>
          <ol ref={hintList} className="mt-1 list-decimal space-y-1 pl-5" aria-live="polite">
            {task.hints.slice(0, hintsShown).map((h, i) => <li key={i}>{h}</li>)}
          </ol>
        </div>
      )}

      {p?.solutionRevealed && (
        <div ref={solutionBlock} tabIndex={-1} className="rounded-md border border-line bg-sunken p-2" data-testid="lesson-solution">
          <h5 className="text-xs font-semibold uppercase tracking-wide text-muted">Solution</h5>
          {solution.settings.length > 0 && (
            <>
              <p className="mt-1">Change these settings:</p>
              <ul className="list-disc pl-5 font-mono text-xs">{solution.settings.map((s, i) => <li key={i} className="break-all">{s}</li>)}</ul>
            </>
          )}
          <p className="mt-1">{solution.settings.length > 0 ? 'Then' : 'From the prepared scenario,'} do these steps:</p>
          <ol className="list-decimal pl-5 font-mono text-xs">{solution.steps.map((s, i) => <li key={i} className="break-all">{s}</li>)}</ol>
          <button
            type="button"
            className={`${button} mt-2`}
            onClick={() => {
              const sc = normalizeScenario(taskScenario(lesson, task));
              setSolutionScenario(props.applySolution(task, sc) ? sc : undefined);
            }}
          >
            Run the solution in the lab
          </button>
          <p role="status" className="mt-1 text-xs text-muted" data-testid="lesson-solution-status">
            {solutionInLab ? `The solution is in the lab (${trace.length} events). Play or step through it, then press Check.` : ''}
          </p>
        </div>
      )}

      <ConfirmDialog
        open={confirming}
        title="Show the solution?"
        confirmLabel="Show the solution"
        cancelLabel="Keep trying"
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          focusSolution.current = true;
          store.getState().revealSolution();
        }}
      >
        <p>You learn more by trying{hintsShown < task.hints.length ? ' (there are hints left)' : ''}. Your progress will note that you saw the solution.</p>
      </ConfirmDialog>
    </section>
  );
}

function QuestionList({ lesson, questions, current }: { lesson: Lesson; questions: readonly Question[]; current: string | undefined }) {
  const progress = useLessons((s) => s.progress[lesson.id]);
  if (questions.length === 0) return null;
  return (
    <div>
      <h4 className="text-xs font-semibold uppercase tracking-wide text-muted">Questions on the way</h4>
      <ul className="mt-1 space-y-1">
        {questions.map((q) => {
          const a = progress?.answers[q.id];
          const status = a ? (a.correct ? 'answered right' : 'answered, not right') : q.id === current ? 'asked now' : progress?.revealed.includes(q.id) ? 'reached' : 'comes up as you play the task';
          return (
            <li key={q.id} className="flex items-start gap-1.5 text-xs">
              <span aria-hidden="true" className={a ? (a.correct ? 'text-ok' : 'text-bad') : 'text-muted'}>{a ? (a.correct ? '✓' : '✗') : '○'}</span>
              <span className="flex-1">{a || progress?.revealed.includes(q.id) ? q.prompt : <span className="text-muted">A question</span>} <span className="text-muted">({status})</span></span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function Notice() {
  const store = useLessonStore();
  const notice = useLessons((s) => s.notice);
  if (!notice) return null;
  const error = notice.kind === 'error';
  return (
    <div role={error ? 'alert' : 'status'} className={`mb-3 flex items-start gap-2 rounded-lg border px-3 py-2 ${error ? 'border-bad/40 bg-bad-soft text-bad' : 'border-accent/30 bg-accent-soft text-ink'}`} data-testid="lesson-notice">
      <span className="min-w-0 flex-1 [overflow-wrap:anywhere]">{notice.message}</span>
      <button type="button" onClick={() => store.getState().dismissNotice()} className="rounded px-1 font-semibold text-muted hover:text-ink" aria-label="Dismiss message">×</button>
    </div>
  );
}

function ProgressFiles({ lessonId }: { lessonId: string | undefined }) {
  const store = useLessonStore();
  const file = useRef<HTMLInputElement>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  return (
    <footer className="mt-4 flex flex-wrap items-center gap-1.5 border-t border-line pt-3">
      <span className="mr-auto text-xs text-muted">Progress is saved in this browser.</span>
      <button type="button" className={button} onClick={() => downloadText(PROGRESS_FILE_NAME, store.getState().exportProgress())}>Export progress</button>
      <button type="button" className={button} onClick={() => file.current?.click()}>Import progress…</button>
      <input
        ref={file} type="file" accept="application/json,.json" className="hidden" aria-label="Import a lesson progress file"
        onChange={async (e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (!f) return;
          // the lessons the file names (each a chunk of its own) load first, so it is read against them, and the
          // progress checks (a chunk of their own too)
          const text = await f.text();
          await Promise.all([ensureLessons(lessonIdsIn(text), store), loadProgressReader().catch(() => undefined)]);
          store.getState().importProgress(text);
        }}
      />
      {lessonId && <button type="button" className={button} onClick={() => setConfirmReset(true)}>Reset this lesson…</button>}
      <ConfirmDialog
        open={confirmReset}
        title="Reset this lesson?"
        confirmLabel="Reset"
        onCancel={() => setConfirmReset(false)}
        onConfirm={() => {
          setConfirmReset(false);
          if (lessonId) store.getState().resetLesson(lessonId);
        }}
      >
        <p>Tasks done, hints, the solutions you saw and your answers in this lesson are forgotten. Other lessons keep their progress.</p>
      </ConfirmDialog>
    </footer>
  );
}
