/**
 * The postMessage bridge of an embedded lab, in a component of its own: it follows the cursor
 * (30 times a second while playing) without re-rendering the rest of the app.
 */
import { useEffect } from 'react';
import type { EmbedBridge as Bridge } from '../../embed/messages';
import { useEmbedBridge } from '../../embed/useEmbedBridge';
import { useLab } from '../../store/labStore';
import { EMBED, openState } from './useLabLinks';

let current: Bridge | undefined;

/** Tells the embedding page that a lesson was completed (nothing when the lab is not embedded). */
export function notifyLessonCompleted(lesson: string): void {
  current?.notifyLessonCompleted(lesson);
}

export function EmbedBridge() {
  const trace = useLab((s) => s.run.trace);
  const position = useLab((s) => s.position);
  const bridge = useEmbedBridge({
    enabled: EMBED.params.embed,
    origins: EMBED.params.origins,
    autoResize: true,
    trace,
    cursor: position,
    onLoad: (r) => void openState(r.state, r.lesson, r.task),
    onPlay: () => useLab.getState().play(),
    onPause: () => useLab.getState().pause(),
    onStep: (d) => useLab.getState().step(d),
  });
  useEffect(() => {
    current = bridge;
    return () => {
      current = undefined;
    };
  }, [bridge]);
  return null;
}
