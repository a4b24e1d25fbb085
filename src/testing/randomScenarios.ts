/**
 * Random valid scenarios for the engine's property tests (src/engine/invariants.test.ts).
 *
 * fast-check generates a *plan*: devices, clients and steps as small numbers that index the scenario
 * format's vocabulary (models, frameworks, filters, callbacks and their behaviours, capabilities, WIA
 * options, client kinds, actions and their fields, `after`). `realize` turns a plan into a scenario
 * that is valid by construction: the devices and clients obey the format's rules, and each step is
 * picked while a live lab runs the scenario, at the moment that step will run (after `after` or after
 * settling, exactly as `runScenario` does), among the actions the lab accepts then. A plan's step
 * names an action and a target; if the lab refuses it, the next action of the vocabulary is tried
 * (and the next target), so every realized step is one the lab accepted. Shrinking the plan's numbers
 * towards 0 gives simpler scenarios (fewer devices and steps, `plug` first, no `after`).
 */
import fc from 'fast-check';
import { CATALOG, MODEL_IDS, type ModelId } from '../engine/bus/catalog';
import { LabError } from '../engine/errors';
import type { Lab, LabAction } from '../engine/lab';
import { FAILABLE_CALLBACKS, FRAMEWORK_CALLBACKS } from '../engine/tables/registry';
import type { TraceEvent } from '../engine/trace';
import { APP_ERROR_HRESULTS } from '../engine/wia/service';
import { parseScenario } from '../scenario/parse';
import { createLab } from '../scenario/run';
import type { ScenarioInput } from '../scenario/schema';

type DeviceInput = NonNullable<ScenarioInput['devices']>[number];
type ClientInput = NonNullable<ScenarioInput['clients']>[number];
type StepInput = NonNullable<ScenarioInput['steps']>[number];

// ---- the plan ------------------------------------------------------------------------------------

interface CallbackPlan {
  name: number;
  behaviour: number;
}

interface DevicePlan {
  model: number;
  umdf: boolean;
  lower: number;
  upper: number;
  callbacks: CallbackPlan[];
  busCallbacks: CallbackPlan[];
  filterCallbacks: CallbackPlan[];
  capabilities: { Removable?: boolean; SurpriseRemovalOK?: boolean; NotDisableable?: boolean } | null;
  openHandles: number;
  staticStopRemove: number;
  feeder: boolean;
  pages: number;
  careless: boolean;
}

interface ClientPlan {
  kernel: boolean;
  category: number;
  iface: number;
  target: number;
  includeExisting: boolean;
  onQueryRemove: number;
  veto: boolean;
  registered: boolean;
  inCallback: number;
}

interface StepPlan {
  action: number;
  target: number;
  param: number;
  after: number | null;
}

export interface ScenarioPlan {
  seed: number;
  devices: DevicePlan[];
  clients: ClientPlan[];
  steps: StepPlan[];
}

const callbackPlan = fc.record({ name: fc.nat(), behaviour: fc.nat({ max: 9 }) });

const devicePlan: fc.Arbitrary<DevicePlan> = fc.record({
  model: fc.nat({ max: 5 }),
  umdf: fc.boolean(),
  lower: fc.nat({ max: 2 }),
  upper: fc.nat({ max: 2 }),
  callbacks: fc.array(callbackPlan, { maxLength: 3 }),
  busCallbacks: fc.array(callbackPlan, { maxLength: 2 }),
  filterCallbacks: fc.array(callbackPlan, { maxLength: 1 }),
  capabilities: fc.option(fc.record({ Removable: fc.boolean(), SurpriseRemovalOK: fc.boolean(), NotDisableable: fc.boolean() }, { requiredKeys: [] }), { freq: 3 }),
  openHandles: fc.nat({ max: 2 }),
  staticStopRemove: fc.nat({ max: 2 }),
  feeder: fc.boolean(),
  pages: fc.nat({ max: 3 }),
  careless: fc.boolean(),
});

const clientPlan: fc.Arbitrary<ClientPlan> = fc.record({
  kernel: fc.boolean(),
  category: fc.nat({ max: 2 }),
  iface: fc.nat(),
  target: fc.nat(),
  includeExisting: fc.boolean(),
  onQueryRemove: fc.nat({ max: 5 }),
  veto: fc.boolean(),
  registered: fc.boolean(),
  inCallback: fc.nat({ max: 5 }),
});

/** `after`: mostly none (settle first); else at once, within an operation, within a scan, or past a UMDF timeout. */
const afterPlan = fc.option(fc.oneof(fc.constant(0), fc.nat({ max: 120 }), fc.nat({ max: 2500 }), fc.constant(61_000)), { freq: 2 });

