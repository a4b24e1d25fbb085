/** A small confirm dialog on the native <dialog> (focus trap, Escape = cancel, inert background come with it). */
import { useId, type ReactNode } from 'react';
import { useModalDialog } from '../common/Modal';

export function ConfirmDialog({ open, title, children, confirmLabel, cancelLabel = 'Cancel', onConfirm, onCancel }: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  onConfirm(): void;
  onCancel(): void;
}) {
  const ref = useModalDialog(open);
  const id = useId();
  return (
    // a click on the backdrop cancels; from the keyboard, Escape does (the native dialog's cancel)
    // oxlint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-noninteractive-element-interactions
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onClose={() => open && onCancel()}
      onClick={(e) => {
        if (e.target === ref.current) onCancel();
      }}
      className="m-auto w-[min(28rem,92vw)] rounded-2xl border border-line bg-panel p-0 text-ink shadow-2xl backdrop:bg-black/40"
    >
      {open && (
        <div className="space-y-3 px-5 py-4 text-sm leading-relaxed">
          <h2 id={`${id}-title`} className="text-base font-semibold">{title}</h2>
          <div id={`${id}-body`}>{children}</div>
          <div className="flex justify-end gap-2 pt-1">
            <button type="button" autoFocus onClick={onCancel} className="rounded-lg border border-line bg-panel px-3 py-1.5 font-medium hover:bg-sunken">{cancelLabel}</button>
            <button type="button" onClick={onConfirm} className="rounded-lg bg-accent px-3 py-1.5 font-semibold text-accent-ink">{confirmLabel}</button>
          </div>
        </div>
      )}
    </dialog>
  );
}
