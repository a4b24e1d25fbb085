/** Transport controls: start, step back, play/pause, step forward, end, speed and a scrubber. */
import type { ReactNode } from 'react';
import { SPEEDS } from '../../store/labStore';
import { useDisplayPosition, useLab, useLabStore, useVisibleEnd } from '../../store/hooks';
import { GateNote } from './GateNote';
import { RunProgress } from '../lazyParts';

function Btn({ label, onClick, children, disabled, keyHint }: { label: string; onClick(): void; children: ReactNode; disabled?: boolean; keyHint: string }) {
  return (
    <button type="button" aria-label={label} title={`${label} (${keyHint})`} aria-keyshortcuts={keyHint} onClick={onClick} disabled={disabled} className="grid h-9 w-9 place-items-center rounded-lg border border-line bg-panel hover:bg-sunken disabled:opacity-40">
      {children}
    </button>
  );
}

const icon = (d: string) => (
  <svg viewBox="0 0 24 24" className="h-4 w-4" fill="currentColor" aria-hidden="true"><path d={d} /></svg>
);

export function PlaybackBar() {
  const lab = useLabStore();
  // the displayed position, as every panel shows it (during fast playback it catches up ten times a second)
  const length = useLab((s) => s.run.trace.length);
  const position = Math.min(useDisplayPosition(), length);
  const playing = useLab((s) => s.playing);
  const speed = useLab((s) => s.speed);
  const t = useLab((s) => s.run.trace[position - 1]?.t);
  // At a lesson's question the scrubber ends at the question: nothing after it is shown.
  const trace = useLab((s) => s.run.trace);
  const { end, gated } = useVisibleEnd(trace, position);
  // room for the longest the position can read (the last event and its time), so it never wraps nor moves the scrubber as it plays
  const widest = `${length}/${length}+ · ${trace[length - 1]?.t ?? 0} ms`.length;
  const { seek, step, togglePlay, setSpeed } = lab.getState();
  return (
    <div role="toolbar" aria-label="Playback" className="flex flex-wrap items-center gap-2 border-t border-line bg-panel px-3 py-2">
      <RunProgress />
      <Btn label="Jump to start" keyHint="Home" onClick={() => seek(0)} disabled={position === 0}>{icon('M6 5h2v14H6zM20 5v14L9 12z')}</Btn>
      <Btn label="Step back" keyHint="ArrowLeft" onClick={() => step(-1)} disabled={position === 0}>{icon('M18 5v14L7 12zM5 5h2v14H5z')}</Btn>
      <button type="button" onClick={togglePlay} aria-keyshortcuts="Space" disabled={length === 0} className="flex h-9 min-w-24 items-center justify-center gap-1.5 rounded-lg bg-accent px-3 font-semibold text-accent-ink disabled:opacity-40">
        {playing ? icon('M7 5h4v14H7zM13 5h4v14h-4z') : icon('M7 5v14l12-7z')}
        {playing ? 'Pause' : 'Play'}
      </button>
      <Btn label="Step forward" keyHint="ArrowRight" onClick={() => step(1)} disabled={position >= length}>{icon('M6 5v14l11-7zM17 5h2v14h-2z')}</Btn>
      <Btn label="Jump to end" keyHint="End" onClick={() => seek(length)} disabled={position >= length}>{icon('M4 5v14l11-7zM16 5h2v14h-2z')}</Btn>
      <label className="ml-1 flex items-center gap-1.5 text-sm">
        <span className="text-muted">Speed</span>
        <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} className="rounded-md border border-line bg-panel px-1.5 py-1">
          {SPEEDS.map((s) => <option key={s} value={s}>{s} events/s</option>)}
        </select>
      </label>
      <label className="flex min-w-48 flex-1 items-center gap-2 text-sm">
        <span className="sr-only">Cursor position in the trace</span>
        <input type="range" min={0} max={end} value={Math.min(position, end)} onChange={(e) => seek(Number(e.target.value))} className="w-full accent-[var(--color-accent)]" aria-valuetext={`event ${position} of ${end}${gated ? ', the rest hidden until the lesson\'s question is answered' : ''}`} />
      </label>
      <GateNote />
      <span className="whitespace-nowrap text-right font-mono text-xs text-muted [contain:layout_paint]" style={{ minWidth: `max(10rem, ${widest}ch)` }} aria-live="off" title={gated ? 'The events after the lesson\'s question are hidden until it is answered.' : undefined}>
        {position}/{end}{gated ? '+' : ''}{t !== undefined ? ` · ${t} ms` : ''}
      </span>
    </div>
  );
}
