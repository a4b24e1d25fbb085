// Offline after the first visit (a classroom with bad Wi-Fi): the service worker stores the app's files,
// so with the network gone the lab and a lesson still open, and the parts that load on first use too.
import { expect, test } from './fixtures';

test('after one visit the lab and a lesson open with the network off', async ({ lab, context }) => {
  const { page } = lab;
  // the first visit installs the service worker, which stores every file the lab needs
  await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state)).toBe('activated');
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await context.setOffline(true);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'PnP Lab' })).toBeVisible();
  await lab.plug('disk', 'usb-root-hub:1');
  await lab.toEnd();
  await lab.find('IRP_MN_START_DEVICE');
  await expect(lab.timelineOption(/IRP_MN_START_DEVICE/).first()).toBeVisible();
  await lab.find('');
  // a part that loads on first use, never opened online
  await lab.sideTab('Scanners');
  await expect(page.locator('[id^="side-panel-"]')).not.toContainText('Loading');

  await page.goto('./?lesson=a-user-unplugs-a-device');
  const panel = page.getByTestId('lesson-panel');
  await expect(panel.getByLabel('Choose a lesson')).toHaveValue('a-user-unplugs-a-device');
  await expect(panel.getByRole('heading', { name: /unplugs a device/i }).first()).toBeVisible();
  await expect(page).toHaveTitle(/unplugs a device/i);
  await context.setOffline(false);
});

test('the service worker serves the lab, not instead of every page: the example page is itself', async ({ lab }) => {
  const { page } = lab;
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await page.goto('./embed-example.html');
  await expect(page).toHaveTitle('Embedding PnP Lab: an example page');
});
