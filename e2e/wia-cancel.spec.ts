import { expect, test } from './fixtures';

test('the application cancels a scan: the progress stops and drvAcquireItemData returns S_FALSE', async ({ lab }) => {
  test.setTimeout(90_000);
  await lab.plug('scanner', 'usb-root-hub:3');
  await lab.toEnd();

  await lab.sideTab('Scanners');
  const card = lab.scanner('scanner');
  await card.getByRole('button', { name: 'Connect' }).click(); // the application is called "app" unless renamed
  await lab.toEnd();
  await lab.page.getByLabel('Speed').selectOption('5'); // slow enough to act mid-scan
  await card.getByRole('button', { name: 'Scan', exact: true }).click();

  // While it plays, once a few bands are in, the application returns S_FALSE from its callback.
  await expect.poll(() => lab.progressValue('scanner'), { timeout: 15_000, intervals: [100] }).toBeGreaterThanOrEqual(20);
  await card.getByRole('button', { name: 'Cancel (application)' }).click();
  await lab.toEnd();

  const stopped = await lab.progressValue('scanner');
  expect(stopped).toBeGreaterThanOrEqual(20);
  expect(stopped).toBeLessThan(100);
  await expect(card.getByText(`Cancelled at ${stopped}% by the application`, { exact: true })).toBeVisible();
  // Both the minidriver's drvAcquireItemData and the application's call returned S_FALSE (a cancel, not an error).
  const results = card.getByRole('definition');
  await expect(card.getByRole('term')).toHaveText(['idtGetBandedData', 'drvAcquireItemData']);
  await expect(results).toHaveText(['S_FALSE (0x00000001)', 'S_FALSE (0x00000001)']);
  await expect(card.getByRole('button', { name: /Cancel \(application\)/ })).toBeDisabled();

  // In the timeline, the events that returned S_FALSE: the MiniDrvCallback the application answered, and drvAcquireItemData.
  await lab.find('S_FALSE');
  await expect(lab.timelineOption(/MiniDrvCallback/)).toHaveCount(1);
  await expect(lab.timelineOption(/drvAcquireItemData/)).toHaveCount(1);

  // Back at the MiniDrvCallback the application answered S_FALSE, the scan is still running.
  await lab.timelineOption(/MiniDrvCallback/).click();
  await expect(card.getByText(`Scanning… ${stopped}%`)).toBeVisible();
  await expect(card.getByRole('button', { name: /Cancel \(application\)/ })).toBeEnabled();
});
