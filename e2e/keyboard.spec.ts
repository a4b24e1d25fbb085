import { expect, test } from './fixtures';

test('keyboard only: add a device, plug it in, Safely Remove it, then step back through the timeline', async ({ lab }) => {
  const { page } = lab;
  const kb = page.keyboard;

  // Add a USB disk from the catalog.
  const model = page.getByLabel('Device model to add');
  await lab.tabTo(model);
  await model.selectOption('usb-disk'); // a select is operated with the keyboard by the browser; selectOption is its stand-in
  await kb.press('Tab');
  await expect(page.getByRole('button', { name: 'Add', exact: true })).toBeFocused();
  await kb.press('Enter');
  await expect(lab.device('disk2')).toBeVisible();

  // Plug it in: focus it, Enter opens its menu, Enter picks "Plug into a port…", Enter picks the first free port.
  await lab.tabTo(lab.device('disk2'));
  await kb.press('Enter');
  await expect(page.getByRole('menu', { name: 'Actions for disk2' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: /Plug into a port/ })).toBeFocused();
  await kb.press('Enter');
  await expect(page.getByRole('menu', { name: 'Plug disk2 into' })).toBeVisible();
  await kb.press('Enter');
  await expect(lab.port('usb-root-hub:1').locator('[data-device="disk2"]')).toBeVisible();
  await expect(lab.device('disk2')).toBeFocused();
  await kb.press('End');
  await expect(lab.port('usb-root-hub:1').getByText('Started')).toBeVisible();

  // Safely Remove Hardware from the device's menu, with arrows.
  await kb.press('Enter');
  const menu = page.getByRole('menu', { name: 'Actions for disk2' });
  await expect(menu).toBeVisible();
  for (let i = 0; i < 10; i++) {
    if (await menu.getByRole('menuitem', { name: /Safely Remove Hardware/ }).evaluate((el) => el === document.activeElement)) break;
    await kb.press('ArrowDown');
  }
  await kb.press('Enter');
  await expect(lab.device('disk2')).toBeFocused();
  await kb.press('End');
  await expect(lab.port('usb-root-hub:1').getByText('Safe to remove')).toBeVisible();

  // Step back with ← until the cursor is on IRP_MN_QUERY_REMOVE_DEVICE; the hardware picture goes back in time too.
  const heading = lab.details.getByRole('heading', { level: 3 });
  for (let i = 0; i < 80; i++) {
    if ((await heading.textContent()) === 'IRP_MN_QUERY_REMOVE_DEVICE') break;
    await kb.press('ArrowLeft');
  }
  await expect(heading).toHaveText('IRP_MN_QUERY_REMOVE_DEVICE');
  await expect(lab.port('usb-root-hub:1').getByText('Started')).toBeVisible();
  // the flowchart follows: the IRP's trip through the stack, with the driver the cursor is on lit
  const trip = page.getByTestId('flowchart').getByTestId('irp-trip');
  await expect(trip).toHaveAttribute('data-irp', 'IRP_MN_QUERY_REMOVE_DEVICE');
  await expect(trip.locator('[data-status="current"]')).toHaveCount(1);
  await expect(trip).toBeInViewport();
  await kb.press('Home');
  await expect(lab.bench.locator('[data-device="disk2"]')).toBeVisible();
});

test('shortcuts stay quiet while typing in a field, and ? lists them', async ({ lab }) => {
  const { page } = lab;
  await lab.plug('scanner', 'usb-root-hub:1');
  await lab.toEnd();
  const scrub = page.getByRole('slider', { name: 'Cursor position in the trace' });
  const end = await scrub.inputValue();
  await page.getByPlaceholder('Find…').focus();
  await page.keyboard.type('Evt ');
  await page.keyboard.press('Home');
  await expect(scrub).toHaveValue(end);
  await page.getByPlaceholder('Find…').fill('');
  await page.locator('body').click({ position: { x: 5, y: 700 } });
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden();
});

test('an impossible action is refused with the engine\'s reason, and nothing is lost', async ({ lab }) => {
  const { page } = lab;
  await lab.plug('scanner', 'usb-root-hub:1');
  await lab.toEnd();
  const steps = await page.getByRole('slider', { name: 'Cursor position in the trace' }).getAttribute('max');
  const menu = await lab.openMenu('scanner');
  await menu.getByRole('menuitem', { name: /Enable device|Disable device/ }).click();
  await lab.toEnd();
  const again = await lab.openMenu('scanner');
  await again.getByRole('menuitem', { name: 'Rebalance resources' }).click();
  await expect(page.getByTestId('notice')).toContainText('expected a started device');
  await expect(page.getByRole('alert')).toContainText('expected a started device');
  expect(Number(await page.getByRole('slider', { name: 'Cursor position in the trace' }).getAttribute('max'))).toBeGreaterThan(Number(steps));
});
