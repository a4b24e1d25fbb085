// Embeds that follow the host page (issue 14) and an element that only frames http(s) (issue 11).
// The lab runs at baseURL (http://127.0.0.1:PORT); the host pages come from http://localhost:<random>,
// another origin, as a docs site would be.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Frame, type Page } from '@playwright/test';

let server: Server;
let hostOrigin: string;
const pages = new Map<string, string>();

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const name = new URL(req.url ?? '/', 'http://x').searchParams.get('page') ?? '';
    const html = pages.get(name);
    if (html === undefined) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hostOrigin = `http://localhost:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** Serves a docs page with `body` in it and the element's script from the lab; records the labs' events. */
async function openHost(page: Page, baseURL: string | undefined, body: string, head = ''): Promise<void> {
  const name = `p${pages.size}`;
  pages.set(name, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A driver course</title><link rel="icon" href="data:,">${head}
<script>
  window.labEvents = [];
  for (const type of ['pnp-lab-ready', 'pnp-lab-step', 'pnp-lab-error']) document.addEventListener(type, (e) => window.labEvents.push({ type, detail: e.detail }));
</script></head><body><h1>Unplugging a scanner</h1>${body}<p>After the lab.</p>
<script src="${new URL('pnp-lab-embed.js', baseURL)}"></script></body></html>`);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${hostOrigin}/?page=${name}`);
  expect(errors).toEqual([]);
}

const readyCount = (page: Page) => page.evaluate(() => (window as unknown as { labEvents: { type: string }[] }).labEvents.filter((e) => e.type === 'pnp-lab-ready').length);

async function labFrame(page: Page): Promise<Frame> {
  const frame = await page.locator('pnp-lab iframe').elementHandle().then((h) => h!.contentFrame());
  return frame!;
}

const slider = (frame: Frame) => frame.getByRole('slider', { name: 'Cursor position in the trace' });

/** A scenario with something to step through: a disk plugged in (an old-style `#scenario=` link, which `scenario` accepts). */
const PLUGGED = `#scenario=${Buffer.from(JSON.stringify({ devices: [{ id: 'disk', model: 'usb-disk' }], steps: [{ action: 'plug', device: 'disk' }] })).toString('base64url')}`;

test('theme="auto": the frame follows the host page\'s <html> class, data-theme, color-scheme and preference, without reloading or losing the cursor', async ({ page, baseURL }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openHost(page, baseURL, `<pnp-lab src="${new URL('./', baseURL)}" theme="auto" panels="hardware,timeline" scenario="${PLUGGED}"></pnp-lab>`);
  await expect.poll(() => readyCount(page)).toBe(1);
  const frame = await labFrame(page);
  const html = frame.locator('html');
  await expect(html).not.toHaveClass(/\bdark\b/);

  // the learner moves the cursor; the frame gets a mark that a reload would wipe
  const start = Number(await slider(frame).inputValue());
  for (let i = 0; i < 3; i++) await frame.getByRole('button', { name: 'Step forward' }).click();
  const cursor = String(start + 3);
  await expect(slider(frame)).toHaveValue(cursor);
  await frame.evaluate(() => ((window as unknown as { mark: number }).mark = 42));
  const unchanged = async () => {
    await expect(slider(frame)).toHaveValue(cursor);
    expect(await frame.evaluate(() => (window as unknown as { mark?: number }).mark)).toBe(42);
  };

  await page.evaluate(() => document.documentElement.classList.add('dark'));
  await expect(html).toHaveClass(/\bdark\b/);
  await unchanged();
  await page.evaluate(() => document.documentElement.classList.remove('dark'));
  await expect(html).not.toHaveClass(/\bdark\b/);

  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  await expect(html).toHaveClass(/\bdark\b/);
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));
  await expect(html).not.toHaveClass(/\bdark\b/);
  await page.evaluate(() => document.documentElement.removeAttribute('data-theme'));

  await page.evaluate(() => (document.documentElement.style.colorScheme = 'dark'));
  await expect(html).toHaveClass(/\bdark\b/);
  await page.evaluate(() => (document.documentElement.style.colorScheme = ''));
  await expect(html).not.toHaveClass(/\bdark\b/);

  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(html).toHaveClass(/\bdark\b/);
  await unchanged();
  expect(await readyCount(page)).toBe(1);
});

