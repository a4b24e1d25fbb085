/**
 * Delivering one notification to the registered clients of one mode (kernel or user), and what each
 * client does with it (the handle protocol of kernel/using-pnp-target-device-change-notification.md and
 * install/registering-for-notification-of-device-interface-arrival-and-device-removal.md).
 */
import type { Device } from '../device';
import type { EngineContext } from '../context';
import type { PnpRequest, Veto } from '../pnp/request';
import type { Yield } from '../scheduler';
import { categoryOf, CLIENT_CALLS, NOTIFICATION_NAMES, notifyResult, type Client, type ClientMode, type NotifyEvent } from './clients';

export const NOTIFY_COST_MS = 1;

export interface Delivery {
  event: NotifyEvent;
  mode: ClientMode;
  /** Devices whose target-device registrants hear it (QueryRemove and RemoveCancelled: the whole subtree). */
  devices: Device[];
  request: PnpRequest;
  params: Record<string, string>;
  at: string;
}

/**
 * Gives 'fail' when a client vetoes a query (the request records the veto); 'ok' at once when no
 * client is to be told, else a task step.
 */
export function deliver(ctx: EngineContext, d: Delivery): 'ok' | Generator<Yield, 'ok' | 'fail', void> {
  // Every registered client of the mode hears it, asked or not: a cancelled removal goes to "any notification callback
  // routines that registered for EventCategoryTargetDeviceChange on the device" (kernel/handling-a-guid-target-device-
  // remove-cancelled-event.md; user mode may get it "without first receiving" the query, install/registering-for-
  // notification-of-device-interface-arrival-and-device-removal.md), a cancelled profile change to every registered
  // callback (kernel/handling-hardware-profile-change-events.md; DBT_CONFIGCHANGECANCELED is broadcast to every top-level window).
  const recipients = recipientsOf(ctx, d);
  return recipients.length === 0 ? 'ok' : deliverTo(ctx, d, recipients);
}

/**
 * Whether any client might be told: none is when no registered client of the mode listens to the
 * event's category. A quick check before the devices and the delivery are worked out; `deliver` decides who exactly.
 */
export function mayHaveRecipients(ctx: EngineContext, event: NotifyEvent, mode: ClientMode): boolean {
  const category = categoryOf(event);
  for (const c of ctx.notifications.clientList) if (c.registered && c.config.mode === mode && c.config.category === category) return true;
  return false;
}

function* deliverTo(ctx: EngineContext, d: Delivery, recipients: Client[]): Generator<Yield, 'ok' | 'fail', void> {
  for (const c of recipients) {
    const veto = c.config.service === 'wia'
      ? ctx.wia!.vetoes(c, d.event)
      : (d.event === 'QueryRemove' && c.config.onQueryRemove === 'veto') || (d.event === 'HwProfileQuery' && c.config.onProfileQuery === 'veto');
    const name = d.event === 'Custom' && d.mode === 'kernel' ? d.params.Guid : NOTIFICATION_NAMES[d.event][d.mode];
    const device = deviceOf(c, d);
    const args: Record<string, string> = {};
    if (d.event.startsWith('Interface')) args.InterfaceClassGuid = d.params.InterfaceClassGuid;
    if (d.event === 'Custom') args.Event = d.params.Guid;
    if (d.event.startsWith('HwProfile') && d.mode === 'user') args.Message = 'WM_DEVICECHANGE';
    ctx.runtime.emit({ kind: 'notify', name, device, client: c.config.id, args: Object.keys(args).length ? args : undefined, result: notifyResult(c.config.mode, d.event, veto), at: d.at }, d.request.cause);
    yield* ctx.runtime.spend(NOTIFY_COST_MS);
    if (veto) {
      d.request.veto = vetoBy(c, d.event === 'QueryRemove' ? 'QueryRemove' : 'HwProfileChange');
      return 'fail';
    }
    if (c.config.service === 'wia') yield* ctx.wia!.react(c, d.event, d.request.cause, device, d.at);
    else yield* react(ctx, c, d);
    yield* inCallback(ctx, c, d);
  }
  return 'ok';
}

/**
 * Who said no, as PNP_VETO_TYPE reports it (sdk-api cfg/ne-cfg-pnp_veto_type.md): a Win32 service (the WIA service,
 * whose service name is stisvc) is PNP_VetoWindowsService with the service name; an application PNP_VetoWindowsApp and
 * a kernel-mode client PNP_VetoDriver, whose text strings (a module name, a driver name) the scenario's client id stands for.
 */
function vetoBy(c: Client, operation: 'QueryRemove' | 'HwProfileChange'): Veto {
  if (c.config.service === 'wia') return { VetoType: 'PNP_VetoWindowsService', VetoName: WIA_SERVICE_NAME, Client: c.config.id, Operation: operation };
  return { VetoType: c.config.mode === 'user' ? 'PNP_VetoWindowsApp' : 'PNP_VetoDriver', VetoName: c.config.id, Operation: operation };
}