const stepPlan: fc.Arbitrary<StepPlan> = fc.record({ action: fc.nat(), target: fc.nat(), param: fc.nat(), after: afterPlan });

export const scenarioPlan: fc.Arbitrary<ScenarioPlan> = fc.record({
  seed: fc.nat(),
  devices: fc.array(devicePlan, { minLength: 1, maxLength: 5 }),
  clients: fc.array(clientPlan, { maxLength: 3 }),
  steps: fc.array(stepPlan, { minLength: 1, maxLength: 24, size: 'max' }),
});

/**
 * Plans over hub trees: mostly hubs (hubs on hubs), plugs that name a port (a hub's, once one is in), handles, filters,
 * UMDF and failing callbacks, and steps that act on an ancestor while the devices below it are disabled, failed,
 * pulled or mid-scan. The property test runs a few (src/engine/invariants.test.ts); scripts/fuzz-hubs.ts thousands.
 */
export function hubTreePlan(maxDevices = 12, maxSteps = 70): fc.Arbitrary<ScenarioPlan> {
  // model indexes into MODELS below: 2 is the hub
  const hubDevice = devicePlan.chain((d) => fc.constantFrom(2, 2, 2, 0, 1, 3, 5, 4).map((model) => ({ ...d, model })));
  // a plan's `param` divisible by 3 makes a plug name a free port (stepFor)
  const hubStep = stepPlan.map((p) => (p.param % 4 === 0 ? p : { ...p, param: (p.param % 1000) * 3 }));
  return fc.record({
    seed: fc.nat(),
    devices: fc.array(hubDevice, { minLength: 3, maxLength: maxDevices }),
    clients: fc.array(clientPlan, { maxLength: 3 }),
    steps: fc.array(hubStep, { minLength: 10, maxLength: maxSteps, size: 'max' }),
  });
}

// ---- devices and clients -------------------------------------------------------------------------

/** Models in shrinking order (index 0 is the simplest); scanners twice: the WIA paths need a scanner. */
const MODELS: ModelId[] = ['usb-disk', 'usb-scanner', 'usb-hub', 'usb-webcam', 'pci-nic', 'usb-scanner'];
/** Behaviours weighted towards the ordinary: a hung KMDF callback stops every later PnP operation. */
const BEHAVIOURS = ['succeed', 'succeed', 'absent', 'absent', 'fail', 'fail', 'fail', 'fail', 'hang', 'absent'] as const;
const KMDF_NAMES = [...FRAMEWORK_CALLBACKS.kmdf].sort();
const UMDF_NAMES = [...FRAMEWORK_CALLBACKS.umdf1].sort();

function callbacksOf(plans: CallbackPlan[], names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of plans) {
    const name = names[p.name % names.length];
    const b = BEHAVIOURS[p.behaviour % BEHAVIOURS.length];
    out[name] = b === 'fail' && !FAILABLE_CALLBACKS.has(name) ? 'absent' : b;
  }
  return out;
}

function device(p: DevicePlan, i: number): DeviceInput {
  const model = MODELS[p.model % MODELS.length];
  const umdf = p.umdf && model !== 'usb-hub';
  const names = umdf ? UMDF_NAMES : KMDF_NAMES;
  const d: DeviceInput = { id: `${model.slice(model.indexOf('-') + 1)}${i + 1}`, model };
  if (umdf) d.framework = 'umdf1';
  if (p.lower || p.upper) d.filters = { lower: p.lower, upper: p.upper };
  const callbacks = callbacksOf(p.callbacks, names);
  if (Object.keys(callbacks).length) d.callbacks = callbacks as DeviceInput['callbacks'];
  const layers: NonNullable<DeviceInput['layers']> = {};
  if (p.busCallbacks.length) layers.bus = { callbacks: callbacksOf(p.busCallbacks, KMDF_NAMES) as never };
  if (p.filterCallbacks.length && p.lower) layers['lower-filter'] = { callbacks: callbacksOf(p.filterCallbacks, names) as never };
  if (p.filterCallbacks.length && !p.lower && p.upper) layers['upper-filter'] = { callbacks: callbacksOf(p.filterCallbacks, names) as never };
  if (Object.keys(layers).length) d.layers = layers;
  if (p.capabilities) d.capabilities = p.capabilities;
  if (p.openHandles) d.openHandles = p.openHandles;
  if (p.staticStopRemove && !umdf) d.staticStopRemove = p.staticStopRemove;
  if (model === 'usb-scanner' && (p.feeder || p.careless)) d.wia = p.feeder ? { feeder: true, pages: p.pages, careless: p.careless } : { careless: true };
  return d;
}

