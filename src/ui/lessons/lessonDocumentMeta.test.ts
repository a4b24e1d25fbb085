import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../lessons';
import { lessonDescription, lessonTitle } from './lessonDocumentMeta';

describe('a lesson link reads as that lesson', () => {
  it('titles every lesson "<title> — PnP Lab"', () => {
    expect(lessonTitle(LESSONS[0])).toBe(`${LESSONS[0].title} — PnP Lab`);
  });

  it('describes every lesson in one sentence of at most 160 characters, cut at a word', () => {
    for (const lesson of LESSONS) {
      const d = lessonDescription(lesson);
      expect(d, lesson.id).toMatch(/^A PnP Lab lesson: \S/);
      expect(d.length, lesson.id).toBeLessThanOrEqual(160);
      expect(d, lesson.id).toMatch(/[.!?…]$/);
    }
  });

  it('keeps a short first sentence whole and cuts a long one at a word with an ellipsis', () => {
    expect(lessonDescription({ title: 'T', intro: ['Short one. Second sentence.'] })).toBe('A PnP Lab lesson: Short one.');
    const long = lessonDescription({ title: 'T', intro: [`${'word '.repeat(60)}end.`] });
    expect(long.endsWith('word…')).toBe(true);
    expect(long.length).toBeLessThanOrEqual(160);
  });
});
