/**
 * The primer dialog, loaded on first use (its entries' text is a chunk of its own), and fetched when
 * what opens it is reached for. Apart from lazyParts.tsx, so the primer's links (in the lesson panel,
 * itself loaded by lazyParts) make no import cycle.
 */
import { onDemand } from '../common/onDemand';

export const primerDialog = onDemand(() => import('./PrimerDialog').then((m) => m.PrimerDialog));

export const prefetchPrimer = primerDialog.prefetch;
