// Live actions land where the person acted (issue 10, item 4): starting a drag or opening a device's
// menu holds playback, so the action lands at that cursor; acting never resumes a pause; Fit works
// while playing.
import { expect, test, type Lab } from './fixtures';

const playButton = (lab: Lab) => lab.page.getByRole('toolbar', { name: 'Playback' }).getByRole('button', { name: /^(Play|Pause)$/ });
const scrubValue = async (lab: Lab) => Number(await lab.page.getByRole('slider', { name: 'Cursor position in the trace' }).inputValue());

/** A scanner with a document feeder holding forty sheets, plugged in, an application connected: a scan runs for many seconds even at 100 events/s, whatever the machine's load. */
const FEEDER = {
  seed: 1,
  devices: [{ id: 'scanner', model: 'usb-scanner', wia: { feeder: true, pages: 40 } }, { id: 'disk', model: 'usb-disk' }],
  steps: [{ action: 'plug', device: 'scanner', port: 'usb-root-hub:1' }, { action: 'connectApp', device: 'scanner', app: 'paint' }],
};

test('at 100 events/s, dragging the scanner off its port mid-scan (no pause first) ends the scan with WIA_ERROR_OFFLINE', async ({ lab }) => {
  test.setTimeout(60_000);
  const { page } = lab;
  await lab.openLink(FEEDER);
  await lab.toEnd();
  await lab.sideTab('Scanners');
  const card = lab.scanner('scanner');
  await card.getByLabel('Pages').fill('0'); // until the feeder is empty
  await page.getByLabel('Speed').selectOption('100');
  await card.getByRole('button', { name: 'Scan', exact: true }).click();
  await expect.poll(() => lab.progressValue('scanner'), { intervals: [20] }).toBeGreaterThan(0);

  // Like a person: press on the chip, then take about a second to move it to the bench (at 100
  // events/s the whole scan is over in half a second), and let go there.
  const chip = lab.port('usb-root-hub:1').locator('[data-device="scanner"]');
  const from = (await chip.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  // the press held playback: the cursor stays where the person pressed, mid-scan
  await expect(playButton(lab)).toHaveText('Play');
  const pressed = await scrubValue(lab);
  await expect(card.getByText(/^Scanning… \d+%$/)).toBeVisible();
  const to = (await lab.bench.boundingBox())!;
  for (let i = 1; i <= 10; i++) {
    const f = i / 10;
    await page.mouse.move(from.x + from.width / 2 + (to.x + to.width / 2 - from.x - from.width / 2) * f, from.y + from.height / 2 + (to.y + 30 - from.y - from.height / 2) * f, { steps: 4 });
    await page.waitForTimeout(100);
  }
  expect(await scrubValue(lab)).toBe(pressed);
  await page.mouse.up();
  await expect(lab.bench.locator('[data-device="scanner"]')).toBeVisible();

  // Playback goes on from where the drag started, into the new future: the scan fails offline.
  await expect(card.getByText(/^Failed at \d+%: the cable was pulled$/)).toBeVisible({ timeout: 15_000 });
  await expect(card.getByRole('button', { name: 'WIA_ERROR_OFFLINE (0x80210005)' }).first()).toBeVisible();
  // the cable was pulled right at the cursor where the press began, not a second later
  await lab.toEnd();
  await lab.find('unplug');
  const unplugged = await lab.firstSeq(/unplug/);
  expect(unplugged - pressed).toBeGreaterThanOrEqual(1);
  expect(unplugged - pressed).toBeLessThanOrEqual(2);
});

test('opening a device\'s menu holds playback, and the action picked lands at that cursor', async ({ lab }) => {
  const { page } = lab;
  await lab.plug('disk', 'usb-root-hub:2');
  await lab.toEnd();
  await page.getByLabel('Speed').selectOption('2');
  await page.getByRole('button', { name: 'Jump to start' }).click();
  await playButton(lab).click();
  await expect(playButton(lab)).toHaveText('Pause');
  const menu = await lab.openMenu('hub');
  await expect(playButton(lab)).toHaveText('Play');
  const at = await scrubValue(lab);
  await page.waitForTimeout(400);
  expect(await scrubValue(lab)).toBe(at);
  // Escape: nothing acted, playback goes on
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(playButton(lab)).toHaveText('Pause');
});

test('acting never resumes playback that was paused, and the cursor moves onto the action', async ({ lab }) => {
  const { page } = lab;
  await lab.plug('disk', 'usb-root-hub:2');
  await lab.toEnd();
  await page.getByRole('button', { name: 'Jump to start' }).click();
  // step into the run, paused
  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(playButton(lab)).toHaveText('Play');
  // a drag onto a free port while paused
  await lab.drag(lab.device('scanner'), lab.port('usb-root-hub:1'));
  await expect(lab.port('usb-root-hub:1').locator('[data-device="scanner"]')).toBeVisible();
  await expect(playButton(lab)).toHaveText('Play');
  const at = await scrubValue(lab);
  await page.waitForTimeout(400);
  expect(await scrubValue(lab)).toBe(at);
  // and an action from a device's menu
  const menu = await lab.openMenu('scanner');
  await menu.getByRole('menuitem', { name: /Pull the cable/ }).click();
  await expect(lab.bench.locator('[data-device="scanner"]')).toBeVisible();
  await expect(playButton(lab)).toHaveText('Play');
});

test('Fit while playing shows the whole chart and keeps it: Follow turns off and the header says so', async ({ lab }) => {
  const { page } = lab;
  await lab.plug('scanner', 'usb-root-hub:1');
  await lab.toEnd();
  await page.getByLabel('Speed').selectOption('2');
  await page.getByRole('button', { name: 'Jump to start' }).click();
  await playButton(lab).click();
  await expect(playButton(lab)).toHaveText('Pause');
  const viewport = page.locator('[data-testid="flowchart"] .react-flow__viewport');
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await expect(page.getByRole('checkbox', { name: 'Follow' })).not.toBeChecked();
  await expect(page.getByRole('status').filter({ hasText: 'Follow is off' })).toBeVisible();
  // once the fit has settled, the view stays put while the cursor moves on
  await expect.poll(async () => {
    const before = await viewport.getAttribute('style');
    await page.waitForTimeout(300);
    return before === (await viewport.getAttribute('style'));
  }).toBe(true);
  const fitted = await viewport.getAttribute('style');
  const from = await scrubValue(lab);
  await page.waitForTimeout(1200);
  await expect(playButton(lab)).toHaveText('Pause');
  expect(await scrubValue(lab)).toBeGreaterThan(from);
  expect(await viewport.getAttribute('style')).toBe(fitted);
  // every lane is in view: the chart's lanes lie inside the flowchart's box
  const chart = (await page.getByTestId('flowchart').boundingBox())!;
  for (const lane of await page.locator('[data-testid="flowchart"] .react-flow__node-lane').all()) {
    const b = (await lane.boundingBox())!;
    expect(b.x).toBeGreaterThanOrEqual(chart.x - 1);
    expect(b.x + b.width).toBeLessThanOrEqual(chart.x + chart.width + 1);
  }
});
