/**
 * The other ways to end a scan early from the Scanners tab (the application's own cancel is in
 * wia-cancel.spec.ts, the pulled cable in wia-cable.spec.ts): the scanner's cancel button,
 * IWiaItemExtras::CancelPendingIO, a paper jam in the feeder, and an error HRESULT returned by the application.
 *
 * What each ending returns is what the engine's tables say (src/engine/wia/tables.ts, wia.test.ts,
 * docs/fidelity.md §36), after Microsoft's "Canceling a Data Transfer" (image/canceling-a-data-transfer.md):
 * "Some devices have a cancel button on the hardware that can abort the data transfer. In such cases,
 * the WIA minidriver should return S_FALSE", and "If an application returns an error code in the
 * IWiaMiniDrvCallBack::MiniDrvCallback method, the WIA minidriver must stop the data transfer, return
 * to an idle state, and then return that error code to the WIA service."
 */
import { expect, test, type Lab } from './fixtures';
import type { Locator } from '@playwright/test';

/** Plugs the scanner in, connects the application "app", then starts a memory scan at 5 events/s and waits until it is part-way. */
async function scanSlowly(lab: Lab, port: string, before?: (card: Locator) => Promise<void>): Promise<Locator> {
  await lab.plug('scanner', port);
  await lab.toEnd();
  await lab.sideTab('Scanners');
  const card = lab.scanner('scanner');
  await expect(card.getByText('WIA minidriver loaded')).toBeVisible();
  await card.getByRole('button', { name: 'Connect' }).click();
  await lab.toEnd();
  await expect(card.getByRole('region', { name: 'Applications connected to scanner' }).getByText('app', { exact: true })).toBeVisible();
  if (before) await before(card);
  await lab.page.getByLabel('Speed').selectOption('5'); // slow enough to act mid-scan
  await card.getByRole('button', { name: 'Scan', exact: true }).click();
  await expect.poll(() => lab.progressValue('scanner'), { timeout: 20_000, intervals: [100] }).toBeGreaterThanOrEqual(20);
  return card;
}

/** After the ending played out: the progress stopped part-way; returns where. */
async function stoppedAt(lab: Lab): Promise<number> {
  await lab.toEnd();
  const stopped = await lab.progressValue('scanner');
  expect(stopped).toBeGreaterThanOrEqual(20);
  expect(stopped).toBeLessThan(100);
  return stopped;
}

/** The card once the scan ended: what it says, what idtGetBandedData and drvAcquireItemData returned, and the control that ended it, now disabled. */
async function expectEnded(card: Locator, says: string, result: string, control: string): Promise<void> {
  await expect(card.getByText(says, { exact: true })).toBeVisible();
  await expect(card.getByRole('term')).toHaveText(['idtGetBandedData', 'drvAcquireItemData']);
  await expect(card.getByRole('definition')).toHaveText([result, result]);
  await expect(card.getByRole('button', { name: control })).toBeDisabled();
}

