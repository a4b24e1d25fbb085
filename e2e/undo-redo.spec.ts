import { expect, test } from './fixtures';

test('Redo beside Undo: the button and Ctrl+Shift+Z / Ctrl+Y bring back what Undo took back, until something new is done', async ({ lab }) => {
  const { page } = lab;
  const kb = page.keyboard;
  const undo = page.getByRole('button', { name: 'Undo', exact: true });
  const redo = page.getByRole('button', { name: 'Redo', exact: true });
  const diskPlugged = lab.port('usb-root-hub:2').locator('[data-device="disk"]');
  const diskOnBench = lab.bench.locator('[data-device="disk"]');
  await expect(redo).toBeDisabled();

  await lab.plug('scanner', 'usb-root-hub:1');
  await lab.plug('disk', 'usb-root-hub:2');
  await lab.toEnd();

  // the button: the disk goes back to the bench, and Redo plugs it in again
  await undo.click();
  await expect(diskOnBench).toBeVisible();
  await expect(redo).toBeEnabled();
  await redo.click();
  await expect(page.getByTestId('notice')).toContainText('Redone.');
  await expect(diskPlugged).toBeVisible();
  await expect(redo).toBeDisabled();

  // the keys, wherever the focus is (here on the Redo button the click left it on)
  await kb.press('Control+z');
  await expect(diskOnBench).toBeVisible();
  await kb.press('Control+z');
  await expect(lab.bench.locator('[data-device="scanner"]')).toBeVisible();
  await kb.press('Control+Shift+Z');
  await expect(lab.port('usb-root-hub:1').locator('[data-device="scanner"]')).toBeVisible();
  await expect(diskOnBench).toBeVisible();
  await kb.press('Control+y');
  await expect(diskPlugged).toBeVisible();

  // something new forgets what was undone
  await kb.press('Control+z');
  await expect(diskOnBench).toBeVisible();
  await expect(redo).toBeEnabled();
  await lab.plug('disk', 'usb-root-hub:3');
  await expect(redo).toBeDisabled();
  await kb.press('Control+Shift+Z');
  await expect(lab.port('usb-root-hub:3').locator('[data-device="disk"]')).toBeVisible();
  await expect(diskPlugged).toHaveCount(0);

  // the ? dialog lists it
  await page.locator('body').click({ position: { x: 5, y: 700 } });
  await kb.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  const row = dialog.getByRole('row').filter({ hasText: 'Redo what Undo took back' });
  await expect(row).toBeVisible();
  await expect(row.locator('kbd')).toHaveText(['Ctrl', 'Shift', 'Z']);
  await expect(row).toContainText('Ctrl+Y');
});
