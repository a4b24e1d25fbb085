import { describe, expect, it } from 'vitest';
import { parseSource, SourceFormatError, type SourceSpec } from './format';
import { SOURCE_SPECS } from './index';

const spec = (text: string): SourceSpec => ({ id: 'kmdf-function', file: 'Test.c', title: 't', serves: 's', language: 'c', framework: 'kmdf', text });

describe('parseSource', () => {
  it('strips the markers and records the function, its signature, returns, calls and careful lines', () => {
    const s = parseSource(spec(`
#include <wdf.h>
//@fn EvtDeviceQueryRemove
// a comment (veto here)
NTSTATUS
SimEvtDeviceQueryRemove(
    _In_ WDFDEVICE Device
    )
{
    if (Gone(Device)) return STATUS_NO_SUCH_DEVICE; //@careful
    Poke(Device); //@call WriteFile
    return STATUS_SUCCESS; //@return
}
//@fn EvtIoStop
VOID
SimEvtIoStop(WDFQUEUE Queue)
{
    Stop(Queue); //@call WriteFile
} //@return
`));
    expect(s.lines).toEqual([
      '#include <wdf.h>', '// a comment (veto here)', 'NTSTATUS', 'SimEvtDeviceQueryRemove(', '    _In_ WDFDEVICE Device', '    )', '{',
      '    if (Gone(Device)) return STATUS_NO_SUCH_DEVICE;', '    Poke(Device);', '    return STATUS_SUCCESS;', '}',
      'VOID', 'SimEvtIoStop(WDFQUEUE Queue)', '{', '    Stop(Queue);', '}',
    ]);
    const [queryRemove, ioStop] = s.functions;
    expect(queryRemove).toEqual({
      name: 'EvtDeviceQueryRemove', identifier: 'SimEvtDeviceQueryRemove', first: 2, last: 11, signatureLine: 4, returnType: 'NTSTATUS',
      isVoid: false, behaviourLine: 10,
      returns: [{ line: 8, value: 'STATUS_NO_SUCH_DEVICE' }, { line: 10, value: 'STATUS_SUCCESS' }],
      calls: [{ name: 'WriteFile', line: 9, inFunction: 'EvtDeviceQueryRemove' }], carefulLines: [8],
    });
    expect(ioStop).toMatchObject({ name: 'EvtIoStop', identifier: 'SimEvtIoStop', first: 12, last: 16, returnType: 'VOID', isVoid: true, behaviourLine: 16, returns: [] });
    expect(s.calls.map((c) => c.line)).toEqual([9, 15]);
    expect(s.carefulLines).toEqual([8]);
  });

  it('reads C++ methods, one-line signatures and several markers on one line', () => {
    const s = parseSource(spec(`
//@fn drvLockWiaDevice
HRESULT CWiaDriver::drvLockWiaDevice(BYTE* p)
{
    return m_pStiDevice->LockDevice(100); //@return //@call IStiDevice::LockDevice
}
`));
    expect(s.functions[0]).toMatchObject({ identifier: 'CWiaDriver::drvLockWiaDevice', returnType: 'HRESULT', behaviourLine: 3, calls: [{ name: 'IStiDevice::LockDevice', line: 3 }] });
  });

  it.each([
    ['a function without //@return', '//@fn EvtX\nNTSTATUS\nX(\n)\n{\n    return STATUS_SUCCESS;\n}', 'line 7 of the written text: EvtX ends without a //@return line'],
    ['two //@return', '//@fn EvtX\nNTSTATUS\nX()\n{\n    return A; //@return\n    return B; //@return\n}', 'line 6 of the written text: a second //@return in EvtX'],
    ['//@return outside a function', 'int x; //@return', 'line 1 of the written text: //@return outside a //@fn function'],
    ['an unknown marker', '//@fn EvtX\nNTSTATUS\nX()\n{\n    return A; //@retrun\n}', 'line 5 of the written text: unknown or misplaced marker'],
    ['a //@fn without a name', '//@fn\nNTSTATUS\nX()\n{\n}', 'line 1 of the written text: //@fn needs the trace name'],
    ['a function that never ends', '//@fn EvtX\nNTSTATUS\nX()\n{\n    return A; //@return', 'line 1 of the written text: EvtX never ends'],
    ['a //@fn inside a function', '//@fn EvtX\nNTSTATUS\nX()\n{\n//@fn EvtY\n}', 'line 5 of the written text: //@fn EvtY inside EvtX'],
    ['a non-void //@return that is not a return', '//@fn EvtX\nNTSTATUS\nX()\n{\n    Poke(); //@return\n}', 'EvtX: its //@return line "Poke();" is not a return statement'],
    ['a name marked twice', '//@fn EvtX\nVOID\nX()\n{\n} //@return\n//@fn EvtX\nVOID\nY()\n{\n} //@return', 'EvtX is marked twice'],
  ])('refuses %s with one line naming the source and the line', (_what, text, message) => {
    let error: unknown;
    try {
      parseSource(spec(text));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SourceFormatError);
    expect((error as Error).message).toContain('kmdf-function (Test.c)');
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).not.toContain('\n');
  });
});

describe('the lab sources', () => {
  it('parse, and keep no marker in the text a learner reads', () => {
    for (const s of SOURCE_SPECS) {
      const parsed = parseSource(s);
      expect(parsed.functions.length, s.id).toBeGreaterThan(0);
      expect(parsed.lines.filter((l) => l.includes('//@')), s.id).toEqual([]);
      expect(parsed.lines.filter((l) => /\s$/.test(l)), `${s.id}: trailing spaces`).toEqual([]);
    }
  });

  it('stay readable on a projector: no line longer than 100 characters, no function longer than 50 lines', () => {
    for (const s of SOURCE_SPECS.map(parseSource)) {
      expect(s.lines.filter((l) => l.length > 100), s.id).toEqual([]);
      expect(s.functions.filter((f) => f.last - f.first + 1 > 50).map((f) => f.name), s.id).toEqual([]);
    }
  });
});
