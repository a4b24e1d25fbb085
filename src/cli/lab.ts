/**
 * Headless PnP Lab: `npm run -s lab -- run FILE [--max-events N]` prints the scenario's trace as
 * JSON Lines. Exit 0 on success; exit 2 with one line on stderr naming the field path and what was
 * expected. The command line itself is src/cli/main.ts.
 */
import { main } from './main';

process.exitCode = main(process.argv.slice(2));
