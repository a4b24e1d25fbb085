/**
 * One driver source, highlighted, with the function running at the cursor lit and its return line marked, and the
 * settings' behaviours written in as return statements (sourceRows.ts). The Driver source panel (SourcePanel.tsx)
 * passes the cursor's function from the trace and a control for each behaviour line. The tokenizer loads on first
 * use, as its own chunk.
 */
import { memo, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Token, TokenKind } from '../../sources/highlight';
import type { DriverSource } from '../../sources/format';
import { useReducedMotion } from '../common/hooks';
import { sourceRows, type SourceRow, type SourceViewOptions } from './sourceRows';

type Highlighter = (lines: readonly string[]) => Token[][];

const TOKEN_CLASS: Record<TokenKind, string> = {
  plain: '',
  comment: 'text-syn-comment italic',
  string: 'text-syn-string',
  number: 'text-syn-number',
  preprocessor: 'text-syn-keyword',
  keyword: 'text-syn-keyword font-semibold',
  annotation: 'text-muted',
  type: 'text-syn-type',
  constant: 'text-syn-constant',
  function: 'text-syn-function',
};

let loading: Promise<Highlighter> | undefined;
/** The tokenizer: the one given, or loaded once for the whole page (its own chunk). */
function useHighlighter(given: Highlighter | undefined): Highlighter | undefined {
  const [loaded, setLoaded] = useState<Highlighter | undefined>(undefined);
  useEffect(() => {
    if (given) return;
    let live = true;
    (loading ??= import('../../sources/highlight').then((m) => m.highlight)).then((h) => live && setLoaded(() => h));
    return () => {
      live = false;
    };
  }, [given]);
  return given ?? loaded;
}

export interface DriverSourceViewProps extends SourceViewOptions {
  source: DriverSource;
  /** One line above the code: what led to the active function (the IRP or call), when the panel knows it. */
  caller?: string;
  /** The tokenizer, when the caller has it already (tests); otherwise it loads lazily and plain text shows meanwhile. */
  highlighter?: Highlighter;
  /** A control drawn at the end of the row that stands for a function's behaviour (its return line), if any; `active`: the function runs at the cursor. */
  control?(fn: string, active: boolean): ReactNode;
  /** More lines in the header (whose settings the source shows). */
  context?: ReactNode;
  /** Said where the running line would be, when no function is lit. */
  note?: string;
  /** Drawn inside a panel that has its own frame: no border or rounded corners. */
  frameless?: boolean;
  /** Draw the file's header (name, what it is, which drivers run it); off when the panel puts the file in its own title bar. */
  showHeader?: boolean;
}

function rowClass(r: SourceRow): string {
  if (r.setting === 'fails') return 'bg-bad-soft';
  if (r.setting === 'hangs') return 'bg-warn-soft';
  if (r.returning) return 'bg-ok-soft';
  if (r.calling) return 'bg-accent-soft ring-1 ring-inset ring-accent';
  if (r.active) return 'bg-accent-soft';
  return '';
}

/** A region of its own ("Driver source") when it draws its header; inside a panel that names it, a plain box. */
function Frame({ label, className, children }: { label?: string; className: string; children: ReactNode }) {
  return label ? <section aria-label={label} className={className}>{children}</section> : <div className={className}>{children}</div>;
}

const Code = memo(function Code({ tokens, text }: { tokens: Token[] | undefined; text: string }) {
  if (!tokens) return <>{text}</>;
  return <>{tokens.map((t, i) => (TOKEN_CLASS[t.kind] ? <span key={i} className={TOKEN_CLASS[t.kind]}>{t.text}</span> : t.text))}</>;
});

