/** Beside the scrubber: why a seek stopped at a lesson's question (the lab's notice with scope `gate`). */
import { useLab, useVisibleEnd } from '../../store/hooks';

export function GateNote() {
  const notice = useLab((s) => (s.notice?.scope === 'gate' ? s.notice : undefined));
  const dismiss = useLab((s) => s.dismissNotice);
  const trace = useLab((s) => s.run.trace);
  const position = useLab((s) => s.position);
  const { end, gated } = useVisibleEnd(trace, position);
  // once the question is answered (or the cursor went back before it) the message has no reason left
  if (!notice || !gated || end !== position) return null;
  return (
    <p className="flex min-w-0 max-w-96 shrink items-center gap-1 rounded-md border border-accent/40 bg-accent-soft px-2 py-0.5 text-xs" data-testid="gate-note" title={notice.message}>
      <span className="truncate">{notice.message}</span>
      <button type="button" onClick={dismiss} className="rounded px-1 font-semibold text-muted hover:text-ink" aria-label="Dismiss message">×</button>
    </p>
  );
}
