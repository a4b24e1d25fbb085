/**
 * A small keyboard-friendly menu (role="menu"): arrows move, Enter picks, Escape closes. It is shown
 * in the top layer (the Popover API), placed by its anchor, so no pane's scrolling, clipping or
 * containment ever cuts it: the whole menu is on screen, shifted up when there is no room below.
 */
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { useUi } from '../../store/hooks';

export interface MenuItem {
  id: string;
  label: string;
  hint?: string;
  /** accelerator shown beside the label */
  keyHint?: string;
  tone?: 'danger';
  onSelect(): void;
}

interface Props {
  label: string;
  title?: string;
  items: MenuItem[];
  onClose(): void;
  /** the control that opened the menu: the menu is placed below it (or above, or beside) */
  anchor: RefObject<HTMLElement | null>;
  /** which edge of the anchor the menu lines up with */
  align?: 'start' | 'end';
}

const GAP = 4;
const EDGE = 8;

/** Where the menu goes: below the anchor if it fits, else above, else as low as it fits; always inside the viewport. */
export function placeMenu(anchor: DOMRect, menu: { width: number; height: number }, view: { width: number; height: number }, align: 'start' | 'end'): { left: number; top: number; maxHeight: number } {
  const maxHeight = view.height - 2 * EDGE;
  const height = Math.min(menu.height, maxHeight);
  let top: number;
  if (anchor.bottom + GAP + height <= view.height - EDGE) top = anchor.bottom + GAP;
  else if (anchor.top - GAP - height >= EDGE) top = anchor.top - GAP - height;
  else top = Math.max(EDGE, view.height - EDGE - height);
  let left = align === 'end' ? anchor.right - menu.width : anchor.left;
  left = Math.max(EDGE, Math.min(left, view.width - EDGE - menu.width));
  return { left, top, maxHeight };
}

export function Menu({ label, items, onClose, title, anchor, align = 'start' }: Props) {
  const [active, setActive] = useState(0);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const root = useRef<HTMLDivElement>(null);
  const setMenuOpen = useUi((s) => s.setMenuOpen);

  useEffect(() => {
    setMenuOpen(true);
    return () => setMenuOpen(false);
  }, [setMenuOpen]);

  // Into the top layer, then placed by the anchor (before the first paint, so it never shows in the wrong place).
  useLayoutEffect(() => {
    const el = root.current;
    if (!el) return;
    if (typeof el.showPopover === 'function' && !el.matches(':popover-open')) el.showPopover();
    const place = () => {
      const a = anchor.current?.getBoundingClientRect();
      if (!a) return;
      el.style.maxHeight = '';
      const { left, top, maxHeight } = placeMenu(a, { width: el.offsetWidth, height: el.scrollHeight }, { width: innerWidth, height: innerHeight }, align);
      el.style.left = `${left}px`;
      el.style.top = `${top}px`;
      el.style.maxHeight = `${maxHeight}px`;
    };
    place();
    // the page or the anchor's pane scrolls, or the window resizes: the menu moves with its anchor
    const onScroll = (e: Event) => {
      const a = anchor.current;
      if (a && (e.target === document || (e.target instanceof Node && e.target.contains(a)))) place();
    };
    addEventListener('resize', place);
    document.addEventListener('scroll', onScroll, true);
    return () => {
      removeEventListener('resize', place);
      document.removeEventListener('scroll', onScroll, true);
    };
  }, [anchor, align, items]);

  useEffect(() => {
    refs.current[active]?.focus();
  }, [active, items]);

  useEffect(() => {
    const onDown = (e: PointerEvent) => {
      // a press on the anchor is left to the anchor's own click, which toggles the menu
      const target = e.target as Node;
      if (root.current && !root.current.contains(target) && !anchor.current?.contains(target)) onClose();
    };
    document.addEventListener('pointerdown', onDown, true);
    return () => document.removeEventListener('pointerdown', onDown, true);
  }, [onClose, anchor]);

  const onKeyDown = (e: KeyboardEvent) => {
    const n = items.length;
    const go = (i: number) => {
      e.preventDefault();
      setActive(((i % n) + n) % n);
    };
    e.stopPropagation();
    switch (e.key) {
      case 'ArrowDown': return go(active + 1);
      case 'ArrowUp': return go(active - 1);
      case 'Home': return go(0);
      case 'End': return go(n - 1);
      case 'Escape':
        e.preventDefault();
        return onClose();
      case 'Tab':
        return onClose();
      default: {
        const hit = items.findIndex((it) => it.keyHint?.toLowerCase() === e.key.toLowerCase());
        if (hit >= 0 && e.key.length === 1) {
          e.preventDefault();
          items[hit].onSelect();
        }
      }
    }
  };

  return (
    <div
      ref={root}
      popover="manual"
      role="menu"
      tabIndex={-1}
      aria-label={label}
      onKeyDown={onKeyDown}
      className="fixed inset-auto m-0 w-[22rem] max-w-[calc(100vw-1rem)] overflow-auto rounded-lg border border-line bg-panel p-1 text-sm text-ink shadow-xl"
    >
      {title && <div className="px-3 pb-0.5 pt-1.5 text-xs font-semibold uppercase tracking-wide text-muted" aria-hidden="true">{title}</div>}
      {items.map((it, i) => (
        <button
          key={it.id}
          ref={(el) => { refs.current[i] = el; }}
          type="button"
          role="menuitem"
          tabIndex={i === active ? 0 : -1}
          onClick={() => it.onSelect()}
          onMouseEnter={() => setActive(i)}
          className={`flex w-full items-start gap-2 rounded-md px-3 py-1 text-left hover:bg-sunken focus-visible:bg-sunken ${it.tone === 'danger' ? 'text-bad' : 'text-ink'}`}
        >
          <span className="min-w-0 flex-1">
            <span className="block font-medium leading-snug">{it.label}</span>
            {it.hint && <span className="block text-xs leading-snug text-muted">{it.hint}</span>}
          </span>
          {it.keyHint && <kbd className="rounded border border-line px-1.5 font-mono text-xs text-muted">{it.keyHint.toUpperCase()}</kbd>}
        </button>
      ))}
    </div>
  );
}