/** The WIA service's Win32 service name. */
const WIA_SERVICE_NAME = 'stisvc';

function recipientsOf(ctx: EngineContext, d: Delivery): Client[] {
  const category = categoryOf(d.event);
  const out: Client[] = [];
  for (const c of ctx.notifications.clientList) {
    if (!c.registered || c.config.mode !== d.mode || c.config.category !== category) continue;
    if (category === 'TargetDeviceChange' && !(c.registeredOn !== undefined && isAmong(c.registeredOn, d.devices))) continue;
    if (category === 'DeviceInterfaceChange' && c.config.interfaceClass !== d.params.InterfaceClassGuid) continue;
    out.push(c);
  }
  return out;
}

function isAmong(id: string, devices: Device[]): boolean {
  for (const x of devices) if (x.id === id) return true;
  return false;
}

function deviceOf(c: Client, d: Delivery): string | undefined {
  if (categoryOf(d.event) === 'TargetDeviceChange') return c.registeredOn;
  return d.devices[0]?.id;
}

/** The handle protocol: what a well-behaved client does with each notification. */
function* react(ctx: EngineContext, c: Client, d: Delivery): Generator<Yield, void, void> {
  const calls = CLIENT_CALLS[c.config.mode];
  const cause = d.request.cause;
  switch (d.event) {
    case 'QueryRemove':
      if (c.config.onQueryRemove === 'close' && c.handle) yield* ctx.notifications.clientCall(c, calls.close, cause, d.at, { Handle: c.handle }, () => ctx.notifications.clientClosed(c));
      return;
    case 'RemoveCancelled': {
      const target = c.registeredOn;
      if (!target) return;
      if (c.config.mode === 'kernel') {
        // kernel rule: unregister the old registration, reopen, register again on the new file object
        yield* ctx.notifications.clientCall(c, calls.unregister, cause, d.at, undefined, () => { c.registered = false; });
        if (!c.handle) yield* ctx.notifications.clientCall(c, calls.open, cause, d.at, { Device: target }, () => { c.handle = target; });
        yield* ctx.notifications.clientCall(c, calls.register, cause, d.at, { EventCategory: 'EventCategoryTargetDeviceChange' }, () => { c.registered = true; c.registeredOn = target; });
      } else if (!c.handle) {
        // user mode: the old registration stays valid; just reopen
        yield* ctx.notifications.clientCall(c, calls.open, cause, d.at, { Device: target }, () => { c.handle = target; });
      }
      return;
    }
    case 'RemoveComplete':
    case 'SurpriseRemoveComplete':
      if (d.event === 'SurpriseRemoveComplete' && c.config.onQueryRemove === 'keepOpen') return; // misbehaves: ignores it, keeps the handle
      // user mode: CM_Unregister_Notification only from a deferred routine (ctx.notifications.unregisterFromCallback)
      if (c.config.mode === 'user') return yield* ctx.notifications.unregisterFromCallback(c, cause, d.at, true);
      // kernel mode may unregister from its callback (wdm/nf-wdm-iounregisterplugplaynotificationex.md: the Ex form)
      if (c.handle) yield* ctx.notifications.clientCall(c, calls.close, cause, d.at, { Handle: c.handle }, () => ctx.notifications.clientClosed(c));
      yield* ctx.notifications.clientCall(c, calls.unregister, cause, d.at, undefined, () => { c.registered = false; c.registeredOn = undefined; });
      return;
    default:
      return;
  }
}

/** A kernel client that raises a target-device event from inside its notification callback. */
function* inCallback(ctx: EngineContext, c: Client, d: Delivery): Generator<Yield, void, void> {
  const what = c.config.inCallback;
  if (!what || c.config.mode !== 'kernel' || d.event === 'Custom') return;
  const device = c.registeredOn ?? c.config.target;
  if (what === 'reportSync') {
    ctx.runtime.emit({ kind: 'warn', name: 'IoReportTargetDeviceChange', client: c.config.id, device, args: { message: `Client "${c.config.id}" called IoReportTargetDeviceChange from inside its PnP notification callback. The synchronous call waits for the PnP manager to deliver the event, but the PnP manager is waiting for this callback to return: on a real system that is a deadlock (the same holds for waiting on any PnP event while processing a close). The lab does not raise the event. Use IoReportTargetDeviceChangeAsynchronous instead.` }, at: d.at }, d.request.cause);
    return;
  }
  const target = device ? ctx.devnodes.devices.get(device) : undefined;
  if (!target) return;
  ctx.runtime.emit({ kind: 'call', name: 'IoReportTargetDeviceChangeAsynchronous', client: c.config.id, device, args: { Event: 'GUID_PNPLAB_CLIENT_EVENT' }, result: 'STATUS_PENDING', at: d.at }, d.request.cause);
  yield* ctx.runtime.spend(NOTIFY_COST_MS);
  ctx.pnp.queueCustomEvent(target, 'GUID_PNPLAB_CLIENT_EVENT', true, d.request.cause, undefined, c.config.id);
}