test('changing the element\'s attributes never loses the learner\'s work: theme is sent, panels restart the frame where it was', async ({ page, baseURL }) => {
  await openHost(page, baseURL, `<pnp-lab src="${new URL('./', baseURL)}" panels="hardware,timeline"></pnp-lab>`);
  await expect.poll(() => readyCount(page)).toBe(1);
  let frame = await labFrame(page);
  // the learner plugs the scanner in from the keyboard and steps back a little
  await frame.locator('[data-device="scanner"]').click();
  await frame.getByRole('menu', { name: 'Actions for scanner' }).getByRole('menuitem', { name: /Plug into a port/ }).click();
  await frame.getByRole('menu', { name: 'Plug scanner into' }).getByRole('menuitem').first().click();
  await expect(frame.locator('[data-port] [data-device="scanner"]')).toBeVisible();
  await frame.getByRole('button', { name: 'Jump to end' }).click();
  for (let i = 0; i < 4; i++) await frame.getByRole('button', { name: 'Step back' }).click();
  const cursor = await slider(frame).inputValue();

  await page.evaluate(() => document.querySelector('pnp-lab')!.setAttribute('theme', 'dark'));
  await expect(frame.locator('html')).toHaveClass(/\bdark\b/);
  expect(await readyCount(page)).toBe(1);

  // panels are read when the lab starts: the frame restarts and resumes
  await page.evaluate(() => document.querySelector('pnp-lab')!.setAttribute('panels', 'hardware,tree,timeline'));
  await expect.poll(() => readyCount(page)).toBe(2);
  frame = await labFrame(page);
  await expect(frame.getByRole('tab', { name: /Device Manager/ })).toBeVisible();
  await expect(frame.locator('[data-port] [data-device="scanner"]')).toBeVisible();
  await expect(slider(frame)).toHaveValue(cursor);
  await expect(frame.locator('html')).toHaveClass(/\bdark\b/);

  // a lesson attribute opens that lesson in the running lab
  await page.evaluate(() => document.querySelector('pnp-lab')!.setAttribute('lesson', 'wia-disconnect'));
  await expect(frame.locator('[data-device="scanner"]').first()).toBeVisible();
  await expect.poll(() => frame.evaluate(() => document.querySelectorAll('[data-port] [data-device="scanner"]').length)).toBe(0);
  expect(await readyCount(page)).toBe(2);
});

test('load="click" shows the lesson\'s poster and boots on click; printed, the embed is its picture and a link', async ({ page, baseURL }) => {
  const lab = new URL('./', baseURL).href;
  await openHost(page, baseURL, `<pnp-lab src="${lab}" lesson="wia-disconnect" load="click" title="PnP Lab: the scanner is disconnected"></pnp-lab>`);
  const poster = page.getByRole('button', { name: 'Load PnP Lab: the scanner is disconnected' });
  await expect(poster).toBeVisible();
  await expect(page.locator('pnp-lab iframe')).toHaveCount(0);
  await expect.poll(() => poster.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1200);
  expect(await poster.locator('img').getAttribute('src')).toBe(new URL('preview/wia-disconnect.png', lab).href);
  await page.waitForTimeout(300);
  expect(await readyCount(page)).toBe(0);

  await page.emulateMedia({ media: 'print' });
  await expect(poster).toBeHidden();
  const link = page.locator('pnp-lab').getByRole('link');
  await expect(link).toBeVisible();
  await expect(link).toHaveText(`${lab}?lesson=wia-disconnect`);
  await page.emulateMedia({ media: 'screen' });

  await poster.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => readyCount(page)).toBe(1);
  const frame = await labFrame(page);
  await expect(frame.getByTestId('lesson-panel').getByLabel('Choose a lesson')).toHaveValue('wia-disconnect');
  await expect(poster).toHaveCount(0);

  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('pnp-lab iframe')).toBeHidden();
  await expect(link).toBeVisible();
});

