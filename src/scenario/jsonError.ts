/**
 * Where a JSON text stops being valid JSON, as "line L, column C: what was found". JSON.parse's own
 * messages differ between engines and may quote the text across lines, so we locate the error ourselves.
 */
export function locateJsonError(text: string): string {
  let i = 0;
  const fail = (what: string): never => {
    throw new Located(i, what);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const found = () => (i >= text.length ? 'the end of the file' : JSON.stringify(text[i]));
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`expected a "quoted" field name, found ${found()}`);
        string();
        ws();
        if (text[i] !== ':') fail(`expected ":", found ${found()}`);
        i++;
        value();
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') return void i++;
        fail(`expected "," or "}", found ${found()}`);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') return void i++;
        fail(`expected "," or "]", found ${found()}`);
      }
    }
    if (c === '"') return string();
    const m = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
    if (!m) fail(`expected a value, found ${found()}`);
    i += m![0].length;
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\n') fail('a string runs past the end of the line');
      i += text[i] === '\\' ? 2 : 1;
    }
    if (i >= text.length) fail('a string is not closed');
    i++;
  };
  try {
    value();
    ws();
    if (i < text.length) fail(`unexpected ${found()} after the end of the JSON value`);
    return 'invalid JSON';
  } catch (e) {
    if (!(e instanceof Located)) throw e;
    const before = text.slice(0, e.at);
    return `line ${before.split('\n').length}, column ${e.at - before.lastIndexOf('\n')}: ${e.what}`;
  }
}

class Located {
  constructor(
    readonly at: number,
    readonly what: string,
  ) {}
}
