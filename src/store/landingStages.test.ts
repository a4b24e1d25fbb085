import { beforeAll, describe, expect, it } from 'vitest';
import { createLabStore } from './labStore';
import { createStaging, LANDING_STAGES, STAGED_MIN_DEVICES } from './landingStages';
import { loadScenarioChecks } from '../worker/runScheduler';

beforeAll(() => loadScenarioChecks());

/** A scenario of `n` disks on the bench (no steps). */
const disks = (n: number) => ({ seed: 1, devices: Array.from({ length: n }, (_, i) => ({ id: `disk${i + 1}`, model: 'usb-disk' })), steps: [] });

/** A lab store with its staging, and the stage callbacks waiting to run (a frame each, in the app). */
function setup() {
  const lab = createLabStore({ scenario: disks(2) });
  const frames: (() => void)[] = [];
  const staging = createStaging(lab, (fn) => frames.push(fn));
  const reached = () => staging.getState().reached;
  const nextFrame = () => frames.shift()?.();
  return { lab, staging, frames, reached, nextFrame };
}

describe('a big lab lands in stages', () => {
  it('shows its flowchart rows, ports, bench, Device Manager and devices not present one frame after another, the rest at once', () => {
    const { lab, staging, frames, reached, nextFrame } = setup();
    const seen: number[] = [];
    staging.subscribe((s) => seen.push(s.reached));
    expect(reached()).toBe(LANDING_STAGES.length);
    // the stages start in the same update that shows the lab: a component never sees the new lab with every stage in
    let reachedWhenShown: number | undefined;
    lab.subscribe((s, prev) => {
      if (s.landings !== prev.landings) reachedWhenShown = reached();
    });
    expect(lab.getState().loadScenario(disks(STAGED_MIN_DEVICES))).toBe(true);
    expect(lab.getState().scenario.devices).toHaveLength(STAGED_MIN_DEVICES);
    expect(lab.getState().landings).toBe(1);
    expect(reachedWhenShown).toBe(0);
    for (let i = 1; i <= LANDING_STAGES.length; i++) {
      expect(frames).toHaveLength(1);
      nextFrame();
      expect(reached()).toBe(i);
    }
    expect(frames).toHaveLength(0);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('a small lab, and an edit of a big one, land whole', () => {
    const { lab, frames, reached, nextFrame } = setup();
    lab.getState().loadScenario(disks(STAGED_MIN_DEVICES - 1));
    expect(lab.getState().landings).toBe(1);
    expect(reached()).toBe(LANDING_STAGES.length);
    expect(frames).toHaveLength(0);
    lab.getState().loadScenario(disks(30));
    while (frames.length) nextFrame();
    lab.getState().act({ action: 'plug', device: 'disk1', port: 'usb-root-hub:1' });
    expect(lab.getState().landings).toBe(2);
    expect(reached()).toBe(LANDING_STAGES.length);
    expect(frames).toHaveLength(0);
  });

  it('a newer landing starts its own stages; the older one’s frames do nothing', () => {
    const { lab, frames, reached, nextFrame } = setup();
    lab.getState().loadScenario(disks(30));
    nextFrame();
    expect(reached()).toBe(1);
    lab.getState().loadScenario(disks(40));
    expect(reached()).toBe(0);
    // the first landing's next frame is still queued: it must not move the new stages
    expect(frames).toHaveLength(2);
    nextFrame();
    expect(reached()).toBe(0);
    nextFrame();
    expect(reached()).toBe(1);
    // a small lab landing meanwhile shows everything at once and ends the big one's stages
    lab.getState().loadScenario(disks(3));
    expect(reached()).toBe(LANDING_STAGES.length);
    while (frames.length) nextFrame();
    expect(reached()).toBe(LANDING_STAGES.length);
  });
});
