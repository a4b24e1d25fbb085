import { describe, expect, it } from 'vitest';
import { deviceActions, PANEL_ACTIONS } from './deviceActions';

describe('the device menu actions', () => {
  it('offers every scenario action that needs only a device, read from the scenario schema, and not the WIA panel\'s own', () => {
    const actions = deviceActions().map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['unplug', 'safeRemove', 'disable', 'enable', 'rebalance', 'fail', 'closeHandles', 'idle', 'wake']));
    expect(new Set(actions).size).toBe(actions.length);
    for (const a of PANEL_ACTIONS) expect(actions).not.toContain(a);
    expect(actions).not.toContain('plug');
  });
});
