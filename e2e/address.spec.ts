import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

test.use({ viewport: { width: 1280, height: 720 } });

/** The address after the lab has written its latest change into it (it waits for a quiet moment). */
async function settledAddress(page: Page, before: string): Promise<string> {
  await expect.poll(() => page.evaluate(() => location.hash), { message: 'the address follows the lab' }).not.toBe(before);
  let last = '';
  await expect.poll(async () => {
    const now = await page.evaluate(() => location.hash);
    const same = now === last;
    last = now;
    return same;
  }, { intervals: [400] }).toBe(true);
  return last;
}

const hash = (page: Page) => page.evaluate(() => location.hash);

test('a reload in the middle of a lab brings back the same lab and cursor', async ({ lab }) => {
  const { page } = lab;
  const slider = page.getByRole('slider', { name: 'Cursor position in the trace' });
  await lab.plug('scanner', 'usb-root-hub:2');
  await lab.toEnd();
  let before = await hash(page);
  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Step back' }).click();
  const cursor = await slider.inputValue();
  const selected = await lab.details.locator('h3').first().textContent();
  before = await settledAddress(page, before);
  expect(before).toMatch(/^#lab=1\./);

  await page.reload();
  await expect(lab.port('usb-root-hub:2').locator('[data-device="scanner"]')).toBeVisible();
  await expect(slider).toHaveValue(cursor);
  await expect(lab.details.locator('h3').first()).toHaveText(selected!);
});

test('a reload in the middle of a lesson keeps the lesson, its lab and the cursor at the question', async ({ lab }) => {
  const { page } = lab;
  await page.getByRole('button', { name: 'Lessons' }).click();
  const panel = page.getByTestId('lesson-panel');
  await lab.pickLesson('a-device-starts');
  await page.getByLabel('Speed').selectOption('100');
  const before = await hash(page);
  await lab.plug('disk', 'usb-root-hub:1');
  await expect(panel.getByTestId('lesson-question')).toContainText('Whose EvtDevicePrepareHardware runs next?');
  const slider = page.getByRole('slider', { name: 'Cursor position in the trace' });
  const held = await slider.inputValue();
  await settledAddress(page, before);

  await page.reload();
  await expect(panel.getByRole('heading', { name: /A device starts/ })).toBeVisible();
  await expect(lab.port('usb-root-hub:1').locator('[data-device="disk"]')).toBeVisible();
  await expect(lab.device('disk2')).toBeVisible();
  await expect(slider).toHaveValue(held);
  await expect(panel.getByTestId('lesson-question')).toContainText('Whose EvtDevicePrepareHardware runs next?');
  await expect(panel.getByText('The lab holds another scenario than this lesson\'s.')).toHaveCount(0);
});

test('a lab opened from ?lesson= keeps what the learner did over a reload (the address wins over the first parameters)', async ({ lab }) => {
  const { page } = lab;
  await page.goto('./?lesson=a-device-starts');
  const panel = page.getByTestId('lesson-panel');
  await expect(panel.getByRole('heading', { name: /A device starts/ })).toBeVisible();
  const before = await hash(page);
  await lab.plug('disk2', 'usb-root-hub:4');
  await lab.toEnd();
  await settledAddress(page, before);
  await page.reload();
  await expect(lab.port('usb-root-hub:4').locator('[data-device="disk2"]')).toBeVisible();
  await expect(panel.getByRole('heading', { name: /A device starts/ })).toBeVisible();
});

test('Back and Forward after opening a file or a link go between the labs', async ({ lab }) => {
  const { page } = lab;
  let before = await hash(page);
  await lab.plug('scanner', 'usb-root-hub:2');
  await lab.toEnd();
  const mine = await settledAddress(page, before);

  // Open… a file: a new history entry
  await page.getByLabel('Open a scenario file').setInputFiles({ name: 'hub-unplug.json', mimeType: 'application/json', buffer: await readFile('examples/hub-unplug.json') });
  await expect(lab.device('hub')).toBeVisible();
  // a file opens at the end of its run: the hub pulled, with the disk and the scanner still on it
  await expect(page.getByRole('button', { name: 'Jump to end' })).toBeDisabled();
  await expect(lab.bench.locator('[data-bench-hub="hub"] [data-device="disk"]')).toBeVisible();
  const file = await settledAddress(page, mine);

  await page.goBack();
  await expect(lab.port('usb-root-hub:2').locator('[data-device="scanner"]')).toBeVisible();
  await expect(lab.device('nic')).toBeVisible(); // the default lab's network adapter; the file has none
  expect(await hash(page)).toBe(mine);

  await page.goForward();
  await expect(lab.device('nic')).toHaveCount(0);
  await expect(lab.device('hub')).toBeVisible();
  expect(await hash(page)).toBe(file);

  // a link pasted into the address bar: its own entry too
  await page.goto(`./${mine}`);
  await expect(lab.port('usb-root-hub:2').locator('[data-device="scanner"]')).toBeVisible();
  await expect(lab.device('nic')).toBeVisible();
  await page.goBack();
  await expect(lab.device('nic')).toHaveCount(0);
  before = await hash(page);
  expect(before).toBe(file);
});

test('only a lab too large for the address asks before the page is left', async ({ lab }) => {
  const { page } = lab;
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.type());
    void d.accept();
  });
  const before = await hash(page);
  await lab.plug('scanner', 'usb-root-hub:2');
  await settledAddress(page, before);
  await page.reload();
  await expect(lab.port('usb-root-hub:2').locator('[data-device="scanner"]')).toBeVisible();
  expect(dialogs).toEqual([]);

  // 2,500 custom events with random GUID names do not compress: no link can hold this lab (a file can)
  const events = Array.from({ length: 2500 }, () => ({ action: 'customEvent', device: 'cam', guid: `GUID_${randomBytes(40).toString('hex').toUpperCase()}` }));
  await page.getByLabel('Open a scenario file').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ seed: 1, devices: [{ id: 'cam', model: 'usb-webcam' }], steps: [{ action: 'plug', device: 'cam' }, ...events] })) });
  await expect(lab.device('cam')).toBeVisible();
  await expect(page.getByTestId('notice')).toContainText('too large for the address');
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => dialogs).toEqual(['beforeunload']);
});
