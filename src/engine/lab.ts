/**
 * The lab: the composition root of the engine. It builds the services (runtime, devnodes, PnP manager, notification
 * registry, driver registry, WIA service), is the EngineContext every host and helper gets, and is the one funnel for
 * user actions (`perform`: the CLI, tests and the UI all go through it). docs/architecture.md draws the layers.
 */
import { runAction, type ActionServices, type LabAction } from './actions';
import type { EngineContext } from './context';
import type { Device, DeviceConfig } from './device';
import { DevnodeStore } from './devnodes';
import { DriverRegistry } from './drivers';
import { LabError } from './errors';
import type { InspectObserver } from './inspect';
import type { Client, ClientConfig } from './notify/clients';
import { Notifications } from './notify/registry';
import { PnpManager } from './pnp/manager';
import { Runtime } from './runtime';
import type { Rng } from './rng';
import type { Scheduler } from './scheduler';
import type { Port } from './topology';
import type { TraceRecorder } from './trace';
import { validateAction, validateClientAction } from './validate';
import { WIA_SERVICE_CLIENT, WiaService } from './wia/service';

export type { DeviceAction, LabAction } from './actions';
export type { BusDriver, Port } from './topology';

export interface LabConfig {
  seed: number;
  devices: DeviceConfig[];
  clients?: ClientConfig[];
  /**
   * The most trace events the run may record (a whole number >= 1; default: no limit). Recording one
   * more throws EventBudgetError (errors.ts) from whichever call was running (`perform`, `settle`,
   * `runUntil`); the trace then holds exactly `maxEvents` events and the lab must not be used further.
   */
  maxEvents?: number;
  /**
   * Record IRPs as they travel (docs/trace-format.md, "IRPs that travel"): every driver an IRP passes gets an
   * `irp` event on the way down and one on the way back up, each with its `pass`. Default false: one `irp`
   * event per driver, where it acts, as traces have always been. The lab in the browser turns it on.
   */
  irpTravel?: boolean;
  /** Every trace event carries the table run that recorded it (docs/trace-format.md, "Runs"). Default false. */
  runs?: boolean;
}

/** What a lab tells besides its trace (engine/inspect.ts). */
export interface LabOptions {
  /** Observers of the inspection stream: table runs, skipped rows, steps. */
  inspect?: InspectObserver | readonly InspectObserver[];
}

export class Lab implements EngineContext, ActionServices {
  readonly runtime: Runtime;
  readonly devnodes: DevnodeStore;
  readonly notifications: Notifications;
  readonly drivers: DriverRegistry;
  readonly pnp: PnpManager;
  /** The WIA service, when the scenario has a scanner. */
  readonly wia: WiaService | undefined;

  constructor(config: LabConfig, options: LabOptions = {}) {
    const inspect = options.inspect === undefined ? [] : typeof options.inspect === 'function' ? [options.inspect] : options.inspect;
    this.runtime = new Runtime({ seed: config.seed, maxEvents: config.maxEvents, irpTravel: config.irpTravel, runs: config.runs, inspect });
    this.devnodes = new DevnodeStore(this.runtime, config.devices);
    this.notifications = new Notifications(this);
    this.drivers = new DriverRegistry(this);
    this.pnp = new PnpManager(this);
    for (const c of config.clients ?? []) this.notifications.add(c);
    const scanners = config.devices.filter((c) => c.model === 'usb-scanner');
    this.wia = scanners.length > 0 ? new WiaService(this) : undefined;
    if (this.wia) {
      this.notifications.add({ id: WIA_SERVICE_CLIENT, mode: 'user', category: 'DeviceInterfaceChange', interfaceClass: 'GUID_DEVINTERFACE_IMAGE', includeExisting: false, onQueryRemove: 'close', onProfileQuery: 'allow', registered: true, service: 'wia' });
      for (const c of scanners) {
        const client = this.notifications.add({ id: `${WIA_SERVICE_CLIENT}:${c.id}`, mode: 'user', category: 'TargetDeviceChange', target: c.id, includeExisting: false, onQueryRemove: 'close', onProfileQuery: 'allow', registered: false, service: 'wia' });
        this.wia.addScanner(this.devnodes.devices.get(c.id)!, c.wia ?? { feeder: false, pages: 0, careless: false }, client);
      }
    }
    this.notifications.seal();
  }

  // ---- what readers of a lab use (the CLI, the store, tests) -------------------------------------------------

  get scheduler(): Scheduler { return this.runtime.scheduler; }
  get trace(): TraceRecorder { return this.runtime.trace; }
  get rng(): Rng { return this.runtime.rng; }
  get now(): number { return this.runtime.scheduler.now; }
  get devices(): ReadonlyMap<string, Device> { return this.devnodes.devices; }
  get deviceList(): readonly Device[] { return this.devnodes.deviceList; }
  get clients(): ReadonlyMap<string, Client> { return this.notifications.clients; }
  get clientList(): readonly Client[] { return this.notifications.clientList; }
  get docked(): boolean { return this.pnp.docked; }
  get shutDown(): boolean { return this.pnp.shutDown; }
  get poweredOffAt(): number | undefined { return this.pnp.poweredOffAt; }
  get pnpBusy(): boolean { return this.pnp.pnpBusy; }
  ports(): Port[] { return this.devnodes.ports(); }

  /** Carries out one user action now; throws LabError (naming `path`) if it is impossible. Returns the user event's seq. */
  perform(action: LabAction, path = 'action'): number {
    const client = 'client' in action ? this.clientFor(action.client, path) : undefined;
    const device = 'device' in action ? this.deviceFor(action.device, path) : undefined;
    validateAction(this, action, device, path);
    if (client) validateClientAction(action, client, device, path);
    // The user event's args: the action's other fields, in their order (no spread and deletes, which
    // would leave a slow dictionary-mode object in the trace).
    let args: Record<string, unknown> | undefined;
    for (const key in action) {
      if (key === 'action' || key === 'device' || key === 'client' || !Object.prototype.hasOwnProperty.call(action, key)) continue;
      (args ??= {})[key] = (action as Record<string, unknown>)[key];
    }
    // a plug without a port says which port the lab picked
    if (action.action === 'plug' && action.port === undefined) (args ??= {}).port = this.devnodes.freePort(device!);
    const cause = this.runtime.emit({ kind: 'user', name: action.action, device: device?.id, client: client?.config.id, args }, undefined).seq;
    runAction(this, action, { device, client, cause, path, args });
    this.runtime.inspector?.step(cause, action);
    return cause;
  }

  /** Runs everything that is due, until nothing is (tasks waiting for handles or hung callbacks stay waiting). */
  settle(): void {
    this.runtime.scheduler.runUntilSettled();
  }

  runUntil(t: number): void {
    this.runtime.scheduler.runUntil(t);
  }

  private clientFor(id: string, path: string): Client {
    const c = this.notifications.clients.get(id);
    if (!c) throw new LabError(`${path}.client`, `unknown client "${id}"; expected one of: ${[...this.notifications.clients.keys()].join(', ') || '(no clients)'}`);
    return c;
  }

  private deviceFor(id: string, path: string): Device {
    const d = this.devnodes.devices.get(id);
    if (!d) throw new LabError(`${path}.device`, `unknown device "${id}"; expected one of: ${[...this.devnodes.devices.keys()].join(', ') || '(no devices)'}`);
    return d;
  }
}
