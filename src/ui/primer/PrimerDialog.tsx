/**
 * The primer: one short screen per word the lessons and the timeline use, with the page to read next.
 * Opened from a lesson's words, from the words of the event under the cursor (Selected event panel)
 * and with the G shortcut; loads on first use (src/ui/lazyParts.tsx), with the entries' text.
 */
import { useEffect, useRef } from 'react';
import { PRIMER, primerEntry, primerPageUrl } from '../../primer/entries';
import { primerLabel } from '../../primer/terms';
import { useUi } from '../../store/uiStore';
import { Modal } from '../common/Modal';

const link = 'text-accent underline underline-offset-2';

function pageName(path: string): string {
  return /^https:\/\//.test(path) ? 'Microsoft Learn' : `Microsoft Learn, ${path.replace(/\.md$/, '')}`;
}

export function PrimerDialog() {
  const open = useUi((s) => s.dialog === 'primer');
  const entryId = useUi((s) => s.primerEntry);
  const entry = primerEntry(entryId ?? '') ?? PRIMER[0];
  const heading = useRef<HTMLHeadingElement>(null);
  // on opening, the reader starts at the entry itself (the native dialog would focus its first button)
  useEffect(() => {
    if (open) heading.current?.focus();
  }, [open]);
  const close = () => useUi.getState().openDialog(undefined);
  return (
    <Modal id="primer" open={open} title="Primer" onClose={close} wide>
      <div className="grid gap-5 sm:grid-cols-[minmax(11rem,14rem)_1fr]">
        <article aria-labelledby="primer-entry-title" data-testid="primer-entry" className="min-w-0 space-y-3 text-base leading-relaxed [overflow-wrap:anywhere] sm:order-2">
          <h3 id="primer-entry-title" ref={heading} tabIndex={-1} className="text-xl font-semibold leading-snug">{entry.title}</h3>
          {entry.body.map((p, i) => <p key={i}>{p}</p>)}
          {entry.lab && (
            <p className="rounded-lg border border-line bg-sunken px-3 py-2">
              <span className="font-semibold">In the lab: </span>{entry.lab}
            </p>
          )}
          <p className="border-t border-line pt-3">
            <span className="font-semibold">Read next: </span>
            <a className={link} href={primerPageUrl(entry.next.path)} target="_blank" rel="noreferrer">{entry.next.title}<span className="sr-only"> (opens in a new tab)</span></a>
            <span className="text-sm text-muted"> ({pageName(entry.next.path)})</span>
          </p>
        </article>
        <nav aria-label="Primer entries" className="sm:sticky sm:top-0 sm:order-1 sm:max-h-[calc(85vh-8rem)] sm:self-start sm:overflow-y-auto sm:border-r sm:border-line sm:pr-3">
          <ul className="flex flex-wrap gap-1.5 sm:block sm:space-y-0.5">
            {PRIMER.map((e) => {
              const current = e.id === entry.id;
              return (
                <li key={e.id}>
                  <button
                    type="button"
                    aria-current={current ? 'true' : undefined}
                    onClick={() => useUi.getState().openPrimer(e.id)}
                    className={`w-full rounded-md px-2 py-1 text-left text-sm ${current ? 'bg-accent-soft font-semibold text-ink' : 'hover:bg-sunken'}`}
                  >
                    {primerLabel(e.id)}
                  </button>
                </li>
              );
            })}
          </ul>
        </nav>
      </div>
    </Modal>
  );
}
