import { expect, test } from './fixtures';

test.use({ viewport: { width: 1280, height: 720 } });

test('a pulled hub goes to the bench with its devices still on its ports, unpowered and not present; plugged back, they start again', async ({ lab }) => {
  test.setTimeout(90_000); // five drags and the runs they start: ~15 s alone, over 30 s on a loaded machine
  const { page } = lab;
  await lab.plug('hub', 'usb-root-hub:1');
  await lab.toEnd();
  await lab.plug('disk', 'hub:1');
  await lab.plug('scanner', 'hub:2');
  await lab.toEnd();

  // Drag the hub off its port onto the bench: its cable is pulled.
  await lab.drag(lab.device('hub'), lab.bench);
  await lab.toEnd();
  const onBench = lab.bench.locator('[data-bench-hub="hub"]');
  await expect(onBench).toBeVisible();
  for (const id of ['disk', 'scanner']) {
    const chip = onBench.locator(`[data-device="${id}"]`);
    await expect(chip).toBeVisible();
    await expect(chip).toContainText('Unpowered');
  }
  await expect(onBench.locator('[data-unpowered-port="hub:1"] [data-device="disk"]')).toBeVisible();
  await expect(onBench.locator('[data-unpowered-port="hub:2"] [data-device="scanner"]')).toBeVisible();
  const ports = onBench.getByRole('group', { name: /Ports of hub hub \(no power/ });
  expect(await ports.evaluate((el) => getComputedStyle(el).filter)).toContain('grayscale');
  // their ports take no device while the hub has no power
  await expect(page.locator('[data-port="hub:3"]')).toHaveCount(0);

  const tree = await lab.sideTab('Device Manager');
  const absent = tree.getByTestId('not-present');
  await expect(absent.locator('[data-absent="disk"]')).toContainText('not present');
  await expect(absent.locator('[data-absent="scanner"]')).toContainText('not present');
  await expect(absent.locator('[data-absent="hub"] [data-absent="disk"]')).toBeVisible();

  // Plug the hub back in: the devices on it are enumerated and started again.
  await lab.drag(lab.device('hub'), lab.port('usb-root-hub:3'));
  await lab.toEnd();
  await expect(lab.port('hub:1').locator('[data-device="disk"]')).toContainText('Started');
  await expect(lab.port('hub:2').locator('[data-device="scanner"]')).toContainText('Started');
  await expect(lab.port('usb-root-hub:3').locator('[data-device="hub"]')).toBeVisible();
  await expect(tree.getByTestId('not-present')).toHaveCount(0);
  await expect(tree.getByText('disk', { exact: true })).toBeVisible();
});
