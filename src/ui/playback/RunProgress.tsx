/**
 * A run in the engine worker that takes more than a moment (~300 ms): how far it got (steps and events), and
 * Cancel, which leaves the lab as it was. A newer action cancels it too.
 */
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useLabStore } from '../../store/hooks';
import { runProgress } from '../../worker/runProgress';

/** One formatter (toLocaleString makes one per call, ten times a second while a run goes). */
const NUMBER = new Intl.NumberFormat('en-US');

/** Runs shorter than this show no bar (the result is there before a bar would be read). */
const SHOW_AFTER_MS = 300;

/** `cancelRun`: worker/runScheduler.ts's (passed in by lazyParts.tsx, so this chunk imports no more of the start path). */
export function RunProgress({ cancelRun }: { cancelRun(): boolean }) {
  const running = useStore(runProgress, (s) => s.running);
  const lab = useLabStore();
  const [late, setLate] = useState<number | undefined>(undefined);
  useEffect(() => {
    if (!running) return;
    const wait = Math.max(0, running.startedAt + SHOW_AFTER_MS - performance.now());
    const timer = setTimeout(() => setLate(running.id), wait);
    return () => clearTimeout(timer);
  }, [running?.id, running?.startedAt, running]);
  if (!running || late !== running.id) return null;
  const percent = running.totalSteps > 0 ? Math.round((100 * running.steps) / running.totalSteps) : 0;
  const what = running.reading ? 'Reading the scenario file' : 'Running the scenario';
  const words = running.reading ? 'checking it as the CLI does' : `step ${NUMBER.format(running.steps)} of ${NUMBER.format(running.totalSteps)}, ${NUMBER.format(running.events)} events`;
  return (
    <div className="flex basis-full flex-wrap items-center gap-x-3 gap-y-1 text-sm" data-run-progress>
      <span className="shrink-0 font-medium">{what}…</span>
      {/* reading a file: no steps yet, so no value (an indeterminate bar) */}
      <div role="progressbar" aria-label={what} aria-valuemin={0} aria-valuemax={100} aria-valuenow={running.reading ? undefined : percent} aria-valuetext={words} className="h-2.5 min-w-24 flex-1 overflow-hidden rounded-full bg-sunken ring-1 ring-line">
        <div className={`h-full ${running.reading ? 'bg-accent/40' : 'bg-accent'}`} style={{ width: running.reading ? '100%' : `${percent}%` }} />
      </div>
      {/* on a narrow screen the words go on a line of their own, so Cancel stays in view */}
      <span className="order-last basis-full font-mono text-xs text-muted sm:order-none sm:basis-auto">{words}</span>
      <button
        type="button"
        onClick={() => {
          if (cancelRun()) lab.setState({ notice: { kind: 'info', message: 'Cancelled: the run was stopped, and the lab is as it was before.', scope: 'scenario' } });
        }}
        className="shrink-0 rounded-md border border-line bg-panel px-2.5 py-1 text-xs font-semibold hover:bg-sunken"
      >
        Cancel
      </button>
    </div>
  );
}
