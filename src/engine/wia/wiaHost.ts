/** Carries out the WIA tables' rows for one scanner (wia/tables.ts); the service (service.ts) makes one per table run. */
import type { EngineContext } from '../context';
import type { Inspector, RunSubject } from '../inspect';
import type { Yield } from '../scheduler';
import { getTable } from '../tables/registry';
import { argsOf, runTable, type CompiledRow, type CompiledTable, type Outcome, type Row, type TableHost } from '../tables/table';
import type { TraceEvent } from '../trace';
import { hresultHex, isFailure } from './codes';
import type { Scanner, Transfer, WiaService } from './service';

export const BANDS_PER_PAGE = 10;
export const BAND_BYTES = 102_400;
/** Virtual time to read one band from the scanner: ten bands make a page of about one second. */
export const READ_MS = 95;
export const CALL_MS = 1;
export const COMMAND_MS = 5;

/** One application, where a row needs one. */
export class WiaHost implements TableHost {
  constructor(
    private readonly ctx: EngineContext,
    private readonly service: WiaService,
    private readonly s: Scanner,
    private readonly app: string | undefined,
    private readonly cause: number | undefined,
  ) {
    this.inspector = ctx.runtime.inspector;
  }

  readonly inspector: Inspector | undefined;

  subject(): RunSubject {
    return { device: this.s.device.id, layer: undefined, driver: undefined, cause: this.cause, irp: undefined, queuedBy: undefined };
  }

  private get t(): Transfer {
    return this.s.transfer!;
  }

  guard(name: string): boolean {
    const s = this.s;
    switch (name) {
      case 'memoryTransfer': return s.transfer?.tymed === 'memory';
      case 'transferSucceeded': return s.transfer !== undefined && !isFailure(s.transfer.hr) && s.transfer.hr !== 'S_FALSE';
      case 'disconnectedAndCareful': return s.disconnected && !s.opts.careless;
      case 'bandsLeft': return this.t.band < BANDS_PER_PAGE;
      case 'morePagesWanted': return s.opts.feeder && (this.t.pagesRequested === 0 || this.t.page < this.t.pagesRequested);
      case 'appNotRegistered': return !s.registeredApps.includes(this.app!);
      default: throw new Error(`unknown WIA guard ${name}`);
    }
  }

  applyEffect(name: string): void {
    const s = this.s;
    switch (name) {
      case 'driverLoaded': s.loaded = true; s.disconnected = false; return;
      case 'driverUnloaded': s.loaded = false; s.apps = []; s.disconnected = false; return; // a reloaded driver is a new instance
      case 'appConnected': if (!s.apps.includes(this.app!)) s.apps.push(this.app!); return;
      case 'appDisconnected': s.apps = s.apps.filter((a) => a !== this.app); return;
      case 'appRegistered': s.registeredApps.push(this.app!); return;
      case 'disconnectedFlag': s.disconnected = true; return;
      default: throw new Error(`unknown WIA effect ${name}`);
    }
  }

