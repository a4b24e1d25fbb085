/**
 * Driver sources as data (docs/driver-sources.md). A source is written by hand as plain C or C++ in a
 * template literal, with a few markers in `//@` comments that are stripped when it is loaded:
 *
 *   //@fn EvtDeviceQueryRemove     alone on a line: the function that starts on the next line is the one the
 *                                  trace names EvtDeviceQueryRemove; it ends at the next line that is `}`
 *   return STATUS_SUCCESS; //@return   the line where the settings' behaviour shows (one per function: the
 *                                  success return, or the closing `}` of a function that returns nothing)
 *   ReadFile(...);   //@call ReadFile  the line makes the call the trace records under that name
 *   if (m_bDisconnected) ... //@careful  a line a careless WIA minidriver leaves out (scenario `wia.careless`)
 *
 * Line numbers are 1-based, as an editor shows them. The parser checks the markers and throws one line
 * naming the source and the line when one is misplaced.
 */

export type SourceLanguage = 'c' | 'cpp';
/** Whose conventions the source follows: what a failure returns and what "hang" means differ. */
export type SourceFramework = 'kmdf' | 'umdf1' | 'wia';
export type SourceId = 'kmdf-function' | 'kmdf-filter' | 'kmdf-bus' | 'umdf1-driver' | 'wia-minidriver';

/** A source as written (see the files next to this one). */
export interface SourceSpec {
  id: SourceId;
  /** The file name a driver project would give it. */
  file: string;
  /** One line: what it is. */
  title: string;
  /** One line: which of the lab's drivers run it (the trace's `driver` names). */
  serves: string;
  language: SourceLanguage;
  framework: SourceFramework;
  /** The text with its markers. */
  text: string;
}

/** One `return …;` statement: its line and what it returns (`''` for a bare `return;`). */
export interface ReturnStatement {
  line: number;
  value: string;
}

/** A line that calls something the trace records (a `hw` event, MiniDrvCallback, IStiDevice::LockDevice, …). */
export interface CallSite {
  name: string;
  line: number;
  /** The trace name of the function the line is in, if it is a marked one. */
  inFunction?: string;
}

export interface DriverFunction {
  /** The name the trace gives it: `EvtDeviceQueryRemove`, `IPnpCallback::OnQueryRemove`, `drvAcquireItemData`. */
  name: string;
  /** The name in the code: `SimEvtDeviceQueryRemove`, `CMyDevice::OnQueryRemove`, `CWiaDriver::drvAcquireItemData`. */
  identifier: string;
  /** First line (its comment, if any) and last line (the closing `}`), inclusive. */
  first: number;
  last: number;
  /** The line that names the function (`identifier(`). */
  signatureLine: number;
  /** What it is declared to return: `NTSTATUS`, `VOID`, `HRESULT`, `void`, `ULONG`. */
  returnType: string;
  /** Declared VOID / void: its trace event has no `result`. */
  isVoid: boolean;
  /** The `//@return` line: where the panel shows the settings' behaviour. */
  behaviourLine: number;
  returns: ReturnStatement[];
  calls: CallSite[];
  /** `//@careful` lines inside it. */
  carefulLines: number[];
}

export interface DriverSource extends Omit<SourceSpec, 'text'> {
  /** The text without its markers, one entry per line. */
  lines: string[];
  functions: DriverFunction[];
  /** Every `//@call` line, in or out of a marked function. */
  calls: CallSite[];
  /** Every `//@careful` line. */
  carefulLines: number[];
}

const FN_MARKER = /^\s*\/\/@fn(?:\s+(\S+))?\s*$/;
const TRAILING_MARKERS = /\s*\/\/@(?:return|call|careful)\b.*$/;
const KNOWN_MARKER = /\/\/@(return|call|careful)\b\s*([^/\s]*)/g;
const RETURN_STATEMENT = /^\s*return\b\s*(.*?)\s*;/;
/** A return statement anywhere in a line (`if (x) return S_FALSE;`), outside a trailing comment. */
const RETURN_IN_LINE = /(?:^|[\s;{)])return\b\s*([^;]*?)\s*;/;

export class SourceFormatError extends Error {}

