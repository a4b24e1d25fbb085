/** The event under the cursor: its fields, and why it happened (the user action, the table row and its note). */
import { useDisplayPosition, useLab, useUiStore } from '../../store/hooks';
import { docsUrl } from '../flow/docsUrl';
import { rowOf, TABLES } from '../../model/flow/tables';
import { describeUserEvent, kindInfo } from './kinds';
import { isFailedAt, isPendingAt, resultAt } from '../../model/traceRules';
import { PASSED_DOWN, PASSED_DOWN_WHY, passedDownUntouched, passWords } from '../common/irpPass';
import { usePrefetchVetoes, WithVetoes } from '../devices/VetoNote';
import { isVeto } from '../../model/vetoEvent';
import { scanEnding, type ScanEnding } from '../../model/scanEnding';
import { trackScanners } from '../../model/scanState';
import type { RunResult } from '../../model/runLab';
import type { TraceEvent } from '../../engine/trace';
import { prefetchPrimer } from '../primer/primerPart';

/** Fields shown in their own rows; `end` is never shown (it tells when the result becomes known: the future). */
const SHOWN_FIELDS = new Set(['seq', 't', 'kind', 'name', 'device', 'layer', 'driver', 'pass', 'result', 'resultHex', 'end', 'args', 'cause', 'at', 'client', 'component']);

const COMPONENTS: Record<string, string> = { application: 'the application', service: 'the WIA service', minidriver: 'the scanner’s minidriver' };

