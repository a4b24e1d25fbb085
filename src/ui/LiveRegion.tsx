/** Says out loud what changed: messages from the lab, and the event under the cursor when not playing. */
import { useLab } from '../store/hooks';
import { describeUserEvent } from './timeline/kinds';
import { resultAt } from '../model/traceRules';

export function LiveRegion() {
  const notice = useLab((s) => s.notice);
  const playing = useLab((s) => s.playing);
  // While playing nothing is announced per event, so nothing here changes every frame.
  const e = useLab((s) => (s.playing ? undefined : s.run.trace[s.position - 1]));
  const position = useLab((s) => (s.playing ? 0 : s.position));
  const eventText = e ? `Event ${position}: ${e.kind === 'user' ? describeUserEvent(e) : `${e.name}${e.device ? ` on ${e.device}` : ''}${e.layer ? `, ${e.layer}` : ''}${e.result ? `, ${resultAt(e, position).text}` : ''}`}` : '';
  return (
    <>
      <div role="alert" className="sr-only">{notice?.kind === 'error' ? notice.message : ''}</div>
      <div role="status" aria-live="polite" className="sr-only">{notice?.kind === 'info' ? notice.message : playing ? '' : eventText}</div>
    </>
  );
}
