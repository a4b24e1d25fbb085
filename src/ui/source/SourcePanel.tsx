/**
 * The "Driver source" panel: the source of the driver whose code runs at the cursor, with the running function lit,
 * the line it returns on, and the IRP or call that led there (sourceAt.ts, from the trace alone). Each callback's
 * behaviour from the settings is its return statement; the small control at the end of that line changes it and
 * re-runs the lab exactly as the settings drawer does (the same edit of the same device). A lazy chunk with the
 * sources (≈15 KB gzip); the tokenizer is a chunk of its own.
 */
import { useMemo, type ReactNode } from 'react';
import type { Behavior } from '../../engine/framework/layerState';
import { FAILABLE_CALLBACKS, FRAMEWORK_CALLBACKS, TRANSITION_FAILABLE_CALLBACKS } from '../../engine/tables/registry';
import { DRIVER_SOURCES, RESULTS } from '../../sources';
import { useDisplayPosition, useLab, useLabStore, useUi } from '../../store/hooks';
import type { DeviceInput } from '../../model/scenarioEdit';
import { isPendingAt } from '../../model/traceRules';
import { NoticeBar } from '../common/NoticeBar';
import { callbacksOf, withCallback } from '../tree/callbackSettings';
import { DriverSourceView } from './DriverSourceView';
import { indexOfSeq, sourceAt, type SettingsTarget } from './sourceAt';

const LAYER_WORDS: Record<SettingsTarget['layer'], string> = { function: 'function driver', bus: 'bus driver (PDO)', 'lower-filter': 'lower filters', 'upper-filter': 'upper filters' };

/** The choices of one callback, in the drawer's words; `fail` names the status the trace shows. */
function choicesFor(name: string, framework: 'kmdf' | 'umdf1', isVoid: boolean): { value: string; label: string }[] {
  const failure = RESULTS[framework].failure;
  const out = [{ value: 'default', label: 'as written' }, { value: 'succeed', label: 'succeed' }];
  if (!isVoid && FAILABLE_CALLBACKS.has(name)) out.push({ value: 'fail', label: `fail: ${failure}` });
  if (!isVoid && TRANSITION_FAILABLE_CALLBACKS.has(name)) {
    out.push({ value: 'failOnFirstStart', label: `${failure} on the first start` }, { value: 'failOnRestart', label: `${failure} on a restart` }, { value: 'failOnWake', label: `${failure} on a wake` });
  }
  out.push({ value: 'hang', label: 'hang (never returns)' }, { value: 'absent', label: 'absent (not registered)' });
  return out;
}

/** `tabs`: the stage's view tabs, in place of the panel's title (an embed's panel has none). */
export function SourcePanel({ tabs }: { tabs?: ReactNode }) {
  const trace = useLab((s) => s.run.trace);
  const position = Math.min(useDisplayPosition(), trace.length);
  const devices = useLab((s) => s.scenario.devices);
  const readonly = useLab((s) => s.readonly);
  const drawerOpen = useUi((s) => s.settingsDevice !== undefined);
  const lab = useLabStore();
  const focus = useMemo(() => sourceAt(trace, position), [trace, position]);
  const call = useMemo(() => (focus.call !== undefined && focus.callLine !== undefined ? { name: focus.call, line: focus.callLine } : undefined), [focus]);
  const source = DRIVER_SOURCES[focus.source];
  const device: DeviceInput | undefined = focus.target && devices.find((d) => d.id === focus.target!.device);
  const target = focus.target;
  // the framework whose callbacks the source shows must be the one the settings are for (a UMDF 1 device's bus driver is KMDF)
  const framework = target && device ? (target.layer === 'bus' ? 'kmdf' : (device.framework ?? 'kmdf')) : undefined;
  const settable = target && device && framework === source.framework;
  const behaviours = settable ? (callbacksOf(device!, target!.layer) as Record<string, Behavior>) : undefined;
  const event = focus.seq !== undefined ? trace[indexOfSeq(trace, focus.seq)] : undefined;
  const running = event !== undefined && isPendingAt(event, position);

  // every callback's return line has its control; the one of the function at the cursor is in the tab order (one Tab
  // from the code), the others are there for the mouse (the settings drawer has them all for the keyboard)
  const control = (fnName: string, active: boolean): ReactNode => {
    if (!settable || readonly || !FRAMEWORK_CALLBACKS[framework!].has(fnName)) return null;
    const fn = source.functions.find((f) => f.name === fnName)!;
    const value = behaviours?.[fnName] ?? 'default';
    const set = value !== 'default';
    return (
      <label data-edit className="ml-3 flex shrink-0 items-center self-center font-sans text-xs" title={`What ${fnName} does in ${target!.device}'s ${LAYER_WORDS[target!.layer]}: changing it re-runs the lab, as the settings drawer does`}>
        <span className="sr-only">{`${fnName} of ${target!.device} (${LAYER_WORDS[target!.layer]}) returns`}</span>
        <select
          value={value}
          tabIndex={active ? 0 : -1}
          data-testid={`source-behaviour-${fnName}`}
          onChange={(e) => lab.getState().updateDevice(target!.device, (d) => withCallback(d, target!.layer, fnName, e.target.value))}
          className={`rounded border px-1 py-0 text-xs ${set && (value.startsWith('fail') || value === 'hang') ? 'border-bad/50 bg-bad-soft text-bad' : set ? 'border-line bg-skip-soft' : 'border-line bg-panel text-muted'}`}
        >
          {choicesFor(fnName, framework!, fn.isVoid).map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
        </select>
      </label>
    );
  };

  // whose code this is at the cursor: the device and the driver, and whose settings the return lines show
  const context = (
    <span className="truncate text-sm text-muted" data-testid="source-context">
      {target ? <>as <span className="font-semibold text-ink">{target.driver ?? LAYER_WORDS[target.layer]}</span> for {target.device}{target.driver ? `, ${LAYER_WORDS[target.layer]}` : ''}</> : source.framework === 'wia' && event?.device ? <>for {event.device}</> : null}
      {!focus.current && focus.active && focus.seq !== undefined ? ` · last ran at #${focus.seq}` : ''}
    </span>
  );

  return (
    <section aria-label="Driver source" className="flex h-full min-h-0 flex-col" data-testid="source-panel">
      <div className="flex min-h-11 shrink-0 items-center gap-x-3 border-b border-line px-3 py-1.5">
        {tabs ?? <h2 className="text-sm font-semibold uppercase tracking-wide text-muted">Driver source</h2>}
        <div className="ml-auto flex min-w-0 items-baseline gap-x-2">
          <h3 className="shrink-0 font-mono text-sm font-semibold" title={`${source.title}. Runs as ${source.serves}`}>{source.file}</h3>
          <span className="hidden shrink-0 text-sm text-muted xl:inline">{source.title}</span>
          {context}
        </div>
      </div>
      {!drawerOpen && <div className="px-2 pt-1 empty:hidden"><NoticeBar scopes={['settings']} /></div>}
      <div className="min-h-0 flex-1">
        <DriverSourceView
          frameless
          source={source}
          active={focus.active}
          result={running ? undefined : focus.result}
          running={running}
          call={call}
          caller={focus.caller}
          note={focus.note}
          behaviours={behaviours}
          careless={focus.source === 'wia-minidriver' && devices.find((d) => d.id === event?.device)?.wia?.careless === true}
          control={control}
          showHeader={false}
        />
      </div>
    </section>
  );
}
