/**
 * The WIA side of each scanner: applications connecting and releasing, a scan (memory or file,
 * pages from a feeder) with its progress read from MiniDrvCallback's lPercentComplete up to the
 * cursor, every way to end it early, and how it ended (HRESULT name and value).
 */
import { useId, useState } from 'react';
import { hresultHex } from '../../engine/wia/codes';
import { APP_ERROR_HRESULTS } from '../../engine/wia/service';
import type { DeviceView } from '../../model/deviceTimeline';
import { useDisplayPosition, useLab, useLabStore, useUiStore } from '../../store/hooks';
import type { DeviceInput, StepInput } from '../../model/scenarioEdit';
import { NoticeBar } from '../common/NoticeBar';
import { isFailedAt, resultAt, withHex } from '../../model/traceRules';
import { btnPrimary, btnSm, card, field, sectionTitle } from '../common/styles';
import { DeviceIcon } from '../devices/DeviceIcon';
import { statusOf, TONE_CLASSES } from '../devices/deviceInfo';
import { useDevicesAtCursor } from '../devices/useDevices';
import { scanEnding } from '../../model/scanEnding';
import { scannerAt, type ScannerView } from '../../model/scanState';

export const WIA_SCOPE = 'wia';

export function WiaPanel() {
  const lab = useLabStore();
  const scanners = useLab((s) => s.scenario.devices).filter((d) => d.model === 'usb-scanner');
  const devices = useDevicesAtCursor();
  const run = useLab((s) => s.run);
  const position = Math.min(useDisplayPosition(), run.trace.length);
  return (
    <div className="h-full space-y-2.5 overflow-auto p-2.5 text-sm" role="region" aria-label="WIA scanners" tabIndex={0}>
      <NoticeBar scopes={[WIA_SCOPE]} />
      {scanners.length === 0 && (
        <div className="rounded-lg bg-sunken px-3 py-2 text-muted">
          <p>No scanner in the lab. Add a USB flatbed scanner from the bench, plug it in, then connect an application and scan.</p>
          <button type="button" data-edit className={`${btnPrimary} mt-2`} onClick={() => lab.getState().addDevice('usb-scanner')}>Add a scanner</button>
        </div>
      )}
      {scanners.map((s) => (
        <ScannerCard key={s.id} config={s} device={devices.find((d) => d.id === s.id)} view={scannerAt(run, s.id, position)} position={position} />
      ))}
    </div>
  );
}

/** Acts on a scanner (notices about it show in this panel). */
function useWiaAct(): (step: StepInput) => boolean {
  const lab = useLabStore();
  return (step) => lab.getState().act(step, WIA_SCOPE);
}

