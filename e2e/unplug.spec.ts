import { expect, test } from './fixtures';

test('pulling the cable (dragging the device off its port) surprise-removes it', async ({ lab }) => {
  const { page } = lab;
  await lab.plug('scanner', 'usb-root-hub:3');
  await lab.toEnd();
  await lab.drag(lab.port('usb-root-hub:3').locator('[data-device="scanner"]'), lab.bench);
  await expect(lab.bench.locator('[data-device="scanner"]')).toBeVisible();
  await lab.toEnd();
  for (const name of ['IRP_MN_SURPRISE_REMOVAL', 'EvtDeviceSurpriseRemoval']) {
    await lab.find(name);
    await expect(lab.timelineOption(new RegExp(name)).first()).toBeVisible();
  }
  await expect(page.getByText('Pull the cable: scanner').first()).toBeVisible();
});
