/**
 * The embed bridge: the postMessage link between an embedded lab and the page around it (the
 * messages are described in messages.ts). This part is what every embedded lab runs from the
 * start: it says `pnp-lab:ready`, reports the cursor, the height and errors, and accepts commands
 * only from the embedding window and an allowed origin. Checking what a command says (messages.ts,
 * with its schemas and the link codec) loads when the first command arrives; commands that arrive
 * meanwhile wait, and every command is handled in the order it came.
 */
import type { InboundMessage, LoadMessage, LoadRequest, OutboundMessage } from './messages';
import { normalizeOrigin, type EmbedTheme } from './params';
import { PROTOCOL_VERSION } from './protocol';

export { PROTOCOL_VERSION };

/** What the bridge needs to read a command (messages.ts). */
export interface InboundReader {
  parseInbound(data: unknown): InboundMessage | undefined;
  resolveLoad(m: LoadMessage): { ok: true; request: LoadRequest } | { ok: false; message: string };
}

/** The parts of `window` the bridge uses (a fake in tests). */
export interface BridgeWindow {
  parent: { postMessage(message: unknown, targetOrigin: string): void } | null;
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
  location: { ancestorOrigins?: { length: number; [i: number]: string } };
  document: { referrer: string; documentElement?: Element };
}

export interface EmbedBridgeOptions {
  onLoad(request: LoadRequest): void;
  onPlay(): void;
  onPause(): void;
  onStep(delta: number): void;
  /** the host page asks for a theme (`pnp-lab:set-theme`) */
  onSetTheme?(theme: EmbedTheme): void;
  /** origins allowed to send commands (the `origins` embed parameter); empty/undefined = the embedding page's origin */
  origins?: readonly string[];
  /**
   * post `pnp-lab:resize` whenever the height of <html> changes (ResizeObserver). Useful when the
   * embedded layout has a natural height (not `h-dvh`/100%: a page that fills its frame reports the
   * frame's own height, which is stable but never changes).
   */
  autoResize?: boolean;
  /** reads commands; default: messages.ts, loaded when the first command from the page arrives */
  inbound?: InboundReader;
  /** for tests; default `window` */
  win?: BridgeWindow;
}

export interface EmbedBridge {
  /** whether the lab is in a frame at all (no parent → every call is a no-op) */
  readonly framed: boolean;
  /** the origins commands are accepted from (empty: none known, every command is ignored) */
  readonly allowedOrigins: readonly string[];
  /** Tells the page the cursor moved; `event` is the event under the cursor (trace[cursor - 1]). Repeats are not sent. */
  notifyStep(cursor: number, event: { seq: number; name: string } | undefined): void;
  notifyLessonCompleted(lesson: string): void;
  notifyResize(height: number): void;
  notifyError(message: string): void;
  dispose(): void;
}

/** The embedding page's origin: `location.ancestorOrigins[0]` (Chromium, Safari), else the referrer's origin. */
export function parentOrigin(win: BridgeWindow): string | undefined {
  const fromAncestors = win.location.ancestorOrigins && win.location.ancestorOrigins.length > 0 ? win.location.ancestorOrigins[0] : undefined;
  const candidate = fromAncestors ?? (win.document.referrer || undefined);
  return candidate === undefined ? undefined : normalizeOrigin(new URL(candidate).origin);
}

/**
 * Starts listening for commands from the embedding page and returns what the lab calls to talk to
 * it. Posts `pnp-lab:ready` at once (create it when the lab can take commands).
 */
