/**
 * Parts of the lab that most visits never open (dialogs, the primer, the settings drawer, the Notifications,
 * Scanners and lesson panels) load on first use, so an embedded lab ships less JavaScript. A lesson's
 * own text is a chunk too, loaded when the lesson is opened (lessons/load.ts).
 *
 * Each part is fetched ahead of use: `prefetch` is called when what opens it is reached for (the
 * pointer or the focus on its button, a device chip, the side tabs; the first key pressed for the
 * keyboard shortcuts), so it opens at once when asked for. A part fetched ahead renders in the same
 * frame as the action that opens it; one asked for before it arrived shows when it has.
 */
import { Suspense, useEffect, type ComponentProps } from 'react';
import { useStore } from 'zustand';
import { useLoadedLessonStore, useUi } from '../store/hooks';
import type { Stores } from '../store/stores';
import { onDemand } from './common/onDemand';
import { primerDialog } from './primer/primerPart';
import { cancelRun, prefetchScenarioChecks } from '../worker/runScheduler';
import { runProgress } from '../worker/runProgress';

const settingsDrawer = onDemand(() => import('./tree/SettingsDrawer').then((m) => m.SettingsDrawer));
const customEventDialog = onDemand(() => import('./devices/CustomEventDialog').then((m) => m.CustomEventDialog));
const shortcutsDialog = onDemand(() => import('./dialogs/ShortcutsDialog').then((m) => m.ShortcutsDialog));
const aboutDialog = onDemand(() => import('./dialogs/AboutDialog').then((m) => m.AboutDialog));
const clientsPanel = onDemand(() => import('./clients/ClientsPanel').then((m) => m.ClientsPanel));
const wiaPanel = onDemand(() => import('./wia/WiaPanel').then((m) => m.WiaPanel));
const lessonPanel = onDemand(() => import('./lessons/LessonPanel').then((m) => m.LessonPanel));
const runProgressBar = onDemand(() => import('./playback/RunProgress').then((m) => m.RunProgress));

/** What a device chip opens besides its menu (its settings, a custom event, a scanner's card): fetched when the chip is reached for. */
export function prefetchDeviceParts(scanner: boolean): void {
  settingsDrawer.prefetch();
  customEventDialog.prefetch();
  if (scanner) wiaPanel.prefetch();
}

/** The Notifications and Scanners tabs' panels: fetched when the side tabs are reached for. */
export function prefetchSidePanels(): void {
  clientsPanel.prefetch();
  wiaPanel.prefetch();
}

/** What the keyboard shortcuts open (the shortcuts list, the primer): fetched at the first key pressed. */
export function prefetchShortcutParts(): void {
  shortcutsDialog.prefetch();
  primerDialog.prefetch();
}

export const prefetchAbout = aboutDialog.prefetch;
/** The lesson panel and the root's lesson store (with the lessons its saved progress names): fetched when Lessons is reached for. */
export function prefetchLessons(stores: Stores): void {
  lessonPanel.prefetch();
  void stores.lessons.load().catch(() => undefined);
}

function Loading() {
  return <p className="p-3 text-sm text-muted" role="status">Loading…</p>;
}

export function SettingsDrawer() {
  const open = useUi((s) => s.settingsDevice !== undefined);
  return open ? <Suspense fallback={null}><settingsDrawer.Loaded /></Suspense> : null;
}

export function CustomEventDialog() {
  const open = useUi((s) => s.customEventDevice !== undefined);
  return open ? <Suspense fallback={null}><customEventDialog.Loaded /></Suspense> : null;
}

export function ShortcutsDialog() {
  const open = useUi((s) => s.dialog === 'shortcuts');
  return open ? <Suspense fallback={null}><shortcutsDialog.Loaded /></Suspense> : null;
}

export function AboutDialog() {
  const open = useUi((s) => s.dialog === 'about');
  return open ? <Suspense fallback={null}><aboutDialog.Loaded /></Suspense> : null;
}

/** The primer and its entries' text load when it is first opened (their own chunk). */
export function PrimerDialog() {
  const open = useUi((s) => s.dialog === 'primer');
  return open ? <Suspense fallback={null}><primerDialog.Loaded /></Suspense> : null;
}

export function ClientsPanel() {
  return <Suspense fallback={<Loading />}><clientsPanel.Loaded /></Suspense>;
}

export function WiaPanel() {
  return <Suspense fallback={<Loading />}><wiaPanel.Loaded /></Suspense>;
}

/**
 * The lesson panel, once its code and the root's lesson store have loaded (the store has then read the
 * saved progress: the lesson that was open, and that lesson's text); both are fetched at once.
 */
export function LessonPanel(props: ComponentProps<typeof import('./lessons/LessonPanel').LessonPanel>) {
  const lessons = useLoadedLessonStore();
  useEffect(() => lessonPanel.prefetch(), []);
  return lessons ? <Suspense fallback={<Loading />}><lessonPanel.Loaded {...props} /></Suspense> : <Loading />;
}

/**
 * The progress bar of a run in the engine worker, with its Cancel (playback/RunProgress.tsx): only while such a run
 * goes on. Fetched when the lab is reached for, and at the latest when the run starts (the bar shows after 300 ms).
 */
export function RunProgress() {
  const running = useStore(runProgress, (s) => s.running !== undefined);
  return running ? <Suspense fallback={null}><runProgressBar.Loaded cancelRun={cancelRun} /></Suspense> : null;
}

/**
 * What the lab's first change may need, fetched when the lab is first reached for (a pointer over the page, a focus,
 * a key): the scenario checks (zod and the schema, a chunk of their own: the lab's first run does without them), so the
 * first edit runs in the frame it is asked for (worker/runScheduler.ts), the worker run's progress bar, and the font
 * warm-up (common/warmFonts.ts: the fonts a big lab needs, looked up while the page is idle).
 */
export function prefetchWhenReachedFor(): void {
  const prefetch = () => {
    prefetchScenarioChecks();
    runProgressBar.prefetch();
    // not in the tasks that first show a big lab (common/warmFonts.ts): a chunk of its own, fetched now
    void import('./common/warmFonts').then((m) => m.warmFonts(), () => {});
  };
  for (const type of ['pointerover', 'pointerdown', 'focusin', 'keydown'] as const) {
    addEventListener(type, prefetch, { once: true, capture: true, passive: true });
  }
}
