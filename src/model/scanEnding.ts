/**
 * Why a scan ended, read from the trace up to the cursor: the first event of the scan that shows an
 * ending's cause. The facts are the engine's (docs/fidelity.md §32, §36); the sentences are true to
 * the pages each ending cites.
 *
 * - the application's cancel: its IWiaDataCallback answered S_FALSE;
 * - the scanner's cancel button: a read came back with no data (`DeviceStatus` CANCEL_BUTTON);
 * - IWiaItemExtras::CancelPendingIO: the application's call reached the service (then WIA_EVENT_CANCEL_IO);
 * - the application's error: its callback answered an error HRESULT;
 * - a paper jam: a read came back with `DeviceStatus` PAPER_JAM;
 * - the cable: a read failed with ERROR_DEVICE_NOT_CONNECTED.
 */
import type { TraceEvent } from '../engine/trace';
import { isFailureResult } from './traceRules';
import type { RunResult } from './runLab';
import type { ScanRecord } from './scanState';

export type EndingKind = 'appCancel' | 'hardwareCancel' | 'asyncCancel' | 'appError' | 'paperJam' | 'cable';

export interface ScanEnding {
  kind: EndingKind;
  /** trace index of the event that shows the cause */
  index: number;
  /** trace index of the user event of the action behind it (the cancel, the unplug), when there is one */
  action: number | undefined;
  /** the HRESULT the application returned (appError) */
  hr?: string;
  /** a few words for the scan card: "by the application", "with the scanner's button"… */
  short: string;
  /** one sentence for WHY */
  sentence: string;
  /** the Microsoft page the sentence follows (path under windows-driver-docs-pr) */
  cite: string;
  /** what in the sentence is the lab's own choice (no page documents it), if anything */
  labChoice?: string;
}

const CANCEL_PAGE = 'image/canceling-a-data-transfer.md';

/** The latest user event named `action` before `index` (on `device` when given). */
function lastAction(trace: readonly TraceEvent[], index: number, action: string, device?: string): number | undefined {
  for (let i = index - 1; i >= 0; i--) {
    const e = trace[i];
    if (e.kind === 'user' && e.name === action && (device === undefined || e.device === device)) return i;
  }
  return undefined;
}

function ending(kind: EndingKind, trace: readonly TraceEvent[], index: number, device: string): ScanEnding {
  const e = trace[index];
  switch (kind) {
    case 'appCancel':
      return {
        kind, index, action: lastAction(trace, index, 'appCancel', device),
        short: 'by the application',
        sentence: 'The application cancelled: its IWiaDataCallback answered S_FALSE, which MiniDrvCallback returned to the minidriver. S_FALSE means the transfer is cancelled, so the minidriver stopped acquiring, went back to idle and returned S_FALSE from drvAcquireItemData.',
        cite: CANCEL_PAGE,
      };
    case 'hardwareCancel':
      return {
        kind, index, action: lastAction(trace, index, 'hardwareCancel', device),
        short: 'with the scanner’s cancel button',
        sentence: 'The cancel button on the scanner itself was pressed: the pending read came back with no data, and for a cancel from the device the minidriver returns S_FALSE from drvAcquireItemData.',
        cite: CANCEL_PAGE,
        labChoice: 'How the button reaches the minidriver (a read with no data and DeviceStatus CANCEL_BUTTON) is the lab’s model of a device.',
      };
    case 'asyncCancel':
      return {
        kind, index, action: e.cause !== undefined ? e.cause - 1 : lastAction(trace, index, 'asyncCancel', device),
        short: 'by IWiaItemExtras::CancelPendingIO',
        sentence: 'The application called IWiaItemExtras::CancelPendingIO, the way to abort a banded (idtGetBandedData) transfer from outside its callback: the WIA service called the minidriver’s drvNotifyPnpEvent with WIA_EVENT_CANCEL_IO, the minidriver cancelled its pending overlapped read (CancelIo) at once, stopped the scan and returned S_FALSE from drvAcquireItemData.',
        cite: 'image/canceling-pending-i-o-operations.md',
      };
    case 'appError':
      return {
        kind, index, action: lastAction(trace, index, 'appError', device), hr: e.result,
        short: `: the application returned ${e.result}`,
        sentence: `The application returned the error ${e.result} from its IWiaDataCallback. An error from MiniDrvCallback makes the minidriver stop the transfer, go back to idle and return that same error from drvAcquireItemData.`,
        cite: CANCEL_PAGE,
      };
    case 'paperJam':
      return {
        kind, index, action: lastAction(trace, index, 'paperJam', device),
        short: ': paper jam',
        sentence: 'The paper jammed in the feeder: the pending read failed with ERROR_IO_DEVICE, and the minidriver stopped the scan and returned WIA_ERROR_PAPER_JAM.',
        cite: 'image/adding-document-feeder-support-for-windows-me-and-windows-xp.md',
        labChoice: 'How a jam reaches the minidriver (a failed read with DeviceStatus PAPER_JAM) is the lab’s model of a device.',
      };
    case 'cable':
      return {
        kind, index, action: lastAction(trace, index, 'unplug'),
        short: ': the cable was pulled',
        sentence: 'The cable was pulled: the pending read failed with ERROR_DEVICE_NOT_CONNECTED, and the minidriver gave up and returned WIA_ERROR_OFFLINE. The WIA service then tells it WIA_EVENT_DEVICE_DISCONNECTED, after which it should not touch the hardware.',
        cite: 'image/how-the-wia-minidriver-receives-a-disconnect-event-from-the-wia-servic.md',
        labChoice: 'No page says what a transfer returns when the cable goes mid-read: WIA_ERROR_OFFLINE is the lab’s choice (docs/fidelity.md §32).',
      };
  }
}

/** What ended the scan `rec` on `device`, as far as the trace shows up to `position`; undefined if nothing (yet). */
export function scanEnding(run: RunResult, device: string, rec: ScanRecord, position: number): ScanEnding | undefined {
  const { trace } = run;
  const scan = trace[rec.start].seq;
  const last = Math.min(rec.last, position - 1);
  for (let i = rec.start + 1; i <= last; i++) {
    const e = trace[i];
    if (e.device !== device) continue;
    if (e.kind === 'wia' && e.name === 'IWiaItemExtras::CancelPendingIO') return ending('asyncCancel', trace, i, device);
    if (e.cause !== scan) continue;
    if (e.kind === 'hw') {
      if (e.result === 'ERROR_DEVICE_NOT_CONNECTED') return ending('cable', trace, i, device);
      if (e.args?.DeviceStatus === 'CANCEL_BUTTON') return ending('hardwareCancel', trace, i, device);
      if (e.args?.DeviceStatus === 'PAPER_JAM') return ending('paperJam', trace, i, device);
    }
    if (e.kind === 'wia' && e.component === 'application') {
      if (e.result === 'S_FALSE') return ending('appCancel', trace, i, device);
      if (isFailureResult(e.result)) return ending('appError', trace, i, device);
    }
  }
  return undefined;
}
