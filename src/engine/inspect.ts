/**
 * The inspection stream: what the engine tells observers besides the trace, so a reader never has to guess who called
 * whom. Every table run has an id (`run`); its `run.start` names the table, the run and row that invoked it (`parent`),
 * the devnode and driver it runs for, and the user action behind it; `run.end` gives its end; `row.skip` says in words
 * why a row did not run; `step` marks each user action. With `LabConfig.runs` every trace event also carries the `run`
 * that recorded it (docs/trace-format.md, "Runs").
 *
 * Observers are passed at construction (`new Lab(config, { inspect })`) and are told synchronously, in order. `seq` in
 * each record is the trace's length at that moment: the record comes after event `seq` and before event `seq + 1`.
 */
import type { LabAction } from './actions';
import type { Scheduler } from './scheduler';
import type { End } from './tables/table';
import type { Layer } from './trace';

/** A row of a run: the place a table or an IRP was invoked from. */
export interface RowRef {
  run: number;
  row: string;
}

export interface RunStart {
  kind: 'run.start';
  run: number;
  table: string;
  /** The run and row that invoked this table (undefined: a top-level run, as the PnP manager starts a queued request). */
  parent: RowRef | undefined;
  /** A PnP request: the run and row that queued it (an interface change queued by a driver's row), if any. */
  queuedBy: RowRef | undefined;
  /** A driver's table run for an IRP: the seq of the `irp` event of the hop it runs in (a pre or post pass: the hop's IRP). */
  irp: number | undefined;
  device: string | undefined;
  layer: Layer | undefined;
  driver: string | undefined;
  /** seq of the user event whose action led to the run */
  cause: number | undefined;
  seq: number;
}

export interface RunEnd {
  kind: 'run.end';
  run: number;
  outcome: End;
  seq: number;
}

export interface RowSkip {
  kind: 'row.skip';
  run: number;
  row: string;
  /** Why, in words (the guard's sentence, or what the framework did instead of an absent callback). */
  reason: string;
  /** The guard that was false, when a guard skipped the row. */
  when: string | undefined;
  seq: number;
}

export interface StepRecord {
  kind: 'step';
  /** The step's index: the n-th user action the lab carried out (0 first). */
  index: number;
  /** seq of the step's `user` event. */
  seq: number;
  action: LabAction;
}

export type InspectRecord = RunStart | RunEnd | RowSkip | StepRecord;
export type InspectObserver = (record: InspectRecord) => void;

/** Who a run is for: what `run.start` says besides the table and the parent (hosts give it). */
export interface RunSubject {
  device: string | undefined;
  layer: Layer | undefined;
  driver: string | undefined;
  cause: number | undefined;
  irp: number | undefined;
  queuedBy: RowRef | undefined;
}

/** A run in progress: its id, the row it is at, and the frame it returns to when it ends. */
export interface RunFrame {
  run: number;
  row: string;
  parent: RunFrame | undefined;
}

/**
 * Numbers table runs and tells the observers. The run in progress is kept in the scheduler's per-task context slot, so a
 * task that yields and resumes later is still inside its own run, whatever ran meanwhile.
 */
export class Inspector {
  private nextRun = 1;
  private steps = 0;

  constructor(
    private readonly observers: readonly InspectObserver[],
    private readonly scheduler: Scheduler,
    private readonly traceLength: () => number,
  ) {}

  /** The run and row being carried out by the running task (undefined outside any table). */
  get current(): RunFrame | undefined {
    return this.scheduler.context as RunFrame | undefined;
  }

  /** Where the running task is, as a reference (for `queuedBy`). */
  here(): RowRef | undefined {
    const f = this.current;
    return f === undefined ? undefined : { run: f.run, row: f.row };
  }

  begin(table: string, who: RunSubject): RunFrame {
    const parent = this.current;
    const frame: RunFrame = { run: this.nextRun++, row: '', parent };
    this.tell({
      kind: 'run.start', run: frame.run, table, parent: parent === undefined ? undefined : { run: parent.run, row: parent.row },
      queuedBy: who.queuedBy, irp: who.irp, device: who.device, layer: who.layer, driver: who.driver, cause: who.cause, seq: this.traceLength(),
    });
    this.scheduler.context = frame;
    return frame;
  }

  /** The run is at `row` (the runner calls it before each row). */
  at(frame: RunFrame, row: string): void {
    frame.row = row;
    this.scheduler.context = frame;
  }

  end(frame: RunFrame, outcome: End): void {
    this.tell({ kind: 'run.end', run: frame.run, outcome, seq: this.traceLength() });
    this.scheduler.context = frame.parent;
  }

  /** The current run's current row did not run (`when`: the guard that was false). */
  skip(row: string, reason: string, when: string | undefined): void {
    const f = this.current;
    if (f === undefined) return;
    this.tell({ kind: 'row.skip', run: f.run, row, reason, when, seq: this.traceLength() });
  }

  step(seq: number, action: LabAction): void {
    this.tell({ kind: 'step', index: this.steps++, seq, action });
  }

  /** The run each trace event is stamped with (LabConfig.runs). */
  runNow(): number | undefined {
    return this.current?.run;
  }

  private tell(record: InspectRecord): void {
    for (const o of this.observers) o(record);
  }
}
