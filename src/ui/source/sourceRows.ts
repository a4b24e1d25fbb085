/**
 * What the Driver source view draws, line by line, as plain data: the source with the settings' behaviours written
 * into it (docs/driver-sources.md), the function running at the cursor, and the line it returned on.
 */
import type { Behavior } from '../../engine/framework/layerState';
import { lineForResult, showBehaviour, type BehaviourView } from '../../sources/behaviour';
import { functionNamed, type DriverFunction, type DriverSource } from '../../sources/format';

export interface SourceViewOptions {
  /** Trace name of the function running at the cursor (`EvtDeviceQueryRemove`, `drvAcquireItemData`). */
  active?: string;
  /** The `result` of the active function's event: picks the return line that gave it. */
  result?: string;
  /** The settings' behaviour of the driver's callbacks, by trace name (missing: succeed). */
  behaviours?: Readonly<Record<string, Behavior>>;
  /** A careless WIA minidriver (scenario `wia.careless`): its //@careful lines are left out. */
  careless?: boolean;
  /** The active function has not returned yet at the cursor (its result is known only later): no return line is marked. */
  running?: boolean;
  /** A call the active function makes at the cursor (`ReadFile`, `MiniDrvCallback`), and the `//@call` line that makes it (in the function or a helper of it), marked. */
  call?: { name: string; line: number };
}

export interface SourceRow {
  key: string;
  /** The line number as written; none on a line the settings add. */
  line?: number;
  text: string;
  /** In the function running at the cursor. */
  active: boolean;
  /** The line the active function returns on; for a hung one, the line the settings add where it stops. */
  returning: boolean;
  /** How the settings change the line. */
  setting?: 'fails' | 'hangs' | 'unreached' | 'absent';
  /** A line a careless minidriver leaves out. */
  leftOut: boolean;
  /** A few words at the end of the line. */
  note?: string;
  /** The row that stands for this function's behaviour (its return line, the line a hang adds, or its signature when absent): where the panel puts the control that changes it. */
  behaviourOf?: string;
  /** The line of the call the active function makes at the cursor. */
  calling?: boolean;
}

function viewOf(source: DriverSource, fn: DriverFunction, behaviour: Behavior | undefined): BehaviourView | undefined {
  if (!behaviour || behaviour === 'succeed' || source.framework === 'wia') return undefined;
  try {
    return showBehaviour(source, fn, behaviour);
  } catch {
    return undefined; // a setting the scenario format refuses (a failing VOID callback): nothing to show
  }
}

export function sourceRows(source: DriverSource, options: SourceViewOptions = {}): SourceRow[] {
  const active = options.active === undefined ? undefined : functionNamed(source, options.active);
  const returnLine = active && !options.running ? lineForResult(active, options.result) : undefined;
  const callLine = active && options.call?.line;
  const behaviourRow = new Map<number, string>();
  for (const fn of source.functions) behaviourRow.set(fn.behaviourLine, fn.name);
  const views = new Map<number, { view: BehaviourView; fn: DriverFunction; behaviour: Behavior }>();
  const absent = new Set<number>();
  for (const fn of source.functions) {
    const behaviour = options.behaviours?.[fn.name];
    const view = viewOf(source, fn, behaviour);
    if (!view || !behaviour) continue;
    if (view.kind === 'absent') for (let l = fn.first; l <= fn.last; l++) absent.add(l);
    else views.set(view.line, { view, fn, behaviour });
  }
  const careful = new Set(options.careless ? source.carefulLines : []);
  const rows: SourceRow[] = [];
  source.lines.forEach((text, i) => {
    const line = i + 1;
    const inActive = active !== undefined && line >= active.first && line <= active.last;
    const set = views.get(line);
    const returning = line === returnLine;
    if (set?.view.kind === 'insertBefore') {
      // a hung function stops here: the panel marks this line where it would mark the return
      const stops = returning;
      rows.push({ key: `${line}+`, text: set.view.text, active: inActive, returning: stops, setting: 'hangs', leftOut: false, note: stops ? 'stops here: set to hang' : 'set to hang', behaviourOf: set.fn.name });
    }
    const row: SourceRow = { key: String(line), line, text, active: inActive, returning: returning && set?.view.kind !== 'insertBefore', leftOut: careful.has(line) };
    const owner = behaviourRow.get(line);
    if (owner !== undefined && set?.view.kind !== 'insertBefore') row.behaviourOf = owner;
    if (set?.view.kind === 'replace') {
      row.text = set.view.text;
      row.setting = 'fails';
      row.note = returning ? `returns here: set to ${set.behaviour}` : `set to ${set.behaviour}`;
    } else if (set?.view.kind === 'insertBefore') {
      row.setting = 'unreached';
    } else if (absent.has(line)) {
      row.setting = 'absent';
      const fn = source.functions.find((f) => f.first <= line && line <= f.last);
      if (line === fn?.signatureLine) {
        row.note = 'not registered (absent)';
        row.behaviourOf = fn.name;
      } else if (row.behaviourOf !== undefined) delete row.behaviourOf;
    }
    if (line === callLine) {
      row.calling = true;
      row.note = `calls ${options.call!.name} here`;
    }
    if (row.leftOut) row.note = 'left out by a careless minidriver';
    else if (row.returning && !row.note) row.note = 'returns here';
    rows.push(row);
  });
  return rows;
}
