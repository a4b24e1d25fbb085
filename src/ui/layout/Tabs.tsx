/**
 * Tabs (WAI-ARIA tabs pattern): the arrow keys move between tabs and show the one focused, Home/End
 * jump to the first/last. Only the selected panel is mounted, so hidden panels cost nothing.
 */
import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabDef<T extends string> {
  id: T;
  label: string;
  /** a small count or status beside the label */
  badge?: ReactNode;
}

interface Props<T extends string> {
  label: string;
  tabs: readonly TabDef<T>[];
  value: T;
  onChange(id: T): void;
  children: ReactNode;
  idPrefix: string;
}

export function Tabs<T extends string>({ label, tabs, value, onChange, children, idPrefix }: Props<T>) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (e: KeyboardEvent, i: number) => {
    const n = tabs.length;
    let next: number | undefined;
    if (e.key === 'ArrowRight') next = (i + 1) % n;
    else if (e.key === 'ArrowLeft') next = (i - 1 + n) % n;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = n - 1;
    if (next === undefined) return;
    e.preventDefault();
    e.stopPropagation();
    onChange(tabs[next].id);
    refs.current[next]?.focus();
  };
  return (
    <div className="flex h-full flex-col">
      <div role="tablist" aria-label={label} className="flex min-h-11 shrink-0 items-end gap-0.5 overflow-x-auto border-b border-line px-2 pt-1.5">
        {tabs.map((t, i) => {
          const selected = t.id === value;
          return (
            <button
              key={t.id}
              ref={(el) => { refs.current[i] = el; }}
              type="button"
              role="tab"
              id={`${idPrefix}-tab-${t.id}`}
              aria-selected={selected}
              aria-controls={`${idPrefix}-panel-${t.id}`}
              tabIndex={selected ? 0 : -1}
              onClick={() => onChange(t.id)}
              onKeyDown={(e) => onKeyDown(e, i)}
              className={`-mb-px flex shrink-0 items-center gap-1.5 whitespace-nowrap rounded-t-md border border-b-2 px-2 py-1.5 text-[13px] font-semibold ${selected ? 'border-line border-b-accent bg-panel text-ink' : 'border-transparent text-muted hover:bg-sunken hover:text-ink'}`}
            >
              {t.label}
              {t.badge !== undefined && t.badge !== null && <span className="rounded-full bg-sunken px-1.5 text-[11px] font-semibold text-muted">{t.badge}</span>}
            </button>
          );
        })}
      </div>
      <div role="tabpanel" id={`${idPrefix}-panel-${value}`} aria-labelledby={`${idPrefix}-tab-${value}`} className="min-h-0 flex-1">
        {children}
      </div>
    </div>
  );
}
