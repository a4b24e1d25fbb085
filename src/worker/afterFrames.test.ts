import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterFrames } from './afterFrames';

afterEach(() => vi.useRealTimers());

describe('afterFrames', () => {
  it('at once for no frame; with no frames shown (a hidden tab, Node), 100 ms a frame, once', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    afterFrames(0, fn);
    expect(fn).toHaveBeenCalledTimes(1);
    afterFrames(3, fn);
    vi.advanceTimersByTime(299);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('a frame shown counts at once: the task after it, not the 100 ms', () => {
    vi.useFakeTimers();
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    const fn = vi.fn();
    afterFrames(2, fn);
    frames.shift()!(0);
    vi.advanceTimersByTime(0);
    frames.shift()!(16);
    vi.advanceTimersByTime(0);
    expect(fn).toHaveBeenCalledTimes(1);
    // the fallback timers of the frames already shown do nothing more
    vi.advanceTimersByTime(500);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.unstubAllGlobals();
  });
});
