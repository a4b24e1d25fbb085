/**
 * The veto of the last operation on a device (until the next action on it): who vetoed, on the chip and in Device Manager
 * (and, through `WithVetoes`, in the selected event's details).
 * What explains a veto (model/vetoes.ts) is a chunk of its own: `usePrefetchVetoes` fetches it as soon as the
 * lab's run has a veto, before the cursor reaches it, so the note never waits for it.
 */
import { Suspense, use, useEffect, type ReactNode } from 'react';
import type { RunResult } from '../../model/runLab';
import { isVeto } from '../../model/vetoEvent';
import { useLab } from '../../store/hooks';

let vetoes: typeof import('../../model/vetoes') | undefined;
let fetching: Promise<unknown> | undefined;
const loadVetoes = () => (fetching ??= import('../../model/vetoes').then((m) => (vetoes = m), () => undefined));

const scanned = new WeakSet<RunResult>();

type VetoExplanation = ReturnType<typeof import('../../model/vetoes').explainVeto>;
/**
 * explainVeto once per run and veto: it may look back through the whole trace, and the chips and Device Manager
 * render again at every cursor move while playing (with a full bus, dozens of vetoed devices at once).
 */
const explained = new WeakMap<RunResult, Map<number, VetoExplanation>>();
function explainOnce(explainVeto: typeof import('../../model/vetoes').explainVeto, run: RunResult, veto: number): VetoExplanation {
  let byVeto = explained.get(run);
  if (!byVeto) explained.set(run, (byVeto = new Map()));
  let x = byVeto.get(veto);
  if (!x) byVeto.set(veto, (x = explainVeto(run, veto)));
  return x;
}

/** Fetches the veto explanations once the lab's run has a veto (checked after the paint, once per run). */
export function usePrefetchVetoes(): void {
  const run = useLab((s) => s.run);
  useEffect(() => {
    if (vetoes || scanned.has(run)) return;
    scanned.add(run);
    if (run.trace.some(isVeto)) void loadVetoes();
  }, [run]);
}

/** Renders `children(explainVeto)` once the explanations are there (at once when they were fetched ahead). */
export function WithVetoes({ children }: { children(m: typeof import('../../model/vetoes')): ReactNode }) {
  return <Suspense fallback={null}><Inner>{children}</Inner></Suspense>;
}

function Inner({ children }: { children(m: typeof import('../../model/vetoes')): ReactNode }) {
  if (!vetoes) use(loadVetoes());
  return vetoes ? children(vetoes) : null;
}

/** One line for the device chip: "Vetoed: EvtDeviceQueryRemove in SimScanner" (the whole sentence in its title). */
export function VetoLine({ veto }: { veto: number }) {
  return <WithVetoes>{({ explainVeto }) => <VetoLineText veto={veto} explainVeto={explainVeto} />}</WithVetoes>;
}

function VetoLineText({ veto, explainVeto }: { veto: number; explainVeto: typeof import('../../model/vetoes').explainVeto }) {
  const run = useLab((s) => s.run);
  if (veto >= run.trace.length) return null;
  const x = explainOnce(explainVeto, run, veto);
  return (
    <span className="mt-0.5 block truncate text-[11px] font-medium leading-tight text-bad" title={x.sentence} data-testid="veto">
      Vetoed: {x.short}
    </span>
  );
}

/** Device Manager: the sentence, and a button to the veto in the trace. */
export function VetoDetail({ veto }: { veto: number }) {
  return <WithVetoes>{({ explainVeto }) => <VetoDetailText veto={veto} explainVeto={explainVeto} />}</WithVetoes>;
}

function VetoDetailText({ veto, explainVeto }: { veto: number; explainVeto: typeof import('../../model/vetoes').explainVeto }) {
  const run = useLab((s) => s.run);
  const seek = useLab((s) => s.seek);
  if (veto >= run.trace.length) return null;
  const x = explainOnce(explainVeto, run, veto);
  const e = run.trace[veto];
  return (
    <p className="ml-8 rounded-md border border-bad/30 bg-bad-soft px-2 py-1 text-xs" data-testid="veto-detail">
      <button type="button" className="font-semibold text-bad underline-offset-2 hover:underline" onClick={() => seek(veto + 1)}>{e.name}</button>{' '}
      {x.sentence}{x.note ? ` ${x.note}` : ''}
    </p>
  );
}
