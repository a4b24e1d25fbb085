import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

test('no serious or critical axe violations in the main views, light and dark', async ({ lab }) => {
  test.setTimeout(180_000);
  await lab.page.emulateMedia({ reducedMotion: 'reduce' });
  const { page } = lab;
  expect(await seriousViolations(page), 'empty lab').toEqual([]);

  await lab.plug('scanner', 'usb-root-hub:1');
  await lab.toEnd();
  expect(await seriousViolations(page), 'started device, flowchart and timeline').toEqual([]);

  await page.getByRole('button', { name: 'Dark theme' }).click();
  expect(await seriousViolations(page), 'dark theme').toEqual([]);

  await page.getByRole('button', { name: 'Presenter mode' }).click();
  expect(await seriousViolations(page), 'presenter mode').toEqual([]);

  const menu = await lab.openMenu('scanner');
  expect(await seriousViolations(page), 'device menu').toEqual([]);
  await menu.getByRole('menuitem', { name: /Driver settings/ }).click();
  expect(await seriousViolations(page), 'settings drawer').toEqual([]);
  await page.getByRole('complementary', { name: 'Settings: scanner' }).getByRole('button', { name: 'Close' }).click();

  await page.getByRole('button', { name: 'About' }).click();
  await expect(page.getByRole('dialog', { name: 'About PnP Lab' })).toBeVisible();
  expect(await seriousViolations(page), 'about box').toEqual([]);
});
