/**
 * Big scenarios run in the engine worker: the page stays responsive, a long run shows a progress bar with Cancel,
 * a newer load cancels an older one, the trace that comes back is the CLI's, byte for byte, and the flowchart folds
 * its table runs as it folds a run on the page.
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { deviceSet, generate } from '../bench/generate';
import { expect, Lab, test } from './fixtures';

// seeds whose random walks the engine runs to the end today (some walks over a full bus stop it with an internal error:
// bench/repro-devnode-transition.json)
const bigFile = (steps: number, seed = 20_240_601) => ({ name: `bus-${steps}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(generate(deviceSet(127), steps, seed).input)) });
const slider = (page: import('@playwright/test').Page) => page.getByRole('slider', { name: 'Cursor position in the trace' });
const max = async (page: import('@playwright/test').Page) => Number(await page.getByRole('slider', { name: 'Cursor position in the trace' }).getAttribute('max'));

test('a long run shows its progress and can be cancelled: the lab stays as it was; meanwhile the page answers clicks', async ({ lab, page }) => {
  test.setTimeout(240_000);
  const before = await max(page);
  // over 300,000 events: seconds of running, even on an idle machine
  const file = bigFile(10_000);
  await page.getByLabel('Open a scenario file').setInputFiles(file);
  const bar = page.getByRole('progressbar', { name: 'Running the scenario' });
  await expect(bar).toBeVisible({ timeout: 20_000 });
  await expect(bar).toHaveAttribute('aria-valuetext', /^step [\d,]+ of 10,000, [\d,]+ events$/);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(bar).toHaveCount(0);
  await expect(page.getByTestId('notice')).toContainText('Cancelled: the run was stopped, and the lab is as it was before.');
  await expect(lab.device('scanner')).toBeVisible();
  await expect(lab.device('disk')).toBeVisible();
  expect(await max(page)).toBe(before);
  await expect(page.getByTestId('usb-count')).toHaveText('0 of 127 USB devices');

  // again, and this time the page is used while the engine runs: the theme changes at once
  await page.getByLabel('Open a scenario file').setInputFiles(file);
  await expect(bar).toBeVisible({ timeout: 20_000 });
  // the first events of the new lab already show while the rest runs
  await expect.poll(() => max(page)).not.toBe(before);
  const theme = page.getByRole('button', { name: 'Dark theme' });
  await theme.click();
  await expect(theme).toHaveAttribute('aria-pressed', 'true');
  await theme.click();
  await expect(theme).toHaveAttribute('aria-pressed', 'false');
  // and it runs to its end
  await expect(bar).toHaveCount(0, { timeout: 120_000 });
  await expect(page.getByRole('button', { name: 'Jump to end' })).toBeDisabled();
  expect(await max(page)).toBeGreaterThan(300_000);
});

test('a newer load cancels the one still running: the lab ends with the newer one', async ({ lab, page }) => {
  test.setTimeout(180_000);
  await page.getByLabel('Open a scenario file').setInputFiles(bigFile(10_000));
  await expect(page.getByRole('progressbar', { name: 'Running the scenario' })).toBeVisible({ timeout: 20_000 });
  await page.getByLabel('Open a scenario file').setInputFiles({ name: 'hub-unplug.json', mimeType: 'application/json', buffer: await readFile('examples/hub-unplug.json') });
  await expect(page.getByRole('progressbar', { name: 'Running the scenario' })).toHaveCount(0);
  const small = execFileSync('npx', ['tsx', 'src/cli/lab.ts', 'run', 'examples/hub-unplug.json', '--irp-travel', '--runs'], { encoding: 'utf8' }).trim().split('\n').length;
  await expect.poll(() => max(page)).toBe(small);
  // and it stays so: the older run never lands
  await page.waitForTimeout(3000);
  expect(await max(page)).toBe(small);
  await expect(lab.device('hub31')).toHaveCount(0);
});

test('a run from the engine worker saves the same trace as the CLI prints, byte for byte', async ({ lab, page }) => {
  void lab;
  test.setTimeout(180_000);
  const file = bigFile(300, 9);
  await page.getByLabel('Open a scenario file').setInputFiles(file);
  const { writeFile, mkdtemp } = await import('node:fs/promises');
  const dir = await mkdtemp('/tmp/pnp-lab-e2e-');
  await writeFile(`${dir}/bus.json`, file.buffer);
  // the lab in the browser records IRPs as they travel and stamps each event with its table run: the CLI's --irp-travel --runs
  const cli = execFileSync('npx', ['tsx', 'src/cli/lab.ts', 'run', `${dir}/bus.json`, '--irp-travel', '--runs'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const events = cli.trim().split('\n').length;
  // more than the page runs itself: this one ran in the worker
  expect(events).toBeGreaterThan(5_000);
  await expect.poll(() => max(page), { timeout: 60_000 }).toBe(events);
  await expect(page.getByRole('button', { name: 'Jump to end' })).toBeDisabled();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Share' }).click();
  await page.getByRole('menuitem', { name: /Save trace/ }).click();
  const saved = await readFile(await (await download).path(), 'utf8');
  expect(saved === cli).toBe(true);
});

test('a big file is read off the page: a broken one gets the same one-line message as on the page, and the lab is unchanged', async ({ lab, page }) => {
  test.setTimeout(120_000);
  const { importScenarioFile } = await import('../src/share/permalink');
  const input = generate(deviceSet(127), 6_000, 20_240_601).input;
  // a device id that no device has, in the last step: valid JSON, refused by the checks
  const steps = input.steps!;
  const broken = JSON.stringify({ ...input, steps: [...steps.slice(0, -1), { ...steps.at(-1)!, device: 'ghost' }] }, null, 1);
  expect(broken.length).toBeGreaterThan(200_000);
  const expected = importScenarioFile(new TextEncoder().encode(broken));
  if (expected.ok) throw new Error('expected the broken file to be refused');
  const before = await max(page);
  await page.getByLabel('Open a scenario file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
  await expect(page.getByTestId('notice')).toContainText(`broken.json could not be opened; the lab is unchanged. ${expected.error.text}`);
  expect(await max(page)).toBe(before);
  await expect(lab.device('scanner')).toBeVisible();
});

/** The flowchart as a person reads it: each table's frame (title, table and device) and each row's name and state. */
async function flowchartText(page: import('@playwright/test').Page): Promise<string[]> {
  const chart = page.getByTestId('flowchart');
  // the whole chart in view (only what is in view is drawn)
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await expect(chart.locator('[data-row]').first()).toBeVisible();
  const read = () =>
    chart.locator('.flow-frame-sub, [data-row]').evaluateAll((els) =>
      els.map((e) => (e.hasAttribute('data-row') ? `${e.getAttribute('data-row')} ${e.getAttribute('data-status')}: ${e.querySelector('.flow-row-status')?.textContent}` : `frame ${e.textContent}`)).sort(),
    );
  // settled: the same twice in a row
  let last: string[] = [];
  await expect.poll(async () => {
    const now = await read();
    const same = JSON.stringify(now) === JSON.stringify(last);
    last = now;
    return same;
  }).toBe(true);
  return last;
}

