import { describe, expect, it } from 'vitest';
import { stepSchema } from '../../scenario/schema';
import { DEVICE_ONLY_ACTIONS, deviceActions, PANEL_ACTIONS } from './deviceActions';

/** The actions whose step needs nothing but a device, read from the schema (zod's definitions, the same in zod and zod/mini). */
function deviceOnlyActionsInSchema(): string[] {
  type Def = { _zod: { def: { type?: string; options?: Def[]; shape?: Record<string, Def>; values?: unknown[] } } };
  const options = (stepSchema as unknown as Def)._zod.def.options ?? [];
  const out: string[] = [];
  for (const o of options) {
    const shape = o._zod.def.shape ?? {};
    const keys = Object.keys(shape);
    const name = shape.action?._zod.def.values?.[0];
    if (typeof name === 'string' && keys.includes('device') && keys.every((k) => k === 'action' || k === 'device' || shape[k]._zod.def.type === 'optional')) out.push(name);
  }
  return out;
}

describe('the device menu actions', () => {
  it('knows every scenario action that needs only a device, as the scenario schema has them', () => {
    expect(DEVICE_ONLY_ACTIONS).toEqual(deviceOnlyActionsInSchema());
  });

  it('offers every scenario action that needs only a device, and not the WIA panel\'s own', () => {
    const actions = deviceActions().map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['unplug', 'safeRemove', 'disable', 'enable', 'rebalance', 'fail', 'closeHandles', 'idle', 'wake']));
    expect(new Set(actions).size).toBe(actions.length);
    for (const a of PANEL_ACTIONS) expect(actions).not.toContain(a);
    expect(actions).not.toContain('plug');
  });
});
