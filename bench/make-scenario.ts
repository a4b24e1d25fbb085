/**
 * Writes a seeded random scenario (bench/generate.ts) for the browser budgets and prints, as JSON, the file and
 * how many trace events the lab in the browser records for it (IRPs that travel, as the lab runs it there).
 *   npx tsx bench/make-scenario.ts --devices 127 --steps 10000 [--seed S] --out FILE
 *   npx tsx bench/make-scenario.ts --count-only FILE     (only counts the events of an existing scenario file)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseScenario } from '../src/scenario/parse';
import { createLab, runScenario } from '../src/scenario/run';
import type { Scenario } from '../src/scenario/schema';
import { deviceSet, generate } from './generate';

function arg(name: string, fallback?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const v = i < 0 ? fallback : process.argv[i + 1];
  if (v === undefined) {
    process.stderr.write(`--${name}: missing\n`);
    process.exit(2);
  }
  return v;
}

const browserEvents = (s: Scenario) => runScenario(s, createLab(s, { irpTravel: true, runs: true })).length;

if (process.argv.includes('--count-only')) {
  const file = arg('count-only');
  process.stdout.write(`${JSON.stringify({ file, events: browserEvents(parseScenario(JSON.parse(readFileSync(file, 'utf8')))) })}\n`);
} else {
  const devices = Number(arg('devices', '127'));
  const steps = Number(arg('steps', '10000'));
  const seed = Number(arg('seed', '20240601'));
  const out = arg('out');
  const gen = generate(deviceSet(devices), steps, seed);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(gen.input) + '\n');
  process.stdout.write(`${JSON.stringify({ file: out, devices, steps, events: browserEvents(gen.scenario) })}\n`);
}