test('the scanner\'s cancel button: the device returns no data, drvAcquireItemData and the application\'s call return S_FALSE', async ({ lab }) => {
  test.setTimeout(120_000);
  const card = await scanSlowly(lab, 'usb-root-hub:3');
  // A flatbed has no feeder, so no paper-jam button.
  await expect(card.getByRole('button', { name: 'Paper jam' })).toHaveCount(0);
  await card.getByRole('button', { name: 'Scanner’s cancel button' }).click();

  const stopped = await stoppedAt(lab);
  await expectEnded(card, `Cancelled at ${stopped}% with the scanner’s cancel button`, 'S_FALSE (0x00000001)', 'Scanner’s cancel button');

  // The read that ended the scan: the device answered with no data because its button was pressed.
  await lab.find('GetOverlappedResult');
  await lab.timelineOption(/GetOverlappedResult/).last().click();
  await expect(lab.details.getByText('CANCEL_BUTTON', { exact: true })).toBeVisible();
  await expect(lab.details.getByText('BytesTransferred')).toBeVisible();
  await expect(lab.details.locator('dd', { hasText: /^0$/ })).toHaveCount(1);
  // Then the minidriver stops the scanner and goes idle (a CANCEL_SCAN write) before it returns.
  await lab.find('WriteFile');
  await lab.timelineOption(/WriteFile/).last().click();
  await expect(lab.details.getByText('CANCEL_SCAN', { exact: true })).toBeVisible();
  await expect(lab.details.getByText(/stops all acquisition and returns to idle/)).toBeVisible();
  // Both S_FALSE results, and nothing else in this scan returned S_FALSE: the application did not cancel.
  await lab.find('S_FALSE');
  await expect(lab.timelineOption(/IWiaDataTransfer::idtGetBandedData/)).toHaveCount(1);
  await expect(lab.timelineOption(/drvAcquireItemData/)).toHaveCount(1);
  await expect(lab.timelineOption(/MiniDrvCallback|BandedDataCallback/)).toHaveCount(0);
});

test('IWiaItemExtras::CancelPendingIO: the minidriver hears drvNotifyPnpEvent(WIA_EVENT_CANCEL_IO) mid-transfer, cancels its I/O, and the scan returns S_FALSE', async ({ lab }) => {
  test.setTimeout(120_000);
  const card = await scanSlowly(lab, 'usb-root-hub:2');
  await card.getByRole('button', { name: 'IWiaItemExtras::CancelPendingIO' }).click();

  const stopped = await stoppedAt(lab);
  await expectEnded(card, `Cancelled at ${stopped}% by IWiaItemExtras::CancelPendingIO`, 'S_FALSE (0x00000001)', 'IWiaItemExtras::CancelPendingIO');

  // The application's call, then the event the service sends the minidriver (image/canceling-pending-i-o-operations.md).
  await lab.find('CancelPendingIO');
  await expect(lab.timelineOption(/IWiaItemExtras::CancelPendingIO/)).toHaveCount(1);
  await lab.find('drvNotifyPnpEvent');
  await expect(lab.timelineOption(/drvNotifyPnpEvent/)).toHaveCount(1);
  const notifySeq = await lab.firstSeq(/drvNotifyPnpEvent/);
  await lab.timelineOption(/drvNotifyPnpEvent/).click();
  await expect(lab.details.getByText('WIA_EVENT_CANCEL_IO', { exact: true })).toBeVisible();
  await expect(lab.details.getByText('the scanner’s minidriver')).toBeVisible();
  // It is not serialized behind drvAcquireItemData: at that event the scan still runs and drvAcquireItemData has not returned.
  await expect(card.getByText(/^Scanning… \d+%$/)).toBeVisible();
  await expect(card.getByRole('definition')).toHaveText(['pending…', 'pending…']);
  await lab.find('drvAcquireItemData');
  expect(await lab.firstSeq(/drvAcquireItemData/)).toBeLessThan(notifySeq);
  // The driver cancels its overlapped I/O.
  await lab.find('CancelIo');
  await expect(lab.timelineOption(/CancelIo/)).toHaveCount(1);
  expect(await lab.firstSeq(/CancelIo/)).toBeGreaterThan(notifySeq);

  await lab.toEnd();
  await expect(card.getByText(`Cancelled at ${stopped}% by IWiaItemExtras::CancelPendingIO`, { exact: true })).toBeVisible();
});

