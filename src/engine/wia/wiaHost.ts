/** Carries out the WIA tables' rows for one scanner (wia/tables.ts); the service (service.ts) makes one per table run. */
import type { EngineContext } from '../context';
import type { Inspector, RowRef, RunSubject } from '../inspect';
import { runsRowTable, type ActionWord, type EffectWord, type GuardWord, type Vocabulary } from '../tables/vocabulary';
import type { Yield } from '../scheduler';
import { getTable } from '../tables/registry';
import { argsOf, runTable, type CompiledRow, type Outcome, type Table, type TableHost } from '../tables/table';
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
    readonly ctx: EngineContext,
    readonly service: WiaService,
    readonly s: Scanner,
    readonly app: string | undefined,
    readonly cause: number | undefined,
    /** The run and row that queued this run (a queued unload), for the inspection stream. */
    readonly queuedBy: RowRef | undefined = undefined,
  ) {
    this.inspector = ctx.runtime.inspector;
  }

  readonly inspector: Inspector | undefined;

  subject(): RunSubject {
    return { device: this.s.device.id, layer: undefined, driver: undefined, cause: this.cause, irp: undefined, queuedBy: this.queuedBy };
  }

  get t(): Transfer {
    return this.s.transfer!;
  }

  get words(): Vocabulary<WiaHost> {
    return WIA_WORDS;
  }

  wia(name: string, component: 'application' | 'service' | 'minidriver', args: Record<string, unknown> | undefined, result: string, at: string): TraceEvent {
    return this.ctx.runtime.emit({ kind: 'wia', name, device: this.s.device.id, client: this.app ?? this.s.transfer?.app, component, args, result, resultHex: hresultHex(result), at }, this.cause);
  }

  /** One hardware access by the minidriver; false if the device did not answer. */
  *hardware(name: string, args: Record<string, unknown> | undefined, at: string, ms: number): Generator<Yield, boolean, void> {
    if (name === 'CreateFile') return yield* this.createFile(at, ms);
    const present = this.ctx.devnodes.isPresent(this.s.device);
    this.ctx.runtime.emit({ kind: 'hw', name, device: this.s.device.id, component: 'minidriver', args, result: present ? 'TRUE' : 'ERROR_DEVICE_NOT_CONNECTED', at }, this.cause);
    this.warnIfAfterDisconnect(name, at);
    yield* this.ctx.runtime.spend(ms);
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
    yield* ctx.runtime.spend(ms);
    return opens;
  }

  private warnIfAfterDisconnect(name: string, at: string): void {
    if (!this.s.disconnected) return;
    this.ctx.runtime.emit({ kind: 'warn', name, device: this.s.device.id, component: 'minidriver', args: { message: `The minidriver called ${name} after WIA_EVENT_DEVICE_DISCONNECTED. It must not touch the hardware during or after that event: set a flag in drvNotifyPnpEvent and check it in every IWiaMiniDrv method until the service reloads the driver.` }, at }, this.cause);
  }

  *loadPage(at: string): Generator<Yield, Outcome, void> {
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
  *readBand(at: string): Generator<Yield, Outcome, void> {
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
      yield* this.ctx.runtime.spend(CALL_MS);
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
    yield* this.ctx.runtime.spend(CALL_MS);
    return outcome;
  }

  /**
   * The driver calls the service; the service passes the message to the application and returns its answer. After
   * IWiaItemExtras::CancelPendingIO the service does not answer S_FALSE itself: the two cancel paths are not linked
   * (image/cancellation-of-data-transfers-in-windows-xp.md).
   */
  *miniDrvCallback(a: Record<string, string>, at: string): Generator<Yield, Outcome, void> {
    const t = this.t;
    const data = a.lReason === 'IT_MSG_DATA';
    const percent = Math.round((t.band * 100) / BANDS_PER_PAGE);
    const args = { lReason: a.lReason, lStatus: a.lStatus, lPercentComplete: percent, lOffset: data ? (t.band - 1) * BAND_BYTES : 0, lLength: data ? BAND_BYTES : 0 };
    const driverSide = this.wia('MiniDrvCallback', 'service', args, 'S_OK', at);
    yield* this.ctx.runtime.spend(CALL_MS);
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
  *endOfPage(at: string): Generator<Yield, Outcome, void> {
    const driverSide = this.wia('wiasSendEndOfPage', 'service', { lPageCount: this.t.page - 1 }, 'S_OK', at);
    yield* this.ctx.runtime.spend(CALL_MS);
    return yield* this.appAnswers(driverSide, NEW_PAGE_MESSAGE, 'S_OK', at);
  }

  /** The application's IWiaDataCallback::BandedDataCallback answers; the driver's call into the service returns that. */
  private *appAnswers(driverSide: TraceEvent, message: Record<string, unknown>, answer: string, at: string): Generator<Yield, Outcome, void> {
    this.wia('IWiaDataCallback::BandedDataCallback', 'application', message, answer, at);
    yield* this.ctx.runtime.spend(CALL_MS);
    setResult(driverSide, answer, this.ctx);
    if (answer === 'S_OK') return 'ok';
    this.t.hr = answer;
    return 'fail';
  }

  /**
   * IUnknown::Release (or IWiaItem::Release): it returns the new reference count, 0 once the object is freed, never an
   * HRESULT; a hardware access the driver makes inside it cannot change that.
   */
  *release(name: string, a: Record<string, string>, at: string): Generator<Yield, Outcome, void> {
    const { Hardware, Command, Component, ...shown } = a;
    this.wia(name, Component === 'service' ? 'service' : 'minidriver', Object.keys(shown).length ? shown : undefined, '0', at);
    yield* this.ctx.runtime.spend(CALL_MS);
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

type Action = ActionWord<WiaHost>;

/** A call recorded as a `wia` event of `component`, costing CALL_MS. */
function* wiaCall(h: WiaHost, c: CompiledRow, component: 'application' | 'service', args: Record<string, unknown> | undefined): Generator<Yield, Outcome, void> {
  h.wia(c.row.name!, component, args, 'S_OK', c.at);
  yield* h.ctx.runtime.spend(CALL_MS);
  return 'ok';
}

const done = (): Outcome => 'ok';

/** What a WIA table's row can do (wia/tables.ts). */
export const WIA_HOST_ACTIONS = {
  driverCall: {
    says: 'the service calls a minidriver method (row.name); args.Hardware: the method also touches the hardware',
    *run(h, c, params) {
      const s = h.s;
      const { Hardware, Command, ...shown } = argsOf(c, params) ?? {};
      const event = h.wia(c.row.name!, 'minidriver', Object.keys(shown).length ? shown : undefined, 'S_OK', c.at);
      yield* h.ctx.runtime.spend(CALL_MS);
      if (Hardware && !(s.disconnected && !s.opts.careless)) {
        const ok = yield* h.hardware(Hardware, Command ? { Command } : undefined, c.at, COMMAND_MS);
        if (!ok) {
          setResult(event, 'WIA_ERROR_OFFLINE', h.ctx);
          // IStiUSD::Initialize could not open the device: it fails, and the driver is not loaded
          // (image/loading-and-unloading-a-wia-minidriver.md: Initialize returns the CreateFile error)
          if (Hardware === 'CreateFile') return 'fail';
        }
      }
      return 'ok';
    },
  },
  release: { says: 'an interface is released (IUnknown::Release): the object is freed once its count reaches 0', run: (h, c, params) => h.release(c.row.name!, argsOf(c, params)!, c.at) },
  endOfPage: { says: 'the minidriver tells the service the page is done (wiasSendEndOfPage); the application answers', run: (h, c) => h.endOfPage(c.at) },
  appCall: { says: 'the application calls the service (row.name)', run: (h, c, params) => wiaCall(h, c, 'service', argsOf(c, params)) },
  appTransfer: {
    says: 'the application starts the transfer (memory: TYMED_CALLBACK; file: TYMED_FILE)',
    *run(h, c) {
      h.t.appEvent = h.wia(c.row.name!, 'service', { tymed: h.t.tymed === 'memory' ? 'TYMED_CALLBACK' : 'TYMED_FILE' }, 'S_OK', c.at);
      h.t.started = true;
      yield* h.ctx.runtime.spend(CALL_MS);
      return 'ok';
    },
  },
  appCallback: { says: 'the service calls the application back (row.name)', run: (h, c, params) => wiaCall(h, c, 'application', argsOf(c, params)) },
  appEvent: {
    says: 'every application registered for the event is told (row.name)',
    *run(h, c, params) {
      const args = argsOf(c, params);
      for (const app of h.s.registeredApps) {
        h.ctx.runtime.emit({ kind: 'wia', name: c.row.name!, device: h.s.device.id, client: app, component: 'application', args, result: 'S_OK', resultHex: hresultHex('S_OK'), at: c.at }, h.cause);
        yield* h.ctx.runtime.spend(CALL_MS);
      }
      return 'ok';
    },
  },
  serviceCall: { says: 'the service does its own part (row.name)', run: (h, c, params) => wiaCall(h, c, 'service', argsOf(c, params)) },
  serviceRegister: {
    says: 'the service registers for the device\'s removal notifications on the handle the minidriver opened (CM_Register_Notification)',
    *run(h, c) {
      const s = h.s;
      yield* h.ctx.notifications.clientCall(s.client, 'CM_Register_Notification', h.cause, c.at, undefined, () => { s.client.registered = true; s.client.registeredOn = s.device.id; s.client.handle = s.device.id; });
      return 'ok';
    },
  },
  serviceCloseHandle: {
    says: 'the service closes its handle on the device (CloseHandle), if it is open',
    *run(h, c) {
      const s = h.s;
      if (s.client.handle) yield* h.ctx.notifications.clientCall(s.client, 'CloseHandle', h.cause, c.at, { Handle: s.device.id }, () => h.ctx.notifications.clientClosed(s.client));
      return 'ok';
    },
  },
  acquire: {
    says: 'the service calls drvAcquireItemData, which runs the transfer table (row.table); its result is the transfer\'s',
    *run(h, c, params) {
      const event = h.wia(c.row.name!, 'minidriver', { lFlags: '0', tymed: h.t.tymed === 'memory' ? 'TYMED_CALLBACK' : 'TYMED_FILE' }, 'S_OK', c.at);
      yield* h.ctx.runtime.spend(CALL_MS);
      yield* runTable(getTable(c.row.table!), h, params);
      setResult(event, h.t.hr, h.ctx);
      return 'ok';
    },
    invokes: runsRowTable,
  },
  setResult: {
    says: 'the transfer\'s result becomes args.hr',
    run: (h, c, params) => {
      h.t.hr = argsOf(c, params)!.hr;
      return 'ok';
    },
  },
  loadPage: { says: 'the minidriver feeds a page (feeder) or starts the scan (flatbed); an empty feeder or a pulled cable ends the transfer', run: (h, c) => h.loadPage(c.at) },
  readBand: { says: 'the minidriver reads one band from the scanner (overlapped ReadFile, then GetOverlappedResult)', run: (h, c) => h.readBand(c.at) },
  miniDrvCallback: { says: 'the minidriver hands the band to the application through the service (MiniDrvCallback); the application may cancel', run: (h, c, params) => h.miniDrvCallback(argsOf(c, params)!, c.at) },
  nextBand: { says: 'the transfer moves on to the next band', run: done },
  pageDone: { says: 'the page is done', run: done },
  framework: { says: 'the service does this itself, with nothing to show', run: done },
  stopScan: {
    says: 'the minidriver tells the scanner to stop (unless it knows the device is gone)',
    *run(h, c) {
      const s = h.s;
      if (!(s.disconnected && !s.opts.careless)) yield* h.hardware('WriteFile', { Command: 'CANCEL_SCAN' }, c.at, COMMAND_MS);
      return 'ok';
    },
  },
  transferReturns: {
    says: 'the application\'s transfer call returns with the transfer\'s result',
    run: (h) => {
      if (h.t.appEvent) setResult(h.t.appEvent, h.t.hr, h.ctx);
      h.s.transfer = undefined;
      return 'ok';
    },
  },
  cancelIo: {
    says: 'the minidriver sets its cancel flag, then CancelIo aborts the read in flight',
    *run(h, c) {
      const s = h.s;
      // the driver's own flag first, so it starts no read after CancelIo; then CancelIo aborts the one pending
      if (s.transfer) s.transfer.cancelIo = true;
      yield* h.hardware('CancelIo', undefined, c.at, CALL_MS);
      if (s.transfer?.readSignal) h.ctx.runtime.scheduler.signal(s.transfer.readSignal);
      return 'ok';
    },
  },
  queueUnload: {
    says: 'the service queues the driver\'s unload (it runs once the service holds its lock)',
    run: (h) => {
      h.service.queueUnload(h.s, h.cause);
      return 'ok';
    },
    invokes: () => [{ table: 'wia.unload', kind: 'queues' }],
  },
  forEachItem: {
    says: 'the service calls the method (row.name) for each item of the tree drvInitializeWia built (the root and the scanner item)',
    *run(h, c) {
      // image/calling-order-for-minidriver-functions.md: "for each item in the tree"; the tree drvInitializeWia builds is
      // the root item and one scanner item, named as image/how-the-application-creates-the-wia-device.md requires
      for (const item of ITEM_TREE) {
        h.wia(c.row.name!, 'minidriver', { Item: item }, 'S_OK', c.at);
        yield* h.ctx.runtime.spend(CALL_MS);
      }
      return 'ok';
    },
  },
  forEachConnectedApp: {
    says: 'the method (row.name) runs once for each connected application, which is disconnected',
    *run(h, c) {
      const s = h.s;
      for (const app of [...s.apps]) {
        h.ctx.runtime.emit({ kind: 'wia', name: c.row.name!, device: s.device.id, client: app, component: 'minidriver', result: 'S_OK', resultHex: hresultHex('S_OK'), at: c.at }, h.cause);
        s.apps = s.apps.filter((a) => a !== app);
        yield* h.ctx.runtime.spend(CALL_MS);
      }
      return 'ok';
    },
  },
} satisfies Record<string, Action>;

const guard = (says: string, test: GuardWord<WiaHost>['test']): GuardWord<WiaHost> => ({ says, test });

/** The guards a WIA table's row can name in `when`. */
export const WIA_GUARDS = {
  memoryTransfer: guard('the application asked for a memory transfer (TYMED_CALLBACK)', (h) => h.s.transfer?.tymed === 'memory'),
  transferSucceeded: guard('the transfer succeeded (not failed, not cancelled)', (h) => h.s.transfer !== undefined && !isFailure(h.s.transfer.hr) && h.s.transfer.hr !== 'S_FALSE'),
  disconnectedAndCareful: guard('the minidriver got WIA_EVENT_DEVICE_DISCONNECTED and checks its flag', (h) => h.s.disconnected && !h.s.opts.careless),
  bandsLeft: guard('the page has bands left to read', (h) => h.t.band < BANDS_PER_PAGE),
  morePagesWanted: guard('the feeder scan wants more pages', (h) => h.s.opts.feeder && (h.t.pagesRequested === 0 || h.t.page < h.t.pagesRequested)),
  appNotRegistered: guard('the application has not registered for the device\'s events yet', (h) => !h.s.registeredApps.includes(h.app!)),
} satisfies Record<string, GuardWord<WiaHost>>;

const effect = (says: string, apply: EffectWord<WiaHost>['apply']): EffectWord<WiaHost> => ({ says, apply });

/** The state changes a WIA table's row can name in `effect` / `effectOnFail`. */
export const WIA_EFFECTS = {
  driverLoaded: effect('the minidriver is loaded', (h) => { h.s.loaded = true; h.s.disconnected = false; }),
  driverUnloaded: effect('the minidriver is unloaded: a reloaded driver is a new instance, with no application connected', (h) => { h.s.loaded = false; h.s.apps = []; h.s.disconnected = false; }),
  appConnected: effect('the application is connected', (h) => { if (!h.s.apps.includes(h.app!)) h.s.apps.push(h.app!); }),
  appDisconnected: effect('the application is disconnected', (h) => { h.s.apps = h.s.apps.filter((a) => a !== h.app); }),
  appRegistered: effect('the application is registered for the device\'s events', (h) => { h.s.registeredApps.push(h.app!); }),
  disconnectedFlag: effect('the minidriver sets its disconnected flag', (h) => { h.s.disconnected = true; }),
} satisfies Record<string, EffectWord<WiaHost>>;

/** The WIA tables' words (wia/tables.ts: rows run by a WiaHost). */
export const WIA_WORDS: Vocabulary<WiaHost> = { host: 'WIA service', do: WIA_HOST_ACTIONS, when: WIA_GUARDS, effect: WIA_EFFECTS };

/** The names a WIA table's rows may use (wia/tables.ts). */
export type WiaDo = keyof typeof WIA_HOST_ACTIONS;
export type WiaWhen = keyof typeof WIA_GUARDS;
export type WiaEffect = keyof typeof WIA_EFFECTS;
/** A WIA table: its rows may only use the WIA service's words. */
export type WiaTable = Table<WiaDo, WiaWhen, WiaEffect>;
