/**
 * The Compare dialog: pick the one difference of the second run (a device's framework, one callback's behaviour, a
 * client's answer, the open handles, Safely Remove vs pulling the cable). The choice is checked against the scenario
 * as a file's `compare` is (one line if it does not apply), then set: the Compare view shows both runs.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { FAILABLE_CALLBACKS, FRAMEWORK_CALLBACKS, TRANSITION_FAILABLE_CALLBACKS } from '../../engine/tables/registry';
import type { CallbackLayer, Comparison, ComparisonKind } from '../../scenario/compare';
import type { EditableScenario } from '../../model/scenarioEdit';
import { setComparison } from '../../store/compareStore';
import { useLab, useLabStore } from '../../store/hooks';
import { useViews, useViewStore } from '../../store/viewHooks';
import { Modal } from '../common/Modal';
import { btn, btnPrimary, field } from '../common/styles';

const KINDS: { id: ComparisonKind; label: string; hint: string }[] = [
  { id: 'framework', label: 'Framework', hint: 'A device\'s drivers on KMDF in one run, UMDF 1 in the other.' },
  { id: 'callback', label: 'A callback', hint: 'One callback succeeds, fails, hangs or is absent in run B.' },
  { id: 'client', label: 'A client', hint: 'A notification client answers a query differently in run B.' },
  { id: 'openHandles', label: 'Open handles', hint: 'Applications hold a different number of handles on a device.' },
  { id: 'removal', label: 'Safely Remove vs the cable', hint: 'One removal step done the other way in run B.' },
];
const LAYERS: { id: CallbackLayer; label: string }[] = [
  { id: 'function', label: 'Function driver' }, { id: 'bus', label: 'Bus driver (PDO)' }, { id: 'lower-filter', label: 'Lower filters' }, { id: 'upper-filter', label: 'Upper filters' },
];
const BEHAVIOURS = ['succeed', 'fail', 'hang', 'absent', 'failOnFirstStart', 'failOnRestart', 'failOnWake'] as const;

/** What the scenario offers for each kind of difference (empty: that kind is not possible here, and why). */
function offers(s: EditableScenario) {
  const framework = s.devices.filter((d) => d.model !== 'usb-hub');
  const clients = s.clients ?? [];
  const removals = s.steps.map((st, i) => ({ st, n: i + 1 })).filter(({ st }) => st.action === 'safeRemove' || st.action === 'unplug');
  return {
    framework: framework.length ? undefined : 'no device but hubs (a hub stays on KMDF)',
    callback: s.devices.length ? undefined : 'no devices',
    client: clients.length ? undefined : 'no notification clients (add one in the Notifications tab)',
    openHandles: s.devices.length ? undefined : 'no devices',
    removal: removals.length ? undefined : 'no Safely Remove or unplug step yet',
    frameworkDevices: framework,
    removals,
  };
}

export function ComparePicker() {
  const open = useViews((s) => s.pickerOpen);
  const views = useViewStore();
  const close = () => views.getState().closePicker();
  return (
    <Modal id="compare-picker" open={open} title="Compare: run it again with one difference" onClose={close}>
      {open && <PickerForm onDone={close} />}
    </Modal>
  );
}

