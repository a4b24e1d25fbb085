/**
 * How the lab is shown: theme, presenter mode, filters, open drawers and dialogs. `createUiStore()`
 * makes one per app root (store/stores.ts); the saved theme and presenter mode are read then, not at import.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';

export type Theme = 'light' | 'dark';
export type Dialog = 'shortcuts' | 'about' | 'primer' | undefined;
/** The tabs of the side section under the hardware: Device Manager, notification clients, WIA scanners. */
export type SideTab = 'devices' | 'clients' | 'wia';

export interface UiState {
  theme: Theme;
  presenter: boolean;
  /** event kinds hidden in the timeline */
  hiddenKinds: string[];
  /** device filter of the timeline ('' = all devices) */
  deviceFilter: string;
  /** text the timeline's event names must contain ('' = any) */
  search: string;
  settingsDevice: string | undefined;
  dialog: Dialog;
  followFlow: boolean;
  /** a device menu is open: global shortcuts stay quiet */
  menuOpen: boolean;
  sideTab: SideTab;
  /** the device whose "raise a custom event" dialog is open */
  customEventDevice: string | undefined;
  /** the lesson column is shown */
  lessonsOpen: boolean;
  /** the primer entry the primer dialog shows (src/primer/terms.ts), while `dialog` is 'primer' */
  primerEntry: string | undefined;
  /** the primer was opened for the event under the cursor: it offers that event's words */
  primerForEvent: boolean;
  /** the focus view: the flowchart alone, the side panels hidden (key V) */
  focusView: boolean;
  setTheme(theme: Theme): void;
  togglePresenter(): void;
  toggleKind(kind: string): void;
  setDeviceFilter(device: string): void;
  setSearch(search: string): void;
  openSettings(device: string | undefined): void;
  openDialog(dialog: Dialog): void;
  setFollowFlow(follow: boolean): void;
  setMenuOpen(open: boolean): void;
  setSideTab(tab: SideTab): void;
  openCustomEvent(device: string | undefined): void;
  setLessonsOpen(open: boolean): void;
  /** Opens the primer at an entry (its first entry when none is given). */
  openPrimer(entry?: string): void;
  /** Opens the primer for the event under the cursor: at the entry of its first word that has one. */
  openPrimerForEvent(): void;
  toggleFocusView(): void;
}

const STORAGE_KEY = 'pnp-lab.preferences';

function loadPreferences(): { theme: Theme; presenter: boolean } {
  const prefersDark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
  const fallback = { theme: (prefersDark ? 'dark' : 'light') as Theme, presenter: false };
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as { theme?: Theme; presenter?: boolean } | null;
    return { theme: saved?.theme === 'dark' || saved?.theme === 'light' ? saved.theme : fallback.theme, presenter: saved?.presenter === true };
  } catch {
    return fallback;
  }
}

function savePreferences(p: { theme: Theme; presenter: boolean }): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(p));
  } catch {
    // storage may be unavailable (private mode, embedded frames): preferences then last one visit
  }
}

export type UiStore = StoreApi<UiState>;

export function createUiStore(): UiStore {
  return createStore<UiState>()((set, get) => ({
    ...loadPreferences(),
    hiddenKinds: [],
    deviceFilter: '',
    search: '',
    settingsDevice: undefined,
    dialog: undefined,
    followFlow: true,
    menuOpen: false,
    sideTab: 'devices',
    customEventDevice: undefined,
    lessonsOpen: false,
    primerEntry: undefined,
    primerForEvent: false,
    focusView: false,
    setTheme(theme) {
      set({ theme });
      savePreferences({ theme, presenter: get().presenter });
    },
    togglePresenter() {
      const presenter = !get().presenter;
      set({ presenter });
      savePreferences({ theme: get().theme, presenter });
    },
    toggleKind(kind) {
      const hidden = get().hiddenKinds;
      set({ hiddenKinds: hidden.includes(kind) ? hidden.filter((k) => k !== kind) : [...hidden, kind] });
    },
    setDeviceFilter(deviceFilter) {
      set({ deviceFilter });
    },
    setSearch(search) {
      set({ search });
    },
    openSettings(settingsDevice) {
      set({ settingsDevice });
    },
    openDialog(dialog) {
      set({ dialog });
    },
    setFollowFlow(followFlow) {
      set({ followFlow });
    },
    setMenuOpen(menuOpen) {
      set({ menuOpen });
    },
    setSideTab(sideTab) {
      set({ sideTab });
    },
    openCustomEvent(customEventDevice) {
      set({ customEventDevice });
    },
    setLessonsOpen(lessonsOpen) {
      set({ lessonsOpen });
    },
    openPrimer(entry) {
      set({ dialog: 'primer', primerEntry: entry, primerForEvent: false });
    },
    openPrimerForEvent() {
      set({ dialog: 'primer', primerEntry: undefined, primerForEvent: true });
    },
    toggleFocusView() {
      set({ focusView: !get().focusView });
    },
  }));
}
