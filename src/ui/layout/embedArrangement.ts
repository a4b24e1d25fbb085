/**
 * How an embedded lab arranges the panels it shows (EmbedLayout.tsx), by the width of its frame, and
 * so which panels it shows at first: wider than 1000 px (`wide`) they stand side by side, as many as
 * asked for; at 1000 px or less at most two do: the flowchart (or the first panel asked for) and one
 * tabbed panel holding the others; below 560 px (`narrow`) every panel is a tab of one column. The
 * first tab is the lesson when there is one. startParts.tsx fetches the parts of the panels shown at
 * first before the first render, and the build's start-parts.js asks for them sooner (it carries
 * these two functions as they are, so they use nothing from outside).
 */
import type { Panel } from '../../embed/params';

export type EmbedArrangement =
  | { kind: 'columns'; panels: Panel[] }
  | { kind: 'tabs'; main: Panel | undefined; mainFirst: boolean; tabs: Panel[]; firstTab: Panel };

export function embedArrangement(shown: readonly Panel[], wide: boolean, narrow: boolean): EmbedArrangement {
  if (wide || (!narrow && shown.length <= 2)) return { kind: 'columns', panels: [...shown] };
  const main = shown.includes('compare') ? 'compare' : shown.includes('flow') ? 'flow' : shown[0];
  const tabs = narrow ? [...shown] : shown.filter((p) => p !== main);
  return { kind: 'tabs', main: narrow ? undefined : main, mainFirst: shown.indexOf(main) === 0, tabs, firstTab: tabs.includes('lesson') ? 'lesson' : tabs[0] };
}

/** The panels an embedded lab shows when it opens (the others are tabs not selected yet). */
export function panelsShownAtFirst(shown: readonly Panel[], wide: boolean, narrow: boolean): Panel[] {
  const a = embedArrangement(shown, wide, narrow);
  if (a.kind === 'columns') return a.panels;
  return a.main === undefined ? [a.firstTab] : [a.main, a.firstTab];
}
