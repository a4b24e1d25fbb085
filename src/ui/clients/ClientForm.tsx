/** Adds a notification client to the scenario, or changes one: what it registers for and how it behaves. */
import { useId, useState, type FormEvent } from 'react';
import { CATALOG } from '../../engine/bus/catalog';
import { useLab, useLabStore } from '../../store/hooks';
import { ID_PATTERN } from '../../scenario/schema';
import { isClientIdTaken, newClientId, type ClientInput } from '../../model/scenarioEdit';
import { btn, btnPrimary, field } from '../common/styles';
import { useDevicesAtCursor } from '../devices/useDevices';

const INTERFACES = [...new Set(Object.values(CATALOG).flatMap((m) => m.interfaces))];

const CATEGORIES: { value: ClientInput['category']; label: string }[] = [
  { value: 'TargetDeviceChange', label: 'Target device' },
  { value: 'DeviceInterfaceChange', label: 'Device interface' },
  { value: 'HardwareProfileChange', label: 'Hardware profile' },
];

const QUERY_REMOVE: { value: NonNullable<ClientInput['onQueryRemove']>; label: string }[] = [
  { value: 'close', label: 'Close its handle' },
  { value: 'veto', label: 'Veto the removal' },
  { value: 'keepOpen', label: 'Keep its handle open' },
];

interface Props {
  /** the client to change; without it the form adds a new one */
  client?: ClientInput;
  onDone(): void;
}

