import { expect, test } from './fixtures';

test('the lab page loads with its title, heading, panels and an empty-state hint', async ({ lab }) => {
  const { page } = lab;
  await expect(page).toHaveTitle('PnP Lab — Windows Plug and Play & WIA teaching lab');
  for (const panel of ['Virtual hardware', 'Flowchart', 'Timeline', 'Device Manager', 'Selected event']) {
    await expect(page.getByRole('heading', { level: 2, name: panel })).toBeVisible();
  }
  await expect(page.getByText('Drag a device onto a port to start.').first()).toBeVisible();
  await page.waitForLoadState('networkidle');
});
