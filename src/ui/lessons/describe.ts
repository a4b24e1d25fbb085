/** Lesson data in words for the panel: solutions (settings and steps) and source pages. */
import type { Settings, Solution } from '../../lessons/types';
import type { ScenarioInput } from '../../scenario/schema';

type StepInput = NonNullable<ScenarioInput['steps']>[number];

/** `plug disk → usb-root-hub:3`, `scan scanner (memory, 2 pages) 1500 ms after the previous step`. */
export function describeLessonStep(step: StepInput): string {
  const parts: string[] = [step.action];
  if ('client' in step) parts.push(step.client);
  if ('device' in step) parts.push('client' in step ? `on ${step.device}` : step.device);
  const extra: string[] = [];
  for (const [k, v] of Object.entries(step)) {
    if (k === 'action' || k === 'device' || k === 'client' || k === 'after' || v === undefined) continue;
    if (k === 'port') parts.push(`→ ${String(v)}`);
    else if (k === 'ms') parts.push(`${String(v)} ms`);
    else extra.push(`${k} ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  }
  let text = parts.join(' ');
  if (extra.length) text += ` (${extra.join(', ')})`;
  if (step.after !== undefined) text += `, ${step.after} ms after the previous step started`;
  return text;
}

function flatten(prefix: string, value: unknown, out: string[]): void {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(prefix ? `${prefix}.${k}` : k, v, out);
  } else {
    out.push(`${prefix} = ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  }
}

/** Each setting as one line: `disk: callbacks.EvtDevicePrepareHardware = fail`, `client backup: onQueryRemove = veto`. */
export function describeSettings(settings: Settings | undefined): string[] {
  if (!settings) return [];
  const lines: string[] = [];
  if (settings.seed !== undefined) lines.push(`seed = ${settings.seed}`);
  for (const [id, patch] of Object.entries(settings.devices ?? {})) {
    const out: string[] = [];
    flatten('', patch, out);
    lines.push(...out.map((l) => `${id}: ${l}`));
  }
  for (const [id, patch] of Object.entries(settings.clients ?? {})) {
    const out: string[] = [];
    flatten('', patch, out);
    lines.push(...out.map((l) => `client ${id}: ${l}`));
  }
  return lines;
}

export function describeSolution(solution: Solution): { settings: string[]; steps: string[] } {
  return { settings: describeSettings(solution.settings), steps: solution.steps.map(describeLessonStep) };
}

/** Pages whose file name is cut short. */
const PAGE_TITLES: Record<string, string> = {
  'image/how-the-wia-minidriver-receives-a-disconnect-event-from-the-wia-servic.md': 'How the WIA minidriver receives a disconnect event from the WIA service',
};

/** Reference pages by the name of what they document (their file names are lower case). */
const DDI_TITLES: Record<string, string> = {
  'ddi/wdfdevice/nc-wdfdevice-evt_wdf_device_prepare_hardware.md': 'EvtDevicePrepareHardware',
  'ddi/wdfdevice/nf-wdfdevice-wdfdevicesetstaticstopremove.md': 'WdfDeviceSetStaticStopRemove',
  'ddi/wdfdevice/ns-wdfdevice-_wdf_device_state.md': 'WDF_DEVICE_STATE',
  'ddi/wiamindr_lh/nf-wiamindr_lh-iwiaminidrvcallback-minidrvcallback.md': 'IWiaMiniDrvCallBack::MiniDrvCallback',
};

/**
 * A readable name for a source: `wdf/a-user-plugs-in-a-device.md` → `A user plugs in a device`; a DDI page →
 * what it documents; a source file → `pnpstatemachine.cpp (KMDF source)`.
 */
export function sourceTitle(path: string): string {
  if (PAGE_TITLES[path]) return PAGE_TITLES[path];
  if (DDI_TITLES[path]) return `${DDI_TITLES[path]} (reference)`;
  if (path.startsWith('github:')) return `${path.replace(/^.*\//, '')} (KMDF source)`;
  const name = path.replace(/^.*\//, '').replace(/\.md$/, '').replace(/-/g, ' ');
  return name.charAt(0).toUpperCase() + name.slice(1);
}
