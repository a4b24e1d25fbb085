/** The callbacks a scenario can set for a framework, grouped by the table (the IRP or event) that first calls them. */
import { FAILABLE_CALLBACKS, FRAMEWORK_CALLBACKS, TRANSITION_FAILABLE_CALLBACKS } from '../../engine/tables/registry';
import { TABLES } from '../../model/flow/tables';

export type FrameworkId = keyof typeof FRAMEWORK_CALLBACKS;
export const FRAMEWORK_IDS = Object.keys(FRAMEWORK_CALLBACKS) as FrameworkId[];
export const FRAMEWORK_LABELS: Record<string, string> = { kmdf: 'KMDF', umdf1: 'UMDF 1' };

export interface CallbackGroup {
  title: string;
  tableId: string;
  /** canFailOnTransition: may fail on the first start, a restart or a wake only (failOnFirstStart, …). */
  callbacks: { name: string; canFail: boolean; canFailOnTransition: boolean }[];
}

const cache = new Map<string, CallbackGroup[]>();

export function callbackGroups(framework: FrameworkId): readonly CallbackGroup[] {
  const hit = cache.get(framework);
  if (hit) return hit;
  const known = FRAMEWORK_CALLBACKS[framework] ?? new Set<string>();
  const seen = new Set<string>();
  const groups: CallbackGroup[] = [];
  for (const t of TABLES.values()) {
    const callbacks = t.rows
      .filter((r) => r.do === 'callback' && r.name && known.has(r.name) && !seen.has(r.name))
      .map((r) => {
        seen.add(r.name!);
        return { name: r.name!, canFail: FAILABLE_CALLBACKS.has(r.name!), canFailOnTransition: TRANSITION_FAILABLE_CALLBACKS.has(r.name!) };
      });
    if (callbacks.length) groups.push({ title: t.title, tableId: t.id, callbacks });
  }
  cache.set(framework, groups);
  return groups;
}

export const BEHAVIORS = ['succeed', 'fail', 'absent', 'hang', 'failOnFirstStart', 'failOnRestart', 'failOnWake'] as const;

/** Whether a callback may be set to the behaviour (a failure needs a failure path; a transition failure, a start or a wake). */
export function allowsBehavior(c: CallbackGroup['callbacks'][number], b: (typeof BEHAVIORS)[number]): boolean {
  if (b === 'fail') return c.canFail;
  if (b.startsWith('failOn')) return c.canFailOnTransition;
  return true;
}
