import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deviceSet, generate } from '../../bench/generate';
import { toJsonLines } from '../engine/trace';
import { indexRun } from '../model/actionIndex';
import { buildDeviceTimelines } from '../model/deviceTimeline';
import { runLab } from '../model/runLab';
import { trackScanners } from '../model/scanState';
import type { ScenarioInput } from '../scenario/schema';
import { readWorkerMessage, type WorkerMessage } from './protocol';
import { RunAssembler, scenarioOfStart } from './runAssembler';
import { streamRun } from './streamRun';

const EXAMPLES = join(import.meta.dirname, '../../examples');
const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).map((f) => ({ name: f, input: JSON.parse(readFileSync(join(EXAMPLES, f), 'utf8')) as ScenarioInput }));

/** Runs `input` through streamRun and the page's checks and assembler, as the worker and the page would (messages cloned). */
function streamed(input: ScenarioInput, flushMs = 0) {
  const messages: WorkerMessage[] = [];
  streamRun(1, structuredClone(input), (m, transfer) => messages.push(structuredClone(m, { transfer })), { flushMs });
  let assembler: RunAssembler | undefined;
  const expected = { id: 1, devices: input.devices?.length ?? 0, steps: input.steps?.length ?? 0, events: 0 };
  let chunks = 0;
  for (const raw of messages) {
    const m = readWorkerMessage(raw, { ...expected, events: assembler?.events ?? 0 });
    if (typeof m === 'string') throw new Error(m);
    if (m.type === 'start') assembler = new RunAssembler(scenarioOfStart(m, input)!);
    else if (m.type === 'chunk') {
      assembler!.add(m);
      chunks++;
    } else if (m.type === 'done') return { ...assembler!.finish(m.scanners), chunks, messages };
    else throw new Error(`${m.type}: ${JSON.stringify(m)}`);
  }
  throw new Error('no done message');
}

function expectSameAsOnThePage(input: ScenarioInput, flushMs = 0): number {
  const direct = runLab(structuredClone(input));
  if (!direct.ok) throw direct.error;
  const s = streamed(input, flushMs);
  // the trace written out (CLI, Save trace) is byte for byte the same
  expect(toJsonLines(s.run.trace)).toBe(toJsonLines(direct.run.trace));
  expect(s.run.trace).toEqual(direct.run.trace);
  expect(s.run.stepEvents).toEqual(direct.run.stepEvents);
  expect(s.run.ports).toEqual(direct.run.ports);
  expect(s.run.skips).toEqual(direct.run.skips);
  // the table runs, ends that came after their start included
  expect(s.run.runs).toEqual(direct.run.runs);
  expect(s.run.scenario).toEqual(direct.run.scenario);
  // built chunk by chunk, the device timelines and the action index are those built in one go
  expect(s.timelines).toEqual(buildDeviceTimelines(direct.run));
  expect(s.index).toEqual(indexRun(direct.run));
  // the scanners' tracks made in the worker are those the page would make
  expect(trackScanners(s.run)).toEqual(trackScanners(direct.run));
  return s.chunks;
}

describe('a run streamed from the engine worker', () => {
  it.each(examples)('$name: the same trace (JSON Lines byte for byte), parts, timelines and index as runLab on the page', ({ input }) => {
    expect(expectSameAsOnThePage(input)).toBeGreaterThan(1);
  });

  it('a random full-bus run (127 devices, 400 steps, a chunk at every step): the same, with patches for IRPs completed after they were sent', () => {
    const gen = generate(deviceSet(127), 400, 7);
    expect(expectSameAsOnThePage(gen.input)).toBeGreaterThan(100);
  }, 60_000);

  it('strings go once: a chunk repeats no string of an earlier one', () => {
    const s = streamed(examples.find((e) => e.name === 'full-usb-bus.json')!.input);
    const seen = new Set<string>();
    for (const m of s.messages) {
      if (m.type !== 'chunk') continue;
      for (const str of m.chunk.strings) {
        expect(seen.has(str)).toBe(false);
        seen.add(str);
      }
    }
  });

  it('paused after each chunk (the worker reads the page’s messages there), it posts nothing while held and ends with the same run', async () => {
    const input = examples.find((e) => e.name === 'full-usb-bus.json')!.input;
    const messages: WorkerMessage[] = [];
    let pauses = 0;
    let release: (() => void) | undefined;
    const running = streamRun(5, structuredClone(input), (m, transfer) => messages.push(structuredClone(m, { transfer })), {
      flushMs: 0,
      pause: () => {
        pauses++;
        // the second chunk is held (the page is showing the first events); the others go on at once
        return pauses === 2 ? new Promise<void>((r) => (release = r)) : Promise.resolve();
      },
    });
    expect(running).toBeInstanceOf(Promise);
    // held: every message so far came before the hold, and nothing comes until it is released
    await new Promise((r) => setTimeout(r, 20));
    const whileHeld = messages.length;
    expect(messages.filter((m) => m.type === 'chunk')).toHaveLength(2);
    expect(messages.some((m) => m.type === 'done')).toBe(false);
    await new Promise((r) => setTimeout(r, 20));
    expect(messages).toHaveLength(whileHeld);
    release!();
    await running;
    expect(messages.at(-1)?.type).toBe('done');
    // a pause after each chunk but the last (sent with the end)
    expect(pauses).toBe(messages.filter((m) => m.type === 'chunk').length - 1);
    // the same messages as a run that never paused
    const straight: WorkerMessage[] = [];
    streamRun(5, structuredClone(input), (m, transfer) => straight.push(structuredClone(m, { transfer })), { flushMs: 0 });
    expect(messages).toEqual(straight);
  });

  it('an impossible step ends with `fail`: its path and reason, as runLab says them', () => {
    const input: ScenarioInput = { seed: 1, devices: [{ id: 'disk', model: 'usb-disk' }], steps: [{ action: 'unplug', device: 'disk' }] };
    const messages: WorkerMessage[] = [];
    streamRun(3, input, (m) => messages.push(m));
    const direct = runLab(input);
    expect(direct.ok).toBe(false);
    const fail = messages.at(-1)!;
    expect(fail).toMatchObject({ type: 'fail', id: 3, stepIndex: 0 });
    if (!direct.ok && fail.type === 'fail') expect(`${fail.path}: ${fail.expected}`).toBe(direct.error.message);
  });
});
