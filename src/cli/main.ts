/**
 * The headless lab's command line, as a function (src/cli/lab.ts runs it; tests call it in-process):
 *
 *   run FILE [--max-events N] [--irp-travel] [--runs]   prints the scenario's trace as JSON Lines on stdout
 *
 * `--irp-travel` records every IRP on its way down the stack and back up (docs/trace-format.md, "IRPs that
 * travel"), as the lab in the browser does; without it the trace has one `irp` event per driver, where it acts.
 * `--runs` stamps every event with the table run that recorded it (`run`; docs/trace-format.md, "Runs"); without it
 * the output has no `run` field.
 *
 * Exit 0 on success. Exit 2 with one line on stderr (`FILE: PATH: what was expected`) for a bad
 * command line, a file that cannot be read, a scenario that is not valid, a step that is impossible,
 * or a run over its work budget; nothing is printed on stdout then. Exit 1 (one line) for a bug.
 *
 * The trace is streamed: the engine hands finished events over as it goes (TraceRecorder.drainTo),
 * so memory stays the same whatever the length of the run. To keep "nothing on stdout when the run
 * fails", a trace of more than BUFFER_CHARS is run twice: once to check that it runs to the end
 * (its output dropped), then again for the output (the engine is deterministic: the same events).
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { EventBudgetError, LabError } from '../engine/errors';
import { count, oneLine } from '../engine/text';
import { toJsonLines, type TraceEvent } from '../engine/trace';
import { budgetStopped, CLI_MAX_EVENTS } from '../scenario/budget';
import { decodeScenarioBytes } from '../scenario/fileBytes';
import { parseScenarioText } from '../scenario/parse';
import { createLab, runScenario } from '../scenario/run';
import type { Scenario } from '../scenario/schema';

export const USAGE = 'usage: npm run -s lab -- run FILE [--max-events N] [--irp-travel] [--runs]    (prints the trace as JSON Lines; see docs/scenario-format.md; --irp-travel: IRPs on their way down and back up; --runs: each event with its table run; docs/trace-format.md)';
/** Largest scenario file the CLI reads (the lab in the browser reads 5,000,000 bytes). */
export const CLI_MAX_FILE_BYTES = 64 * 1024 * 1024;
/** Output kept back until the run has ended; a longer trace is run a second time for its output. */
export const BUFFER_CHARS = 8 * 1024 * 1024;
/** Events the recorder keeps before handing them over: far more than any event stays pending (in the examples and the bench, at most 16). */
const KEEP_EVENTS = 100_000;

export interface CliIo {
  /** The file's bytes, at most `max` + 1 of them (more means too large); throws a NodeJS.ErrnoException. */
  readFile(path: string, max: number): Uint8Array;
  stdout(chunk: string): void;
  stderr(line: string): void;
}

/** The process's files and streams. */
export const processIo: CliIo = {
  readFile(path, max) {
    const fd = openSync(path, 'r');
    try {
      const chunks: Buffer[] = [];
      let total = 0;
      for (;;) {
        const chunk = Buffer.allocUnsafe(Math.min(1 << 20, max + 1 - total));
        const n = readSync(fd, chunk, 0, chunk.length, null);
        if (n === 0) break;
        chunks.push(chunk.subarray(0, n));
        total += n;
        if (total > max) break;
      }
      return Buffer.concat(chunks, total);
    } finally {
      closeSync(fd);
    }
  },
  stdout: (chunk) => writeAll(1, chunk),
  stderr: (line) => writeAll(2, line),
};

