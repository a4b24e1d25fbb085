import { expect, test } from '@playwright/test';

test('a read-only embed shows the chosen panels and theme, plays, and refuses every edit', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./?embed=1&readonly=1&theme=dark&panels=hardware,timeline');
  await expect(page.getByRole('heading', { level: 1, name: 'PnP Lab' })).toHaveCount(0);
  await expect(page.locator('html')).toHaveClass(/dark/);
  await expect(page.locator('[data-testid="flowchart"]')).toHaveCount(0);
  await expect(page.getByRole('listbox', { name: 'Trace events' })).toBeVisible();

  // the device chips are there and take the focus, but cannot be used: no menu, no drag
  const scanner = page.locator('[data-device="scanner"]');
  await scanner.click();
  await expect(page.getByRole('menu')).toHaveCount(0);
  const box = (await scanner.boundingBox())!;
  const port = (await page.locator('[data-port="usb-root-hub:1"]').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(port.x + port.width / 2, port.y + 20, { steps: 10 });
  await page.mouse.up();
  await expect(page.locator('[data-port="usb-root-hub:1"] [data-device="scanner"]')).toHaveCount(0);

  // playback still works
  await page.getByRole('button', { name: 'Jump to start' }).click();
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(page.getByRole('slider', { name: 'Cursor position in the trace' })).toHaveValue('1');
  expect(errors).toEqual([]);
});

test('bad embed parameters are named in a message and the lab opens with their defaults', async ({ page }) => {
  await page.goto('./?embed=1&panels=flow,gauges&step=-3&theme=pink');
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('panels');
  await expect(notice).toContainText('gauges');
  await expect(notice).toContainText('step');
  await expect(notice).toContainText('theme');
  await expect(page.locator('[data-testid="flowchart"]')).toBeVisible();
});
