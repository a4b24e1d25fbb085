/**
 * How a callback's behaviour from the settings (docs/scenario-format.md#callbacks) shows in its source: as the
 * return statement the lab's driver would have to contain to behave that way. The panel draws the function with
 * its behaviour line replaced (`fail`), a line inserted before it (`hang`), or greyed out (`absent`).
 */
import type { Behavior } from '../engine/framework/layerState';
import type { DriverFunction, DriverSource } from './format';

/**
 * What the trace shows for a callback that succeeds or fails, per framework (the engine's FRAMEWORKS[fw].success /
 * .failure, src/engine/frameworks.ts; a test keeps the two equal, this module does not import the engine's tables).
 */
export const RESULTS: Record<'kmdf' | 'umdf1', { success: string; failure: string }> = {
  kmdf: { success: 'STATUS_SUCCESS', failure: 'STATUS_UNSUCCESSFUL' },
  umdf1: { success: 'S_OK', failure: 'E_FAIL' },
};

/** When a `failOn…` behaviour fails, in the words of docs/scenario-format.md. */
const ONLY_ON: Record<string, string> = {
  failOnFirstStart: 'on the first start only',
  failOnRestart: 'on a restart only',
  failOnWake: 'on the way back from idle only',
};

const HANG_COMMENT: Record<'kmdf' | 'umdf1', string> = {
  kmdf: '/* hangs: waits with no timeout */',
  umdf1: '/* hangs: never returns */',
};

export type BehaviourView =
  /** Draw the function as written. */
  | { kind: 'asWritten'; line: number }
  /** Draw `text` instead of line `line` (its indentation kept). */
  | { kind: 'replace'; line: number; text: string }
  /** Draw `text` as an extra line just before line `line`, which is never reached. */
  | { kind: 'insertBefore'; line: number; text: string }
  /** The driver does not register the callback: grey the function out. */
  | { kind: 'absent'; line: number };

/**
 * The view of `fn` when the settings give it `behaviour`. Throws for a behaviour the source cannot show (a failure
 * of a function declared VOID, or any setting on a WIA minidriver method, which the settings do not have).
 */
export function showBehaviour(source: DriverSource, fn: DriverFunction, behaviour: Behavior): BehaviourView {
  const line = fn.behaviourLine;
  if (behaviour === 'succeed') return { kind: 'asWritten', line };
  if (source.framework === 'wia') throw new Error(`${fn.name}: the settings have no behaviours for WIA minidriver methods`);
  const fw = source.framework;
  if (behaviour === 'absent') return { kind: 'absent', line };
  const indent = /^\s*/.exec(source.lines[line - 1])![0] || '    ';
  if (behaviour === 'hang') return { kind: 'insertBefore', line, text: indent + HANG_COMMENT[fw] };
  if (fn.isVoid) throw new Error(`${fn.name} is declared ${fn.returnType}: it has no failure to show`);
  const only = ONLY_ON[behaviour];
  const text = `${indent}return ${RESULTS[fw].failure};${only ? ` /* ${only} */` : ''}`;
  return { kind: 'replace', line, text };
}

/**
 * The line that returned `result` (an event's `result`): the behaviour line when it returns that value or a variable
 * (`return hr;` carries whatever the loop ended with), else a `return <result>;` line of the function
 * (`return STATUS_NO_SUCH_DEVICE;` on a PDO whose cable is out), else the behaviour line.
 */
export function lineForResult(fn: DriverFunction, result: string | undefined): number {
  const behaviour = fn.returns.find((r) => r.line === fn.behaviourLine);
  if (result === undefined || behaviour === undefined || behaviour.value === result || /^[a-z]\w*$/.test(behaviour.value)) return fn.behaviourLine;
  return fn.returns.find((r) => r.value === result)?.line ?? fn.behaviourLine;
}
