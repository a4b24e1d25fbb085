/**
 * Big scenarios run in the engine worker: the page stays responsive, a long run shows a progress bar with Cancel,
 * a newer load cancels an older one, and the trace that comes back is the CLI's, byte for byte.
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { deviceSet, generate } from '../bench/generate';
import { expect, test } from './fixtures';

// seeds whose random walks the engine runs to the end today (some walks over a full bus stop it with an internal error:
// bench/repro-devnode-transition.json)
const bigFile = (steps: number, seed = 20_240_601) => ({ name: `bus-${steps}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(generate(deviceSet(127), steps, seed).input)) });
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
  const good = JSON.stringify(generate(deviceSet(127), 6_000, 20_240_601).input, null, 1);
  expect(good.length).toBeGreaterThan(200_000);
  // a device id that no device has, in the last step: valid JSON, refused by the checks
  const broken = good.replace(/"device": "([a-z]+\d+)"\n  \}\n \]\n\}\n?$/, '"device": "ghost"\n  }\n ]\n}\n');
  expect(broken).not.toBe(good);
  const expected = importScenarioFile(new TextEncoder().encode(broken));
  if (expected.ok) throw new Error('expected the broken file to be refused');
  const before = await max(page);
  await page.getByLabel('Open a scenario file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
  await expect(page.getByTestId('notice')).toContainText(`broken.json could not be opened; the lab is unchanged. ${expected.error.text}`);
  expect(await max(page)).toBe(before);
  await expect(lab.device('scanner')).toBeVisible();
});