function ScannerCard({ config, device, view, position }: { config: DeviceInput; device: DeviceView | undefined; view: ScannerView; position: number }) {
  const act = useWiaAct();
  const ui = useUiStore();
  const uid = useId();
  const [app, setApp] = useState('app');
  const [tymed, setTymed] = useState<'memory' | 'file'>('memory');
  const [pages, setPages] = useState(1);
  const [hr, setHr] = useState('E_OUTOFMEMORY');
  const feeder = config.wia?.feeder === true;
  const status = device ? statusOf(device) : undefined;
  const scan = view.scan;
  const running = scan.phase === 'running' || scan.phase === 'waiting';
  const id = config.id;
  // What the WIA service needs first, at the cursor: the minidriver loaded (a started scanner), then an application.
  const ready = view.loaded && !view.disconnected;
  const scanBlocked = !ready ? 'Plug the scanner in first: its WIA minidriver is not loaded.' : view.apps.length === 0 ? 'Connect an application first: it is the one that asks for the scan.' : running ? 'A scan is running.' : undefined;
  const titleId = `${uid}-title`;
  const options = [feeder ? `Document feeder, ${config.wia?.pages ?? 0} sheet${config.wia?.pages === 1 ? '' : 's'} loaded` : 'Flatbed', config.wia?.careless ? 'careless minidriver' : undefined].filter(Boolean).join(' · ');

  return (
    <article aria-labelledby={titleId} className={card} data-scanner={id}>
      <div className="flex items-center gap-2">
        <DeviceIcon model="usb-scanner" className="h-5 w-5 shrink-0 text-muted" />
        <h3 id={titleId} className="min-w-0 truncate font-mono text-sm font-semibold" tabIndex={-1}>{id}</h3>
        {status && <span className={`shrink-0 rounded-full border px-1.5 text-[11px] font-medium ${TONE_CLASSES[status.tone]}`}>{status.label}</span>}
        <button type="button" data-edit className={`${btnSm} ml-auto shrink-0`} onClick={() => ui.getState().openSettings(id)} aria-label={`WIA options of ${id}`}>Options…</button>
      </div>
      <p className="mt-0.5 text-xs text-muted">{options} · {view.loaded ? (view.disconnected ? 'minidriver told it is disconnected' : 'WIA minidriver loaded') : 'minidriver not loaded'}</p>

      <section aria-label={`Applications connected to ${id}`} className="mt-2">
        <h4 className={sectionTitle}>Applications</h4>
        <div className="mt-1 flex flex-wrap items-center gap-1.5">
          {view.apps.length === 0 && <span className="text-xs text-muted">None connected.</span>}
          {view.apps.map((a) => (
            <span key={a} className="inline-flex items-center gap-1 rounded-full border border-line bg-sunken py-0.5 pl-2 pr-0.5 text-xs">
              <span className="font-mono">{a}</span>
              <button type="button" data-edit className="rounded-full px-1.5 font-medium text-accent hover:bg-panel" onClick={() => act({ action: 'releaseApp', device: id, app: a })} aria-label={`Release ${a} (drvUnInitializeWia)`}>Release</button>
            </span>
          ))}
          <form data-edit className="ml-auto flex items-center gap-1" onSubmit={(e) => { e.preventDefault(); act({ action: 'connectApp', device: id, app: app.trim() || 'app' }); }}>
            <label htmlFor={`${uid}-app`} className="sr-only">Application name</label>
            <input id={`${uid}-app`} value={app} onChange={(e) => setApp(e.target.value)} className={`${field} w-20 py-0 font-mono text-xs`} autoComplete="off" spellCheck={false} />
            <button type="submit" className={btnSm} disabled={!ready} title={ready ? 'drvInitializeWia: the application connects' : 'Plug the scanner in first: its WIA minidriver is not loaded.'}>Connect</button>
          </form>
        </div>
      </section>

      <section aria-label={`Scan on ${id}`} className="mt-2.5">
        <h4 className={sectionTitle}>Scan</h4>
        <form data-edit className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1" onSubmit={(e) => { e.preventDefault(); act({ action: 'scan', device: id, tymed, ...(feeder ? { pages } : {}) }); }}>
          <fieldset className="flex items-center gap-2">
            <legend className="sr-only">Transfer</legend>
            {(['memory', 'file'] as const).map((t) => (
              <label key={t} className="flex items-center gap-1">
                <input type="radio" name={`${uid}-tymed`} checked={tymed === t} onChange={() => setTymed(t)} className="accent-[var(--color-accent)]" />
                {t === 'memory' ? 'Memory' : 'File'}
              </label>
            ))}
          </fieldset>
          {feeder && (
            <label className="flex items-center gap-1">
              Pages
              <input type="number" min={0} max={500} value={pages} onChange={(e) => setPages(Math.max(0, Math.min(500, Math.floor(Number(e.target.value) || 0))))} className={`${field} w-16 text-right`} aria-describedby={`${uid}-pages-hint`} />
              <span id={`${uid}-pages-hint`} className="text-xs text-muted">(0 = until empty)</span>
            </label>
          )}
          <button type="submit" className={`${btnPrimary} ml-auto`} disabled={scanBlocked !== undefined} aria-describedby={scanBlocked ? `${uid}-scan-why` : undefined}>Scan</button>
        </form>
        {scanBlocked && !running && <p id={`${uid}-scan-why`} data-edit className="mt-1 text-xs text-muted">{scanBlocked}</p>}
        <Progress view={view} position={position} id={id} />
      </section>

      <section aria-label={`End the scan on ${id} early`} className="mt-2.5" data-edit>
        <h4 className={sectionTitle}>During a scan</h4>
        {!running && <p className="text-xs text-muted">Start a scan, then stop it one of these ways while it runs (or move the cursor into a scan and act there).</p>}
        <div className="mt-1 flex flex-wrap gap-1.5">
          <button type="button" className={btnSm} disabled={!running} onClick={() => act({ action: 'appCancel', device: id })} title="The application returns S_FALSE from its next callback">Cancel (application)</button>
          <button type="button" className={btnSm} disabled={!running} onClick={() => act({ action: 'hardwareCancel', device: id })} title="The scanner's own cancel button: the next read returns no data">Scanner’s cancel button</button>
          <button type="button" className={btnSm} disabled={!running} onClick={() => act({ action: 'asyncCancel', device: id })} title="The application's asynchronous cancel of its idtGetBandedData transfer: drvNotifyPnpEvent(WIA_EVENT_CANCEL_IO), then CancelIo">IWiaItemExtras::CancelPendingIO</button>
          {feeder && <button type="button" className={`${btnSm} text-bad`} disabled={!running} onClick={() => act({ action: 'paperJam', device: id })}>Paper jam</button>}
        </div>
        <form className="mt-1.5 flex flex-wrap items-center gap-1" onSubmit={(e) => { e.preventDefault(); act({ action: 'appError', device: id, hr }); }}>
          <label htmlFor={`${uid}-hr`} className="text-xs text-muted">Application error</label>
          <select id={`${uid}-hr`} value={hr} onChange={(e) => setHr(e.target.value)} className={`${field} max-w-52 py-0 font-mono text-xs`}>
            {APP_ERROR_HRESULTS.map((h) => <option key={h} value={h}>{h} ({hresultHex(h)})</option>)}
          </select>
          <button type="submit" className={btnSm} disabled={!running}>Return it</button>
        </form>
      </section>
    </article>
  );
}

