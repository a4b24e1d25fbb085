/**
 * Which view the stage's main region shows (the flowchart, the driver's source, the comparison of two runs) and
 * whether the Compare dialog is open. Presentation only: nothing here changes the scenario or the run. One per app
 * root (`createStores`); components read it with `useViews` (store/viewHooks.ts).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';

export type StageView = 'flow' | 'source' | 'compare';

export interface ViewState {
  view: StageView;
  /** the Compare dialog (pick the one difference of the second run) is open */
  pickerOpen: boolean;
  setView(view: StageView): void;
  openPicker(): void;
  closePicker(): void;
}

export type ViewStore = StoreApi<ViewState>;

export function createViewStore(): ViewStore {
  return createStore<ViewState>()((set) => ({
    view: 'flow',
    pickerOpen: false,
    setView(view) {
      set({ view });
    },
    openPicker() {
      set({ pickerOpen: true });
    },
    closePicker() {
      set({ pickerOpen: false });
    },
  }));
}
