/**
 * Which view the stage's main region shows (the flowchart, the driver's source, the comparison of two runs) and
 * whether the Compare picker is open. Presentation only: nothing here changes the scenario or the run.
 */
import { create } from 'zustand';

export type StageView = 'flow' | 'source' | 'compare';

export interface ViewState {
  view: StageView;
  /** the Compare dialog (pick the one difference of the second run) is open */
  pickerOpen: boolean;
  setView(view: StageView): void;
  openPicker(): void;
  closePicker(): void;
}

export const useViews = create<ViewState>()((set) => ({
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
