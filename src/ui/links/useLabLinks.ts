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
import { resumeEmbedSession } from './embedSession';

export const EMBED = parseEmbedParams(typeof location === 'undefined' ? '' : location.search);

/**
 * Loads a decoded link (scenario and cursor) at once; a lesson (its text loads on demand) then
 * opens, with its prepared scenario when the link brought none. Resolves when all is in place.
 */
export async function openState(state: SandboxState | undefined, lesson?: string, task?: string): Promise<void> {
  if (state) useLab.getState().loadScenario(state.scenario, state.cursor);
  if (!lesson) return;
  useUi.getState().setLessonsOpen(true);
  const { useLessons } = await loadLessonStore();
  const l = useLessons.getState().lessons.find((x) => x.id === lesson);
  if (!l) return;
  if (!state) useLab.getState().loadScenario(normalizeScenario(l.scenario));
  useLessons.getState().openLesson(l.id);
  if (task) useLessons.getState().openTask(task);
}

function fromHash(): Promise<void> {
  const r = readPermalink(location.hash);
  if (!r) return Promise.resolve();
  if (r.ok) return openState(r.state, r.state.lesson, r.state.task);
  useLab.setState({ notice: { kind: 'error', message: `This link could not be opened, so the lab shows its default scenario. ${r.error.text}`, scope: 'scenario' } });
  return Promise.resolve();
}

export function useLabLinks(): void {
  useEffect(() => {
    const { params, problems } = EMBED;
    // a restarted embed frame picks up where the learner was; else the parameters or the link
    const resumed = resumeEmbedSession(params);
    const opened = resumed ?? (params.scenario || params.lesson ? openState(params.scenario, params.lesson, params.task) : fromHash());
    if (params.readonly) useLab.getState().setReadonly(true);
    // progress saved in this browser: show the lesson that was open
    if (!params.embed && !params.lesson && savedLessonId()) useUi.getState().setLessonsOpen(true);
    void opened.then(() => {
      if (resumed) return;
      if (params.step !== undefined) useLab.getState().seek(params.step);
      const problem = describeProblems(problems);
      if (problem) useLab.setState({ notice: { kind: 'info', message: problem, scope: 'scenario' } });
      if (params.autoplay) useLab.getState().play();
    });
    const onHashChange = () => void fromHash();
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
}