function Progress({ view, position, id }: { view: ScannerView; position: number; id: string }) {
  const scan = view.scan;
  const seek = useLab((s) => s.seek);
  const run = useLab((s) => s.run);
  if (scan.phase === 'none') return <p className="mt-1.5 text-xs text-muted">No scan yet.</p>;
  const percent = Math.max(0, Math.min(100, scan.percent));
  const app = scan.appCall ? resultAt(scan.appCall, position) : undefined;
  const acquire = scan.acquire ? resultAt(scan.acquire, position) : undefined;
  const done = scan.phase === 'done';
  const failed = done && scan.appCall !== undefined && isFailedAt(scan.appCall, position);
  const cancelled = done && scan.appCall?.result === 'S_FALSE';
  // what ended it (each cancel, the application's error, a jam, the cable), as far as the cursor shows
  const ending = scan.record ? scanEnding(run, id, scan.record, position) : undefined;
  const how = ending ? (ending.short.startsWith(':') ? ending.short : ` ${ending.short}`) : '';
  const words = scan.phase === 'waiting' ? 'Waiting for the WIA service…' : done ? (failed ? `Failed at ${percent}%${how}` : cancelled ? `Cancelled at ${percent}%${how}` : 'Done') : `Scanning… ${percent}%`;
  const bar = failed ? 'bg-bad' : cancelled ? 'bg-warn' : done ? 'bg-ok' : 'bg-accent';
  return (
    <div className="mt-2 space-y-1" data-testid={`progress-${id}`}>
      <div className="flex items-baseline gap-2 text-xs">
        <span className={`font-semibold ${failed ? 'text-bad' : ''}`}>{words}</span>
        <span className="ml-auto text-muted">{scan.record?.tymed === 'file' ? 'file transfer' : 'memory transfer'}{scan.page > 0 ? ` · page ${scan.page}` : ''}</span>
      </div>
      <div role="progressbar" aria-label={`Scan progress on ${id}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-valuetext={`${words}${done ? '' : ''}`} className="h-2.5 overflow-hidden rounded-full bg-sunken ring-1 ring-line">
        <div className={`h-full rounded-full ${bar}`} style={{ width: `${percent}%` }} />
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-2 text-xs">
        {scan.appCall && app && (
          <>
            <dt className="text-muted">{scan.appCall.name.replace('IWiaDataTransfer::', '')}</dt>
            <dd><ResultButton text={withHex(app.text, app.hex)} failed={app.failed} pending={app.pending} onClick={() => seek(scan.record!.appCall! + 1)} /></dd>
          </>
        )}
        {scan.acquire && acquire && (
          <>
            <dt className="text-muted">drvAcquireItemData</dt>
            <dd><ResultButton text={withHex(acquire.text, acquire.hex)} failed={acquire.failed} pending={acquire.pending} onClick={() => seek(scan.record!.acquire! + 1)} /></dd>
          </>
        )}
      </dl>
    </div>
  );
}

function ResultButton({ text, failed, pending, onClick }: { text: string; failed: boolean; pending: boolean; onClick(): void }) {
  return (
    <button type="button" onClick={onClick} title="Move the cursor to this call" className={`font-mono underline-offset-2 hover:underline ${failed ? 'font-semibold text-bad' : pending ? 'text-muted' : text.startsWith('S_FALSE') ? 'text-warn' : 'text-ok'}`}>
      {text}
    </button>
  );
}
