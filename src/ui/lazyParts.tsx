/**
 * Parts of the lab that most visits never open (dialogs, the primer, the settings drawer, the Notifications,
 * Scanners and lesson panels) load on first use, so an embedded lab ships less JavaScript.
 */
import { lazy, Suspense, useEffect, type ComponentProps } from 'react';
import { useLoadedLessonStore, useUi } from '../store/hooks';

const SettingsDrawerPart = lazy(() => import('./tree/SettingsDrawer').then((m) => ({ default: m.SettingsDrawer })));
const CustomEventDialogPart = lazy(() => import('./devices/CustomEventDialog').then((m) => ({ default: m.CustomEventDialog })));
const ShortcutsDialogPart = lazy(() => import('./dialogs/ShortcutsDialog').then((m) => ({ default: m.ShortcutsDialog })));
const AboutDialogPart = lazy(() => import('./dialogs/AboutDialog').then((m) => ({ default: m.AboutDialog })));
const ClientsPanelPart = lazy(() => import('./clients/ClientsPanel').then((m) => ({ default: m.ClientsPanel })));
const WiaPanelPart = lazy(() => import('./wia/WiaPanel').then((m) => ({ default: m.WiaPanel })));
const loadLessonPanel = () => import('./lessons/LessonPanel');
const LessonPanelPart = lazy(() => loadLessonPanel().then((m) => ({ default: m.LessonPanel })));
const PrimerDialogPart = lazy(() => import('./primer/PrimerDialog').then((m) => ({ default: m.PrimerDialog })));

function Loading() {
  return <p className="p-3 text-sm text-muted" role="status">Loading…</p>;
}

export function SettingsDrawer() {
  const open = useUi((s) => s.settingsDevice !== undefined);
  return open ? <Suspense fallback={null}><SettingsDrawerPart /></Suspense> : null;
}

export function CustomEventDialog() {
  const open = useUi((s) => s.customEventDevice !== undefined);
  return open ? <Suspense fallback={null}><CustomEventDialogPart /></Suspense> : null;
}

export function ShortcutsDialog() {
  const open = useUi((s) => s.dialog === 'shortcuts');
  return open ? <Suspense fallback={null}><ShortcutsDialogPart /></Suspense> : null;
}

export function AboutDialog() {
  const open = useUi((s) => s.dialog === 'about');
  return open ? <Suspense fallback={null}><AboutDialogPart /></Suspense> : null;
}

/** The primer and its entries' text load when it is first opened (their own chunk). */
export function PrimerDialog() {
  const open = useUi((s) => s.dialog === 'primer');
  return open ? <Suspense fallback={null}><PrimerDialogPart /></Suspense> : null;
}

export function ClientsPanel() {
  return <Suspense fallback={<Loading />}><ClientsPanelPart /></Suspense>;
}

export function WiaPanel() {
  return <Suspense fallback={<Loading />}><WiaPanelPart /></Suspense>;
}

/** The lesson panel, once its code and the root's lesson store (with the lessons) have loaded; both are fetched at once. */
export function LessonPanel(props: ComponentProps<typeof LessonPanelPart>) {
  const lessons = useLoadedLessonStore();
  useEffect(() => {
    void loadLessonPanel();
  }, []);
  return lessons ? <Suspense fallback={<Loading />}><LessonPanelPart {...props} /></Suspense> : <Loading />;
}
