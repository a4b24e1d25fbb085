import { useRef, useState } from 'react';
import { useLab, useLabStore, useStores, useUi, useUiStore } from '../store/hooks';
import { Menu, type MenuItem } from './common/Menu';
import { prefetchAbout, prefetchLessons, prefetchShortcutParts } from './lazyParts';
import { prefetchComparePicker } from './stage/StageViews';

/**
 * The file and share actions, with the link codec: a chunk of their own, fetched when the Share or
 * Open… button is reached for (pointer or focus) and at the latest when it is pressed, so it is there
 * before a menu item or the file is picked.
 */
const shareActions = () => import('./share/shareActions');
const prefetchShareActions = () => void shareActions().catch(() => undefined);

const toolButton = 'shrink-0 whitespace-nowrap rounded-lg border border-line bg-panel px-2.5 py-1.5 text-sm font-medium hover:bg-sunken disabled:opacity-40 aria-pressed:border-accent aria-pressed:bg-accent-soft';

/** "Share": a link to this exact view, embed code, the scenario file and the trace. */
function ShareMenu() {
  const stores = useStores();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const pick = (action: 'copyLink' | 'copyEmbedCode' | 'saveScenario' | 'saveTrace') => () => {
    close();
    void shareActions().then((m) => m[action](stores));
  };
  const items: MenuItem[] = [
    { id: 'link', label: 'Copy link', hint: 'Devices, settings, clients, steps and the cursor, in one address.', onSelect: pick('copyLink') },
    { id: 'embed', label: 'Copy embed code', hint: 'HTML for a documentation page: this view in a <pnp-lab> element.', onSelect: pick('copyEmbedCode') },
    { id: 'scenario', label: 'Save scenario', hint: 'A JSON file the CLI runs (npm run lab -- run FILE).', onSelect: pick('saveScenario') },
    { id: 'trace', label: 'Save trace', hint: 'Every event as JSON Lines, as the CLI prints it.', onSelect: pick('saveTrace') },
  ];
  const toggle = () => {
    if (!open) prefetchShareActions();
    setOpen((o) => !o);
  };
  return (
    <div className="relative">
      <button ref={button} type="button" className={toolButton} aria-haspopup="menu" aria-expanded={open} onClick={toggle} onPointerEnter={prefetchShareActions} onFocus={prefetchShareActions}>
        Share <span aria-hidden="true">▾</span>
      </button>
      {open && <Menu anchor={button} align="end" label="Share" items={items} onClose={close} />}
    </div>
  );
}

export default function Header() {
  const stores = useStores();
  const lab = useLabStore();
  const ui = useUiStore();
  const theme = useUi((s) => s.theme);
  const presenter = useUi((s) => s.presenter);
  const lessonsOpen = useUi((s) => s.lessonsOpen);
  const focusView = useUi((s) => s.focusView);
  const { setTheme, togglePresenter, toggleFocusView, openDialog, setLessonsOpen } = ui.getState();
  const canUndo = useLab((s) => s.undoStack.length > 0);
  const canRedo = useLab((s) => s.redoStack.length > 0);
  const file = useRef<HTMLInputElement>(null);

  return (
    <header className="flex items-center gap-x-3 gap-y-1 border-b border-line bg-panel px-2 py-1.5 sm:flex-wrap sm:px-4 sm:py-2 in-[.presenter]:py-1">
      <img src="./favicon.svg" alt="" width={30} height={30} />
      <div className="mr-auto shrink-0">
        <h1 className="text-xl font-semibold leading-tight tracking-tight">PnP Lab</h1>
        <p className="hidden text-xs text-muted 2xl:block in-[.presenter]:hidden">Windows Plug and Play, one IRP and one callback at a time</p>
      </div>
      {/* on a phone the buttons stay on one line and scroll sideways, so the lab starts right below */}
      <nav aria-label="Lab" className="flex min-w-0 items-center gap-1.5 overflow-x-auto sm:flex-wrap">
        <button type="button" className={toolButton} aria-pressed={lessonsOpen} onClick={() => setLessonsOpen(!lessonsOpen)} onPointerEnter={() => prefetchLessons(stores)} onFocus={() => prefetchLessons(stores)}>Lessons</button>
        <button type="button" className={toolButton} aria-haspopup="dialog" onClick={() => stores.views.getState().openPicker()} onPointerEnter={prefetchComparePicker} onFocus={prefetchComparePicker} title="Run this scenario again with one difference, side by side">Compare</button>
        <span className="mx-1 h-6 w-px bg-line" aria-hidden="true" />
        <button type="button" className={toolButton} disabled={!canUndo} onClick={() => lab.getState().undo()} aria-keyshortcuts="Control+Z" title="Undo (Ctrl+Z)">Undo</button>
        <button type="button" className={toolButton} disabled={!canRedo} onClick={() => lab.getState().redo()} aria-keyshortcuts="Control+Shift+Z Control+Y" title="Redo (Ctrl+Shift+Z or Ctrl+Y)">Redo</button>
        <button type="button" className={toolButton} onClick={() => { prefetchShareActions(); file.current?.click(); }} onPointerEnter={prefetchShareActions} onFocus={prefetchShareActions}>Open…</button>
        <input
          ref={file} type="file" accept="application/json,.json" className="hidden" aria-label="Open a scenario file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void shareActions().then((m) => m.openScenarioFile(stores, f));
            e.target.value = '';
          }}
        />
        <ShareMenu />
        <span className="mx-1 h-6 w-px bg-line" aria-hidden="true" />
        {/* below 1280 px the labels are shorter (the names stay whole), so the header keeps to one line */}
        <button type="button" className={toolButton} aria-label="Dark theme" aria-pressed={theme === 'dark'} onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}>Dark<span className="hidden xl:inline"> theme</span></button>
        <button type="button" className={toolButton} aria-label="Presenter mode" aria-pressed={presenter} onClick={togglePresenter}>Presenter<span className="hidden xl:inline"> mode</span></button>
        <button type="button" className={toolButton} aria-label="Focus view" aria-pressed={focusView} onClick={toggleFocusView} aria-keyshortcuts="V" title="The flowchart alone, side panels hidden (V)">Focus<span className="hidden xl:inline"> view</span></button>
        <button type="button" className={toolButton} onClick={() => openDialog('shortcuts')} onPointerEnter={prefetchShortcutParts} onFocus={prefetchShortcutParts} aria-keyshortcuts="?">Shortcuts <kbd className="font-mono text-xs text-muted">?</kbd></button>
        <button type="button" className={toolButton} onClick={() => openDialog('about')} onPointerEnter={prefetchAbout} onFocus={prefetchAbout}>About</button>
      </nav>
    </header>
  );
}
