import { describe, expect, it } from 'vitest';
import { LESSON_CATALOG } from './catalog';
import { loadLesson } from './load';
import { LESSONS } from '.';

describe('the lesson catalog', () => {
  it('names exactly the lessons, titles and tasks of LESSONS, in order', () => {
    expect(LESSON_CATALOG.map((l) => ({ id: l.id, title: l.title, tasks: l.tasks.map((t) => t.id) }))).toEqual(LESSONS.map((l) => ({ id: l.id, title: l.title, tasks: l.tasks.map((t) => t.id) })));
  });

  it('loads every lesson it names, each from its own module', async () => {
    for (const { id } of LESSON_CATALOG) expect(await loadLesson(id), id).toBe(LESSONS.find((l) => l.id === id));
    expect(await loadLesson('nope')).toBeUndefined();
    expect(await loadLesson('toString')).toBeUndefined();
  });
});
