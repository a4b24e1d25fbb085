import { expect, test } from './fixtures';

test.use({ viewport: { width: 1280, height: 720 } });

test('at a lesson\'s question nothing after it is shown, and seeking past it is refused until it is answered', async ({ lab }) => {
  const { page } = lab;
  await page.getByRole('button', { name: 'Lessons' }).click();
  const panel = page.getByTestId('lesson-panel');
  await lab.pickLesson('a-device-starts');
  await page.getByLabel('Speed').selectOption('100');
  await lab.plug('disk', 'usb-root-hub:1');

  const question = panel.getByTestId('lesson-question');
  await expect(question).toContainText('Whose EvtDevicePrepareHardware runs next?');
  const slider = page.getByRole('slider', { name: 'Cursor position in the trace' });
  const held = Number(await slider.inputValue());

  // The scrubber ends at the question; the timeline lists nothing after it (not even greyed).
  await expect(slider).toHaveAttribute('max', String(held));
  const list = page.getByRole('listbox', { name: 'Trace events' });
  const seqs = (await list.getByRole('option').allTextContents()).map((t) => Number(/^\s*(\d+)/.exec(t)?.[1]));
  expect(Math.max(...seqs)).toBe(held);
  await expect(list.getByRole('option', { selected: true })).toContainText('EvtDeviceD0Entry');
  await expect(page.getByTestId('timeline-gate')).toBeVisible();
  // The details show the question's event (the bus driver's EvtDeviceD0Entry); in the flowchart only the
  // bus driver has reached EvtDevicePrepareHardware: no driver above it has started its start work.
  await expect(lab.details.getByRole('heading', { level: 3 })).toHaveText('EvtDeviceD0Entry');
  await expect(page.locator('[data-testid="flowchart"] [data-row="kmdf.start/PrepareHardware"]:not([data-status="idle"])')).toHaveCount(1);

  // End (the key and the button) is refused with a short message; the cursor stays at the question.
  await page.locator('body').press('End');
  await expect(page.getByTestId('gate-note')).toContainText('Answer the question first');
  await expect(slider).toHaveValue(String(held));
  await page.getByRole('button', { name: 'Jump to end' }).click();
  await expect(slider).toHaveValue(String(held));
  // Play has nothing to play here either, and says why
  await page.getByRole('button', { name: 'Dismiss message' }).last().click();
  await expect(page.getByTestId('gate-note')).toHaveCount(0);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.getByTestId('gate-note')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  await expect(slider).toHaveValue(String(held));

  // Answered: the message goes, and the events after the question can be reached.
  await question.getByLabel('lower-filter').check();
  await question.getByRole('button', { name: 'Answer' }).click();
  await expect(page.getByTestId('gate-note')).toHaveCount(0);
  for (let i = 0; i < 12; i++) await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(page.locator('[data-testid="flowchart"] [data-row^="kmdf.start/"]:not([data-status="idle"])').first()).toBeVisible();
  expect(Number(await slider.inputValue())).toBeGreaterThan(held);
});
