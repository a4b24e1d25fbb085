import { expect, test } from './fixtures';

test('dragging a USB scanner onto a root-hub port starts it: timeline and flowchart show the start sequence', async ({ lab }) => {
  const { page } = lab;
  await lab.plug('scanner', 'usb-root-hub:1');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await lab.toEnd();
  await expect(lab.port('usb-root-hub:1').getByText('Started')).toBeVisible();

  for (const name of ['IRP_MN_START_DEVICE', 'EvtDevicePrepareHardware', 'EvtDeviceD0Entry']) {
    await lab.find(name);
    await expect(lab.timelineOption(new RegExp(name)).first()).toBeVisible();
  }

  // Select the function driver's EvtDeviceD0Entry: the flowchart lights up that row of kmdf.start.
  await lab.find('EvtDeviceD0Entry');
  await lab.timelineOption(/EvtDeviceD0Entry(?!Post)/).last().click();
  await expect(lab.details.getByText('SimScanner')).toBeVisible();
  await expect(lab.flowRow('kmdf.start/D0Entry').and(page.locator('[data-status="current"]'))).toBeVisible();
  await expect(lab.flowRow('kmdf.start/PrepareHardware').and(page.locator('[data-status="done"]')).first()).toBeVisible();
  // The rows are joined by their exits (nodes carry their handles; nothing is measured in the DOM).
  await expect(page.locator('[data-testid="flowchart"] .react-flow__edge path').first()).toBeVisible();
  expect(await page.locator('[data-testid="flowchart"] .react-flow__edge').count()).toBeGreaterThan(5);
  // The PnP manager's lane is off to the left: show the whole chart. IRP_MN_START_DEVICE is still in
  // flight in SimScanner while its EvtDeviceD0Entry runs, so the row that sent it is pending, not done.
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await expect(lab.flowRow('pnp.start/StartDevice').first()).toHaveAttribute('data-status', 'pending');
  await expect(lab.flowRow('pnp.start/StartDevice').first()).toContainText('STATUS_PENDING…');

  // Device Manager lists the devnode under the root hub.
  await expect(page.getByRole('region', { name: 'Device Manager' }).getByText('USB flatbed scanner')).toBeVisible();
});
