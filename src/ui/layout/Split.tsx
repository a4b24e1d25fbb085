/**
 * Two or more panels side by side (or stacked) with draggable, keyboard-resizable separators.
 * Sizes are fractions; on a narrow screen the panels stack at fixed heights and scroll.
 */
import { Fragment, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';

interface Props {
  direction: 'row' | 'column';
  initial: number[];
  min?: number;
  labels: string[];
  children: ReactNode[];
}

export function Split({ direction, initial, min = 0.12, labels, children }: Props) {
  const [sizes, setSizes] = useState(initial);
  const box = useRef<HTMLDivElement>(null);
  const drag = useRef<{ i: number; start: number; sizes: number[] } | undefined>(undefined);
  const row = direction === 'row';

  const resize = (i: number, delta: number, base = sizes) => {
    const a = base[i] + delta;
    const b = base[i + 1] - delta;
    if (a < min || b < min) return;
    const next = [...base];
    next[i] = a;
    next[i + 1] = b;
    setSizes(next);
  };
  const extent = () => {
    const r = box.current?.getBoundingClientRect();
    return r ? (row ? r.width : r.height) : 1;
  };
  const onPointerDown = (i: number) => (e: PointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { i, start: row ? e.clientX : e.clientY, sizes };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) return;
    resize(d.i, ((row ? e.clientX : e.clientY) - d.start) / extent(), d.sizes);
  };
  const onKeyDown = (i: number) => (e: KeyboardEvent) => {
    const back = row ? 'ArrowLeft' : 'ArrowUp';
    const fwd = row ? 'ArrowRight' : 'ArrowDown';
    if (e.key !== back && e.key !== fwd) return;
    e.preventDefault();
    e.stopPropagation();
    resize(i, e.key === fwd ? 0.03 : -0.03);
  };

  return (
    <div ref={box} className={`flex h-full min-h-0 w-full min-w-0 ${row ? 'flex-row' : 'flex-col'}`}>
      {children.map((child, i) => (
        <Fragment key={i}>
          <div style={{ flexBasis: 0, flexGrow: sizes[i] }} className="min-h-0 min-w-0 overflow-hidden">{child}</div>
          {i < children.length - 1 && (
            <div
              role="separator"
              tabIndex={0}
              aria-orientation={row ? 'vertical' : 'horizontal'}
              aria-label={`Resize ${labels[i]} and ${labels[i + 1]}`}
              aria-valuenow={Math.round((sizes[i] / (sizes[i] + sizes[i + 1])) * 100)}
              aria-valuemin={0}
              aria-valuemax={100}
              onPointerDown={onPointerDown(i)}
              onPointerMove={onPointerMove}
              onPointerUp={() => { drag.current = undefined; }}
              onKeyDown={onKeyDown(i)}
              className={`group relative shrink-0 touch-none bg-line hover:bg-accent focus-visible:bg-accent ${row ? 'w-1 cursor-col-resize' : 'h-1 cursor-row-resize'}`}
            >
              <span className={`absolute ${row ? '-left-1.5 -right-1.5 inset-y-0' : '-top-1.5 -bottom-1.5 inset-x-0'}`} />
            </div>
          )}
        </Fragment>
      ))}
    </div>
  );
}
