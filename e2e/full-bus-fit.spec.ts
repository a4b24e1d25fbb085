/**
 * A full USB bus on a projector's screen: Device Manager's deep rows (hubs on hubs, tier 3 and below) show each
 * device's name whole, and the timeline's header shows its event count whole in a narrow panel.
 * (A text is whole when its element is as wide as its content: scrollWidth <= clientWidth.)
 */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

async function openFullBus(page: Page): Promise<void> {
  await page.getByLabel('Open a scenario file').setInputFiles({ name: 'full-usb-bus.json', mimeType: 'application/json', buffer: await readFile('examples/full-usb-bus.json') });
  await expect(page.getByRole('button', { name: 'Jump to end' })).toBeDisabled();
}

/** The texts of `names` cut short (their content wider than their box), with their widths. */
const cut = (names: Locator) =>
  names.evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth).map((e) => `${e.textContent} (${e.scrollWidth} > ${e.clientWidth})`));

test.describe('at 1280x720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test("Device Manager shows every device's name whole, the deepest hubs' too", async ({ lab, page }) => {
    await openFullBus(page);
    // the moment the bus is full: just before the last step (the first hub unplugged)
    await lab.find('unplug');
    await lab.timelineOption(/unplug/).first().click();
    await lab.find('');
    await page.getByRole('button', { name: 'Step back' }).click();
    await expect(page.getByTestId('usb-count')).toHaveText('127 of 127 USB devices');

    const tree = await lab.sideTab('Device Manager');
    const region = tree.getByRole('region', { name: 'Devices by connection' });
    await region.hover();
    const names = tree.locator('[data-tree-device] [data-device-name]');
    let deepest = 0;
    // scrolls the windowed list from top to bottom, checking the rows in view at each stop
    for (let i = 0; i < 80; i++) {
      await expect(names.first()).toBeVisible();
      expect(await cut(names)).toEqual([]);
      // the deepest indentation in view (12 px + 16 per level)
      deepest = Math.max(deepest, ...(await names.evaluateAll((els) => els.map((e) => parseFloat(getComputedStyle(e.closest('li')!.firstElementChild!).paddingLeft)))));
      const atBottom = await region.evaluate((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 1);
      if (atBottom) break;
      await page.mouse.wheel(0, 500);
    }
    // rows 4 levels below the bus (hubs on hubs on hubs) were among those checked
    expect(deepest).toBeGreaterThanOrEqual(12 + 4 * 16);
  });
});

test.describe('at 1024x768', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test("the timeline's header shows its whole event count with a big lab loaded", async ({ lab: _lab, page }) => {
    await openFullBus(page);
    const count = page.getByTestId('timeline-count');
    await expect(count).toHaveText(/^\d{4,}\/\d{4,}$/);
    expect(await cut(count)).toEqual([]);
    // and it lies inside the timeline panel
    const panel = page.locator('section[aria-labelledby="timeline-title"]');
    const [c, p] = [await count.boundingBox(), await panel.boundingBox()];
    expect(c!.x + c!.width).toBeLessThanOrEqual(p!.x + p!.width);
  });
});
