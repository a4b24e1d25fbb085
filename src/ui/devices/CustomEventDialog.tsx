/** "Raise a custom event": the function driver calls IoReportTargetDeviceChange(Asynchronous) with a GUID of its own. */
import { useState, type FormEvent } from 'react';
import { useLabStore, useUi, useUiStore } from '../../store/hooks';
import { GUID_NAME_PATTERN } from '../../scenario/schema';
import { Modal } from '../common/Modal';
import { btn, btnPrimary, field } from '../common/styles';

export function CustomEventDialog() {
  const lab = useLabStore();
  const ui = useUiStore();
  const device = useUi((s) => s.customEventDevice);
  // opened from a device's menu, which held playback: closing (with or without the event) lets it go on
  const close = () => {
    ui.getState().openCustomEvent(undefined);
    lab.getState().releaseGesture();
  };
  return (
    <Modal id="custom-event" open={device !== undefined} title={`Raise a custom event${device ? `: ${device}` : ''}`} onClose={close}>
      {device && <CustomEventForm device={device} onDone={close} />}
    </Modal>
  );
}

function CustomEventForm({ device, onDone }: { device: string; onDone(): void }) {
  const lab = useLabStore();
  const [guid, setGuid] = useState('GUID_MY_EVENT');
  const [async, setAsync] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!GUID_NAME_PATTERN.test(guid)) {
      setProblem('A GUID name has letters, digits, "_", "-", "{" and "}" only, like GUID_MY_EVENT.');
      return;
    }
    onDone();
    lab.getState().act({ action: 'customEvent', device, guid, ...(async ? { async: true } : {}) }, device);
  };
  return (
    <form onSubmit={submit} className="space-y-3">
      <p className="text-muted">
        The function driver of <span className="font-mono">{device}</span> reports an event of its own. Clients registered on the device
        (TargetDeviceChange) get it: user-mode ones as CM_NOTIFY_ACTION_DEVICECUSTOMEVENT, kernel ones under the GUID itself.
      </p>
      <label className="block">
        <span className="mb-0.5 block font-medium">Event GUID</span>
        <input value={guid} onChange={(e) => setGuid(e.target.value)} className={`${field} w-full font-mono`} autoComplete="off" spellCheck={false} aria-describedby="custom-event-hint" />
        <span id="custom-event-hint" className="mt-0.5 block text-xs text-muted">A system GUID (GUID_TARGET_DEVICE_…, GUID_DEVICE_INTERFACE_…) is refused with STATUS_INVALID_DEVICE_REQUEST.</span>
      </label>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={async} onChange={(e) => setAsync(e.target.checked)} className="h-4 w-4 accent-[var(--color-accent)]" />
        <span>Asynchronous <span className="font-mono text-xs text-muted">(IoReportTargetDeviceChangeAsynchronous)</span></span>
      </label>
      {problem && <p role="alert" className="font-medium text-bad">{problem}</p>}
      <div className="flex justify-end gap-2">
        <button type="button" className={btn} onClick={onDone}>Cancel</button>
        <button type="submit" className={btnPrimary}>Raise the event</button>
      </div>
    </form>
  );
}
