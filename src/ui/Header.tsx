import { useRef } from 'react';
import { useLab } from '../store/labStore';
import { withDefaults, type EditableScenario } from '../store/scenarioEdit';
import { useUi } from '../store/uiStore';

const toolButton = 'rounded-lg border border-line bg-panel px-2.5 py-1.5 text-sm font-medium hover:bg-sunken disabled:opacity-40';

export default function Header() {
  const theme = useUi((s) => s.theme);
  const presenter = useUi((s) => s.presenter);
  const { setTheme, togglePresenter, openDialog } = useUi.getState();
  const canUndo = useLab((s) => s.undoStack.length > 0);
  const file = useRef<HTMLInputElement>(null);

  const exportScenario = () => {
    const s = useLab.getState().scenario;
    const blob = new Blob([JSON.stringify(s, null, 2) + '\n'], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'pnp-lab-scenario.json';
    a.click();
    URL.revokeObjectURL(a.href);
  };
  const importScenario = async (f: File) => {
    try {
      const json = JSON.parse(await f.text()) as EditableScenario;
      useLab.getState().loadScenario(withDefaults(json));
    } catch {
      useLab.setState({ notice: { kind: 'error', message: `${f.name} is not valid JSON.`, scope: 'scenario' } });
    }
  };

  return (
    <header className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-line bg-panel px-4 py-2 in-[.presenter]:py-1">
      <img src="./favicon.svg" alt="" width={30} height={30} />
      <div className="mr-auto">
        <h1 className="text-xl font-semibold leading-tight tracking-tight">PnP Lab</h1>
        <p className="text-xs text-muted in-[.presenter]:hidden">Windows Plug and Play, one IRP and one callback at a time</p>
      </div>
      <nav aria-label="Lab" className="flex flex-wrap items-center gap-1.5">
        <button type="button" className={toolButton} disabled={!canUndo} onClick={() => useLab.getState().undo()} aria-keyshortcuts="Control+Z">Undo</button>
        <button type="button" className={toolButton} onClick={exportScenario}>Save scenario</button>
        <button type="button" className={toolButton} onClick={() => file.current?.click()}>Open…</button>
        <input
          ref={file} type="file" accept="application/json,.json" className="hidden" aria-label="Open a scenario file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void importScenario(f);
            e.target.value = '';
          }}
        />
        <span className="mx-1 h-6 w-px bg-line" aria-hidden="true" />
        <button type="button" className={toolButton} aria-pressed={theme === 'dark'} onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}>Dark theme</button>
        <button type="button" className={toolButton} aria-pressed={presenter} onClick={togglePresenter}>Presenter mode</button>
        <button type="button" className={toolButton} onClick={() => openDialog('shortcuts')} aria-keyshortcuts="?">Shortcuts <kbd className="font-mono text-xs text-muted">?</kbd></button>
        <button type="button" className={toolButton} onClick={() => openDialog('about')}>About</button>
      </nav>
    </header>
  );
}
