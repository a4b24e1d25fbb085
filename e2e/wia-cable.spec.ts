import { expect, test } from './fixtures';

test('pulling the scanner\'s cable mid-scan: the minidriver hears WIA_EVENT_DEVICE_DISCONNECTED and the scan ends with WIA_ERROR_OFFLINE', async ({ lab }) => {
  test.setTimeout(90_000);
  const { page } = lab;
  await lab.plug('scanner', 'usb-root-hub:1');
  await lab.toEnd();

  // The application connects, then scans; playback runs through the transfer at reading speed.
  const panel = await lab.sideTab('Scanners');
  const card = lab.scanner('scanner');
  await expect(card.getByText('WIA minidriver loaded')).toBeVisible();
  await card.getByLabel('Application name').fill('paint');
  await card.getByRole('button', { name: 'Connect' }).click();
  await lab.toEnd();
  await expect(card.getByRole('region', { name: 'Applications connected to scanner' }).getByText('paint', { exact: true })).toBeVisible();
  await page.getByLabel('Speed').selectOption('5'); // slow enough to catch the scan mid-way
  await card.getByRole('button', { name: 'Scan', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();

  // Mid-scan (the progress bar, driven by MiniDrvCallback's lPercentComplete, is part-way), pause and pull the cable.
  await expect.poll(() => lab.progressValue('scanner'), { timeout: 15_000, intervals: [100] }).toBeGreaterThanOrEqual(30);
  await page.getByRole('button', { name: 'Pause' }).click();
  const at = await lab.progressValue('scanner');
  expect(at).toBeLessThan(100);
  await expect(panel.getByText(`Scanning… ${at}%`)).toBeVisible();
  await lab.drag(lab.port('usb-root-hub:1').locator('[data-device="scanner"]'), lab.bench);
  await expect(lab.bench.locator('[data-device="scanner"]')).toBeVisible();
  await lab.toEnd();

  // The scan ends with WIA_ERROR_OFFLINE, value and name, where the progress stopped.
  await expect(card.getByText(`Failed at ${await lab.progressValue('scanner')}%: the cable was pulled`, { exact: true })).toBeVisible();
  expect(await lab.progressValue('scanner')).toBeLessThan(100);
  await expect(card.getByRole('button', { name: 'WIA_ERROR_OFFLINE (0x80210005)' }).first()).toBeVisible();

  // The timeline shows the minidriver being told, and the details say which event it was.
  await lab.find('drvNotifyPnpEvent');
  await lab.timelineOption(/drvNotifyPnpEvent/).first().click();
  await expect(lab.details.getByText('WIA_EVENT_DEVICE_DISCONNECTED')).toBeVisible();
  await expect(lab.details.getByText('the scanner’s minidriver')).toBeVisible();
  // With the cursor on the application's call, its result is not known yet: nothing from the future is shown.
  await lab.find('idtGetBandedData');
  await lab.timelineOption(/IWiaDataTransfer::idtGetBandedData/).click();
  await expect(lab.details.getByTestId('event-result')).toContainText('pending…');
  await expect(card.getByText('Scanning… 0%')).toBeVisible();
  await lab.toEnd();
  await expect(card.getByRole('button', { name: 'WIA_ERROR_OFFLINE (0x80210005)' }).first()).toBeVisible();
});