  *perform(row: Row, _table: CompiledTable, params: Record<string, string>, compiled: CompiledRow): Generator<Yield, Outcome, void> {
    const at = compiled.at;
    const args = argsOf(compiled, params);
    const s = this.s;
    switch (row.do) {
      case 'driverCall': {
        const { Hardware, Command, ...shown } = args ?? {};
        const event = this.wia(row.name!, 'minidriver', Object.keys(shown).length ? shown : undefined, 'S_OK', at);
        if (!this.ctx.runtime.scheduler.advance(CALL_MS)) yield CALL_MS;
        if (Hardware && !(s.disconnected && !s.opts.careless)) {
          const ok = yield* this.hardware(Hardware, Command ? { Command } : undefined, at, COMMAND_MS);
          if (!ok) {
            setResult(event, 'WIA_ERROR_OFFLINE', this.ctx);
            // IStiUSD::Initialize could not open the device: it fails, and the driver is not loaded
            // (image/loading-and-unloading-a-wia-minidriver.md: Initialize returns the CreateFile error)
            if (Hardware === 'CreateFile') return 'fail';
          }
        }
        return 'ok';
      }
      case 'release':
        return yield* this.release(row.name!, args!, at);
      case 'endOfPage':
        return yield* this.endOfPage(at);
      case 'appCall':
        this.wia(row.name!, 'service', args, 'S_OK', at);
        if (!this.ctx.runtime.scheduler.advance(CALL_MS)) yield CALL_MS;
        return 'ok';
      case 'appTransfer':
        this.t.appEvent = this.wia(row.name!, 'service', { tymed: this.t.tymed === 'memory' ? 'TYMED_CALLBACK' : 'TYMED_FILE' }, 'S_OK', at);
        this.t.started = true;
        if (!this.ctx.runtime.scheduler.advance(CALL_MS)) yield CALL_MS;
        return 'ok';
      case 'appCallback':
        this.wia(row.name!, 'application', args, 'S_OK', at);
        if (!this.ctx.runtime.scheduler.advance(CALL_MS)) yield CALL_MS;
        return 'ok';
      case 'appEvent':
        for (const app of s.registeredApps) {
          this.ctx.runtime.emit({ kind: 'wia', name: row.name!, device: s.device.id, client: app, component: 'application', args, result: 'S_OK', resultHex: hresultHex('S_OK'), at }, this.cause);
          if (!this.ctx.runtime.scheduler.advance(CALL_MS)) yield CALL_MS;
        }
        return 'ok';
      case 'serviceCall':
        this.wia(row.name!, 'service', args, 'S_OK', at);
        if (!this.ctx.runtime.scheduler.advance(CALL_MS)) yield CALL_MS;
        return 'ok';
      case 'serviceRegister':
        yield* this.ctx.notifications.clientCall(s.client, 'CM_Register_Notification', this.cause, at, undefined, () => { s.client.registered = true; s.client.registeredOn = s.device.id; s.client.handle = s.device.id; });
        return 'ok';
      case 'serviceCloseHandle':
        if (s.client.handle) yield* this.ctx.notifications.clientCall(s.client, 'CloseHandle', this.cause, at, { Handle: s.device.id }, () => this.ctx.notifications.clientClosed(s.client));
        return 'ok';
      case 'acquire': {
        const event = this.wia(row.name!, 'minidriver', { lFlags: '0', tymed: this.t.tymed === 'memory' ? 'TYMED_CALLBACK' : 'TYMED_FILE' }, 'S_OK', at);
        if (!this.ctx.runtime.scheduler.advance(CALL_MS)) yield CALL_MS;
        yield* runTable(getTable(row.table!), this, params);
        setResult(event, this.t.hr, this.ctx);
        return 'ok';
      }
      case 'setResult':
        this.t.hr = args!.hr;
        return 'ok';
      case 'loadPage':
        return yield* this.loadPage(at);
      case 'readBand':
        return yield* this.readBand(at);
      case 'miniDrvCallback':
        return yield* this.miniDrvCallback(args!, at);
      case 'nextBand':
      case 'pageDone':
      case 'framework':
        return 'ok';
      case 'stopScan':
        if (!(s.disconnected && !s.opts.careless)) yield* this.hardware('WriteFile', { Command: 'CANCEL_SCAN' }, at, COMMAND_MS);
        return 'ok';
      case 'transferReturns':
        if (this.t.appEvent) setResult(this.t.appEvent, this.t.hr, this.ctx);
        s.transfer = undefined;
        return 'ok';
      case 'cancelIo':
        // the driver's own flag first, so it starts no read after CancelIo; then CancelIo aborts the one pending
        if (s.transfer) s.transfer.cancelIo = true;
        yield* this.hardware('CancelIo', undefined, at, CALL_MS);
        if (s.transfer?.readSignal) this.ctx.runtime.scheduler.signal(s.transfer.readSignal);
        return 'ok';
      case 'queueUnload':
        this.service.queueUnload(s, this.cause);
        return 'ok';
      case 'forEachItem':
        // image/calling-order-for-minidriver-functions.md: "for each item in the tree"; the tree drvInitializeWia builds is
        // the root item and one scanner item, named as image/how-the-application-creates-the-wia-device.md requires
        for (const item of ITEM_TREE) {
          this.wia(row.name!, 'minidriver', { Item: item }, 'S_OK', at);
          if (!this.ctx.runtime.scheduler.advance(CALL_MS)) yield CALL_MS;
        }
        return 'ok';
      case 'forEachConnectedApp':
        for (const app of [...s.apps]) {
          this.ctx.runtime.emit({ kind: 'wia', name: row.name!, device: s.device.id, client: app, component: 'minidriver', result: 'S_OK', resultHex: hresultHex('S_OK'), at }, this.cause);
          s.apps = s.apps.filter((a) => a !== app);
          if (!this.ctx.runtime.scheduler.advance(CALL_MS)) yield CALL_MS;
        }
        return 'ok';
      default:
        throw new Error(`${at}: unknown WIA action ${row.do}`);
    }
  }

