// Embedding (issue 6): the example host page drives two labs from another origin.
// The lab runs at baseURL (http://127.0.0.1:PORT, playwright.config.ts). The host page is
// public/embed-example.html as a docs author would copy it onto their own site (the element's script
// and the labs' src given the lab's full address), served here from http://localhost:<random port>:
// another origin (localhost and 127.0.0.1 are different origins), so the origin checks really run.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Frame, type Page } from '@playwright/test';

let server: Server;
let hostOrigin: string;
/** what the host serves at /pasted.html: a docs author's page with the lab's "Copy embed code" pasted in */
let pasted = '';

test.beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url?.startsWith('/pasted.html')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>My driver course</title><link rel="icon" href="data:,"></head><body><h1>Unplugging a scanner</h1>${pasted}<p>After the lab.</p></body></html>`);
      return;
    }
    if (!req.url?.startsWith('/embed-example.html')) {
      res.writeHead(404).end();
      return;
    }
    const lab = new URL(req.url, 'http://x').searchParams.get('lab')!;
    readFile('public/embed-example.html', 'utf8').then((html) => {
      const copied = html.replaceAll('src="./', `src="${lab}`).replaceAll('href="./', `href="${lab}`);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(copied);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hostOrigin = `http://localhost:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function openHost(page: Page, labUrl: string): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${hostOrigin}/embed-example.html?lab=${encodeURIComponent(labUrl)}`);
  await expect(page.locator('#log li[data-event="pnp-lab-ready"]')).toHaveCount(2);
  // let both frames take their content's height first: a click while the page below still moves can miss
  for (const id of ['lesson-lab', 'scenario-lab'] as const) await settled(page, id);
  expect(errors).toEqual([]);
}

/** Waits until the frame has taken its content's height (the lab posts it; the host sets it). */
async function settled(page: Page, id: 'lesson-lab' | 'scenario-lab'): Promise<void> {
  const frame = labFrame(page, id);
  await expect.poll(async () => {
    const want = await frame.evaluate(() => document.documentElement.getBoundingClientRect().height);
    const got = await page.locator(`#${id} iframe`).evaluate((f) => f.getBoundingClientRect().height);
    return Math.abs(Math.ceil(want) - got);
  }).toBeLessThan(1);
}

function labFrame(page: Page, id: 'lesson-lab' | 'scenario-lab'): Frame {
  const frame = page.frames().find((f) => f.parentFrame() === page.mainFrame() && f.name() === '' && f.url().includes(id === 'lesson-lab' ? 'lesson=a-device-starts' : 'scenario='));
  if (!frame) throw new Error(`no frame for ${id}`);
  return frame;
}

function events(page: Page, lab: string, type: string) {
  return page.locator(`#log li[data-lab="${lab}"][data-event="${type}"]`);
}

test('two labs embedded from another origin start, and the host drives them', async ({ page, baseURL }) => {
  await openHost(page, new URL('./', baseURL).href);

  // each lab shows what its attributes ask for
  const lesson = labFrame(page, 'lesson-lab');
  await expect(lesson.getByTestId('lesson-panel')).toBeVisible();
  await expect(lesson.getByLabel('Choose a lesson')).toHaveValue('a-device-starts');
  await expect(lesson.getByRole('heading', { level: 1, name: 'PnP Lab' })).toHaveCount(0); // no page header when embedded
  const scenario = labFrame(page, 'scenario-lab');
  await expect(scenario.locator('[data-device="cam"]')).toBeVisible();

  // step: the lab reports the new cursor and the event under it
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(events(page, 'lesson-lab', 'pnp-lab-step').last()).toHaveText(/lesson-lab: pnp-lab-step: cursor \d+/);

  // play / pause (the scenario lab autoplays; pause it and check that the cursor stops)
  await page.locator('[data-lab="scenario-lab"][data-call="pause"]').click();
  await page.waitForTimeout(300);
  const count = await events(page, 'scenario-lab', 'pnp-lab-step').count();
  await page.waitForTimeout(500);
  await expect(events(page, 'scenario-lab', 'pnp-lab-step')).toHaveCount(count);

  // load: a good scenario replaces the lab's, a broken one is refused with a message naming the field
  await page.getByRole('button', { name: 'Load a hub scenario' }).click();
  await expect(scenario.locator('[data-device="hub"]')).toBeVisible();
  await page.getByRole('button', { name: 'Load a broken scenario' }).click();
  await expect(events(page, 'scenario-lab', 'pnp-lab-error')).toHaveText([/load: scenario\.devices\[0\]\.model: got "usb-mouse"/]);
  await expect(scenario.locator('[data-device="hub"]')).toBeVisible();
});