export function EventDetails() {
  const ui = useUiStore();
  const run = useLab((s) => s.run);
  const position = Math.min(useDisplayPosition(), run.trace.length);
  const seek = useLab((s) => s.seek);
  usePrefetchVetoes();
  const e = run.trace[position - 1];
  if (!e) {
    return <p className="p-4 text-sm text-muted">{run.trace.length === 0 ? 'Details of the selected event appear here.' : 'At the start, before the first event. Press → or Play.'}</p>;
  }
  const k = kindInfo(e.kind);
  const shown = resultAt(e, position);
  const failed = isFailedAt(e, position);
  const causeIndex = e.kind === 'user' ? position - 1 : e.cause !== undefined ? e.cause - 1 : undefined;
  const cause = causeIndex !== undefined ? run.trace[causeIndex] : undefined;
  const stepNumber = causeIndex !== undefined ? run.stepEvents.indexOf(causeIndex) + 1 : 0;
  const [tableId, rowId] = e.at?.split('/') ?? [];
  const table = tableId ? TABLES.get(tableId) : undefined;
  const row = table && rowId ? rowOf(tableId, rowId) : undefined;
  const cite = row?.cite ?? table?.cite;
  const args = Object.entries(e.args ?? {});
  /** fields the engine adds to some events (client, component, resultHex...) */
  const extra = Object.entries(e).filter(([key, v]) => !SHOWN_FIELDS.has(key) && v !== undefined);
  const ending = endingOf(run, e, position);
  const pass = passWords(e);
  return (
    <div className="space-y-3 p-3 text-sm" aria-live="off">
      <div className="flex flex-wrap items-baseline gap-2">
        <span className={`rounded px-1.5 font-mono text-[11px] font-bold ${k.className}`}>{k.badge}</span>
        <h3 className={`break-all font-mono text-base font-semibold ${failed ? 'text-bad' : ''}`}>{e.name}</h3>
        <span className="ml-auto text-xs text-muted">#{e.seq} · t = {e.t} ms</span>
      </div>
      <div className="rounded-lg bg-sunken p-2.5">
        <h4 className="mb-1 text-xs font-semibold uppercase tracking-wide text-muted">Why</h4>
        {/* what students ask first: who vetoed, what ended the scan */}
        {isVeto(e) && (
          <WithVetoes>
            {({ explainVeto }) => {
              const veto = explainVeto(run, position - 1);
              return <Because label="Who vetoed" sentence={veto.sentence} note={veto.note} cause={veto.cause} cite={veto.cite} labChoice={veto.labChoice} run={run} testId="why-veto" />;
            }}
          </WithVetoes>
        )}
        {ending && <Because label="How the scan ended" sentence={ending.sentence} cause={ending.index} cite={ending.cite} labChoice={ending.labChoice} run={run} testId="why-ending" />}
        {cause && (
          <p>
            {e.kind === 'user' ? 'You did this' : 'Because of'}{' '}
            {e.kind === 'user' ? (
              <strong>{describeUserEvent(cause)}</strong>
            ) : (
              <button type="button" className="font-semibold text-accent underline underline-offset-2" onClick={() => seek(causeIndex! + 1)}>{describeUserEvent(cause)}</button>
            )}
            {stepNumber > 0 && <span className="text-muted"> (step {stepNumber}, event #{cause.seq})</span>}.
          </p>
        )}
        {table && (
          <p className="mt-1">
            Table row <code className="font-mono text-xs">{e.at}</code> in “{table.title}”{row?.note ? `: ${row.note}` : '.'}
            {cite && <> <a className="text-accent underline underline-offset-2" href={docsUrl(cite)} target="_blank" rel="noreferrer">Microsoft page</a></>}
          </p>
        )}
        {!table && e.at && <p className="mt-1">Produced by <code className="font-mono text-xs">{e.at}</code> (the lab itself, not a table row).</p>}
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
        {e.device && <div className="contents"><dt className="text-muted">Device</dt><dd className="font-mono">{e.device}</dd></div>}
        {e.layer && <div className="contents"><dt className="text-muted">Layer</dt><dd>{e.layer}</dd></div>}
        {e.driver && <div className="contents"><dt className="text-muted">Driver</dt><dd className="font-mono">{e.driver}</dd></div>}
        {e.client && <div className="contents"><dt className="text-muted">{e.kind === 'wia' ? 'Application' : 'Client'}</dt><dd className="font-mono">{e.client}</dd></div>}
        {e.component && <div className="contents"><dt className="text-muted">Runs in</dt><dd>{COMPONENTS[e.component] ?? e.component}</dd></div>}
        {pass && (
          <div className="contents">
            <dt className="text-muted">Pass</dt>
            <dd data-testid="event-pass"><span className="font-bold text-accent" aria-hidden="true">{pass.arrow}</span> {pass.word}: {pass.sentence}</dd>
          </div>
        )}
        {!e.result && passedDownUntouched(e) && (
          <div className="contents">
            <dt className="text-muted">Result</dt>
            <dd data-testid="event-result">
              {shown.pending ? shown.text : <span className="italic">{PASSED_DOWN}</span>}
              <span className="ml-1.5 text-xs text-muted">{shown.pending ? '(the driver has not passed it on yet at the cursor)' : PASSED_DOWN_WHY}</span>
            </dd>
          </div>
        )}
        {e.result && (
          <div className="contents">
            <dt className="text-muted">Result</dt>
            <dd className={`font-mono ${failed ? 'font-semibold text-bad' : ''}`} data-testid="event-result">
              {shown.text}
              {shown.hex && <span className="ml-1.5 font-normal text-muted">{shown.hex}</span>}
              {shown.pending && <span className="ml-1.5 font-sans text-xs text-muted">({e.kind === 'irp' ? 'the driver has not completed it' : 'it has not returned'} yet at the cursor)</span>}
            </dd>
          </div>
        )}
        {extra.map(([key, v]) => (
          <div key={key} className="contents"><dt className="text-muted">{key}</dt><dd className="break-all font-mono">{typeof v === 'string' ? v : JSON.stringify(v)}</dd></div>
        ))}
        {args.map(([key, v]) => (
          <div key={key} className="contents"><dt className="text-muted">{key}</dt><dd className="break-all font-mono text-xs">{typeof v === 'string' ? v : JSON.stringify(v)}</dd></div>
        ))}
      </dl>
      <button type="button" onClick={() => ui.getState().openPrimerForEvent()} onPointerEnter={prefetchPrimer} onFocus={prefetchPrimer} className="rounded-full border border-line bg-panel px-2.5 py-0.5 text-xs font-medium hover:bg-sunken" aria-keyshortcuts="G">
        Explain this event in the primer <kbd aria-hidden="true" className="ml-1 font-mono text-muted">G</kbd>
      </button>
    </div>
  );
}

/**
 * How the scan this event belongs to ended, once the cursor is past what shows it: for the events
 * from that one on, and for the calls whose result (known only when they return) is already shown.
 */
function endingOf(run: RunResult, e: TraceEvent, position: number): ScanEnding | undefined {
  if (e.device === undefined || e.cause === undefined) return undefined;
  const scan = trackScanners(run).get(e.device)?.scans.find((r) => run.trace[r.start].seq === e.cause || (r.start < position - 1 && position - 1 <= r.last));
  if (!scan) return undefined;
  const ending = scanEnding(run, e.device, scan, position);
  if (!ending) return undefined;
  const index = position - 1;
  return index >= ending.index || (e.end !== undefined && !isPendingAt(e, position)) ? ending : undefined;
}

/** One answer to "why": the sentence, the event that shows it, the page it follows, and what the lab chose itself. */
function Because({ label, sentence, note, cause, cite, labChoice, run, testId }: { label: string; sentence: string; note?: string; cause: number | undefined; cite: string | undefined; labChoice?: string; run: RunResult; testId: string }) {
  const seek = useLab((s) => s.seek);
  return (
    <div className="mb-1.5 border-b border-line pb-1.5">
      <p data-testid={testId}>
        <span className="font-semibold">{label}: </span>
        {sentence}
        {cause !== undefined && <> <button type="button" className="text-accent underline underline-offset-2" onClick={() => seek(cause + 1)}>event #{run.trace[cause].seq}</button></>}
        {cite && <> <a className="text-accent underline underline-offset-2" href={docsUrl(cite)} target="_blank" rel="noreferrer">Microsoft page</a></>}
      </p>
      {(note || labChoice) && <p className="mt-0.5 text-xs text-muted">{[note, labChoice].filter(Boolean).join(' ')}</p>}
    </div>
  );
}
