/** The scenario file format (docs/scenario-format.md), validated with zod. */
import { z } from 'zod';
import { MODEL_IDS } from '../engine/bus/catalog';

const behavior = z.enum(['succeed', 'fail', 'absent', 'hang']);
const callbacks = z.record(z.string(), behavior);
const deviceId = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'expected an id of letters, digits, "-" or "_", starting with a letter');

export const deviceSchema = z.strictObject({
  id: deviceId,
  model: z.enum(MODEL_IDS as [string, ...string[]]),
  framework: z.enum(['kmdf', 'umdf1']).default('kmdf'),
  filters: z.strictObject({ lower: z.int().min(0).max(4).default(0), upper: z.int().min(0).max(4).default(0) }).default({ lower: 0, upper: 0 }),
  callbacks: callbacks.default({}),
  layers: z.strictObject({
    bus: z.strictObject({ callbacks }).optional(),
    'lower-filter': z.strictObject({ callbacks }).optional(),
    'upper-filter': z.strictObject({ callbacks }).optional(),
  }).optional(),
  staticStopRemove: z.union([z.boolean(), z.int().min(0)]).default(false),
  capabilities: z.strictObject({ Removable: z.boolean().optional(), SurpriseRemovalOK: z.boolean().optional(), NotDisableable: z.boolean().optional() }).default({}),
  openHandles: z.int().min(0).default(0),
  wia: z.strictObject({ feeder: z.boolean().default(false), pages: z.int().min(0).max(500).default(0), careless: z.boolean().default(false) }).optional(),
});

export const clientSchema = z.strictObject({
  id: deviceId,
  mode: z.enum(['kernel', 'user']),
  category: z.enum(['DeviceInterfaceChange', 'TargetDeviceChange', 'HardwareProfileChange']),
  interfaceClass: z.string().optional(),
  target: deviceId.optional(),
  includeExisting: z.boolean().default(false),
  onQueryRemove: z.enum(['close', 'veto', 'keepOpen']).default('close'),
  onProfileQuery: z.enum(['allow', 'veto']).default('allow'),
  registered: z.boolean().default(true),
  inCallback: z.enum(['reportSync', 'reportAsync']).optional(),
});

const after = z.number().min(0).optional();
const clientStep = <A extends string>(action: A) => z.strictObject({ action: z.literal(action), client: deviceId, after });
const deviceStep = <A extends string>(action: A) => z.strictObject({ action: z.literal(action), device: deviceId, after });

export const stepSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('plug'), device: deviceId, port: z.string().optional(), after }),
  deviceStep('unplug'),
  deviceStep('safeRemove'),
  deviceStep('disable'),
  deviceStep('enable'),
  deviceStep('rebalance'),
  deviceStep('fail'),
  deviceStep('closeHandles'),
  z.strictObject({ action: z.literal('wait'), ms: z.number().min(0), after }),
  z.strictObject({ action: z.literal('staticStopRemove'), device: deviceId, stoppable: z.boolean(), after }),
  deviceStep('idle'),
  deviceStep('wake'),
  clientStep('register'),
  clientStep('unregister'),
  z.strictObject({ action: z.literal('openHandle'), client: deviceId, device: deviceId, after }),
  clientStep('closeHandle'),
  z.strictObject({ action: z.literal('customEvent'), device: deviceId, guid: z.string().regex(/^[A-Za-z_{][A-Za-z0-9_{}-]*$/, 'expected a GUID name like GUID_MY_EVENT'), async: z.boolean().optional(), after }),
  z.strictObject({ action: z.literal('dock'), after }),
  z.strictObject({ action: z.literal('undock'), after }),
  z.strictObject({ action: z.literal('shutdown'), after }),
  z.strictObject({ action: z.literal('connectApp'), device: deviceId, app: deviceId.optional(), after }),
  z.strictObject({ action: z.literal('releaseApp'), device: deviceId, app: deviceId.optional(), after }),
  z.strictObject({ action: z.literal('scan'), device: deviceId, tymed: z.enum(['memory', 'file']).optional(), pages: z.int().min(0).optional(), after }),
  deviceStep('appCancel'),
  z.strictObject({ action: z.literal('appError'), device: deviceId, hr: z.string(), after }),
  deviceStep('hardwareCancel'),
  deviceStep('asyncCancel'),
  deviceStep('paperJam'),
]);

export const scenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  title: z.string().optional(),
  seed: z.int().min(0).max(0xffffffff).default(1),
  devices: z.array(deviceSchema).default([]),
  clients: z.array(clientSchema).default([]),
  steps: z.array(stepSchema).default([]),
});

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioDevice = z.output<typeof deviceSchema>;
export type ScenarioStep = z.output<typeof stepSchema>;
export type ScenarioClient = z.output<typeof clientSchema>;
export const ACTIONS = [
  'plug', 'unplug', 'safeRemove', 'disable', 'enable', 'rebalance', 'fail', 'closeHandles', 'wait', 'staticStopRemove',
  'idle', 'wake', 'register', 'unregister', 'openHandle', 'closeHandle', 'customEvent', 'dock', 'undock', 'shutdown',
  'connectApp', 'releaseApp', 'scan', 'appCancel', 'appError', 'hardwareCancel', 'asyncCancel', 'paperJam',
] as const;
