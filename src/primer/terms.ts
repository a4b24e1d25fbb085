/**
 * The primer's index and the words that lead to it: entry ids and labels (the lessons link to entries by
 * id), and which words of a trace event have an entry. Loaded with the lesson panel and the primer dialog,
 * never in the main chunk (the embed budget): the timeline's details only open the primer for the event
 * under the cursor, and the dialog finds that event's words. The entries' text is src/primer/entries.ts.
 */
import type { TraceEvent } from '../engine/trace';

/** Every primer entry: id and the short label its links show. The order is the primer's reading order. */
export const PRIMER_INDEX = [
  { id: 'irp', label: 'IRP' },
  { id: 'device-stack', label: 'Device node and device stack' },
  { id: 'pdo-fdo-filter', label: 'PDO, FDO, filters, bus driver' },
  { id: 'frameworks', label: 'WDM, KMDF, UMDF 1, UMDF 2' },
  { id: 'devnode-states', label: 'Devnode states' },
  { id: 'problem-codes', label: 'Problem codes (CM_PROB_*)' },
  { id: 'power-states', label: 'Device power states (D0–D3)' },
  { id: 'self-managed-io', label: 'Self-managed I/O' },
  { id: 'veto-types', label: 'Vetoes (PNP_Veto*)' },
  { id: 'interfaces', label: 'Device interfaces' },
  { id: 'notifications', label: 'PnP notifications' },
  { id: 'dbt', label: 'WM_DEVICECHANGE and DBT_*' },
  { id: 'reflector', label: 'The UMDF reflector' },
  { id: 'wia-split', label: 'WIA: service and minidriver' },
  { id: 'tymed', label: 'TYMED' },
  { id: 'it-msg', label: 'IT_MSG_* messages' },
] as const;

export type PrimerId = (typeof PRIMER_INDEX)[number]['id'];

const LABELS = new Map<string, string>(PRIMER_INDEX.map((e) => [e.id, e.label]));

export function isPrimerId(id: string): id is PrimerId {
  return LABELS.has(id);
}

export function primerLabel(id: PrimerId): string {
  return LABELS.get(id) ?? id;
}

const DEVNODE_STATES = new Set(['PhysicallyAbsent', 'PhysicallyPresent', 'Enumerated', 'EnumeratedAndDriversInitialized', 'FdoAndFilterDosAttached', 'Started', 'StopPending', 'Stopped', 'RemovePending', 'SurpriseRemoved']);

/** A word (an event name, an argument value) → the entry that explains it, if one does. */
export function primerIdForWord(word: string): PrimerId | undefined {
  if (word.startsWith('IRP_MN_') || word.startsWith('IRP_MJ_')) return 'irp';
  if (word.startsWith('CM_PROB_')) return 'problem-codes';
  if (word.startsWith('PNP_Veto')) return 'veto-types';
  if (word.startsWith('DBT_') || word === 'WM_DEVICECHANGE') return 'dbt';
  if (word.startsWith('IT_MSG_') || word.startsWith('IT_STATUS_')) return 'it-msg';
  if (word.startsWith('TYMED_')) return 'tymed';
  if (DEVNODE_STATES.has(word)) return 'devnode-states';
  if (/^(Evt|IPnpCallback)\w*SelfManagedIo|::OnSelfManagedIo/.test(word)) return 'self-managed-io';
  if (/D0Entry|D0Exit|^WdfPowerDevice|^PowerDevice/.test(word)) return 'power-states';
  if (word === 'IoSetDeviceInterfaceState' || word.startsWith('GUID_DEVINTERFACE_') || word.startsWith('GUID_DEVICE_INTERFACE_') || word.startsWith('CM_NOTIFY_ACTION_DEVICEINTERFACE')) return 'interfaces';
  if (word.startsWith('GUID_TARGET_DEVICE_') || word.startsWith('GUID_HWPROFILE_') || word.startsWith('CM_NOTIFY_ACTION_') || word === 'IoRegisterPlugPlayNotification' || word === 'CM_Register_Notification') return 'notifications';
  if (word === 'STATUS_DRIVER_PROCESS_TERMINATED' || word === 'GUID_WUDF_DEVICE_HOST_PROBLEM') return 'reflector';
  if (word.startsWith('IDriverEntry::') || word.startsWith('IPnpCallback') || word.startsWith('IQueueCallback') || word.startsWith('IPowerPolicyCallback')) return 'frameworks';
  if (word.startsWith('drv') || word.startsWith('IStiUSD::') || word.startsWith('IStiDevice::') || word.startsWith('IWia') || word === 'MiniDrvCallback' || word.startsWith('wias')) return 'wia-split';
  if (word.startsWith('Evt') || word === 'DriverEntry') return 'frameworks';
  return undefined;
}

/** The words of an event that have an entry, each once, in the order a reader meets them: its name, layer, arguments, result. */
export function primerTermsFor(e: TraceEvent): { word: string; id: PrimerId }[] {
  const out: { word: string; id: PrimerId }[] = [];
  const seen = new Set<string>();
  const add = (word: string, id: PrimerId | undefined) => {
    if (id === undefined || seen.has(id)) return;
    seen.add(id);
    out.push({ word, id });
  };
  add(e.name, primerIdForWord(e.name));
  if (e.kind === 'warn' && /reflector/i.test(String(e.args?.message ?? ''))) add('reflector', 'reflector');
  if (e.layer) add(e.layer, 'pdo-fdo-filter');
  if (e.kind === 'irp' || e.kind === 'callback') add('device stack', 'device-stack');
  for (const v of Object.values(e.args ?? {})) if (typeof v === 'string') add(v, primerIdForWord(v));
  if (e.result) add(e.result, primerIdForWord(e.result));
  if (e.kind === 'wia' || e.kind === 'hw') add(e.component ?? 'WIA', 'wia-split');
  return out;
}
