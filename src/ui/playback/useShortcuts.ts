import { useEffect } from 'react';
import { useStores } from '../../store/hooks';
import { isTypingTarget } from '../common/hooks';
import { SHORTCUTS } from './shortcuts';
import { prefetchShortcutParts } from '../lazyParts';

/**
 * Where a key keeps its usual meaning instead of being a global shortcut: text fields and lists to
 * pick from, anything inside a dialog or the settings drawer, Space on a checkbox or radio button
 * (their only key), and the arrows (and Home/End) on controls that move with them: the scrubber,
 * radio groups, tabs and resize handles. Everywhere else (buttons, device chips, links, the
 * flowchart, the timeline) the transport keys work.
 */
export function keepsItsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof Element)) return false;
  if (isTypingTarget(target)) return true;
  if (target.closest('dialog, [role="dialog"], [role="alertdialog"], [data-own-keys]')) return true;
  const input = target instanceof HTMLInputElement ? target.type : undefined;
  const role = target.getAttribute('role');
  if (key === ' ') return input === 'checkbox' || input === 'radio' || role === 'checkbox' || role === 'radio' || role === 'switch';
  if (key.startsWith('Arrow') || key === 'Home' || key === 'End') {
    return input === 'range' || input === 'radio' || role === 'slider' || role === 'radio' || role === 'tab' || role === 'separator';
  }
  return false;
}

/** How `SHORTCUTS` name a key press: `Mod+z` for Ctrl+Z (Cmd+Z on a Mac), `Mod+Shift+z` with Shift too, else the key. */
export function shortcutKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey'>): string {
  if (!e.ctrlKey && !e.metaKey) return e.key;
  return `Mod+${e.shiftKey ? 'Shift+' : ''}${e.key.toLowerCase()}`;
}

/**
 * Installs the global shortcuts. They fire wherever the focus is, except in an open menu or dialog
 * and where the key keeps its usual meaning (keepsItsKey). Space handled here never also presses the
 * focused button: a device chip under the focus does not open its menu.
 */
export function useShortcuts(): void {
  const stores = useStores();
  useEffect(() => {
    let swallowSpaceUp = false;
    const onKeyDown = (e: KeyboardEvent) => {
      // what the shortcuts open (their list, the primer) is fetched at the first key, so it opens at once
      prefetchShortcutParts();
      if (e.defaultPrevented || e.altKey) return;
      const ui = stores.ui.getState();
      if (ui.menuOpen || ui.dialog || ui.customEventDevice) return;
      if (keepsItsKey(e.target, e.key)) return;
      const key = shortcutKey(e);
      const shortcut = SHORTCUTS.find((s) => s.match.includes(key));
      if (!shortcut) return;
      e.preventDefault();
      if (key === ' ') swallowSpaceUp = true;
      // holding a key down repeats it: useful for stepping, not for toggles
      if (e.repeat && !shortcut.repeats) return;
      shortcut.run(stores);
    };
    // A button is pressed by Space on key up: the key down handled above must not press it.
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.key === ' ' && swallowSpaceUp) {
        swallowSpaceUp = false;
        e.preventDefault();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp, true);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp, true);
    };
  }, [stores]);
}