test('src must be http(s): javascript:, data: and the like are refused with a message, and never run', async ({ page, baseURL }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const bad = ['javascript:alert(1)', 'JaVaScRiPt:alert(2)', ' \tjavascript:alert(3)', 'java\nscript:alert(4)', 'data:text/html,<script>alert(5)</script>', 'vbscript:msgbox(6)', 'about:blank'];
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
  await openHost(page, baseURL, bad.map((src, i) => `<pnp-lab id="bad${i}" src="${escape(src)}"></pnp-lab>`).join('\n'));
  for (let i = 0; i < bad.length; i++) {
    const el = page.locator(`#bad${i}`);
    await expect(el.locator('iframe')).toHaveCount(0);
    await expect(el.locator('.error')).toHaveText(/^PnP Lab: src must be an http: or https: address; got ".+"$/);
  }
  await expect.poll(() => page.evaluate(() => (window as unknown as { labEvents: { type: string }[] }).labEvents.filter((e) => e.type === 'pnp-lab-error').length)).toBe(bad.length);

  // a working lab pointed at javascript: afterwards loses its frame instead of running it
  await page.evaluate((lab) => {
    const el = document.createElement('pnp-lab');
    el.id = 'good';
    el.setAttribute('src', lab);
    document.body.append(el);
  }, new URL('./', baseURL).href);
  await expect.poll(() => readyCount(page)).toBe(1);
  await page.evaluate(() => document.getElementById('good')!.setAttribute('src', 'javascript:alert(7)'));
  await expect(page.locator('#good iframe')).toHaveCount(0);
  await expect(page.locator('#good .error')).toContainText('javascript:alert(7)');
  await page.waitForTimeout(300);
  expect(dialogs).toEqual([]);
});

test('height is clamped to 120–20000 px', async ({ page, baseURL }) => {
  const lab = new URL('./', baseURL).href;
  await openHost(page, baseURL, `<pnp-lab id="tall" src="${lab}" height="99999"></pnp-lab><pnp-lab id="short" src="${lab}" height="5"></pnp-lab>`);
  await expect(page.locator('#tall iframe')).toHaveCSS('height', '20000px');
  await expect(page.locator('#short iframe')).toHaveCSS('height', '120px');
});

test('a plain iframe with the documented snippet takes the lab\'s height', async ({ page, baseURL }) => {
  const src = new URL('./?embed=1&panels=timeline&controls=0', baseURL).href;
  const labOrigin = new URL(baseURL!).origin;
  // the snippet from docs/embedding.md ("A plain iframe"), with the lab's origin filled in
  const snippet = `<script>
  addEventListener('message', (e) => {
    if (e.origin !== '${labOrigin}' || !e.data || e.data.type !== 'pnp-lab:resize') return;
    for (const frame of document.querySelectorAll('iframe.pnp-lab')) {
      if (frame.contentWindow === e.source) frame.style.height = Math.min(Math.max(e.data.height, 120), 20000) + 'px';
    }
  });
</script>`;
  await openHost(page, baseURL, `<iframe class="pnp-lab" src="${src}" title="PnP Lab" referrerpolicy="origin" style="width:100%;border:0"></iframe>${snippet}`);
  const frame = page.locator('iframe.pnp-lab');
  const inner = await frame.elementHandle().then((h) => h!.contentFrame());
  await expect(inner!.getByRole('listbox', { name: 'Trace events' })).toBeVisible();
  const want = await inner!.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  expect(want).toBeGreaterThan(300);
  await expect.poll(async () => Math.round((await frame.boundingBox())!.height)).toBe(want);
});

test('the example page loads the element and its labs from its own folder only, whatever its address says', async ({ page, baseURL }) => {
  const elsewhere: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).origin !== new URL(baseURL!).origin && !r.url().startsWith('data:')) elsewhere.push(r.url());
  });
  // an old ?lab= address (the page used to load the script from there)
  await page.goto(`./embed-example.html?lab=${encodeURIComponent(`${hostOrigin}/`)}`);
  await expect(page.locator('#log li[data-event="pnp-lab-ready"]')).toHaveCount(2);
  const scripts = await page.locator('script[src]').evaluateAll((s) => s.map((x) => (x as HTMLScriptElement).src));
  expect(scripts).toEqual([new URL('./pnp-lab-embed.js', baseURL).href]);
  for (const frame of await page.locator('pnp-lab iframe').all()) expect(new URL((await frame.getAttribute('src'))!).origin).toBe(new URL(baseURL!).origin);
  expect(elsewhere).toEqual([]);
});
