import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';

test('a learner takes the first lesson: plugs the disk in, answers before the next call is shown, reaches the goal, and keeps the progress after a reload', async ({ lab }) => {
  const { page } = lab;
  await page.getByRole('button', { name: 'Lessons' }).click();
  const panel = page.getByTestId('lesson-panel');
  await expect(panel.getByText('You are in the sandbox')).toBeVisible();
  await panel.getByLabel('Choose a lesson').selectOption('a-device-starts');
  await expect(panel.getByRole('heading', { name: /A device starts/ })).toBeVisible();
  await expect(panel.getByRole('link', { name: /A user plugs in a device/i })).toHaveAttribute('href', /learn\.microsoft\.com/);
  await expect(lab.device('disk2')).toBeVisible(); // the lesson's prepared scenario

  await page.getByLabel('Speed').selectOption('100');
  await lab.plug('disk', 'usb-root-hub:1');

  // The playback holds at the question: the bus driver has done its start work, the next driver's is not shown yet.
  const question = panel.getByTestId('lesson-question');
  await expect(question).toContainText('Whose EvtDevicePrepareHardware runs next?');
  const slider = page.getByRole('slider', { name: 'Cursor position in the trace' });
  const held = await slider.inputValue();
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(slider).toHaveValue(held);
  await expect(question.getByText('The playback waits here until you answer.')).toBeVisible();

  await question.getByLabel('lower-filter').check();
  await question.getByRole('button', { name: 'Answer' }).click();
  await expect(panel.getByTestId('lesson-feedback')).toContainText('Right.');
  await panel.getByRole('button', { name: 'Continue playback' }).click();

  // The second question: a wrong answer is shown with what the trace really did.
  await expect(panel.getByTestId('lesson-question')).toContainText('Which SimDisk callback comes next?');
  await panel.getByLabel('EvtDeviceSelfManagedIoInit').check();
  await panel.getByRole('button', { name: 'Answer' }).click();
  await expect(panel.getByTestId('lesson-feedback')).toContainText('Not this time.');
  await expect(panel.getByTestId('lesson-feedback')).toContainText('the trace shows EvtDeviceD0Entry');

  await lab.toEnd();
  await panel.getByRole('button', { name: 'Check' }).click();
  await expect(panel.getByTestId('lesson-check')).toContainText('Goal reached.');
  await expect(panel.getByTestId('lesson-progress')).toHaveText('1 of 3 tasks done');

  // A reload keeps the progress, the lesson and its lab (the address holds the lab: docs/ui.md).
  await page.reload();
  await expect(panel.getByTestId('lesson-progress')).toHaveText('1 of 3 tasks done');
  await expect(lab.device('disk2')).toBeVisible();
  await expect(lab.port('usb-root-hub:1').locator('[data-device="disk"]')).toBeVisible();
  await expect(panel.getByText('The lab holds another scenario than this lesson\'s.')).toHaveCount(0);
});

test('a task that is not done says what is missing; hints come one at a time; the solution needs a confirmation', async ({ lab }) => {
  const { page } = lab;
  await page.getByRole('button', { name: 'Lessons' }).click();
  const panel = page.getByTestId('lesson-panel');
  await panel.getByLabel('Choose a lesson').selectOption('asking-before-stopping');
  await panel.getByRole('button', { name: 'Check' }).click();
  await expect(panel.getByTestId('lesson-check')).toContainText('Not yet.');

  await panel.getByRole('button', { name: /Show a hint/ }).click();
  await expect(panel.getByText('WdfDeviceSetStaticStopRemove(device, FALSE)', { exact: false }).last()).toBeVisible();
  await expect(panel.getByRole('button', { name: /Next hint\s*\(1\/3\)/ })).toBeVisible();

  await panel.getByRole('button', { name: 'Show the solution…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Show the solution?' });
  await confirm.getByRole('button', { name: 'Keep trying' }).click();
  await expect(panel.getByTestId('lesson-solution')).toHaveCount(0);

  // Do it by hand: the disk's driver refuses stop and remove (WdfDeviceSetStaticStopRemove), then Safely Remove.
  const menu = await lab.openMenu('disk');
  await menu.getByRole('menuitem', { name: /Driver settings/ }).click();
  const drawer = page.getByRole('complementary', { name: 'Settings: disk' });
  await drawer.getByLabel(/WdfDeviceSetStaticStopRemove/).fill('1');
  await drawer.getByRole('button', { name: 'Close' }).click();
  await lab.toEnd();
  const actions = await lab.openMenu('disk');
  await actions.getByRole('menuitem', { name: /Safely Remove Hardware/ }).click();
  // the lesson's question on the way holds the cursor (End is refused there) until it is answered
  await page.getByRole('button', { name: 'Jump to end' }).click();
  await expect(page.getByTestId('gate-note')).toContainText('Answer the question first');
  await panel.getByTestId('lesson-question').getByLabel('STATUS_INVALID_DEVICE_STATE').check();
  await panel.getByTestId('lesson-question').getByRole('button', { name: 'Answer' }).click();
  await lab.toEnd();
  await panel.getByRole('button', { name: 'Check' }).click();
  await expect(panel.getByTestId('lesson-check')).toContainText('Goal reached.');
});

