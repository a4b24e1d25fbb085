/**
 * The devnode transitions the lab allows, checked on every change of state (DevnodeStore.setState), as KMDF checks
 * each move of its own state machines (VALIDATE_PNP_STATE). A transition not listed here is a bug in the engine:
 * the run stops with an Error that names the devnode, both states and the row.
 *
 * FIGURE: the figure of kernel/state-transitions-for-pnp-devices.md (REF §3.8). Every other entry is the lab's,
 * where the figure is silent, with the reason; docs/fidelity.md lists the choices they follow.
 */
import type { PnpState } from './device';

const FIGURE = 'kernel/state-transitions-for-pnp-devices.md';

/** From each state, the states it may go to, each with where the transition comes from. */
export const DEVNODE_TRANSITIONS: Readonly<Record<PnpState, Readonly<Partial<Record<PnpState, string>>>>> = {
  PhysicallyAbsent: {
    PhysicallyPresent: `${FIGURE}: the user plugs in the device`,
    Enumerated: 'lab: a device on a hub that was plugged in before the hub started is enumerated with the hub\'s children (pnp.enumerate)',
  },
  PhysicallyPresent: {
    Enumerated: `${FIGURE}: the PnP manager and the bus driver enumerate the device`,
    PhysicallyAbsent: 'lab: a device that was never enumerated (its hub was not started) is unplugged, or its removal ends with it gone',
    SurpriseRemoved: 'kernel/irp-mn-surprise-removal.md: a device "can be in any PnP state" when IRP_MN_SURPRISE_REMOVAL is sent (a hub\'s child whose PDO exists)',
  },
  Enumerated: {
    EnumeratedAndDriversInitialized: `${FIGURE}: the drivers are identified and loaded (DriverEntry)`,
  },
  EnumeratedAndDriversInitialized: {
    FdoAndFilterDosAttached: `${FIGURE}: the AddDevice routines are called`,
    RemovePending: 'kernel/understanding-when-remove-irps-are-issued.md: a query-remove can reach a kept PDO that is not started (disabled, failed)',
    SurpriseRemoved: 'kernel/irp-mn-surprise-removal.md: "any PnP state"; KMDF RemovedPdoWait → RemovedPdoSurpriseRemoved (docs/fidelity.md, surprise removal of a kept PDO)',
  },
  FdoAndFilterDosAttached: {
    Started: `${FIGURE}: resources assigned, IRP_MN_START_DEVICE`,
    EnumeratedAndDriversInitialized: `${FIGURE}: a failed start is removed (IRP_MN_REMOVE_DEVICE); the present device keeps its PDO with CM_PROB_FAILED_START`,
    PhysicallyAbsent: 'lab: a start that failed because the device was pulled meanwhile: the removal leaves nothing',
  },
  Started: {
    StopPending: `${FIGURE}: IRP_MN_QUERY_STOP_DEVICE succeeds`,
    RemovePending: `${FIGURE}: IRP_MN_QUERY_REMOVE_DEVICE succeeds`,
    SurpriseRemoved: `${FIGURE}: IRP_MN_SURPRISE_REMOVAL`,
    EnumeratedAndDriversInitialized: 'lab: a started child of a removed hub loses its stack with the hub\'s removal (its PDO kept while present)',
    PhysicallyPresent: 'lab: a started child of a removed hub whose stack went with the hub\'s, present again (removal and arrival of the subtree)',
    PhysicallyAbsent: 'lab: a started child of a removed hub whose stack went with the hub\'s, and gone',
  },
  StopPending: {
    Stopped: `${FIGURE}: IRP_MN_STOP_DEVICE`,
    Started: `${FIGURE}: IRP_MN_CANCEL_STOP_DEVICE`,
  },
  Stopped: {
    Started: `${FIGURE}: IRP_MN_START_DEVICE after the resources are reassigned`,
    SurpriseRemoved: 'kernel/stopping-a-device-to-rebalance-resources.md: a restart that fails is handled as a surprise removal (REF §3.6)',
  },
  RemovePending: {
    Started: `${FIGURE}: IRP_MN_CANCEL_REMOVE_DEVICE (the state before the query)`,
    EnumeratedAndDriversInitialized: `${FIGURE}: IRP_MN_REMOVE_DEVICE with the device still present (disabled, ejected): the PDO is kept`,
    PhysicallyPresent: 'lab: IRP_MN_REMOVE_DEVICE with the device present and its PDO gone (its bus driver was removed with it)',
    PhysicallyAbsent: `${FIGURE}: IRP_MN_REMOVE_DEVICE with the device physically removed`,
  },
  SurpriseRemoved: {
    PhysicallyAbsent: `${FIGURE}: IRP_MN_REMOVE_DEVICE after the last handle closed`,
    EnumeratedAndDriversInitialized: 'kernel/removing-a-device-in-a-bus-driver.md: a device that is still there keeps its PDO (a failed D0 entry, a reported failure)',
    PhysicallyPresent: 'lab: the device is present again (plugged back in) by the time its removal ends, its PDO gone',
    RemovePending: 'kernel/understanding-when-remove-irps-are-issued.md: a query-remove of an ancestor reaches a child whose removal is deferred',
  },
};

export class DevnodeTransitionError extends Error {}

/** Throws when `from` → `to` is not an allowed transition. */
export function checkTransition(device: string, from: PnpState, to: PnpState, at: string): void {
  if (DEVNODE_TRANSITIONS[from][to] === undefined) {
    throw new DevnodeTransitionError(`devnode "${device}": ${from} → ${to} (at ${at}) is not a transition the lab allows (devnodeTransitions.ts)`);
  }
}
