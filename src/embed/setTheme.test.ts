// The host page's theme reaches an embedded lab as `pnp-lab:set-theme` (docs/embedding.md).
import { describe, expect, it, vi } from 'vitest';
import { createEmbedBridge as createBridge, type BridgeWindow, type EmbedBridgeOptions } from './bridge';
import { parseInbound, resolveLoad } from './messages';

/** The bridge with the command reader given up front (the app fetches it with the first command). */
const createEmbedBridge = (opts: EmbedBridgeOptions) => createBridge({ inbound: { parseInbound, resolveLoad }, ...opts });

function framed() {
  const listeners = new Set<(e: MessageEvent) => void>();
  const parent = { postMessage: () => {} };
  const win: BridgeWindow = {
    parent,
    addEventListener: (_t, l) => void listeners.add(l),
    removeEventListener: (_t, l) => void listeners.delete(l),
    location: {},
    document: { referrer: 'https://docs.example/page' },
  };
  const send = (data: unknown, origin = 'https://docs.example', source: unknown = parent) => listeners.forEach((l) => l({ data, origin, source } as MessageEvent));
  return { win, send };
}

describe('set-theme', () => {
  it('accepts light, dark and auto, and nothing else', () => {
    for (const theme of ['light', 'dark', 'auto']) expect(parseInbound({ type: 'pnp-lab:set-theme', theme })).toEqual({ type: 'pnp-lab:set-theme', theme });
    for (const theme of ['Dark', 'pink', '', 1, null, undefined]) expect(parseInbound({ type: 'pnp-lab:set-theme', theme }), String(theme)).toBeUndefined();
    expect(parseInbound({ type: 'pnp-lab:set-theme', theme: 'dark', extra: 1 })).toEqual({ type: 'pnp-lab:set-theme', theme: 'dark' });
  });

  it('reaches the lab from the embedding page only, like every command', () => {
    const w = framed();
    const onSetTheme = vi.fn();
    createEmbedBridge({ onLoad: vi.fn(), onPlay: vi.fn(), onPause: vi.fn(), onStep: vi.fn(), onSetTheme, win: w.win });
    w.send({ type: 'pnp-lab:set-theme', theme: 'dark' });
    w.send({ type: 'pnp-lab:set-theme', theme: 'light' }, 'https://evil.example');
    w.send({ type: 'pnp-lab:set-theme', theme: 'light' }, 'https://docs.example', {});
    w.send({ type: 'pnp-lab:set-theme', theme: 'blue' });
    expect(onSetTheme.mock.calls).toEqual([['dark']]);
  });
});
