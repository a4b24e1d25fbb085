/** A small keyboard-friendly menu (role="menu"): arrows move, Enter picks, Escape closes. */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useUi } from '../../store/uiStore';

export interface MenuItem {
  id: string;
  label: string;
  hint?: string;
  /** accelerator shown beside the label */
  keyHint?: string;
  tone?: 'danger';
  onSelect(): void;
}

export function Menu({ label, items, onClose, title }: { label: string; title?: string; items: MenuItem[]; onClose(): void }) {
  const [active, setActive] = useState(0);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const root = useRef<HTMLDivElement>(null);
  const setMenuOpen = useUi((s) => s.setMenuOpen);

  useEffect(() => {
    setMenuOpen(true);
    return () => setMenuOpen(false);
  }, [setMenuOpen]);

  useEffect(() => {
    refs.current[active]?.focus();
  }, [active, items]);

  useEffect(() => {
    const onDown = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', onDown, true);
    return () => document.removeEventListener('pointerdown', onDown, true);
  }, [onClose]);

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
    <div ref={root} role="menu" aria-label={label} onKeyDown={onKeyDown} className="absolute left-0 top-full z-30 mt-1 max-h-[60vh] w-72 overflow-auto rounded-lg border border-line bg-panel p-1 text-sm shadow-xl">
      {title && <div className="px-3 pb-1 pt-2 text-xs font-semibold uppercase tracking-wide text-muted" aria-hidden="true">{title}</div>}
      {items.map((it, i) => (
        <button
          key={it.id}
          ref={(el) => { refs.current[i] = el; }}
          type="button"
          role="menuitem"
          tabIndex={i === active ? 0 : -1}
          onClick={() => it.onSelect()}
          onMouseEnter={() => setActive(i)}
          className={`flex w-full items-start gap-2 rounded-md px-3 py-2 text-left hover:bg-sunken focus-visible:bg-sunken ${it.tone === 'danger' ? 'text-bad' : 'text-ink'}`}
        >
          <span className="flex-1">
            <span className="block font-medium">{it.label}</span>
            {it.hint && <span className="block text-xs text-muted">{it.hint}</span>}
          </span>
          {it.keyHint && <kbd className="rounded border border-line px-1.5 font-mono text-xs text-muted">{it.keyHint.toUpperCase()}</kbd>}
        </button>
      ))}
    </div>
  );
}
