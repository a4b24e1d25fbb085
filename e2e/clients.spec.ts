import { expect, test } from './fixtures';

test('a kernel client on a disk hears GUID_TARGET_DEVICE_QUERY_REMOVE before any IRP when the disk is safely removed', async ({ lab }) => {
  test.setTimeout(90_000);
  const { page } = lab;
  await lab.plug('disk', 'usb-root-hub:2');
  await lab.toEnd();

  // Add a kernel-mode driver that registers for target-device notifications on the disk.
  const panel = await lab.sideTab('Notifications');
  await panel.getByRole('button', { name: /Add a client/ }).click();
  const form = panel.getByRole('form', { name: 'Add a notification client' });
  await form.getByLabel('Name').fill('backup');
  await form.getByRole('radio', { name: 'Kernel driver' }).check();
  await form.getByLabel('Registers for').selectOption('TargetDeviceChange');
  await form.getByLabel('Target device').selectOption('disk');
  await form.getByLabel('On query-remove').selectOption('close');
  await form.getByRole('button', { name: 'Add client' }).click();

  // The same steps re-ran with the client: it opened a handle on the disk when the disk started, and registered.
  const card = lab.client('backup');
  await expect(card.getByText('Kernel')).toBeVisible();
  await expect(card.getByText('Registered', { exact: true })).toBeVisible();
  await expect(card.getByText(/Handle open on/)).toContainText('disk');
  await expect(lab.port('usb-root-hub:2').getByText('Started')).toBeVisible();

  // Safely Remove Hardware.
  const menu = await lab.openMenu('disk');
  await menu.getByRole('menuitem', { name: /Safely Remove Hardware/ }).click();
  await lab.toEnd();
  await expect(lab.port('usb-root-hub:2').getByText('Safe to remove')).toBeVisible();

  // What the client received, with results: the query first, then remove-complete.
  const received = card.getByRole('list', { name: 'Notifications backup received' });
  await expect(received.getByRole('listitem')).toHaveCount(2);
  await expect(received.getByRole('listitem').first()).toContainText('GUID_TARGET_DEVICE_QUERY_REMOVE');
  await expect(received.getByRole('listitem').first()).toContainText('STATUS_SUCCESS');
  await expect(received.getByRole('listitem').last()).toContainText('GUID_TARGET_DEVICE_REMOVE_COMPLETE');
  await expect(card.getByText('Not registered')).toBeVisible();

  // In the timeline the notification comes before the PnP manager sends IRP_MN_QUERY_REMOVE_DEVICE.
  await lab.find('GUID_TARGET_DEVICE_QUERY_REMOVE');
  const notified = await lab.firstSeq(/GUID_TARGET_DEVICE_QUERY_REMOVE/);
  await lab.find('IRP_MN_QUERY_REMOVE_DEVICE');
  const irp = await lab.firstSeq(/IRP_MN_QUERY_REMOVE_DEVICE/);
  expect(notified).toBeGreaterThan(0);
  expect(notified).toBeLessThan(irp);

  // A click on the received notification moves the cursor there; the client closed its handle right after.
  await received.getByRole('listitem').first().getByRole('button').click();
  await expect(lab.details.getByRole('heading', { level: 3 })).toHaveText('GUID_TARGET_DEVICE_QUERY_REMOVE');
  await expect(lab.details.getByText('backup', { exact: true })).toBeVisible();
  await expect(card.getByText(/Handle open on/)).toContainText('disk');
  await page.keyboard.press('ArrowRight');
  await expect(lab.details.getByRole('heading', { level: 3 })).toHaveText('ZwClose');
  await expect(card.getByText('No handle open')).toBeVisible();
});