  private wia(name: string, component: 'application' | 'service' | 'minidriver', args: Record<string, unknown> | undefined, result: string, at: string): TraceEvent {
    return this.ctx.runtime.emit({ kind: 'wia', name, device: this.s.device.id, client: this.app ?? this.s.transfer?.app, component, args, result, resultHex: hresultHex(result), at }, this.cause);
  }

  /** One hardware access by the minidriver; false if the device did not answer. */
  private *hardware(name: string, args: Record<string, unknown> | undefined, at: string, ms: number): Generator<Yield, boolean, void> {
    if (name === 'CreateFile') return yield* this.createFile(at, ms);
    const present = this.ctx.devnodes.isPresent(this.s.device);
    this.ctx.runtime.emit({ kind: 'hw', name, device: this.s.device.id, component: 'minidriver', args, result: present ? 'TRUE' : 'ERROR_DEVICE_NOT_CONNECTED', at }, this.cause);
    this.warnIfAfterDisconnect(name, at);
    if (!this.ctx.runtime.scheduler.advance(ms)) yield ms;
    return present;
  }

  /**
   * The minidriver opens the device (IStiUSD::Initialize). The handle is open from here on, so the
   * PnP manager's open-handle check after IRP_MN_QUERY_REMOVE_DEVICE counts it. A create succeeds only
   * on a started device: the PnP manager blocks creates until the start IRP succeeds
   * (kernel/starting-a-device.md), and once a driver has succeeded IRP_MN_QUERY_REMOVE_DEVICE it
   * "must fail any subsequent create requests" (kernel/handling-an-irp-mn-query-remove-device-request.md).
   * A device that is gone gives ERROR_DEVICE_NOT_CONNECTED, as every access does; one that is there
   * but not started gives ERROR_ACCESS_DENIED (the lab's choice: the Win32 error of a create failed
   * with STATUS_DELETE_PENDING; the page names no status).
   */
  private *createFile(at: string, ms: number): Generator<Yield, boolean, void> {
    const { s, ctx } = this;
    const d = s.device;
    const present = ctx.devnodes.isPresent(d);
    const opens = present && (d.state === 'Started' || d.state === 'StopPending' || d.state === 'Stopped');
    ctx.runtime.emit({ kind: 'hw', name: 'CreateFile', device: d.id, component: 'minidriver', result: opens ? 'TRUE' : present ? 'ERROR_ACCESS_DENIED' : 'ERROR_DEVICE_NOT_CONNECTED', at }, this.cause);
    if (opens) s.client.handle = d.id;
    if (!ctx.runtime.scheduler.advance(ms)) yield ms;
    return opens;
  }

  private warnIfAfterDisconnect(name: string, at: string): void {
    if (!this.s.disconnected) return;
    this.ctx.runtime.emit({ kind: 'warn', name, device: this.s.device.id, component: 'minidriver', args: { message: `The minidriver called ${name} after WIA_EVENT_DEVICE_DISCONNECTED. It must not touch the hardware during or after that event: set a flag in drvNotifyPnpEvent and check it in every IWiaMiniDrv method until the service reloads the driver.` }, at }, this.cause);
  }

