/**
 * Compare: the scenario as set (run A) and with its one difference (run B), side by side, aligned by user step.
 * Each step has a header with one line that says what differs; its events stand in two lanes, paired where they are
 * the same event, marked where they are in one run only, out of order, or end differently. One cursor drives both:
 * run A's is the lab's cursor, run B's follows it (src/compare/align.ts). A lesson's unanswered question hides what
 * comes after it in both runs. A lazy chunk.
 */
import { memo, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { TraceEvent } from '../../engine/trace';
import { positionInB, type AlignedRow, type Mark } from '../../model/compare/align';
import { compareRuns, type ComparedStep } from '../../model/compare/compareRuns';
import { resultAt } from '../../model/traceRules';
import { setComparison } from '../../store/compareStore';
import { useDisplayPosition, useLab, useLabStore, useVisibleEnd } from '../../store/hooks';
import { useViewStore } from '../../store/viewHooks';
import { NoticeBar } from '../common/NoticeBar';
import { useReducedMotion } from '../common/hooks';
import { btnSm } from '../common/styles';
import { kindInfo } from '../timeline/kinds';
import { displayRows, type DisplayRow } from './displayRows';

/** Change… fetches the Compare dialog's chunk when it is reached for (the import stage/StageViews.tsx opens it with). */
const prefetchComparePicker = () => void import('./ComparePicker').catch(() => undefined);

const MARK: Record<Exclude<Mark, 'same'>, { tag: string; words: string; cell: string; tagClass: string }> = {
  onlyA: { tag: 'only', words: 'only in run A', cell: 'bg-accent-soft', tagClass: 'bg-accent text-accent-ink' },
  onlyB: { tag: 'only', words: 'only in run B', cell: 'bg-accent-soft', tagClass: 'bg-accent text-accent-ink' },
  moved: { tag: 'moved', words: 'in both runs, in a different place', cell: 'bg-warn-soft', tagClass: 'bg-warn text-panel' },
  result: { tag: '≠', words: 'a different result', cell: 'bg-bad-soft', tagClass: 'bg-bad text-panel' },
};

/**
 * One event in one lane: its number and kind, its name (kept whole: the driver's name gives way first), the result
 * where it matters (it differs, or it is a failure), and what the comparison found.
 */
const HIDDEN = 'What this step does is hidden until you answer the lesson’s question.';

/** The event's name, whole: a COM callback's interface (`IPnpCallback::`) gives way before its method. */
function Name({ e, current }: { e: TraceEvent; current: boolean }) {
  const arrow = e.kind === 'irp' && e.pass ? (e.pass === 'down' ? '↓ ' : '↑ ') : '';
  const split = e.name.lastIndexOf('::');
  const weight = current ? 'font-bold' : '';
  if (split < 0) return <span className={`min-w-0 shrink truncate font-mono ${weight}`}>{arrow}{e.name}</span>;
  return (
    <span className={`flex min-w-0 shrink items-baseline font-mono ${weight}`}>
      <span className="min-w-0 shrink truncate text-[0.85em] text-muted">{e.name.slice(0, split + 2)}</span>
      <span className="min-w-0 shrink-0">{e.name.slice(split + 2)}</span>
    </span>
  );
}

function Cell({ e, position, mark, side, current }: { e: TraceEvent | undefined; position: number; mark: Mark; side: 'a' | 'b'; current: boolean }) {
  if (!e) return <td data-lane={side} className="border-l border-line px-2 text-center text-muted"><span aria-hidden="true">—</span><span className="sr-only">not in this run</span></td>;
  const k = kindInfo(e.kind);
  const shown = resultAt(e, position);
  const m = mark === 'same' ? undefined : MARK[mark];
  const showResult = shown.text !== undefined && (mark === 'result' || shown.failed);
  return (
    <td data-lane={side} data-current={current || undefined} title={`#${e.seq} ${e.name}${e.driver ? ` (${e.driver}, ${e.layer})` : ''}${shown.text ? ` → ${shown.text}` : ''}${m ? `: ${m.words}` : ''}`} className={`border-l border-line px-2 py-0.5 ${m?.cell ?? ''} ${current ? 'outline-2 -outline-offset-2 outline-accent' : ''}`}>
      <div className="flex min-w-0 items-center gap-1.5">
        <span className="w-7 shrink-0 text-right font-mono text-xs text-muted">{e.seq}</span>
        <span className={`w-10 shrink-0 rounded px-0.5 text-center font-mono text-[10px] font-bold ${k.className}`}>{k.badge}</span>
        <Name e={e} current={current} />
        {e.driver && <span className="hidden min-w-0 shrink-[9] truncate text-xs text-muted @5xl:inline">{e.driver}</span>}
        {showResult && <span className={`ml-auto shrink-0 font-mono text-xs font-semibold ${mark === 'result' || shown.failed ? 'text-bad' : 'text-muted'}`}>{shown.text}</span>}
        {m && <span className={`${showResult ? '' : 'ml-auto'} shrink-0 whitespace-nowrap rounded px-1 text-[10px] font-bold ${m.tagClass}`}><span aria-hidden="true">{m.tag}</span><span className="sr-only">{m.words}</span></span>}
      </div>
    </td>
  );
}

const StepRows = memo(function StepRows({ step, A, B, aPos, bPos, onlyDifferences, visibleEnd }: { step: ComparedStep; A: readonly TraceEvent[]; B: readonly TraceEvent[]; aPos: number; bPos: number; onlyDifferences: boolean; visibleEnd: number }) {
  // what a lesson's question hides: run A's events from the gate on, and what run B shows after the last of A's still shown
  let aligned: AlignedRow[] = step.rows;
  const cut = aligned.findIndex((r) => r.a !== undefined && r.a >= visibleEnd);
  if (cut >= 0) aligned = aligned.slice(0, cut);
  if (onlyDifferences) aligned = aligned.filter((r) => r.mark !== 'same');
  const rows = displayRows(aligned);
  const lab = useLabStore();
  // a click moves the one cursor: to run A's event, or for one of run B's alone, to A's event before it
  const seekRow = (r: DisplayRow) => {
    if (r.a) return lab.getState().seek(r.a.index + 1);
    const i = step.rows.findIndex((x) => x.b === r.b!.index);
    const a = step.rows.slice(0, i).findLast((x) => x.a !== undefined)?.a ?? step.a[0];
    lab.getState().seek(a + 1);
  };
  return (
    <>
      {rows.map((r) => (
        <tr key={r.key} onClick={() => seekRow(r)} className="cursor-pointer hover:brightness-95">
          <Cell e={r.a && A[r.a.index]} position={aPos} mark={r.a?.mark ?? 'same'} side="a" current={r.a?.index === aPos - 1} />
          <Cell e={r.b && B[r.b.index]} position={bPos} mark={r.b?.mark ?? 'same'} side="b" current={r.b?.index === bPos - 1} />
        </tr>
      ))}
      {rows.length === 0 && (
        <tr><td colSpan={2} className="px-3 py-1 text-sm text-muted">{onlyDifferences ? 'No differences shown in this step.' : 'Nothing to show yet.'}</td></tr>
      )}
    </>
  );
});

/** `tabs`: the stage's view tabs, in place of the panel's title (an embed's panel has none). */
export function ComparePanel({ tabs }: { tabs?: ReactNode }) {
  const scenario = useLab((s) => s.scenario);
  const run = useLab((s) => s.run);
  const readonly = useLab((s) => s.readonly);
  const labStore = useLabStore();
  const views = useViewStore();
  const aPos = Math.min(useDisplayPosition(), run.trace.length);
  const { end: visibleEnd, gated } = useVisibleEnd(run.trace, aPos);
  const compare = scenario.compare;
  const outcome = useMemo(() => (compare ? compareRuns({ ...scenario, compare }, run) : undefined), [scenario, run, compare]);
  const runs = outcome?.ok ? outcome.runs : undefined;
  const bPos = runs ? positionInB(runs.steps, aPos, runs.b.trace.length) : 0;
  const current = runs?.steps.find((s) => aPos - 1 >= s.a[0] && aPos - 1 < s.a[1])?.step ?? 0;
  // steps opened or closed by hand, for this comparison only (another comparison starts afresh)
  const [toggled, setToggled] = useState<{ for: unknown; steps: ReadonlyMap<number, boolean> }>({ for: compare, steps: new Map() });
  const [onlyDifferences, setOnlyDifferences] = useState(false);
  const opened = toggled.for === compare ? toggled.steps : new Map<number, boolean>();
  const open = (step: number) => opened.get(step) ?? step === current;

  // keep the cursor's row in view, as the timeline does
  const scroller = useRef<HTMLDivElement>(null);
  const reduced = useReducedMotion();
  useEffect(() => {
    const box = scroller.current;
    const row = box?.querySelector<HTMLElement>('[data-current]');
    if (!box || !row) return;
    const r = row.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    const header = 64; // the sticky lane header and the step's header
    if (r.top < b.top + header || r.bottom > b.bottom) box.scrollTo({ top: box.scrollTop + r.top - b.top - b.height / 3, behavior: reduced ? 'auto' : 'smooth' });
  }, [aPos, bPos, reduced, current]);

  const titleBar = (
    <div className="flex min-h-11 shrink-0 items-center gap-x-3 border-b border-line px-3 py-1.5">
      {tabs ?? <h2 className="text-sm font-semibold uppercase tracking-wide text-muted">Compare</h2>}
      {runs && (
        <p className="ml-auto min-w-0 truncate text-sm" data-testid="compare-sides">
          <span className="font-semibold">A</span> {runs.sides.a} <span className="text-muted">vs</span> <span className="font-semibold">B</span> {runs.sides.b}
        </p>
      )}
      {!readonly && (
        <span data-edit className="flex shrink-0 gap-1.5">
          <button type="button" className={btnSm} onClick={() => views.getState().openPicker()} onPointerEnter={prefetchComparePicker} onFocus={prefetchComparePicker}>Change…</button>
          <button type="button" className={btnSm} onClick={() => { setComparison(labStore, undefined); views.getState().setView('flow'); }}>Stop comparing</button>
        </span>
      )}
    </div>
  );

  if (!compare || !outcome) {
    return (
      <section aria-label="Compare" className="flex h-full flex-col">
        {titleBar}
        <p className="p-3 text-sm text-muted">No comparison is set. Press Compare in the toolbar to run this scenario again with one difference.</p>
      </section>
    );
  }
  if (!outcome.ok) {
    return (
      <section aria-label="Compare" className="flex h-full flex-col">
        {titleBar}
        <p className="p-3 text-sm text-bad" role="alert">Run B could not run: {outcome.message}</p>
      </section>
    );
  }
  const { steps, b } = runs!;
  const currentStep = steps.find((x) => x.step === current);
  return (
    <section aria-label="Compare" className="flex h-full min-h-0 flex-col" data-testid="compare-panel">
      {titleBar}
      <div className="px-2 pt-1 empty:hidden"><NoticeBar scopes={['compare']} /></div>
      <div className="presenter-large flex items-start gap-3 border-b border-line bg-sunken px-3 py-1.5">
        <p className="min-w-0 flex-1 text-sm" data-testid="compare-current" aria-live="polite">
          <span className="font-semibold">{currentStep?.label}</span>{currentStep ? ' — ' : ''}
          <span>{currentStep && gated && currentStep.a[1] > visibleEnd ? HIDDEN : currentStep?.summary}</span>
        </p>
        <div className="flex shrink-0 flex-col items-end gap-0.5 text-xs text-muted">
          <span title="One cursor drives both runs: run B's follows run A's">A #{aPos} · B #{bPos}</span>
          <label className="flex items-center gap-1">
            <input type="checkbox" checked={onlyDifferences} onChange={(e) => setOnlyDifferences(e.target.checked)} className="h-3.5 w-3.5" />
            Only differences
          </label>
        </div>
      </div>
      <div ref={scroller} className="presenter-large @container relative min-h-0 flex-1 overflow-auto" tabIndex={0} role="region" aria-label="The two runs, step by step">
        <table className="w-full table-fixed border-collapse text-sm" aria-label={`Run A (${runs!.sides.a}) and run B (${runs!.sides.b}), step by step`}>
          <thead className="sticky top-0 z-10 bg-panel">
            <tr className="border-b border-line text-left">
              <th scope="col" className="px-2 py-1 font-semibold">Run A <span className="font-normal text-muted">· {runs!.sides.a}</span></th>
              <th scope="col" className="border-l border-line px-2 py-1 font-semibold">Run B <span className="font-normal text-muted">· {runs!.sides.b}</span></th>
            </tr>
          </thead>
          {steps.filter((s) => s.a[0] < visibleEnd || s.step === 0).map((s) => {
            const expanded = open(s.step);
            const differs = s.counts.onlyA + s.counts.onlyB + s.counts.moved + s.counts.result > 0 || !s.b;
            return (
              <tbody key={s.step} data-step={s.step} data-current-step={s.step === current || undefined}>
                <tr className="border-y border-line bg-sunken">
                  {/* oxlint-disable-next-line jsx-a11y/control-has-associated-label -- the cell holds the step's button, whose text is the step and its line */}
                  <td colSpan={2} className="px-2 py-1">
                    <button type="button" aria-expanded={expanded} onClick={() => setToggled({ for: compare, steps: new Map(opened).set(s.step, !expanded) })} className="flex w-full items-baseline gap-2 text-left">
                      <span aria-hidden="true" className="w-3 shrink-0 text-muted">{expanded ? '▾' : '▸'}</span>
                      <span className="shrink-0 font-semibold">{s.label}</span>
                      <span className={`min-w-0 ${differs ? 'text-ink' : 'text-muted'}`} data-testid="compare-summary">{gated && s.a[1] > visibleEnd ? HIDDEN : s.summary}</span>
                    </button>
                  </td>
                </tr>
                {expanded && <StepRows step={s} A={run.trace} B={b.trace} aPos={aPos} bPos={bPos} onlyDifferences={onlyDifferences} visibleEnd={visibleEnd} />}
              </tbody>
            );
          })}
        </table>
      </div>
    </section>
  );
}
