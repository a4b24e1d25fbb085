/**
 * Rows of known heights, of which only those in view (and a few either side) are in the DOM: a list of any length
 * costs what a screenful costs. The rows sit in a box of their total height inside the nearest ancestor marked
 * `data-windowed-scroller` (which may hold other content above and below them), each placed at its offset.
 */
import { useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';

export interface WindowedRow {
  key: string;
  /** height in px (fixed: the row's content must fit it) */
  height: number;
  render(): ReactNode;
}

const OVERSCAN_PX = 240;

/** First row whose bottom is below `y` (offsets ascending). */
function rowAt(offsets: readonly number[], heights: readonly number[], y: number): number {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid] + heights[mid] <= y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function WindowedRows({ rows, label, className }: { rows: readonly WindowedRow[]; label: string; className?: string }) {
  const box = useRef<HTMLUListElement>(null);
  const [view, setView] = useState({ top: 0, height: 800 });
  const { offsets, heights, total } = useMemo(() => {
    const o: number[] = [];
    const h: number[] = [];
    let y = 0;
    for (const r of rows) {
      o.push(y);
      h.push(r.height);
      y += r.height;
    }
    return { offsets: o, heights: h, total: y };
  }, [rows]);

  useLayoutEffect(() => {
    // (found from the list itself: a parent's ref is not attached yet when a child's layout effect runs)
    const list = box.current;
    const el = list?.closest<HTMLElement>('[data-windowed-scroller]');
    if (!el || !list) return;
    const measure = () => {
      // where the rows' box starts inside the scroller's content
      const start = list.getBoundingClientRect().top - el.getBoundingClientRect().top + el.scrollTop;
      const top = el.scrollTop - start;
      setView((v) => (v.top === top && v.height === el.clientHeight ? v : { top, height: el.clientHeight }));
    };
    measure();
    el.addEventListener('scroll', measure, { passive: true });
    const resize = new ResizeObserver(measure);
    resize.observe(el);
    return () => {
      el.removeEventListener('scroll', measure);
      resize.disconnect();
    };
  }, []);

  const first = rowAt(offsets, heights, view.top - OVERSCAN_PX);
  const last = Math.min(rows.length, rowAt(offsets, heights, view.top + view.height + OVERSCAN_PX) + 1);
  const shown = [];
  for (let i = first; i < last; i++) {
    const r = rows[i];
    shown.push(
      <li key={r.key} style={{ position: 'absolute', top: offsets[i], left: 0, right: 0, height: r.height }}>
        {r.render()}
      </li>,
    );
  }
  return (
    <ul ref={box} aria-label={label} className={className} style={{ position: 'relative', height: total }}>
      {shown}
    </ul>
  );
}
