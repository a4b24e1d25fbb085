import { describe, expect, it } from 'vitest';
import { highlight, type Token, type TokenKind } from './highlight';
import { DRIVER_SOURCES } from './index';

/** The kind of the first token whose text is `text` (whole token, or a word inside a merged one). */
function kindOf(tokens: Token[][], text: string): TokenKind | undefined {
  for (const line of tokens) {
    for (const t of line) if (t.text === text || t.text.split(/[\s,;()&=*.]+/).includes(text)) return t.kind;
  }
  return undefined;
}

describe('highlight', () => {
  it('gives back every line of every source exactly, in non-empty tokens, neighbours of one kind merged', () => {
    for (const s of Object.values(DRIVER_SOURCES)) {
      const tokens = highlight(s.lines);
      expect(tokens.length).toBe(s.lines.length);
      tokens.forEach((line, i) => {
        expect(line.map((t) => t.text).join(''), `${s.id} line ${i + 1}`).toBe(s.lines[i]);
        expect(line.every((t) => t.text.length > 0)).toBe(true);
        line.forEach((t, k) => k > 0 && expect(t.kind === line[k - 1].kind, `${s.id} line ${i + 1}`).toBe(false));
      });
    }
  });

  it('tells the kinds a driver source is made of apart', () => {
    const tokens = highlight([
      '#include <wdf.h>',
      'NTSTATUS',
      'SimEvtDeviceD0Entry(',
      '    _In_ WDFDEVICE              Device,',
      '    _In_ WDF_POWER_DEVICE_STATE PreviousState',
      '    )',
      '{',
      '    status = WdfDeviceCreate(&DeviceInit, WDF_NO_OBJECT_ATTRIBUTES, &device); // comment',
      '    config.PowerManaged = WdfFalse;',
      '    if (x == 0x1F && y > 100UL) return STATUS_SUCCESS;',
      '}',
    ]);
    const expected: Record<string, TokenKind> = {
      '#include': 'preprocessor', '<wdf.h>': 'string', NTSTATUS: 'type', SimEvtDeviceD0Entry: 'function', _In_: 'annotation',
      WDFDEVICE: 'type', WDF_POWER_DEVICE_STATE: 'type', WdfDeviceCreate: 'function', WDF_NO_OBJECT_ATTRIBUTES: 'constant',
      '// comment': 'comment', PowerManaged: 'plain', WdfFalse: 'constant', if: 'keyword', '0x1F': 'number', '100UL': 'number',
      return: 'keyword', STATUS_SUCCESS: 'constant', Device: 'plain',
    };
    for (const [text, kind] of Object.entries(expected)) expect(kindOf(tokens, text), text).toBe(kind);
  });

  it('reads COM C++: classes and interfaces are types, methods after :: and -> are functions, IIDs constants', () => {
    const tokens = highlight([
      'HRESULT',
      'CMyDevice::OnQueryRemove(',
      '    _In_ IWDFDevice* pWdfDevice',
      '    )',
      '    hr = pStiDevice->QueryInterface(IID_IStiDevice, (void**)&m_pStiDevice);',
    ]);
    const expected: Record<string, TokenKind> = {
      HRESULT: 'type', CMyDevice: 'type', OnQueryRemove: 'function', IWDFDevice: 'type', QueryInterface: 'function',
      IID_IStiDevice: 'constant', void: 'type',
    };
    for (const [text, kind] of Object.entries(expected)) expect(kindOf(tokens, text), text).toBe(kind);
  });

  it('carries a block comment across lines, and keeps strings with escapes whole', () => {
    const tokens = highlight('x = 1; /* starts\n still a comment\n ends */ y = L"a \\" quote";\nz = \'\\n\';');
    expect(tokens[0]).toEqual([{ text: 'x = ', kind: 'plain' }, { text: '1', kind: 'number' }, { text: '; ', kind: 'plain' }, { text: '/* starts', kind: 'comment' }]);
    expect(tokens[1]).toEqual([{ text: ' still a comment', kind: 'comment' }]);
    expect(tokens[2]).toEqual([{ text: ' ends */', kind: 'comment' }, { text: ' y = ', kind: 'plain' }, { text: 'L"a \\" quote"', kind: 'string' }, { text: ';', kind: 'plain' }]);
    expect(tokens[3]).toContainEqual({ text: "'\\n'", kind: 'string' });
  });

  it('ends on unterminated strings and comments, and on a long line, without looping', () => {
    expect(highlight('"open')).toEqual([[{ text: '"open', kind: 'string' }]]);
    expect(highlight('/* open')).toEqual([[{ text: '/* open', kind: 'comment' }]]);
    const long = 'a+b/c '.repeat(20_000);
    expect(highlight(long)[0].map((t) => t.text).join('')).toBe(long);
  });
});
