/**
 * A lesson progress file (saved in the browser, exported, imported), checked: its shape with zod, then its lesson,
 * task and question ids against the lessons. A chunk of its own (lessonStore.ts loadProgressReader): a lesson opens
 * without it when nothing is saved.
 */
import * as z from 'zod/mini';
import type { Lesson } from '../lessons/types';
import { describeIssue as describeZodIssue } from '../scenario/issues';
import { checkJsonText, describeJsonProblem } from '../scenario/jsonText';
import { formatPath, showValue } from '../scenario/jsonValue';
import type { AnswerRecord, LessonProgress, TaskProgress } from './lessonStore';
import { MAX_PROGRESS_CHARS, PROGRESS_FORMAT, PROGRESS_VERSION } from './progressFormat';

const taskProgressSchema = z.strictObject({
  hintsShown: z.int().check(z.minimum(0), z.maximum(100)),
  solutionRevealed: z.boolean(),
  done: z.boolean(),
});

const answerSchema = z.strictObject({
  choice: z.string().check(z.maxLength(500)),
  correct: z.boolean(),
  actual: z.optional(z.string().check(z.maxLength(500))),
});

const lessonProgressSchema = z.strictObject({
  task: z.optional(z.string()),
  tasks: z.record(z.string(), taskProgressSchema),
  revealed: z.array(z.string()),
  answers: z.record(z.string(), answerSchema),
  completed: z.boolean(),
});

const fileSchema = z.strictObject({
  format: z.literal(PROGRESS_FORMAT),
  version: z.literal(PROGRESS_VERSION),
  exportedAt: z.optional(z.string()),
  lesson: z.optional(z.string()),
  task: z.optional(z.string()),
  lessons: z.record(z.string(), lessonProgressSchema),
});

export type ProgressFile = z.infer<typeof fileSchema>;

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const d = describeZodIssue(issue, input, 'expected a lesson progress file from PnP Lab');
  return `${d.path.length ? formatPath(d.path) : '(file)'}: ${d.message}`;
}

export type LessonProgressFile = z.infer<typeof lessonProgressSchema>;

/**
 * Checks a progress file: shape (zod), then the lesson, task and question ids against the lessons,
 * and each answer against its question's choices. Unknown tasks, questions and answers are dropped
 * and listed in `dropped`; unknown lessons too, and their progress is returned in `otherLessons`
 * (a file from a newer lab still imports, and keeps what this lab cannot show).
 */
export function parseProgress(text: string, lessons: readonly Lesson[]): { ok: true; file: ProgressFile; dropped: string[]; otherLessons: Record<string, LessonProgressFile> } | { ok: false; message: string } {
  if (text.length > MAX_PROGRESS_CHARS) return { ok: false, message: `(file): ${text.length} characters long; expected a lesson progress file (a few kilobytes)` };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const problem = checkJsonText(body);
  if (problem?.kind === 'syntax') return { ok: false, message: `(file): not valid JSON at ${describeJsonProblem(body, problem)}; expected a lesson progress file saved by PnP Lab ("Export progress")` };
  if (problem) return { ok: false, message: `(file): ${describeJsonProblem(body, problem)}` };
  const json: unknown = JSON.parse(body);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, message: '(file): expected a JSON object with "format": "pnp-lab-lesson-progress"' };
  const format = (json as { format?: unknown }).format;
  if (format !== PROGRESS_FORMAT) {
    const hint = typeof json === 'object' && json && 'devices' in json ? ' (this looks like a scenario file: use "Open…" for it)' : '';
    return { ok: false, message: `format: got ${showValue(format)}; expected "${PROGRESS_FORMAT}"${hint}` };
  }
  const version = (json as { version?: unknown }).version;
  if (typeof version === 'number' && Number.isInteger(version) && version > PROGRESS_VERSION) {
    return { ok: false, message: `version: got ${version}; this file was saved by a newer PnP Lab, and this one reads version ${PROGRESS_VERSION} (open it in the newer lab, or update this one)` };
  }
  const r = fileSchema.safeParse(json);
  if (!r.success) return { ok: false, message: describeIssue(r.error.issues[0], json) };
  const file = r.data;
  const dropped: string[] = [];
  const byId = new Map(lessons.map((l) => [l.id, l]));
  const clean: Record<string, LessonProgress> = {};
  const otherLessons: Record<string, LessonProgressFile> = {};
  const show = (id: string) => showValue(id).slice(1, -1);
  for (const [id, p] of Object.entries(file.lessons)) {
    const lesson = byId.get(id);
    if (!lesson) {
      dropped.push(`lesson "${show(id)}"`);
      otherLessons[id] = p;
      continue;
    }
    const taskIds = new Set(lesson.tasks.map((t) => t.id));
    const questionIds = new Set(lesson.questions.map((q) => q.id));
    const tasks: Record<string, TaskProgress> = {};
    for (const [t, tp] of Object.entries(p.tasks)) {
      if (!taskIds.has(t)) {
        dropped.push(`task "${id}/${show(t)}"`);
        continue;
      }
      const hints = lesson.tasks.find((x) => x.id === t)!.hints.length;
      tasks[t] = { ...tp, hintsShown: Math.min(tp.hintsShown, hints) };
    }
    const answers: Record<string, AnswerRecord> = {};
    for (const [q, a] of Object.entries(p.answers)) {
      const question = lesson.questions.find((x) => x.id === q);
      if (!question) dropped.push(`question "${id}/${show(q)}"`);
      else if (!question.choices.includes(a.choice)) dropped.push(`the answer to "${id}/${q}" (${showValue(a.choice)} is not one of its choices)`);
      else answers[q] = a;
    }
    clean[id] = {
      ...(p.task !== undefined && taskIds.has(p.task) ? { task: p.task } : {}),
      tasks,
      revealed: p.revealed.filter((q) => questionIds.has(q)),
      answers,
      completed: lesson.tasks.every((t) => tasks[t.id]?.done === true),
    };
  }
  const lessonOk = file.lesson !== undefined && byId.has(file.lesson);
  const taskOk = lessonOk && file.task !== undefined && byId.get(file.lesson!)!.tasks.some((t) => t.id === file.task);
  return {
    ok: true,
    file: { ...file, lesson: lessonOk ? file.lesson : undefined, task: taskOk ? file.task : undefined, lessons: clean },
    dropped,
    otherLessons,
  };
}

