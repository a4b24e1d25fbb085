/** Global keyboard shortcuts, as data: the handler and the `?` dialog read the same list. */
import type { Stores } from '../../store/stores';

export interface Shortcut {
  keys: string[];
  label: string;
  /** event.key values that trigger it (Ctrl/Cmd combinations start with "Mod+", and with Shift "Mod+Shift+") */
  match: string[];
  /** fires again while the key is held down (stepping); toggles do not */
  repeats?: boolean;
  run(stores: Stores): void;
}

export const SHORTCUTS: Shortcut[] = [
  { keys: ['Space'], label: 'Play / pause', match: [' '], run: ({ lab }) => lab.getState().togglePlay() },
  { keys: ['←'], label: 'Step back one event', match: ['ArrowLeft'], repeats: true, run: ({ lab }) => lab.getState().step(-1) },
  { keys: ['→'], label: 'Step forward one event', match: ['ArrowRight'], repeats: true, run: ({ lab }) => lab.getState().step(1) },
  { keys: ['Home'], label: 'Jump to the start', match: ['Home'], run: ({ lab }) => lab.getState().seek(0) },
  { keys: ['End'], label: 'Jump to the end', match: ['End'], run: ({ lab }) => lab.getState().seek(Number.MAX_SAFE_INTEGER) },
  { keys: ['-'], label: 'Slower', match: ['-', '_'], repeats: true, run: ({ lab }) => lab.getState().changeSpeed(-1) },
  { keys: ['+'], label: 'Faster', match: ['+', '='], repeats: true, run: ({ lab }) => lab.getState().changeSpeed(1) },
  { keys: ['V'], label: 'Focus view: the flowchart alone, side panels hidden (again to bring them back)', match: ['v', 'V'], run: ({ ui }) => ui.getState().toggleFocusView() },
  { keys: ['Ctrl', 'Z'], label: 'Undo the last action or setting', match: ['Mod+z'], run: ({ lab }) => lab.getState().undo() },
  { keys: ['Ctrl', 'Shift', 'Z'], label: 'Redo what Undo took back (Ctrl+Y too)', match: ['Mod+Shift+z', 'Mod+y'], run: ({ lab }) => lab.getState().redo() },
  { keys: ['G'], label: 'Primer: explain the event under the cursor', match: ['g', 'G'], run: ({ ui }) => ui.getState().openPrimerForEvent() },
  { keys: ['?'], label: 'Show these shortcuts', match: ['?'], run: ({ ui }) => ui.getState().openDialog('shortcuts') },
];

export const DEVICE_KEYS: { keys: string[]; label: string }[] = [
  { keys: ['Enter'], label: 'On a device: open its menu (plug into a port, pull the cable, Safely Remove…)' },
  { keys: ['P'], label: 'On a device on the bench: pick a port to plug it into' },
  { keys: ['U', 'E', 'D', 'R', 'F', 'H'], label: 'On a plugged-in device: pull the cable, Safely Remove, disable/enable, rebalance, report failure, close handles' },
  { keys: ['I', 'W'], label: 'On a started device: let it idle (D3), wake it up (D0)' },
  { keys: ['C'], label: 'On a started KMDF device: raise a custom event (IoReportTargetDeviceChange)' },
  { keys: ['A'], label: 'On a scanner: its WIA panel (connect an application, scan, cancel)' },
  { keys: ['S'], label: 'On a device: driver settings' },
  { keys: ['←', '→'], label: 'On a tab (Device Manager, Notifications, Scanners): the previous / next tab' },
  { keys: ['↑', '↓'], label: 'In the timeline: previous / next event shown' },
];
