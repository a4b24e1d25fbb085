// Embeds that fit (issue 10, item 9): at 1000 px or less at most two panels stand side by side
// (the rest are tabs); a read-only embed says so where the hint is and hides its editing controls,
// while everything that moves the cursor keeps working.
import { expect, test, type Page } from '@playwright/test';

/** A disk with a kernel client, and a scanner scanning for an application: every side panel has something to show. */
const SCENARIO = {
  seed: 1,
  devices: [{ id: 'scanner', model: 'usb-scanner' }, { id: 'disk', model: 'usb-disk' }],
  clients: [{ id: 'backup', mode: 'kernel', category: 'TargetDeviceChange', target: 'disk' }],
  steps: [
    { action: 'plug', device: 'disk', port: 'usb-root-hub:2' },
    { action: 'plug', device: 'scanner', port: 'usb-root-hub:1' },
    { action: 'connectApp', device: 'scanner', app: 'paint' },
    { action: 'scan', device: 'scanner' },
    { action: 'safeRemove', device: 'disk' },
  ],
};
const hash = '#scenario=' + Buffer.from(JSON.stringify(SCENARIO)).toString('base64url');

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return errors;
}

/** The panels standing side by side: the top-level boxes of the embed's main area, by their left edge. */
async function columns(page: Page): Promise<number> {
  const boxes = await page.locator('main > *').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0).map((r) => Math.round(r.left)));
  return new Set(boxes).size;
}

for (const width of [900, 1000]) {
  test(`an embed ${width} px wide shows at most two panels side by side; the others are tabs`, async ({ page }) => {
    const errors = watchErrors(page);
    await page.setViewportSize({ width, height: 720 });
    await page.goto('./?embed=1&panels=hardware,tree,flow,timeline' + hash);
    await expect(page.getByTestId('flowchart')).toBeVisible();
    expect(await columns(page)).toBeLessThanOrEqual(2);
    const tabs = page.getByRole('tablist', { name: 'Panels' });
    await expect(tabs.getByRole('tab')).toHaveText(['Hardware', 'Devices', 'Timeline']);
    // a tab shows its panel: the timeline, with its names not cut to a few letters
    await tabs.getByRole('tab', { name: 'Timeline' }).click();
    const list = page.getByRole('listbox', { name: 'Trace events' });
    await expect(list).toBeVisible();
    const box = (await list.boundingBox())!;
    expect(box.width).toBeGreaterThan(300);
    await tabs.getByRole('tab', { name: 'Hardware' }).click();
    await expect(page.locator('[data-device="scanner"]')).toBeVisible();
    expect(errors).toEqual([]);
  });
}

test('wider than 1000 px, the panels asked for stand side by side', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./?embed=1&panels=hardware,tree,flow,timeline' + hash);
  await expect(page.getByTestId('flowchart')).toBeVisible();
  expect(await columns(page)).toBe(4);
  await expect(page.getByRole('tablist', { name: 'Panels' })).toHaveCount(0);
});

test('a read-only embed says "read-only" where the hint is, hides editing controls, and its cursor controls still work', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./?embed=1&readonly=1&panels=hardware,tree,flow,timeline' + hash);
  const hint = page.getByTestId('readonly-hint');
  await expect(hint).toContainText('Read-only');
  await expect(page.getByText('Drag a device onto a port', { exact: false })).toHaveCount(0);
  // editing controls are gone, not greyed out
  await expect(page.getByRole('button', { name: 'Add', exact: true })).toHaveCount(0);
  await expect(page.getByLabel('Device model to add')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Shut down' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Settings of/ })).toHaveCount(0);
  await expect(page.locator('button:disabled')).toHaveCount(await page.locator('[role="toolbar"] button:disabled').count());

  // device chips take the focus and read out their state; no menu opens
  const disk = page.locator('[data-device="disk"]');
  await disk.focus();
  await expect(disk).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menu')).toHaveCount(0);

  // the Notifications tab: no Add / Change / Remove / Register, but what the client received moves the cursor
  await page.getByRole('button', { name: 'Jump to end' }).click();
  await page.getByRole('tab', { name: /^Notifications/ }).click();
  const client = page.locator('[data-client="backup"]');
  await expect(client).toBeVisible();
  await expect(page.getByRole('button', { name: /Add a client/ })).toHaveCount(0);
  await expect(client.getByRole('button', { name: /Change|Remove|Register|Unregister|Close handle|Open handle/ })).toHaveCount(0);
  const received = client.getByRole('list', { name: 'Notifications backup received' }).getByRole('listitem').first();
  await received.getByRole('button').click();
  await expect(page.getByRole('listbox', { name: 'Trace events' }).getByRole('option', { selected: true })).toContainText('GUID_TARGET_DEVICE_QUERY_REMOVE');

  // the Scanners tab: no Connect / Scan / Cancel, but the result buttons move the cursor
  await page.getByRole('button', { name: 'Jump to end' }).click();
  await page.getByRole('tab', { name: /^Scanners/ }).click();
  const card = page.locator('[data-scanner="scanner"]');
  await expect(card.getByRole('button', { name: /Connect|^Scan$|Cancel|Release|Options/ })).toHaveCount(0);
  await card.getByRole('button', { name: /^S_OK/ }).first().click();
  await expect(page.getByRole('listbox', { name: 'Trace events' }).getByRole('option', { selected: true })).toContainText(/idtGetBandedData|drvAcquireItemData/);

  // playback works
  await page.getByRole('button', { name: 'Jump to start' }).click();
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(page.getByRole('slider', { name: 'Cursor position in the trace' })).toHaveValue('1');
  expect(errors).toEqual([]);
});

test('the example page\'s lesson lab answers Play: it plays once a device is plugged in, and says why not before', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('./embed-example.html');
  await expect(page.locator('#log li[data-event="pnp-lab-ready"]')).toHaveCount(2);
  const log = page.locator('#log li[data-lab="lesson-lab"]');
  // the lesson starts with its two disks on the bench: nothing has happened yet, and the lab says so
  await page.locator('[data-lab="lesson-lab"][data-call="play"]').click();
  await expect(log.filter({ hasText: 'pnp-lab-error' })).toContainText(['play: Nothing to play yet']);
  const frame = page.frameLocator('#lesson-lab iframe');
  await expect(frame.getByTestId('notice')).toContainText('Nothing to play yet');
  // plug the disk in inside the frame (keyboard: Enter, Enter, Enter), go back to the start, and the page's Play plays it
  await frame.locator('[data-device="disk"]').focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Enter');
  await expect(frame.locator('[data-port] [data-device="disk"]')).toBeVisible();
  await frame.getByRole('button', { name: 'Jump to start' }).click();
  await page.locator('[data-lab="lesson-lab"][data-call="play"]').click();
  await expect(log.filter({ hasText: /pnp-lab-step: cursor [1-9]\d* · #\d+ PhysicallyPresent/ })).not.toHaveCount(0);
});
