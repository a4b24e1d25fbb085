/**
 * IRPs that travel (docs/trace-format.md): stepping through IRP_MN_START_DEVICE at 1280×720, the flowchart shows the
 * IRP going down the stack driver by driver (left column of its trip), turning at the bus driver, and its completion
 * coming back up (right column), each driver's start work in its lane after its box on the way up
 * (kernel/starting-a-device.md); the timeline marks each IRP event ↓ or ↑.
 */
import { expect, test } from './fixtures';

test.use({ viewport: { width: 1280, height: 720 } });

const DISK = {
  title: 'A disk with two filters',
  seed: 1,
  devices: [{ id: 'disk', model: 'usb-disk', filters: { lower: 1, upper: 1 } }],
  steps: [],
};


test('stepping through IRP_MN_START_DEVICE: down upper filter → function → lower filter → bus, then back up bus → lower filter → function → upper filter', async ({ lab }) => {
  const { page } = lab;
  await lab.openFile('disk.json', DISK);
  await lab.plug('disk', 'usb-root-hub:1');
  await lab.toEnd();

  // the first START event: the IRP reaches the upper filter on its way down
  await lab.find('IRP_MN_START_DEVICE');
  const starts = lab.timelineOption(/IRP_MN_START_DEVICE/);
  await expect(starts).toHaveCount(7);
  await expect(starts.locator('[data-pass]')).toHaveText(['↓down:', '↓down:', '↓down:', '↓down:', '↑up:', '↑up:', '↑up:'].map((t) => t.replace(':', ': ')));
  await starts.first().click();
  await lab.find('');

  const trip = page.getByTestId('flowchart').getByTestId('irp-trip');
  await expect(trip).toBeVisible();
  await expect(trip).toHaveAttribute('data-irp', 'IRP_MN_START_DEVICE');
  await expect(trip).toBeInViewport({ ratio: 0.99 });

  // step forward like a person (the transport's button): at each START event the trip shows the IRP at that driver
  const stops = [['down', 'upper-filter'], ['down', 'function'], ['down', 'lower-filter'], ['down', 'bus'], ['up', 'lower-filter'], ['up', 'function'], ['up', 'upper-filter']];
  const selected = page.getByRole('listbox', { name: 'Trace events' }).getByRole('option', { selected: true });
  const forward = page.getByRole('button', { name: 'Step forward' });
  let stop = 0;
  for (let i = 0; i < 40 && stop < stops.length; i++) {
    if ((await selected.textContent())?.includes('IRP_MN_START_DEVICE')) {
      const [side, hop] = stops[stop++];
      await expect(trip.locator(`[data-hop="${hop}"] [data-side="${side}"]`)).toHaveAttribute('data-status', 'current');
      await expect(trip.locator('[data-status="current"]')).toHaveCount(1);
      // the whole trip stays on screen while the IRP travels
      await expect(trip).toBeInViewport({ ratio: 0.99 });
    }
    await forward.click();
  }
  expect(stop).toBe(stops.length);

  // at the end every arrow of the way down and of the way back up is lit, and the PnP manager has its answer
  await lab.find('Started');
  await lab.timelineOption(/^\s*\d+\s*STATE\s*Started/).first().click();
  await lab.find('');
  await expect(trip.locator('[data-arrow^="down-"][data-taken="true"]')).toHaveCount(4);
  await expect(trip.locator('[data-arrow^="up-"][data-taken="true"]')).toHaveCount(4);
  await expect(trip.getByTestId('irp-trip-manager')).toContainText('STATUS_SUCCESS');
  await expect(trip.locator('[data-turn]')).toHaveAttribute('data-hop', 'bus');
});

test('a vetoed query-remove turns back at the function driver: the drivers below are never reached, the failure goes back up', async ({ lab }) => {
  const { page } = lab;
  await lab.openFile('disk.json', { ...DISK, devices: [{ ...DISK.devices[0], callbacks: { EvtDeviceQueryRemove: 'fail' } }], steps: [{ action: 'plug', device: 'disk', port: 'usb-root-hub:1' }, { action: 'safeRemove', device: 'disk' }] });
  await lab.toEnd();
  await lab.find('IRP_MN_QUERY_REMOVE_DEVICE');
  await lab.timelineOption(/IRP_MN_QUERY_REMOVE_DEVICE/).last().click();
  await lab.find('');
  const trip = page.getByTestId('flowchart').getByTestId('irp-trip');
  await expect(trip).toHaveAttribute('data-irp', 'IRP_MN_QUERY_REMOVE_DEVICE');
  await expect(trip.locator('[data-hop="function"] [data-side="down"]')).toContainText('STATUS_UNSUCCESSFUL');
  await expect(trip.locator('[data-turn]')).toHaveAttribute('data-hop', 'function');
  for (const hop of ['lower-filter', 'bus']) await expect(trip.locator(`[data-hop="${hop}"] [data-side="down"]`)).toHaveText(/never reached/);
  await expect(trip.locator('[data-hop="upper-filter"] [data-side="up"]')).toHaveAttribute('data-status', 'current');
  await expect(trip.locator('[data-hop="upper-filter"] [data-side="up"]')).toContainText('STATUS_UNSUCCESSFUL');
  // the event details say which way it was going
  await expect(lab.details.getByTestId('event-pass')).toContainText('came back up');
});