const INTERFACES = [...new Set(MODEL_IDS.flatMap((m) => CATALOG[m].interfaces))];
const CATEGORIES = ['TargetDeviceChange', 'DeviceInterfaceChange', 'HardwareProfileChange'] as const;
const ON_QUERY_REMOVE = ['close', 'close', 'close', 'close', 'veto', 'keepOpen'] as const;

function client(p: ClientPlan, i: number, devices: DeviceInput[]): ClientInput {
  const category = CATEGORIES[p.category];
  const c: ClientInput = { id: `client${i + 1}`, mode: p.kernel ? 'kernel' : 'user', category };
  if (category === 'DeviceInterfaceChange') {
    // mostly a class some declared device exposes
    const exposed = [...new Set(devices.flatMap((d) => CATALOG[d.model as ModelId].interfaces))];
    const pool = p.iface % 4 === 3 ? INTERFACES : exposed;
    c.interfaceClass = pool[p.iface % pool.length];
    if (p.kernel && p.includeExisting) c.includeExisting = true;
  }
  if (category === 'TargetDeviceChange') c.target = devices[p.target % devices.length].id;
  const onQueryRemove = ON_QUERY_REMOVE[p.onQueryRemove % ON_QUERY_REMOVE.length];
  if (onQueryRemove !== 'close') c.onQueryRemove = onQueryRemove;
  if (p.veto) c.onProfileQuery = 'veto';
  if (!p.registered) c.registered = false;
  if (p.kernel && p.inCallback >= 4) c.inCallback = p.inCallback === 4 ? 'reportAsync' : 'reportSync';
  return c;
}

// ---- steps ---------------------------------------------------------------------------------------

type ActionName = LabAction['action'];
/** The actions, weighted by repetition; `plug` first (what shrinking goes to), `shutdown` last and rare: no step may follow it. */
const ACTIONS: ActionName[] = [
  'plug', 'plug', 'plug', 'unplug', 'safeRemove', 'disable', 'enable', 'rebalance', 'fail', 'closeHandles', 'wait',
  'staticStopRemove', 'idle', 'wake', 'register', 'unregister', 'openHandle', 'closeHandle', 'customEvent', 'dock', 'undock',
  'connectApp', 'connectApp', 'connectApp', 'releaseApp', 'scan', 'scan', 'scan', 'scan', 'appCancel', 'appError', 'hardwareCancel',
  'asyncCancel', 'paperJam', 'plug', 'unplug', 'safeRemove', 'enable', 'shutdown',
];
/** Steps through ACTIONS from the plan's action when the lab refuses it: strides coprime to its length visit every action once. */
const STRIDES = ACTIONS.map((_, k) => k).filter((k) => k > 0 && gcd(k, ACTIONS.length) === 1);

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
const CLIENT_ACTIONS: ReadonlySet<ActionName> = new Set(['register', 'unregister', 'openHandle', 'closeHandle']);
const GLOBAL_ACTIONS: ReadonlySet<ActionName> = new Set(['wait', 'dock', 'undock', 'shutdown']);
const WAITS = [0, 1, 10, 100, 1000, 61_000];
const GUIDS = ['GUID_PNPLAB_TEST_EVENT', 'GUID_PNPLAB_TEST_EVENT', 'GUID_PNPLAB_OTHER_EVENT', 'GUID_TARGET_DEVICE_QUERY_REMOVE'];

/** The step for an action on a target (a device or a client id), its other fields from `param`. */
function stepFor(lab: Lab, action: ActionName, target: string, otherDevice: string, param: number): LabAction {
  switch (action) {
    case 'plug': {
      const d = lab.devices.get(target)!;
      if (param % 3 !== 0) return { action, device: target };
      const free = lab.ports().filter((p) => p.bus === d.model.bus && p.occupant === undefined && p.owner !== target);
      return free.length ? { action, device: target, port: free[param % free.length].port } : { action, device: target };
    }
    case 'wait': return { action, ms: WAITS[param % WAITS.length] };
    case 'staticStopRemove': return { action, device: target, stoppable: param % 2 === 1 };
    case 'register': case 'unregister': case 'closeHandle': return { action, client: target };
    case 'openHandle': return { action, client: target, device: otherDevice };
    case 'customEvent': return param % 3 === 0 ? { action, device: target, guid: GUIDS[param % GUIDS.length], async: true } : { action, device: target, guid: GUIDS[param % GUIDS.length] };
    case 'dock': case 'undock': case 'shutdown': return { action };
    case 'connectApp': case 'releaseApp': return param % 3 === 0 ? { action, device: target } : { action, device: target, app: param % 3 === 1 ? 'app' : 'paint' };
    case 'scan': {
      const s = lab.wia?.scanners.get(target);
      const tymed = param % 4 === 3 ? 'file' : 'memory';
      return s?.opts.feeder ? { action, device: target, tymed, pages: param % 4 } : { action, device: target, tymed };
    }
    case 'appError': return { action, device: target, hr: APP_ERROR_HRESULTS[param % APP_ERROR_HRESULTS.length] };
    default: return { action, device: target } as LabAction;
  }
}

