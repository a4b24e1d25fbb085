/**
 * Scenario text → validated scenario, or a LabError naming the field path and what was expected:
 * the JSON text is checked first (jsonText.ts), then the object (parseObject.ts).
 */
import { LabError } from '../engine/errors';
import type { WorkBudget } from './budget';
import { checkJsonText, describeJsonProblem } from './jsonText';
import { parseScenario } from './parseObject';
import type { Scenario } from './schema';

export { checkCallback, formatPath, parseScenario, RESERVED_CLIENT_IDS, RESERVED_DEVICE_IDS } from './parseObject';

/**
 * Scenario text → validated scenario, or a LabError naming the field path and what was expected.
 * A byte order mark at the start is dropped (Notepad writes one), in the CLI and the lab alike.
 */
export function parseScenarioText(text: string, budget?: WorkBudget): Scenario {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const problem = checkJsonText(body);
  if (problem) throw new LabError('(file)', `${problem.kind === 'syntax' ? 'not valid JSON at ' : ''}${describeJsonProblem(body, problem)}`);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new LabError('(file)', 'not valid JSON; expected a scenario JSON file');
  }
  return parseScenario(json, budget);
}
