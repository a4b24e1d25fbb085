/**
 * The panels of an embedded lab, arranged by the frame's width (embedArrangement.ts): wider than
 * 1000 px side by side, as many as asked for; at 1000 px or less at most two: the flowchart (or the
 * first panel asked for) and one tabbed panel holding the others, so no panel is squeezed into a
 * column too narrow to read; below 560 px every panel is a tab of one column. A tab's panel may be a
 * part not fetched yet (startParts.tsx): it is fetched when the tabs are reached for (pointer or focus).
 */
import { useState, type ReactNode } from 'react';
import type { Panel } from '../../embed/params';
import { useMediaQuery } from '../common/hooks';
import { preloadPanels } from '../startParts';
import { embedArrangement } from './embedArrangement';
import { Tabs } from './Tabs';

const LABELS: Record<Panel, string> = { hardware: 'Hardware', tree: 'Devices', flow: 'Flowchart', timeline: 'Timeline', lesson: 'Lesson', source: 'Driver source', compare: 'Compare' };

const column = (p: Panel) => (p === 'flow' || p === 'source' || p === 'compare' ? 'minmax(0, 1.5fr)' : 'minmax(0, 1fr)');

export function EmbedLayout({ shown, byName }: { shown: readonly Panel[]; byName: Record<Panel, ReactNode> }) {
  const wide = useMediaQuery('(min-width: 1001px)');
  const narrow = !useMediaQuery('(min-width: 560px)');
  const arrangement = embedArrangement(shown, wide, narrow);
  const [tab, setTab] = useState<Panel | undefined>(undefined);

  if (arrangement.kind === 'columns') {
    return (
      <main className="grid h-[560px] gap-1" style={{ gridTemplateColumns: shown.map(column).join(' ') }}>
        {shown.map((p) => <div key={p} className="min-h-0">{byName[p]}</div>)}
      </main>
    );
  }
  const rest = arrangement.tabs;
  const current = tab !== undefined && rest.includes(tab) ? tab : arrangement.firstTab;
  const reach = () => void preloadPanels(rest);
  const tabs = (
    <div className="h-full min-h-0 bg-panel" key="tabs" onPointerEnter={reach} onFocus={reach}>
      <Tabs<Panel> label="Panels" idPrefix="embed" tabs={rest.map((p) => ({ id: p, label: LABELS[p] }))} value={current} onChange={setTab}>
        {byName[current]}
      </Tabs>
    </div>
  );
  const main = arrangement.main;
  if (main === undefined) return <main className="h-[560px]">{tabs}</main>;
  const first = <div key="main" className="min-h-0">{byName[main]}</div>;
  return (
    <main className="grid h-[560px] gap-1" style={{ gridTemplateColumns: arrangement.mainFirst ? `${column(main)} minmax(0, 1fr)` : `minmax(0, 1fr) ${column(main)}` }}>
      {arrangement.mainFirst ? [first, tabs] : [tabs, first]}
    </main>
  );
}
