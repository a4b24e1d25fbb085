/**
 * A big lab lands in stages (store/landingStages.ts): opening a full USB bus shows the rest of the lab first, then the
 * hardware's ports, the bench and Device Manager one frame after another, and ends whole. The fonts such a lab needs
 * are looked up while the page is idle (ui/common/warmFonts.ts), in a box no one sees.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';

/** Records, from now on, each stage placeholder that appears and when each one goes. */
async function watchStages(page: import('@playwright/test').Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { stages: { shown: string[]; gone: string[] } };
    w.stages = { shown: [], gone: [] };
    new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.addedNodes) if (n instanceof HTMLElement && n.dataset.staged) w.stages.shown.push(n.dataset.staged);
        for (const n of r.removedNodes) if (n instanceof HTMLElement && n.dataset.staged) w.stages.gone.push(n.dataset.staged);
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
}

const stages = (page: import('@playwright/test').Page) => page.evaluate(() => (window as unknown as { stages: { shown: string[]; gone: string[] } }).stages);

test('a full USB bus lands in stages, one after another, and ends whole', async ({ lab, page }) => {
  await watchStages(page);
  await page.getByLabel('Open a scenario file').setInputFiles({ name: 'full-usb-bus.json', mimeType: 'application/json', buffer: await readFile('examples/full-usb-bus.json') });
  await expect(page.getByRole('button', { name: 'Jump to end' })).toBeDisabled();
  // whole: no placeholder left, and what each stage holds is there
  await expect(page.locator('[data-staged]')).toHaveCount(0);
  await expect(lab.port('usb-root-hub:1')).toBeVisible();
  await expect(lab.bench.locator('[data-bench-hub="hub"]')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Devices by connection' }).locator('[data-tree-device]').first()).toBeVisible();
  await expect(page.getByTestId('not-present').getByRole('list').first()).toBeVisible();
  await expect(page.getByTestId('flowchart').locator('.react-flow__node').first()).toBeVisible();
  const { shown, gone } = await stages(page);
  // the ports, the bench and Device Manager's tree each waited for a frame of their own, in that order, and came
  for (const stage of ['ports', 'bench', 'connected']) expect(shown, `placeholder of ${stage}`).toContain(stage);
  const order = gone.filter((s) => s !== 'notPresent');
  expect(order.indexOf('ports')).toBeLessThan(order.indexOf('bench'));
  expect(order.indexOf('bench')).toBeLessThan(order.indexOf('connected'));
});

test('a small lab lands whole, at once', async ({ lab, page }) => {
  await watchStages(page);
  await page.getByLabel('Open a scenario file').setInputFiles({
    name: 'small.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ seed: 1, devices: [{ id: 'disk1', model: 'usb-disk' }, { id: 'cam1', model: 'usb-webcam' }], steps: [{ action: 'plug', device: 'disk1', port: 'usb-root-hub:1' }] })),
  });
  await expect(lab.port('usb-root-hub:1').locator('[data-device="disk1"]')).toBeVisible();
  expect((await stages(page)).shown).toEqual([]);
});

test('the fonts a big lab needs are set at idle, once the lab is reached for, in a box that no one sees, reads or reaches', async ({ lab, page }) => {
  await expect(lab.bench).toBeVisible();
  const box = page.locator('[data-font-warmup]');
  // not before the lab is reached for: nothing the first view needs
  await page.waitForTimeout(1000);
  await expect(box).toHaveCount(0);
  await page.getByRole('button', { name: 'Open…' }).hover();
  await expect(box).toBeAttached();
  // every size × weight × family of the lab's stylesheet, added a few at a time while the page is idle
  await expect.poll(() => box.locator('span').count()).toBeGreaterThan(100);
  await expect(box).toHaveAttribute('aria-hidden', 'true');
  await expect(box).not.toBeInViewport();
  expect(await box.evaluate((el) => (el as HTMLElement).inert)).toBe(true);
  // the IRP card's title size is among them (a class only the flowchart uses)
  expect(await box.locator('span.text-\\[15\\.5px\\]').count()).toBeGreaterThan(0);
  // nothing in it can take the keyboard's focus: Tab from the page's first control never lands in it
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('[data-font-warmup]') !== null)).toBe(false);
  }
});