function PickerForm({ onDone }: { onDone(): void }) {
  const scenario = useLab((s) => s.scenario);
  const lab = useLabStore();
  const views = useViewStore();
  const current = scenario.compare;
  const o = useMemo(() => offers(scenario), [scenario]);
  const [kind, setKind] = useState<ComparisonKind>(current?.change ?? (o.framework === undefined ? 'framework' : 'callback'));
  const firstDevice = (current && 'device' in current ? current.device : undefined) ?? o.frameworkDevices[0]?.id ?? scenario.devices[0]?.id ?? '';
  const [device, setDevice] = useState(firstDevice);
  const [layer, setLayer] = useState<CallbackLayer>(current?.change === 'callback' ? current.layer ?? 'function' : 'function');
  const d = scenario.devices.find((x) => x.id === device);
  const fw = layer === 'bus' ? 'kmdf' : d?.framework === 'umdf1' ? 'umdf1' : 'kmdf';
  const callbacks = useMemo(() => [...FRAMEWORK_CALLBACKS[fw]].sort(), [fw]);
  const [callback, setCallback] = useState(current?.change === 'callback' ? current.callback : fw === 'umdf1' ? 'IPnpCallback::OnQueryRemove' : 'EvtDeviceQueryRemove');
  const [behaviour, setBehaviour] = useState<(typeof BEHAVIOURS)[number]>(current?.change === 'callback' ? current.behaviour : 'fail');
  const clients = scenario.clients ?? [];
  const [client, setClient] = useState(current?.change === 'client' ? current.client : clients[0]?.id ?? '');
  const c = clients.find((x) => x.id === client);
  const profile = c?.category === 'HardwareProfileChange';
  const [answer, setAnswer] = useState<string>(current?.change === 'client' ? (current.onQueryRemove ?? current.onProfileQuery ?? 'veto') : 'veto');
  const [handles, setHandles] = useState(current?.change === 'openHandles' ? current.openHandles : (d?.openHandles ?? 0) > 0 ? 0 : 1);
  const [step, setStep] = useState(current?.change === 'removal' ? current.step : o.removals[0]?.n ?? 1);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const layers = LAYERS.filter((l) => l.id === 'function' || l.id === 'bus' || (l.id === 'lower-filter' ? (d?.filters?.lower ?? 0) > 0 : (d?.filters?.upper ?? 0) > 0));
  const allowed = BEHAVIOURS.filter((b) => (b === 'fail' ? FAILABLE_CALLBACKS.has(callback) : b.startsWith('failOn') ? TRANSITION_FAILABLE_CALLBACKS.has(callback) : true));

  const comparison = (): Comparison => {
    switch (kind) {
      case 'framework': return { change: 'framework', device };
      case 'callback': return { change: 'callback', device, ...(layer !== 'function' ? { layer } : {}), callback, behaviour };
      case 'client': return profile ? { change: 'client', client, onProfileQuery: answer as 'allow' | 'veto' } : { change: 'client', client, onQueryRemove: answer as 'close' | 'veto' | 'keepOpen' };
      case 'openHandles': return { change: 'openHandles', device, openHandles: handles };
      case 'removal': return { change: 'removal', step };
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const why = setComparison(lab, comparison());
    if (why) {
      setProblem(why);
      return;
    }
    views.getState().setView('compare');
    onDone();
  };

  const devicePicker = (list = scenario.devices) => (
    <div className="flex items-center gap-2">
      <label htmlFor="compare-device" className="w-24 shrink-0 font-medium">Device</label>
      <select id="compare-device" value={device} onChange={(e) => { setDevice(e.target.value); setProblem(undefined); }} className={field}>
        {list.map((x) => <option key={x.id} value={x.id}>{x.id} ({x.model}, {x.framework === 'umdf1' ? 'UMDF 1' : 'KMDF'})</option>)}
      </select>
    </div>
  );

  return (
    <form onSubmit={submit} className="space-y-4">
      <p className="text-muted">Run A is the lab as it is. Run B is the same scenario with one difference; both are shown side by side, step by step, and the cursor moves through both.</p>
      <fieldset>
        <legend className="mb-1.5 font-semibold">What differs in run B</legend>
        <div className="grid gap-1.5 sm:grid-cols-2">
          {KINDS.map((k) => {
            const why = o[k.id];
            return (
              <label key={k.id} className={`flex items-start gap-2 rounded-lg border px-2.5 py-1.5 ${kind === k.id ? 'border-accent bg-accent-soft' : 'border-line'} ${why ? 'opacity-55' : ''}`}>
                <input type="radio" name="compare-kind" value={k.id} checked={kind === k.id} disabled={why !== undefined} onChange={() => { setKind(k.id); setProblem(undefined); }} className="mt-1 h-4 w-4 accent-[var(--color-accent)]" />
                <span>
                  <span className="block font-medium">{k.label}</span>
                  <span className="block text-xs text-muted">{why ? `Not here: ${why}.` : k.hint}</span>
                </span>
              </label>
            );
          })}
        </div>
      </fieldset>
      <div className="space-y-2">
        {kind === 'framework' && (
          <>
            {devicePicker(o.frameworkDevices)}
            <p className="text-xs text-muted">Run B switches {device}'s function driver and filters to {d?.framework === 'umdf1' ? 'KMDF' : 'UMDF 1'} and clears their callback settings (a KMDF name means nothing to UMDF 1). The bus driver stays KMDF.</p>
          </>
        )}
        {kind === 'callback' && (
          <>
            {devicePicker()}
            <div className="flex items-center gap-2">
              <label htmlFor="compare-driver" className="w-24 shrink-0 font-medium">Driver</label>
              <select id="compare-driver" value={layer} onChange={(e) => setLayer(e.target.value as CallbackLayer)} className={field}>
                {layers.map((l) => <option key={l.id} value={l.id}>{l.label}</option>)}
              </select>
            </div>
            <div className="flex items-center gap-2">
              <label htmlFor="compare-callback" className="w-24 shrink-0 font-medium">Callback</label>
              <select id="compare-callback" value={callbacks.includes(callback) ? callback : ''} onChange={(e) => { setCallback(e.target.value); setProblem(undefined); }} className={`${field} min-w-0 flex-1 font-mono`}>
                {!callbacks.includes(callback) && <option value="">(pick one)</option>}
                {callbacks.map((n) => <option key={n} value={n}>{n}</option>)}
              </select>
            </div>
            <div className="flex items-center gap-2">
              <label htmlFor="compare-in-run-b" className="w-24 shrink-0 font-medium">In run B</label>
              <select id="compare-in-run-b" value={allowed.includes(behaviour) ? behaviour : 'succeed'} onChange={(e) => { setBehaviour(e.target.value as (typeof BEHAVIOURS)[number]); setProblem(undefined); }} className={field}>
                {allowed.map((b) => <option key={b} value={b}>{b}</option>)}
              </select>
            </div>
          </>
        )}
        {kind === 'client' && (
          <>
            <div className="flex items-center gap-2">
              <label htmlFor="compare-client" className="w-24 shrink-0 font-medium">Client</label>
              <select id="compare-client" value={client} onChange={(e) => { setClient(e.target.value); setProblem(undefined); }} className={field}>
                {clients.map((x) => <option key={x.id} value={x.id}>{x.id} ({x.mode}, {x.category})</option>)}
              </select>
            </div>
            <div className="flex items-center gap-2">
              <label htmlFor="compare-answer" className="w-24 shrink-0 font-medium">{profile ? 'On a dock query' : 'On query-remove'}</label>
              <select id="compare-answer" value={answer} onChange={(e) => { setAnswer(e.target.value); setProblem(undefined); }} className={field}>
                {(profile ? ['allow', 'veto'] : ['close', 'veto', 'keepOpen']).map((v) => <option key={v} value={v}>{v}</option>)}
              </select>
            </div>
          </>
        )}
        {kind === 'openHandles' && (
          <>
            {devicePicker()}
            <div className="flex items-center gap-2">
              <label htmlFor="compare-handles" className="w-24 shrink-0 font-medium">In run B</label>
              <input id="compare-handles" type="number" min={0} max={99} value={handles} onChange={(e) => { const n = Number(e.target.value); if (Number.isInteger(n) && n >= 0 && n <= 99) setHandles(n); setProblem(undefined); }} className={`${field} w-20 text-right`} />
              <span className="text-muted">open handle(s); run A has {d?.openHandles ?? 0}</span>
            </div>
          </>
        )}
        {kind === 'removal' && (
          <div className="flex items-center gap-2">
            <label htmlFor="compare-step" className="w-24 shrink-0 font-medium">Step</label>
            <select id="compare-step" value={step} onChange={(e) => { setStep(Number(e.target.value)); setProblem(undefined); }} className={field}>
              {o.removals.map(({ st, n }) => <option key={n} value={n}>Step {n}: {st.action === 'safeRemove' ? 'Safely Remove' : 'pull the cable of'} {'device' in st ? st.device : ''} → the other way in run B</option>)}
            </select>
          </div>
        )}
      </div>
      {problem && <p role="alert" className="font-medium text-bad">{problem}</p>}
      <div className="flex justify-end gap-2">
        <button type="button" className={btn} onClick={onDone}>Cancel</button>
        <button type="submit" className={btnPrimary}>Compare</button>
      </div>
    </form>
  );
}
