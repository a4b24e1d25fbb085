/**
 * Runs the malformed-input corpus through the CLI's own function (src/cli/main.ts, in-process, on
 * real files) and, for each case, through what the lab does with an opened file (the same decoding
 * and parser, then the run), and compares the two messages.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main, processIo } from '../cli/main';
import { oneLine } from '../engine/text';
import { importScenarioFile } from '../share/permalink';
import { runLab } from '../model/runLab';
import { judge, type CorpusCase, type CorpusRun } from './corpus';

/** What the lab says about a file opened with Open… (undefined: it opens). */
export function labMessage(bytes: Uint8Array): string | undefined {
  const r = importScenarioFile(bytes);
  if (!r.ok) return r.error.text;
  const out = runLab(r.scenario);
  return out.ok ? undefined : out.error.message;
}

export function runCorpus(cases: readonly CorpusCase[], dir: string): CorpusRun {
  mkdirSync(dir, { recursive: true });
  const run: CorpusRun = { tried: 0, clear: 0, failed: [], byKind: {}, labDiffers: [] };
  for (const c of cases) {
    const file = join(dir, c.name);
    writeFileSync(file, c.bytes);
    let stdout = '';
    let stderr = '';
    const code = main(['run', file], { ...processIo, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
    const shown = oneLine(file, 200);
    const verdict = judge(c, shown, { code, stdout, stderr });
    const kind = (run.byKind[c.kind] ??= { tried: 0, clear: 0 });
    run.tried++;
    kind.tried++;
    if (verdict.clear) {
      run.clear++;
      kind.clear++;
    } else run.failed.push({ name: c.name, problem: verdict.problem!, line: oneLine(stderr || stdout, 300) });
    if (c.sameInLab && verdict.clear) {
      const cli = stderr.slice(shown.length + 2, -1);
      const lab = labMessage(c.bytes);
      if (lab !== cli) run.labDiffers.push({ name: c.name, cli, lab });
    }
  }
  return run;
}
