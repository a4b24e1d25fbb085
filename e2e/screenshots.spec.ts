/**
 * Screenshots of the main views (light, dark, presenter, tablet, the Notifications and Scanners tabs,
 * a lesson, an embed), to look at. A test run writes them to test-results/screenshots/;
 * `npm run screenshots` refreshes the ones in docs/screenshots/ that the README shows.
 */
import { expect, test } from './fixtures';

const SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-results/screenshots';
const shot = (name: string) => `${SHOTS}/${name}.png`;

const SCENARIO = {
  seed: 1,
  devices: [
    { id: 'hub', model: 'usb-hub' },
    { id: 'scanner', model: 'usb-scanner', filters: { lower: 1, upper: 0 }, callbacks: { EvtDeviceQueryRemove: 'fail' } },
    { id: 'disk', model: 'usb-disk' },
    { id: 'nic', model: 'pci-nic' },
    { id: 'webcam', model: 'usb-webcam' },
  ],
  steps: [
    { action: 'plug', device: 'hub', port: 'usb-root-hub:1' },
    { action: 'plug', device: 'scanner', port: 'hub:2' },
    { action: 'plug', device: 'disk', port: 'usb-root-hub:3' },
    { action: 'plug', device: 'nic', port: 'pci-bus:1' },
    { action: 'safeRemove', device: 'scanner' },
  ],
};

function hash(): string {
  return '#scenario=' + Buffer.from(JSON.stringify(SCENARIO)).toString('base64url');
}

test('screenshots of the main views', async ({ lab }) => {
  const { page } = lab;
  await page.goto('./' + hash());
  await lab.toEnd();
  await lab.find('EvtDeviceQueryRemove');
  await lab.timelineOption(/EvtDeviceQueryRemove/).last().click();
  await lab.find('');
  await page.getByPlaceholder('Find…').blur(); // no focus ring in the picture
  await expect(lab.flowRow('kmdf.queryRemove/QueryRemove').first()).toBeVisible();
  await page.waitForTimeout(400);
  await page.screenshot({ path: shot('light') });

  await page.getByRole('button', { name: 'Dark theme' }).click();
  await page.waitForTimeout(200);
  await page.screenshot({ path: shot('dark') });
  await page.getByRole('button', { name: 'Dark theme' }).click();

  await page.getByRole('button', { name: 'Presenter mode' }).click();
  await page.waitForTimeout(400);
  await page.screenshot({ path: shot('presenter') });
  await page.getByRole('button', { name: 'Presenter mode' }).click();

  await page.setViewportSize({ width: 820, height: 1180 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: shot('tablet') });
});

const PANELS = {
  seed: 1,
  devices: [
    { id: 'scanner', model: 'usb-scanner' },
    { id: 'disk', model: 'usb-disk' },
  ],
  clients: [
    { id: 'explorer', mode: 'user', category: 'TargetDeviceChange', target: 'disk' },
    { id: 'backup', mode: 'kernel', category: 'TargetDeviceChange', target: 'disk' },
    { id: 'volmgr', mode: 'kernel', category: 'DeviceInterfaceChange', interfaceClass: 'GUID_DEVINTERFACE_VOLUME' },
  ],
  steps: [
    { action: 'plug', device: 'disk', port: 'usb-root-hub:2' },
    { action: 'plug', device: 'scanner', port: 'usb-root-hub:1' },
    { action: 'connectApp', device: 'scanner', app: 'paint' },
    { action: 'safeRemove', device: 'disk' },
    { action: 'scan', device: 'scanner' },
    { action: 'unplug', device: 'scanner', after: 420 },
  ],
};