export function ClientForm({ client, onDone }: Props) {
  const lab = useLabStore();
  const scenario = useLab((s) => s.scenario);
  const devices = scenario.devices;
  const taken = (scenario.clients ?? []).map((c) => c.id);
  const uid = useId();
  // A new client watches a device that is plugged in at the cursor (a started one first), not one on the bench.
  const atCursor = useDevicesAtCursor();
  const plugged = atCursor.filter((d) => d.port !== undefined);
  const onBench = new Set(atCursor.filter((d) => d.port === undefined).map((d) => d.id));
  const defaultTarget = (plugged.find((d) => d.state === 'Started') ?? plugged[0])?.id ?? devices[0]?.id ?? '';
  const [id, setId] = useState(client?.id ?? newClientId('client', taken));
  const [mode, setMode] = useState<ClientInput['mode']>(client?.mode ?? 'kernel');
  const [category, setCategory] = useState<ClientInput['category']>(client?.category ?? (devices.length > 0 ? 'TargetDeviceChange' : 'HardwareProfileChange'));
  const [interfaceClass, setInterfaceClass] = useState(client?.interfaceClass ?? INTERFACES[0]);
  const [target, setTarget] = useState(client?.target ?? defaultTarget);
  const [includeExisting, setIncludeExisting] = useState(client?.includeExisting ?? false);
  const [onQueryRemove, setOnQueryRemove] = useState<NonNullable<ClientInput['onQueryRemove']>>(client?.onQueryRemove ?? 'close');
  const [onProfileQuery, setOnProfileQuery] = useState<NonNullable<ClientInput['onProfileQuery']>>(client?.onProfileQuery ?? 'allow');
  const [registered, setRegistered] = useState(client?.registered ?? true);
  const [inCallback, setInCallback] = useState<string>(client?.inCallback ?? '');
  const [problem, setProblem] = useState<string | undefined>(undefined);

  const kernel = mode === 'kernel';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!client) {
      if (!ID_PATTERN.test(id)) return setProblem('A name starts with a letter and has only letters, digits, "-" and "_".');
      if (isClientIdTaken(id, taken)) return setProblem(`"${id}" is already a client; pick another name.`);
    }
    if (category === 'TargetDeviceChange' && !target) return setProblem('Pick the device whose handle it opens.');
    setProblem(undefined);
    const next: ClientInput = { id, mode, category };
    if (category === 'DeviceInterfaceChange') next.interfaceClass = interfaceClass;
    if (category === 'TargetDeviceChange') next.target = target;
    if (kernel && category === 'DeviceInterfaceChange' && includeExisting) next.includeExisting = true;
    if (category === 'TargetDeviceChange' && onQueryRemove !== 'close') next.onQueryRemove = onQueryRemove;
    if (category === 'HardwareProfileChange' && onProfileQuery !== 'allow') next.onProfileQuery = onProfileQuery;
    if (!registered) next.registered = false;
    if (kernel && inCallback) next.inCallback = inCallback as NonNullable<ClientInput['inCallback']>;
    const { updateClient, addClient } = lab.getState();
    const ok = client ? updateClient(client.id, () => next) : addClient(next);
    if (ok) onDone();
  };

  const row = 'grid grid-cols-[auto_minmax(0,1fr)] items-center gap-x-2 gap-y-1.5 [&_select]:w-full [&_select]:min-w-0';
  return (
    <form onSubmit={submit} className="space-y-2 rounded-xl border border-accent/40 bg-accent-soft/40 p-2.5 text-sm" aria-label={client ? `Change client ${client.id}` : 'Add a notification client'}>
      <div className={row}>
        <label htmlFor={`${uid}-id`} className="text-muted">Name</label>
        <input id={`${uid}-id`} value={id} size={12} readOnly={client !== undefined} onChange={(e) => setId(e.target.value)} className={`${field} font-mono ${client ? 'bg-sunken' : ''}`} autoComplete="off" spellCheck={false} />
      </div>
      <fieldset className={row}>
        <legend className="sr-only">Mode</legend>
        <span className="text-muted" aria-hidden="true">Mode</span>
        <div className="flex flex-wrap gap-x-3 gap-y-0.5">
          {(['kernel', 'user'] as const).map((m) => (
            <label key={m} className="flex items-center gap-1.5">
              <input type="radio" name={`${uid}-mode`} checked={mode === m} onChange={() => setMode(m)} className="accent-[var(--color-accent)]" />
              {m === 'kernel' ? 'Kernel driver' : 'User-mode app'}
            </label>
          ))}
        </div>
      </fieldset>
      <div className={row}>
        <label htmlFor={`${uid}-cat`} className="text-muted">Registers for</label>
        <select id={`${uid}-cat`} value={category} onChange={(e) => setCategory(e.target.value as ClientInput['category'])} className={field}>
          {CATEGORIES.map((c) => <option key={c.value} value={c.value} disabled={c.value === 'TargetDeviceChange' && devices.length === 0}>{c.label}</option>)}
        </select>
        {category === 'DeviceInterfaceChange' && (
          <>
            <label htmlFor={`${uid}-if`} className="text-muted">Interface class</label>
            <select id={`${uid}-if`} value={interfaceClass} onChange={(e) => setInterfaceClass(e.target.value)} className={`${field} font-mono text-xs`}>
              {INTERFACES.map((i) => <option key={i} value={i}>{i}</option>)}
            </select>
          </>
        )}
        {category === 'TargetDeviceChange' && (
          <>
            <label htmlFor={`${uid}-target`} className="text-muted">Target device</label>
            <select id={`${uid}-target`} value={target} onChange={(e) => setTarget(e.target.value)} className={field}>
              {devices.map((d) => <option key={d.id} value={d.id}>{d.id}{onBench.has(d.id) ? ' (on the bench)' : ''}</option>)}
            </select>
            <label htmlFor={`${uid}-qr`} className="text-muted">On query-remove</label>
            <select id={`${uid}-qr`} value={onQueryRemove} onChange={(e) => setOnQueryRemove(e.target.value as typeof onQueryRemove)} className={field}>
              {QUERY_REMOVE.map((q) => <option key={q.value} value={q.value}>{q.label}</option>)}
            </select>
          </>
        )}
        {category === 'HardwareProfileChange' && (
          <>
            <label htmlFor={`${uid}-pq`} className="text-muted">On dock/undock query</label>
            <select id={`${uid}-pq`} value={onProfileQuery} onChange={(e) => setOnProfileQuery(e.target.value as typeof onProfileQuery)} className={field}>
              <option value="allow">Allow the change</option>
              <option value="veto">Veto the change</option>
            </select>
          </>
        )}
        {kernel && (
          <>
            <label htmlFor={`${uid}-cb`} className="text-muted">In its callback</label>
            <select id={`${uid}-cb`} value={inCallback} onChange={(e) => setInCallback(e.target.value)} className={field}>
              <option value="">nothing else</option>
              <option value="reportSync">IoReportTargetDeviceChange (deadlock)</option>
              <option value="reportAsync">IoReportTargetDeviceChangeAsynchronous</option>
            </select>
          </>
        )}
      </div>
      <div className="flex flex-col gap-1">
        {kernel && category === 'DeviceInterfaceChange' && (
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={includeExisting} onChange={(e) => setIncludeExisting(e.target.checked)} className="h-4 w-4 accent-[var(--color-accent)]" />
            <span>Include existing interfaces <span className="font-mono text-xs text-muted">(PNPNOTIFY_DEVICE_INTERFACE_INCLUDE_EXISTING_INTERFACES)</span></span>
          </label>
        )}
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={registered} onChange={(e) => setRegistered(e.target.checked)} className="h-4 w-4 accent-[var(--color-accent)]" />
          <span>Registered from the start{category === 'TargetDeviceChange' ? ' (opens its handle when its device starts)' : ''}</span>
        </label>
      </div>
      {problem && <p role="alert" className="text-sm font-medium text-bad">{problem}</p>}
      <div className="flex justify-end gap-1.5">
        <button type="button" className={btn} onClick={onDone}>Cancel</button>
        <button type="submit" className={btnPrimary}>{client ? 'Apply' : 'Add client'}</button>
      </div>
    </form>
  );
}
