/**
 * Lessons are data (docs/lessons.md): a prepared scenario in the CLI's format, tasks whose goals are
 * predicates over the engine's trace, and "what comes next?" questions checked against that trace.
 * Nothing here runs the engine; src/lessons/check.ts does.
 */
import type { PnpState, Problem } from '../engine/device';
import type { IrpPass, Layer, TraceEvent, TraceKind } from '../engine/trace';
import type { ScenarioInput } from '../scenario/schema';

export type DeviceInput = NonNullable<ScenarioInput['devices']>[number];
export type ClientInput = NonNullable<ScenarioInput['clients']>[number];
export type StepInput = NonNullable<ScenarioInput['steps']>[number];

/** One value, or a list meaning "any of these". */
export type OneOf<T> = T | readonly T[];

/**
 * Which trace events qualify. Every field given must hold (fields left out match anything); a list
 * means any of its values. Values are compared as strings, exactly (no patterns).
 */
export interface Match {
  kind?: OneOf<TraceKind>;
  name?: OneOf<string>;
  device?: OneOf<string>;
  client?: OneOf<string>;
  layer?: OneOf<Layer>;
  driver?: OneOf<string>;
  component?: OneOf<NonNullable<TraceEvent['component']>>;
  result?: OneOf<string>;
  /** irp events: `down` (the IRP reaches the driver on its way down) or `up` (its completion, on the way back up) */
  pass?: OneOf<IrpPass>;
  /** each key must be present in the event's `args` with (one of) the value(s) given */
  args?: Readonly<Record<string, OneOf<string | number | boolean>>>;
  /** the action of the step that started the operation (the `name` of the `user` event `cause` points to) */
  cause?: OneOf<string>;
}

/** A predicate over a whole trace (and the device states it ends with). */
export type Goal =
  /** at least one event matches */
  | { kind: 'event'; match: Match }
  /** no event matches */
  | { kind: 'absent'; match: Match }
  /** events matching each entry, in this order (others may come between) */
  | { kind: 'sequence'; matches: readonly Match[] }
  /** the number of matching events is within [min, max] (either bound may be left out) */
  | { kind: 'count'; match: Match; min?: number; max?: number }
  /**
   * The device's devnode at the end of the trace: its last `state` event that is not a veto
   * (PhysicallyAbsent if it has none). `problem: null` = no problem code; left out = any.
   */
  | { kind: 'deviceState'; device: string; state?: OneOf<PnpState>; problem?: Problem | null }
  | { kind: 'all'; goals: readonly Goal[] }
  | { kind: 'any'; goals: readonly Goal[] }
  /** holds in run B of the scenario's comparison (its `compare`: the same scenario with one difference; src/compare/) */
  | { kind: 'compared'; goal: Goal };

/** Changes to the prepared scenario's devices and clients, keyed by id. */
export interface Settings {
  seed?: number;
  /**
   * Merged into the device with that id: `callbacks`, `capabilities`, `filters`, `wia` and each layer's
   * callbacks key by key; other fields are replaced. The device must exist.
   */
  devices?: Readonly<Record<string, Partial<Omit<DeviceInput, 'id'>>>>;
  /** Merged into the client with that id, or added as a new client (then `mode` and `category` are needed). */
  clients?: Readonly<Record<string, Partial<Omit<ClientInput, 'id'>>>>;
}

/** A way to do a task: settings applied to the prepared scenario, then steps appended to its steps. */
export interface Solution {
  settings?: Settings;
  steps: readonly StepInput[];
}

export interface Task {
  /** kebab-case, unique in the lesson */
  id: string;
  /** what the learner must do */
  prompt: string;
  hints: readonly string[];
  solution: Solution;
  /** other ways that reach the goal too (each is tested like the solution) */
  alternatives?: readonly Solution[];
  goal: Goal;
  /** the goal in words, for the learner */
  goalText: string;
}

/** Fields of a trace event a question can ask about; `args.X` is one argument. */
export type EventField = 'kind' | 'name' | 'device' | 'client' | 'layer' | 'driver' | 'component' | 'result' | `args.${string}`;

/**
 * "What comes next?" The question is asked on a trace (the prepared scenario's, or a task solution's
 * when `onTask` names the task) right after the `occurrence`-th event matching `after`. The right
 * answer is the `field` of the first later event matching `next`.
 */
export interface Question {
  /** kebab-case, unique in the lesson */
  id: string;
  onTask?: string;
  after: Match;
  /** 1 = the first event matching `after` (the default) */
  occurrence?: number;
  next: Match;
  field: EventField;
  prompt: string;
  choices: readonly string[];
  /** one of `choices` */
  answer: string;
  explanation: string;
  /**
   * The page the explanation rests on: one of the lesson's `source` entries (the lesson-content test
   * checks it). Shown after the learner answers.
   */
  page: string;
}

export interface Lesson {
  /** kebab-case; the lesson's file is src/lessons/<id>.ts */
  id: string;
  title: string;
  /**
   * What the lesson's sentences rest on: pages of MicrosoftDocs/windows-driver-docs
   * (`wdf/a-user-unplugs-a-device.md`), of MicrosoftDocs/windows-driver-docs-ddi (`ddi/wdfdevice/nf-wdfdevice-….md`),
   * or a source file (`github:microsoft/Windows-Driver-Frameworks/src/…/pnpstatemachine.cpp`). Every page a
   * question or a sentence cites must be here (the lesson-content test).
   */
  source: readonly string[];
  /** ids of the primer entries for the words the lesson uses (src/primer/terms.ts), in reading order */
  primer: readonly string[];
  /** a few short paragraphs for the learner */
  intro: readonly string[];
  /** the prepared scenario (CLI format, docs/scenario-format.md) */
  scenario: ScenarioInput;
  tasks: readonly Task[];
  questions: readonly Question[];
}

/**
 * The page for a source: learn.microsoft.com for a docs or DDI path (`wdf/a-user-plugs-in-a-device.md` →
 * …/drivers/wdf/a-user-plugs-in-a-device, `ddi/wdfdevice/nf-….md` → …/drivers/ddi/wdfdevice/nf-…), GitHub for a
 * `github:owner/repo/path` source file.
 */
export function sourceUrl(path: string): string {
  const github = /^github:([^/]+\/[^/]+)\/(.+)$/.exec(path);
  if (github) return `https://github.com/${github[1]}/blob/HEAD/${github[2]}`;
  return `https://learn.microsoft.com/windows-hardware/drivers/${path.replace(/\.md$/, '')}`;
}
