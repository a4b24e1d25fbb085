// `npm run bench`: bundles the benchmark and the engine with esbuild (minified, as the engine ships in
// the app) and runs it with plain Node, so the figure is the engine's and not the dev loader's.
// Extra arguments are passed on (e.g. `npm run bench -- --steps 2000 --runs 3`).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';

const outfile = 'bench/out/engine-bench.mjs';
await build({ entryPoints: ['bench/engine-bench.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node20', minify: true, outfile, logLevel: 'warning' });
console.log('engine: bundled and minified with esbuild; node with default flags');
const r = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
