/**
 * The postMessage bridge of an embedded lab, in a component of its own: it follows the cursor
 * without re-rendering the rest of the app. It reports the displayed position, so fast playback
 * tells the host page at most ten times a second, not on every animation frame.
 */
import { useEffect } from 'react';
import type { EmbedBridge as Bridge } from '../../embed/messages';
import { useEmbedBridge } from '../../embed/useEmbedBridge';
import { useLab } from '../../store/labStore';
import { useDisplayPosition } from '../playback/useDisplayPosition';
import { useEmbedSessionKeeper } from './embedSession';
import { setEmbedTheme } from './embedTheme';
import { EMBED, openState } from './useLabLinks';

let current: Bridge | undefined;

/** Tells the embedding page that a lesson was completed (nothing when the lab is not embedded). */
export function notifyLessonCompleted(lesson: string): void {
  current?.notifyLessonCompleted(lesson);
}

export function EmbedBridge() {
  const trace = useLab((s) => s.run.trace);
  const position = useDisplayPosition();
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
    onSetTheme: setEmbedTheme,
  });
  useEmbedSessionKeeper(EMBED.params);
  useEffect(() => {
    current = bridge;
    return () => {
      current = undefined;
    };
  }, [bridge]);
  return null;
}
