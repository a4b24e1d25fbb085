/**
 * What a person can do to a device, as data: menus, keyboard accelerators and tests share this
 * list. An action the engine adds to the scenario format (schema ACTIONS) and that is not listed
 * here still appears, under its own name.
 */
import type { DeviceView } from '../../model/deviceTimeline';
import type { DeviceInput, StepInput } from '../../model/scenarioEdit';
import { capabilitiesOf } from './deviceInfo';

export interface DeviceActionDef {
  action: string;
  label: string;
  /** accelerator key on a focused device */
  key?: string;
  /** what it stands for on Windows */
  hint: string;
  available(d: DeviceView, config: DeviceInput): boolean;
}

const plugged = (d: DeviceView) => d.port !== undefined;

export const DEVICE_ACTIONS: DeviceActionDef[] = [
  { action: 'unplug', label: 'Pull the cable', key: 'u', hint: 'Unplug without warning: surprise removal.', available: plugged },
  {
    action: 'safeRemove', label: 'Safely Remove Hardware', key: 'e', hint: 'Eject from the notification area: an orderly removal that drivers may veto.',
    available: (d, c) => plugged(d) && capabilitiesOf(c).Removable && !capabilitiesOf(c).SurpriseRemovalOK,
  },
  { action: 'disable', label: 'Disable device', key: 'd', hint: 'Device Manager → Disable device.', available: (d) => plugged(d) && d.problem !== 'CM_PROB_DISABLED' },
  { action: 'enable', label: 'Enable device', key: 'd', hint: 'Device Manager → Enable device.', available: (d) => plugged(d) && d.problem === 'CM_PROB_DISABLED' },
  { action: 'rebalance', label: 'Rebalance resources', key: 'r', hint: 'The PnP manager stops the device to hand out hardware resources again.', available: plugged },
  { action: 'fail', label: 'Driver reports failure', key: 'f', hint: 'The function driver calls WdfDeviceSetFailed (IoInvalidateDeviceState).', available: plugged },
  { action: 'closeHandles', label: 'Close open handles', key: 'h', hint: 'Applications close every handle they hold on the device.', available: (d) => d.port !== undefined || d.state !== 'PhysicallyAbsent' },
];

/**
 * Scenario actions that need nothing but a device (their schema has action, device, after, and otherwise only
 * optional fields): those can be offered on any device without asking for more. Written out so that the menus need
 * no zod (the schema is a chunk fetched when the lab is reached for); deviceActions.test.ts reads them from the schema
 * and fails when an action the format gains is missing here.
 */
export const DEVICE_ONLY_ACTIONS: readonly string[] = ['plug', 'unplug', 'safeRemove', 'disable', 'enable', 'rebalance', 'fail', 'closeHandles', 'idle', 'wake', 'connectApp', 'releaseApp', 'scan', 'appCancel', 'hardwareCancel', 'asyncCancel', 'paperJam'];

/** Friendlier names (and when they are offered) for scenario actions that need no more than a device; others show their own name. */
export const EXTRA_ACTION_LABELS: { action: string; label: string; hint: string; key?: string; available?: DeviceActionDef['available'] }[] = [
  { action: 'idle', label: 'Let it idle (low power)', key: 'i', hint: 'The device has nothing to do: the power policy owner asks for D3, sends IRP_MN_WAIT_WAKE and arms wake.', available: (d) => d.state === 'Started' && d.power === 'D0' },
  { action: 'wake', label: 'Wake it up', key: 'w', hint: 'The device signals wake: its bus driver completes the wait-wake IRP (WdfDeviceIndicateWakeStatus), then back to D0.', available: (d) => d.state === 'Started' && d.power === 'D3' },
];

/**
 * Device-only actions that have their own controls elsewhere (the WIA panel's scan controls): not
 * repeated in the device menu.
 */
export const PANEL_ACTIONS: ReadonlySet<string> = new Set(['connectApp', 'releaseApp', 'scan', 'appCancel', 'hardwareCancel', 'asyncCancel', 'paperJam']);

const EXTRA_ACTIONS: DeviceActionDef[] = (() => {
  const known = new Set([...DEVICE_ACTIONS.map((a) => a.action), 'plug', ...PANEL_ACTIONS]);
  return DEVICE_ONLY_ACTIONS
    .filter((a) => !known.has(a))
    .map((action) => {
      const named = EXTRA_ACTION_LABELS.find((x) => x.action === action);
      return { action, label: named?.label ?? action, key: named?.key, hint: named?.hint ?? `Scenario action "${action}".`, available: named?.available ?? plugged };
    });
})();

export function deviceActions(): DeviceActionDef[] {
  return [...DEVICE_ACTIONS, ...EXTRA_ACTIONS];
}

export function stepFor(action: string, device: string): StepInput {
  return { action, device } as StepInput;
}