export function createEmbedBridge(opts: EmbedBridgeOptions): EmbedBridge {
  const win: BridgeWindow = opts.win ?? (window as unknown as BridgeWindow);
  const parent = win.parent && win.parent !== (win as unknown) ? win.parent : null;
  const allowed = opts.origins && opts.origins.length > 0 ? [...opts.origins] : (() => {
    try {
      const o = parentOrigin(win);
      return o ? [o] : [];
    } catch {
      return [];
    }
  })();
  const anyOrigin = allowed.includes('*');
  // Outbound messages carry nothing private (a cursor, an event name, a lesson id): post them to the
  // allowed origin(s), or to any origin when the parent's is unknown or any is allowed.
  const targets = anyOrigin || allowed.length === 0 ? ['*'] : allowed;
  let disposed = false;

  const post = (message: OutboundMessage) => {
    if (!parent) return;
    for (const t of targets) {
      try {
        parent.postMessage(message, t);
      } catch {
        // a closed or navigated parent: nothing to tell
      }
    }
  };

  const handle = (reader: InboundReader, data: unknown) => {
    const m = reader.parseInbound(data);
    if (!m) return;
    switch (m.type) {
      case 'pnp-lab:load': {
        const r = reader.resolveLoad(m);
        if (r.ok) opts.onLoad(r.request);
        else post({ type: 'pnp-lab:error', message: r.message });
        return;
      }
      case 'pnp-lab:play': return opts.onPlay();
      case 'pnp-lab:pause': return opts.onPause();
      case 'pnp-lab:step': return opts.onStep(m.delta);
      case 'pnp-lab:set-theme': return opts.onSetTheme?.(m.theme);
    }
  };

  // commands from the page wait here while the reader loads (the first command brings it)
  let reader = opts.inbound;
  let waiting: unknown[] | undefined;
  const onMessage = (e: MessageEvent) => {
    if (!parent || e.source !== (parent as unknown)) return;
    if (!anyOrigin && !allowed.includes(e.origin)) return;
    if (reader) {
      handle(reader, e.data);
      return;
    }
    if (waiting) {
      waiting.push(e.data);
      return;
    }
    waiting = [e.data];
    void import('./messages').then((m) => {
      reader = m;
      const queued = waiting ?? [];
      waiting = undefined;
      for (const data of queued) if (!disposed) handle(m, data);
    }, () => {
      // the reader could not load (the lab's files changed or went away): the commands cannot be read
      waiting = undefined;
      post({ type: 'pnp-lab:error', message: 'the lab could not load what reads commands; reload the page' });
    });
  };
  win.addEventListener('message', onMessage);

  let lastStep = '';
  let lastHeight = -1;
  const notifyResize = (height: number) => {
    const h = Math.ceil(height);
    if (!(h > 0) || h === lastHeight) return;
    lastHeight = h;
    post({ type: 'pnp-lab:resize', height: h });
  };

  post({ type: 'pnp-lab:ready', version: PROTOCOL_VERSION });

  let observer: ResizeObserver | undefined;
  const root = win.document.documentElement;
  if (opts.autoResize && parent && root) {
    // The height of <html>'s box, not scrollHeight: scrollHeight is never less than the frame's own
    // height, so a lab whose content got shorter could never shrink its frame. Measured once now
    // (a frame below the fold gets no rendering updates, so no observer callback, until it is
    // scrolled to), then on every change.
    const measure = () => notifyResize(root.getBoundingClientRect().height);
    measure();
    if (typeof ResizeObserver === 'function') {
      observer = new ResizeObserver(measure);
      observer.observe(root);
    }
  }

  return {
    framed: parent !== null,
    allowedOrigins: allowed,
    notifyStep(cursor, event) {
      const key = `${cursor}:${event?.seq ?? ''}`;
      if (key === lastStep) return;
      lastStep = key;
      post({ type: 'pnp-lab:step-changed', cursor, seq: event?.seq ?? null, name: event?.name ?? null });
    },
    notifyLessonCompleted(lesson) {
      post({ type: 'pnp-lab:lesson-completed', lesson });
    },
    notifyResize,
    notifyError(message) {
      post({ type: 'pnp-lab:error', message });
    },
    dispose() {
      disposed = true;
      win.removeEventListener('message', onMessage);
      observer?.disconnect();
    },
  };
}
