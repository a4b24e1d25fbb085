import type { ReactNode } from 'react';

/** A panel's title bar; `tabs` (the stage's view tabs) take the title's place, which then stays for screen readers only. */
export function PanelHeader({ id, title, tabs, children }: { id: string; title: string; tabs?: ReactNode; children?: ReactNode }) {
  return (
    <div className="flex min-h-11 items-center gap-2 border-b border-line px-3 py-1.5">
      {tabs}
      <h2 id={id} className={tabs ? 'sr-only' : 'text-sm font-semibold uppercase tracking-wide text-muted'}>{title}</h2>
      <div className="ml-auto flex min-w-0 items-center gap-1.5">{children}</div>
    </div>
  );
}
