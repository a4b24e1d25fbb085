/** Buttons that open the primer at an entry: the words a lesson uses (in the lesson panel's chunk). */
import { primerLabel, type PrimerId } from '../../primer/terms';
import { useUiStore } from '../../store/hooks';
import { prefetchPrimer } from './primerPart';

export function PrimerLinks({ links, label }: {
  /** entries to link, each with the word shown for it (the entry's label when left out) */
  links: readonly { id: PrimerId; word?: string }[];
  /** what the list is, for screen readers and as its visible lead */
  label: string;
}) {
  const ui = useUiStore();
  if (links.length === 0) return null;
  return (
    <div className="flex flex-wrap items-baseline gap-1.5" role="group" aria-label={label}>
      <span className="text-xs font-semibold uppercase tracking-wide text-muted">{label}</span>
      {links.map((l) => (
        <button
          key={l.id}
          type="button"
          onClick={() => ui.getState().openPrimer(l.id)}
          onPointerEnter={prefetchPrimer}
          onFocus={prefetchPrimer}
          title={`Primer: ${primerLabel(l.id)}`}
          className="rounded-full border border-line bg-panel px-2 py-0.5 text-xs font-medium hover:bg-sunken"
        >
          {l.word && l.word !== primerLabel(l.id) ? <><span className="font-mono">{l.word}</span><span className="sr-only"> (primer: {primerLabel(l.id)})</span></> : primerLabel(l.id)}
        </button>
      ))}
    </div>
  );
}
