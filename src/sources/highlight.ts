/**
 * A small C/C++ tokenizer for the lab's driver sources (docs/driver-sources.md#highlighting). It knows what those
 * sources contain (WDK style C and COM C++), not the whole language: comments, strings, numbers, preprocessor lines,
 * keywords, SAL annotations, Windows types and constants, and function names. Tokens are plain data; the view
 * renders them as text, never as HTML. Load it lazily (`import('./highlight')`): it is its own chunk.
 */

export type TokenKind = 'plain' | 'comment' | 'string' | 'number' | 'preprocessor' | 'keyword' | 'annotation' | 'type' | 'constant' | 'function';

export interface Token {
  text: string;
  kind: TokenKind;
}

const KEYWORDS = new Set(
  ('if else for while do return break continue switch case default goto sizeof typedef struct union enum static const ' +
    'volatile extern inline class public private protected virtual new delete this nullptr template typename namespace using').split(' '),
);

const TYPES = new Set(
  ('void int char long short unsigned signed bool float double auto VOID ULONG LONG BOOL BOOLEAN BYTE UCHAR DWORD HANDLE ' +
    'HRESULT NTSTATUS BSTR GUID HKEY WCHAR PDRIVER_OBJECT PUNICODE_STRING DEVICE_RELATION_TYPE SYSTEM_POWER_STATE ' +
    'PSTIDEVICECONTROL PSTI_USD_CAPS PSTI_DEVICE_STATUS PORT_IDENTIFICATION SCAN_WINDOW').split(' '),
);

/** WDF handles and structures (WDFDEVICE, PWDFDEVICE_INIT, WDF_OBJECT_ATTRIBUTES, …), contexts, classes, COM interfaces. */
const TYPE_PATTERN = /^(P?WDF[A-Z]+(_INIT)?|P?WDF_(?!NO_)\w+_(CONFIG|CALLBACKS|ATTRIBUTES|STATE|HEADER)|P?[A-Z_]+_CONTEXT|C[A-Z][a-z]\w*|I[A-Z]\w*[a-z]\w*)$/;
/** WDF enumerators in mixed case (WdfRequestStopActionSuspend, WdfFalse), interface IDs, and ALL_CAPS macros. */
const CONSTANT_PATTERN = /^(Wdf[A-Z]\w*|IID_\w+|[A-Z][A-Z0-9_]+)$/;
/** SAL annotations: _In_, _Out_, _Inout_, _In_opt_, _Use_decl_annotations_. */
const ANNOTATION_PATTERN = /^_[A-Z][A-Za-z_]*_$/;

/** One token at a time, tried in order at the current position (sticky). */
const LEXEMES: [RegExp, TokenKind | 'word' | 'blockComment'][] = [
  [/\/\/.*/y, 'comment'],
  [/\/\*/y, 'blockComment'],
  [/L?"(?:[^"\\]|\\.)*"?/y, 'string'],
  [/'(?:[^'\\]|\\.)*'?/y, 'string'],
  [/(?:0[xX][0-9a-fA-F]+|\d+(?:\.\d+)?)[uUlLfF]*\b/y, 'number'],
  [/[A-Za-z_]\w*/y, 'word'],
  [/\s+|[^\w\s"'/]+|\//y, 'plain'],
];

function wordKind(word: string, before: string, rest: string): TokenKind {
  if (KEYWORDS.has(word)) return 'keyword';
  if (ANNOTATION_PATTERN.test(word)) return 'annotation';
  if (/^\s*\(/.test(rest)) return 'function';
  if (/(\.|->)$/.test(before)) return 'plain'; // a member: config.PowerManaged
  if (word.startsWith('IID_')) return 'constant';
  if (TYPES.has(word) || TYPE_PATTERN.test(word)) return 'type';
  if (CONSTANT_PATTERN.test(word)) return 'constant';
  return 'plain';
}

function push(out: Token[], text: string, kind: TokenKind): void {
  const last = out[out.length - 1];
  if (last && last.kind === kind) last.text += text;
  else out.push({ text, kind });
}

/**
 * The tokens of each line; joined, a line's tokens give back the line exactly. A block comment may span lines.
 * Accepts the text or its lines.
 */
export function highlight(source: string | readonly string[]): Token[][] {
  const lines = typeof source === 'string' ? source.split('\n') : source;
  let inBlockComment = false;
  return lines.map((line) => {
    const out: Token[] = [];
    let at = 0;
    if (inBlockComment) {
      const end = line.indexOf('*/');
      at = end < 0 ? line.length : end + 2;
      inBlockComment = end < 0;
      if (at > 0) push(out, line.slice(0, at), 'comment');
    }
    const directive = at === 0 ? /^\s*#\s*\w+/.exec(line) : null;
    if (directive) {
      push(out, directive[0], 'preprocessor');
      at = directive[0].length;
      const include = /^(\s*)(<[^>]*>)/.exec(line.slice(at));
      if (include) {
        if (include[1]) push(out, include[1], 'plain');
        push(out, include[2], 'string');
        at += include[0].length;
      }
    }
    while (at < line.length) {
      for (const [pattern, kind] of LEXEMES) {
        pattern.lastIndex = at;
        const m = pattern.exec(line);
        if (!m) continue;
        if (kind === 'blockComment') {
          const end = line.indexOf('*/', at + 2);
          inBlockComment = end < 0;
          const stop = end < 0 ? line.length : end + 2;
          push(out, line.slice(at, stop), 'comment');
          at = stop;
        } else {
          push(out, m[0], kind === 'word' ? wordKind(m[0], line.slice(0, at), line.slice(at + m[0].length)) : kind);
          at += m[0].length;
        }
        break;
      }
    }
    return out;
  });
}