export function DriverSourceView({ source, caller, highlighter, active, result, behaviours, careless, running, call, control, context, note, frameless, showHeader = true }: DriverSourceViewProps) {
  const highlight = useHighlighter(highlighter);
  const rows = useMemo(() => sourceRows(source, { active, result, behaviours, careless, running, call }), [source, active, result, behaviours, careless, running, call]);
  const written = useMemo(() => highlight?.(source.lines), [highlight, source]);
  const tokensOf = (r: SourceRow): Token[] | undefined =>
    !highlight ? undefined : r.line !== undefined && r.text === source.lines[r.line - 1] ? written?.[r.line - 1] : highlight([r.text])[0];

  const activeFn = active === undefined ? undefined : source.functions.find((f) => f.name === active);
  const returning = rows.find((r) => r.returning);
  const focusKey = (returning ?? rows.find((r) => r.calling))?.key;
  const scroller = useRef<HTMLDivElement>(null);
  const reduced = useReducedMotion();
  useEffect(() => {
    const box = scroller.current;
    const first = box?.querySelector<HTMLElement>('[data-active-start]');
    if (!box || !first) return;
    // the function from one row above its start; when it is taller than the box, its return (or call) line wins
    const row = first.offsetHeight || 24;
    let top = first.offsetTop - row;
    const focus = box.querySelector<HTMLElement>('[data-focus]');
    if (focus) {
      const bottom = focus.offsetTop + focus.offsetHeight + row * 1.5;
      if (bottom > top + box.clientHeight) top = bottom - box.clientHeight;
    }
    top = Math.max(0, top);
    // glide to a function near by; jump to one far away (and always with reduced motion)
    box.scrollTo({ top, behavior: reduced || Math.abs(top - box.scrollTop) > box.clientHeight ? 'auto' : 'smooth' });
  }, [active, source, reduced, focusKey]);

  return (
    <Frame label={showHeader ? 'Driver source' : undefined} className={`presenter-large flex h-full min-h-0 flex-col overflow-hidden bg-panel ${frameless ? '' : 'rounded-xl border border-line'}`}>
      {showHeader && (
        <header className="flex flex-wrap items-baseline gap-x-3 gap-y-0.5 border-b border-line px-3 py-2">
          <h2 className="font-mono text-sm font-semibold">{source.file}</h2>
          <span className="text-sm text-muted">{source.title}</span>
          <span className="basis-full text-xs text-muted">Runs as {source.serves}</span>
          {context}
        </header>
      )}
      {activeFn && (
        <p className="border-b border-line bg-sunken px-3 py-1.5 text-sm" data-testid="source-running">
          {caller && <span className="text-muted">{caller} → </span>}
          <span className="font-mono font-semibold">{activeFn.identifier}</span>
          {!activeFn.identifier.endsWith(activeFn.name) && <span className="text-muted"> ({activeFn.name})</span>}
          {returning && <span className="text-muted">{returning.line === undefined ? `, never returns (set to hang${source.framework === 'umdf1' ? '; the reflector ends the host after 60 s' : ''})` : `, returns on line ${returning.line}`}</span>}
          {running && !returning && <span className="text-muted">, still running (it returns later)</span>}
        </p>
      )}
      {!activeFn && (caller || note) && (
        <p className="border-b border-line bg-sunken px-3 py-1.5 text-sm text-muted" data-testid="source-running">{note ?? caller}</p>
      )}
      <div
        ref={scroller}
        role="region"
        tabIndex={0}
        aria-label={`${source.file} source code`}
        className="relative min-h-0 flex-1 overflow-auto py-1 font-mono text-sm leading-6"
      >
        {rows.map((r) => (
          <div
            key={r.key}
            className={`flex min-w-max pr-3 ${rowClass(r)} ${r.active ? 'border-l-4 border-accent' : 'border-l-4 border-transparent'}`}
            data-line={r.line}
            data-active={r.active || undefined}
            data-active-start={(activeFn && r.line === activeFn.first) || undefined}
            data-setting={r.setting}
            data-focus={r.key === focusKey || undefined}
          >
            <span aria-hidden="true" className="w-12 shrink-0 select-none pr-3 text-right text-muted">{r.line ?? '+'}</span>
            <code className={`whitespace-pre ${r.setting === 'unreached' || r.setting === 'absent' ? 'opacity-45' : ''} ${r.leftOut ? 'line-through opacity-60' : ''}`}>
              <Code tokens={tokensOf(r)} text={r.text} />
            </code>
            {r.note && (
              <span className={`ml-4 shrink-0 self-center rounded px-1.5 font-sans text-xs font-semibold ${r.setting === 'fails' ? 'text-bad' : r.setting === 'hangs' ? 'text-warn' : r.returning ? 'text-ok' : r.calling ? 'text-accent' : 'text-muted'}`}>
                ◀ {r.note}
              </span>
            )}
            {control && r.behaviourOf !== undefined && control(r.behaviourOf, r.active)}
          </div>
        ))}
      </div>
    </Frame>
  );
}