/** events of examples/full-usb-bus.json's run, as the CLI counts them */
let fullBusEvents: number | undefined;
const countFullBusEvents = (): number =>
  (fullBusEvents ??= execFileSync('npx', ['tsx', 'src/cli/lab.ts', 'run', 'examples/full-usb-bus.json', '--irp-travel', '--runs'], { encoding: 'utf8', maxBuffer: 1 << 26 }).trim().split('\n').length);

/** Opens examples/full-usb-bus.json and puts the cursor on scanner21's EvtDeviceSelfManagedIoCleanup (the first hub's unplug). */
async function cursorOnScannerCleanup(lab: Lab): Promise<void> {
  const { page } = lab;
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.getByLabel('Open a scenario file').setInputFiles({ name: 'full-usb-bus.json', mimeType: 'application/json', buffer: await readFile('examples/full-usb-bus.json') });
  // the whole run in (a run from the worker shows its first events while the rest runs)
  await expect.poll(() => max(page), { timeout: 60_000 }).toBe(countFullBusEvents());
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await timeline.getByRole('combobox', { name: 'Device' }).selectOption('scanner21');
  await lab.find('EvtDeviceSelfManagedIoCleanup');
  await lab.timelineOption(/EvtDeviceSelfManagedIoCleanup/).click();
  await lab.find('');
  await timeline.getByRole('combobox', { name: 'Device' }).selectOption('All devices');
  await expect(lab.details.getByText('EvtDeviceSelfManagedIoCleanup')).toBeVisible();
}

test('a run from the engine worker folds into the flowchart as a run on the page does: the cursor on an event of a hub unplug shows the same call path', async ({ lab, page, browser }) => {
  test.setTimeout(180_000);
  // over the page's 5,000 events: it runs in the engine worker
  expect(countFullBusEvents()).toBeGreaterThan(5_000);
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await cursorOnScannerCleanup(lab);
  expect(workers.some((url) => /engine/.test(url))).toBe(true);
  const cursor = await slider(page).inputValue();

  // what a person expects at this event: the hub reported missing, then the PnP manager's IRP_MN_REMOVE_DEVICE for
  // scanner21 in flight, and in SimScanner's lane the framework's remove sequence: its queues purged, this callback
  // now, the rows its state rules out skipped
  const inWorker = await flowchartText(page);
  expect(inWorker).toEqual(expect.arrayContaining([
    'frame pnp.surpriseRemoval · hub',
    'pnp.surpriseRemoval/ReportMissing done: ReportMissing · done',
    'pnp.surpriseRemoval/QueryBusRelations done: QueryBusRelations · done',
    'frame pnp.removeAfterSurprise · scanner21',
    'pnp.removeAfterSurprise/Remove pending: Remove · STATUS_PENDING…',
    'pnp.removeAfterSurprise/Removed idle: Removed · not reached',
    'frame kmdf.remove · scanner21',
    'kmdf.remove/PurgeNonPowerManagedQueues done: PurgeNonPowerManagedQueues · done',
    'kmdf.remove/SelfManagedIoCleanup current: SelfManagedIoCleanup · now',
    "kmdf.remove/ReleaseHardware skipped: skipped: only when the driver's hardware is prepared (EvtDevicePrepareHardware ran)",
  ]));

  // the same lab in a browser without module workers runs on the page: the same cursor shows the same chart
  const context = await browser.newContext({ viewport: page.viewportSize()! });
  const onPage = await context.newPage();
  const errors: string[] = [];
  onPage.on('pageerror', (err) => errors.push(err.message));
  onPage.on('console', (msg) => void (msg.type() === 'error' && errors.push(msg.text())));
  await onPage.addInitScript(() => Reflect.deleteProperty(window, 'Worker'));
  await onPage.goto('./');
  const pageWorkers: string[] = [];
  onPage.on('worker', (w) => pageWorkers.push(w.url()));
  const labOnPage = new Lab(onPage);
  await cursorOnScannerCleanup(labOnPage);
  expect(pageWorkers).toEqual([]);
  expect(await slider(onPage).inputValue()).toBe(cursor);
  expect(await flowchartText(onPage)).toEqual(inWorker);
  expect(errors).toEqual([]);
  await context.close();
});
