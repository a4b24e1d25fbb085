/** Moves the cursor while playing: `speed` events per second, one animation frame at a time; a lesson's question pauses it. */
import { useEffect } from 'react';
import { useLab, useStores } from '../../store/hooks';
import { gateMove } from '../../store/lessonGate';

export function usePlayback(): void {
  const { lab, gates } = useStores();
  const playing = useLab((s) => s.playing);
  useEffect(() => {
    if (!playing) return;
    let frame = 0;
    let last = performance.now();
    let carry = 0;
    const tick = (now: number) => {
      const { speed, position, run, seek, pause } = lab.getState();
      carry += ((now - last) / 1000) * speed;
      last = now;
      const steps = Math.floor(carry);
      if (steps > 0) {
        carry -= steps;
        // In a lesson, playback holds before the event a "what comes next?" question asks about.
        const gate = gateMove(gates, run.trace, position, Math.min(run.trace.length, position + steps));
        const next = gate.to;
        seek(next);
        if (gate.question || next >= run.trace.length) {
          pause();
          return;
        }
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing, lab, gates]);
}
