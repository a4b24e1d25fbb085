/**
 * The Driver source panel, as a person uses it: step to a callback and read its function in the driver's source,
 * lit with the line it returns on and the IRP that led there; change the return statement in place and see what
 * the driver now does (a veto); the same from the keyboard alone; and in an embed (`panels=source`).
 */
import { expect, test, type Lab } from './fixtures';

const SCENARIO = {
  seed: 1,
  devices: [{ id: 'disk', model: 'usb-disk', filters: { upper: 1 } }],
  steps: [
    { action: 'plug', device: 'disk', port: 'usb-root-hub:2' },
    { action: 'safeRemove', device: 'disk' },
  ],
};
const hash = (s: unknown = SCENARIO) => '#scenario=' + Buffer.from(JSON.stringify(s)).toString('base64url');

/** Clicks the timeline row of the function driver's EvtDeviceQueryRemove (SimDisk's, after the upper filter's). */
async function stepToQueryRemove(lab: Lab): Promise<void> {
  await lab.toEnd();
  await lab.find('EvtDeviceQueryRemove');
  await lab.timelineOption(/EvtDeviceQueryRemove/).last().click();
  await lab.find('');
}

test('step to EvtDeviceQueryRemove: its function is lit in Driver source, with the IRP that led there and the line it returns on', async ({ lab }) => {
  const { page } = lab;
  await lab.openLink(SCENARIO); // waits until the link's lab replaced the default one
  await stepToQueryRemove(lab);
  await page.getByRole('tab', { name: 'Driver source' }).click();

  const source = page.getByRole('region', { name: 'Driver source' });
  await expect(source.getByRole('heading', { name: 'SimDevice.c' })).toBeVisible();
  await expect(source.getByTestId('source-running')).toHaveText(/^IRP_MN_QUERY_REMOVE_DEVICE \(down\) → SimEvtDeviceQueryRemove, returns on line \d+$/);
  await expect(source.getByTestId('source-context')).toHaveText('as SimDisk for disk, function driver');
  const returning = source.locator('[data-active="true"]').filter({ hasText: 'return STATUS_SUCCESS;' });
  await expect(returning).toBeVisible();
  await expect(returning).toContainText('returns here');

  // the upper filter's callback runs SimFilter.c
  await lab.find('EvtDeviceQueryRemove');
  await lab.timelineOption(/EvtDeviceQueryRemove/).first().click();
  await expect(source.getByRole('heading', { name: 'SimFilter.c' })).toBeVisible();
  await expect(source.getByTestId('source-context')).toHaveText('as SimUpperFilter1 for disk, upper filters');
});

test('change EvtDeviceQueryRemove\'s return to fail in the source: the lab re-runs and Safely Remove is vetoed', async ({ lab }) => {
  const { page } = lab;
  await lab.openLink(SCENARIO); // waits until the link's lab replaced the default one
  await stepToQueryRemove(lab);
  await page.getByRole('tab', { name: 'Driver source' }).click();
  const source = page.getByRole('region', { name: 'Driver source' });
  await expect(lab.timelineOption(/PNP_VetoDevice/)).toHaveCount(0);

  await source.getByLabel('EvtDeviceQueryRemove of disk (function driver) returns').selectOption('fail');

  // the return statement now fails, on the line the function returns on
  const line = source.locator('[data-active="true"][data-setting="fails"]');
  await expect(line).toContainText('return STATUS_UNSUCCESSFUL;');
  await expect(line).toContainText('returns here: set to fail');
  await expect(source.getByTestId('source-running')).toContainText('returns on line');
  // and the lab ran again with it: the removal is vetoed by SimDisk
  await lab.toEnd();
  await expect(lab.timelineOption(/PNP_VetoDevice/)).toBeVisible();
  await expect(lab.details).toContainText('SimDisk');
  // the settings drawer shows the same setting
  const menu = await lab.openMenu('disk');
  await menu.getByRole('menuitem', { name: /Driver settings/ }).click();
  await expect(page.getByRole('complementary', { name: 'Settings: disk' }).getByLabel('EvtDeviceQueryRemove')).toHaveValue('fail');
});

test('keyboard alone: the view tabs, the code region and the return control of the running function are reachable', async ({ lab }) => {
  test.setTimeout(60_000); // many key presses, each a round trip: slow when the machine is loaded
  const { page } = lab;
  await lab.openLink(SCENARIO); // waits until the link's lab replaced the default one
  await stepToQueryRemove(lab);
  const flowTab = page.getByRole('tab', { name: 'Flowchart' });
  await lab.tabTo(flowTab);
  await page.keyboard.press('ArrowRight');
  const sourceTab = page.getByRole('tab', { name: 'Driver source' });
  await expect(sourceTab).toBeFocused();
  await expect(sourceTab).toHaveAttribute('aria-selected', 'true');
  const code = page.getByRole('region', { name: 'SimDevice.c source code' });
  await lab.tabTo(code);
  await expect(code).toBeFocused();
  // the control of the function at the cursor is the next stop after the code (the others are for the mouse)
  const control = page.getByLabel('EvtDeviceQueryRemove of disk (function driver) returns');
  await page.keyboard.press('Tab');
  await expect(control).toBeFocused();
  await control.selectOption('hang');
  await expect(page.getByRole('region', { name: 'Driver source' }).getByTestId('source-running')).toContainText('never returns (set to hang)');
});

test('embedded with panels=source, the Driver source is a panel of its own', async ({ lab }) => {
  const { page } = lab;
  await page.goto(`./?embed=1&panels=source,timeline&scenario=${encodeURIComponent(hash())}`);
  await stepToQueryRemove(lab);
  const source = page.getByRole('region', { name: 'Driver source' });
  await expect(source.getByTestId('source-running')).toContainText('SimEvtDeviceQueryRemove');
});
