import { describe, expect, it } from 'vitest';
import { ListScroll } from './listScroll';

describe('ListScroll: the timeline follows the cursor without reading the element', () => {
  it('a move is written once, and its own scroll event changes nothing', () => {
    const s = new ListScroll();
    expect(s.set(320)).toBe(true);
    expect(s.toWrite(320)).toBe(320);
    expect(s.seen(320)).toBe(false);
    expect(s.known).toBe(320);
    expect(s.set(320)).toBe(false);
  });

  it('the scroll event of an earlier write that comes after a newer move keeps the newer position (the CI failure)', () => {
    const s = new ListScroll();
    s.set(320);
    expect(s.toWrite(320)).toBe(320); // frame 1 writes 320
    s.set(640); // the cursor moves again before frame 2
    expect(s.seen(320)).toBe(false); // frame 2 starts with the scroll event of 320: the list's own, not the person's
    expect(s.known).toBe(640);
    expect(s.toWrite(640)).toBe(640); // and frame 2 still writes the newer position
    expect(s.seen(640)).toBe(false);
    expect(s.known).toBe(640);
  });

  it('a position superseded before its frame is not written', () => {
    const s = new ListScroll();
    s.set(320);
    s.set(640);
    expect(s.toWrite(320)).toBeUndefined();
    expect(s.toWrite(640)).toBe(640);
  });

  it('the person scrolling wins over a position not yet written', () => {
    const s = new ListScroll();
    s.set(320);
    expect(s.seen(96)).toBe(true);
    expect(s.known).toBe(96);
    expect(s.toWrite(320)).toBeUndefined();
  });

  it('a write the browser clamps (the list got shorter) is taken as seen', () => {
    const s = new ListScroll();
    s.set(5000);
    s.toWrite(5000);
    expect(s.seen(4200)).toBe(true);
    expect(s.known).toBe(4200);
  });

  it('a write is recognised once: a later scroll to the same place is the person', () => {
    const s = new ListScroll();
    s.set(320);
    s.toWrite(320);
    s.set(640);
    expect(s.seen(320)).toBe(false);
    expect(s.seen(320)).toBe(true);
    expect(s.known).toBe(320);
  });
});
