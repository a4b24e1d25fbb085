// `npm run layouts` (npx tsx scripts/gen-layouts.ts): lays out every engine table with dagre and
// writes src/model/flow/layouts.generated.json, which the flowchart reads instead of shipping dagre.
// Run it after changing any table (src/engine/**/tables.ts) or the layout (src/model/flow/dagreLayout.ts);
// src/model/flow/layouts.test.ts fails until you do. One table per line, so diffs stay readable.
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { ALL_TABLES } from '../src/engine/tables/registry';
import { computeLayout, storedLayout } from '../src/model/flow/dagreLayout';

const OUT = new URL('../src/model/flow/layouts.generated.json', import.meta.url);

const lines = ALL_TABLES.map((t) => `${JSON.stringify(t.id)}:${JSON.stringify(storedLayout(computeLayout(t)))}`);
const text = `{\n${lines.join(',\n')}\n}\n`;
writeFileSync(OUT, text);
console.log(`${OUT.pathname}: ${ALL_TABLES.length} tables, ${text.length} bytes, ${gzipSync(text, { level: 9 }).length} bytes gzip`);
