/** "Fill the bus" for a lecturer's demo: hubs and devices until the USB bus holds 127 devices (src/model/fillBus.ts). */
import { deviceAt } from '../../model/deviceTimeline';
import { planFillBus, USB_MAX_DEVICES } from '../../model/fillBus';
import { useLabStore } from '../../store/hooks';
import type { LabStore } from '../../store/labStore';
import { runSettled } from '../../worker/runScheduler';

export function fillBus(lab: LabStore): void {
  const { run, timelines, position, scenario, actMany } = lab.getState();
  const views = deviceAt(run, timelines, Math.min(position, run.trace.length));
  const plan = planFillBus(views, scenario.devices.map((d) => d.id));
  if (plan.steps.length === 0) {
    lab.setState({ notice: { kind: 'info', message: `The USB bus already holds ${USB_MAX_DEVICES} devices, the most one host controller addresses (hubs included).`, scope: 'scenario' } });
    return;
  }
  const hubs = plan.devices.filter((d) => d.model === 'usb-hub').length;
  if (!actMany(plan.steps, 'scenario', plan.devices)) return;
  // the plugging runs in the engine worker when it is big: say what was done once it is in place
  void runSettled().then(() => {
    const now = lab.getState();
    if (!now.scenario.devices.some((d) => d.id === plan.devices[0].id)) return;
    const replaced = now.notice?.message;
    const filled = `Filled the USB bus: ${hubs} hub${hubs === 1 ? '' : 's'} and ${plan.devices.length - hubs} devices plugged in, ${plan.present + plan.devices.length} in all, the most one USB host controller addresses (a device address is 7 bits; address 0 is for a device not yet addressed).`;
    lab.setState({ notice: { kind: 'info', message: replaced ? `${filled} ${replaced}` : filled, scope: 'scenario' } });
  });
}

export function FillBusButton() {
  const lab = useLabStore();
  return (
    <button
      type="button"
      data-edit
      onClick={() => fillBus(lab)}
      title={`Plug in hubs and devices until the USB bus holds ${USB_MAX_DEVICES} devices, hubs included: the most one host controller addresses`}
      className="inline-flex items-center gap-1 rounded-md border border-line bg-panel px-2 py-0.5 text-[11px] font-medium hover:bg-sunken"
    >
      Fill the bus
    </button>
  );
}
