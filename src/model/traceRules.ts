/**
 * The trace's rules that every panel shares (what is a failure, what is still pending at the cursor),
 * and what a player may show of an event at the cursor. An IRP's result (and, where the engine says so,
 * any other event's) is filled in when it completes: `end` is the seq of the last event recorded
 * before that. With the cursor before `end` the result belongs to the future, so it is shown as
 * pending (STATUS_PENDING… for an IRP).
 */
import type { TraceEvent } from '../engine/trace';

/** NTSTATUS, HRESULT and WIA error results; success codes (STATUS_SUCCESS, S_OK, ERROR_SUCCESS, TRUE...) and pending are not. */
export function isFailureResult(result: string | undefined): boolean {
  if (result === undefined || result === 'STATUS_SUCCESS' || result === 'STATUS_PENDING' || result === 'ERROR_IO_PENDING') return false;
  return /^(STATUS_|E_|WIA_ERROR|HRESULT|FALSE$)/.test(result) || /^(ERROR|CR)_(?!SUCCESS)/.test(result);
}

/**
 * An event whose result is filled in when it completes (`end`: the seq of the last event recorded
 * before that) shows no result while the cursor is before `end` (docs/trace-format.md): with
 * `position` events applied (the event under the cursor is trace[position - 1]), that is while position < end.
 */
export function isPendingAt(e: TraceEvent, position: number): boolean {
  return e.end !== undefined && position < e.end;
}

/** A veto, a failure result, or a warning. */
export function isFailedEvent(e: TraceEvent): boolean {
  return e.kind === 'warn' || (e.args !== undefined && 'VetoType' in e.args) || isFailureResult(e.result);
}

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
