/**
 * The lab's state: the scenario, the trace of its run, and the cursor. A user action edits the
 * scenario and re-runs it from scratch (deterministic, a few ms); moving the cursor never re-runs.
 * Undo and Redo step through the scenarios (with their cursor) the person went through.
 *
 * `createLabStore()` makes an independent store (zustand vanilla): the app makes one per root
 * (store/stores.ts), each test its own. It runs the engine when it is made, never at import.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ModelId } from '../engine/bus/catalog';
import { createGateStore, GATE_MESSAGE, gateMove, type GateStore } from './lessonGate';
import { indexRun, type ActionIndex } from '../model/actionIndex';
import { buildDeviceTimelines, type DeviceTimelines } from '../model/deviceTimeline';
import type { RunOutcome, RunResult } from '../model/runParsed';
import { runOwnScenario, scheduleRun, takeDerived } from '../worker/runScheduler';
import {
  addClient, addDevice, describeStep, insertStepAtCursor, removeClient, removeDevice, updateClient, updateDevice,
  type ClientInput, type DeviceInput, type EditableScenario, type StepInput,
} from '../model/scenarioEdit';

export interface Notice {
  kind: 'error' | 'info';
  message: string;
  /** what the message is about: a device id, 'settings', 'scenario' */
  scope?: string;
}

interface Snapshot {
  scenario: EditableScenario;
  position: number;
}

/**
 * Passed to `loadScenario` with one of the lab's own scenarios (a lesson's prepared scenario, a task's solution): it
 * runs without the scenario checks (worker/runScheduler.ts runOwnScenario), so opening a lesson needs none of them.
 */
export const OWN_SCENARIO = 'own';
export type OwnScenario = typeof OWN_SCENARIO;

/** Said when Play is asked of a lab in which nothing has happened yet (a lesson that starts with its devices on the bench). */
export const NOTHING_TO_PLAY = 'Nothing to play yet: no event has happened in this lab. Plug a device in (drag it onto a port, or focus it and press Enter) and the lab plays what follows.';

export const SPEEDS = [1, 2, 5, 10, 20, 50, 100, 200, 500] as const;
export const DEFAULT_SPEED = 10;

export interface LabState {
  scenario: EditableScenario;
  run: RunResult;
  /** each device's timeline (state, port, stack, power) over this run */
  timelines: DeviceTimelines;
  index: ActionIndex;
  /** number of events applied; the event under the cursor is trace[position - 1] */
  position: number;
  playing: boolean;
  /** events per second */
  speed: number;
  /**
   * Playback paused by a gesture that may act (a device dragged, its menu open): the action lands
   * at the cursor where the gesture started, and playback goes on after it (or when the gesture
   * ends without acting). A pause by the person is never undone by acting.
   */
  held: boolean;
  /** the scenarios (with their cursor) before each change, the last one first to come back */
  undoStack: Snapshot[];
  /** what Undo took back, the last one undone first to come back; any new change empties it */
  redoStack: Snapshot[];
  notice: Notice | undefined;
  /** an embedded read-only lab: edits are refused (loading a scenario, the host page's `load`, still works) */
  readonly: boolean;
  /**
   * How many times a load (a file, a link, a lesson) has put a new lab in view: its first events, and the cursor's move
   * to where the load asked when the run streamed in. A big lab is mounted in stages after each (store/landingStages.ts).
   */
  landings: number;

