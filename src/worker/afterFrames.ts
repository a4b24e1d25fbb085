/**
 * Calls `fn` once the page has shown `n` more frames, each laid out and painted in a task of its own (a frame, then a
 * task after it). A hidden tab or an off-screen frame shows none: each frame is then taken as 100 ms, so what waits
 * for them still comes.
 */
export function afterFrames(n: number, fn: () => void): void {
  if (n <= 0) return fn();
  let done = false;
  const next = () => {
    if (done) return;
    done = true;
    afterFrames(n - 1, fn);
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(next, 0));
  setTimeout(next, 100);
}
