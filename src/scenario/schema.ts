/** The scenario file format (docs/scenario-format.md), validated with zod. */
import * as z from 'zod/mini';
import { MODEL_IDS } from '../engine/bus/catalog';
import { compareSchema } from './compare';

// No zod locale is loaded (zod/mini loads none by itself): no message the lab shows uses zod's
// wording. Every message is built from the fields (issues.ts), and the lab's own checks
// (regex, refine) carry their own text.

const behavior = z.enum(['succeed', 'fail', 'absent', 'hang', 'failOnFirstStart', 'failOnRestart', 'failOnWake']);
const callbacks = z.record(z.string(), behavior);
/** A device, client or application id: letters, digits, "-" and "_", starting with a letter. */
export const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;
/** The name of a custom event's GUID, e.g. GUID_MY_EVENT (or a braced GUID). */
export const GUID_NAME_PATTERN = /^[A-Za-z_{][A-Za-z0-9_{}-]*$/;

/** Longest id accepted (device, client, application). */
export const MAX_ID_LENGTH = 64;
/** Most devices, and most clients, in one scenario: plenty for a lesson or a demo, and a bound on the work one file can ask for. */
export const MAX_DEVICES = 256;

const deviceId = z.string().check(z.maxLength(MAX_ID_LENGTH), z.regex(ID_PATTERN, 'expected an id of letters, digits, "-" or "_", starting with a letter'));
/** A name or free text of at most `max` characters. */
const text = (max: number) => z.string().check(z.maxLength(max));

export const deviceSchema = z.strictObject({
  id: deviceId,
  model: z.enum(MODEL_IDS as [string, ...string[]]),
  framework: z._default(z.enum(['kmdf', 'umdf1']), 'kmdf'),
  filters: z._default(z.strictObject({ lower: z._default(z.int().check(z.minimum(0), z.maximum(4)), 0), upper: z._default(z.int().check(z.minimum(0), z.maximum(4)), 0) }), { lower: 0, upper: 0 }),
  callbacks: z._default(callbacks, {}),
  layers: z.optional(z.strictObject({
    bus: z.optional(z.strictObject({ callbacks })),
    'lower-filter': z.optional(z.strictObject({ callbacks })),
    'upper-filter': z.optional(z.strictObject({ callbacks })),
  })),
  staticStopRemove: z._default(z.union([z.boolean(), z.int().check(z.minimum(0))]), false),
  capabilities: z._default(z.strictObject({ Removable: z.optional(z.boolean()), SurpriseRemovalOK: z.optional(z.boolean()), NotDisableable: z.optional(z.boolean()) }), {}),
  openHandles: z._default(z.int().check(z.minimum(0)), 0),
  wia: z.optional(z.strictObject({ feeder: z._default(z.boolean(), false), pages: z._default(z.int().check(z.minimum(0), z.maximum(500)), 0), careless: z._default(z.boolean(), false) })),
});

export const clientSchema = z.strictObject({
  id: deviceId,
  mode: z.enum(['kernel', 'user']),
  category: z.enum(['DeviceInterfaceChange', 'TargetDeviceChange', 'HardwareProfileChange']),
  interfaceClass: z.optional(text(100)),
  target: z.optional(deviceId),
  includeExisting: z._default(z.boolean(), false),
  onQueryRemove: z._default(z.enum(['close', 'veto', 'keepOpen']), 'close'),
  onProfileQuery: z._default(z.enum(['allow', 'veto']), 'allow'),
  registered: z._default(z.boolean(), true),
  inCallback: z.optional(z.enum(['reportSync', 'reportAsync'])),
});

const after = z.optional(z.number().check(z.minimum(0)));
const clientStep = <A extends string>(action: A) => z.strictObject({ action: z.literal(action), client: deviceId, after });
const deviceStep = <A extends string>(action: A) => z.strictObject({ action: z.literal(action), device: deviceId, after });

export const stepSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('plug'), device: deviceId, port: z.optional(text(100)), after }),
  deviceStep('unplug'),
  deviceStep('safeRemove'),
  deviceStep('disable'),
  deviceStep('enable'),
  deviceStep('rebalance'),
  deviceStep('fail'),
  deviceStep('closeHandles'),
  z.strictObject({ action: z.literal('wait'), ms: z.number().check(z.minimum(0)), after }),
  z.strictObject({ action: z.literal('staticStopRemove'), device: deviceId, stoppable: z.boolean(), after }),
  z.strictObject({ action: z.literal('idle'), device: deviceId, armForWake: z.optional(z.boolean()), after }),
  z.strictObject({ action: z.literal('wake'), device: deviceId, by: z.optional(z.enum(['device', 'io'])), after }),
  clientStep('register'),
  clientStep('unregister'),
  z.strictObject({ action: z.literal('openHandle'), client: deviceId, device: deviceId, after }),
  clientStep('closeHandle'),
  z.strictObject({ action: z.literal('customEvent'), device: deviceId, guid: z.string().check(z.maxLength(100), z.regex(GUID_NAME_PATTERN, 'expected a GUID name like GUID_MY_EVENT')), async: z.optional(z.boolean()), after }),
  z.strictObject({ action: z.literal('dock'), after }),
  z.strictObject({ action: z.literal('undock'), after }),
  z.strictObject({ action: z.literal('shutdown'), after }),
  z.strictObject({ action: z.literal('connectApp'), device: deviceId, app: z.optional(deviceId), after }),
  z.strictObject({ action: z.literal('releaseApp'), device: deviceId, app: z.optional(deviceId), after }),
  z.strictObject({ action: z.literal('scan'), device: deviceId, tymed: z.optional(z.enum(['memory', 'file'])), pages: z.optional(z.int().check(z.minimum(0))), after }),
  deviceStep('appCancel'),
  z.strictObject({ action: z.literal('appError'), device: deviceId, hr: text(100), after }),
  deviceStep('hardwareCancel'),
  deviceStep('asyncCancel'),
  deviceStep('paperJam'),
]);

export const scenarioSchema = z.strictObject({
  $schema: z.optional(text(2000)),
  title: z.optional(text(500)),
  seed: z._default(z.int().check(z.minimum(0), z.maximum(0xffffffff)), 1),
  devices: z._default(z.array(deviceSchema).check(z.maxLength(MAX_DEVICES)), []),
  clients: z._default(z.array(clientSchema).check(z.maxLength(MAX_DEVICES)), []),
  steps: z._default(z.array(stepSchema), []),
  /** the one difference of a second run, shown beside this one (Compare; src/scenario/compare.ts); the engine never reads it */
  compare: z.optional(compareSchema),
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
