// The transport keys work wherever the focus is (issue 10, item 1): on a device chip after a
// keyboard plug-in, on the flowchart, on buttons; they keep their usual meaning in a text field,
// an open menu and a dialog.
import { expect, test } from './fixtures';

test('after a keyboard plug-in the focus is on the chip, and Space plays and pauses: no menu opens, nothing is pulled', async ({ lab }) => {
  const { page } = lab;
  const kb = page.keyboard;
  const scrub = page.getByRole('slider', { name: 'Cursor position in the trace' });
  const playButton = page.getByRole('toolbar', { name: 'Playback' }).getByRole('button', { name: /^(Play|Pause)$/ });

  // Plug the disk in with the keyboard: Enter opens its menu, Enter picks "Plug into a port…", Enter the first port.
  await lab.tabTo(lab.device('disk'));
  await kb.press('Enter');
  await kb.press('Enter');
  await kb.press('Enter');
  await expect(lab.port('usb-root-hub:1').locator('[data-device="disk"]')).toBeFocused();
  // Acting at the end plays the new action; pause it with Space, with the focus still on the chip.
  await expect(playButton).toHaveText('Pause');
  await kb.press(' ');
  await expect(playButton).toHaveText('Play');
  await expect(page.getByRole('menu')).toHaveCount(0);
  const paused = Number(await scrub.inputValue());
  await page.waitForTimeout(400);
  expect(Number(await scrub.inputValue())).toBe(paused);

  // Space again: playback goes on from there; still no menu, and the disk is still plugged in.
  await kb.press(' ');
  await expect(playButton).toHaveText('Pause');
  await expect.poll(async () => Number(await scrub.inputValue())).toBeGreaterThan(paused);
  await expect(page.getByRole('menu')).toHaveCount(0);
  await kb.press(' ');
  await expect(playButton).toHaveText('Play');
  await expect(lab.port('usb-root-hub:1').locator('[data-device="disk"]')).toBeFocused();

  // The arrows, Home and End move the cursor with the focus on the chip too.
  const at = Number(await scrub.inputValue());
  await kb.press('ArrowLeft');
  await expect(scrub).toHaveValue(String(at - 1));
  await kb.press('ArrowRight');
  await expect(scrub).toHaveValue(String(at));
  await kb.press('End');
  await expect(scrub).toHaveValue(await scrub.getAttribute('max') ?? '');
  await kb.press('Home');
  await expect(scrub).toHaveValue('0');
  await expect(page.getByRole('menu')).toHaveCount(0);
  // Enter still opens the chip's menu, and there Space keeps its meaning (it picks the item under the focus).
  await kb.press('End');
  await kb.press('Enter');
  const menu = page.getByRole('menu', { name: 'Actions for disk' });
  await expect(menu).toBeVisible();
  await kb.press('Escape');
  await expect(menu).toBeHidden();
});

test('Space plays and pauses with the focus on the flowchart or on a toolbar button, and types a space in a field', async ({ lab }) => {
  const { page } = lab;
  const playButton = page.getByRole('toolbar', { name: 'Playback' }).getByRole('button', { name: /^(Play|Pause)$/ });
  await lab.plug('scanner', 'usb-root-hub:1');
  await lab.toEnd();
  await page.getByRole('button', { name: 'Jump to start' }).click();
  await expect(playButton).toHaveText('Play');

  // a click on the flowchart's background, then Space: React Flow's own Space (pan) is off
  const chart = page.getByTestId('flowchart');
  const box = (await chart.boundingBox())!;
  await page.mouse.click(box.x + box.width - 30, box.y + 30);
  await page.keyboard.press(' ');
  await expect(playButton).toHaveText('Pause');
  await page.keyboard.press(' ');
  await expect(playButton).toHaveText('Play');

  // the focus on the Share button: Space plays instead of opening the Share menu
  await page.getByRole('button', { name: 'Share' }).focus();
  await page.keyboard.press(' ');
  await expect(playButton).toHaveText('Pause');
  await expect(page.getByRole('menu', { name: 'Share' })).toHaveCount(0);
  await page.keyboard.press(' ');
  await expect(playButton).toHaveText('Play');

  // in a text field Space is a space
  const find = page.getByPlaceholder('Find…');
  await find.focus();
  await page.keyboard.type('Evt D');
  await expect(find).toHaveValue('Evt D');
  await expect(playButton).toHaveText('Play');
});

test('End while playing stops playback at the end at once: Home right after leaves the lab stopped, and Play starts it from there', async ({ lab }) => {
  const { page } = lab;
  const kb = page.keyboard;
  const scrub = page.getByRole('slider', { name: 'Cursor position in the trace' });
  const playButton = page.getByRole('toolbar', { name: 'Playback' }).getByRole('button', { name: /^(Play|Pause)$/ });
  await lab.plug('scanner', 'usb-root-hub:1');
  await page.getByLabel('Speed').selectOption('2');
  // the lab plays the plug; End and Home in quick succession, as a lecturer skims to the end and back
  await expect(playButton).toHaveText('Pause');
  await page.getByRole('heading', { level: 1, name: 'PnP Lab' }).click();
  for (let round = 0; round < 3; round++) {
    if ((await playButton.textContent()) !== 'Pause') await playButton.click();
    await expect(playButton).toHaveText('Pause');
    await kb.press('End');
    await kb.press('Home');
    await expect(playButton).toHaveText('Play');
    await page.waitForTimeout(600);
    await expect(scrub).toHaveValue('0');
    await expect(playButton).toHaveText('Play');
  }
  // Play starts it from the start
  await playButton.click();
  await expect(playButton).toHaveText('Pause');
  await expect.poll(async () => Number(await scrub.inputValue())).toBeGreaterThan(0);
});
