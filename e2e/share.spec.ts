import { expect, test } from './fixtures';

test('a copied link reopens exactly the same view: devices, settings, steps and cursor', async ({ lab, context }) => {
  const { page } = lab;
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);

  // a setting, a step, and a cursor moved back from the end
  const menu = await lab.openMenu('disk');
  await menu.getByRole('menuitem', { name: /Driver settings/ }).click();
  const drawer = page.getByRole('complementary', { name: 'Settings: disk' });
  await drawer.getByLabel(/Open handles/).fill('2');
  await drawer.getByRole('button', { name: 'Close' }).click();
  await lab.plug('scanner', 'usb-root-hub:2');
  await lab.toEnd();
  for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Step back' }).click();
  const slider = page.getByRole('slider', { name: 'Cursor position in the trace' });
  const cursor = await slider.inputValue();
  const selected = await lab.details.locator('h3').first().textContent();

  await page.getByRole('button', { name: 'Share' }).click();
  await page.getByRole('menuitem', { name: /Copy link/ }).click();
  await expect(page.getByTestId('notice')).toContainText('Copied the link to the clipboard.');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/#lab=1\./);

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.locator('[data-port="usb-root-hub:2"] [data-device="scanner"]')).toBeVisible();
  await expect(other.getByRole('slider', { name: 'Cursor position in the trace' })).toHaveValue(cursor);
  await expect(other.locator('section[aria-labelledby="details-title"]').locator('h3').first()).toHaveText(selected!);
  await other.locator('[data-device="disk"]').click();
  await other.getByRole('menu', { name: 'Actions for disk' }).getByRole('menuitem', { name: /Driver settings/ }).click();
  await expect(other.getByRole('complementary', { name: 'Settings: disk' }).getByLabel(/Open handles/)).toHaveValue('2');
});

test('a broken link says what is wrong and opens the default lab', async ({ lab }) => {
  const { page } = lab;
  await page.goto('./#lab=1.AbCdEfGh');
  await page.reload();
  await expect(page.getByTestId('notice')).toContainText('This link could not be opened, so the lab shows its default scenario.');
  await expect(page.getByTestId('notice')).toContainText('(link)');
  await expect(lab.device('scanner')).toBeVisible();
  await expect(lab.device('nic')).toBeVisible();
});

test('a malformed scenario file is refused with the line and column; the lab keeps its work', async ({ lab }) => {
  const { page } = lab;
  await lab.plug('scanner', 'usb-root-hub:1');
  await page.getByLabel('Open a scenario file').setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from('{\n  "seed": 1,\n  "devices": [\n    { "id": "disk" "model": "usb-disk" }\n  ]\n}\n') });
  await expect(page.getByTestId('notice')).toContainText('mine.json could not be opened; the lab is unchanged.');
  await expect(page.getByTestId('notice')).toContainText('line 4');
  await expect(lab.port('usb-root-hub:1').locator('[data-device="scanner"]')).toBeVisible();

  await page.getByLabel('Open a scenario file').setInputFiles({ name: 'two.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ seed: 1, devices: [{ id: 'cam', model: 'usb-webcam' }], steps: [{ action: 'plug', device: 'cam' }] })) });
  await expect(lab.device('cam')).toBeVisible();
  await expect(lab.device('scanner')).toHaveCount(0);
});

test('Save trace downloads the trace as JSON Lines, one event a line', async ({ lab }) => {
  const { page } = lab;
  await lab.plug('disk', 'usb-root-hub:1');
  await lab.toEnd();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Share' }).click();
  await page.getByRole('menuitem', { name: /Save trace/ }).click();
  const d = await download;
  expect(d.suggestedFilename()).toBe('pnp-lab-trace.jsonl');
  const { readFile } = await import('node:fs/promises');
  const lines = (await readFile(await d.path(), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { seq: number; name: string; device?: string });
  expect(lines.length).toBe(Number(await page.getByRole('slider', { name: 'Cursor position in the trace' }).getAttribute('max')));
  expect(lines.some((e) => e.name === 'IRP_MN_START_DEVICE' && e.device === 'disk')).toBe(true);
  expect(lines.map((e) => e.seq)).toEqual(lines.map((_, i) => lines[0].seq + i));
});