/** Reads a source's markers; throws a SourceFormatError naming the source and line for a misplaced one. */
export function parseSource(spec: SourceSpec): DriverSource {
  const { text, ...meta } = spec;
  const fail = (line: number, what: string): never => {
    throw new SourceFormatError(`${spec.id} (${spec.file}) line ${line} of the written text: ${what}`);
  };
  const raw = text.replace(/^\n/, '').replace(/\s+$/, '').split('\n');
  const lines: string[] = [];
  const calls: CallSite[] = [];
  const carefulLines: number[] = [];
  const functions: DriverFunction[] = [];
  let open: { name: string; first: number; writtenAt: number; behaviourLine?: number; calls: CallSite[]; careful: number[] } | undefined;

  raw.forEach((written, i) => {
    const writtenLine = i + 1;
    const fn = FN_MARKER.exec(written);
    if (fn) {
      if (!fn[1]) fail(writtenLine, '//@fn needs the trace name of the function that follows');
      if (open) fail(writtenLine, `//@fn ${fn[1]} inside ${open.name} (line ${open.writtenAt}), which has not ended with a line that is "}"`);
      open = { name: fn[1], first: lines.length + 1, writtenAt: writtenLine, calls: [], careful: [] };
      return;
    }
    const markerAt = written.search(TRAILING_MARKERS);
    const known = markerAt < 0 ? 0 : [...written.slice(markerAt).matchAll(KNOWN_MARKER)].length;
    if (written.split('//@').length - 1 !== known) fail(writtenLine, `unknown or misplaced marker in "${written.trim()}"; expected //@fn NAME alone on a line, or //@return, //@call NAME, //@careful at the end of one`);
    const code = markerAt < 0 ? written.replace(/\s+$/, '') : written.slice(0, markerAt).replace(/\s+$/, '');
    const markers = markerAt < 0 ? '' : written.slice(markerAt);
    lines.push(code);
    const line = lines.length;
    for (const m of markers.matchAll(KNOWN_MARKER)) {
      if (m[1] === 'return') {
        if (!open) fail(writtenLine, '//@return outside a //@fn function');
        if (open!.behaviourLine !== undefined) fail(writtenLine, `a second //@return in ${open!.name}; expected one per function`);
        open!.behaviourLine = line;
      } else if (m[1] === 'call') {
        if (!m[2]) fail(writtenLine, '//@call needs the name the trace gives the call');
        const site: CallSite = open ? { name: m[2], line, inFunction: open.name } : { name: m[2], line };
        calls.push(site);
        open?.calls.push(site);
      } else {
        carefulLines.push(line);
        open?.careful.push(line);
      }
    }
    if (open && code === '}') {
      if (open.behaviourLine === undefined) fail(writtenLine, `${open.name} ends without a //@return line`);
      functions.push(finishFunction(open.name, open.first, line, open.behaviourLine!, open.calls, open.careful, lines, (what) => fail(writtenLine, what)));
      open = undefined;
    }
  });
  if (open) fail(open.writtenAt, `${open.name} never ends: expected a line that is "}"`);
  const seen = new Set<string>();
  for (const f of functions) {
    if (seen.has(f.name)) fail(f.first, `${f.name} is marked twice; expected one function per trace name in a source`);
    seen.add(f.name);
  }
  return { ...meta, lines, functions, calls, carefulLines };
}

function finishFunction(
  name: string, first: number, last: number, behaviourLine: number, calls: CallSite[], carefulLines: number[],
  lines: string[], fail: (what: string) => never,
): DriverFunction {
  // the signature: the first line inside the function, outside its leading comment, that has `identifier(`
  let signatureLine = 0;
  let identifier = '';
  let inComment = false;
  for (let l = first; l <= last && !signatureLine; l++) {
    const text = lines[l - 1].trim();
    if (inComment) { inComment = !text.includes('*/'); continue; }
    if (text.startsWith('/*')) { inComment = !text.includes('*/'); continue; }
    if (text.startsWith('//') || text === '') continue;
    const call = /^([A-Za-z_][\w:~]*)\s*\($/.exec(text) ?? /([A-Za-z_][\w:~]*)\s*\(/.exec(text);
    if (call) { signatureLine = l; identifier = call[1]; }
  }
  if (!signatureLine) fail(`${name}: no line names the function (identifier followed by "(")`);
  // the return type: the line above the signature (WDK style), or the words before the name on the same line
  const sameLine = lines[signatureLine - 1].trim();
  const before = sameLine.slice(0, sameLine.indexOf(identifier)).trim();
  const returnType = (before || lines[signatureLine - 2]?.trim() || '').replace(/\bSTDMETHODCALLTYPE\b/, '').trim();
  if (!returnType) fail(`${name}: no return type before ${identifier}`);
  const isVoid = /^(VOID|void)$/.test(returnType);
  const returns: ReturnStatement[] = [];
  for (let l = signatureLine; l <= last; l++) {
    const r = RETURN_IN_LINE.exec(lines[l - 1].replace(/\/\/.*$/, ''));
    if (r) returns.push({ line: l, value: r[1] });
  }
  const behaviour = lines[behaviourLine - 1];
  if (isVoid ? behaviour !== '}' && !RETURN_STATEMENT.test(behaviour) : !RETURN_STATEMENT.test(behaviour)) {
    fail(`${name}: its //@return line "${behaviour.trim()}" is not ${isVoid ? 'its closing "}" or a return statement' : 'a return statement'}`);
  }
  return { name, identifier, first, last, signatureLine, returnType, isVoid, behaviourLine, returns, calls, carefulLines };
}

/** The function the trace names `name` in this source, if it has one. */
export function functionNamed(source: DriverSource, name: string): DriverFunction | undefined {
  return source.functions.find((f) => f.name === name);
}
