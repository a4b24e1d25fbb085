import { describe, expect, it, vi } from 'vitest';
import { encodePermalink } from '../share/permalink';
import { createEmbedBridge as createBridge, type BridgeWindow, type EmbedBridgeOptions } from './bridge';
import { outboundMessage, parseInbound, resolveLoad } from './messages';

/** The bridge with the command reader given up front (the app fetches it with the first command): commands are read as they arrive. */
const createEmbedBridge = (opts: EmbedBridgeOptions) => createBridge({ inbound: { parseInbound, resolveLoad }, ...opts });

const scenario = { seed: 1, devices: [{ id: 'disk', model: 'usb-disk' }], steps: [{ action: 'plug' as const, device: 'disk' }] };

function fakeWindow(opts: { referrer?: string; ancestor?: string[]; framed?: boolean } = {}) {
  const listeners = new Set<(e: MessageEvent) => void>();
  const posted: { message: unknown; target: string }[] = [];
  const parent = { postMessage: (message: unknown, target: string) => void posted.push({ message, target }) };
  const win: BridgeWindow = {
    parent: opts.framed === false ? null : parent,
    addEventListener: (_t, l) => void listeners.add(l),
    removeEventListener: (_t, l) => void listeners.delete(l),
    location: opts.ancestor ? { ancestorOrigins: Object.assign([...opts.ancestor], { length: opts.ancestor.length }) } : {},
    document: { referrer: opts.referrer ?? '' },
  };
  const send = (data: unknown, origin: string, source: unknown = parent) => listeners.forEach((l) => l({ data, origin, source } as MessageEvent));
  return { win, posted, send, listeners, parent };
}

function handlers() {
  return { onLoad: vi.fn(), onPlay: vi.fn(), onPause: vi.fn(), onStep: vi.fn() } satisfies Omit<EmbedBridgeOptions, 'win'>;
}

describe('message shapes', () => {
  it('accepts the four inbound messages', () => {
    expect(parseInbound({ type: 'pnp-lab:play' })).toEqual({ type: 'pnp-lab:play' });
    expect(parseInbound({ type: 'pnp-lab:pause' })).toEqual({ type: 'pnp-lab:pause' });
    expect(parseInbound({ type: 'pnp-lab:step', delta: -3 })).toEqual({ type: 'pnp-lab:step', delta: -3 });
    expect(parseInbound({ type: 'pnp-lab:load', lesson: 'a-device-starts' })).toEqual({ type: 'pnp-lab:load', lesson: 'a-device-starts' });
    expect(parseInbound({ type: 'pnp-lab:load', scenario })).toMatchObject({ scenario });
  });

  it('ignores anything else', () => {
    for (const bad of [null, 'pnp-lab:play', 42, {}, { type: 'pnp-lab:explode' }, { type: 'pnp-lab:step' }, { type: 'pnp-lab:step', delta: 1.5 }, { type: 'pnp-lab:step', delta: '1' },
      { type: 'pnp-lab:load' }, { type: 'pnp-lab:load', scenario: 5 }, { type: 'pnp-lab:load', lesson: 7 }, { type: 'pnp-lab:load', scenario: 'x'.repeat(100_001) }, { type: 'pnp-lab:ready', version: 1 }]) {
      expect(parseInbound(bad), JSON.stringify(bad)?.slice(0, 50)).toBeUndefined();
    }
  });

  it('load: permalinks and scenario objects are checked, errors name the field', () => {
    const token = encodePermalink({ scenario, cursor: 5, lesson: 'a-device-starts', task: 'plug-in' });
    expect(resolveLoad({ type: 'pnp-lab:load', scenario: `#lab=${token}` })).toEqual({ ok: true, request: { state: { scenario, cursor: 5, lesson: 'a-device-starts', task: 'plug-in' }, lesson: 'a-device-starts', task: 'plug-in' } });
    expect(resolveLoad({ type: 'pnp-lab:load', scenario, cursor: 3 })).toEqual({ ok: true, request: { state: { scenario, cursor: 3 } } });
    expect(resolveLoad({ type: 'pnp-lab:load', lesson: 'wia-disconnect', task: 'shutdown' })).toEqual({ ok: true, request: { lesson: 'wia-disconnect', task: 'shutdown' } });
    expect(resolveLoad({ type: 'pnp-lab:load', scenario: { devices: [{ id: 'x', model: 'usb-mouse' }] } })).toEqual({ ok: false, message: expect.stringMatching(/^load: scenario\.devices\[0\]\.model: got "usb-mouse"; expected one of/) });
    expect(resolveLoad({ type: 'pnp-lab:load', scenario: '1.broken' })).toEqual({ ok: false, message: expect.stringMatching(/^load: \(link\): /) });
    expect(resolveLoad({ type: 'pnp-lab:load', lesson: 'nope' })).toEqual({ ok: false, message: expect.stringMatching(/^load: lesson: unknown lesson "nope"/) });
    expect(resolveLoad({ type: 'pnp-lab:load', lesson: 'a-device-starts', task: 'nope' })).toEqual({ ok: false, message: expect.stringMatching(/^load: task: unknown task "nope" in lesson a-device-starts/) });
  });
});

