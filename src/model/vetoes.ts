/**
 * Who vetoed an operation, read from the trace: the driver whose callback failed the query IRP (or
 * that failed it without a callback), the client that answered the query with a refusal, or who held
 * the handle that stayed open. Citations come from the table rows the events name (`at`).
 */
import type { Row } from '../engine/tables/table';
import type { TraceEvent } from '../engine/trace';
import type { RunResult } from './runLab';
import { isFailureResult } from './traceRules';
import { TABLES } from './flow/tables';

export interface VetoExplanation {
  /** a few words for the device chip and Device Manager: "EvtDeviceQueryRemove in SimScanner", "a handle held by explorer" */
  short: string;
  /** one sentence for WHY */
  sentence: string;
  /** the general rule behind it (from the table row that checks it), shown smaller */
  note?: string;
  /** trace index of the event that shows the cause (the failing callback, the client's answer, the CreateFile that opened the handle) */
  cause: number | undefined;
  /** the Microsoft page the sentence follows (path under windows-driver-docs-pr) */
  cite: string | undefined;
  /** what is the lab's own choice in it, if anything */
  labChoice?: string;
}

const OPERATIONS: Record<string, string> = { QueryRemove: 'removal', QueryStop: 'stop', Disable: 'disable', HwProfileChange: 'dock or undock' };

function rowAt(at: string | undefined): { table: string; row: Row | undefined } | undefined {
  if (!at) return undefined;
  const [table, rowId] = at.split('/');
  return { table, row: TABLES.get(table)?.rows.find((r) => r.id === rowId) };
}

function citeOf(at: string | undefined): string | undefined {
  const r = rowAt(at);
  return r ? r.row?.cite ?? TABLES.get(r.table)?.cite : undefined;
}

/** The row of the veto's own table that does `action` (the check that failed), for its cite and note. */
function checkRow(veto: TraceEvent, action: string): Row | undefined {
  const r = rowAt(veto.at);
  return r ? TABLES.get(r.table)?.rows.find((x) => x.do === action) : undefined;
}

/** The last event before `index` of the same user action that `match` accepts. */
function findBack(trace: readonly TraceEvent[], index: number, cause: number | undefined, match: (e: TraceEvent) => boolean): number | undefined {
  const stop = cause !== undefined ? cause - 1 : 0;
  for (let i = index - 1; i >= stop; i--) if (trace[i].cause === cause && match(trace[i])) return i;
  return undefined;
}

/** The last event before `index` (any action) that `match` accepts. */
function lastBefore(trace: readonly TraceEvent[], index: number, match: (e: TraceEvent) => boolean): number | undefined {
  for (let i = index - 1; i >= 0; i--) if (match(trace[i])) return i;
  return undefined;
}

