/**
 * A lesson link reads as that lesson: while a lesson is open, the page's title and description are
 * the lesson's (the browser tab, history, bookmarks, and link previews of tools that run the page).
 */
import { useEffect } from 'react';
import type { Lesson } from '../../lessons/types';

const MAX_DESCRIPTION = 160;

/** "<lesson title> — PnP Lab" */
export function lessonTitle(lesson: Pick<Lesson, 'title'>): string {
  return `${lesson.title} — PnP Lab`;
}

/** The first sentence of the lesson's introduction, cut at a word under 160 characters. */
export function lessonDescription(lesson: Pick<Lesson, 'title' | 'intro'>): string {
  const first = lesson.intro[0] ?? lesson.title;
  const sentence = /^.*?[.!?](?=\s|$)/.exec(first)?.[0] ?? first;
  const text = `A PnP Lab lesson: ${sentence}`;
  if (text.length <= MAX_DESCRIPTION) return text;
  return `${text.slice(0, MAX_DESCRIPTION - 1).replace(/\s+\S*$/, '')}…`;
}

/** Shows the open lesson in the document's title and description; the page's own come back when it closes. */
export function useLessonDocumentMeta(lesson: Lesson | undefined): void {
  useEffect(() => {
    if (!lesson || typeof document === 'undefined') return;
    const meta = document.querySelector('meta[name="description"]');
    const before = { title: document.title, description: meta?.getAttribute('content') ?? null };
    document.title = lessonTitle(lesson);
    meta?.setAttribute('content', lessonDescription(lesson));
    return () => {
      document.title = before.title;
      if (before.description !== null) meta?.setAttribute('content', before.description);
    };
  }, [lesson]);
}
