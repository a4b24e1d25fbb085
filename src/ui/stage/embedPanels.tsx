/** The stage's views as panels of their own in an embedded lab (`panels=source`): chunks loaded only when asked for. */
import { lazy, Suspense } from 'react';

const SourcePanelPart = lazy(() => import('../source/SourcePanel').then((m) => ({ default: m.SourcePanel })));
const ComparePanelPart = lazy(() => import('../compare/ComparePanel').then((m) => ({ default: m.ComparePanel })));

export function EmbedSourcePanel() {
  return (
    <div className="h-full">
      <Suspense fallback={<p className="p-3 text-sm text-muted" role="status">Loading…</p>}>
        <SourcePanelPart />
      </Suspense>
    </div>
  );
}

export function EmbedComparePanel() {
  return (
    <div className="h-full">
      <Suspense fallback={<p className="p-3 text-sm text-muted" role="status">Loading…</p>}>
        <ComparePanelPart />
      </Suspense>
    </div>
  );
}
