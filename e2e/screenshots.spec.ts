/**
 * Screenshots of the main views (light, dark, presenter, tablet, the Notifications and Scanners tabs,
 * a lesson, an embed), to look at, and the pictures the app ships: the link-preview picture and the
 * embeds' posters (public/preview/, 1200×630) and the app's icons (public/icons/). A test run writes
 * them all under test-results/screenshots/; `npm run screenshots` refreshes the ones in docs/screenshots/
 * that the README shows and the ones in public/.
 */
import { readFile } from 'node:fs/promises';
import { expect, Lab, test } from './fixtures';
import { LESSON_CATALOG } from '../src/lessons/catalog';

const UPDATE = process.env.UPDATE_SCREENSHOTS === '1';
const SHOTS = UPDATE ? 'docs/screenshots' : 'test-results/screenshots';
const shot = (name: string) => `${SHOTS}/${name}.png`;
/** where the app's own pictures go: public/ (npm run screenshots) or beside the other screenshots */
const shipped = (path: string) => (UPDATE ? `public/${path}` : `${SHOTS}/public/${path}`);

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
  test.setTimeout(90_000);
  const { page } = lab;
  await lab.openLink(SCENARIO);
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
  // the focus view (V): the flowchart alone, for the room
  await page.keyboard.press('v');
  await expect(lab.bench).toHaveCount(0);
  await page.waitForTimeout(400);
  await page.screenshot({ path: shot('focus') });
  await page.keyboard.press('v');
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
  await lab.openLink(PANELS);
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
  await page.goto('./embed-example.html');
  await expect(page.locator('#log li[data-event="pnp-lab-ready"]')).toHaveCount(2);
  await page.waitForTimeout(800);
  await page.screenshot({ path: shot('embed') });
});

test('screenshot of a lesson gate at 1280×720: nothing after the question is shown', async ({ lab }) => {
  const { page } = lab;
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByRole('button', { name: 'Lessons' }).click();
  const panel = page.getByTestId('lesson-panel');
  await lab.pickLesson('a-device-starts');
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

test('screenshot of an embed 900 px wide: two panels side by side, the others as tabs', async ({ lab }) => {
  const { page } = lab;
  await page.setViewportSize({ width: 900, height: 620 });
  await page.goto('./?embed=1&panels=hardware,tree,flow,timeline' + hash());
  await expect(lab.device('webcam')).toBeVisible(); // the link's lab (the default one has no webcam)
  await lab.toEnd();
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await lab.find('EvtDeviceQueryRemove');
  await lab.timelineOption(/EvtDeviceQueryRemove/).last().click();
  await lab.find('');
  await page.getByRole('tab', { name: 'Hardware' }).click();
  await expect(lab.flowRow('kmdf.queryRemove/QueryRemove').first()).toBeVisible();
  await page.waitForTimeout(400);
  await page.screenshot({ path: shot('embed-900') });
});

/**
 * Link previews and posters are 1200×630 (the size Open Graph, Teams, Slack and LinkedIn show best): the
 * lab laid out as on a 1600×840 screen, drawn at 3/4 scale, so the picture shows the whole lab.
 */
test('the link-preview picture and a poster for every lesson', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ baseURL, viewport: { width: 1600, height: 840 }, deviceScaleFactor: 0.75 });
  const page = await context.newPage();
  const lab = new Lab(page);
  const picture = async (name: string) => {
    await page.waitForTimeout(500);
    await page.screenshot({ path: shipped(`preview/${name}.png`) });
    expect(await page.evaluate(() => [innerWidth * devicePixelRatio, innerHeight * devicePixelRatio]), 'picture size').toEqual([1200, 630]);
  };

  await lab.openLink(SCENARIO);
  await lab.toEnd();
  await lab.find('EvtDeviceQueryRemove');
  await lab.timelineOption(/EvtDeviceQueryRemove/).last().click();
  await lab.find('');
  await page.getByPlaceholder('Find…').blur();
  await expect(lab.flowRow('kmdf.queryRemove/QueryRemove').first()).toBeVisible();
  await picture('lab');

  for (const { id } of LESSON_CATALOG) {
    await page.goto(`./?lesson=${id}`);
    const panel = page.getByTestId('lesson-panel');
    await expect(panel.getByLabel('Choose a lesson')).toHaveValue(id);
    // the first task's solution, run and played to its end: the picture shows the lesson at work
    await panel.getByRole('button', { name: 'Show the solution…' }).click();
    await page.getByRole('dialog', { name: 'Show the solution?' }).getByRole('button', { name: 'Show the solution', exact: true }).click();
    await panel.getByRole('button', { name: 'Run the solution in the lab' }).click();
    await expect(panel.getByTestId('lesson-solution-status')).toContainText('The solution is in the lab');
    await page.getByRole('button', { name: 'Jump to end' }).click();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.getByTestId('lesson-panel').locator('.overflow-auto').first().evaluate((el) => el.scrollTo(0, 0));
    await picture(id);
  }
  await context.close();
});

