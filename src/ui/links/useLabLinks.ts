/**
 * Startup from the page address: embed parameters (`?embed=1&lesson=…`) or a permalink
 * (`#lab=1.…`, old `#scenario=…`). A link that cannot be opened leaves the default lab and says why.
 */
import { useEffect } from 'react';
import { describeProblems, parseEmbedParams } from '../../embed/params';
import { readPermalink } from '../../share/permalink';
import { useStores } from '../../store/hooks';
import { DEFAULT_SCENARIO } from '../../store/labStore';
import { lessonSelection, savedLessonId } from '../../store/lessonGate';
import type { Stores } from '../../store/stores';
import { historyMoved, startAddressSync } from './addressSync';
import { resumeEmbedSession } from './embedSession';
import { openState } from './openState';
import { applyComparisonText } from '../../store/compareStore';

export const EMBED = parseEmbedParams(typeof location === 'undefined' ? '' : location.search);

/**
 * Opens the lab the address holds. `moved`: Back, Forward or an address typed in while the lab runs;
 * then the address is the whole truth: no lab in it is the default lab, no lesson in it closes the
 * open lesson. A link that cannot be opened leaves the lab as it is (the default one at startup) and says why.
 */
async function fromHash(stores: Stores, moved = false): Promise<void> {
  const { lab, gates, lessons } = stores;
  const r = readPermalink(location.hash);
  if (!r) {
    if (moved) lab.getState().loadScenario(DEFAULT_SCENARIO);
    return;
  }
  const kept = moved ? 'so the lab is unchanged' : 'so the lab shows its default scenario';
  let why: string | undefined;
  if (!r.ok) why = r.error.text;
  else {
    if (moved && r.state.lesson === undefined && lessonSelection(gates).lessonId !== undefined) (await lessons.load()).getState().openLesson(undefined);
    // a link that decodes can still fail when it runs (an impossible step, the work budget's cap; on the page or in
    // the engine worker): the failure's notice says so
    await openState(stores, r.state, r.state.lesson, r.state.task, (w) => `This link could not be opened, ${kept}. scenario.${w}`);
  }
  if (why !== undefined) lab.setState({ notice: { kind: 'error', message: `This link could not be opened, ${kept}. ${why}`, scope: 'scenario' } });
}

export function useLabLinks(): void {
  const stores = useStores();
  useEffect(() => {
    const { lab, ui } = stores;
    const { params, problems } = EMBED;
    // a restarted embed frame picks up where the learner was; else the parameters or the link.
    // Outside an embed the fragment holds the lab as it was last seen (it follows every change), so after a
    // reload it wins over the page's first parameters (?lesson=, ?scenario=, ?step=, ?autoplay): they were already applied.
    const resumed = resumeEmbedSession(stores, params);
    const restoring = !params.embed && readPermalink(location.hash)?.ok === true;
    const opened = resumed ?? (!restoring && (params.scenario || params.lesson) ? openState(stores, params.scenario, params.lesson, params.task) : fromHash(stores));
    if (params.readonly) lab.getState().setReadonly(true);
    // progress saved in this browser: show the lesson that was open
    if (!params.embed && !params.lesson && savedLessonId()) ui.getState().setLessonsOpen(true);
    void opened.then(() => {
      if (resumed) return;
      // `compare=` applies to the scenario the embed opened (its shape was checked with the other parameters)
      const comparing = params.compare !== undefined && !restoring ? applyComparisonText(lab, params.compare) : undefined;
      if (params.step !== undefined && !restoring) lab.getState().seek(params.step);
      const problem = describeProblems(comparing ? [...problems, { param: 'compare', message: comparing, text: comparing }] : problems);
      if (problem) lab.setState({ notice: { kind: 'info', message: problem, scope: 'scenario' } });
      if (params.autoplay && !restoring) lab.getState().play();
      // from now on the address follows the lab (an embed's address is the host page's business)
      if (!params.embed) startAddressSync(stores);
    });
    // Back, Forward, or a link pasted into the address bar: a history entry of its own, opened as it is
    const onHashChange = () => {
      historyMoved();
      void fromHash(stores, true);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [stores]);
}
