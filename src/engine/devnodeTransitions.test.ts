import { describe, expect, it } from 'vitest';
import { lab } from '../testing/harness';
import { checkTransition, DEVNODE_TRANSITIONS, DevnodeTransitionError } from './devnodeTransitions';

describe('devnode transitions (checked on every change, as KMDF\'s VALIDATE_PNP_STATE)', () => {
  it('refuses a move the table does not list, naming the devnode, both states and the row', () => {
    expect(() => checkTransition('disk1', 'PhysicallyAbsent', 'Started', 'pnp.start/Started')).toThrow(DevnodeTransitionError);
    expect(() => checkTransition('disk1', 'PhysicallyAbsent', 'Started', 'pnp.start/Started')).toThrow('devnode "disk1": PhysicallyAbsent → Started (at pnp.start/Started)');
    expect(() => checkTransition('disk1', 'Started', 'StopPending', 'pnp.rebalance/StopPending')).not.toThrow();
  });

  it('says where each allowed move comes from: the figure, another page, or the lab\'s choice', () => {
    for (const [from, tos] of Object.entries(DEVNODE_TRANSITIONS)) {
      for (const [to, why] of Object.entries(tos)) {
        expect(why, `${from} → ${to}`).toMatch(/^(lab: |kernel\/[a-z0-9-]+\.md: )/);
        expect(to, `${from} → ${to}: a state event is never from a state to itself`).not.toBe(from);
      }
    }
  });

  it('stops a run whose engine makes a move the table does not allow', () => {
    const h = lab({ id: 'disk1', model: 'usb-disk' }).plug('disk1');
    const d = h.lab.devices.get('disk1')!;
    expect(d.state).toBe('Started');
    expect(() => h.lab.devnodes.setState(d, 'Enumerated', undefined, undefined, 'test/row')).toThrow('devnode "disk1": Started → Enumerated (at test/row)');
  });
});
