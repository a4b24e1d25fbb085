/**
 * A full USB bus: 127 devices, hubs included (examples/full-usb-bus.json, and the hardware panel's "Fill the bus").
 * The hardware panel folds the hubs below the first tier, Device Manager lists every devnode (windowed), and the
 * scenario plays.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';

const slider = (page: import('@playwright/test').Page) => page.getByRole('slider', { name: 'Cursor position in the trace' });

test('the 127-device example opens, plays at 500 events/s, and its hubs, Device Manager and timeline can be used', async ({ lab, page }) => {
  await page.getByLabel('Open a scenario file').setInputFiles({ name: 'full-usb-bus.json', mimeType: 'application/json', buffer: await readFile('examples/full-usb-bus.json') });
  // opened at its end: the first hub was unplugged, so it is on the bench with its whole tree
  await expect(page.getByRole('button', { name: 'Jump to end' })).toBeDisabled();
  await expect(slider(page)).toHaveAttribute('max', /^\d{4,}$/);
  await expect(lab.bench.locator('[data-bench-hub="hub"]')).toBeVisible();
  await expect(page.getByTestId('usb-count')).toHaveText('63 of 127 USB devices');

  // back to the start: all 127 on the bench, which shows 24 and a button for the rest
  await page.getByRole('button', { name: 'Jump to start' }).click();
  const benchFold = lab.bench.locator('[data-bench-fold]');
  await expect(benchFold).toHaveText('Show all 127 devices on the bench (103 more)');
  await expect(lab.bench.locator('[data-device]')).toHaveCount(24);
  await benchFold.click();
  await expect(lab.bench.locator('[data-device]')).toHaveCount(127);
  await benchFold.click();
  await expect(lab.bench.locator('[data-device]')).toHaveCount(24);
  // and play it as a lecturer would: the fastest speed, then pause
  await page.getByLabel('Speed').selectOption('500');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(async () => Number(await slider(page).inputValue()), { timeout: 20_000 }).toBeGreaterThan(1500);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const paused = Number(await slider(page).inputValue());
  await page.waitForTimeout(300);
  expect(Number(await slider(page).inputValue())).toBe(paused);
  // the timeline follows the cursor
  await expect(page.getByRole('listbox', { name: 'Trace events' }).getByRole('option', { selected: true })).toContainText(String(paused));

  // the moment the bus is full: just before the user event that unplugs the first hub (the last step)
  await lab.find('unplug');
  await lab.timelineOption(/unplug/).first().click();
  await lab.find('');
  await page.getByRole('button', { name: 'Step back' }).click();
  await expect(page.getByTestId('usb-count')).toHaveText('127 of 127 USB devices');

  // hubs on other hubs are folded: one line says how many ports are in use; a press opens one
  const fold = page.locator('[data-hub-fold="hub5"]');
  await fold.scrollIntoViewIfNeeded();
  await expect(fold).toHaveAttribute('aria-expanded', 'false');
  await expect(fold).toContainText('4/4 in use');
  await expect(lab.port('hub5:1')).toHaveCount(0);
  await fold.click();
  await expect(fold).toHaveAttribute('aria-expanded', 'true');
  await expect(lab.port('hub5:1').locator('[data-device]')).toBeVisible();

  // Device Manager: windowed, yet every devnode can be scrolled to (the last one plugged is on the last hub)
  const tree = await lab.sideTab('Device Manager');
  const rows = tree.getByRole('list', { name: 'Devices by connection' });
  expect(await rows.locator('[data-tree-device]').count()).toBeLessThan(60);
  const region = tree.getByRole('region', { name: 'Devices by connection' });
  await region.hover();
  for (let i = 0; i < 60 && (await tree.locator('[data-tree-device="webcam32"]').count()) === 0; i++) await page.mouse.wheel(0, 400);
  await expect(tree.locator('[data-tree-device="webcam32"]')).toContainText('Started');
  await tree.getByRole('button', { name: 'Driver stack of webcam32' }).click();
  await expect(tree.getByRole('list', { name: 'Driver stack of webcam32, top to bottom' })).toContainText('SimCamera');
});

test('Fill the bus plugs hubs and devices until the USB bus holds 127, and says why it stops there', async ({ lab, page }) => {
  await expect(page.getByTestId('usb-count')).toHaveText('0 of 127 USB devices');
  await page.getByRole('button', { name: 'Fill the bus' }).click();
  await expect(page.getByTestId('notice').getByText(/Filled the USB bus: 31 hubs and 96 devices plugged in, 127 in all/)).toBeVisible();
  // the lab plays the plugging from the first plug; at the end the bus is full
  await lab.toEnd();
  await expect(page.getByTestId('usb-count')).toHaveText('127 of 127 USB devices');
  // the default lab's own hub stays on the bench: the new ones are hub2, hub3…
  await expect(lab.port('usb-root-hub:1').locator('[data-device="hub2"]')).toContainText('Started');
  // a second press adds nothing
  await page.getByRole('button', { name: 'Fill the bus' }).click();
  await expect(page.getByTestId('notice').getByText('The USB bus already holds 127 devices, the most one host controller addresses (hubs included).')).toBeVisible();
  // one Undo takes the whole fill back
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('usb-count')).toHaveText('0 of 127 USB devices');
});
