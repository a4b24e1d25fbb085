import { useMemo } from 'react';
import { ALL_TABLES } from '../../engine/tables/registry';
import { useUi, useUiStore } from '../../store/hooks';
import { Modal } from '../common/Modal';
import { docsUrl } from '../flow/docsUrl';

/** The five Microsoft pages the lab was built from (shared/seeds). */
const SOURCE_PAGES: { title: string; cite: string }[] = [
  { title: 'A User Unplugs a Device (UMDF 1)', cite: 'wdf/a-user-unplugs-a-device-umdf.md' },
  { title: 'Handling Requests to Stop a Device', cite: 'wdf/handling-requests-to-stop-a-device.md' },
  { title: 'PnP Notification Overview', cite: 'kernel/pnp-notification-overview.md' },
  { title: 'How the WIA minidriver receives a disconnect event from the WIA service', cite: 'image/how-the-wia-minidriver-receives-a-disconnect-event-from-the-wia-servic.md' },
  { title: 'Canceling a Data Transfer', cite: 'image/canceling-a-data-transfer.md' },
];

export function AboutDialog() {
  const ui = useUiStore();
  const open = useUi((s) => s.dialog === 'about');
  const close = () => ui.getState().openDialog(undefined);
  const cited = useMemo(() => {
    const all = new Set<string>();
    for (const t of ALL_TABLES) {
      all.add(t.cite);
      for (const r of t.rows) if (r.cite) all.add(r.cite);
    }
    return [...all].sort();
  }, []);
  return (
    <Modal id="about" open={open} title="About PnP Lab" onClose={close}>
      <p className="mb-3">
        <strong>PnP Lab</strong> is a visual teaching lab for Windows Plug and Play: plug virtual devices in, pull cables, eject, disable and rebalance,
        and watch in order which IRPs the PnP manager sends, which KMDF callbacks each driver gets, and why. Every sequence comes from the engine's
        tables, and every table row cites the Microsoft page it follows.
      </p>
      <h3 className="mb-1 mt-4 font-semibold">Built from these Microsoft pages</h3>
      <ul className="mb-3 list-disc space-y-0.5 pl-5">
        {SOURCE_PAGES.map((p) => (
          <li key={p.cite}><a className="text-accent underline underline-offset-2" href={docsUrl(p.cite)} target="_blank" rel="noreferrer">{p.title}</a></li>
        ))}
      </ul>
      <h3 className="mb-1 mt-4 font-semibold">Pages the tables follow</h3>
      <ul className="list-disc space-y-0.5 pl-5 font-mono text-xs">
        {cited.map((c) => (
          <li key={c}><a className="text-accent underline underline-offset-2" href={docsUrl(c)} target="_blank" rel="noreferrer">{c.replace(/\.md$/, '')}</a></li>
        ))}
      </ul>
      <p className="mt-4 text-xs text-muted">Not affiliated with Microsoft. Windows names (IRP_MN_*, Evt*, CM_PROB_*) are used verbatim so you can look them up.</p>
    </Modal>
  );
}
