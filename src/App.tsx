import { useEffect, type ReactNode } from 'react';
import { useDisplayPosition, useLab, useLabStore, useUi } from './store/hooks';
import { useMediaQuery } from './ui/common/hooks';
import { FlowPanel } from './ui/flow/FlowPanel';
import { ComparePicker, StageViews } from './ui/stage/StageViews';
import { EmbedComparePanel, EmbedSourcePanel } from './ui/stage/embedPanels';
import { AboutDialog, ClientsPanel, CustomEventDialog, LessonPanel, prefetchSidePanels, PrimerDialog, SettingsDrawer, ShortcutsDialog, WiaPanel } from './ui/lazyParts';
import { LiveRegion } from './ui/LiveRegion';
import { PlaybackBar } from './ui/playback/PlaybackBar';
import { usePlayback } from './ui/playback/usePlayback';
import { useShortcuts } from './ui/playback/useShortcuts';
import { BusPanel, DeviceTree, EventDetails, Header, Split, TimelinePanel } from './ui/startParts';
import { PanelHeader } from './ui/common/PanelHeader';
import { EMBED, useLabLinks } from './ui/links/useLabLinks';
import { newEntry } from './ui/links/address';
import { EmbedBridge, notifyLessonCompleted } from './ui/links/EmbedBridge';
import { useShownTheme } from './ui/links/embedTheme';
import { DEFAULT_PANELS, type Panel } from './embed/params';
import { NoticeBar } from './ui/common/NoticeBar';
import { Tabs } from './ui/layout/Tabs';
import { EmbedLayout } from './ui/layout/EmbedLayout';
import type { SideTab } from './store/uiStore';
import { OWN_SCENARIO } from './store/labStore';

function DetailsPanel() {
  return (
    <section aria-labelledby="details-title" className="flex h-full flex-col">
      <PanelHeader id="details-title" title="Selected event" />
      <div className="min-h-0 flex-1 overflow-auto" role="region" tabIndex={0} aria-label="Details of the event under the cursor">
        <EventDetails />
      </div>
    </section>
  );
}

const SIDE_TABS: { id: SideTab; label: string }[] = [
  { id: 'devices', label: 'Device Manager' },
  { id: 'clients', label: 'Notifications' },
  { id: 'wia', label: 'Scanners' },
];

/** Under the hardware: Device Manager, the notification clients and the WIA scanners, one at a time. */
function SidePanel() {
  const tab = useUi((s) => s.sideTab);
  const setTab = useUi((s) => s.setSideTab);
  const clients = useLab((s) => s.scenario.clients?.length ?? 0);
  const scanners = useLab((s) => s.scenario.devices.filter((d) => d.model === 'usb-scanner').length);
  const tabs = SIDE_TABS.map((t) => ({ ...t, badge: t.id === 'clients' && clients > 0 ? clients : t.id === 'wia' && scanners > 0 ? scanners : undefined }));
  // the Notifications and Scanners panels are fetched when the tabs are reached for, so a tab shows at once
  return (
    <div className="h-full" onPointerEnter={prefetchSidePanels} onFocus={prefetchSidePanels}>
      <Tabs label="Devices, notification clients and scanners" idPrefix="side" tabs={tabs} value={tab} onChange={setTab}>
        {tab === 'devices' ? <DeviceTree header={false} /> : tab === 'clients' ? <ClientsPanel /> : <WiaPanel />}
      </Tabs>
    </div>
  );
}

/** The lesson column: the lab's trace, cursor and scenario, and what the lesson may do with them. */
function Lessons({ onLessonCompleted }: { onLessonCompleted?(id: string): void }) {
  const lab = useLabStore();
  const trace = useLab((s) => s.run.trace);
  // exact when paused or at reading speed; a question always pauses the playback where it is asked
  const position = useDisplayPosition();
  const scenario = useLab((s) => s.scenario);
  return (
    <LessonPanel
      trace={trace}
      cursor={position}
      scenario={scenario}
      // a lesson's prepared scenario and its tasks' solutions are the lab's own: they run without the scenario checks
      loadScenario={(sc) => newEntry(() => lab.getState().loadScenario(sc, undefined, undefined, OWN_SCENARIO))}
      applySolution={(_task, sc) => newEntry(() => lab.getState().loadScenario(sc, undefined, undefined, OWN_SCENARIO))}
      onLessonCompleted={onLessonCompleted}
      onContinue={() => lab.getState().play()}
      readonly={EMBED.params.readonly}
    />
  );
}

/**
 * The stage: the hardware (bench and ports) above the side section on the left; the flowchart, the
 * largest panel, across the rest, with the timeline and the selected event below it. Wide rather than
 * tall, so the current row's lane and the lane that called it can both be in view. The lesson, when
 * open, is a column of its own on the left.
 */
