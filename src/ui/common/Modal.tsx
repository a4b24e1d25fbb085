/** A modal dialog on the native <dialog> element (focus trap, Escape, inert background come with it). */
import { useLayoutEffect, useRef, type ReactNode } from 'react';

/**
 * A native <dialog> shown as a modal while `open` is true. A layout effect, so the dialog opens and
 * closes in the same task as the render: never an empty modal left over the page for a frame.
 */
export function useModalDialog(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  useLayoutEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return ref;
}

export function Modal({ open, title, onClose, children, id, wide = false }: { open: boolean; title: string; id: string; onClose(): void; children: ReactNode; /** a wider dialog (the primer) */ wide?: boolean }) {
  const ref = useModalDialog(open);
  return (
    // a click on the backdrop closes it; from the keyboard, Escape does (the native dialog's cancel)
    // oxlint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-noninteractive-element-interactions
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      onClose={onClose}
      onClick={(e) => {
        if (e.target === ref.current) onClose();
      }}
      className={`presenter-large m-auto ${wide ? 'modal-wide max-h-[94vh] w-[min(64rem,96vw)]' : 'max-h-[85vh] w-[min(44rem,92vw)]'} rounded-2xl border border-line bg-panel p-0 text-ink shadow-2xl backdrop:bg-black/40`}
    >
      {open && (
        <div className={`flex ${wide ? 'max-h-[94vh]' : 'max-h-[85vh]'} flex-col`}>
          <div className="flex items-center gap-2 border-b border-line px-5 py-3">
            <h2 id={`${id}-title`} className="text-lg font-semibold">{title}</h2>
            <button type="button" onClick={onClose} className="ml-auto rounded-md border border-line px-2.5 py-1 text-sm font-medium hover:bg-sunken">Close</button>
          </div>
          <div className="overflow-auto px-5 py-4 text-sm leading-relaxed">{children}</div>
        </div>
      )}
    </dialog>
  );
}
