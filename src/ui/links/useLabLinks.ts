/**
 * Startup from the page address: embed parameters (`?embed=1&lesson=…`) or a permalink
 * (`#lab=1.…`, old `#scenario=…`). A link that cannot be opened leaves the default lab and says why.
 */
import { useEffect } from 'react';
import { describeProblems, parseEmbedParams } from '../../embed/params';
import { normalizeScenario, readPermalink, type SandboxState } from '../../share/permalink';
import { useLab } from '../../store/labStore';
import { loadLessonStore, savedLessonId } from '../../store/lessonGate';
import { useUi } from '../../store/uiStore';
import { whyRunFails } from '../share/shareActions';

export const EMBED = parseEmbedParams(typeof location === 'undefined' ? '' : location.search);

/**
 * Loads a decoded link (scenario and cursor) at once; a lesson (its text loads on demand) then
 * opens, with its prepared scenario when the link brought none. Resolves when all is in place.
 */
export async function openState(state: SandboxState | undefined, lesson?: string, task?: string): Promise<boolean> {
  if (state && !useLab.getState().loadScenario(state.scenario, state.cursor)) return false;
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

/** Opens the link in the address; one that cannot be opened leaves the lab as it is (the default one at startup) and says why. */
async function fromHash(startup: boolean): Promise<void> {
  const r = readPermalink(location.hash);
  if (!r) return;
  const kept = startup ? 'so the lab shows its default scenario' : 'so the lab is unchanged';
  // a link that decodes can still fail when it runs (an impossible step, the work budget's cap)
  const why = !r.ok ? r.error.text : (await openState(r.state, r.state.lesson, r.state.task)) ? undefined : `scenario.${whyRunFails(r.state.scenario)}`;
  if (why !== undefined) useLab.setState({ notice: { kind: 'error', message: `This link could not be opened, ${kept}. ${why}`, scope: 'scenario' } });
}

export function useLabLinks(): void {
  useEffect(() => {
    const { params, problems } = EMBED;
    const opened = params.scenario || params.lesson ? openState(params.scenario, params.lesson, params.task) : fromHash(true);
    if (params.readonly) useLab.getState().setReadonly(true);
    // progress saved in this browser: show the lesson that was open
    if (!params.embed && !params.lesson && savedLessonId()) useUi.getState().setLessonsOpen(true);
    void opened.then(() => {
      if (params.step !== undefined) useLab.getState().seek(params.step);
      const problem = describeProblems(problems);
      if (problem) useLab.setState({ notice: { kind: 'info', message: problem, scope: 'scenario' } });
      if (params.autoplay) useLab.getState().play();
    });
    const onHashChange = () => void fromHash(false);
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
}
