/** The words of the Compare view: how run A and run B differ, one short label each. */
import type { Comparison } from './compare';
import { LAYER_WORDS, type ComparedScenario } from './comparison';

const FRAMEWORK_WORDS: Record<string, string> = { kmdf: 'KMDF', umdf1: 'UMDF 1' };

/** How run A and run B differ, one short label each (`disk on KMDF` / `disk on UMDF 1`). */
export function describeSides(s: ComparedScenario, c: Comparison): { a: string; b: string } {
  const d = 'device' in c ? s.devices?.find((x) => x.id === c.device) : undefined;
  switch (c.change) {
    case 'framework': {
      const from = d?.framework === 'umdf1' ? 'umdf1' : 'kmdf';
      return { a: `${c.device} on ${FRAMEWORK_WORDS[from]}`, b: `${c.device} on ${FRAMEWORK_WORDS[from === 'kmdf' ? 'umdf1' : 'kmdf']}` };
    }
    case 'callback': {
      const layer = c.layer ?? 'function';
      const now = layer === 'function' ? d?.callbacks?.[c.callback] : d?.layers?.[layer]?.callbacks[c.callback];
      const where = layer === 'function' ? '' : ` (${LAYER_WORDS[layer]})`;
      return { a: `${c.callback}${where}: ${now ?? 'as written'}`, b: `${c.callback}${where}: ${c.behaviour}` };
    }
    case 'client': {
      const client = s.clients?.find((x) => x.id === c.client);
      return c.onQueryRemove !== undefined
        ? { a: `${c.client} on query-remove: ${client?.onQueryRemove ?? 'close'}`, b: `${c.client} on query-remove: ${c.onQueryRemove}` }
        : { a: `${c.client} on a profile query: ${client?.onProfileQuery ?? 'allow'}`, b: `${c.client} on a profile query: ${c.onProfileQuery}` };
    }
    case 'openHandles': {
      const n = d?.openHandles ?? 0;
      const handles = (k: number) => `${k} open handle${k === 1 ? '' : 's'}`;
      return { a: `${c.device}: ${handles(n)}`, b: `${c.device}: ${handles(c.openHandles)}` };
    }
    case 'removal': {
      const step = s.steps?.[c.step - 1];
      const safe = step?.action === 'safeRemove';
      return { a: `step ${c.step}: ${safe ? 'Safely Remove' : 'cable pulled'} ${step?.device ?? ''}`.trim(), b: `step ${c.step}: ${safe ? 'cable pulled' : 'Safely Remove'} ${step?.device ?? ''}`.trim() };
    }
  }
}
