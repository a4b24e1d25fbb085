/**
 * The work budget and big outputs in the browser (issue 11, fixes 5 and 6): Copy link refuses a link
 * the lab would refuse and says why; Save trace writes the CLI's bytes (`--irp-travel --runs`) and says when it is done; a
 * link or file over the budget is refused with its size and the lab keeps its state; an embedded lab
 * answers a `load` over the budget (or with a "__proto__" key) with an error, as for any bad load.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Rng } from '../src/engine/rng';
import { toJsonLines } from '../src/engine/trace';
import { parseScenario } from '../src/scenario/parse';
import { createLab, runScenario } from '../src/scenario/run';
import { encodePermalink } from '../src/share/permalink';
import { expect, test, type Lab } from './fixtures';

async function openFile(lab: Lab, name: string, content: string): Promise<void> {
  const chooser = lab.page.waitForEvent('filechooser');
  await lab.page.getByRole('button', { name: 'Open…' }).click();
  await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
}

async function share(lab: Lab, item: RegExp): Promise<void> {
  await lab.page.getByRole('button', { name: 'Share' }).click();
  await lab.page.getByRole('menuitem', { name: item }).click();
}

/** `pairs` plug/unplug pairs of a disk with eight filters; `port` names a root-hub port (the estimate counts such plugs). */
function plugUnplug(pairs: number, port: boolean) {
  const steps = [];
  for (let i = 0; i < pairs; i++) steps.push(port ? { action: 'plug', device: 'disk', port: 'usb-root-hub:1' } : { action: 'plug', device: 'disk' }, { action: 'unplug', device: 'disk' });
  return { devices: [{ id: 'disk', model: 'usb-disk', filters: { lower: 4, upper: 4 } }], steps };
}

test('Copy link refuses a link the lab would refuse, and says why; the address is left alone', async ({ lab }) => {
  const { page } = lab;
  // 15,000 waits of odd lengths: a lab whose link does not compress below the 100,000 characters the lab opens
  const rng = new Rng(5);
  const steps = Array.from({ length: 15_000 }, () => ({ action: 'wait', ms: Math.round(rng.next() * 1e9) / 1000 }));
  await openFile(lab, 'long.json', JSON.stringify({ devices: [{ id: 'disk', model: 'usb-disk' }], steps }));
  await expect(page.getByRole('slider', { name: 'Cursor position in the trace' })).toHaveAttribute('max', '15000');
  // the address sync says so first (up to a second after the load); waiting for it keeps its note from replacing the answer to Copy link
  await expect(page.getByTestId('notice')).toContainText('too large for the address');
  const before = page.url();
  await share(lab, /Copy link/);
  await expect(page.getByTestId('notice')).toContainText(/No link copied: it would be 1\d\d,\d{3} characters long, and the lab opens links of at most 100,000\. Use Share → Save scenario to keep this lab as a file instead\./);
  expect(page.url()).toBe(before);
  await share(lab, /Copy embed code/);
  await expect(page.getByTestId('notice')).toContainText(/No embed code copied: it would be 1\d\d,\d{3} characters long/);
});

test('Save trace downloads exactly what the CLI prints with --irp-travel --runs (the lab in the browser records IRPs as they travel, and each event\'s run), and says when it is done', async ({ lab }) => {
  const { page } = lab;
  const text = await readFile('examples/hub-unplug.json', 'utf8');
  await openFile(lab, 'hub-unplug.json', text);
  const scenario = parseScenario(JSON.parse(text));
  const cli = toJsonLines(runScenario(scenario, createLab(scenario, { irpTravel: true, runs: true })));
  const events = cli.split('\n').length - 1;
  // the file's lab is in place (the default lab has a hub too): its run, shown from its end
  await expect(page.getByRole('slider', { name: 'Cursor position in the trace' })).toHaveAttribute('max', String(events));
  const download = page.waitForEvent('download');
  await share(lab, /Save trace/);
  const file = await download;
  expect(file.suggestedFilename()).toBe('pnp-lab-trace.jsonl');
  expect(await readFile(await file.path(), 'utf8')).toBe(cli);
  await expect(page.getByTestId('notice')).toContainText(`Saved the trace as pnp-lab-trace.jsonl: ${events.toLocaleString('en-US')} events, ${(Buffer.byteLength(cli) / 1024).toFixed(1)} KB.`);
});

