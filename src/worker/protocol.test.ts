import { describe, expect, it } from 'vitest';
import { readEncoded, readEncodeRequest } from './permalinkProtocol';
import { MAX_FILE_CHARS as FILE_LIMIT } from '../share/permalink';
import { MAX_CHUNK_EVENTS, MAX_FILE_CHARS, readImportAnswer, readRequest, readWorkerMessage } from './protocol';
import { TraceDecoder, TraceEncoder } from './traceCodec';
import { streamRun } from './streamRun';
import type { WorkerMessage } from './protocol';

const expected = { id: 7, devices: 1, steps: 1, events: 0 };
const chunk = (count: number, first = 0) => ({ first, count, strings: [], t: new Float64Array(count), str: new Int32Array(count * 12), num: new Float64Array(count * 3), patches: new Float64Array(0) });

describe('the engine worker protocol refuses what it does not expect, in one line', () => {
  it('takes files up to the limit a file has on the page (share/permalink.ts)', () => {
    expect(MAX_FILE_CHARS).toBe(FILE_LIMIT);
  });

  it('requests: a run needs a whole-number id and a scenario object; an import, bytes within the file limit; a hold or resume, an id', () => {
    expect(readRequest({ type: 'run', id: 1, input: { devices: [] } })).toMatchObject({ type: 'run', id: 1 });
    expect(readRequest(null)).toBe('message: expected an object');
    expect(readRequest({ type: 'run', id: 0, input: {} })).toBe('message.id: expected a whole number > 0');
    expect(readRequest({ type: 'run', id: 1.5, input: {} })).toBe('message.id: expected a whole number > 0');
    expect(readRequest({ type: 'run', id: 1, input: [] })).toBe('message.input: expected a scenario object');
    expect(readRequest({ type: 'eval', id: 1 })).toBe('message.type: expected "run", "import", "hold" or "resume", got "eval"');
    // the page holds a run while it shows its first events, then lets it go on: an id, nothing else is read
    expect(readRequest({ type: 'hold', id: 4, extra: 'x'.repeat(10) })).toEqual({ type: 'hold', id: 4 });
    expect(readRequest({ type: 'resume', id: 4 })).toEqual({ type: 'resume', id: 4 });
    expect(readRequest({ type: 'hold', id: -1 })).toBe('message.id: expected a whole number > 0');
    expect(readRequest({ type: 'import', id: 2, bytes: 'text' })).toMatch(/^message\.bytes: expected the bytes of a file of at most/);
    expect(readRequest({ type: 'import', id: 2, bytes: new Uint8Array(3) })).toMatchObject({ type: 'import', id: 2 });
  });

  it('answers: only for the run asked, with typed arrays of the right lengths that follow on, within the bounds', () => {
    expect(readWorkerMessage({ type: 'chunk', id: 8, chunk: chunk(1), parts: {} }, expected)).toBe('worker message.id: expected 7');
    expect(readWorkerMessage({ type: 'chunk', id: 7, chunk: chunk(2), parts: {} }, expected)).toMatchObject({ type: 'chunk' });
    expect(readWorkerMessage({ type: 'chunk', id: 7, chunk: chunk(2, 5), parts: {} }, expected)).toBe('worker chunk: chunk.first: expected 0 (the events so far)');
    expect(readWorkerMessage({ type: 'chunk', id: 7, chunk: { ...chunk(2), t: new Float64Array(3) }, parts: {} }, expected)).toBe('worker chunk: chunk.t: expected a Float64Array of count numbers');
    expect(readWorkerMessage({ type: 'chunk', id: 7, chunk: { ...chunk(2), str: [1, 2] }, parts: {} }, expected)).toBe('worker chunk: chunk.str: expected an Int32Array of count × 12 ids');
    expect(readWorkerMessage({ type: 'chunk', id: 7, chunk: { ...chunk(0), count: MAX_CHUNK_EVENTS + 1 }, parts: {} }, expected)).toBe(`worker chunk: chunk.count: expected 0 to ${MAX_CHUNK_EVENTS}`);
    expect(readWorkerMessage({ type: 'chunk', id: 7, chunk: { ...chunk(1), strings: ['x'.repeat(70_000)] }, parts: {} }, expected)).toBe('worker chunk: chunk.strings: expected strings of at most 65536 characters');
    expect(readWorkerMessage({ type: 'chunk', id: 7, chunk: chunk(1), parts: { skips: 'all' } }, expected)).toBe('worker chunk.parts.skips: expected an array of at most 200000 items');
    expect(readWorkerMessage({ type: 'chunk', id: 7, chunk: chunk(1, 999_999), parts: {} }, { ...expected, events: 999_999 })).toMatchObject({ type: 'chunk' });
    expect(readWorkerMessage({ type: 'chunk', id: 7, chunk: chunk(2, 999_999), parts: {} }, { ...expected, events: 999_999 })).toBe('worker chunk: the run would hold more than 1000000 events');
    expect(readWorkerMessage({ type: 'start', id: 7, scenario: { devices: [{}, {}], steps: [{}] } }, expected)).toBe('worker start.scenario: expected 1 devices and 1 steps, as sent');
    expect(readWorkerMessage({ type: 'fail', id: 7, path: 'steps[0]', expected: 'x', stepIndex: 4 }, expected)).toBe('worker fail.stepIndex: expected a step of the scenario');
    expect(readWorkerMessage({ type: 'fail', id: 7, path: 'steps[0]', expected: 'x'.repeat(3000) }, expected)).toBe('worker fail: expected a path and a one-line reason');
    expect(readWorkerMessage({ type: 'crash', id: 7, message: { toString: 'no' } }, expected)).toEqual({ type: 'crash', id: 7, message: 'the engine worker failed' });
    expect(readWorkerMessage({ type: 'shell', id: 7 }, expected)).toBe('worker message.type: unknown ("shell")');
  });

  it('an imported file: a scenario within the budget, or a refusal with its path', () => {
    expect(readImportAnswer({ type: 'imported', id: 3, scenario: { seed: 1, devices: [], steps: [] } }, 3)).toMatchObject({ type: 'imported' });
    expect(readImportAnswer({ type: 'imported', id: 4, scenario: { seed: 1, devices: [], steps: [] } }, 3)).toBe('worker answer: expected the answer to the file sent');
    expect(readImportAnswer({ type: 'imported', id: 3, scenario: { seed: 1, devices: [], steps: { length: 5 } } }, 3)).toBe('worker imported.scenario: expected a scenario within the budget');
    expect(readImportAnswer({ type: 'imported', id: 3, scenario: { seed: 'one', devices: [], steps: [] } }, 3)).toBe('worker imported.scenario.seed: expected a whole number');
    expect(readImportAnswer({ type: 'refused', id: 3, path: '(file)', message: 'not valid JSON' }, 3)).toEqual({ type: 'refused', id: 3, path: '(file)', message: 'not valid JSON' });
  });

  it('the link worker: short names, a whole-number cursor; an answer only if it is a format-1 token', () => {
    expect(readEncodeRequest({ id: 1, cursor: -1 })).toBe('cursor: expected a whole number >= 0');
    expect(readEncodeRequest({ id: 1, lesson: 'x'.repeat(300) })).toBe('lesson, task: expected short names');
    expect(readEncodeRequest({ id: 1, scenario: { devices: [] } })).toBe('scenario: expected a scenario');
    expect(readEncoded({ id: 2, token: '1.abc-_' }, 2)).toBe('1.abc-_');
    expect(readEncoded({ id: 2, token: 'javascript:alert(1)' }, 2)).toBeUndefined();
    expect(readEncoded({ id: 3, token: '1.abc' }, 2)).toBeUndefined();
  });

  it('a chunk whose string ids point outside the table is refused when decoded, not shown', () => {
    const messages: WorkerMessage[] = [];
    streamRun(1, { seed: 1, devices: [{ id: 'disk', model: 'usb-disk' }], steps: [{ action: 'plug', device: 'disk' }] }, (m) => messages.push(m));
    const first = messages.find((m) => m.type === 'chunk' && m.chunk.count > 0)!;
    if (first.type !== 'chunk') throw new Error('no chunk');
    first.chunk.str[1] = 99_999;
    expect(() => new TraceDecoder().decode(first.chunk)).toThrow('string id 99999 is not in the table');
    // and a codec that meets a field it does not know refuses it rather than lose it
    expect(() => new TraceEncoder().encode([{ seq: 1, t: 0, kind: 'user', name: 'plug', extra: 1 } as never])).toThrow('field "extra" is unknown to the trace codec');
  });
});
