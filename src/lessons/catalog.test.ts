import { describe, expect, it } from 'vitest';
import { LESSON_CATALOG } from './catalog';
import { LESSONS } from '.';

describe('the lesson catalog', () => {
  it('names exactly the lessons and tasks of LESSONS, in order', () => {
    expect(LESSON_CATALOG.map((l) => ({ id: l.id, tasks: l.tasks.map((t) => t.id) }))).toEqual(LESSONS.map((l) => ({ id: l.id, tasks: l.tasks.map((t) => t.id) })));
  });
});
