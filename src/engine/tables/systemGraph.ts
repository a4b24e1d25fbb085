/**
 * The whole system as one graph: every table (which host runs it, what it follows), and every place a row runs another
 * table, as the rows' words declare it (tables/vocabulary.ts, `invokes`). The flowchart, docs/fidelity.md ("Which table
 * runs which", written by `systemGraphMarkdown`) and the tests read it from here; systemGraph.test.ts checks it against
 * what the engine really runs.
 */
import { ACTION_TABLES } from '../actions';
import { LAYER_WORDS } from '../framework/layerHost';
import { FRAMEWORKS } from '../frameworks';
import { KMDF_TABLES } from '../kmdf/tables';
import { PNP_WORDS } from '../pnp/pnpHost';
import { PNP_TABLES } from '../pnp/tables';
import { UMDF1_TABLES } from '../umdf1/tables';
import { WIA_WORDS } from '../wia/wiaHost';
import { WIA_TABLES } from '../wia/tables';
import type { Table } from './table';
import { invocationsOf, type InvocationKind, type Vocabulary } from './vocabulary';

export interface GraphTable {
  id: string;
  title: string;
  cite: string;
  /** Who runs it: the vocabulary's host (PnP manager, framework, WIA service). */
  host: string;
  /** The devnodes it runs for lose their drivers (Table.removal). */
  removal: boolean;
}

/** Row `row` of table `from` runs table `to`. */
export interface GraphEdge {
  from: string;
  row: string;
  to: string;
  kind: InvocationKind;
  /** `irp` edges: the IRP (and pass) the drivers run `to` for, as the framework's irpTables key it. */
  irp?: string;
}

export interface SystemGraph {
  tables: readonly GraphTable[];
  edges: readonly GraphEdge[];
  /** The tables each lab action starts itself (actions.ts ACTION_TABLES). */
  actions: readonly { action: string; table: string }[];
  /** Tables a lab action starts, and tables no row runs (the WIA service starts those: wia.load when its device's interface arrives). */
  roots: readonly string[];
  /** For each IRP (and pass: `IRP_MN_SET_POWER:D0`), the table each framework runs for it, KMDF first. */
  irpTables: ReadonlyMap<string, readonly string[]>;
}

/** Each host's tables, with the words its rows are written in. */
const HOSTS: readonly { words: Vocabulary<unknown>; tables: readonly Table[] }[] = [
  { words: PNP_WORDS, tables: PNP_TABLES },
  { words: LAYER_WORDS, tables: [...KMDF_TABLES, ...UMDF1_TABLES] },
  { words: WIA_WORDS, tables: WIA_TABLES },
];

let graph: SystemGraph | undefined;

/** The graph, built once. */
export function systemGraph(): SystemGraph {
  return (graph ??= buildGraph());
}

function buildGraph(): SystemGraph {
  const tables: GraphTable[] = [];
  const edges: GraphEdge[] = [];
  for (const { words, tables: own } of HOSTS) {
    for (const t of own) {
      tables.push({ id: t.id, title: t.title, cite: t.cite, host: words.host, removal: t.removal === true });
      for (const row of t.rows) {
        for (const inv of invocationsOf(words, row, `${t.id}/${row.id}`)) {
          edges.push({ from: t.id, row: row.id, to: inv.table, kind: inv.kind, ...(inv.irp !== undefined ? { irp: inv.irp } : {}) });
        }
      }
    }
  }
  const actions = Object.entries(ACTION_TABLES).flatMap(([action, ts]) => ts.map((table) => ({ action, table })));
  const invoked = new Set(edges.map((e) => e.to));
  const started = new Set(actions.map((a) => a.table));
  const irpTables = new Map<string, string[]>();
  for (const spec of Object.values(FRAMEWORKS)) {
    for (const [key, table] of Object.entries(spec.irpTables)) (irpTables.get(key) ?? irpTables.set(key, []).get(key)!).push(table);
  }
  return { tables, edges, actions, roots: tables.filter((t) => started.has(t.id) || !invoked.has(t.id)).map((t) => t.id), irpTables };
}

/** The graph as the Markdown of docs/fidelity.md's "Which table runs which" section (between its markers). */
export function systemGraphMarkdown(g: SystemGraph = systemGraph()): string {
  const out: string[] = [];
  out.push('| table | host | its rows run |', '|---|---|---|');
  for (const t of g.tables) {
    const groups = new Map<string, string[]>();
    for (const e of g.edges) {
      if (e.from !== t.id) continue;
      const irp = e.irp?.split(':')[0];
      const head = e.kind === 'irp' ? `${e.row} sends ${irp} → each driver's` : e.kind === 'role' ? `${e.row} → each driver's` : e.kind === 'queues' ? `${e.row} queues` : `${e.row} →`;
      const pass = e.irp !== undefined && e.irp !== irp ? ` (${e.irp.slice(irp!.length + 1)})` : '';
      const list = groups.get(head) ?? groups.set(head, []).get(head)!;
      const what = `\`${e.to}\`${pass}`;
      if (!list.includes(what)) list.push(what);
    }
    const runs = [...groups].map(([head, list]) => `${head} ${list.join(', ')}`).join('; ');
    out.push(`| \`${t.id}\`${t.removal ? ' (removal)' : ''} | ${t.host} | ${runs || '—'} |`);
  }
  const byAction = g.actions.map((a) => `${a.action} → \`${a.table}\``).join(', ');
  const others = g.roots.filter((r) => !g.actions.some((a) => a.table === r));
  out.push('', `Started by the lab's actions: ${byAction}. Started by the WIA service on its own: ${others.map((r) => `\`${r}\``).join(', ')}.`);
  return out.join('\n');
}
