/** The veto of the last operation on a device (until the next action on it): who vetoed, on the chip and in Device Manager. */
import type { RunResult } from '../../model/runLab';
import { useLab } from '../../store/hooks';
import { explainVeto, type VetoExplanation } from '../../model/vetoes';

/**
 * explainVeto once per run and veto: it may look back through the whole trace, and the chips and Device Manager
 * render again at every cursor move while playing (with a full bus, dozens of vetoed devices at once).
 */
const explained = new WeakMap<RunResult, Map<number, VetoExplanation>>();
function explainOnce(run: RunResult, veto: number): VetoExplanation {
  let byVeto = explained.get(run);
  if (!byVeto) explained.set(run, (byVeto = new Map()));
  let x = byVeto.get(veto);
  if (!x) byVeto.set(veto, (x = explainVeto(run, veto)));
  return x;
}

/** One line for the device chip: "Vetoed: EvtDeviceQueryRemove in SimScanner" (the whole sentence in its title). */
export function VetoLine({ veto }: { veto: number }) {
  const run = useLab((s) => s.run);
  if (veto >= run.trace.length) return null;
  const x = explainOnce(run, veto);
  return (
    <span className="mt-0.5 block truncate text-[11px] font-medium leading-tight text-bad" title={x.sentence} data-testid="veto">
      Vetoed: {x.short}
    </span>
  );
}

/** Device Manager: the sentence, and a button to the veto in the trace. */
export function VetoDetail({ veto }: { veto: number }) {
  const run = useLab((s) => s.run);
  const seek = useLab((s) => s.seek);
  if (veto >= run.trace.length) return null;
  const x = explainOnce(run, veto);
  const e = run.trace[veto];
  return (
    <p className="ml-8 rounded-md border border-bad/30 bg-bad-soft px-2 py-1 text-xs" data-testid="veto-detail">
      <button type="button" className="font-semibold text-bad underline-offset-2 hover:underline" onClick={() => seek(veto + 1)}>{e.name}</button>{' '}
      {x.sentence}{x.note ? ` ${x.note}` : ''}
    </p>
  );
}
