#!/usr/bin/env node
// Chunk report: builds the app (into dist/, as `vite build` does) and prints what each JavaScript
// chunk is made of, biggest first: every module's size as minified on its own, then gzip -9 (a
// module's share of its chunk; the sum is a little above the chunk's own gzip size, which shares
// one dictionary), and which chunks each chunk imports. Use it to find what put bytes on the start path.
//   node scripts/chunk-report.mjs             every chunk, the 25 biggest modules of each
//   node scripts/chunk-report.mjs index 60    chunks whose name contains "index", 60 modules each
//   CHUNK_REPORT_JSON=file.json node scripts/chunk-report.mjs   also writes every row as JSON
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { transformSync } from 'esbuild';
import { build } from 'vite';

const [filter = '', top = '25'] = process.argv.slice(2);
const root = process.cwd();
const rows = [];

await build({
  logLevel: 'warn',
  plugins: [{
    name: 'pnp-lab:chunk-report',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const modules = Object.entries(chunk.modules).map(([id, m]) => {
          let code = m.code ?? '';
          try {
            code = transformSync(code, { minify: true, loader: 'js' }).code;
          } catch {
            // not plain JavaScript (rare): measured as rendered
          }
          return { id: id.startsWith(root) ? id.slice(root.length + 1) : id.replace(/^.*?node_modules\//, 'node_modules/'), minified: code.length, gzip: code ? gzipSync(code, { level: 9 }).length : 0 };
        });
        rows.push({ chunk: chunk.fileName, gzip: gzipSync(chunk.code, { level: 9 }).length, raw: chunk.code.length, imports: chunk.imports, dynamicImports: chunk.dynamicImports, modules });
      }
    },
  }],
});

const kb = (n) => (n / 1024).toFixed(1).padStart(6);
for (const c of rows.sort((a, b) => b.gzip - a.gzip)) {
  if (filter && !c.chunk.includes(filter)) continue;
  console.log(`\n${c.chunk}: ${kb(c.raw)} KB raw, ${kb(c.gzip)} KB gzip; imports ${c.imports.join(', ') || 'nothing'}`);
  for (const m of c.modules.sort((a, b) => b.gzip - a.gzip).slice(0, Number(top))) console.log(`  ${kb(m.gzip)} KB  ${m.id}`);
  const rest = c.modules.length - Number(top);
  if (rest > 0) console.log(`  … and ${rest} more modules`);
}
if (process.env.CHUNK_REPORT_JSON) writeFileSync(process.env.CHUNK_REPORT_JSON, JSON.stringify(rows, null, 1));
