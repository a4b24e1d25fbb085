/**
 * The lab's own scenarios (its default lab and the lessons' prepared scenarios, which the tests check against the
 * schema) with the format's defaults filled in, as parseScenario fills them, without zod: the page's first run needs
 * no scenario checks, so zod and the schema stay off its start path (worker/runScheduler.ts fetches them when the lab
 * is first reached for). The fields come in the schema's order, as zod gives them (defaults.test.ts holds the two
 * side by side on the examples, the lessons and random scenarios). Never for a scenario from outside the lab: a file,
 * a link or a host page's message goes through parseScenario.
 */
import type { Scenario, ScenarioClient, ScenarioDevice, ScenarioInput, ScenarioStep } from './schema';

type DeviceInput = NonNullable<ScenarioInput['devices']>[number];
type ClientInput = NonNullable<ScenarioInput['clients']>[number];
type StepInput = NonNullable<ScenarioInput['steps']>[number];

/** Every field a step may have, in the order the schema's step shapes list them (each shape uses a subset, in this order). */
const STEP_FIELDS = ['action', 'client', 'device', 'port', 'ms', 'stoppable', 'armForWake', 'by', 'guid', 'async', 'app', 'tymed', 'pages', 'hr', 'after'] as const;

/** `fields` of `from` that are set, in that order (zod leaves an absent optional field out). */
function pick<T extends object>(from: T, fields: readonly string[]): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const f of fields) if ((from as Record<string, unknown>)[f] !== undefined) out[f] = (from as Record<string, unknown>)[f];
  return out as Partial<T>;
}

const layerOf = (l: { callbacks: Record<string, string> } | undefined) => (l ? { callbacks: { ...l.callbacks } } : undefined);

function device(d: DeviceInput): ScenarioDevice {
  const layers = d.layers && pick({ bus: layerOf(d.layers.bus), 'lower-filter': layerOf(d.layers['lower-filter']), 'upper-filter': layerOf(d.layers['upper-filter']) }, ['bus', 'lower-filter', 'upper-filter']);
  const wia = d.wia && { feeder: d.wia.feeder ?? false, pages: d.wia.pages ?? 0, careless: d.wia.careless ?? false };
  return {
    id: d.id,
    model: d.model,
    framework: d.framework ?? 'kmdf',
    filters: { lower: d.filters?.lower ?? 0, upper: d.filters?.upper ?? 0 },
    callbacks: { ...d.callbacks },
    ...(layers ? { layers } : {}),
    staticStopRemove: d.staticStopRemove ?? false,
    capabilities: pick(d.capabilities ?? {}, ['Removable', 'SurpriseRemovalOK', 'NotDisableable']),
    openHandles: d.openHandles ?? 0,
    ...(wia ? { wia } : {}),
  } as ScenarioDevice;
}

function client(c: ClientInput): ScenarioClient {
  return {
    ...pick(c, ['id', 'mode', 'category', 'interfaceClass', 'target']),
    includeExisting: c.includeExisting ?? false,
    onQueryRemove: c.onQueryRemove ?? 'close',
    onProfileQuery: c.onProfileQuery ?? 'allow',
    registered: c.registered ?? true,
    ...pick(c, ['inCallback']),
  } as ScenarioClient;
}

/** One of the lab's own scenarios with the format's defaults filled in, as parseScenario gives it (but unchecked); its `compare` is left out, as runLab leaves it out. */
export function withDefaults(s: ScenarioInput): Scenario {
  return {
    ...pick(s, ['$schema', 'title']),
    seed: s.seed ?? 1,
    devices: (s.devices ?? []).map(device),
    clients: (s.clients ?? []).map(client),
    steps: (s.steps ?? []).map((st: StepInput) => pick(st, STEP_FIELDS) as ScenarioStep),
  } as Scenario;
}
