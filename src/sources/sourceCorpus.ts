/**
 * Test data for src/sources: scenarios whose traces, together, call every callback and minidriver method the
 * engine's tables can call, on every layer it can be called on (the examples, the lessons, seeded random
 * scenarios, and the few below for what those never reach: wake from idle, feeders, file transfers, the
 * asynchronous cancel, a careless minidriver). Not part of the app.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Row } from '../engine/tables/table';
import type { TraceEvent } from '../engine/trace';
import { WIA_TABLES } from '../engine/wia/tables';
import { LESSONS } from '../lessons/index';
import { parseScenario } from '../scenario/parse';
import { runScenario } from '../scenario/run';
import type { ScenarioInput } from '../scenario/schema';
import { randomScenario } from '../testing/randomScenario';

const WAKE_KMDF: ScenarioInput = {
  title: 'KMDF: idle with and without wake, wake by the device and by I/O, a surprise removal while armed',
  devices: [
    { id: 'disk', model: 'usb-disk', filters: { lower: 1, upper: 1 } },
    { id: 'nic', model: 'pci-nic', filters: { lower: 1, upper: 1 } },
  ],
  steps: [
    { action: 'plug', device: 'disk' },
    { action: 'plug', device: 'nic' },
    { action: 'idle', device: 'disk' },
    { action: 'wake', device: 'disk', by: 'device' },
    { action: 'idle', device: 'disk', armForWake: false },
    { action: 'wake', device: 'disk', by: 'io' },
    { action: 'idle', device: 'nic' },
    { action: 'wake', device: 'nic' },
    { action: 'rebalance', device: 'nic' },
    { action: 'idle', device: 'disk' },
    { action: 'unplug', device: 'disk' },
  ],
};

const WAKE_UMDF1: ScenarioInput = {
  title: 'UMDF 1: idle armed for wake, wake by the device, then an orderly removal',
  devices: [{ id: 'disk', model: 'usb-disk', framework: 'umdf1', filters: { lower: 1, upper: 1 } }],
  steps: [
    { action: 'plug', device: 'disk' },
    { action: 'idle', device: 'disk' },
    { action: 'wake', device: 'disk', by: 'device' },
    { action: 'safeRemove', device: 'disk' },
    { action: 'unplug', device: 'disk' },
  ],
};

const WIA_TRANSFERS: ScenarioInput = {
  title: 'WIA: feeder pages (memory and file), an asynchronous cancel, a release, a careless minidriver pulled mid-scan',
  devices: [
    { id: 'feeder', model: 'usb-scanner', wia: { feeder: true, pages: 6 } },
    { id: 'careless', model: 'usb-scanner', wia: { careless: true } },
  ],
  steps: [
    { action: 'plug', device: 'feeder' },
    { action: 'connectApp', device: 'feeder' },
    { action: 'scan', device: 'feeder', pages: 2 },
    { action: 'scan', device: 'feeder', tymed: 'file', pages: 0 },
    { action: 'scan', device: 'feeder' },
    { action: 'releaseApp', device: 'feeder' },
    { action: 'plug', device: 'careless' },
    { action: 'connectApp', device: 'careless' },
    { action: 'scan', device: 'careless' },
    { action: 'asyncCancel', device: 'careless', after: 300 },
    { action: 'scan', device: 'careless' },
    { action: 'unplug', device: 'careless', after: 420 },
    { action: 'shutdown' },
  ],
};

export interface CorpusRun {
  label: string;
  trace: TraceEvent[];
}

const EXAMPLES = join(import.meta.dirname, '../../examples');

/** Every scenario of the corpus, run. */
export function runSourceCorpus(randomCount = 24): CorpusRun[] {
  const inputs: { label: string; input: unknown }[] = [
    ...readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).map((f) => ({ label: `examples/${f}`, input: JSON.parse(readFileSync(join(EXAMPLES, f), 'utf8')) })),
    ...LESSONS.map((l) => ({ label: `lesson ${l.id}`, input: l.scenario })),
    { label: 'wake (KMDF)', input: WAKE_KMDF },
    { label: 'wake (UMDF 1)', input: WAKE_UMDF1 },
    { label: 'WIA transfers', input: WIA_TRANSFERS },
  ];
  for (let seed = 1; seed <= randomCount; seed++) inputs.push({ label: `randomScenario(${seed})`, input: randomScenario(seed) });
  return inputs.map(({ label, input }) => ({ label, trace: runScenario(parseScenario(input)) }));
}

/**
 * What each action of the WIA tables records, as src/engine/wia/service.ts `perform` does it: a call of a
 * minidriver method (a `wia` event with component `minidriver`), a call the minidriver makes into the service,
 * hardware access (`hw` events, named in the engine's code), or nothing of the minidriver's.
 * traceTie.test.ts checks this against real traces.
 */
export const WIA_ACTIONS: Record<string, 'method' | 'methodUnlessService' | 'callsService' | 'hardware' | 'notDriver'> = {
  driverCall: 'method', forEachItem: 'method', acquire: 'method', forEachConnectedApp: 'method', release: 'methodUnlessService',
  serviceCall: 'callsService', miniDrvCallback: 'callsService', endOfPage: 'callsService',
  loadPage: 'hardware', readBand: 'hardware', stopScan: 'hardware', cancelIo: 'hardware',
  appCall: 'notDriver', appTransfer: 'notDriver', appCallback: 'notDriver', appEvent: 'notDriver', serviceRegister: 'notDriver',
  serviceCloseHandle: 'notDriver', setResult: 'notDriver', nextBand: 'notDriver', pageDone: 'notDriver', framework: 'notDriver',
  transferReturns: 'notDriver', queueUnload: 'notDriver',
};

export const wiaRows = (): Row[] => WIA_TABLES.flatMap((t) => t.rows);
/** The minidriver methods the WIA tables call: the rows the service records as `wia` events with component `minidriver`. */
export function minidriverMethods(): Set<string> {
  return new Set(wiaRows().filter((r) => WIA_ACTIONS[r.do] === 'method' || (WIA_ACTIONS[r.do] === 'methodUnlessService' && r.args?.Component !== 'service')).map((r) => r.name!));
}
