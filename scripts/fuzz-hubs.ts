/**
 * A fuzz driver (not a test): random valid scenarios over hub trees (src/testing/randomScenarios.ts hubTreePlan:
 * hubs on hubs, disabled, failed and pulled devices below them, then an ancestor disabled, safely removed, pulled,
 * failed or rebalanced; handles, vetoes, filters, UMDF and KMDF, scans), each built against a live lab; prints every
 * distinct internal error (an exception that is not a LabError) and every distinct broken trace invariant
 * (src/testing/invariants.ts, as the property test checks them), and writes its plan to FUZZ_OUT.
 *   npx tsx scripts/fuzz-hubs.ts [count=2000] [seed=1]
 * src/engine/invariants.test.ts runs a few of the same plans in the unit suite.
 */
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { nothingAfterShutdown, TRACE_CHECKS } from '../src/testing/invariants';
import { hubTreePlan, realize } from '../src/testing/randomScenarios';

/** The first trace invariant the realized scenario breaks, as `name: sentence`. */
function brokenInvariant(r: ReturnType<typeof realize>): string | undefined {
  for (const [name, check] of Object.entries(TRACE_CHECKS)) {
    const v = check(r.trace, r.input.steps ?? []);
    if (v) return `invariant ${name}: ${v}`;
  }
  const off = nothingAfterShutdown(r.trace, r.lab.poweredOffAt);
  return off ? `invariant nothingAfterShutdown: ${off}` : undefined;
}

const COUNT = Number(process.argv[2] ?? 2000);
const SEED = Number(process.argv[3] ?? 1);
const OUT = process.env.FUZZ_OUT ?? '/tmp/pnplab-fuzz';
mkdirSync(OUT, { recursive: true });

const found = new Map<string, { n: number; file: string; msg: string }>();
const t0 = Date.now();
for (const plan of fc.sample(hubTreePlan(), { numRuns: COUNT, seed: SEED })) {
  let scenario: unknown;
  try {
    const realized = realize(plan);
    scenario = realized.input; // a broken invariant's scenario runs as is: npm run -s lab -- run FILE
    const broken = brokenInvariant(realized);
    if (broken) throw new Error(broken);
  } catch (e) {
    const msg = (e as Error).message;
    scenario ??= (e as { scenario?: unknown }).scenario; // realize's scenario so far, for an engine error
    const signature = msg.replace(/"[a-z]+\d+"/g, '"X"').replace(/\d+/g, 'N');
    const f = found.get(signature);
    if (f) f.n++;
    else {
      const file = `${OUT}/err${found.size + 1}.json`;
      writeFileSync(file, JSON.stringify(scenario ? { title: msg.slice(0, 500), ...scenario } : { plan, message: msg, stack: (e as Error).stack }, null, 1));
      found.set(signature, { n: 1, file, msg });
    }
  }
}
console.log(`${COUNT} scenarios (seed ${SEED}) in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${found.size} distinct internal errors or broken invariants`);
for (const f of found.values()) console.log(`${f.n}x  ${f.msg.slice(0, 400)}\n     ${f.file}`);
