/**
 * Startup from the page address: embed parameters (`?embed=1&lesson=…`) or a permalink
 * (`#lab=1.…`, old `#scenario=…`). A link that cannot be opened leaves the default lab and says why.
 */
import { useEffect } from 'react';
import { describeProblems, parseEmbedParams } from '../../embed/params';
import { normalizeScenario, readPermalink, type SandboxState } from '../../share/permalink';
import { DEFAULT_SCENARIO, useLab } from '../../store/labStore';
import { lessonSelection, loadLessonStore, savedLessonId } from '../../store/lessonGate';
import { useUi } from '../../store/uiStore';
import { historyMoved, startAddressSync } from './addressSync';
import { resumeEmbedSession } from './embedSession';
import { runSettled } from '../../worker/runScheduler';

export const EMBED = parseEmbedParams(typeof location === 'undefined' ? '' : location.search);

/**
 * Loads a decoded link (scenario and cursor) at once; a lesson (its text loads on demand) then
 * opens, with its prepared scenario when the link brought none. Resolves when all is in place.
 */
export async function openState(state: SandboxState | undefined, lesson?: string, task?: string, failure?: (why: string) => string): Promise<boolean> {
  if (state && !useLab.getState().loadScenario(state.scenario, state.cursor, failure)) return false;
  // a big scenario runs in the engine worker: what follows (a lesson, the link's step, autoplay) waits for it
  await runSettled();
  if (!lesson) return true;
  useUi.getState().setLessonsOpen(true);
  const { useLessons } = await loadLessonStore();
  const l = useLessons.getState().lessons.find((x) => x.id === lesson);
  if (!l) return true;
  if (!state) useLab.getState().loadScenario(normalizeScenario(l.scenario));
  useLessons.getState().openLesson(l.id);
  if (task) useLessons.getState().openTask(task);
  return true;
}

/**
 * Opens the lab the address holds. `moved`: Back, Forward or an address typed in while the lab runs;
 * then the address is the whole truth: no lab in it is the default lab, no lesson in it closes the
 * open lesson. A link that cannot be opened leaves the lab as it is (the default one at startup) and says why.
 */
async function fromHash(moved = false): Promise<void> {
  const r = readPermalink(location.hash);
  if (!r) {
    if (moved) useLab.getState().loadScenario(DEFAULT_SCENARIO);
    return;
  }
  const kept = moved ? 'so the lab is unchanged' : 'so the lab shows its default scenario';
  let why: string | undefined;
  if (!r.ok) why = r.error.text;
  else {
    if (moved && r.state.lesson === undefined && lessonSelection().lessonId !== undefined) (await loadLessonStore()).useLessons.getState().openLesson(undefined);
    // a link that decodes can still fail when it runs (an impossible step, the work budget's cap): the failure's notice says so
    await openState(r.state, r.state.lesson, r.state.task, (w) => `This link could not be opened, ${kept}. scenario.${w}`);
  }
  if (why !== undefined) useLab.setState({ notice: { kind: 'error', message: `This link could not be opened, ${kept}. ${why}`, scope: 'scenario' } });
}

export function useLabLinks(): void {
  useEffect(() => {
    const { params, problems } = EMBED;
    // a restarted embed frame picks up where the learner was; else the parameters or the link.
    // Outside an embed the fragment holds the lab as it was last seen (it follows every change), so after a
    // reload it wins over the page's first parameters (?lesson=, ?scenario=, ?step=, ?autoplay): they were already applied.
    const resumed = resumeEmbedSession(params);
    const restoring = !params.embed && readPermalink(location.hash)?.ok === true;
    const opened = resumed ?? (!restoring && (params.scenario || params.lesson) ? openState(params.scenario, params.lesson, params.task) : fromHash());
    if (params.readonly) useLab.getState().setReadonly(true);
    // progress saved in this browser: show the lesson that was open
    if (!params.embed && !params.lesson && savedLessonId()) useUi.getState().setLessonsOpen(true);
    void opened.then(() => {
      if (resumed) return;
      if (params.step !== undefined && !restoring) useLab.getState().seek(params.step);
      const problem = describeProblems(problems);
      if (problem) useLab.setState({ notice: { kind: 'info', message: problem, scope: 'scenario' } });
      if (params.autoplay && !restoring) useLab.getState().play();
      // from now on the address follows the lab (an embed's address is the host page's business)
      if (!params.embed) startAddressSync();
    });
    // Back, Forward, or a link pasted into the address bar: a history entry of its own, opened as it is
    const onHashChange = () => {
      historyMoved();
      void fromHash(true);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
}
