/**
 * The malformed-input corpus (src/testing/corpus.ts): hundreds of broken scenario files, each run
 * through the CLI's own function on a real file. Every one must exit 2 with one clear line naming
 * the field (at most 300 characters after the file name, no raw control character), and the lab's
 * Open… must say the same thing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../testing/corpus';
import { runCorpus } from '../testing/runCorpus';

describe('malformed-input corpus through the CLI', () => {
  it('every broken file: exit 2, one clear line naming the field, the same message as the lab', () => {
    const cases = generateCorpus();
    expect(cases.length).toBeGreaterThanOrEqual(500);
    const run = runCorpus(cases, mkdtempSync(join(tmpdir(), 'pnp-lab-corpus-')));
    const kinds = Object.entries(run.byKind).map(([k, v]) => `${k} ${v.clear}/${v.tried}`).join(', ');
    console.log(`corpus: tried ${run.tried}, clear ${run.clear}, failed ${run.failed.length}, lab differs ${run.labDiffers.length} (${kinds})`);
    expect(run.failed).toEqual([]);
    expect(run.labDiffers).toEqual([]);
    expect(Object.keys(run.byKind)).toHaveLength(17);
  }, 300_000);
});
