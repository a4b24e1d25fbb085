/**
 * TraceRecorder.drainTo: the CLI's constant-memory output. Events reach the sink in order, exactly
 * as the whole trace has them; an event completed after it was handed over is an error, not a
 * silently different output.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../scenario/parse';
import { createLab, runScenario } from '../scenario/run';
import { EventBudgetError } from './errors';
import { toJsonLines, toJsonLinesParts, TraceDrainError, type TraceEvent } from './trace';

const example = parseScenarioText(readFileSync(join(import.meta.dirname, '../../examples/hub-unplug.json'), 'utf8'));
const whole = toJsonLines(runScenario(example));

function drained(keep: number, maxEvents?: number): { text: string; held: number; batches: number } {
  const lab = createLab(example, { maxEvents });
  let text = '';
  let batches = 0;
  let held = 0;
  lab.trace.drainTo((events: TraceEvent[]) => {
    text += toJsonLines(events);
    batches++;
    held = Math.max(held, lab.trace.events.length);
  }, keep);
  runScenario(example, lab);
  lab.trace.flush();
  return { text, held, batches };
}

describe('TraceRecorder.drainTo', () => {
  it('hands every event over once, in order, byte for byte the whole trace; holds only about `keep` events', () => {
    for (const keep of [16, 40, 100, 100_000]) {
      const r = drained(keep);
      expect(r.text).toBe(whole);
      if (keep < 100) {
        expect(r.batches).toBeGreaterThan(5);
        expect(r.held).toBeLessThanOrEqual(keep + (keep >> 2) + 1);
      }
    }
  });

  it('an event completed after it was handed over throws TraceDrainError (the output would differ)', () => {
    expect(() => drained(1)).toThrow(TraceDrainError);
  });

  it('the event budget still counts the steps of events already handed over', () => {
    const users = whole.split('\n').filter((l) => l.includes('"kind":"user"')).length;
    const total = whole.split('\n').length - 1;
    try {
      drained(16, total - 1);
      throw new Error('expected the budget to stop the run');
    } catch (e) {
      expect(e).toBeInstanceOf(EventBudgetError);
      expect((e as EventBudgetError).stepsStarted).toBe(users);
    }
  });

  it('a wait-wake IRP pending across many more events than the window is held back, then written completed', () => {
    // idle with wake armed, a long wait, then the device signals wake: IRP_MN_WAIT_WAKE completes
    // with STATUS_SUCCESS long after it was sent (kernel/irp-mn-wait-wake.md)
    const idleWake = parseScenarioText(JSON.stringify({
      seed: 3,
      devices: [{ id: 'disk', model: 'usb-disk' }, { id: 'cam', model: 'usb-webcam' }],
      steps: [
        { action: 'plug', device: 'disk' }, { action: 'idle', device: 'disk' },
        ...Array.from({ length: 6 }, () => [{ action: 'plug', device: 'cam' }, { action: 'unplug', device: 'cam' }]).flat(),
        { action: 'wake', device: 'disk' },
      ],
    }));
    const all = toJsonLines(runScenario(idleWake));
    expect(all).toMatch(/"name":"IRP_MN_WAIT_WAKE"[^\n]*"result":"STATUS_SUCCESS"/);
    const lab = createLab(idleWake);
    let text = '';
    lab.trace.drainTo((events: TraceEvent[]) => { text += toJsonLines(events); }, 16);
    runScenario(idleWake, lab);
    lab.trace.flush();
    expect(text).toBe(all);
  });

  it('refuses a window that is not a whole number >= 1', () => {
    for (const bad of [0, -1, 2.5]) expect(() => createLab(example).trace.drainTo(() => undefined, bad)).toThrow(RangeError);
  });
});

describe('toJsonLinesParts (Save trace writes a Blob from these)', () => {
  it('joined, the parts are exactly the JSON Lines', () => {
    const events = runScenario(example);
    for (const size of [1, 7, 10_000]) expect(toJsonLinesParts(events, size).join('')).toBe(whole);
    expect(toJsonLinesParts(events, 7)).toHaveLength(Math.ceil(events.length / 7));
  });
});

describe('the engine counts events with trace.length', () => {
  it('no engine source reads trace.events.length or completes an event by hand (while draining, events holds only the latest)', () => {
    const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
    });
    for (const file of files(import.meta.dirname)) {
      const text = readFileSync(file, 'utf8');
      expect(text, `${file}: use trace.length (the seq of the last event), not trace.events.length`).not.toMatch(/trace\.events\.length/);
      expect(text, `${file}: use trace.complete(event, result), which refuses an event already written out`).not.toMatch(/(^|[^.\w])complete\(\s*\w+[^,)]*,[^,)]*,/m);
    }
  });
});
