import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../engine/bus/catalog';
import { parseScenario } from '../scenario/parse';
import { createLab, runScenario } from '../scenario/run';
import type { ScenarioInput } from '../scenario/schema';
import { planFillBus, USB_MAX_DEVICES, type PlacedDevice } from './fillBus';

const example = JSON.parse(readFileSync(join(import.meta.dirname, '../../examples/full-usb-bus.json'), 'utf8')) as ScenarioInput;

/** Tier of every device plugged by `steps` (the root hub is tier 1). */
function tiers(steps: { device: string; port: string }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of steps) {
    const owner = s.port.slice(0, s.port.lastIndexOf(':'));
    out.set(s.device, owner === 'usb-root-hub' ? 2 : out.get(owner)! + 1);
  }
  return out;
}

describe('Fill the bus', () => {
  it('from an empty bus: 31 hubs and 96 devices, 127 in all, no hub below tier 6 and no device below tier 7 (USB 2.0, 4.1.1)', () => {
    const plan = planFillBus([], []);
    const hubs = plan.devices.filter((d) => d.model === 'usb-hub');
    expect(plan.devices).toHaveLength(USB_MAX_DEVICES);
    expect(hubs).toHaveLength(31);
    expect(new Set(plan.devices.map((d) => d.id)).size).toBe(127);
    const plugs = plan.steps as { device: string; port: string }[];
    expect(new Set(plugs.map((s) => s.port)).size).toBe(127);
    const tier = tiers(plugs);
    for (const h of hubs) expect(tier.get(h.id)).toBeLessThanOrEqual(6);
    expect(Math.max(...tier.values())).toBeLessThanOrEqual(7);
    // every hub is plugged before anything goes on its ports
    const plugged = new Set<string>(['usb-root-hub']);
    for (const s of plugs) {
      expect(plugged.has(s.port.slice(0, s.port.lastIndexOf(':')))).toBe(true);
      plugged.add(s.device);
    }
  });

  it('counts the USB devices already on the bus (not those on an unplugged hub, not PCI cards) and keeps their ids', () => {
    const placed: PlacedDevice[] = [
      { id: 'hub', model: 'usb-hub', port: 'usb-root-hub:1', unpowered: false },
      { id: 'disk', model: 'usb-disk', port: 'hub:2', unpowered: false },
      { id: 'nic', model: 'pci-nic', port: 'pci-bus:1', unpowered: false },
      { id: 'cam', model: 'usb-webcam', port: 'hub9:1', unpowered: true },
      { id: 'hub9', model: 'usb-hub', port: undefined, unpowered: false },
    ];
    const plan = planFillBus(placed, placed.map((p) => p.id));
    expect(plan.present).toBe(2);
    expect(plan.devices).toHaveLength(USB_MAX_DEVICES - 2);
    for (const d of plan.devices) expect(['hub', 'disk', 'nic', 'cam', 'hub9']).not.toContain(d.id);
    const ports = plan.steps.map((s) => (s as { port: string }).port);
    expect(ports).not.toContain('hub:2');
    expect(ports).not.toContain('usb-root-hub:1');
    // the first new hub goes on the shallowest free port: a root hub port
    expect(ports[0]).toBe('usb-root-hub:2');
  });

  it('a full bus gets nothing more', () => {
    const plan = planFillBus([], []);
    const placed = plan.steps.map((s) => {
      const p = s as { device: string; port: string };
      return { id: p.device, model: plan.devices.find((d) => d.id === p.device)!.model, port: p.port, unpowered: false };
    });
    expect(planFillBus(placed, placed.map((p) => p.id))).toEqual({ present: 127, devices: [], steps: [] });
  });

  it('examples/full-usb-bus.json is the plan from an empty bus, and running it starts all 127 devices', () => {
    const plan = planFillBus([], []);
    expect(example.devices).toEqual(plan.devices);
    expect(example.steps!.slice(0, plan.steps.length)).toEqual(plan.steps);
    const scenario = parseScenario({ ...example, steps: plan.steps });
    const lab = createLab(scenario);
    runScenario(scenario, lab);
    const usb = [...lab.devices.values()].filter((d) => CATALOG[d.model.id].bus === 'usb');
    expect(usb).toHaveLength(127);
    expect(usb.filter((d) => d.state === 'Started')).toHaveLength(127);
  });
});
