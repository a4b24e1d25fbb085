import { expect, test } from './fixtures';

test('the lab page loads with its title, heading, panels and an empty-state hint', async ({ lab }) => {
  const { page } = lab;
  await expect(page).toHaveTitle('PnP Lab — Windows Plug and Play & WIA teaching lab');
  for (const panel of ['Virtual hardware', 'Flowchart', 'Timeline', 'Selected event']) {
    await expect(page.getByRole('heading', { level: 2, name: panel })).toBeVisible();
  }
  // Under the hardware, one section at a time: Device Manager first.
  const tabs = page.getByRole('tablist', { name: 'Devices, notification clients and scanners' });
  await expect(tabs.getByRole('tab')).toHaveText([/Device Manager/, /Notifications/, /Scanners/]);
  await expect(tabs.getByRole('tab', { name: 'Device Manager' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('[id^="side-panel-"]').getByText('Computer')).toBeVisible();
  await expect(page.getByText('Drag a device onto a port to start.').first()).toBeVisible();
  await page.waitForLoadState('networkidle');
});