test('the frame follows the lab\'s height and never traps the page\'s scrolling', async ({ page, baseURL }) => {
  await openHost(page, new URL('./', baseURL).href);
  const frame = page.locator('#lesson-lab iframe');
  await expect(frame).toHaveAttribute('loading', 'lazy');
  const labHeight = await labFrame(page, 'lesson-lab').evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  await expect.poll(async () => Math.round((await frame.boundingBox())!.height)).toBe(labHeight);

  await page.evaluate(() => window.scrollTo(0, 0));
  const box = (await frame.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 200));
  await page.mouse.wheel(0, 300);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
});

test('a lesson completed inside the frame is reported to the host page', async ({ page, baseURL }) => {
  test.setTimeout(90_000); // six tasks, each solved in the frame like a person would
  await openHost(page, new URL('./', baseURL).href);
  const lab = labFrame(page, 'lesson-lab');
  const tasks = lab.getByRole('navigation', { name: 'Tasks' }).getByRole('button');
  // each step waits for what a person would see before the next click; the frame's height follows
  // the lesson panel, so the host page settles too
  for (let i = 0; i < await tasks.count(); i++) {
    await tasks.nth(i).click();
    await expect(lab.getByTestId('lesson-task').getByRole('heading', { level: 4 })).toHaveText(`Task ${i + 1}`);
    await settled(page, 'lesson-lab');
    await lab.getByRole('button', { name: 'Show the solution…' }).click();
    await lab.getByRole('dialog', { name: 'Show the solution?' }).getByRole('button', { name: 'Show the solution', exact: true }).click();
    await expect(lab.getByRole('dialog', { name: 'Show the solution?' })).toBeHidden();
    await settled(page, 'lesson-lab');
    await lab.getByRole('button', { name: 'Run the solution in the lab' }).click();
    await expect(lab.getByTestId('lesson-solution-status')).toContainText('The solution is in the lab');
    await lab.getByRole('button', { name: 'Check' }).click();
    await expect(lab.getByTestId('lesson-check')).toContainText('Goal reached.');
  }
  await expect(events(page, 'lesson-lab', 'pnp-lab-lesson-completed')).toHaveText(['lesson-lab: pnp-lab-lesson-completed: lesson a-device-starts completed']);
});

test('commands from an origin that is not allowed are ignored', async ({ page, baseURL }) => {
  await openHost(page, new URL('./', baseURL).href);
  // re-make the scenario lab so that it accepts commands only from another origin than this page's
  await page.evaluate(() => document.getElementById('scenario-lab')!.setAttribute('origins', 'https://elsewhere.example'));
  await expect.poll(() => page.frames().some((f) => f.url().includes('origins='))).toBe(true);
  const lab = page.frames().find((f) => f.url().includes('origins='))!;
  await expect(lab.locator('[data-device="cam"]')).toBeVisible();
  // post straight into the frame (the element would wait for a ready message that now goes elsewhere)
  await page.evaluate(() => {
    const frame = document.getElementById('scenario-lab')!.shadowRoot!.querySelector('iframe')!;
    // HUB is a `const` of the example page's script, so not a property of window: read it by name
    // oxlint-disable-next-line no-eval
    frame.contentWindow!.postMessage({ type: 'pnp-lab:load', scenario: (window as unknown as { HUB?: string }).HUB ?? eval('HUB') }, '*');
  });
  await page.waitForTimeout(500);
  await expect(lab.locator('[data-device="hub"]')).toHaveCount(0);
  // and the lab reports only to the allowed origin: this page got no second ready
  await expect(events(page, 'scenario-lab', 'pnp-lab-ready')).toHaveCount(1);
});

test('the code from "Copy embed code", pasted into a page on another site, shows the same lab there', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseURL!).origin });
  await page.goto('./');
  const scanner = page.locator('[data-device="scanner"]');
  await scanner.click();
  await page.getByRole('menu', { name: 'Actions for scanner' }).getByRole('menuitem', { name: /Plug into a port/ }).click();
  await page.getByRole('menu', { name: 'Plug scanner into' }).getByRole('menuitem').first().click();
  await expect(page.locator('[data-port] [data-device="scanner"]')).toBeVisible();
  await page.getByRole('button', { name: 'Share' }).click();
  await page.getByRole('menuitem', { name: /Copy embed code/ }).click();
  await expect(page.getByTestId('notice')).toContainText('Copied the embed code');
  pasted = await page.evaluate(() => navigator.clipboard.readText());
  expect(pasted).toContain('<pnp-lab');
  expect(pasted).toContain('pnp-lab-embed.js');

  await page.goto(`${hostOrigin}/pasted.html`);
  await expect(page.getByRole('heading', { name: 'Unplugging a scanner' })).toBeVisible();
  const frame = page.frameLocator('pnp-lab iframe');
  await expect(frame.locator('[data-port] [data-device="scanner"]')).toBeVisible();
  await expect(frame.getByRole('heading', { level: 1, name: 'PnP Lab' })).toHaveCount(0);
  await expect(page.getByText('After the lab.')).toBeVisible();
});
