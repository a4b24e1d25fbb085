import type { ReactNode } from 'react';

export function PanelHeader({ id, title, children }: { id: string; title: string; children?: ReactNode }) {
  return (
    <div className="flex min-h-11 items-center gap-2 border-b border-line px-3 py-1.5">
      <h2 id={id} className="text-sm font-semibold uppercase tracking-wide text-muted">{title}</h2>
      <div className="ml-auto flex items-center gap-1.5">{children}</div>
    </div>
  );
}
