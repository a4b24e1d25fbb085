/**
 * The theme of an embedded lab: its `theme` parameter, then whatever the host page says
 * (`pnp-lab:set-theme`, which the <pnp-lab> element sends when its `theme` attribute or, with
 * `theme="auto"`, the host page's own theme changes). `auto` follows the reader's system preference
 * as it changes. Never saved: the visitor's own preference (uiStore) stays as it was.
 */
import { create } from 'zustand';
import type { EmbedTheme, Theme } from '../../embed/params';
import { useMediaQuery } from '../common/hooks';
import { EMBED } from './useLabLinks';

const useEmbedTheme = create<{ theme: EmbedTheme | undefined }>(() => ({ theme: EMBED.params.embed ? EMBED.params.theme : undefined }));

export function setEmbedTheme(theme: EmbedTheme): void {
  useEmbedTheme.setState({ theme });
}

/** The theme to show: an embed's, when it has one (with `auto`, the reader's system preference), else the visitor's own. */
export function useShownTheme(own: Theme): Theme {
  const embedded = useEmbedTheme((s) => s.theme);
  const prefersDark = useMediaQuery('(prefers-color-scheme: dark)');
  if (embedded === undefined) return own;
  return embedded === 'auto' ? (prefersDark ? 'dark' : 'light') : embedded;
}
