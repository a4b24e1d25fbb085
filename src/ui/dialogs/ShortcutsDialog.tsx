import { useUi, useUiStore } from '../../store/hooks';
import { Modal } from '../common/Modal';
import { DEVICE_KEYS, SHORTCUTS } from '../playback/shortcuts';

function Keys({ keys }: { keys: string[] }) {
  return (
    <span className="flex gap-1">
      {keys.map((k) => <kbd key={k} className="rounded-md border border-line bg-sunken px-1.5 py-0.5 font-mono text-xs">{k}</kbd>)}
    </span>
  );
}

export function ShortcutsDialog() {
  const ui = useUiStore();
  const open = useUi((s) => s.dialog === 'shortcuts');
  const close = () => ui.getState().openDialog(undefined);
  return (
    <Modal id="shortcuts" open={open} title="Keyboard shortcuts" onClose={close}>
      <p className="mb-3 text-muted">
        The playback keys work wherever the focus is, on a device too (there Space plays or pauses; Enter opens its menu).
        They keep their usual meaning while you type in a field, in an open menu or dialog, and on a control that moves with the
        arrows (the scrubber, tabs, a resize handle). Every drag has a keyboard way too.
      </p>
      <table className="w-full">
        <tbody>
          {[...SHORTCUTS, ...DEVICE_KEYS].map((s) => (
            <tr key={s.label} className="border-b border-line/60">
              <td className="py-1.5 pr-4 align-top"><Keys keys={s.keys} /></td>
              <td className="py-1.5">{s.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
