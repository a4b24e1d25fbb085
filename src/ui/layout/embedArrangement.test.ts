import { describe, expect, it } from 'vitest';
import { PANELS, type Panel } from '../../embed/params';
import { embedArrangement, panelsShownAtFirst } from './embedArrangement';

describe('embed arrangement', () => {
  it('wide: every panel side by side; 1000 px or less: the flowchart and a tab, the lesson first; narrow: one tab', () => {
    const all: Panel[] = ['hardware', 'tree', 'flow', 'timeline'];
    expect(panelsShownAtFirst(all, true, false)).toEqual(all);
    expect(panelsShownAtFirst(all, false, false)).toEqual(['flow', 'hardware']);
    expect(panelsShownAtFirst([...all, 'lesson'], false, false)).toEqual(['flow', 'lesson']);
    expect(panelsShownAtFirst(['flow', 'timeline', 'lesson'], false, false)).toEqual(['flow', 'lesson']);
    expect(panelsShownAtFirst(['timeline', 'tree'], false, false)).toEqual(['timeline', 'tree']);
    expect(panelsShownAtFirst(all, false, true)).toEqual(['hardware']);
    expect(panelsShownAtFirst(['timeline'], false, true)).toEqual(['timeline']);
    expect(embedArrangement(['timeline', 'flow', 'tree'], false, false)).toEqual({ kind: 'tabs', main: 'flow', mainFirst: false, tabs: ['timeline', 'tree'], firstTab: 'timeline' });
  });

  it('shows at first exactly the panels the arrangement puts in view, for every set of panels and width', () => {
    const sets: Panel[][] = [[]];
    for (const p of PANELS) for (const s of [...sets]) sets.push([...s, p]);
    for (const shown of sets.filter((s) => s.length > 0)) {
      for (const [wide, narrow] of [[true, false], [false, false], [false, true]] as const) {
        const a = embedArrangement(shown, wide, narrow);
        const inView = a.kind === 'columns' ? a.panels : [...(a.main ? [a.main] : []), a.firstTab];
        expect(panelsShownAtFirst(shown, wide, narrow)).toEqual(inView);
        for (const p of inView) expect(shown).toContain(p);
      }
    }
  });

  it('is self-contained, so the build can copy it into start-parts.js', () => {
    // run from their source alone, as start-parts.js does
    const run = new Function(`${embedArrangement.toString()}\n${panelsShownAtFirst.toString()}\nreturn panelsShownAtFirst(['hardware', 'tree', 'flow', 'timeline'], false, false);`);
    expect(run()).toEqual(['flow', 'hardware']);
  });
});