test('screenshots of the Notifications and Scanners tabs', async ({ lab }) => {
  const { page } = lab;
  await page.goto('./#scenario=' + Buffer.from(JSON.stringify(PANELS)).toString('base64url'));
  await lab.toEnd();
  await lab.find('GUID_TARGET_DEVICE_QUERY_REMOVE');
  await lab.timelineOption(/GUID_TARGET_DEVICE_QUERY_REMOVE/).last().click();
  await lab.find('');
  await lab.sideTab('Notifications');
  await expect(lab.client('backup')).toBeVisible();
  await lab.client('backup').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(400);
  await page.screenshot({ path: shot('notifications') });

  await lab.find('MiniDrvCallback');
  await lab.timelineOption(/MiniDrvCallback/).nth(3).click();
  await lab.find('');
  await lab.sideTab('Scanners');
  await expect(lab.progress('scanner')).toBeVisible();
  await page.getByRole('region', { name: 'Scan on scanner', exact: true }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(400);
  await page.screenshot({ path: shot('scanners') });
});

test('screenshots of a lesson and of the embed example page', async ({ lab }) => {
  const { page } = lab;
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('./?lesson=a-device-starts');
  const panel = page.getByTestId('lesson-panel');
  await expect(panel.getByRole('heading', { name: /A device starts/ })).toBeVisible();
  await page.getByLabel('Speed').selectOption('100');
  await lab.plug('disk', 'usb-root-hub:1');
  await expect(panel.getByTestId('lesson-question')).toBeVisible();
  await panel.getByLabel('lower-filter').check();
  await page.waitForTimeout(400);
  await page.screenshot({ path: shot('lesson') });

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('./embed-example.html?lab=' + encodeURIComponent(new URL('./', page.url()).href));
  await expect(page.locator('#log li[data-event="pnp-lab-ready"]')).toHaveCount(2);
  await page.waitForTimeout(800);
  await page.screenshot({ path: shot('embed') });
});

test('screenshot of a lesson gate at 1280×720: nothing after the question is shown', async ({ lab }) => {
  const { page } = lab;
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByRole('button', { name: 'Lessons' }).click();
  const panel = page.getByTestId('lesson-panel');
  await panel.getByLabel('Choose a lesson').selectOption('a-device-starts');
  await page.getByLabel('Speed').selectOption('100');
  await lab.plug('disk', 'usb-root-hub:1');
  await expect(panel.getByTestId('lesson-question')).toBeVisible();
  // a seek past the question is refused, and says so beside the scrubber
  await page.getByRole('button', { name: 'Jump to end' }).click();
  await expect(page.getByTestId('gate-note')).toBeVisible();
  await expect(page.getByTestId('timeline-gate')).toBeVisible();
  await page.getByRole('button', { name: 'Jump to end' }).blur();
  await page.mouse.move(1275, 62); // no hover in the picture
  await page.waitForTimeout(800);
  await page.screenshot({ path: shot('lesson-gate') });
});

test('screenshot of an IRP travelling at 1280×720: IRP_MN_START_DEVICE down the stack and back up', async ({ lab }) => {
  const { page } = lab;
  await page.setViewportSize({ width: 1280, height: 720 });
  const disk = { seed: 1, devices: [{ id: 'disk', model: 'usb-disk', filters: { lower: 1, upper: 1 } }], steps: [{ action: 'plug', device: 'disk', port: 'usb-root-hub:1' }] };
  await page.goto('./#scenario=' + Buffer.from(JSON.stringify(disk)).toString('base64url'));
  await lab.toEnd();
  // the completion reaches the upper filter: the way down and the way back up are both drawn
  await lab.find('IRP_MN_START_DEVICE');
  await lab.timelineOption(/IRP_MN_START_DEVICE/).last().click();
  await lab.find('');
  await page.getByPlaceholder('Find…').blur(); // no focus ring in the picture
  const trip = page.getByTestId('flowchart').getByTestId('irp-trip');
  await expect(trip.locator('[data-hop="upper-filter"] [data-side="up"]')).toHaveAttribute('data-status', 'current');
  await expect(trip).toBeInViewport({ ratio: 0.99 });
  await page.mouse.move(1275, 62); // no hover in the picture
  await page.waitForTimeout(500);
  await page.screenshot({ path: shot('irp-travel') });
});
