/** The last message from the lab (an impossible action, a replaced step), shown near the controls it is about. */
import { useLab } from '../../store/hooks';

export function NoticeBar({ scopes, exclude }: { scopes?: string[]; exclude?: string[] }) {
  const notice = useLab((s) => s.notice);
  const dismiss = useLab((s) => s.dismissNotice);
  if (!notice) return null;
  const scope = notice.scope ?? '';
  if (scopes && !scopes.includes(scope)) return null;
  if (exclude && exclude.includes(scope)) return null;
  const error = notice.kind === 'error';
  return (
    <div className={`flex items-start gap-2 rounded-lg border px-3 py-2 text-sm ${error ? 'border-bad/40 bg-bad-soft text-bad' : 'border-accent/30 bg-accent-soft text-ink'}`} data-testid="notice">
      <span className="font-semibold">{error ? 'Not possible:' : 'Note:'}</span>
      <span className="min-w-0 flex-1 [overflow-wrap:anywhere]">{notice.message}</span>
      <button type="button" onClick={dismiss} className="rounded px-1 font-semibold text-muted hover:text-ink" aria-label="Dismiss message">×</button>
    </div>
  );
}
