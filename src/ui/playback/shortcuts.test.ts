import { describe, expect, it } from 'vitest';
import { SHORTCUTS } from './shortcuts';
import { shortcutKey } from './useShortcuts';

const press = (key: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean } = {}) => {
  const name = shortcutKey({ key, ctrlKey: mods.ctrl ?? false, metaKey: mods.meta ?? false, shiftKey: mods.shift ?? false });
  return SHORTCUTS.find((s) => s.match.includes(name))?.label;
};

describe('the global shortcuts', () => {
  it('tell Undo (Ctrl+Z) from Redo (Ctrl+Shift+Z, Ctrl+Y), with Cmd on a Mac too', () => {
    expect(press('z', { ctrl: true })).toMatch(/^Undo/);
    expect(press('z', { meta: true })).toMatch(/^Undo/);
    // with Shift held the browser reports the capital letter
    expect(press('Z', { ctrl: true, shift: true })).toMatch(/^Redo/);
    expect(press('Z', { meta: true, shift: true })).toMatch(/^Redo/);
    expect(press('y', { ctrl: true })).toMatch(/^Redo/);
    expect(press('z')).toBeUndefined();
  });

  it('keep Shift out of the name of a key without Ctrl: ? is Shift+/ and still shows the shortcuts', () => {
    expect(press('?', { shift: true })).toBe('Show these shortcuts');
  });

  it('name each key once', () => {
    const all = SHORTCUTS.flatMap((s) => s.match);
    expect(new Set(all).size).toBe(all.length);
  });
});