/** What can only happen while a scan runs (a step with `after` lands in one). */
const IN_SCAN: ActionName[] = ['appCancel', 'appError', 'hardwareCancel', 'asyncCancel', 'paperJam', 'unplug', 'safeRemove', 'releaseApp'];

/**
 * The actions to try, in order: while a scan runs, for two plans in three, the in-scan actions
 * first; then the plan's action, then the others in an order the plan picks (`shutdown` ends the
 * scenario, so only when the plan picks it).
 */
function actionOrder(lab: Lab, p: StepPlan): ActionName[] {
  const stride = STRIDES[p.param % STRIDES.length];
  const rotation = ACTIONS.map((_, a) => ACTIONS[(p.action + a * stride) % ACTIONS.length]).filter((a, i) => i === 0 || a !== 'shutdown');
  let scanning = false;
  for (const s of lab.wia?.scanners.values() ?? []) if (s.transfer) scanning = true;
  if (!scanning || p.param % 3 === 2) return rotation;
  const inScan = IN_SCAN.map((_, i) => IN_SCAN[(p.param + i) % IN_SCAN.length]);
  return [...inScan, ...rotation];
}

/** Performs the first step the lab accepts, starting from the plan's action and target; undefined when it accepts none (after shutdown). */
function performFirstAccepted(lab: Lab, p: StepPlan, index: number, deviceIds: string[], clientIds: string[], tried: { step?: LabAction }): LabAction | undefined {
  for (const action of actionOrder(lab, p)) {
    const targets = GLOBAL_ACTIONS.has(action) ? [''] : CLIENT_ACTIONS.has(action) ? clientIds : deviceIds;
    for (let t = 0; t < targets.length; t++) {
      const target = targets[(p.target + t) % targets.length];
      const step = stepFor(lab, action, target, deviceIds[(p.param + t) % deviceIds.length], p.param);
      tried.step = step;
      try {
        lab.perform(step, `steps[${index}]`);
        return step;
      } catch (e) {
        if (!(e instanceof LabError)) throw e;
      }
    }
  }
  return undefined;
}

export interface Realized {
  /** The scenario as JSON input: paste it into a file and run `npm run -s lab -- run FILE`. */
  input: ScenarioInput;
  /** The trace of the lab that generated it (replaying `input` must give the same). */
  trace: TraceEvent[];
  lab: Lab;
}

/**
 * Builds the scenario a plan describes, running it as it goes; the lab's trace is the scenario's.
 * Timing as `runScenario`: a step with `after` runs that many ms after the previous step started,
 * a step without it once the lab has settled; the lab settles after the last step.
 */
export function realize(plan: ScenarioPlan): Realized {
  const devices = plan.devices.map(device);
  const clients = plan.clients.map((c, i) => client(c, i, devices));
  const input: ScenarioInput = { seed: plan.seed, devices, ...(clients.length ? { clients } : {}), steps: [] };
  const lab = createLab(parseScenario(structuredClone(input)));
  const deviceIds = devices.map((d) => d.id);
  const clientIds = clients.map((c) => c.id);
  const steps: StepInput[] = [];
  let previousStart = 0;
  const tried: { step?: LabAction; after?: number } = {};
  try {
    for (const p of plan.steps) {
      tried.step = undefined;
      tried.after = p.after ?? undefined;
      if (p.after !== null) lab.runUntil(previousStart + p.after);
      else lab.settle();
      previousStart = lab.now;
      const step = performFirstAccepted(lab, p, steps.length, deviceIds, clientIds, tried);
      if (!step) break;
      steps.push((p.after !== null ? { ...step, after: p.after } : step) as StepInput);
    }
    tried.step = undefined;
    lab.settle();
  } catch (e) {
    // an engine bug: the error carries the scenario so far (with the step it was performing), to run with the CLI
    if (e instanceof Error && !(e instanceof LabError)) {
      const last = tried.step ? [(tried.after !== undefined ? { ...tried.step, after: tried.after } : tried.step) as StepInput] : [];
      Object.assign(e, { scenario: { ...input, steps: [...steps, ...last] } });
    }
    throw e;
  }
  input.steps = steps;
  return { input, trace: lab.trace.events, lab };
}
