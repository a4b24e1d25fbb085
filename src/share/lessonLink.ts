/**
 * Lesson and task ids in a link, an embed parameter or a host page's `load`, checked against the
 * lesson list (lessons/catalog.ts). Loaded only by pages that have one (and by the link codec).
 */
import { LESSON_CATALOG, type LessonIds } from '../lessons/catalog';
import { showValue } from '../scenario/jsonValue';
import { shareError, type ShareError } from './sandbox';

/** Checks a lesson id (and task id) against the lesson list; shared by links, embed parameters and the host page's `load`. */
export function checkLesson(lesson: unknown, task: unknown, lessons: readonly LessonIds[] = LESSON_CATALOG): { ok: true; lesson?: string; task?: string } | { ok: false; error: ShareError } {
  if (lesson === undefined) {
    if (task !== undefined) return shareError('task', 'given without a lesson; expected a lesson too');
    return { ok: true };
  }
  const ids = lessons.map((l) => l.id);
  if (typeof lesson !== 'string') return shareError('lesson', `got ${showValue(lesson)}; expected a lesson id, one of: ${ids.join(', ')}`);
  const found = lessons.find((l) => l.id === lesson);
  if (!found) return shareError('lesson', `unknown lesson ${showValue(lesson)}; expected one of: ${ids.join(', ')}`);
  if (task === undefined) return { ok: true, lesson };
  const taskIds = found.tasks.map((t) => t.id);
  if (typeof task !== 'string' || !taskIds.includes(task)) return shareError('task', `${typeof task === 'string' ? `unknown task ${showValue(task)}` : `got ${showValue(task)}`} in lesson ${lesson}; expected one of: ${taskIds.join(', ')}`);
  return { ok: true, lesson, task };
}
