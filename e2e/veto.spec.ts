import { expect, test } from './fixtures';

test('a driver that fails EvtDeviceQueryRemove vetoes Safely Remove Hardware; the device stays started', async ({ lab }) => {
  const { page } = lab;
  const menu = await lab.openMenu('scanner');
  await menu.getByRole('menuitem', { name: /Driver settings/ }).click();
  const drawer = page.getByRole('complementary', { name: 'Settings: scanner' });
  await expect(drawer).toBeVisible();
  await drawer.getByLabel('EvtDeviceQueryRemove').selectOption('fail');
  await drawer.getByRole('button', { name: 'Close' }).click();

  await lab.plug('scanner', 'usb-root-hub:2');
  await lab.toEnd();
  const actions = await lab.openMenu('scanner');
  await actions.getByRole('menuitem', { name: /Safely Remove Hardware/ }).click();
  await lab.toEnd();

  await lab.find('PNP_VetoDevice');
  await expect(lab.timelineOption(/PNP_VetoDevice/)).toBeVisible();
  await lab.find('IRP_MN_CANCEL_REMOVE_DEVICE');
  await expect(lab.timelineOption(/IRP_MN_CANCEL_REMOVE_DEVICE/).first()).toBeVisible();
  await expect(lab.port('usb-root-hub:2').getByText('Started')).toBeVisible();

  // The veto row of the flowchart turns red.
  await lab.find('PNP_VetoDevice');
  await lab.timelineOption(/PNP_VetoDevice/).click();
  await expect(lab.flowRow('pnp.orderlyRemoval/ReportVeto')).toHaveAttribute('data-status', 'current');
  await expect(lab.flowRow('pnp.queryRemoveOne/QueryRemove')).toHaveAttribute('data-status', 'failed');
});
