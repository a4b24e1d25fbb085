/** The stage's views as panels of their own in an embedded lab (`panels=source`): chunks loaded only when asked for. */
import { lazy, Suspense } from 'react';

const SourcePanelPart = lazy(() => import('../source/SourcePanel').then((m) => ({ default: m.SourcePanel })));

export function EmbedSourcePanel() {
  return (
    <div className="h-full">
      <Suspense fallback={<p className="p-3 text-sm text-muted" role="status">Loading…</p>}>
        <SourcePanelPart />
      </Suspense>
    </div>
  );
}
