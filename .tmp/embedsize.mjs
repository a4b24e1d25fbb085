// The embed part of scripts/budgets.mjs only: JavaScript an embedded lab loads, gzip -9 (dist must be built; served on 5308).
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
const DIST = process.argv[2] ?? 'dist';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
async function embedJs(query) {
  const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
  const files = new Set();
  page.on('request', (r) => { const p = new URL(r.url()).pathname; if (p.endsWith('.js')) files.add(p); });
  await page.goto(`http://127.0.0.1:${process.argv[3] ?? 5308}/?${query}`);
  await page.locator('main').first().waitFor();
  await page.waitForLoadState('networkidle');
  await page.close();
  files.add('/pnp-lab-embed.js');
  return [...files].reduce((n, f) => n + gzipSync(readFileSync(DIST + f), { level: 9 }).length, 0);
}
for (const [what, q] of [['default panels', 'embed=1'], ['lesson', 'embed=1&lesson=a-device-starts&panels=flow,timeline,lesson']]) console.log(what, ((await embedJs(q)) / 1024).toFixed(1), 'KB');
const files = (await import('node:fs')).readdirSync(DIST + '/assets').filter((f) => f.endsWith('.js'));
for (const f of files.filter((f) => /Primer|entries|index/i.test(f))) console.log(f, (gzipSync(readFileSync(`${DIST}/assets/${f}`), { level: 9 }).length / 1024).toFixed(1), 'KB');
await browser.close();