  private *loadPage(at: string): Generator<Yield, Outcome, void> {
    const s = this.s;
    const t = this.t;
    if (s.disconnected && !s.opts.careless) {
      t.hr = 'WIA_ERROR_OFFLINE';
      return 'fail';
    }
    if (s.opts.feeder && s.sheets <= 0) {
      t.hr = t.page === 0 ? 'WIA_ERROR_PAPER_EMPTY' : t.pagesRequested === 0 ? 'S_OK' : 'WIA_STATUS_END_OF_MEDIA';
      return 'fail';
    }
    const ok = yield* this.hardware(s.opts.feeder ? 'DeviceIoControl' : 'WriteFile', { Command: s.opts.feeder ? 'FEED_PAGE' : 'START_SCAN' }, at, COMMAND_MS);
    if (!ok) {
      t.hr = 'WIA_ERROR_OFFLINE';
      return 'fail';
    }
    if (s.opts.feeder) s.sheets--;
    t.page++;
    t.band = 0;
    return 'ok';
  }

  /**
   * One band, read with overlapped I/O (the device was opened with FILE_FLAG_OVERLAPPED): ReadFile returns
   * ERROR_IO_PENDING, and GetOverlappedResult reports how the read ended: data, a pulled cable, a
   * cancelled I/O, a paper jam, or no data because the scanner's own cancel button was pressed.
   */
  private *readBand(at: string): Generator<Yield, Outcome, void> {
    const s = this.s;
    const t = this.t;
    if (s.disconnected && !s.opts.careless) {
      t.hr = 'WIA_ERROR_OFFLINE';
      return 'fail';
    }
    if (t.cancelIo) {
      // WIA_EVENT_CANCEL_IO came while no read was pending: the driver starts no new one (canceling-pending-i-o-operations.md)
      t.hr = 'S_FALSE';
      return 'fail';
    }
    const present = this.ctx.devnodes.isPresent(s.device);
    this.ctx.runtime.emit({ kind: 'hw', name: 'ReadFile', device: s.device.id, component: 'minidriver', args: { Bytes: BAND_BYTES }, result: present ? 'ERROR_IO_PENDING' : 'ERROR_DEVICE_NOT_CONNECTED', at }, this.cause);
    this.warnIfAfterDisconnect('ReadFile', at);
    if (!present) {
      if (!this.ctx.runtime.scheduler.advance(CALL_MS)) yield CALL_MS;
      t.hr = 'WIA_ERROR_OFFLINE';
      return 'fail';
    }
    const signal = this.service.nextReadSignal(s);
    t.readSignal = signal;
    this.ctx.runtime.scheduler.spawn(timer(READ_MS, this.ctx, signal));
    yield { wait: signal };
    t.readSignal = undefined;
    const done = (result: string, args: Record<string, unknown>, hr?: string): Outcome => {
      this.ctx.runtime.emit({ kind: 'hw', name: 'GetOverlappedResult', device: s.device.id, component: 'minidriver', args, result, at }, this.cause);
      if (hr === undefined) return 'ok';
      t.hr = hr;
      return 'fail';
    };
    let outcome: Outcome;
    if (!this.ctx.devnodes.isPresent(s.device)) outcome = done('ERROR_DEVICE_NOT_CONNECTED', { BytesTransferred: 0 }, 'WIA_ERROR_OFFLINE');
    else if (t.cancelIo) outcome = done('ERROR_OPERATION_ABORTED', { BytesTransferred: 0 }, 'S_FALSE');
    else if (t.jam) outcome = done('ERROR_IO_DEVICE', { BytesTransferred: 0, DeviceStatus: 'PAPER_JAM' }, 'WIA_ERROR_PAPER_JAM');
    else if (t.hardwareCancel) outcome = done('TRUE', { BytesTransferred: 0, DeviceStatus: 'CANCEL_BUTTON' }, 'S_FALSE');
    else {
      outcome = done('TRUE', { BytesTransferred: BAND_BYTES });
      t.band++;
    }
    if (!this.ctx.runtime.scheduler.advance(CALL_MS)) yield CALL_MS;
    return outcome;
  }