test('a paper jam in the document feeder: the read fails, drvAcquireItemData and the application\'s call return WIA_ERROR_PAPER_JAM', async ({ lab }) => {
  test.setTimeout(120_000);
  const card = await scanSlowly(lab, 'usb-root-hub:4', async (c) => {
    // The scanner gets a document feeder with two sheets (Options…), and the scan asks for one page.
    await c.getByRole('button', { name: 'WIA options of scanner' }).click();
    const drawer = lab.page.locator('aside[aria-labelledby="settings-title"]');
    await drawer.getByLabel('Document feeder').check();
    await drawer.getByLabel('Sheets loaded').fill('2');
    await drawer.getByRole('button', { name: 'Close' }).click();
    await expect(drawer).toHaveCount(0);
    await lab.toEnd();
    await expect(c.getByText('Document feeder, 2 sheets loaded')).toBeVisible();
    await c.getByLabel('Pages').fill('1');
  });
  await expect(card.getByText(/memory transfer · page 1/)).toBeVisible();
  await card.getByRole('button', { name: 'Paper jam' }).click();

  const stopped = await stoppedAt(lab);
  await expectEnded(card, `Failed at ${stopped}%: paper jam`, 'WIA_ERROR_PAPER_JAM (0x80210002)', 'Paper jam');

  // The device reports the jam on the pending read.
  await lab.find('ERROR_IO_DEVICE');
  await expect(lab.timelineOption(/GetOverlappedResult/)).toHaveCount(1);
  await lab.timelineOption(/GetOverlappedResult/).click();
  await expect(lab.details.getByText('PAPER_JAM', { exact: true })).toBeVisible();
  // The minidriver stops and goes idle, then returns the error, which the application's call returns too.
  await lab.find('WriteFile');
  await lab.timelineOption(/WriteFile/).last().click();
  await expect(lab.details.getByText('CANCEL_SCAN', { exact: true })).toBeVisible();
  await lab.find('WIA_ERROR_PAPER_JAM');
  await expect(lab.timelineOption(/drvAcquireItemData/)).toHaveCount(1);
  await expect(lab.timelineOption(/IWiaDataTransfer::idtGetBandedData/)).toHaveCount(1);
  // No callback returned it: the jam came from the device, not from the application.
  await expect(lab.timelineOption(/MiniDrvCallback|BandedDataCallback/)).toHaveCount(0);
});

test('the application returns an error HRESULT from its callback: the minidriver stops, goes idle and returns that same error', async ({ lab }) => {
  test.setTimeout(120_000);
  const card = await scanSlowly(lab, 'usb-root-hub:1');
  // The person picks the HRESULT (not the default E_OUTOFMEMORY), then returns it.
  await card.getByLabel('Application error').selectOption({ label: 'E_ABORT (0x80004004)' });
  await card.getByRole('button', { name: 'Return it' }).click();

  const stopped = await stoppedAt(lab);
  await expectEnded(card, `Failed at ${stopped}%: the application returned E_ABORT`, 'E_ABORT (0x80004004)', 'Return it');

  // The application answered E_ABORT from its callback; the service returned it from MiniDrvCallback;
  // drvAcquireItemData returned it, and so did the application's call.
  await lab.find('E_ABORT');
  await expect(lab.timelineOption(/IWiaDataCallback::BandedDataCallback/)).toHaveCount(1);
  await expect(lab.timelineOption(/MiniDrvCallback/)).toHaveCount(1);
  await expect(lab.timelineOption(/drvAcquireItemData/)).toHaveCount(1);
  await expect(lab.timelineOption(/IWiaDataTransfer::idtGetBandedData/)).toHaveCount(1);
  await lab.timelineOption(/IWiaDataCallback::BandedDataCallback/).click();
  await expect(lab.details.getByText('the application', { exact: true })).toBeVisible();
  await expect(lab.details.getByText('IT_MSG_DATA', { exact: true })).toBeVisible();
  // The callback's lPercentComplete is where the progress stopped.
  await expect(card.getByText(`Scanning… ${stopped}%`)).toBeVisible();
  // Then the minidriver stops the scanner (CANCEL_SCAN) and returns to idle.
  await lab.find('WriteFile');
  await lab.timelineOption(/WriteFile/).last().click();
  await expect(lab.details.getByText('CANCEL_SCAN', { exact: true })).toBeVisible();
  await expect(lab.details.getByText(/stops all acquisition and returns to idle/)).toBeVisible();
});
