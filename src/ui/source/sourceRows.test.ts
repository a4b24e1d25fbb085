import { describe, expect, it } from 'vitest';
import { DRIVER_SOURCES, functionNamed } from '../../sources/index';
import { sourceRows } from './sourceRows';

const kmdf = DRIVER_SOURCES['kmdf-function'];
const queryRemove = functionNamed(kmdf, 'EvtDeviceQueryRemove')!;

describe('sourceRows', () => {
  it('draws the source as written when nothing is running and nothing is set', () => {
    const rows = sourceRows(kmdf);
    expect(rows.map((r) => r.text)).toEqual(kmdf.lines);
    expect(rows.every((r) => !r.active && !r.returning && r.setting === undefined && !r.leftOut && r.note === undefined)).toBe(true);
  });

  it('lights the running function and marks the line it returns on', () => {
    const rows = sourceRows(kmdf, { active: 'EvtDeviceQueryRemove', result: 'STATUS_SUCCESS' });
    expect(rows.filter((r) => r.active).map((r) => r.line)).toEqual(range(queryRemove.first, queryRemove.last));
    const returning = rows.filter((r) => r.returning);
    expect(returning).toEqual([expect.objectContaining({ line: queryRemove.behaviourLine, text: '    return STATUS_SUCCESS;', note: 'returns here' })]);
  });

  it('writes a "fail" setting as the return statement, in every function it applies to, running or not', () => {
    const rows = sourceRows(kmdf, { behaviours: { EvtDeviceQueryRemove: 'fail', EvtDevicePrepareHardware: 'failOnFirstStart' } });
    expect(rows.find((r) => r.line === queryRemove.behaviourLine)).toMatchObject({ text: '    return STATUS_UNSUCCESSFUL;', setting: 'fails', note: 'set to fail' });
    const running = sourceRows(kmdf, { active: 'EvtDeviceQueryRemove', result: 'STATUS_UNSUCCESSFUL', behaviours: { EvtDeviceQueryRemove: 'fail' } });
    expect(running.find((r) => r.line === queryRemove.behaviourLine)).toMatchObject({ returning: true, setting: 'fails', note: 'returns here: set to fail' });
    const prepare = functionNamed(kmdf, 'EvtDevicePrepareHardware')!;
    expect(rows.find((r) => r.line === prepare.behaviourLine)).toMatchObject({ text: '    return STATUS_UNSUCCESSFUL; /* on the first start only */', setting: 'fails' });
    expect(rows.length).toBe(kmdf.lines.length);
  });

  it('adds a hang as a line before the return, which is then never reached', () => {
    const umdf = DRIVER_SOURCES['umdf1-driver'];
    const d0Exit = functionNamed(umdf, 'IPnpCallback::OnD0Exit')!;
    const rows = sourceRows(umdf, { active: 'IPnpCallback::OnD0Exit', behaviours: { 'IPnpCallback::OnD0Exit': 'hang' } });
    expect(rows.length).toBe(umdf.lines.length + 1);
    const at = rows.findIndex((r) => r.line === d0Exit.behaviourLine);
    expect(rows[at - 1]).toMatchObject({ setting: 'hangs', active: true, returning: true, note: 'stops here: set to hang' });
    expect(rows[at - 1].line).toBeUndefined();
    expect(rows[at - 1].text).toBe('    /* hangs: never returns */');
    expect(rows[at]).toMatchObject({ setting: 'unreached', returning: false });
    expect(rows[at].note).toBeUndefined();
    expect(rows.filter((r) => r.returning)).toHaveLength(1);
  });

  it('greys out a callback the driver does not register, with a note on its signature', () => {
    const fn = functionNamed(kmdf, 'EvtDeviceSurpriseRemoval')!;
    const rows = sourceRows(kmdf, { behaviours: { EvtDeviceSurpriseRemoval: 'absent' } });
    expect(rows.filter((r) => r.setting === 'absent').map((r) => r.line)).toEqual(range(fn.first, fn.last));
    expect(rows.find((r) => r.line === fn.signatureLine)?.note).toBe('not registered (absent)');
  });

  it('marks the return line that gave the event\'s result, and strikes a careless minidriver\'s checks', () => {
    const bus = DRIVER_SOURCES['kmdf-bus'];
    const rows = sourceRows(bus, { active: 'EvtDeviceD0Entry', result: 'STATUS_NO_SUCH_DEVICE' });
    expect(rows.find((r) => r.returning)?.text.trim()).toBe('return STATUS_NO_SUCH_DEVICE;');
    const wia = DRIVER_SOURCES['wia-minidriver'];
    const careless = sourceRows(wia, { careless: true, behaviours: { drvAcquireItemData: 'fail' } });
    expect(careless.filter((r) => r.leftOut).map((r) => r.line)).toEqual(wia.carefulLines);
    expect(careless.every((r) => r.setting === undefined), 'the settings have no behaviours for minidriver methods').toBe(true);
  });
});

function range(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}
