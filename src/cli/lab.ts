/**
 * Headless PnP Lab: `npm run -s lab -- run FILE` prints the scenario's trace as JSON Lines.
 * Exit 0 on success; exit 2 with one line on stderr naming the field path and what was expected.
 */
import { readFileSync } from 'node:fs';
import { LabError } from '../engine/errors';
import { toJsonLines } from '../engine/trace';
import { parseScenarioText } from '../scenario/parse';
import { runScenario } from '../scenario/run';

const USAGE = 'usage: npm run -s lab -- run FILE    (prints the trace as JSON Lines; see docs/scenario-format.md)';

function main(argv: string[]): number {
  const [command, file, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (command !== 'run' || !file || rest.length > 0) {
    process.stderr.write(USAGE + '\n');
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    process.stderr.write(`${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); expected a scenario JSON file\n`);
    return 2;
  }
  try {
    const events = runScenario(parseScenarioText(text));
    process.stdout.write(toJsonLines(events));
    return 0;
  } catch (e) {
    if (e instanceof LabError) {
      process.stderr.write(`${file}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

process.exitCode = main(process.argv.slice(2));