describe('embed bridge', () => {
  it('posts ready to the embedding page\'s origin, and accepts commands only from it', () => {
    const w = fakeWindow({ referrer: 'https://school.example/course/page.html' });
    const h = handlers();
    const bridge = createEmbedBridge({ ...h, win: w.win });
    expect(bridge.framed).toBe(true);
    expect(bridge.allowedOrigins).toEqual(['https://school.example']);
    expect(w.posted).toEqual([{ message: { type: 'pnp-lab:ready', version: 1 }, target: 'https://school.example' }]);

    w.send({ type: 'pnp-lab:play' }, 'https://school.example');
    w.send({ type: 'pnp-lab:pause' }, 'https://school.example');
    w.send({ type: 'pnp-lab:step', delta: 2 }, 'https://school.example');
    w.send({ type: 'pnp-lab:load', lesson: 'a-device-starts' }, 'https://school.example');
    expect(h.onPlay).toHaveBeenCalledTimes(1);
    expect(h.onPause).toHaveBeenCalledTimes(1);
    expect(h.onStep).toHaveBeenCalledWith(2);
    expect(h.onLoad).toHaveBeenCalledWith({ lesson: 'a-device-starts' });

    w.send({ type: 'pnp-lab:play' }, 'https://evil.example'); // other origin
    w.send({ type: 'pnp-lab:play' }, 'https://school.example', {}); // other window (a sibling frame)
    w.send({ type: 'pnp-lab:play', extra: 1 }, 'https://school.example:8443');
    expect(h.onPlay).toHaveBeenCalledTimes(1);
  });

  it('prefers location.ancestorOrigins over the referrer', () => {
    const w = fakeWindow({ referrer: '', ancestor: ['http://127.0.0.1:5500'] });
    expect(createEmbedBridge({ ...handlers(), win: w.win }).allowedOrigins).toEqual(['http://127.0.0.1:5500']);
  });

  it('the origins parameter replaces the default; * accepts any origin (still only from the parent window)', () => {
    const w = fakeWindow({ referrer: 'https://school.example/' });
    const h = handlers();
    createEmbedBridge({ ...h, origins: ['https://lms.example', 'https://other.example'], win: w.win });
    expect(w.posted.map((p) => p.target)).toEqual(['https://lms.example', 'https://other.example']);
    w.send({ type: 'pnp-lab:play' }, 'https://school.example');
    expect(h.onPlay).not.toHaveBeenCalled();
    w.send({ type: 'pnp-lab:play' }, 'https://other.example');
    expect(h.onPlay).toHaveBeenCalledTimes(1);

    const any = fakeWindow();
    const h2 = handlers();
    createEmbedBridge({ ...h2, origins: ['*'], win: any.win });
    any.send({ type: 'pnp-lab:pause' }, 'https://anyone.example');
    any.send({ type: 'pnp-lab:pause' }, 'https://anyone.example', null);
    expect(h2.onPause).toHaveBeenCalledTimes(1);
    expect(any.posted[0].target).toBe('*');
  });

  it('with no known parent origin, ignores every command but still reports (to any origin)', () => {
    const w = fakeWindow({ referrer: '' });
    const h = handlers();
    const bridge = createEmbedBridge({ ...h, win: w.win });
    expect(bridge.allowedOrigins).toEqual([]);
    w.send({ type: 'pnp-lab:play' }, 'https://school.example');
    expect(h.onPlay).not.toHaveBeenCalled();
    expect(w.posted[0]).toEqual({ message: { type: 'pnp-lab:ready', version: 1 }, target: '*' });
  });

  it('a bad load is answered with pnp-lab:error and loads nothing', () => {
    const w = fakeWindow({ referrer: 'https://school.example/' });
    const h = handlers();
    createEmbedBridge({ ...h, win: w.win });
    w.send({ type: 'pnp-lab:load', scenario: { devices: [{ id: 'x', model: 'usb-mouse' }] } }, 'https://school.example');
    expect(h.onLoad).not.toHaveBeenCalled();
    expect(w.posted[1].message).toMatchObject({ type: 'pnp-lab:error', message: expect.stringMatching(/^load: scenario\.devices\[0\]\.model/) });
  });

  it('outbound messages have the documented shapes; repeated steps and heights are sent once', () => {
    const w = fakeWindow({ referrer: 'https://school.example/' });
    const bridge = createEmbedBridge({ ...handlers(), win: w.win });
    bridge.notifyStep(0, undefined);
    bridge.notifyStep(5, { seq: 5, name: 'IRP_MN_START_DEVICE' });
    bridge.notifyStep(5, { seq: 5, name: 'IRP_MN_START_DEVICE' });
    bridge.notifyLessonCompleted('a-device-starts');
    bridge.notifyResize(640.2);
    bridge.notifyResize(641);
    bridge.notifyResize(0);
    bridge.notifyError('x');
    const messages = w.posted.map((p) => p.message);
    expect(messages).toEqual([
      { type: 'pnp-lab:ready', version: 1 },
      { type: 'pnp-lab:step-changed', cursor: 0, seq: null, name: null },
      { type: 'pnp-lab:step-changed', cursor: 5, seq: 5, name: 'IRP_MN_START_DEVICE' },
      { type: 'pnp-lab:lesson-completed', lesson: 'a-device-starts' },
      { type: 'pnp-lab:resize', height: 641 },
      { type: 'pnp-lab:error', message: 'x' },
    ]);
    for (const m of messages) expect(outboundMessage.safeParse(m).success).toBe(true);
  });

  it('autoResize reports the page height at once (a frame below the fold gets no observer callback yet)', () => {
    const w = fakeWindow({ referrer: 'https://school.example/' });
    w.win.document.documentElement = { getBoundingClientRect: () => ({ height: 612.4 }) } as unknown as Element;
    createEmbedBridge({ ...handlers(), autoResize: true, win: w.win });
    expect(w.posted.map((p) => p.message)).toEqual([{ type: 'pnp-lab:ready', version: 1 }, { type: 'pnp-lab:resize', height: 613 }]);
  });

  it('not framed: nothing is posted; dispose stops listening', () => {
    const w = fakeWindow({ framed: false });
    const h = handlers();
    const bridge = createEmbedBridge({ ...h, win: w.win });
    expect(bridge.framed).toBe(false);
    bridge.notifyStep(1, { seq: 1, name: 'x' });
    expect(w.posted).toEqual([]);
    const framed = fakeWindow({ referrer: 'https://school.example/' });
    const b2 = createEmbedBridge({ ...h, win: framed.win });
    expect(framed.listeners.size).toBe(1);
    b2.dispose();
    expect(framed.listeners.size).toBe(0);
  });
});
