/** The timeline: filters by kind and device, the event list, and the selected event's details. */
import { memo, useMemo } from 'react';
import { useDisplayPosition } from '../playback/useDisplayPosition';
import { useLab } from '../../store/labStore';
import { useUi } from '../../store/uiStore';
import { useVisibleEnd } from '../../store/lessonGate';
import { PanelHeader } from '../common/PanelHeader';
import { EventList } from './EventList';
import { KINDS, kindInfo } from './kinds';

export function TimelinePanel() {
  const trace = useLab((s) => s.run.trace);
  const position = Math.min(useDisplayPosition(50), trace.length);
  const { end, gated } = useVisibleEnd(trace, position);
  return (
    <section aria-labelledby="timeline-title" className="flex h-full flex-col">
      <PanelHeader id="timeline-title" title="Timeline">
        <span className="text-xs text-muted" aria-live="off">event {position} of {end}{gated ? '+' : ''}</span>
      </PanelHeader>
      <Filters />
      <div className="@container min-h-0 flex-1">
        <EventList />
      </div>
      {gated && <p className="border-t border-dashed border-accent/60 bg-accent-soft/50 px-2 py-1 text-xs" data-testid="timeline-gate">Later events are hidden until you answer the lesson’s question.</p>}
    </section>
  );
}

const Filters = memo(function Filters() {
  const trace = useLab((s) => s.run.trace);
  const devices = useLab((s) => s.scenario.devices);
  const hidden = useUi((s) => s.hiddenKinds);
  const toggleKind = useUi((s) => s.toggleKind);
  const deviceFilter = useUi((s) => s.deviceFilter);
  const setDeviceFilter = useUi((s) => s.setDeviceFilter);
  const search = useUi((s) => s.search);
  const setSearch = useUi((s) => s.setSearch);
  const kinds = useMemo(() => {
    const present = new Set(trace.map((e) => e.kind));
    const known = KINDS.filter((k) => k.kind !== 'user').map((k) => k.kind);
    return [...known, ...[...present].filter((k) => k !== 'user' && !known.includes(k))];
  }, [trace]);
  return (
    <div className="flex flex-wrap items-center gap-1 border-b border-line px-2 py-1.5" role="group" aria-label="Filter events">
      {kinds.map((kind) => {
        const on = !hidden.includes(kind);
        return (
          <button key={kind} type="button" aria-pressed={on} onClick={() => toggleKind(kind)} className={`rounded-full border px-2 py-0.5 text-xs font-medium ${on ? 'border-accent/50 bg-accent-soft text-ink' : 'border-line text-muted line-through'}`}>
            {kindInfo(kind).label}
          </button>
        );
      })}
      <label className="flex items-center gap-1 text-xs">
        <span className="sr-only">Find events by name or result</span>
        <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Find…" className="w-28 rounded border border-line bg-panel px-1.5 py-0.5" />
      </label>
      <label className="ml-auto flex items-center gap-1 text-xs">
        <span className="text-muted">Device</span>
        <select value={deviceFilter} onChange={(e) => setDeviceFilter(e.target.value)} className="rounded border border-line bg-panel px-1 py-0.5">
          <option value="">All</option>
          {devices.map((d) => <option key={d.id} value={d.id}>{d.id}</option>)}
        </select>
      </label>
    </div>
  );
});
