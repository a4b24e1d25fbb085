/**
 * The page's side of a streamed run: decodes each chunk, appends the run's other parts, and builds the per-device
 * device timelines and the action index as the events come (work in proportion to the chunk, never to the whole run). The
 * result is the same RunResult, DeviceTimelines and ActionIndex the lab builds in one go for a run on the page
 * (streamRun.test.ts checks it).
 */
import type { Scenario } from '../scenario/schema';
import type { ActionIndex } from '../model/actionIndex';
import { addDeferredPower, addEvents, addPlacements, emptyTimelines, type DeviceTimelines } from '../model/deviceTimeline';
import type { RunResult } from '../model/runLab';
import { seedScannerTracks, type ScannerTrack } from '../model/scanState';
import type { ScenarioInput } from '../scenario/schema';
import { AS_SENT, type ChunkMessage, type StartMessage } from './protocol';
import { isEncodedRecords, isEncodedRuns, TraceDecoder } from './traceCodec';

export interface AssembledRun {
  run: RunResult;
  timelines: DeviceTimelines;
  index: ActionIndex;
}

/** The run's scenario from the worker's start: its steps are the page's own when the worker says they are as sent. */
export function scenarioOfStart(start: StartMessage, sent: ScenarioInput): Scenario | undefined {
  const steps = start.scenario.steps === AS_SENT ? sent.steps : start.scenario.steps;
  return Array.isArray(steps) ? ({ ...start.scenario, steps } as Scenario) : undefined;
}

export class RunAssembler {
  private readonly decoder = new TraceDecoder();
  private readonly parts: Record<string, unknown[]> = {};
  private readonly timelines: DeviceTimelines;
  /** IRP_MN_SET_POWER events whose result is still pending (model/deviceTimeline.ts, addEvents) */
  private readonly deferred = new Set<number>();
  private readonly index: ActionIndex = { events: new Map(), skips: new Map() };
  private skipsIndexed = 0;
  /** steps started so far (their user events have arrived) */
  steps = 0;

  constructor(readonly scenario: Scenario) {
    this.timelines = emptyTimelines(scenario);
  }

  get events(): number {
    return this.decoder.events.length;
  }

  add(m: ChunkMessage): void {
    const trace = this.decoder.events;
    const from = trace.length;
    this.decoder.decode(m.chunk);
    for (const [key, value] of Object.entries(m.parts)) {
      const list = this.parts[key] ?? (this.parts[key] = []);
      if (isEncodedRuns(value)) {
        this.decoder.decodeRuns(value, list);
        continue;
      }
      const items = isEncodedRecords(value) ? this.decoder.decodeRecords(value) : value;
      for (const item of items) list.push(item);
    }
    addEvents(this.timelines, trace, from, this.deferred);
    // a patch may settle a deferred IRP_MN_SET_POWER
    if (this.deferred.size > 0 && m.chunk.patches.length > 0) {
      const patched: number[] = [];
      for (let j = 0; j < m.chunk.patches.length; j += 4) patched.push(m.chunk.patches[j]);
      addDeferredPower(this.timelines, trace, this.deferred, patched);
    }
    const ports = (this.parts.ports ?? []) as RunResult['ports'];
    addPlacements(this.timelines, ports, this.placed);
    this.placed = ports.length;
    this.indexEvents(from);
    this.steps = (this.parts.stepEvents ?? []).length;
  }

  private placed = 0;

  /** The action index (actionPath.ts, indexActions) of the events from `from` and of the new skips. */
  private indexEvents(from: number): void {
    const trace = this.decoder.events;
    const { events, skips } = this.index;
    for (let i = from; i < trace.length; i++) {
      const e = trace[i];
      const a = e.kind === 'user' ? e.seq : e.cause;
      if (a === undefined) continue;
      const list = events.get(a);
      if (list) list.push(i);
      else events.set(a, [i]);
    }
    const all = (this.parts.skips ?? []) as RunResult['skips'];
    for (let i = this.skipsIndexed; i < all.length; i++) {
      const cause = all[i].cause;
      if (cause === undefined) continue;
      const list = skips.get(cause);
      if (list) list.push(i);
      else skips.set(cause, [i]);
    }
    this.skipsIndexed = all.length;
  }

  private runOf(copy: boolean): RunResult {
    const parts: Record<string, unknown[]> = {};
    for (const [k, v] of Object.entries(this.parts)) parts[k] = copy ? v.slice() : v;
    // every array part the worker streamed (skips, ports, stepEvents, …), empty ones included
    return { runs: [], skips: [], ports: [], stepEvents: [], ...parts, scenario: this.scenario, trace: copy ? this.decoder.events.slice() : this.decoder.events } as RunResult;
  }

  /**
   * The run so far, for showing while the rest comes: its own arrays (later chunks do not change them, though a
   * patch may still complete an event in it). The timelines and index are the ones being built (read, never kept).
   */
  partial(): AssembledRun {
    return { run: this.runOf(true), timelines: this.timelines, index: this.index };
  }

  /** The whole run, once the worker said `done` (with the scanners' tracks it made, if it did). */
  finish(scanners?: Map<string, ScannerTrack>): AssembledRun {
    addDeferredPower(this.timelines, this.decoder.events, this.deferred, [...this.deferred], true);
    const run = this.runOf(false);
    if (scanners) seedScannerTracks(run, scanners);
    return { run, timelines: this.timelines, index: this.index };
  }
}
