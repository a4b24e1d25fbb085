/** The KMDF callbacks a scenario can set, grouped by the table (the IRP or event) that first calls them. */
import { FAILABLE_CALLBACKS, KMDF_CALLBACKS } from '../../engine/tables/registry';
import { TABLES } from '../flow/tables';

export interface CallbackGroup {
  title: string;
  tableId: string;
  callbacks: { name: string; canFail: boolean }[];
}

export const CALLBACK_GROUPS: readonly CallbackGroup[] = (() => {
  const seen = new Set<string>();
  const groups: CallbackGroup[] = [];
  for (const t of TABLES.values()) {
    const callbacks = t.rows
      .filter((r) => r.do === 'callback' && r.name && KMDF_CALLBACKS.has(r.name) && !seen.has(r.name))
      .map((r) => {
        seen.add(r.name!);
        return { name: r.name!, canFail: FAILABLE_CALLBACKS.has(r.name!) };
      });
    if (callbacks.length) groups.push({ title: t.title, tableId: t.id, callbacks });
  }
  return groups;
})();

export const BEHAVIORS = ['succeed', 'fail', 'absent', 'hang'] as const;