test('the app\'s icons, drawn from favicon.svg', async ({ page }) => {
  const svg = (await readFile('public/favicon.svg')).toString('base64');
  // purpose "any": the chip on a clear background; "maskable" and Apple's: on a solid tile, inside the safe zone
  const icons = [
    { file: 'icon-192.png', size: 192, background: 'transparent', scale: 1 },
    { file: 'icon-512.png', size: 512, background: 'transparent', scale: 1 },
    { file: 'icon-maskable-512.png', size: 512, background: '#f8fafc', scale: 0.62 },
    { file: 'apple-touch-icon.png', size: 180, background: '#f8fafc', scale: 0.78 },
  ];
  for (const icon of icons) {
    await page.setViewportSize({ width: icon.size, height: icon.size });
    const side = Math.round(icon.size * icon.scale);
    const offset = Math.round((icon.size - side) / 2);
    await page.setContent(`<html><body style="margin:0;background:${icon.background}"><img src="data:image/svg+xml;base64,${svg}" width="${side}" height="${side}" style="position:absolute;left:${offset}px;top:${offset}px"></body></html>`);
    await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
    await page.screenshot({ path: shipped(`icons/${icon.file}`), omitBackground: icon.background === 'transparent' });
  }
});

test('screenshot of an IRP travelling at 1280×720: IRP_MN_START_DEVICE down the stack and back up', async ({ lab }) => {
  const { page } = lab;
  await page.setViewportSize({ width: 1280, height: 720 });
  const disk = { seed: 1, devices: [{ id: 'disk', model: 'usb-disk', filters: { lower: 1, upper: 1 } }], steps: [{ action: 'plug', device: 'disk', port: 'usb-root-hub:1' }] };
  await lab.openLink(disk);
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

test('screenshots of Driver source and Compare in presenter mode at 1280×720', async ({ lab }) => {
  const { page } = lab;
  await page.setViewportSize({ width: 1280, height: 720 });
  const scenario = (s: unknown) => './#scenario=' + Buffer.from(JSON.stringify(s)).toString('base64url');
  await page.goto(scenario({
    seed: 1,
    devices: [{ id: 'disk', model: 'usb-disk', filters: { upper: 1 } }],
    steps: [{ action: 'plug', device: 'disk', port: 'usb-root-hub:2' }, { action: 'safeRemove', device: 'disk' }],
  }));
  await page.getByRole('button', { name: 'Presenter mode' }).click();
  await lab.toEnd();
  await lab.find('EvtDeviceQueryRemove');
  await lab.timelineOption(/EvtDeviceQueryRemove/).last().click();
  await lab.find('');
  await page.getByRole('tab', { name: 'Driver source' }).click();
  // the return statement set to fail in the source itself
  await page.getByLabel('EvtDeviceQueryRemove of disk (function driver) returns').selectOption('fail');
  await expect(page.locator('[data-active="true"][data-setting="fails"]')).toBeVisible();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.mouse.move(1275, 700);
  await page.waitForTimeout(800);
  await page.screenshot({ path: shot('driver-source-presenter') });

  await page.goto(scenario({
    seed: 7,
    devices: [{ id: 'disk', model: 'usb-disk' }],
    steps: [{ action: 'plug', device: 'disk', port: 'usb-root-hub:2' }, { action: 'unplug', device: 'disk' }],
    compare: { change: 'framework', device: 'disk' },
  }));
  await lab.toEnd();
  await expect(page.getByRole('tab', { name: 'Compare' })).toHaveAttribute('aria-selected', 'true');
  await lab.find('EvtDeviceSurpriseRemoval');
  await lab.timelineOption(/EvtDeviceSurpriseRemoval/).click();
  await lab.find('');
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.mouse.move(1275, 700);
  await page.waitForTimeout(800);
  await page.screenshot({ path: shot('compare-presenter') });
  await page.getByRole('button', { name: 'Presenter mode' }).click();
});