test('lesson progress exports to a file and imports back; a broken progress file is refused with a message', async ({ lab }) => {
  const { page } = lab;
  await page.getByRole('button', { name: 'Lessons' }).click();
  const panel = page.getByTestId('lesson-panel');
  await panel.getByLabel('Choose a lesson').selectOption('a-device-starts');
  await panel.getByRole('button', { name: 'Show the solution…' }).click();
  await page.getByRole('dialog', { name: 'Show the solution?' }).getByRole('button', { name: 'Show the solution' }).click();
  // the button that opened the dialog is gone: the focus goes to the solution, not to the page's start
  await expect(panel.getByTestId('lesson-solution')).toBeFocused();
  await panel.getByRole('button', { name: 'Run the solution in the lab' }).click();
  await expect(panel.getByTestId('lesson-solution-status')).toHaveText(/^The solution is in the lab \(\d+ events\)\. Play or step through it, then press Check\.$/);
  await panel.getByRole('button', { name: 'Check' }).click();
  await expect(panel.getByTestId('lesson-progress')).toHaveText('1 of 3 tasks done');

  const download = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Export progress' }).click();
  const file = await (await download).path();
  const saved = await readFile(file, 'utf8');
  expect(JSON.parse(saved).lessons['a-device-starts'].tasks['plug-in'].done).toBe(true);

  await panel.getByRole('button', { name: 'Reset this lesson…' }).click();
  await page.getByRole('dialog', { name: 'Reset this lesson?' }).getByRole('button', { name: 'Reset' }).click();
  await expect(panel.getByTestId('lesson-progress')).toHaveText('0 of 3 tasks done');

  await panel.getByLabel('Import a lesson progress file').setInputFiles({ name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from(saved) });
  await expect(panel.getByTestId('lesson-progress')).toHaveText('1 of 3 tasks done');

  await panel.getByLabel('Import a lesson progress file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "pnp-lab-lesson-progress", "version": 1, "lessons": 7}') });
  await expect(panel.getByTestId('lesson-notice')).toContainText('lessons');
  await expect(panel.getByTestId('lesson-progress')).toHaveText('1 of 3 tasks done');
});

test('every lesson can be finished in the browser: each task\'s solution, run in the lab, reaches its goal', async ({ lab }) => {
  test.setTimeout(480_000); // ten lessons, 36 tasks
  const { page } = lab;
  await page.getByRole('button', { name: 'Lessons' }).click();
  const panel = page.getByTestId('lesson-panel');
  const picker = panel.getByLabel('Choose a lesson');
  await expect(picker).toBeVisible();
  const ids = (await picker.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).filter((v) => v !== '');
  expect(ids.length).toBeGreaterThanOrEqual(10);
  for (const id of ids) {
    await lab.pickLesson(id); // in place before its tasks are counted
    const tasks = panel.getByRole('navigation', { name: 'Tasks' }).getByRole('button');
    const n = await tasks.count();
    for (let i = 0; i < n; i++) {
      await tasks.nth(i).click();
      await panel.getByRole('button', { name: 'Show the solution…' }).click();
      await page.getByRole('dialog', { name: 'Show the solution?' }).getByRole('button', { name: 'Show the solution' }).click();
      await panel.getByRole('button', { name: 'Run the solution in the lab' }).click();
      await expect(panel.getByTestId('lesson-solution-status')).toContainText('The solution is in the lab');
      await panel.getByRole('button', { name: 'Check' }).click();
      await expect(panel.getByTestId('lesson-check'), `${id}, task ${i + 1}`).toContainText('Goal reached.');
    }
    await expect(panel.getByTestId('lesson-progress')).toHaveText(`${n} of ${n} tasks done · lesson completed`);
  }
  // the picker marks every lesson completed
  await expect(picker.locator('option:checked')).toHaveText(/^✓ /);
});
