import { useEffect } from 'react';
import { useUi } from './store/uiStore';
import { BusPanel } from './ui/bus/BusPanel';
import { useMediaQuery } from './ui/common/hooks';
import { AboutDialog } from './ui/dialogs/AboutDialog';
import { ShortcutsDialog } from './ui/dialogs/ShortcutsDialog';
import { FlowPanel } from './ui/flow/FlowPanel';
import Header from './ui/Header';
import { Split } from './ui/layout/Split';
import { LiveRegion } from './ui/LiveRegion';
import { PlaybackBar } from './ui/playback/PlaybackBar';
import { usePlayback } from './ui/playback/usePlayback';
import { useShortcuts } from './ui/playback/useShortcuts';
import { DeviceTree } from './ui/tree/DeviceTree';
import { SettingsDrawer } from './ui/tree/SettingsDrawer';
import { EventDetails } from './ui/timeline/EventDetails';
import { TimelinePanel } from './ui/timeline/TimelinePanel';
import { PanelHeader } from './ui/common/PanelHeader';
import { useScenarioFromHash } from './ui/useScenarioFromHash';
import { Tabs } from './ui/layout/Tabs';
import { ClientsPanel } from './ui/clients/ClientsPanel';
import { WiaPanel } from './ui/wia/WiaPanel';
import { CustomEventDialog } from './ui/devices/CustomEventDialog';
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
  return (
    <Tabs label="Devices, notification clients and scanners" idPrefix="side" tabs={tabs} value={tab} onChange={setTab}>
      {tab === 'devices' ? <DeviceTree header={false} /> : tab === 'clients' ? <ClientsPanel /> : <WiaPanel />}
    </Tabs>
  );
}

/** Each panel is its own layout and paint island: what changes in one (30 times a second while playing) never relays out the others. */
const panel = 'h-full bg-panel [contain:strict]';

export default function App() {
  const theme = useUi((s) => s.theme);
  const presenter = useUi((s) => s.presenter);
  const wide = useMediaQuery('(min-width: 960px)');
  usePlayback();
  useShortcuts();
  useScenarioFromHash();

  useEffect(() => {
    document.documentElement.classList.toggle('dark', theme === 'dark');
    document.documentElement.classList.toggle('presenter', presenter);
  }, [theme, presenter]);

  const bus = <div className={panel}><BusPanel /></div>;
  const side = <div className={panel}><SidePanel /></div>;
  const flow = <div className={panel}><FlowPanel /></div>;
  const timeline = <div className={panel}><TimelinePanel /></div>;
  const details = <div className={panel}><DetailsPanel /></div>;

  return (
    <div className="flex h-dvh flex-col bg-canvas text-ink">
      <Header />
      <main className="min-h-0 flex-1">
        {wide ? (
          <Split direction="row" initial={[0.31, 0.43, 0.26]} labels={['hardware', 'flowchart', 'timeline']}>
            <Split direction="column" initial={[0.5, 0.5]} labels={['hardware', 'the side section']}>{[bus, side]}</Split>
            {flow}
            <Split direction="column" initial={[0.58, 0.42]} labels={['timeline', 'event details']}>{[timeline, details]}</Split>
          </Split>
        ) : (
          <div className="h-full space-y-1 overflow-auto">
            {[bus, side, flow, timeline, details].map((p, i) => <div key={i} className="h-[75vh] min-h-96">{p}</div>)}
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