  /**
   * The driver calls the service; the service passes the message to the application and returns its answer. After
   * IWiaItemExtras::CancelPendingIO the service does not answer S_FALSE itself: the two cancel paths are not linked
   * (image/cancellation-of-data-transfers-in-windows-xp.md).
   */
  private *miniDrvCallback(a: Record<string, string>, at: string): Generator<Yield, Outcome, void> {
    const t = this.t;
    const data = a.lReason === 'IT_MSG_DATA';
    const percent = Math.round((t.band * 100) / BANDS_PER_PAGE);
    const args = { lReason: a.lReason, lStatus: a.lStatus, lPercentComplete: percent, lOffset: data ? (t.band - 1) * BAND_BYTES : 0, lLength: data ? BAND_BYTES : 0 };
    const driverSide = this.wia('MiniDrvCallback', 'service', args, 'S_OK', at);
    if (!this.ctx.runtime.scheduler.advance(CALL_MS)) yield CALL_MS;
    let answer = 'S_OK';
    if (t.appResponse) {
      answer = t.appResponse;
      t.appResponse = undefined;
    }
    const { lReason, ...rest } = args;
    return yield* this.appAnswers(driverSide, { lMessage: lReason, ...rest }, answer, at);
  }

  /**
   * wiasSendEndOfPage: the driver asks the service to tell the application a new page follows (IT_MSG_NEW_PAGE,
   * with the total page count so far); it returns the application's answer (wiamdef/nf-wiamdef-wiassendendofpage.md).
   */
  private *endOfPage(at: string): Generator<Yield, Outcome, void> {
    const driverSide = this.wia('wiasSendEndOfPage', 'service', { lPageCount: this.t.page - 1 }, 'S_OK', at);
    if (!this.ctx.runtime.scheduler.advance(CALL_MS)) yield CALL_MS;
    return yield* this.appAnswers(driverSide, NEW_PAGE_MESSAGE, 'S_OK', at);
  }

  /** The application's IWiaDataCallback::BandedDataCallback answers; the driver's call into the service returns that. */
  private *appAnswers(driverSide: TraceEvent, message: Record<string, unknown>, answer: string, at: string): Generator<Yield, Outcome, void> {
    this.wia('IWiaDataCallback::BandedDataCallback', 'application', message, answer, at);
    if (!this.ctx.runtime.scheduler.advance(CALL_MS)) yield CALL_MS;
    setResult(driverSide, answer, this.ctx);
    if (answer === 'S_OK') return 'ok';
    this.t.hr = answer;
    return 'fail';
  }

  /**
   * IUnknown::Release (or IWiaItem::Release): it returns the new reference count, 0 once the object is freed, never an
   * HRESULT; a hardware access the driver makes inside it cannot change that.
   */
  private *release(name: string, a: Record<string, string>, at: string): Generator<Yield, Outcome, void> {
    const { Hardware, Command, Component, ...shown } = a;
    this.wia(name, Component === 'service' ? 'service' : 'minidriver', Object.keys(shown).length ? shown : undefined, '0', at);
    if (!this.ctx.runtime.scheduler.advance(CALL_MS)) yield CALL_MS;
    if (Hardware && !(this.s.disconnected && !this.s.opts.careless)) yield* this.hardware(Hardware, Command ? { Command } : undefined, at, COMMAND_MS);
    return 'ok';
  }
}

/** The driver item tree: the root item and the scanner item ("Flatbed" also names a flatbed with a document feeder). */
const ITEM_TREE = ['Root', 'Flatbed'] as const;

/** What the application's callback gets for IT_MSG_NEW_PAGE (no data, no progress yet on the new page). */
const NEW_PAGE_MESSAGE = { lMessage: 'IT_MSG_NEW_PAGE', lStatus: 'IT_STATUS_TRANSFER_TO_CLIENT', lPercentComplete: 0, lOffset: 0, lLength: 0 };

function setResult(e: TraceEvent, hr: string, ctx: EngineContext): void {
  ctx.runtime.trace.complete(e, hr);
  const hex = hresultHex(hr);
  if (hex) e.resultHex = hex;
}

function* timer(ms: number, ctx: EngineContext, signal: string): Generator<Yield, void, void> {
  yield ms;
  ctx.runtime.scheduler.signal(signal);
}
