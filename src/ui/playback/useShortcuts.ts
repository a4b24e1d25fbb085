import { useEffect } from 'react';
import { useUi } from '../../store/uiStore';
import { isTypingTarget } from '../common/hooks';
import { SHORTCUTS } from './shortcuts';

/** Installs the global shortcuts; none fires while typing in a field, inside a menu, or with a dialog open. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey) return;
      if (isTypingTarget(e.target)) return;
      const ui = useUi.getState();
      if (ui.menuOpen || ui.dialog || ui.customEventDevice) return;
      const target = e.target instanceof HTMLElement ? e.target : undefined;
      const key = e.ctrlKey || e.metaKey ? `Mod+${e.key.toLowerCase()}` : e.key;
      if (key === ' ' && target?.closest('button, a, summary, input, [role="option"], [role="menuitem"], [role="radio"], [role="tab"]')) return;
      if ((key === 'ArrowLeft' || key === 'ArrowRight') && target?.closest('input[type="range"]')) return;
      const shortcut = SHORTCUTS.find((s) => s.match.includes(key));
      if (!shortcut) return;
      e.preventDefault();
      shortcut.run();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
