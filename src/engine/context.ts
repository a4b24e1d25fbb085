/**
 * What the engine's parts see of each other. Hosts (PnpHost, LayerHost, WiaHost), the IRP code and the notification
 * code depend on these narrow interfaces, never on the Lab class: the Lab (lab.ts) builds the services and is the one
 * EngineContext; the services implement the interfaces. Type-only: importing this file adds no import edge at run time.
 */
import type { Device, PnpState, Problem } from './device';
import type { LoadedDrivers } from './framework/layerState';
import type { Client, NotifyEvent } from './notify/clients';
import type { IrpOptions, IrpStep } from './pnp/irp';
import type { PnpRequest } from './pnp/request';
import type { Runtime } from './runtime';
import type { Yield } from './scheduler';
import type { RowStep } from './steps';
import type { BusDriver, Port } from './topology';
import type { WiaService } from './wia/service';

/** The devnodes: the device tree (buses, hubs, ports) and each devnode's PnP state. */
export interface Devnodes {
  readonly devices: ReadonlyMap<string, Device>;
  /** The devices in the scenario's order (the map is filled once). */
  readonly deviceList: readonly Device[];
  isPresent(d: Device): boolean;
  parentDevice(d: Device): Device | undefined;
  childrenOf(d: Device): Device[];
  hasChildWithStack(d: Device): boolean;
  subtreePostOrder(d: Device): Device[];
  busDriverOf(d: Device): BusDriver;
  ports(): Port[];
  freePort(d: Device): string | undefined;
  idleParent(d: Device): Device | undefined;
  /** A transition of the devnode state machine, checked against the allowed ones (devnodeTransitions.ts). */
  setState(d: Device, state: PnpState, problem: Problem | undefined, cause: number | undefined, at: string): void;
  setRemovedState(d: Device, problem: Problem | undefined, cause: number | undefined, at: string): void;
  assignResources(d: Device, isNew: boolean): void;
}

/** The PnP manager: its single worker thread, its queue of requests, deferred removals, the machine's power and profile. */
export interface PnpManager {
  /** Hardware profile: docked or not (dock/undock). */
  docked: boolean;
  /** After `shutdown` nothing else can happen. */
  readonly shutDown: boolean;
  /** The trace's length when shutdown's final power-down ended; undefined before. */
  readonly poweredOffAt: number | undefined;
  /** Whether the PnP manager has queued or running operations. */
  readonly pnpBusy: boolean;
  deferRemove(d: Device, request: PnpRequest, tableId: string): void;
  powerUpParent(d: Device, tableId: string, cause: number | undefined): Generator<Yield, boolean, void>;
  queueHostFailure(d: Device, cause: number | undefined): void;
  restartWhenRemoved(d: Device, cause: number | undefined): void;
  queueCustomEvent(d: Device, guid: string, async: boolean, cause: number | undefined, done: string | undefined, caller?: string): void;
  queueInterfaceChange(d: Device, iface: string, event: NotifyEvent, cause: number | undefined): void;
  /** Sends an IRP down `device`'s stack (pnp/irp.ts): its result at once, or a task step. */
  startIrp(device: Device, irp: string, opts: IrpOptions): IrpStep;
  /** A bus driver reports its children (pnp/busRelations.ts). */
  reportBusRelations(parentId: string, cause: number | undefined, at: string): RowStep;
}

/** The notification clients: registrations, handles, and the calls clients make. */
export interface Notifications {
  readonly clients: ReadonlyMap<string, Client>;
  readonly clientList: readonly Client[];
  handleCount(d: Device): number;
  handleHolders(d: Device): { clients: string[]; applications: number };
  clientCall(c: Client, name: string, cause: number | undefined, at: string, args: Record<string, string> | undefined, effect: () => void): Generator<Yield, void, void>;
  unregisterFromCallback(c: Client, cause: number | undefined, at: string, closeHandle: boolean): Generator<Yield, void, void>;
  clientClosed(c: Client): void;
  clientsOpenHandles(d: Device, cause: number | undefined, at: string): Generator<Yield, void, void> | undefined;
  hasClientOf(iface: string): boolean;
}

/** The loaded drivers (the driver registry). */
export interface Drivers extends LoadedDrivers {
  markDriverLoaded(driver: string): void;
  markDriverUnloaded(driver: string): void;
  unloadUnusedDrivers(d: Device, cause: number | undefined): Generator<Yield, void, void> | undefined;
}

/** Everything a host or an engine helper may use. */
export interface EngineContext {
  readonly runtime: Runtime;
  readonly devnodes: Devnodes;
  readonly pnp: PnpManager;
  readonly notifications: Notifications;
  readonly drivers: Drivers;
  /** The WIA service, when the scenario has a scanner. */
  readonly wia: WiaService | undefined;
}