function Stage({ lesson, bus, side, flow, timeline, details }: { lesson?: ReactNode; bus: ReactNode; side: ReactNode; flow: ReactNode; timeline: ReactNode; details: ReactNode }) {
  const left = <Split direction="column" initial={[0.64, 0.36]} labels={['hardware', 'the side section']}>{[bus, side]}</Split>;
  const right = (
    <Split direction="column" initial={[0.64, 0.36]} labels={['flowchart', 'timeline and details']}>
      {[flow, <Split key="below" direction="row" initial={[0.55, 0.45]} labels={['timeline', 'event details']}>{[timeline, details]}</Split>]}
    </Split>
  );
  // the hardware column is at least ~340 px wide, so two ports side by side still show a device's name
  const hw = Math.min(0.4, Math.max(0.28, 340 / innerWidth));
  return lesson ? (
    <Split key="with-lesson" direction="row" initial={[0.22, Math.max(0.24, hw - 0.04), 0.78 - Math.max(0.24, hw - 0.04)]} labels={['lesson', 'hardware', 'flowchart']}>{[lesson, left, right]}</Split>
  ) : (
    <Split key="sandbox" direction="row" initial={[hw, 1 - hw]} labels={['hardware', 'flowchart']}>{[left, right]}</Split>
  );
}

/** Each panel is its own layout and paint island: what changes in one (30 times a second while playing) never relays out the others. */
const panel = 'h-full bg-panel [contain:strict]';

export default function App() {
  const savedTheme = useUi((s) => s.theme);
  const presenter = useUi((s) => s.presenter);
  const lessonsOpen = useUi((s) => s.lessonsOpen);
  const focusView = useUi((s) => s.focusView);
  const readonly = useLab((s) => s.readonly);
  const comparing = useLab((s) => s.scenario.compare !== undefined);
  const wide = useMediaQuery('(min-width: 960px)');
  const embedded = EMBED.params.embed;
  // an embed's theme (its parameter, then the host page's set-theme) wins for this visit only; it is not saved as the visitor's preference
  const theme = useShownTheme(savedTheme);
  usePlayback();
  useShortcuts();
  useLabLinks();


  useEffect(() => {
    document.documentElement.classList.toggle('dark', theme === 'dark');
    document.documentElement.classList.toggle('presenter', presenter && !embedded);
    document.documentElement.classList.toggle('embedded', embedded);
    // read-only: every editing control (marked data-edit) is hidden, not just disabled (index.css);
    // what moves the cursor (results, received notifications, device chips' focus) stays
    document.documentElement.classList.toggle('readonly', readonly);
  }, [theme, presenter, embedded, readonly]);

  const bus = <div className={panel}><BusPanel /></div>;
  const side = <div className={panel}><SidePanel /></div>;
  const flow = <div className={panel}>{embedded ? <FlowPanel /> : <StageViews />}</div>;
  const timeline = <div className={`${panel} presenter-large`}><TimelinePanel /></div>;
  const details = <div className={`${panel} presenter-large`}><DetailsPanel /></div>;
  const lesson = <div className={panel}><Lessons onLessonCompleted={notifyLessonCompleted} /></div>;

  if (embedded) {
    const source = <div className={panel}><EmbedSourcePanel /></div>;
    const compare = <div className={panel}><EmbedComparePanel /></div>;
    const byName: Record<Panel, ReactNode> = { hardware: bus, tree: side, flow, timeline, lesson, source, compare };
    // a scenario that brings a comparison (a lesson's) shows it in Device Manager's place unless the page chose the panels
    const shown = comparing && !EMBED.params.panels.includes('compare') && EMBED.params.panels.join() === [...DEFAULT_PANELS, ...(EMBED.params.lesson ? ['lesson'] : [])].join()
      ? EMBED.params.panels.map((p) => (p === 'tree' ? 'compare' : p))
      : EMBED.params.panels;
    return (
      <div className="flex flex-col bg-canvas text-ink">
        {!shown.includes('hardware') && <div className="px-2 pt-1 empty:hidden"><NoticeBar /></div>}
        <EmbedLayout shown={shown} byName={byName} />
        {EMBED.params.controls && <PlaybackBar />}
        <SettingsDrawer />
        <CustomEventDialog />
        <ShortcutsDialog />
        <PrimerDialog />
        <ComparePicker />
        <LiveRegion />
        <EmbedBridge />
      </div>
    );
  }

  return (
    <div className="flex h-dvh flex-col bg-canvas text-ink">
      <Header />
      <main className="min-h-0 flex-1">
        {focusView ? (
          flow
        ) : wide ? (
          <Stage lesson={lessonsOpen ? lesson : undefined} bus={bus} side={side} flow={flow} timeline={timeline} details={details} />
        ) : (
          <div className="h-full space-y-1 overflow-auto">
            {lessonsOpen && <div className="h-[75vh] min-h-96">{lesson}</div>}
            <div className="h-[60vh] min-h-80">{bus}</div>
            <div className="h-[70vh] min-h-96">{flow}</div>
            <div className="h-[60vh] min-h-80">{timeline}</div>
            <div className="h-[60vh] min-h-80">{details}</div>
            <div className="h-[75vh] min-h-96">{side}</div>
          </div>
        )}
      </main>
      <PlaybackBar />
      <SettingsDrawer />
      <CustomEventDialog />
      <ShortcutsDialog />
      <AboutDialog />
      <PrimerDialog />
      <ComparePicker />
      <LiveRegion />
    </div>
  );
}
