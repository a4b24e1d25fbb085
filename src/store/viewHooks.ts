/** The view store in the React tree (store/viewStore.ts), beside the other hooks of store/hooks.tsx. */
import { useStore } from 'zustand';
import { useStores } from './hooks';
import type { ViewState, ViewStore } from './viewStore';

export function useViews<T>(selector: (s: ViewState) => T): T {
  return useStore(useStores().views, selector);
}

export function useViewStore(): ViewStore {
  return useStores().views;
}
