/**
 * Each scanner's WIA side as the trace shows it, at any cursor position: whether the service has
 * its minidriver loaded, which applications are connected, and the transfer (progress from
 * MiniDrvCallback's lPercentComplete, pages, how it ended). Read from the events' names (the
 * IWiaMiniDrv / IStiUSD methods), built once per run.
 */
import type { TraceEvent } from '../engine/trace';
import { countBefore, lastBefore } from './deviceTimeline';
import type { RunResult } from './runLab';
import { isPendingAt } from './traceRules';

export interface ScanRecord {
  /** trace index of the `scan` user event */
  start: number;
  tymed: 'memory' | 'file';
  pages: number | undefined;
  /** the application's call (IWiaDataTransfer::idtGetBandedData / idtGetData), once made */
  appCall: number | undefined;
  /** drvAcquireItemData, once called */
  acquire: number | undefined;
  /** MiniDrvCallback events of this transfer */
  callbacks: number[];
  /** the minidriver starting a page: START_SCAN on a flatbed, FEED_PAGE on a feeder */
  pageStarts: number[];
  /** last trace index caused by the scan */
  last: number;
}

interface LoadChange { index: number; loaded: boolean }
interface AppChange { index: number; apps: string[] }

export interface ScannerTrack {
  loads: LoadChange[];
  apps: AppChange[];
  scans: ScanRecord[];
  /** drvNotifyPnpEvent(WIA_EVENT_DEVICE_DISCONNECTED) */
  disconnects: number[];
}

export type ScanPhase = 'none' | 'waiting' | 'running' | 'done';

export interface ScanView {
  phase: ScanPhase;
  record: ScanRecord | undefined;
  /** lPercentComplete of the last MiniDrvCallback before the cursor (of the current page) */
  percent: number;
  /** pages started so far (1 for a flatbed once the transfer runs) */
  page: number;
  /** the application's call, with its result once it returned */
  appCall: TraceEvent | undefined;
  acquire: TraceEvent | undefined;
}

export interface ScannerView {
  loaded: boolean;
  apps: string[];
  disconnected: boolean;
  scan: ScanView;
}

const tracks = new WeakMap<RunResult, Map<string, ScannerTrack>>();

const APP_CALLS = new Set(['IWiaDataTransfer::idtGetBandedData', 'IWiaDataTransfer::idtGetData']);

/** Takes `made` as the tracks of `run` (built for the same trace elsewhere: the engine worker builds them as it runs). */
export function seedScannerTracks(run: RunResult, made: Map<string, ScannerTrack>): void {
  tracks.set(run, made);
}

export function trackScanners(run: RunResult): Map<string, ScannerTrack> {
  const hit = tracks.get(run);
  if (hit) return hit;
  const out = new Map<string, ScannerTrack>();
  for (const d of run.scenario.devices) if (d.model === 'usb-scanner') out.set(d.id, { loads: [], apps: [], scans: [], disconnects: [] });
  const apps = new Map<string, string[]>();
  const bySeq = new Map<number, ScanRecord>();
  run.trace.forEach((e, index) => {
    const t = e.device === undefined ? undefined : out.get(e.device);
    if (!t) return;
    const setApps = (list: string[]) => {
      apps.set(e.device!, list);
      t.apps.push({ index, apps: list });
    };
    const current = apps.get(e.device!) ?? [];
    if (e.kind === 'user' && e.name === 'scan') {
      const rec: ScanRecord = { start: index, tymed: e.args?.tymed === 'file' ? 'file' : 'memory', pages: typeof e.args?.pages === 'number' ? e.args.pages : undefined, appCall: undefined, acquire: undefined, callbacks: [], pageStarts: [], last: index };
      t.scans.push(rec);
      bySeq.set(e.seq, rec);
      return;
    }
    if (e.kind === 'wia') {
      if (e.name === 'IStiUSD::Initialize') t.loads.push({ index, loaded: true });
      else if (e.name === 'IUnknown::Release' && e.args?.Interface === 'IStiUSD') {
        t.loads.push({ index, loaded: false });
        if (current.length) setApps([]);
      } else if (e.name === 'drvInitializeWia' && e.client && !current.includes(e.client)) setApps([...current, e.client]);
      else if (e.name === 'drvUnInitializeWia' && e.client) setApps(current.filter((a) => a !== e.client));
      else if (e.name === 'drvNotifyPnpEvent' && e.args?.pEventGUID === 'WIA_EVENT_DEVICE_DISCONNECTED') t.disconnects.push(index);
    }
    const rec = e.cause !== undefined ? bySeq.get(e.cause) : undefined;
    if (!rec) return;
    rec.last = index;
    if (e.kind === 'wia' && APP_CALLS.has(e.name)) rec.appCall = index;
    else if (e.kind === 'wia' && e.name === 'drvAcquireItemData') rec.acquire = index;
    else if (e.kind === 'wia' && e.name === 'MiniDrvCallback') rec.callbacks.push(index);
    else if (e.kind === 'hw' && (e.args?.Command === 'START_SCAN' || e.args?.Command === 'FEED_PAGE')) rec.pageStarts.push(index);
  });
  tracks.set(run, out);
  return out;
}

export function scannerAt(run: RunResult, id: string, position: number): ScannerView {
  const t = trackScanners(run).get(id);
  const none: ScanView = { phase: 'none', record: undefined, percent: 0, page: 0, appCall: undefined, acquire: undefined };
  if (!t) return { loaded: false, apps: [], disconnected: false, scan: none };
  const lastLoad = lastBefore(t.loads, position);
  const loaded = lastLoad?.loaded ?? false;
  const apps = lastBefore(t.apps, position)?.apps ?? [];
  const disconnected = loaded && t.disconnects.some((i) => i < position && (lastLoad === undefined || i > lastLoad.index));
  const started = countBefore(t.scans, position, (s) => s.start);
  const rec: ScanRecord | undefined = started > 0 ? t.scans[started - 1] : undefined;
  if (!rec) return { loaded, apps, disconnected, scan: none };
  const seen = countBefore(rec.callbacks, position, (i) => i);
  const page = countBefore(rec.pageStarts, position, (i) => i);
  // a callback from before the current page started belongs to the previous page: the new one is at 0%
  const lastIndex = seen > 0 ? rec.callbacks[seen - 1] : undefined;
  const lastCallback = lastIndex !== undefined && (page === 0 || lastIndex > rec.pageStarts[page - 1]) ? run.trace[lastIndex] : undefined;
  const percent = typeof lastCallback?.args?.lPercentComplete === 'number' ? lastCallback.args.lPercentComplete : 0;
  const appCall = rec.appCall !== undefined && rec.appCall < position ? run.trace[rec.appCall] : undefined;
  const acquire = rec.acquire !== undefined && rec.acquire < position ? run.trace[rec.acquire] : undefined;
  // Over once every event of the scan is behind the cursor and the application's call has returned (its `end`).
  const over = rec.last < position && (appCall === undefined || !isPendingAt(appCall, position));
  const phase: ScanPhase = over ? 'done' : appCall ? 'running' : 'waiting';
  return { loaded, apps, disconnected, scan: { phase, record: rec, percent, page, appCall, acquire } };
}
