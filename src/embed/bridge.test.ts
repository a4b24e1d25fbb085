import { describe, expect, it, vi } from 'vitest';
import { createEmbedBridge, type BridgeWindow } from './bridge';

function fakeWindow() {
  const listeners = new Set<(e: MessageEvent) => void>();
  const posted: unknown[] = [];
  const parent = { postMessage: (message: unknown) => void posted.push(message) };
  const win: BridgeWindow = {
    parent,
    addEventListener: (_t, l) => void listeners.add(l),
    removeEventListener: (_t, l) => void listeners.delete(l),
    location: {},
    document: { referrer: 'https://school.example/page.html' },
  };
  const send = (data: unknown, origin = 'https://school.example') => listeners.forEach((l) => l({ data, origin, source: parent } as MessageEvent));
  return { win, posted, send };
}

describe('embed bridge, reader loaded on the first command', () => {
  it('says ready at once; commands that arrive while the reader loads are all handled, in the order they came', async () => {
    const w = fakeWindow();
    const calls: string[] = [];
    const bridge = createEmbedBridge({
      win: w.win,
      onLoad: (r) => void calls.push(`load ${r.lesson}`),
      onPlay: () => void calls.push('play'),
      onPause: () => void calls.push('pause'),
      onStep: (d) => void calls.push(`step ${d}`),
    });
    expect(w.posted).toEqual([{ type: 'pnp-lab:ready', version: 1 }]);
    w.send({ type: 'pnp-lab:load', lesson: 'a-device-starts' });
    w.send({ type: 'pnp-lab:step', delta: 3 });
    w.send({ type: 'pnp-lab:play' }, 'https://evil.example'); // another origin: never handled
    w.send({ type: 'pnp-lab:load', lesson: 'nope' });
    w.send({ type: 'pnp-lab:play' });
    expect(calls).toEqual([]); // the reader is still loading
    await vi.waitFor(() => expect(calls).toEqual(['load a-device-starts', 'step 3', 'play']));
    expect(w.posted[1]).toMatchObject({ type: 'pnp-lab:error', message: expect.stringMatching(/^load: lesson: unknown lesson "nope"/) });
    // once loaded, a command is handled as it arrives
    w.send({ type: 'pnp-lab:pause' });
    expect(calls.at(-1)).toBe('pause');
    bridge.dispose();
  });

  it('a bridge disposed while the reader loads handles nothing', async () => {
    const w = fakeWindow();
    const onPlay = vi.fn();
    const bridge = createEmbedBridge({ win: w.win, onLoad: vi.fn(), onPlay, onPause: vi.fn(), onStep: vi.fn() });
    w.send({ type: 'pnp-lab:play' });
    bridge.dispose();
    await import('./messages');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(onPlay).not.toHaveBeenCalled();
  });
});
