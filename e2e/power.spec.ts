import { expect, test } from './fixtures';

test('idle and wake a device from its keys, then shut the machine down: nothing can follow', async ({ lab }) => {
  test.setTimeout(90_000);
  const { page } = lab;
  const kb = page.keyboard;
  await lab.plug('disk', 'usb-root-hub:2');
  await lab.toEnd();

  // I lets the disk idle: the function driver arms wake and goes to D3.
  await lab.device('disk').focus();
  await kb.press('i');
  await lab.toEnd();
  await lab.find('IRP_MN_SET_POWER');
  await expect(lab.timelineOption(/IRP_MN_SET_POWER/).first()).toBeVisible();
  await lab.find('');
  const menu = await lab.openMenu('disk');
  await expect(menu.getByRole('menuitem', { name: /Wake it up/ })).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: /Let it idle/ })).toHaveCount(0);
  await kb.press('Escape');

  // W wakes it: WdfDeviceIndicateWakeStatus, then D0.
  await lab.device('disk').focus();
  await kb.press('w');
  await lab.toEnd();
  await lab.find('WdfDeviceIndicateWakeStatus');
  await expect(lab.timelineOption(/WdfDeviceIndicateWakeStatus/)).toBeVisible();
  await lab.find('');

  // Shut down: every started device gets D0Exit(WdfPowerDeviceD3Final); the run ends there.
  const shutdown = page.getByRole('button', { name: 'Shut down' });
  await shutdown.click();
  await lab.toEnd();
  await expect(page.getByText('The machine shut down')).toBeVisible();
  await expect(shutdown).toBeDisabled();
  await lab.find('D0Exit');
  await lab.timelineOption(/EvtDeviceD0Exit$/).last().click();
  await expect(lab.details.getByText('WdfPowerDeviceD3Final')).toBeVisible();
  await lab.toEnd();

  // Anything after it is refused with the engine's reason; Undo takes the shutdown back.
  const again = await lab.openMenu('disk');
  await again.getByRole('menuitem', { name: /Pull the cable/ }).click();
  await expect(page.getByTestId('notice')).toContainText('the machine has shut down');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(shutdown).toBeEnabled();
  await expect(page.getByText('The machine shut down')).toBeHidden();
});
