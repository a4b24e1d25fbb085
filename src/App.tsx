import { useEffect, type ReactNode } from 'react';
import { useUi } from './store/uiStore';
import { useMediaQuery } from './ui/common/hooks';
import { FlowPanel } from './ui/flow/FlowPanel';
import { AboutDialog, ClientsPanel, CustomEventDialog, LessonPanel, SettingsDrawer, ShortcutsDialog, WiaPanel } from './ui/lazyParts';
import { LiveRegion } from './ui/LiveRegion';
import { PlaybackBar } from './ui/playback/PlaybackBar';
import { useDisplayPosition } from './ui/playback/useDisplayPosition';
import { usePlayback } from './ui/playback/usePlayback';
import { useShortcuts } from './ui/playback/useShortcuts';
import { BusPanel, DeviceTree, EventDetails, Header, Split } from './ui/startParts';
import { TimelinePanel } from './ui/timeline/TimelinePanel';
import { PanelHeader } from './ui/common/PanelHeader';
import { EMBED, useLabLinks } from './ui/links/useLabLinks';
import { EmbedBridge, notifyLessonCompleted } from './ui/links/EmbedBridge';
import { useShownTheme } from './ui/links/embedTheme';
import type { Panel } from './embed/params';
import { NoticeBar } from './ui/common/NoticeBar';
import { Tabs } from './ui/layout/Tabs';
import { useLab } from './store/labStore';
import type { SideTab } from './store/uiStore';

function DetailsPanel() {
  return (
    <section aria-labelledby="details-title" className="flex h-full flex-col">
      <PanelHeader id="details-title" title="Selected event" />
      <div className="min-h-0 flex-1 overflow-auto" tabIndex={0} aria-label="Details of the event under the cursor">
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
  const readonly = useLab((s) => s.readonly);
  return (
    <Tabs label="Devices, notification clients and scanners" idPrefix="side" tabs={tabs} value={tab} onChange={setTab}>
      <ReadOnly readonly={readonly}>
        {tab === 'devices' ? <DeviceTree header={false} /> : tab === 'clients' ? <ClientsPanel /> : <WiaPanel />}
      </ReadOnly>
    </Tabs>
  );
}

/** In a read-only embed every control inside is disabled (the store refuses edits too). */
function ReadOnly({ readonly, children }: { readonly: boolean; children: ReactNode }) {
  return <fieldset disabled={readonly} className="contents">{children}</fieldset>;
}

/** The lesson column: the lab's trace, cursor and scenario, and what the lesson may do with them. */
function Lessons({ onLessonCompleted }: { onLessonCompleted?(id: string): void }) {
  const trace = useLab((s) => s.run.trace);
  // exact when paused or at reading speed; a question always pauses the playback where it is asked
  const position = useDisplayPosition();
  const scenario = useLab((s) => s.scenario);
  return (
    <LessonPanel
      trace={trace}
      cursor={position}
      scenario={scenario}
      loadScenario={(sc) => useLab.getState().loadScenario(sc)}
      applySolution={(_task, sc) => useLab.getState().loadScenario(sc)}
      onLessonCompleted={onLessonCompleted}
      onContinue={() => useLab.getState().play()}
      readonly={EMBED.params.readonly}
    />
  );
}

/** Each panel is its own layout and paint island: what changes in one (30 times a second while playing) never relays out the others. */
const panel = 'h-full bg-panel [contain:strict]';

export default function App() {
  const savedTheme = useUi((s) => s.theme);
  const presenter = useUi((s) => s.presenter);
  const lessonsOpen = useUi((s) => s.lessonsOpen);
  const readonly = useLab((s) => s.readonly);
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
  }, [theme, presenter, embedded]);

  const bus = <div className={panel}><ReadOnly readonly={readonly}><BusPanel /></ReadOnly></div>;
  const side = <div className={panel}><SidePanel /></div>;
  const flow = <div className={panel}><FlowPanel /></div>;
  const timeline = <div className={panel}><TimelinePanel /></div>;
  const details = <div className={panel}><DetailsPanel /></div>;
  const lesson = <div className={panel}><Lessons onLessonCompleted={notifyLessonCompleted} /></div>;

  if (embedded) {
    const byName: Record<Panel, ReactNode> = { hardware: bus, tree: side, flow, timeline, lesson };
    const shown = EMBED.params.panels;
    return (
      <div className="flex flex-col bg-canvas text-ink">
        {!shown.includes('hardware') && <div className="px-2 pt-1 empty:hidden"><NoticeBar /></div>}
        <main className="grid h-[560px] gap-1" style={{ gridTemplateColumns: shown.map((p) => (p === 'flow' ? 'minmax(0, 1.5fr)' : 'minmax(0, 1fr)')).join(' ') }}>
          {shown.map((p) => <div key={p} className="min-h-0">{byName[p]}</div>)}
        </main>
        {EMBED.params.controls && <PlaybackBar />}
        <SettingsDrawer />
        <CustomEventDialog />
        <ShortcutsDialog />
        <LiveRegion />
        <EmbedBridge />
      </div>
    );
  }

  return (
    <div className="flex h-dvh flex-col bg-canvas text-ink">
      <Header />
      <main className="min-h-0 flex-1">
        {wide ? (
          lessonsOpen ? (
            <Split key="with-lesson" direction="row" initial={[0.22, 0.26, 0.3, 0.22]} labels={['lesson', 'hardware', 'flowchart', 'timeline']}>
              {lesson}
              <Split direction="column" initial={[0.5, 0.5]} labels={['hardware', 'the side section']}>{[bus, side]}</Split>
              {flow}
              <Split direction="column" initial={[0.58, 0.42]} labels={['timeline', 'event details']}>{[timeline, details]}</Split>
            </Split>
          ) : (
            <Split key="sandbox" direction="row" initial={[0.31, 0.43, 0.26]} labels={['hardware', 'flowchart', 'timeline']}>
              <Split direction="column" initial={[0.5, 0.5]} labels={['hardware', 'the side section']}>{[bus, side]}</Split>
              {flow}
              <Split direction="column" initial={[0.58, 0.42]} labels={['timeline', 'event details']}>{[timeline, details]}</Split>
            </Split>
          )
        ) : (
          <div className="h-full space-y-1 overflow-auto">
            {[...(lessonsOpen ? [lesson] : []), bus, side, flow, timeline, details].map((p, i) => <div key={i} className="h-[75vh] min-h-96">{p}</div>)}
          </div>
        )}
      </main>
      <PlaybackBar />
      <SettingsDrawer />
      <CustomEventDialog />
      <ShortcutsDialog />
      <AboutDialog />
      <LiveRegion />
    </div>
  );
}
