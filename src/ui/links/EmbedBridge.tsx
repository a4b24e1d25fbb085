/**
 * The postMessage bridge of an embedded lab, in a component of its own: it follows the cursor
 * without re-rendering the rest of the app. It reports the displayed position, so fast playback
 * tells the host page at most ten times a second, not on every animation frame.
 */
import { useEffect } from 'react';
import type { EmbedBridge as Bridge } from '../../embed/bridge';
import { useEmbedBridge } from '../../embed/useEmbedBridge';
import { useDisplayPosition, useLab, useStores } from '../../store/hooks';
import { NOTHING_TO_PLAY } from '../../store/labStore';
import { setEmbedTheme } from './embedTheme';
import { openState } from './openState';
import { EMBED } from './useLabLinks';

let current: Bridge | undefined;

/** Tells the embedding page that a lesson was completed (nothing when the lab is not embedded). */
export function notifyLessonCompleted(lesson: string): void {
  current?.notifyLessonCompleted(lesson);
}

export function EmbedBridge() {
  const stores = useStores();
  const { lab } = stores;
  const trace = useLab((s) => s.run.trace);
  const position = useDisplayPosition();
  const bridge = useEmbedBridge({
    enabled: EMBED.params.embed,
    origins: EMBED.params.origins,
    autoResize: true,
    trace,
    cursor: position,
    onLoad: (r) => {
      // a load that passed the checks can still fail when it runs (an impossible step, the work
      // budget's cap): the lab keeps what it showed, and the page is told why, as for any refused load
      void openState(stores, r.state, r.lesson, r.task, (why) => {
        current?.notifyError(`load: scenario.${why}`);
        return why;
      });
    },
    // asked to play or step a lab with no events yet, the lab says why nothing moves (and tells the page too)
    onPlay: () => {
      if (lab.getState().run.trace.length === 0) current?.notifyError(`play: ${NOTHING_TO_PLAY}`);
      lab.getState().play();
    },
    onPause: () => lab.getState().pause(),
    onStep: (d) => {
      if (lab.getState().run.trace.length === 0) {
        current?.notifyError(`step: ${NOTHING_TO_PLAY}`);
        lab.setState({ notice: { kind: 'info', message: NOTHING_TO_PLAY, scope: 'scenario' } });
        return;
      }
      lab.getState().step(d);
    },
    onSetTheme: setEmbedTheme,
  });
  // an embed with a session keeps the learner's state while its frame restarts (embedSession.ts, loaded only then)
  useEffect(() => {
    const { params } = EMBED;
    if (!params.embed || !params.session) return;
    let stop: (() => void) | undefined;
    let cancelled = false;
    void import('./embedSession').then((m) => {
      if (!cancelled) stop = m.keepEmbedSession(stores, params);
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [stores]);
  useEffect(() => {
    current = bridge;
    return () => {
      current = undefined;
    };
  }, [bridge]);
  return null;
}