  act(step: StepInput, scope?: string): boolean;
  /** Steps at the cursor as one action (one Undo); `devices` are added to the scenario first (Fill the bus). */
  actMany(steps: StepInput[], scope?: string, devices?: DeviceInput[]): boolean;
  addDevice(model: ModelId | string): string | undefined;
  removeDevice(id: string): void;
  updateDevice(id: string, update: (d: DeviceInput) => DeviceInput): void;
  /** Adds a notification client (re-runs the same steps with it); false and a notice if the engine refuses it. */
  addClient(client: ClientInput): boolean;
  updateClient(id: string, update: (c: ClientInput) => ClientInput): boolean;
  removeClient(id: string): void;
  /**
   * Loads a scenario; the cursor goes to `position` (a number, or picked from the new run), by default where the run
   * starts. A big one runs in the engine worker and shows while it streams in; `failure` words the notice if it fails.
   */
  loadScenario(s: EditableScenario, position?: number | ((run: RunResult) => number), failure?: (message: string) => string, own?: OwnScenario): boolean;
  undo(): void;
  redo(): void;
  dismissNotice(): void;
  seek(position: number): void;
  step(delta: number): void;
  play(): void;
  pause(): void;
  togglePlay(): void;
  /** A gesture that may act starts (drag, device menu): pauses playback if it is running. */
  holdForGesture(): void;
  /** The gesture ended without acting: playback goes on if the gesture paused it. */
  releaseGesture(): void;
  setSpeed(speed: number): void;
  changeSpeed(direction: 1 | -1): void;
  setReadonly(readonly: boolean): void;
}

export const DEFAULT_SCENARIO: EditableScenario = {
  seed: 1,
  devices: [
    { id: 'scanner', model: 'usb-scanner' },
    { id: 'disk', model: 'usb-disk' },
    { id: 'hub', model: 'usb-hub' },
    { id: 'nic', model: 'pci-nic' },
  ],
  steps: [],
};

/** Where a freshly loaded run starts: after what the system did at boot, before the first step. */
export function startPosition(run: RunResult): number {
  return run.stepEvents[0] ?? run.trace.length;
}

function derive(run: RunResult) {
  // a run from the engine worker comes with its timelines and index, built as it streamed in
  const built = takeDerived(run);
  return { run, timelines: built?.timelines ?? buildDeviceTimelines(run), index: built?.index ?? indexRun(run) };
}

/** How many changes Undo can take back. */
export const UNDO_LIMIT = 50;

export type LabStore = StoreApi<LabState>;

export interface LabStoreOptions {
  /** the scenario the lab starts with (DEFAULT_SCENARIO): one of the lab's own, run without the scenario checks (scenario/defaults.ts); it must run */
  scenario?: EditableScenario;
  /** the lessons' hold on the cursor (store/lessonGate.ts); a store of its own, with no lesson, by default */
  gates?: GateStore;
}

