/** The timeline: filters by kind and device, the event list, and the selected event's details. */
import { memo } from 'react';
import { useDisplayPosition, useLab, useUi, useVisibleEnd } from '../../store/hooks';
import { PanelHeader } from '../common/PanelHeader';
import { EventList } from './EventList';
import { KINDS, kindInfo } from './kinds';

export function TimelinePanel() {
  const trace = useLab((s) => s.run.trace);
  const position = Math.min(useDisplayPosition(), trace.length);
  const { end, gated } = useVisibleEnd(trace, position);
  return (
    <section aria-labelledby="timeline-title" className="flex h-full flex-col">
      <PanelHeader id="timeline-title" title="Timeline">
        <Search />
        <span className="shrink-0 whitespace-nowrap text-xs tabular-nums text-muted" data-testid="timeline-count" aria-live="off" title={`event ${position} of ${end}${gated ? ' (later events hidden)' : ''}`}>{position}/{end}{gated ? '+' : ''}</span>
      </PanelHeader>
      <Filters />
      <div className="@container min-h-0 flex-1">
        <EventList />
      </div>
      {gated && <p className="border-t border-dashed border-accent/60 bg-accent-soft/50 px-2 py-1 text-xs" data-testid="timeline-gate">Later events are hidden until you answer the lesson’s question.</p>}
    </section>
  );
}

/** Find by name or result, and the device filter: in the panel's header, so the list keeps its height. */
const Search = memo(function Search() {
  const devices = useLab((s) => s.scenario.devices);
  const deviceFilter = useUi((s) => s.deviceFilter);
  const setDeviceFilter = useUi((s) => s.setDeviceFilter);
  const search = useUi((s) => s.search);
  const setSearch = useUi((s) => s.setSearch);
  return (
    <>
      {/* in a narrow panel the find box gives way first: the count beside it stays whole */}
      <label className="flex min-w-0 shrink items-center gap-1 text-xs">
        <span className="sr-only">Find events by name or result</span>
        <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Find…" className="w-28 min-w-14 shrink rounded border border-line bg-panel px-1.5 py-0.5" />
      </label>
      <label className="flex min-w-0 shrink items-center gap-1 text-xs">
        <span className="sr-only">Device</span>
        <select value={deviceFilter} onChange={(e) => setDeviceFilter(e.target.value)} className="min-w-16 max-w-32 rounded border border-line bg-panel px-1 py-0.5">
          <option value="">All devices</option>
          {devices.map((d) => <option key={d.id} value={d.id}>{d.id}</option>)}
        </select>
      </label>
    </>
  );
});

/** The event kinds shown, one row of toggles (it scrolls sideways when the panel is narrow). */
const Filters = memo(function Filters() {
  const hidden = useUi((s) => s.hiddenKinds);
  const toggleKind = useUi((s) => s.toggleKind);
  // the kinds a trace has are a closed set (TraceKind), every one listed in KINDS: no pass over the trace to find them
  const kinds = KINDS.filter((k) => k.kind !== 'user').map((k) => k.kind);
  return (
    <div className="flex items-center gap-1 overflow-x-auto border-b border-line px-2 py-1" role="group" aria-label="Filter events">
      {kinds.map((kind) => {
        const on = !hidden.includes(kind);
        return (
          <button key={kind} type="button" aria-pressed={on} onClick={() => toggleKind(kind)} className={`shrink-0 rounded-full border px-2 text-xs font-medium leading-5 ${on ? 'border-accent/50 bg-accent-soft text-ink' : 'border-line text-muted line-through'}`}>
            {kindInfo(kind).label}
          </button>
        );
      })}
    </div>
  );
});
