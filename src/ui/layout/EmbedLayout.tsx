/**
 * The panels of an embedded lab. Wider than 1000 px they stand side by side, as many as asked for.
 * At 1000 px or less at most two do: the flowchart (or the first panel asked for) and one tabbed
 * panel holding the others, so no panel is squeezed into a column too narrow to read. Below 560 px
 * every panel is a tab of one column.
 */
import { useState, type ReactNode } from 'react';
import type { Panel } from '../../embed/params';
import { useMediaQuery } from '../common/hooks';
import { Tabs } from './Tabs';

const LABELS: Record<Panel, string> = { hardware: 'Hardware', tree: 'Devices', flow: 'Flowchart', timeline: 'Timeline', lesson: 'Lesson', source: 'Driver source', compare: 'Compare' };

const column = (p: Panel) => (p === 'flow' || p === 'source' || p === 'compare' ? 'minmax(0, 1.5fr)' : 'minmax(0, 1fr)');

export function EmbedLayout({ shown, byName }: { shown: readonly Panel[]; byName: Record<Panel, ReactNode> }) {
  const wide = useMediaQuery('(min-width: 1001px)');
  const narrow = !useMediaQuery('(min-width: 560px)');
  const main: Panel = shown.includes('compare') ? 'compare' : shown.includes('flow') ? 'flow' : shown[0];
  const rest = narrow ? [...shown] : shown.filter((p) => p !== main);
  const [tab, setTab] = useState<Panel>(rest.includes('lesson') ? 'lesson' : rest[0]);

  if (wide || (!narrow && shown.length <= 2)) {
    return (
      <main className="grid h-[560px] gap-1" style={{ gridTemplateColumns: shown.map(column).join(' ') }}>
        {shown.map((p) => <div key={p} className="min-h-0">{byName[p]}</div>)}
      </main>
    );
  }
  const current = rest.includes(tab) ? tab : rest[0];
  const tabs = (
    <div className="h-full min-h-0 bg-panel" key="tabs">
      <Tabs<Panel> label="Panels" idPrefix="embed" tabs={rest.map((p) => ({ id: p, label: LABELS[p] }))} value={current} onChange={setTab}>
        {byName[current]}
      </Tabs>
    </div>
  );
  if (narrow) return <main className="h-[560px]">{tabs}</main>;
  const mainFirst = shown.indexOf(main) === 0;
  const first = <div key="main" className="min-h-0">{byName[main]}</div>;
  return (
    <main className="grid h-[560px] gap-1" style={{ gridTemplateColumns: mainFirst ? `${column(main)} minmax(0, 1fr)` : `minmax(0, 1fr) ${column(main)}` }}>
      {mainFirst ? [first, tabs] : [tabs, first]}
    </main>
  );
}
