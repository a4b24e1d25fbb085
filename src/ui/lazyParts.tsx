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
import { Suspense, use, type ComponentProps, type ComponentType } from 'react';
import { loadLessonStore } from '../store/lessonGate';
import { useUi } from '../store/uiStore';

/** A part loaded on first use: `prefetch` fetches it (once); `Loaded` renders it, suspending only while it is not there yet. */
function onDemand<P extends object>(load: () => Promise<ComponentType<P>>) {
  let part: ComponentType<P> | undefined;
  let fetching: Promise<void> | undefined;
  const fetch = () => (fetching ??= load().then((c) => void (part = c)));
  function Loaded(props: P) {
    if (!part) use(fetch());
    const Part = part!;
    return <Part {...props} />;
  }
  return { Loaded, prefetch: () => void fetch().catch(() => undefined) };
}

const settingsDrawer = onDemand(() => import('./tree/SettingsDrawer').then((m) => m.SettingsDrawer));
const customEventDialog = onDemand(() => import('./devices/CustomEventDialog').then((m) => m.CustomEventDialog));
const shortcutsDialog = onDemand(() => import('./dialogs/ShortcutsDialog').then((m) => m.ShortcutsDialog));
const aboutDialog = onDemand(() => import('./dialogs/AboutDialog').then((m) => m.AboutDialog));
const clientsPanel = onDemand(() => import('./clients/ClientsPanel').then((m) => m.ClientsPanel));
const wiaPanel = onDemand(() => import('./wia/WiaPanel').then((m) => m.WiaPanel));
// the panel shows once the lesson store has read the saved progress (the lesson that was open, and its lesson's text)
const lessonPanel = onDemand(() => Promise.all([import('./lessons/LessonPanel'), loadLessonStore()]).then(([m]) => m.LessonPanel));
const primerDialog = onDemand(() => import('./primer/PrimerDialog').then((m) => m.PrimerDialog));

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
export const prefetchLessons = lessonPanel.prefetch;
export const prefetchPrimer = primerDialog.prefetch;

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

export function LessonPanel(props: ComponentProps<typeof import('./lessons/LessonPanel').LessonPanel>) {
  return <Suspense fallback={<Loading />}><lessonPanel.Loaded {...props} /></Suspense>;
}
