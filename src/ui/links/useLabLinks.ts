/**
 * Startup from the page address: embed parameters (`?embed=1&lesson=…`) or a permalink
 * (`#lab=1.…`, old `#scenario=…`). A link that cannot be opened leaves the default lab and says why.
 */
import { useEffect } from 'react';
import { describeProblems, neededReaders, parseEmbedParams } from '../../embed/params';
import type { DecodeResult } from '../../share/permalink';
import { loadPermalink } from '../../share/loadPermalink';
import { hasPermalink } from '../../share/sandbox';
import { useStores } from '../../store/hooks';
import { DEFAULT_SCENARIO, OWN_SCENARIO } from '../../store/labStore';
import { lessonSelection, savedLessonId } from '../../store/lessonGate';
import type { Stores } from '../../store/stores';
import { historyMoved, startAddressSync } from './address';
import { openState } from './openState';

const search = typeof location === 'undefined' ? '' : location.search;

/**
 * The page's embed parameters. A `scenario` link or a `lesson` among them is read by
 * `readEmbedParams`, which main.tsx awaits before the first render (the link codec and the lesson
 * list load only for a page that has one; the codec also for a page whose fragment holds a link).
 */
export const EMBED = parseEmbedParams(search);

/**
 * Reads the `scenario` link, the `lesson` and `compare` of the embed parameters into EMBED, if the address has
 * them, and fetches the link codec when the fragment holds a link (a shared link, the full lab's own
 * address after a reload), so that link opens without a fetch after the first render.
 */
export async function readEmbedParams(): Promise<void> {
  const needs = neededReaders(search);
  const fragmentLink = typeof location !== 'undefined' && hasPermalink(location.hash);
  if (!needs.checkLesson && !needs.parseComparisonText) {
    if (fragmentLink) await loadPermalink();
    return;
  }
  const [lessonLink, codec, comparison] = await Promise.all([
    needs.checkLesson ? import('../../share/lessonLink') : undefined,
    needs.decodePermalink || fragmentLink ? loadPermalink() : undefined,
    // `compare=`: its text form (a chunk of its own, with what applies it once the scenario is open: store/compareStore.ts)
    needs.parseComparisonText ? import('../../scenario/comparison') : undefined,
  ]);
  Object.assign(EMBED, parseEmbedParams(search, { checkLesson: lessonLink?.checkLesson, decodePermalink: codec?.decodePermalink, parseComparisonText: comparison?.parseComparisonText }));
}

/** The lab link in a page fragment, decoded; undefined when the fragment holds none (the codec is not loaded then). */
async function readLink(hash: string): Promise<DecodeResult | undefined> {
  return hasPermalink(hash) ? (await loadPermalink()).readPermalink(hash) : undefined;
}

/**
/**
 * Opens the lab the address holds (`r`, its link decoded). `moved`: Back, Forward or an address typed in while the lab runs;
 * then the address is the whole truth: no lab in it is the default lab, no lesson in it closes the
 * open lesson. A link that cannot be opened leaves the lab as it is (the default one at startup) and says why.
 */
async function openLink(stores: Stores, r: DecodeResult | undefined, moved = false): Promise<void> {
  const { lab, gates, lessons } = stores;
  if (!r) {
    if (moved) lab.getState().loadScenario(DEFAULT_SCENARIO, undefined, undefined, OWN_SCENARIO);
    return;
  }
  const kept = moved ? 'so the lab is unchanged' : 'so the lab shows its default scenario';
  let why: string | undefined;
  if (!r.ok) why = r.error.text;
  else {
    if (moved && r.state.lesson === undefined && lessonSelection(gates).lessonId !== undefined) (await lessons.load()).getState().openLesson(undefined);
    // a link that decodes can still fail when it runs (an impossible step, the work budget's cap)
    // (a run that fails, on the page or in the engine worker, says so in its notice)
    await openState(stores, r.state, r.state.lesson, r.state.task, (w) => `This link could not be opened, ${kept}. scenario.${w}`);
  }
  if (why !== undefined) lab.setState({ notice: { kind: 'error', message: `This link could not be opened, ${kept}. ${why}`, scope: 'scenario' } });
}

/** Opens what the page asks for at start: a restarted embed's session, else the address's link or the parameters. */
async function openAtStart(stores: Stores): Promise<void> {
  const { lab } = stores;
  const { params, problems } = EMBED;
  // a restarted embed frame picks up where the learner was (embedSession.ts, loaded only for an embed with a session); else the parameters or the link.
  if (params.embed && params.session && (await (await import('./embedSession')).resumeEmbedSession(stores, params))) return;
  // Outside an embed the fragment holds the lab as it was last seen (it follows every change), so after a
  // reload it wins over the page's first parameters (?lesson=, ?scenario=, ?step=, ?autoplay): they were already applied.
  const link = await readLink(location.hash);
  const restoring = !params.embed && link?.ok === true;
  if (!restoring && (params.scenario || params.lesson)) await openState(stores, params.scenario, params.lesson, params.task);
  else await openLink(stores, link);
  // `compare=` applies to the scenario the embed opened (its shape was checked with the other parameters)
  const comparing = params.compare !== undefined && !restoring ? (await import('../../store/compareStore')).applyComparisonText(lab, params.compare) : undefined;
  if (params.step !== undefined && !restoring) lab.getState().seek(params.step);
  const problem = describeProblems(comparing ? [...problems, { param: 'compare', message: comparing, text: comparing }] : problems);
  if (problem) lab.setState({ notice: { kind: 'info', message: problem, scope: 'scenario' } });
  if (params.autoplay && !restoring) lab.getState().play();
  // from now on the address follows the lab (an embed's address is the host page's business)
  if (!params.embed) startAddressSync(stores);
}

export function useLabLinks(): void {
  const stores = useStores();
  useEffect(() => {
    const { lab, ui } = stores;
    const { params } = EMBED;
    if (params.readonly) lab.getState().setReadonly(true);
    // progress saved in this browser: show the lesson that was open
    if (!params.embed && !params.lesson && savedLessonId()) ui.getState().setLessonsOpen(true);
    void openAtStart(stores);
    // Back, Forward, or a link pasted into the address bar: a history entry of its own, opened as it is.
    // What was about to be written belongs to the entry left: dropped as the history moves (popstate comes in the same
    // task as the move; a write due between it and hashchange would put the old lab into the new entry), and the
    // entry's link is read from the event, as it was when the history moved.
    const onPopState = () => historyMoved();
    const onHashChange = (e: HashChangeEvent) => {
      historyMoved();
      void readLink(new URL(e.newURL).hash).then((r) => openLink(stores, r, true));
    };
    window.addEventListener('popstate', onPopState);
    window.addEventListener('hashchange', onHashChange);
    return () => {
      window.removeEventListener('popstate', onPopState);
      window.removeEventListener('hashchange', onHashChange);
    };
  }, [stores]);
}
