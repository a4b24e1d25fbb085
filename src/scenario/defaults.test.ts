/**
 * withDefaults (the lab's own scenarios, without zod) gives what parseScenario gives: the same fields, the same
 * values and the same order (a field's order shows in the trace's arguments and in a saved scenario), on the
 * default lab, every example, every lesson's prepared scenario and task solutions, and random scenarios.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../lessons';
import { taskScenario } from '../lessons/check';
import { DEFAULT_SCENARIO } from '../store/labStore';
import { realize, scenarioPlan } from '../testing/randomScenarios';
import { withDefaults } from './defaults';
import { parseScenario } from './parseObject';
import type { ScenarioInput } from './schema';

function expectSameAsSchema(input: ScenarioInput, what: string): void {
  const { compare: _compare, ...engineInput } = structuredClone(input);
  const bySchema = parseScenario(structuredClone(engineInput));
  const byDefaults = withDefaults(engineInput);
  expect(byDefaults, what).toStrictEqual(bySchema);
  expect(JSON.stringify(byDefaults), what).toBe(JSON.stringify(bySchema));
}

describe('withDefaults', () => {
  it('fills in what parseScenario fills in, in the same order: the default lab and the examples', () => {
    expectSameAsSchema(DEFAULT_SCENARIO, 'the default lab');
    for (const f of readdirSync('examples').filter((n) => n.endsWith('.json'))) expectSameAsSchema(JSON.parse(readFileSync(`examples/${f}`, 'utf8')), f);
  });

  it('… every lesson’s prepared scenario and every task’s solution', () => {
    for (const lesson of LESSONS) {
      expectSameAsSchema(lesson.scenario, lesson.id);
      for (const task of lesson.tasks) for (const solution of [task.solution, ...(task.alternatives ?? [])]) expectSameAsSchema(taskScenario(lesson, task, solution), `${lesson.id}/${task.id}`);
    }
  });

  it('… random scenarios (every device setting, client and step kind the generator makes)', () => {
    // the engine invariants' seed (src/engine/invariants.test.ts): scenarios the engine runs to the end
    fc.assert(fc.property(scenarioPlan, (plan) => {
      const { input } = realize(plan);
      expectSameAsSchema(input, JSON.stringify(input));
    }), { seed: 20_261_111, numRuns: 25 });
  }, 60_000);

  it('… a scenario that sets every optional field', () => {
    expectSameAsSchema({
      $schema: 'x', title: 't', seed: 7,
      devices: [
        { openHandles: 2, wia: { pages: 3, feeder: true }, capabilities: { NotDisableable: true, Removable: false }, layers: { 'upper-filter': { callbacks: { EvtDeviceD0Exit: 'hang' } }, bus: { callbacks: {} } }, staticStopRemove: 1, callbacks: { EvtDeviceQueryRemove: 'fail' }, filters: { upper: 2 }, framework: 'kmdf', model: 'usb-scanner', id: 's' },
        { model: 'usb-disk', id: 'd', framework: 'umdf1', staticStopRemove: false },
      ],
      clients: [{ inCallback: 'reportAsync', registered: false, target: 's', category: 'TargetDeviceChange', mode: 'kernel', id: 'c', onQueryRemove: 'veto', includeExisting: false, onProfileQuery: 'veto' }],
      steps: [
        { after: 5, port: 'usb-root-hub:1', device: 's', action: 'plug' },
        { after: 1, client: 'c', device: 's', action: 'openHandle' },
        { async: true, guid: 'GUID_X', device: 's', action: 'customEvent' },
        { pages: 2, tymed: 'file', device: 's', action: 'scan' },
        { app: 'a', device: 's', action: 'connectApp' },
        { hr: 'E_FAIL', device: 's', action: 'appError' },
        { by: 'io', device: 's', action: 'wake' },
        { armForWake: true, device: 's', action: 'idle' },
        { stoppable: true, device: 's', action: 'staticStopRemove' },
        { ms: 3, action: 'wait' },
        { action: 'dock', after: 0 },
      ],
    } as ScenarioInput, 'every optional field');
  });
});
