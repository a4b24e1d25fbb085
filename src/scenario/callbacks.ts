/**
 * A driver's callback setting checked against the framework's tables (no zod: the lab's start path checks a
 * comparison's callback with it, store/compareStore.ts); parseObject.ts checks a scenario's settings with it.
 */
import { LabError } from '../engine/errors';
import { FAILABLE_CALLBACKS, FRAMEWORK_CALLBACKS, TRANSITION_FAILABLE_CALLBACKS } from '../engine/tables/registry';
import { closest, listWithin } from './words';

/**
 * A callback setting (`name` → `behavior`) of a driver of `framework`: the name must be one of the framework's
 * callbacks, `fail` needs a failure path, `failOn…` a start or a wake. Throws a LabError at `path`.
 */
export function checkCallback(path: string, framework: 'kmdf' | 'umdf1', name: string, behavior: string): void {
  const known = FRAMEWORK_CALLBACKS[framework];
  const failable = [...FAILABLE_CALLBACKS].filter((n) => known.has(n)).sort();
  if (!known.has(name)) {
    const near = closest(name, known);
    const fw = framework === 'kmdf' ? 'KMDF' : 'UMDF 1';
    // a typo gets the name it probably meant; otherwise the start of the list
    throw new LabError(path, near
      ? `unknown ${fw} callback; did you mean ${near}? (the ${known.size} ${fw} callbacks are listed in docs/scenario-format.md#callbacks)`
      : `unknown ${fw} callback; expected one of: ${listWithin([...known].sort(), 130)} (docs/scenario-format.md#callbacks)`);
  }
  if (behavior === 'fail' && !FAILABLE_CALLBACKS.has(name)) {
    throw new LabError(path, `the lab models no failure path for ${name}; expected succeed, absent or hang. Callbacks that can fail: ${listWithin(failable, 110)}`);
  }
  if (behavior.startsWith('failOn') && !TRANSITION_FAILABLE_CALLBACKS.has(name)) {
    const onTransition = failable.filter((n) => TRANSITION_FAILABLE_CALLBACKS.has(n));
    throw new LabError(path, `${behavior} picks a start or a wake, and ${name} does not fail on either; expected succeed, absent, hang${FAILABLE_CALLBACKS.has(name) ? ' or fail' : ''}. Callbacks that can fail on one transition: ${onTransition.join(', ')}`);
  }
}
