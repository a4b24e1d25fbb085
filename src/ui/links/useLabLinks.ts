/**
 * Startup from the page address: embed parameters (`?embed=1&lesson=…`) or a permalink
 * (`#lab=1.…`, old `#scenario=…`). A link that cannot be opened leaves the default lab and says why.
 */
import { useEffect } from 'react';
import { describeProblems, parseEmbedParams } from '../../embed/params';
import { lessonById } from '../../lessons';
import { normalizeScenario, readPermalink, type SandboxState } from '../../share/permalink';
import { useLab } from '../../store/labStore';
import { useLessons } from '../../store/lessonStore';
import { useUi } from '../../store/uiStore';

export const EMBED = parseEmbedParams(typeof location === 'undefined' ? '' : location.search);

/** Loads a decoded link (scenario and cursor) or a lesson's prepared scenario, then opens the lesson and task. */
export function openState(state: SandboxState | undefined, lesson?: string, task?: string): void {
  const lab = useLab.getState();
  const l = lesson ? lessonById(lesson) : undefined;
  if (state) lab.loadScenario(state.scenario, state.cursor);
  else if (l) lab.loadScenario(normalizeScenario(l.scenario));
  if (l) {
    useLessons.getState().openLesson(l.id);
    if (task) useLessons.getState().openTask(task);
    useUi.getState().setLessonsOpen(true);
  }
}

function fromHash(): void {
  const r = readPermalink(location.hash);
  if (!r) return;
  if (r.ok) openState(r.state, r.state.lesson, r.state.task);
  else useLab.setState({ notice: { kind: 'error', message: `This link could not be opened, so the lab shows its default scenario. ${r.error.text}`, scope: 'scenario' } });
}

export function useLabLinks(): void {
  useEffect(() => {
    const { params, problems } = EMBED;
    if (params.scenario || params.lesson) openState(params.scenario, params.lesson, params.task);
    else fromHash();
    if (params.step !== undefined) useLab.getState().seek(params.step);
    if (params.readonly) useLab.getState().setReadonly(true);
    // progress restored from the browser: show the lesson that was open
    if (useLessons.getState().lessonId && !params.embed) useUi.getState().setLessonsOpen(true);
    const problem = describeProblems(problems);
    if (problem) useLab.setState({ notice: { kind: 'info', message: problem, scope: 'scenario' } });
    if (params.autoplay) useLab.getState().play();
    window.addEventListener('hashchange', fromHash);
    return () => window.removeEventListener('hashchange', fromHash);
  }, []);
}
