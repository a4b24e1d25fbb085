/**
 * A part of a big lab that is mounted a frame or a few after the rest when the lab lands (store/landingStages.ts):
 * until then, a quiet line in its place.
 */
import type { ReactNode } from 'react';
import type { LandingStage } from '../../store/landingStages';
import { useStageShown } from '../../store/hooks';

export function Staged({ stage, what, children }: { stage: LandingStage; what: string; children: ReactNode }) {
  if (useStageShown(stage)) return children;
  return <p className="px-1 py-1 text-xs text-muted" aria-busy="true" data-staged={stage}>Laying out {what}…</p>;
}
