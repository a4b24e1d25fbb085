/** "Fill the bus" for a lecturer's demo: hubs and devices until the USB bus holds 127 devices (src/model/fillBus.ts). */
import { planFillBus, USB_MAX_DEVICES } from '../../model/fillBus';
import { deviceAt } from '../../store/history';
import { useLab } from '../../store/labStore';

export function fillBus(): void {
  const { run, history, position, scenario, actMany } = useLab.getState();
  const views = deviceAt(run, history, Math.min(position, run.trace.length));
  const plan = planFillBus(views, scenario.devices.map((d) => d.id));
  if (plan.steps.length === 0) {
    useLab.setState({ notice: { kind: 'info', message: `The USB bus already holds ${USB_MAX_DEVICES} devices, the most one host controller addresses (hubs included).`, scope: 'scenario' } });
    return;
  }
  const hubs = plan.devices.filter((d) => d.model === 'usb-hub').length;
  if (!actMany(plan.steps, 'scenario', plan.devices)) return;
  const replaced = useLab.getState().notice?.message;
  const filled = `Filled the USB bus: ${hubs} hub${hubs === 1 ? '' : 's'} and ${plan.devices.length - hubs} devices plugged in, ${plan.present + plan.devices.length} in all, the most one USB host controller addresses (a device address is 7 bits; address 0 is for a device not yet addressed).`;
  useLab.setState({ notice: { kind: 'info', message: replaced ? `${filled} ${replaced}` : filled, scope: 'scenario' } });
}

export function FillBusButton() {
  return (
    <button
      type="button"
      data-edit
      onClick={fillBus}
      title={`Plug in hubs and devices until the USB bus holds ${USB_MAX_DEVICES} devices, hubs included: the most one host controller addresses`}
      className="inline-flex items-center gap-1 rounded-md border border-line bg-panel px-2 py-0.5 text-[11px] font-medium hover:bg-sunken"
    >
      Fill the bus
    </button>
  );
}
