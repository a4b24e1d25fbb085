import { expect, test } from '@playwright/test';

test('the lab page loads with its title and heading, and no console errors', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));

  await page.goto('./');

  await expect(page).toHaveTitle('PnP Lab — Windows Plug and Play & WIA teaching lab');
  await expect(page.getByRole('heading', { level: 1, name: 'PnP Lab' })).toBeVisible();
  await expect(page.getByText('The interactive lab is coming')).toBeVisible();

  await page.waitForLoadState('networkidle');
  expect(errors).toEqual([]);
});
