/**
 * The primer: one short screen per word the lessons and the timeline use, with the page to read next.
 * Opened from a lesson's words, and for the event under the cursor (the Selected event panel's button, or
 * the G shortcut: then it offers that event's words, IRP_MN_…, a layer, CM_PROB_…, each leading to its entry).
 * Loads on first use (src/ui/lazyParts.tsx), with the entries' text and the word matcher.
 */
import { useEffect, useRef } from 'react';
import { PRIMER, primerEntry, primerPageUrl } from '../../primer/entries';
import { primerLabel, primerTermsFor } from '../../primer/terms';
import { useLab, useUi, useUiStore } from '../../store/hooks';
import { Modal } from '../common/Modal';

const link = 'text-accent underline underline-offset-2';

function pageName(path: string): string {
  return path.startsWith('https://') ? 'Microsoft Learn' : `Microsoft Learn, ${path.replace(/\.md$/, '')}`;
}

export function PrimerDialog() {
  const open = useUi((s) => s.dialog === 'primer');
  const entryId = useUi((s) => s.primerEntry);
  const forEvent = useUi((s) => s.primerForEvent);
  const event = useLab((s) => s.run.trace[s.position - 1]);
  const words = forEvent && event ? primerTermsFor(event) : [];
  const entry = primerEntry(entryId ?? words[0]?.id ?? '') ?? PRIMER[0];
  const heading = useRef<HTMLHeadingElement>(null);
  // on opening, the reader starts at the entry itself (the native dialog would focus its first button)
  useEffect(() => {
    if (open) heading.current?.focus();
  }, [open]);
  const ui = useUiStore();
  const close = () => ui.getState().openDialog(undefined);
  /** Shows an entry and keeps the rest of the dialog as it is (the event's words stay offered). */
  const show = (id: string) => ui.setState({ primerEntry: id });
  return (
    <Modal id="primer" open={open} title="Primer" onClose={close} wide>
      <div className="grid gap-5 sm:grid-cols-[minmax(9rem,12rem)_1fr]">
        {forEvent && event && (
          <div role="group" aria-label="Words of the event under the cursor" className="flex flex-wrap items-baseline gap-1.5 sm:col-span-2" data-testid="primer-event-words">
            <span className="text-sm text-muted">Event <span className="font-mono">#{event.seq} {event.name}</span>:</span>
            {words.map((w) => (
              <button
                key={w.id}
                type="button"
                aria-pressed={w.id === entry.id}
                onClick={() => show(w.id)}
                className="rounded-full border border-line bg-panel px-2 py-0.5 text-sm aria-pressed:border-accent aria-pressed:bg-accent-soft"
              >
                <span className="font-mono">{w.word}</span><span className="text-muted"> · {primerLabel(w.id)}</span>
              </button>
            ))}
          </div>
        )}
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
        <nav aria-label="Primer entries" className="sm:sticky sm:top-0 sm:order-1 sm:max-h-[calc(94vh-8rem)] sm:self-start sm:overflow-y-auto sm:border-r sm:border-line sm:pr-3">
          <ul className="flex flex-wrap gap-1.5 sm:block sm:space-y-0.5">
            {PRIMER.map((e) => {
              const current = e.id === entry.id;
              return (
                <li key={e.id}>
                  <button
                    type="button"
                    aria-current={current ? 'true' : undefined}
                    onClick={() => show(e.id)}
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
