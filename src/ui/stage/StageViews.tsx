/**
 * The stage's main region: the flowchart, the driver's source at the cursor, or (with a comparison set) the two
 * runs side by side, one at a time behind tabs in the region's title bar (WAI-ARIA tabs: arrows, Home/End). The
 * flowchart is part of the start bundle; the source and the comparison are chunks loaded when first shown.
 */
import { lazy, Suspense, useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useLab } from '../../store/hooks';
import { useViews, useViewStore } from '../../store/viewHooks';
import type { StageView } from '../../store/viewStore';
import { FlowPanel } from '../flow/FlowPanel';
import { onDemand } from '../common/onDemand';

const SourcePanelPart = lazy(() => import('../source/SourcePanel').then((m) => ({ default: m.SourcePanel })));
const comparePanel = onDemand(() => import('../compare/ComparePanel').then((m) => m.ComparePanel));
const comparePicker = onDemand(() => import('../compare/ComparePicker').then((m) => m.ComparePicker));

/**
 * The Compare dialog, with a comparison's checks and text form (their own chunk: scenario/comparison.ts), fetched when
 * what opens it is reached for (the header's Compare: `prefetchComparePicker`, which fetches the Compare view too;
 * Change… in the Compare view fetches the dialog's chunk) and at the latest when it is opened.
 */
export function ComparePicker() {
  const open = useViews((s) => s.pickerOpen);
  return open ? <Suspense fallback={null}><comparePicker.Loaded /></Suspense> : null;
}

export function prefetchComparePicker(): void {
  comparePicker.prefetch();
  comparePanel.prefetch();
}

const LABELS: Record<StageView, string> = { flow: 'Flowchart', source: 'Driver source', compare: 'Compare' };

function Loading({ header }: { header: ReactNode }) {
  return (
    <div className="flex h-full flex-col">
      <div className="flex min-h-11 items-center border-b border-line px-3 py-1.5">{header}</div>
      <p className="p-3 text-sm text-muted" role="status">Loading…</p>
    </div>
  );
}

/** The view tabs, drawn in the title bar of the view they show. */
export function ViewTabs({ views }: { views: readonly StageView[] }) {
  const view = useViews((s) => s.view);
  const setView = useViews((s) => s.setView);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (e: KeyboardEvent, i: number) => {
    const n = views.length;
    const next = e.key === 'ArrowRight' ? (i + 1) % n : e.key === 'ArrowLeft' ? (i - 1 + n) % n : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : undefined;
    if (next === undefined) return;
    e.preventDefault();
    e.stopPropagation();
    setView(views[next]);
    // the view re-renders its title bar: focus the tab once it is there
    requestAnimationFrame(() => document.getElementById(`view-tab-${views[next]}`)?.focus());
  };
  return (
    <div role="tablist" aria-label="Views" className="-my-1.5 flex shrink-0 items-end gap-0.5 self-stretch overflow-x-auto pt-1.5">
      {views.map((v, i) => {
        const selected = v === view;
        return (
          <button
            key={v}
            ref={(el) => { refs.current[i] = el; }}
            type="button"
            role="tab"
            id={`view-tab-${v}`}
            aria-selected={selected}
            aria-controls="view-panel"
            tabIndex={selected ? 0 : -1}
            onClick={() => setView(v)}
            onKeyDown={(e) => onKeyDown(e, i)}
            className={`-mb-px whitespace-nowrap rounded-t-md border border-b-2 px-2 py-1.5 text-sm font-semibold uppercase tracking-wide ${selected ? 'border-line border-b-accent bg-panel text-ink' : 'border-transparent text-muted hover:bg-sunken hover:text-ink'}`}
          >
            {LABELS[v]}
          </button>
        );
      })}
    </div>
  );
}

export function StageViews() {
  const view = useViews((s) => s.view);
  const viewStore = useViewStore();
  const comparing = useLab((s) => s.scenario.compare !== undefined);
  // a comparison that appears (set in the dialog, a link, a lesson, a file) is shown
  const was = useRef(comparing);
  useEffect(() => {
    if (comparing && !was.current) viewStore.getState().setView('compare');
    was.current = comparing;
  }, [comparing, viewStore]);
  const views: StageView[] = comparing ? ['flow', 'source', 'compare'] : ['flow', 'source'];
  const shown = views.includes(view) ? view : 'flow';
  const tabs = <ViewTabs views={views} />;
  return (
    <div role="tabpanel" id="view-panel" aria-labelledby={`view-tab-${shown}`} className="h-full">
      {shown === 'flow' ? (
        <FlowPanel tabs={tabs} />
      ) : (
        <Suspense fallback={<Loading header={tabs} />}>
          {shown === 'source' ? <SourcePanelPart tabs={tabs} /> : <comparePanel.Loaded tabs={tabs} />}
        </Suspense>
      )}
    </div>
  );
}
