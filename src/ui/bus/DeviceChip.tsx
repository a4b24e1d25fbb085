/**
 * A device on the bench or in a port. Drag it with the pointer onto a free port (plug in) or back
 * to the bench (pull the cable); or focus it and press Enter for its menu, or an accelerator key.
 */
import { memo, useContext, useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { DeviceView } from '../../model/deviceTimeline';
import { useLab, useLabStore, useUiStore } from '../../store/hooks';
import type { LabStore } from '../../store/labStore';
import type { UiStore } from '../../store/uiStore';
import type { DeviceInput } from '../../model/scenarioEdit';
import { Menu, type MenuItem } from '../common/Menu';
import { deviceActions, stepFor } from '../devices/deviceActions';
import { DeviceIcon } from '../devices/DeviceIcon';
import { VetoLine } from '../devices/VetoNote';
import { modelOf, portLabel, statusOf, TONE_CLASSES } from '../devices/deviceInfo';
import { DevicesContext } from './devicesContext';
import { dropTargetAt, useDrag } from './dragStore';
import { freePortsFor } from './ports';
import { prefetchDeviceParts } from '../lazyParts';

const DRAG_THRESHOLD = 4;

/**
 * After an action the device may move (bench ↔ port) and its button is then a new element: the
 * chip that mounts (or re-renders) for this device takes the keyboard focus.
 */
let pendingFocus: { id: string; until: number } | undefined;
/**
 * The device whose chip has the keyboard focus. Moving the cursor can move a device between the
 * bench and a port, which replaces its chip: the new chip takes the focus back if it was lost with
 * the old one (so stepping with the arrows on a chip never drops the focus to the page).
 */
let focusedDevice: string | undefined;
function focusDeviceSoon(id: string): void {
  pendingFocus = { id, until: performance.now() + 2000 };
  setTimeout(() => document.querySelector<HTMLElement>(`[data-device="${CSS.escape(id)}"]`)?.focus(), 0);
}

function plugOrMove(lab: LabStore, device: DeviceView, target: string): void {
  const { act, actMany } = lab.getState();
  if (target === 'palette') {
    if (device.port !== undefined) act({ action: 'unplug', device: device.id }, device.id);
    return;
  }
  if (target === device.port) return;
  if (device.port !== undefined) actMany([{ action: 'unplug', device: device.id }, { action: 'plug', device: device.id, port: target }], device.id);
  else act({ action: 'plug', device: device.id, port: target }, device.id);
}

/** Dragging near the top or bottom edge of the hardware panel scrolls it, so every port can be reached. */
function autoScroll(from: HTMLElement, y: number): void {
  const scroller = from.closest<HTMLElement>('[data-drag-scroll]');
  if (!scroller) return;
  const r = scroller.getBoundingClientRect();
  const edge = 48;
  if (y < r.top + edge) scroller.scrollTop -= Math.ceil((r.top + edge - y) / 3);
  else if (y > r.bottom - edge) scroller.scrollTop += Math.ceil((y - (r.bottom - edge)) / 3);
}

interface Props {
  device: DeviceView;
  config: DeviceInput;
  /** on the bench: a small chip without its status */
  compact?: boolean;
}

/** Opens the WIA tab of the side section and puts the focus on that scanner's card. */
function showScanner(ui: UiStore, id: string): void {
  ui.getState().setSideTab('wia');
  setTimeout(() => {
    const heading = document.querySelector<HTMLElement>(`[data-scanner="${CSS.escape(id)}"] h3`);
    heading?.scrollIntoView({ block: 'nearest' });
    heading?.focus();
  }, 0);
}

export const DeviceChip = memo(function DeviceChip({ device, config, compact = false }: Props) {
  const getDevices = useContext(DevicesContext);
  const [menu, setMenu] = useState<'actions' | 'ports' | undefined>(undefined);
  const button = useRef<HTMLButtonElement>(null);
  const drag = useRef<{ x: number; y: number; active: boolean } | undefined>(undefined);
  const suppressClick = useRef(false);
  const dragging = useDrag((s) => s.device === device.id);
  const status = statusOf(device);
  const model = modelOf(device.model);
  // read-only (an embed): the chip shows its device and takes the focus, but has no menu and no drag
  const readonly = useLab((s) => s.readonly);
  const lab = useLabStore();
  const ui = useUiStore();

  useEffect(() => {
    const lost = document.activeElement === null || document.activeElement === document.body;
    if ((pendingFocus?.id === device.id && performance.now() < pendingFocus.until) || (focusedDevice === device.id && lost)) button.current?.focus();
  }, [device.id]);

  // Opening the menu (like starting a drag) holds playback, so what is picked lands at this cursor;
  // closing it without acting lets playback go on.
  const close = () => {
    setMenu(undefined);
    lab.getState().releaseGesture();
    button.current?.focus();
  };
  /** The menu closes to show something else (settings, the WIA tab): nothing acted, playback goes on. */
  const closeTo = (show: () => void) => {
    setMenu(undefined);
    lab.getState().releaseGesture();
    show();
  };
  const run = (action: string) => {
    setMenu(undefined);
    lab.getState().act(stepFor(action, device.id), device.id);
    focusDeviceSoon(device.id);
  };

  const actionItems: MenuItem[] = [];
  if (device.port === undefined) actionItems.push({ id: 'plug', label: 'Plug into a port…', keyHint: 'p', hint: 'Pick a free port (like dragging it there).', onSelect: () => setMenu('ports') });
  for (const a of deviceActions()) {
    if (a.available(device, config)) actionItems.push({ id: a.action, label: a.label, keyHint: a.key, hint: a.hint, onSelect: () => run(a.action) });
  }
  if (device.state === 'Started' && (config.framework ?? 'kmdf') === 'kmdf') {
    // the dialog acts (or is cancelled) later: playback stays held until then
    actionItems.push({ id: 'customEvent', label: 'Raise a custom event…', keyHint: 'c', hint: 'The driver calls IoReportTargetDeviceChange: target-device clients are told.', onSelect: () => { setMenu(undefined); lab.getState().holdForGesture(); ui.getState().openCustomEvent(device.id); } });
  }
  if (device.model === 'usb-scanner') {
    actionItems.push({ id: 'wia', label: 'Scanning (WIA)…', keyHint: 'a', hint: 'Connect an application, scan, cancel: the WIA panel.', onSelect: () => closeTo(() => showScanner(ui, device.id)) });
  }
  actionItems.push({ id: 'settings', label: 'Driver settings…', keyHint: 's', hint: 'Callbacks, capabilities, filters, handles.', onSelect: () => closeTo(() => ui.getState().openSettings(device.id)) });
  if (device.port === undefined && device.state === 'PhysicallyAbsent') {
    actionItems.push({ id: 'remove', label: 'Remove from the lab', tone: 'danger', onSelect: () => closeTo(() => lab.getState().removeDevice(device.id)) });
  }
  // Free ports are worked out only while the port menu is open (it needs every device).
  const portItems: MenuItem[] = menu !== 'ports' ? [] : freePortsFor(device, getDevices()).map((p) => ({
    id: p.port, label: portLabel(p.port), hint: p.port, onSelect: () => { setMenu(undefined); plugOrMove(lab, device, p.port); focusDeviceSoon(device.id); },
  }));
  portItems.push({ id: 'back', label: 'Back', onSelect: () => setMenu('actions') });

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey || menu || readonly) return;
    const key = e.key.toLowerCase();
    if (key === 'p' && device.port === undefined) {
      e.preventDefault();
      lab.getState().holdForGesture();
      setMenu('ports');
      return;
    }
    if (key === 's') {
      e.preventDefault();
      ui.getState().openSettings(device.id);
      return;
    }
    const extra = actionItems.find((it) => (it.id === 'customEvent' || it.id === 'wia') && it.keyHint === key);
    if (extra) {
      e.preventDefault();
      extra.onSelect();
      return;
    }
    const a = deviceActions().find((x) => x.key === key && x.available(device, config));
    if (a) {
      e.preventDefault();
      run(a.action);
    }
  };

  const onPointerDown = (e: PointerEvent<HTMLButtonElement>) => {
    if (e.button !== 0 || readonly) return;
    // A press may become a drag or open the menu: playback holds here, so the action lands where the person acted.
    lab.getState().holdForGesture();
    suppressClick.current = false;
    drag.current = { x: e.clientX, y: e.clientY, active: false };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLButtonElement>) => {
    const d = drag.current;
    if (!d) return;
    if (!d.active && Math.hypot(e.clientX - d.x, e.clientY - d.y) < DRAG_THRESHOLD) return;
    if (!d.active) {
      d.active = true;
      useDrag.getState().start(device.id, e.clientX, e.clientY);
    }
    autoScroll(e.currentTarget, e.clientY);
    useDrag.getState().move(e.clientX, e.clientY, dropTargetAt(e.clientX, e.clientY));
  };
  const onPointerUp = (e: PointerEvent<HTMLButtonElement>) => {
    const d = drag.current;
    drag.current = undefined;
    if (!d?.active) return;
    suppressClick.current = true;
    const target = dropTargetAt(e.clientX, e.clientY);
    useDrag.getState().end();
    if (target) plugOrMove(lab, device, target);
    // dropped nowhere, or where it already was: nothing acted
    lab.getState().releaseGesture();
  };

  const where = device.port ? portLabel(device.port) : 'on the bench';
  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        aria-haspopup={readonly ? undefined : 'menu'}
        aria-expanded={readonly ? undefined : menu !== undefined}
        data-device={device.id}
        onClick={() => {
          if (readonly) return;
          if (suppressClick.current) {
            suppressClick.current = false;
            return;
          }
          if (menu) {
            close();
            return;
          }
          lab.getState().holdForGesture();
          setMenu('actions');
        }}
        onKeyDown={onKeyDown}
        onFocus={() => {
          focusedDevice = device.id;
          if (!readonly) prefetchDeviceParts(device.model === 'usb-scanner');
        }}
        onPointerEnter={readonly ? undefined : () => prefetchDeviceParts(device.model === 'usb-scanner')}
        onBlur={(e) => {
          // focus moved elsewhere (not the chip removed from the page with the focus in it)
          if (e.relatedTarget) focusedDevice = undefined;
          const el = e.currentTarget;
          setTimeout(() => { if (el.isConnected && focusedDevice === device.id && document.activeElement !== el) focusedDevice = undefined; }, 0);
        }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => { drag.current = undefined; useDrag.getState().end(); lab.getState().releaseGesture(); }}
        title={`${device.id}: ${model?.label ?? device.model} (${status.label})`}
        className={`flex w-full touch-none select-none items-center gap-2 rounded-lg border border-line bg-panel text-left shadow-sm hover:border-accent/60 hover:shadow-md ${readonly ? 'cursor-default' : compact ? 'cursor-grab px-1.5 py-1' : 'px-2 py-1'} ${dragging ? 'opacity-40' : ''}`}
      >
        <span className={`grid shrink-0 place-items-center rounded-md border ${compact ? 'h-6 w-6' : 'h-7 w-7'} ${TONE_CLASSES[status.tone]}`}>
          <DeviceIcon model={device.model} className={compact ? 'h-5 w-5' : 'h-6 w-6'} />
        </span>
        <span className="min-w-0 flex-1">
          <span className="block truncate text-sm font-semibold leading-tight">{device.id}</span>
          {compact ? (
            <span className="block truncate text-[11px] leading-tight text-muted">{model?.label ?? device.model}</span>
          ) : (
            <span className={`mt-0.5 inline-block max-w-full truncate rounded-full border px-1.5 text-[11px] font-medium leading-4 ${TONE_CLASSES[status.tone]}`}>{status.label}</span>
          )}
          {!compact && device.veto !== undefined && <VetoLine veto={device.veto} />}
          <span className="sr-only">{compact ? `, ${status.label}` : ''}, {where}.{readonly ? '' : ' Enter for actions.'}</span>
        </span>
      </button>
      {menu === 'actions' && <Menu anchor={button} label={`Actions for ${device.id}`} title={device.id} items={actionItems} onClose={close} />}
      {menu === 'ports' && <Menu anchor={button} label={`Plug ${device.id} into`} title={portItems.length > 1 ? `Plug ${device.id} into` : `No free ${model?.bus.toUpperCase()} port`} items={portItems} onClose={close} />}
    </div>
  );
});
