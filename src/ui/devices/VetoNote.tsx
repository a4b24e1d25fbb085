/** The veto of the last operation on a device (until the next action on it): who vetoed, on the chip and in Device Manager. */
import { useLab } from '../../store/hooks';
import { explainVeto } from '../../model/vetoes';

/** One line for the device chip: "Vetoed: EvtDeviceQueryRemove in SimScanner" (the whole sentence in its title). */
export function VetoLine({ veto }: { veto: number }) {
  const run = useLab((s) => s.run);
  if (veto >= run.trace.length) return null;
  const x = explainVeto(run, veto);
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
  const x = explainVeto(run, veto);
  const e = run.trace[veto];
  return (
    <p className="ml-8 rounded-md border border-bad/30 bg-bad-soft px-2 py-1 text-xs" data-testid="veto-detail">
      <button type="button" className="font-semibold text-bad underline-offset-2 hover:underline" onClick={() => seek(veto + 1)}>{e.name}</button>{' '}
      {x.sentence}{x.note ? ` ${x.note}` : ''}
    </p>
  );
}
