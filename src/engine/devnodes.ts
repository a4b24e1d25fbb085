/**
 * The devnodes: the device tree (topology.ts answers where each device is) and each devnode's PnP state, changed only
 * through `setState`, which checks every transition against the allowed ones (devnodeTransitions.ts), as KMDF checks
 * its own state machines' moves (VALIDATE_PNP_STATE).
 */
import { CATALOG } from './bus/catalog';
import type { Devnodes } from './context';
import { hasStack, type Device, type DeviceConfig, type PnpState, type Problem } from './device';
import { checkTransition } from './devnodeTransitions';
import { NO_RESOURCES } from './framework/layerState';
import type { Runtime } from './runtime';
import { busDriverOf, childrenOf, freePort, hasChildWithStack, idleParent, isPresent, parentDevice, ports, subtreePostOrder, type BusDriver, type Port } from './topology';

export class DevnodeStore implements Devnodes {
  readonly devices = new Map<string, Device>();
  readonly deviceList: readonly Device[];
  private readonly stateArgsCache = new Map<PnpState, Map<Problem | undefined, Record<string, string>>>();
  private readonly problemArgsCache = new Map<Problem, Record<string, string>>();

  constructor(
    private readonly runtime: Runtime,
    configs: readonly DeviceConfig[],
  ) {
    for (const c of configs) {
      this.devices.set(c.id, {
        id: c.id, config: c, model: CATALOG[c.model], port: undefined, parent: undefined,
        state: 'PhysicallyAbsent', problem: undefined, layers: [], openHandles: c.openHandles,
        resourcesRaw: '', resourcesTranslated: '', assignments: 0, reportedMissing: false, idleArmsForWake: true, waitWake: undefined, hostRestarts: 0,
      });
    }
    this.deviceList = [...this.devices.values()];
  }

  // ---- the tree (topology.ts) --------------------------------------------------------------------

  isPresent(d: Device): boolean {
    return isPresent(this, d);
  }

  parentDevice(d: Device): Device | undefined {
    return parentDevice(this, d);
  }

  /** The devices plugged into `d`'s ports, by port number. */
  childrenOf(d: Device): Device[] {
    return childrenOf(this, d);
  }

  /** Whether some device plugged into `d` still has its driver stack (its removal is not done). */
  hasChildWithStack(d: Device): boolean {
    return hasChildWithStack(this, d);
  }

  /** The device and its descendants, children before parents (topology.ts: kernel/handling-an-irp-mn-remove-device-request.md). */
  subtreePostOrder(d: Device): Device[] {
    return subtreePostOrder(this, d);
  }

  busDriverOf(d: Device): BusDriver {
    return busDriverOf(this, d);
  }

  /** Every port of the lab: built-in buses first, then the ports of plugged-in hubs. */
  ports(): Port[] {
    return ports(this);
  }

  freePort(d: Device): string | undefined {
    return freePort(this, d);
  }

  /** The hub above `d`, when it is idle in Dx and `d`'s PDO must wait for it to be back in D0. */
  idleParent(d: Device): Device | undefined {
    return idleParent(this, d);
  }

  // ---- devnode state ------------------------------------------------------------------------------

  /**
   * A `state` event is a transition of the figure (kernel/state-transitions-for-pnp-devices.md), never from a state
   * to itself. When the state stays and only a Device Manager problem code is set, the event has no `From`; a problem
   * code that goes away without a transition stays shown until the devnode's next transition clears it.
   */
  setState(d: Device, state: PnpState, problem: Problem | undefined, cause: number | undefined, at: string): void {
    if (d.state === state) {
      if (problem === undefined || problem === d.problem) return;
      d.problem = problem;
      this.runtime.emitStack('state', state, d.id, undefined, undefined, this.problemArgs(problem), undefined, at, cause);
      return;
    }
    const from = d.state;
    checkTransition(d.id, from, state, at);
    d.state = state;
    d.problem = problem;
    this.runtime.emitStack('state', state, d.id, undefined, undefined, this.stateArgs(from, problem), undefined, at, cause);
  }

  /** `{ From, Problem? }`, one object per pair for the whole run (event args are read-only). */
  private stateArgs(from: PnpState, problem: Problem | undefined): Record<string, string> {
    let byProblem = this.stateArgsCache.get(from);
    if (!byProblem) this.stateArgsCache.set(from, (byProblem = new Map()));
    let args = byProblem.get(problem);
    if (!args) {
      args = { From: from };
      if (problem) args.Problem = problem;
      byProblem.set(problem, args);
    }
    return args;
  }

  /** `{ Problem }`, one object per problem code for the whole run (event args are read-only). */
  private problemArgs(problem: Problem): Record<string, string> {
    let args = this.problemArgsCache.get(problem);
    if (!args) this.problemArgsCache.set(problem, (args = { Problem: problem }));
    return args;
  }

  /** After IRP_MN_REMOVE_DEVICE: a kept PDO shows its problem code; otherwise the devnode is gone. */
  setRemovedState(d: Device, problem: Problem | undefined, cause: number | undefined, at: string): void {
    if (hasStack(d)) this.setState(d, 'EnumeratedAndDriversInitialized', problem, cause, at);
    else this.setState(d, this.isPresent(d) ? 'PhysicallyPresent' : 'PhysicallyAbsent', undefined, cause, at);
  }

  assignResources(d: Device, isNew: boolean): void {
    if (isNew) d.assignments++;
    if (d.model.resources.length === 0) {
      d.resourcesRaw = d.resourcesTranslated = NO_RESOURCES;
      return;
    }
    const base = (0xf7c00000 + d.assignments * 0x100000).toString(16).toUpperCase();
    const vector = (0x61 + d.assignments).toString(16).toUpperCase();
    d.resourcesRaw = `CmResourceTypeMemory 0x${base} length 0x20000; CmResourceTypeInterrupt MSI message 0`;
    d.resourcesTranslated = `CmResourceTypeMemory 0x${base} length 0x20000; CmResourceTypeInterrupt vector 0x${vector}`;
  }
}