test('over the work budget: a link is refused before it runs, a file is stopped at the cap; both say how big, the lab keeps its state', async ({ lab }) => {
  test.setTimeout(120_000);
  const { page } = lab;
  await lab.plug('disk', 'usb-root-hub:2');
  const slider = page.getByRole('slider', { name: 'Cursor position in the trace' });
  const length = await slider.getAttribute('max');
  const message = page.getByTestId('notice').locator('span.flex-1');

  // 10,000 plug/unplug pairs on a named port: the estimate alone is over the million events
  const link = `#lab=${encodePermalink({ scenario: { seed: 1, ...plugUnplug(10_000, true) } as never })}`;
  expect(link.length).toBeLessThan(100_000);
  let started = Date.now();
  await page.evaluate((h) => (location.hash = h), link);
  await expect(message).toHaveText('This link could not be opened, so the lab is unchanged. scenario.steps: 20,000 steps would record at least 1,260,000 trace events; the limit is 1,000,000; expected a smaller scenario (the CLI runs bigger ones: npm run -s lab -- run FILE --max-events N)');
  console.log(`budget: a link estimated over the budget refused in ${Date.now() - started} ms`);
  await expect(slider).toHaveAttribute('max', length!);
  await expect(lab.port('usb-root-hub:2').locator('[data-device="disk"]')).toBeVisible();

  // the same without ports: the estimate cannot see the work, the run stops at the cap
  started = Date.now();
  await openFile(lab, 'big.json', JSON.stringify(plugUnplug(6_000, false)));
  await expect(message).toHaveText(/^big\.json could not be opened; the lab is unchanged\. steps: the run reached the limit of 1,000,000 trace events in steps\[\d+\] \((plug|unplug)\) of 12,000; at that rate all 12,000 steps would record about [\d,]+; expected a smaller scenario/, { timeout: 60_000 });
  console.log(`budget: a file stopped at the cap of 1,000,000 events in ${Date.now() - started} ms (load ${(await import('node:os')).loadavg()[0].toFixed(1)})`);
  await expect(slider).toHaveAttribute('max', length!);
  await expect(lab.port('usb-root-hub:2').locator('[data-device="disk"]')).toBeVisible();
});

test('storage full: the lesson panel says progress is not being saved, once', async ({ lab }) => {
  const { page } = lab;
  // this browser's storage takes nothing more (the quota is used up): every write fails, reads work
  await page.addInitScript(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await page.reload();
  await page.getByRole('button', { name: 'Lessons' }).click();
  const panel = page.getByTestId('lesson-panel');
  await panel.getByLabel('Choose a lesson').selectOption('a-device-starts');
  const notice = panel.getByTestId('lesson-notice');
  await expect(notice).toHaveText(/^Your lesson progress could not be saved in this browser \(its storage is full or blocked\), so it lasts only for this visit\. Use Export progress to keep it in a file\./);
  await expect(notice).toHaveAttribute('role', 'alert');
  // the lab goes on working: hints still show
  await panel.getByRole('button', { name: 'Show a hint' }).click();
  await expect(panel.getByRole('button', { name: /Next hint|No more hints/ })).toBeVisible();
});

let server: Server;
let hostOrigin: string;

test.beforeAll(async () => {
  // a page on another origin (localhost, not 127.0.0.1) that embeds the lab and logs what it posts
  server = createServer((req, res) => {
    const lab = new URL(req.url ?? '/', 'http://x').searchParams.get('lab') ?? '';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title><link rel="icon" href="data:,"></head><body>
<iframe id="lab" title="PnP Lab" src="${lab.replace(/"/g, '')}?embed=1" style="width:1000px;height:700px"></iframe>
<script>window.got = []; addEventListener('message', (e) => { if (e.data && typeof e.data.type === 'string') window.got.push(e.data); });</script>
</body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hostOrigin = `http://localhost:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

test('an embedded lab answers a load over the budget, or with a "__proto__" key, with an error and keeps its lab', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  await page.goto(`${hostOrigin}/?lab=${encodeURIComponent(new URL('./', baseURL).href)}`);
  const got = (type: string) => page.evaluate((t) => (window as unknown as { got: { type: string; message?: string }[] }).got.filter((m) => m.type === t), type);
  await expect.poll(() => got('pnp-lab:ready').then((r) => r.length)).toBe(1);
  const frame = page.frameLocator('#lab');
  await expect(frame.locator('[data-device="disk"]')).toBeVisible();
  const post = (scenario: string) => page.evaluate((json) => (document.getElementById('lab') as HTMLIFrameElement).contentWindow!.postMessage({ type: 'pnp-lab:load', scenario: JSON.parse(json) }, '*'), scenario);
  const errors = async () => (await got('pnp-lab:error')).map((m) => m.message);

  await post('{"devices": [{"id": "disk", "model": "usb-disk", "callbacks": {"__proto__": "fail"}}]}');
  await expect.poll(errors).toEqual(['load: scenario.devices[0].callbacks.__proto__: the field name "__proto__" is not allowed (it would change what the object is); expected another name']);

  await post(JSON.stringify(plugUnplug(10_000, true)));
  await expect.poll(errors).toHaveLength(2);
  expect((await errors())[1]).toBe('load: scenario.steps: 20,000 steps would record at least 1,260,000 trace events; the limit is 1,000,000; expected a smaller scenario (the CLI runs bigger ones: npm run -s lab -- run FILE --max-events N)');

  await post(JSON.stringify(plugUnplug(6_000, false)));
  await expect.poll(errors, { timeout: 60_000 }).toHaveLength(3);
  expect((await errors())[2]).toMatch(/^load: scenario\.steps: the run reached the limit of 1,000,000 trace events in steps\[\d+\] \((plug|unplug)\) of 12,000; at that rate/);

  // the lab still shows its own scenario: the default devices, nothing loaded
  await expect(frame.locator('[data-device="disk"]')).toBeVisible();
  await expect(frame.locator('[data-device="scanner"]')).toBeVisible();
});