/** Writes all of `text`, waiting while a non-blocking pipe is full (so memory never fills with output). */
function writeAll(fd: number, text: string): void {
  let buf = Buffer.from(text, 'utf8');
  while (buf.length > 0) {
    try {
      buf = buf.subarray(writeSync(fd, buf));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}

interface Options {
  file: string;
  maxEvents: number;
  irpTravel: boolean;
  runs: boolean;
}

function parseArgs(argv: readonly string[]): Options | string {
  const [command, ...rest] = argv;
  if (command !== 'run') return USAGE;
  let file: string | undefined;
  let maxEvents = CLI_MAX_EVENTS;
  let irpTravel = false;
  let runs = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--max-events') {
      const v = rest[++i];
      if (v === undefined || !/^[1-9]\d{0,15}$/.test(v)) return `--max-events: got ${v === undefined ? 'nothing' : `"${oneLine(v, 40)}"`}; expected a whole number >= 1 (the most trace events the run may record; default ${count(CLI_MAX_EVENTS)})`;
      maxEvents = Number(v);
    } else if (a === '--irp-travel') irpTravel = true;
    else if (a === '--runs') runs = true;
    else if (file === undefined && !a.startsWith('--')) file = a;
    else return USAGE;
  }
  return file === undefined ? USAGE : { file, maxEvents, irpTravel, runs };
}

/** How the output is held and streamed (tests make them small). */
export interface Tuning {
  /** output kept back until the run has ended (BUFFER_CHARS) */
  bufferChars: number;
  /** events the recorder keeps before handing them over */
  keepEvents: number;
}

/** Runs the CLI; returns the exit code. */
export function main(argv: readonly string[], io: CliIo = processIo, tuning: Tuning = { bufferChars: BUFFER_CHARS, keepEvents: KEEP_EVENTS }): number {
  if (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.stdout(USAGE + '\n');
    return 0;
  }
  const opts = parseArgs(argv);
  if (typeof opts === 'string') {
    io.stderr(opts + '\n');
    return 2;
  }
  const name = oneLine(opts.file, 200);
  let bytes: Uint8Array;
  try {
    bytes = io.readFile(opts.file, CLI_MAX_FILE_BYTES);
  } catch (e) {
    io.stderr(`${name}: cannot read the file (${oneLine((e as NodeJS.ErrnoException).code ?? String((e as Error).message), 60)}); expected a scenario JSON file\n`);
    return 2;
  }
  let scenario: Scenario | undefined;
  try {
    if (bytes.length > CLI_MAX_FILE_BYTES) throw new LabError('(file)', `larger than ${count(CLI_MAX_FILE_BYTES)} bytes; expected a smaller scenario file`);
    scenario = parseScenarioText(decodeScenarioBytes(bytes), { maxEvents: opts.maxEvents, cli: true });
    runToOutput(scenario, opts, io, tuning);
    return 0;
  } catch (e) {
    const error = e instanceof EventBudgetError && scenario ? budgetStopped(e, scenario, true) : e;
    if (error instanceof LabError) {
      io.stderr(`${name}: ${error.message}\n`);
      return 2;
    }
    // the reader went away (`… | head`): nothing more to say to it
    if ((error as NodeJS.ErrnoException | undefined)?.code === 'EPIPE') return 0;
    if (process.env.PNP_LAB_DEBUG) throw error;
    io.stderr(`${name}: internal error (a bug in the lab; please report it with this file): ${oneLine(error instanceof Error ? error.message : String(error), 200)}\n`);
    return 1;
  }
}

/** Runs `s` on a fresh lab, handing finished events to `sink` in order. */
function runDrained(s: Scenario, opts: Options, keep: number, sink: (events: TraceEvent[]) => void): void {
  const lab = createLab(s, { maxEvents: opts.maxEvents, irpTravel: opts.irpTravel, runs: opts.runs });
  lab.trace.drainTo(sink, keep);
  runScenario(s, lab);
  lab.trace.flush();
}

/** The trace on stdout, and nothing there if the run fails (see the top of the file). */
function runToOutput(s: Scenario, opts: Options, io: CliIo, tuning: Tuning): void {
  let held: string[] | undefined = [];
  let size = 0;
  runDrained(s, opts, tuning.keepEvents, (events) => {
    if (!held) return;
    const text = toJsonLines(events);
    size += text.length;
    if (size > tuning.bufferChars) held = undefined;
    else held.push(text);
  });
  if (held) {
    for (const text of held) io.stdout(text);
    return;
  }
  // the run ends well: run it again, writing as it goes
  runDrained(s, opts, tuning.keepEvents, (events) => {
    for (let i = 0; i < events.length; i += 10_000) io.stdout(toJsonLines(events.slice(i, i + 10_000)));
  });
}