/** Explains the veto event `trace[index]` (a `state` event named PNP_Veto…). */
export function explainVeto(run: RunResult, index: number): VetoExplanation {
  const { trace } = run;
  const v = trace[index];
  const a = (v.args ?? {}) as Record<string, string | undefined>;
  const op = OPERATIONS[a.Operation ?? ''] ?? 'operation';
  switch (v.name) {
    case 'PNP_VetoDevice': {
      const driver = a.Driver ?? 'a driver';
      const irp = findBack(trace, index, v.cause, (e) => e.kind === 'irp' && e.driver === driver && e.result === a.Status);
      const irpName = irp !== undefined ? trace[irp].name : 'the query IRP';
      const cb = findBack(trace, index, v.cause, (e) => e.kind === 'callback' && e.driver === driver && e.device === trace[irp ?? index].device && isFailureResult(e.result));
      if (cb !== undefined) {
        const c = trace[cb];
        return { short: `${c.name} in ${driver}`, sentence: `The driver ${driver} vetoed the ${op}: its ${c.name} returned ${c.result}, so ${irpName} failed and the PnP manager cancelled the ${op}.`, cause: cb, cite: citeOf(c.at) };
      }
      const pinned = lastBefore(trace, index, (e) => e.kind === 'call' && e.name === 'WdfDeviceSetStaticStopRemove' && e.device === trace[irp ?? index].device && e.args?.Stoppable === 'FALSE');
      const why = pinned !== undefined ? `, because the driver's WdfDeviceSetStaticStopRemove(FALSE) (event #${trace[pinned].seq}) is still in force` : '';
      return { short: `${driver} (${a.Status})`, sentence: `The driver ${driver} vetoed the ${op}: the framework failed ${irpName} with ${a.Status} without calling the driver's callback${why}.`, cause: pinned ?? irp, cite: irp !== undefined ? citeOf(trace[irp].at) : citeOf(v.at) };
    }
    case 'PNP_VetoOutstandingOpen': {
      const on = a.OpenOn ?? (a.VetoName ?? '').split('\\').pop() ?? '';
      const clients = a.Clients ? a.Clients.split(',') : [];
      const apps = Number(a.AppHandles ?? 0);
      const opened = clients.map((c) => lastBefore(trace, index, (e) => e.kind === 'call' && e.client === c && e.device === on && e.name.endsWith('CreateFile')));
      const parts = clients.map((c, i) => `client ${c}${opened[i] !== undefined ? ` (its ${trace[opened[i]!].name}, event #${trace[opened[i]!].seq})` : ''}`);
      if (apps > 0) parts.push(`${apps} application handle${apps === 1 ? '' : 's'} (the device's open handles setting)`);
      const held = parts.length > 0 ? parts.join(' and ') : 'someone';
      const where = on === v.device ? on : `${on}, which is on ${v.device}`;
      const check = checkRow(v, 'checkOpenHandles');
      return {
        short: `a handle held by ${[...clients, ...(apps > 0 ? [apps === 1 ? 'an application' : `${apps} applications`] : [])].join(', ') || 'someone'}`,
        sentence: `A handle stayed open on ${where}, held by ${held}.`,
        note: check?.note,
        cause: opened.find((i) => i !== undefined),
        cite: check?.cite ?? citeOf(v.at),
        labChoice: 'Windows reports only the device (VetoName, its instance path); naming who holds the handle is the lab’s addition.',
      };
    }
    case 'PNP_VetoWindowsApp':
    case 'PNP_VetoWindowsService':
    case 'PNP_VetoDriver': {
      const client = a.Client ?? a.VetoName ?? '';
      const answer = findBack(trace, index, v.cause, (e) => e.kind === 'notify' && e.client === client && (isFailureResult(e.result) || e.result === 'BROADCAST_QUERY_DENY'));
      const wia = client.startsWith('stisvc');
      const who = wia ? `the WIA service (${client})` : `the ${v.name === 'PNP_VetoWindowsApp' ? 'user-mode application' : 'kernel-mode driver'} ${client}`;
      const how = answer !== undefined ? `: it answered ${trace[answer].name} with ${trace[answer].result}` : '';
      return {
        short: wia ? 'the WIA service (a scan is running)' : `client ${client}`,
        sentence: `Vetoed by ${who}${how}${wia ? ', because a transfer is running' : ''}.`,
        cause: answer,
        cite: answer !== undefined ? citeOf(trace[answer].at) : citeOf(v.at),
        ...(wia ? { labChoice: 'That the WIA service refuses while a transfer runs is the lab’s inference (docs/fidelity.md §33).' } : {}),
      };
    }
    case 'PNP_VetoNonDisableable': {
      const check = checkRow(v, 'checkDisableable');
      return { short: 'not disableable', sentence: `${v.device} cannot be disabled: its stack reports PNP_DEVICE_NOT_DISABLEABLE.`, note: check?.note, cause: undefined, cite: check?.cite ?? citeOf(v.at) };
    }
    default:
      return { short: v.name, sentence: `The ${op} was vetoed (${v.name}).`, cause: undefined, cite: citeOf(v.at) };
  }
}

export { isVeto } from './vetoEvent';
