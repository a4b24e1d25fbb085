import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../engine/trace';
import { isFailedAt, isFailedEvent, isFailureResult, isPendingAt, resultAt } from './traceRules';

const RESULTS = ['STATUS_SUCCESS', 'STATUS_PENDING', 'ERROR_IO_PENDING', 'S_OK', 'TRUE', 'FALSE', 'ERROR_SUCCESS', 'CR_SUCCESS', 'STATUS_UNSUCCESSFUL', 'E_FAIL', 'WIA_ERROR_OFFLINE', 'ERROR_ACCESS_DENIED', 'CR_REMOVE_VETOED', 'BROADCAST_QUERY_DENY', undefined];

const irp = (over: Partial<TraceEvent>): TraceEvent => ({ seq: 5, t: 0, kind: 'irp', name: 'IRP_MN_START_DEVICE', device: 'disk', ...over }) as TraceEvent;

describe('trace rules', () => {
  it('call NTSTATUS, HRESULT, WIA, Win32 and CR errors failures, and success or pending codes not', () => {
    expect(RESULTS.filter((r) => isFailureResult(r))).toEqual(['FALSE', 'STATUS_UNSUCCESSFUL', 'E_FAIL', 'WIA_ERROR_OFFLINE', 'ERROR_ACCESS_DENIED', 'CR_REMOVE_VETOED']);
  });

  it('show a result filled in at completion as pending while the cursor is before its end', () => {
    const e = irp({ result: 'STATUS_UNSUCCESSFUL', end: 9 });
    expect(isPendingAt(e, 8)).toBe(true);
    expect(resultAt(e, 8)).toMatchObject({ text: 'STATUS_PENDING…', pending: true, failed: false });
    expect(isFailedAt(e, 8)).toBe(false);
    expect(isPendingAt(e, 9)).toBe(false);
    expect(resultAt(e, 9)).toMatchObject({ text: 'STATUS_UNSUCCESSFUL', pending: false, failed: true });
    expect(isFailedEvent(irp({ kind: 'state', name: 'PNP_VetoDevice', args: { VetoType: 'PNP_VetoDevice' } }))).toBe(true);
  });

});
