/**
 * Notification clients: the scenario's drivers and applications registered for PnP notifications
 * (and the WIA service's own, read-only), what each holds at the cursor, what it received up to the
 * cursor, and the actions a person has on them. Adding or changing a client re-runs the same steps.
 */
import { memo, useMemo, useState } from 'react';
import type { TraceEvent } from '../../engine/trace';
import { useDisplayPosition, useLab, useLabStore } from '../../store/hooks';
import type { ClientInput, StepInput } from '../../model/scenarioEdit';
import { NoticeBar } from '../common/NoticeBar';
import { isFailedAt, resultAt } from '../../model/traceRules';
import { btn, btnSm, btnSmDanger, card, field, sectionTitle } from '../common/styles';
import { useDevicesAtCursor } from '../devices/useDevices';
import { ClientForm } from './ClientForm';
import { behaviourOf, clientAt, describeClient, dockedAt, systemClients, type ClientDescriptor, type ClientView } from '../../model/clientState';

const SCOPE = 'clients';

export function ClientsPanel() {
  const run = useLab((s) => s.run);
  const clients = useLab((s) => s.scenario.clients);
  const position = Math.min(useDisplayPosition(), run.trace.length);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | undefined>(undefined);
  const own = useMemo(() => (clients ?? []).map((c) => describeClient(c)), [clients]);
  const system = useMemo(() => systemClients(run), [run]);
  const devices = useDevicesAtCursor();
  const startedKey = devices.filter((d) => d.state === 'Started').map((d) => d.id).join(',');
  const started = useMemo(() => (startedKey ? startedKey.split(',') : []), [startedKey]);

  return (
    <div className="h-full space-y-2.5 overflow-auto p-2.5 text-sm" aria-label="Notification clients" role="region" tabIndex={0}>
      <NoticeBar scopes={[SCOPE]} />
      <ProfileBar position={position} />
      <div className="flex items-center gap-2">
        <h3 className={sectionTitle}>Clients <span className="font-normal normal-case tracking-normal">({own.length})</span></h3>
        {!adding && <button type="button" data-edit className={`${btn} ml-auto`} onClick={() => { setAdding(true); setEditing(undefined); }}><span aria-hidden="true" className="text-accent">+</span> Add a client…</button>}
      </div>
      {adding && <ClientForm onDone={() => setAdding(false)} />}
      {own.length === 0 && !adding && (
        <p className="rounded-lg bg-sunken px-3 py-2 text-muted">
          No clients yet. A client is a driver (IoRegisterPlugPlayNotification) or an application (CM_Register_Notification) that asks to be told about device changes. Add one, then remove or unplug its device.
        </p>
      )}
      <ul className="space-y-2">
        {own.map((c) => (
          <li key={c.id}>
            {editing === c.id ? (
              <ClientForm client={(clients ?? []).find((x) => x.id === c.id) as ClientInput} onDone={() => setEditing(undefined)} />
            ) : (
              <ClientCard client={c} view={clientAt(run, c.id, position)} trace={run.trace} position={position} started={started} onEdit={() => { setEditing(c.id); setAdding(false); }} />
            )}
          </li>
        ))}
      </ul>
      {system.length > 0 && (
        <details className="group rounded-xl border border-line bg-sunken/50 px-2.5 py-1.5">
          <summary className="cursor-pointer select-none py-0.5 text-sm font-semibold">
            System clients <span className="font-normal text-muted">(WIA service, read-only)</span>
          </summary>
          <ul className="mt-1.5 space-y-2 pb-1">
            {system.map((c) => (
              <li key={c.id}><ClientCard client={c} view={clientAt(run, c.id, position)} trace={run.trace} position={position} /></li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function ProfileBar({ position }: { position: number }) {
  const lab = useLabStore();
  const run = useLab((s) => s.run);
  const docked = dockedAt(run, position);
  return (
    <div className="flex flex-wrap items-center gap-2 rounded-xl border border-line bg-sunken/60 px-2.5 py-1.5">
      <span className="text-muted">Hardware profile</span>
      <span className="font-semibold">{docked ? 'Docked' : 'Undocked'}</span>
      <button type="button" data-edit className={`${btn} ml-auto`} onClick={() => lab.getState().act({ action: docked ? 'undock' : 'dock' }, SCOPE)}>
        {docked ? 'Undock' : 'Dock'}
      </button>
    </div>
  );
}

const SYSTEM_ROLES: Record<string, string> = {
  stisvc: 'WIA service: loads a scanner’s minidriver when its GUID_DEVINTERFACE_IMAGE interface arrives.',
};

function describeWhat(c: ClientDescriptor): string {
  if (c.category === 'DeviceInterfaceChange') return c.interfaceClass ?? 'an interface class';
  if (c.category === 'TargetDeviceChange') return c.target ? `target ${c.target}` : 'a target device (opened on request)';
  return 'dock and undock';
}

const ClientCard = memo(function ClientCard({ client: c, view, trace, position, started = [], onEdit }: { client: ClientDescriptor; view: ClientView; trace: readonly TraceEvent[]; position: number; started?: readonly string[]; onEdit?(): void }) {
  const lab = useLabStore();
  const role = c.system ? (SYSTEM_ROLES[c.id] ?? 'WIA service: lets go of the scanner on a query-remove (unless a scan runs) and tells the minidriver when it is surprise-removed.') : behaviourOf(c).join(' · ');
  const titleId = `client-${c.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    <article aria-labelledby={titleId} className={card} data-client={c.id}>
      <div className="flex items-center gap-2">
        <h4 id={titleId} className="min-w-0 truncate font-mono text-sm font-semibold">{c.id}</h4>
        <span className={`shrink-0 rounded-full border px-1.5 text-[11px] font-semibold ${c.mode === 'kernel' ? 'border-accent/40 bg-accent-soft text-accent' : 'border-ok/40 bg-ok-soft text-ok'}`}>{c.mode === 'kernel' ? 'Kernel' : 'User mode'}</span>
        {onEdit && (
          <span className="ml-auto flex shrink-0 gap-0.5" data-edit>
            <button type="button" className={btnSm} onClick={onEdit} aria-label={`Change ${c.id}`}>Change…</button>
            <button type="button" className={btnSmDanger} onClick={() => lab.getState().removeClient(c.id)} aria-label={`Remove ${c.id}`}>Remove</button>
          </span>
        )}
      </div>
      <p className="mt-0.5 text-xs text-muted">{c.category} · <span className="font-mono">{describeWhat(c)}</span></p>
      {role && <p className="text-xs text-muted">{role}</p>}
      <p className="mt-1.5 flex flex-wrap items-center gap-x-3 gap-y-0.5 text-xs" aria-label={`State of ${c.id} at the cursor`}>
        <span className="flex items-center gap-1"><Dot on={view.registered} />{view.registered ? 'Registered' : 'Not registered'}</span>
        {c.category === 'TargetDeviceChange' && <span className="flex items-center gap-1"><Dot on={view.handle !== undefined} />{view.handle ? <>Handle open on <span className="font-mono">{view.handle}</span></> : 'No handle open'}</span>}
      </p>
      {!c.system && <ClientActions client={c} view={view} started={started} />}
      <Received client={c.id} indices={view.received} trace={trace} position={position} />
    </article>
  );
});

function Dot({ on }: { on: boolean }) {
  return <span aria-hidden="true" className={`inline-block h-2 w-2 rounded-full ${on ? 'bg-ok' : 'border border-skip bg-transparent'}`} />;
}

/** `started`: ids of the devices started at the cursor (a handle can be opened only on those). */
function ClientActions({ client: c, view, started }: { client: ClientDescriptor; view: ClientView; started: readonly string[] }) {
  const lab = useLabStore();
  const [device, setDevice] = useState<string>(c.target ?? '');
  const chosen = started.includes(device) ? device : c.target && started.includes(c.target) ? c.target : started[0] ?? '';
  const act = (step: StepInput) => lab.getState().act(step, SCOPE);
  return (
    <div className="mt-1.5 flex flex-wrap items-center gap-1.5" role="group" aria-label={`Actions for ${c.id}`} data-edit>
      {view.registered ? (
        <button type="button" className={btnSm} onClick={() => act({ action: 'unregister', client: c.id })}>Unregister</button>
      ) : (
        <button type="button" className={btnSm} onClick={() => act({ action: 'register', client: c.id })}>Register</button>
      )}
      {c.category === 'TargetDeviceChange' && (view.handle ? (
        <button type="button" className={btnSm} onClick={() => act({ action: 'closeHandle', client: c.id })}>Close handle</button>
      ) : (
        <span className="flex items-center gap-1">
          <button type="button" className={btnSm} disabled={!chosen} onClick={() => act({ action: 'openHandle', client: c.id, device: chosen })}>Open handle on</button>
          <label className="sr-only" htmlFor={`open-${c.id}`}>Device to open a handle on</label>
          <select id={`open-${c.id}`} value={chosen} onChange={(e) => setDevice(e.target.value)} className={`${field} py-0 text-xs`} disabled={started.length === 0}>
            {started.length === 0 && <option value="">no started device</option>}
            {started.map((d) => <option key={d} value={d}>{d}</option>)}
          </select>
        </span>
      ))}
    </div>
  );
}

const SHOWN = 5;

function Received({ client, indices, trace, position }: { client: string; indices: readonly number[]; trace: readonly TraceEvent[]; position: number }) {
  const [all, setAll] = useState(false);
  const shown = all ? indices : indices.slice(-SHOWN);
  const seek = useLab((s) => s.seek);
  return (
    <div className="mt-2">
      <div className="flex items-center gap-2">
        <h5 className={sectionTitle}>What it received</h5>
        {indices.length > SHOWN && (
          <button type="button" className="text-xs font-medium text-accent underline-offset-2 hover:underline" onClick={() => setAll(!all)} aria-expanded={all}>
            {all ? 'Show the last few' : `Show all ${indices.length}`}
          </button>
        )}
      </div>
      {indices.length === 0 ? (
        <p className="text-xs text-muted">Nothing yet, up to the cursor.</p>
      ) : (
        <ol className="mt-0.5 divide-y divide-line/70 rounded-md border border-line" aria-label={`Notifications ${client} received`}>
          {shown.map((i) => {
            const e = trace[i];
            const r = resultAt(e, position);
            const failed = isFailedAt(e, position);
            const current = i === position - 1;
            return (
              <li key={i}>
                <button
                  type="button"
                  onClick={() => seek(i + 1)}
                  title="Move the cursor to this notification"
                  className={`flex w-full items-baseline gap-2 px-2 py-1 text-left text-xs hover:bg-sunken ${current ? 'bg-accent-soft' : ''}`}
                >
                  <span className="w-9 shrink-0 text-right font-mono text-muted">#{e.seq}</span>
                  <span className="min-w-0 flex-1 break-all font-mono">{e.name}</span>
                  {e.device && <span className="shrink-0 text-muted">{e.device}</span>}
                  <span className={`shrink-0 font-mono ${failed ? 'font-semibold text-bad' : r.pending ? 'text-muted' : 'text-ok'}`}>{r.text}</span>
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
