/**
 * React glue for the embed bridge: creates it once when the lab is embedded, keeps the latest
 * callbacks, and reports the cursor as it moves. Store-agnostic: the caller passes the lab's trace,
 * cursor and actions.
 *
 *   const bridge = useEmbedBridge({
 *     enabled: embed.params.embed, origins: embed.params.origins, autoResize: true,
 *     trace: run.trace, cursor: position,
 *     onLoad: (r) => …, onPlay: play, onPause: pause, onStep: step,
 *   });
 *   <LessonPanel … onLessonCompleted={(id) => bridge?.notifyLessonCompleted(id)} />
 */
import { useEffect, useRef, useState } from 'react';
import type { TraceEvent } from '../engine/trace';
import { createEmbedBridge, type EmbedBridge } from './bridge';
import type { LoadRequest } from './messages';
import type { EmbedTheme } from './params';

export interface UseEmbedBridgeOptions {
  /** create the bridge (the lab runs with `embed=1`) */
  enabled: boolean;
  /** the `origins` embed parameter */
  origins?: readonly string[];
  /** post `pnp-lab:resize` when the page's height changes */
  autoResize?: boolean;
  trace: readonly TraceEvent[];
  cursor: number;
  onLoad(request: LoadRequest): void;
  onPlay(): void;
  onPause(): void;
  onStep(delta: number): void;
  onSetTheme?(theme: EmbedTheme): void;
}

export function useEmbedBridge(opts: UseEmbedBridgeOptions): EmbedBridge | undefined {
  const latest = useRef(opts);
  latest.current = opts;
  const [bridge, setBridge] = useState<EmbedBridge | undefined>(undefined);
  const originsKey = (opts.origins ?? []).join(',');

  useEffect(() => {
    if (!opts.enabled || typeof window === 'undefined' || window.parent === window) return;
    const b = createEmbedBridge({
      origins: originsKey ? originsKey.split(',') : undefined,
      autoResize: latest.current.autoResize,
      onLoad: (r) => latest.current.onLoad(r),
      onPlay: () => latest.current.onPlay(),
      onPause: () => latest.current.onPause(),
      onStep: (d) => latest.current.onStep(d),
      onSetTheme: (t) => latest.current.onSetTheme?.(t),
    });
    setBridge(b);
    return () => {
      b.dispose();
      setBridge(undefined);
    };
  }, [opts.enabled, originsKey]);

  const { trace, cursor } = opts;
  useEffect(() => {
    if (!bridge) return;
    const e = cursor > 0 ? trace[cursor - 1] : undefined;
    bridge.notifyStep(cursor, e ? { seq: e.seq, name: e.name } : undefined);
  }, [bridge, trace, cursor]);

  return bridge;
}
