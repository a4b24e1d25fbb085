/**
 * What a player may show of an event at the cursor. An IRP's result (and, where the engine says so,
 * any other event's) is filled in when it completes: `end` is the seq of the last event recorded
 * before that. With the cursor before `end` the result belongs to the future, so it is shown as
 * pending (STATUS_PENDING… for an IRP).
 */
import type { TraceEvent } from '../engine/trace';
import { isFailedEvent, isPendingAt } from './flow/actionPath';

/** `position` = number of events applied (the event under the cursor is trace[position - 1]). */
export { isPendingAt };

export interface ShownResult {
  /** the result to show, or the pending text */
  text: string | undefined;
  /** HRESULT value (WIA), only once the result is known */
  hex: string | undefined;
  pending: boolean;
  failed: boolean;
}

/** The pending text in the convention of whoever will return the result. */
export function pendingText(e: TraceEvent): string {
  return e.kind === 'irp' || e.result?.startsWith('STATUS_') ? 'STATUS_PENDING…' : 'pending…';
}

export function resultAt(e: TraceEvent, position: number): ShownResult {
  if (isPendingAt(e, position)) return { text: pendingText(e), hex: undefined, pending: true, failed: e.kind === 'warn' };
  return { text: e.result, hex: e.resultHex, pending: false, failed: isFailedEvent(e) };
}

/** A veto, a failure result (once known at the cursor), or a warning. */
export function isFailedAt(e: TraceEvent, position: number): boolean {
  return isPendingAt(e, position) ? e.kind === 'warn' || (e.args !== undefined && 'VetoType' in e.args) : isFailedEvent(e);
}

/** "WIA_ERROR_OFFLINE (0x80210005)", or the name alone when there is no HRESULT value. */
export function withHex(result: string | undefined, hex: string | undefined): string {
  if (!result) return '';
  return hex ? `${result} (${hex})` : result;
}
