/**
 * The malformed-input corpus, by hand: `npx tsx scripts/corpus.ts [DIR]` writes every broken
 * scenario file (src/testing/corpus.ts) to DIR (default: a new temporary folder), runs each through
 * the CLI's own function, and prints how many were tried, answered clearly and failed, by kind,
 * with every failure. `npm test` runs the same (src/cli/corpus.test.ts). Exit 1 if any failed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCorpus } from '../src/testing/corpus';
import { runCorpus } from '../src/testing/runCorpus';

const dir = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'pnp-lab-corpus-'));
const started = performance.now();
const run = runCorpus(generateCorpus(), dir);
const line = (s: string) => process.stdout.write(`${s}\n`);
line(`files written to ${dir}`);
for (const [kind, v] of Object.entries(run.byKind)) line(`  ${kind.padEnd(20)} ${String(v.clear).padStart(4)} clear of ${v.tried}`);
line(`tried ${run.tried}, clear ${run.clear}, failed ${run.failed.length}; the lab's message differs from the CLI's for ${run.labDiffers.length} (of those that must agree)`);
for (const f of run.failed) line(`FAILED ${f.name}: ${f.problem}: ${f.line}`);
for (const d of run.labDiffers) line(`DIFFERS ${d.name}: CLI "${d.cli}" / lab "${d.lab}"`);
line(`${((performance.now() - started) / 1000).toFixed(1)} s`);
process.exitCode = run.failed.length > 0 || run.labDiffers.length > 0 ? 1 : 0;