export function createLabStore(opts: LabStoreOptions = {}): LabStore {
  const first = opts.scenario ?? DEFAULT_SCENARIO;
  const gates = opts.gates ?? createGateStore();
  // the lab's own scenario: its first run needs no scenario checks (a chunk fetched when the lab is reached for)
  const initial = runOwnScenario(first);
  if (!initial.ok) throw initial.error;
  const gate = (trace: RunResult['trace'], from: number, to: number) => gateMove(gates, trace, from, to);
  return createStore<LabState>()((set, get) => {
    interface CommitOptions {
      play?: boolean;
      notice?: Notice;
      scope?: string;
      /** after the run is in place (a run in the engine worker lands later) */
      afterwards?(): void;
      /** the run failed (its notice is set) */
      onFail?(): void;
      /** show the run while it streams in from the worker (loading a scenario) */
      stream?: boolean;
      /** words the failure's notice, from the error (`path: expected`) */
      failure?(message: string): string;
      /** one of the lab's own scenarios (OWN_SCENARIO) */
      own?: boolean;
    }

    /** Puts a finished run in place (remembering the lab before it for undo); on failure, the notice says why. */
    const applyRun = (scenario: EditableScenario, out: RunOutcome, at: number | ((run: RunResult) => number), opts: CommitOptions, before?: Snapshot): boolean => {
      if (!out.ok) {
        const step = out.stepIndex !== undefined ? scenario.steps[out.stepIndex] : undefined;
        const message = step ? `${out.error.expected}` : `${out.error.path}: ${out.error.expected}`;
        set({ notice: { kind: 'error', message: opts.failure ? opts.failure(`${out.error.path}: ${out.error.expected}`) : message, scope: opts.scope } });
        opts.onFail?.();
        return false;
      }
      const { scenario: old, position: oldPosition, undoStack } = get();
      const position = Math.min(typeof at === 'number' ? at : at(out.run), out.run.trace.length);
      // A run that streamed in (a big load) lands where its first events are shown, and the cursor moves to where the
      // load asked in a task of its own: two light updates of the page rather than one heavy one.
      const streamed = before !== undefined && get().position !== position;
      set({
        scenario,
        ...derive(out.run),
        landings: get().landings + (opts.stream && before === undefined ? 1 : 0),
        position: streamed ? Math.min(get().position, out.run.trace.length) : position,
        undoStack: [...undoStack.slice(1 - UNDO_LIMIT), before ?? { scenario: old, position: oldPosition }],
        redoStack: [],
        notice: opts.notice,
        playing: opts.play ? position < out.run.trace.length : get().playing && position < out.run.trace.length,
        held: false,
      });
      if (streamed) {
        setTimeout(() => {
          if (get().run === out.run) set({ position, landings: get().landings + 1 });
        }, 0);
      }
      opts.afterwards?.();
      return true;
    };

    /**
     * Runs `scenario` (on the page, or in the engine worker for a big one: src/worker/runScheduler.ts); on success
     * replaces the run (remembering the old one for undo). True when it is in place, or under way in the worker.
     */
    const commit = (scenario: EditableScenario, at: number | ((run: RunResult) => number), opts: CommitOptions): boolean => {
      const before: Snapshot = { scenario: get().scenario, position: get().position };
      /** the lab as it was, while a streaming run shows itself in its place */
      let shown: Pick<LabState, 'scenario' | 'run' | 'timelines' | 'index' | 'position' | 'playing'> | undefined;
      return scheduleRun(scenario, (out) => applyRun(scenario, out, at, opts, shown ? before : undefined), {
        currentEvents: get().run.trace.length,
        own: opts.own,
        load: opts.stream,
        onPartial: opts.stream
          ? (so) => {
              const s = get();
              shown ??= { scenario: s.scenario, run: s.run, timelines: s.timelines, index: s.index, position: s.position, playing: s.playing };
              const target = typeof at === 'number' ? at : at(so.run);
              set({ scenario, run: so.run, timelines: so.timelines, index: so.index, position: Math.min(target, so.run.trace.length), playing: false, held: false, landings: s.landings + 1 });
            }
          : undefined,
        onCancel: () => {
          if (shown) set(shown);
          shown = undefined;
        },
      });
    };

    /**
     * A change to the scenario's devices or clients: the same steps re-run with it. If a step becomes
     * impossible, the steps before it are kept and the notice says which step and why.
     */
    const edit = (next: EditableScenario, scope: string): boolean => {
      // A cursor at the end stays at the end (the new run may be longer or shorter); otherwise it stays put.
      const { run, position: cursor } = get();
      const position = cursor >= run.trace.length ? (r: RunResult) => r.trace.length : cursor;
      return scheduleRun(next, (out) => {
        if (out.ok) return applyRun(next, out, position, { scope });
        if (out.stepIndex === undefined) {
          set({ notice: { kind: 'error', message: `${out.error.path}: ${out.error.expected}`, scope } });
          return false;
        }
        const i = out.stepIndex;
        const truncated = { ...next, steps: next.steps.slice(0, i) };
        return commit(truncated, position, {
          scope,
          notice: { kind: 'info', message: `With this setting, step ${i + 1} (${describeStep(next.steps[i])}) is no longer possible: ${out.error.expected}. The ${i} step${i === 1 ? '' : 's'} before it ${i === 1 ? 'is' : 'are'} kept; Undo (Ctrl+Z) restores the rest.`, scope },
        });
      }, { currentEvents: run.trace.length });
    };

    const clamp = (p: number) => Math.max(0, Math.min(p, get().run.trace.length));

    /** True (and a notice) when the lab is read-only: every edit checks it first. */
    const refused = (scope?: string): boolean => {
      if (!get().readonly) return false;
      set({ notice: { kind: 'info', message: 'This embedded lab is read-only: it can be played and stepped, not changed.', scope } });
      return true;
    };

    return {
      scenario: first,
      ...derive(initial.run),
      position: startPosition(initial.run),
      playing: false,
      speed: DEFAULT_SPEED,
      held: false,
      undoStack: [],
      redoStack: [],
      notice: undefined,
      readonly: false,
      landings: 0,

      act(step, scope) {
        return get().actMany([step], scope);
      },

      actMany(steps, scope, devices) {
        if (refused(scope)) return false;
        const { scenario, run, position, playing, held } = get();
        let next = devices?.length ? { ...scenario, devices: [...scenario.devices, ...devices] } : scenario;
        let replaced = 0;
        for (const [i, step] of steps.entries()) {
          if (i === 0) {
            const r = insertStepAtCursor(next, run, position, step);
            next = r.scenario;
            replaced = r.replaced;
          } else {
            next = { ...next, steps: [...next.steps, step] };
          }
        }
        const notice: Notice | undefined = replaced > 0 ? { kind: 'info', message: `Acted at the cursor: ${replaced} later step${replaced > 1 ? 's were' : ' was'} replaced. Undo (Ctrl+Z) brings ${replaced > 1 ? 'them' : 'it'} back.`, scope } : undefined;
        const atEnd = position >= run.trace.length;
        const firstNew = next.steps.length - steps.length;
        // The new action plays out if playback was running (or held by the gesture that acted), or if
        // the cursor was at the end ("now"); a pause the person chose stays a pause.
        const play = playing || held || atEnd;
        return commit(next, position, {
          play,
          notice,
          scope,
          onFail: () => {
            if (held) get().releaseGesture();
          },
          afterwards: () => {
            // Acting "now" (cursor at the end): the cursor moves onto the user's own action, so a second
            // quick action lands after it rather than before it. Acting while paused, the cursor moves onto
            // it too (and stays paused there): the person sees what they did, e.g. the device on the bench.
            const onAction = get().run.stepEvents[firstNew] + 1;
            if (atEnd || (!play && onAction > position)) set({ position: onAction });
          },
        });
      },

      addDevice(model) {
        if (refused('palette')) return undefined;
        const { scenario, id } = addDevice(get().scenario, model);
        return commit(scenario, get().position, { scope: 'palette' }) ? id : undefined;
      },

      removeDevice(id) {
        if (refused(id)) return;
        const s = get().scenario;
        const used = s.steps.findIndex((st) => 'device' in st && st.device === id);
        if (used >= 0) {
          set({ notice: { kind: 'error', message: `"${id}" is used by step ${used + 1} (${describeStep(s.steps[used])}); undo or replace that step first.`, scope: id } });
          return;
        }
        const watcher = (s.clients ?? []).find((c) => c.target === id);
        if (watcher) {
          set({ notice: { kind: 'error', message: `Client "${watcher.id}" watches "${id}"; remove that client first.`, scope: id } });
          return;
        }
        commit(removeDevice(s, id), get().position, { scope: 'palette' });
      },

      updateDevice(id, update) {
        if (refused('settings')) return;
        edit(updateDevice(get().scenario, id, update), 'settings');
      },

      addClient(client) {
        if (refused('clients')) return false;
        return edit(addClient(get().scenario, client), 'clients');
      },

      updateClient(id, update) {
        if (refused('clients')) return false;
        return edit(updateClient(get().scenario, id, update), 'clients');
      },

      removeClient(id) {
        if (refused('clients')) return;
        const s = get().scenario;
        const used = s.steps.findIndex((st) => 'client' in st && st.client === id);
        if (used >= 0) {
          set({ notice: { kind: 'error', message: `"${id}" is used by step ${used + 1} (${describeStep(s.steps[used])}); undo or replace that step first.`, scope: 'clients' } });
          return;
        }
        commit(removeClient(s, id), get().position, { scope: 'clients' });
      },

      loadScenario(s, position, failure, own) {
        return commit(s, position ?? startPosition, { scope: 'scenario', stream: true, failure, own: own === OWN_SCENARIO });
      },

      undo() {
        if (refused('scenario')) return;
        const { undoStack, redoStack, scenario, position } = get();
        const last = undoStack[undoStack.length - 1];
        if (!last) return;
        // (a big lab runs in the engine worker: the stacks change when its run lands)
        scheduleRun(last.scenario, (out) => {
          if (!out.ok) return false;
          set({
            scenario: last.scenario, ...derive(out.run), position: Math.min(last.position, out.run.trace.length),
            undoStack: undoStack.slice(0, -1), redoStack: [...redoStack, { scenario, position }],
            notice: { kind: 'info', message: 'Undone.' }, playing: false, held: false,
          });
          return true;
        }, { currentEvents: get().run.trace.length });
      },

      redo() {
        if (refused('scenario')) return;
        const { undoStack, redoStack, scenario, position } = get();
        const next = redoStack[redoStack.length - 1];
        if (!next) return;
        scheduleRun(next.scenario, (out) => {
          if (!out.ok) return false;
          set({
            scenario: next.scenario, ...derive(out.run), position: Math.min(next.position, out.run.trace.length),
            undoStack: [...undoStack.slice(1 - UNDO_LIMIT), { scenario, position }], redoStack: redoStack.slice(0, -1),
            notice: { kind: 'info', message: 'Redone.' }, playing: false, held: false,
          });
          return true;
        }, { currentEvents: get().run.trace.length });
      },

      dismissNotice() {
        set({ notice: undefined });
      },

      seek(position) {
        // A lesson's unanswered "what comes next?" question holds the cursor: a seek past it stops there and says why.
        const { position: from, run } = get();
        const to = clamp(position);
        const held = gate(run.trace, from, to).to;
        // At the end nothing is left to play: playback stops now, not at its next frame (End then Home must not
        // leave the lab playing from the start, and Play pressed next must start it, not pause it).
        const stop = held >= run.trace.length ? { playing: false, held: false } : {};
        set(held < to ? { position: held, ...stop, notice: { kind: 'info', message: GATE_MESSAGE, scope: 'gate' } } : { position: to, ...stop });
      },

      step(delta) {
        // Forward steps stop at a lesson's "what comes next?" question (a no-op outside a lesson).
        const { position, run } = get();
        const to = clamp(position + delta);
        const held = gate(run.trace, position, to).to;
        set(held < to ? { position: held, playing: false, held: false, notice: { kind: 'info', message: GATE_MESSAGE, scope: 'gate' } } : { position: held, playing: false, held: false });
      },

      play() {
        const { position, run } = get();
        if (run.trace.length === 0) {
          set({ notice: { kind: 'info', message: NOTHING_TO_PLAY, scope: 'scenario' } });
          return;
        }
        // at a lesson's unanswered question there is nothing to play until it is answered: say so
        if (position < run.trace.length && gate(run.trace, position, position + 1).to === position) {
          set({ playing: false, held: false, notice: { kind: 'info', message: GATE_MESSAGE, scope: 'gate' } });
          return;
        }
        set({ playing: true, held: false, position: position >= run.trace.length ? 0 : position });
      },

      pause() {
        set({ playing: false, held: false });
      },

      holdForGesture() {
        if (get().playing) set({ playing: false, held: true });
      },

      releaseGesture() {
        const { held, position, run } = get();
        if (held) set({ held: false, playing: position < run.trace.length });
      },

      togglePlay() {
        if (get().playing) get().pause();
        else get().play();
      },

      setSpeed(speed) {
        set({ speed });
      },

      setReadonly(readonly) {
        set({ readonly });
      },

      changeSpeed(direction) {
        const i = SPEEDS.indexOf(get().speed as (typeof SPEEDS)[number]);
        const next = SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, (i < 0 ? SPEEDS.indexOf(DEFAULT_SPEED) : i) + direction))];
        set({ speed: next });
      },
    };
  });
}
