import { expect, test } from './fixtures';

test('the primer opens from a lesson\'s words with the keyboard, reads an entry, moves to another, and gives the focus back on Escape', async ({ lab }) => {
  const { page } = lab;
  const lessons = page.getByRole('button', { name: 'Lessons' });
  await lab.tabTo(lessons);
  await page.keyboard.press('Enter');
  const panel = page.getByTestId('lesson-panel');
  await panel.getByLabel('Choose a lesson').selectOption('a-device-starts');
  await expect(panel.getByRole('heading', { name: /A device starts/ })).toBeVisible();

  const irp = panel.getByRole('group', { name: 'Primer' }).getByRole('button', { name: 'IRP' });
  await lab.tabTo(irp);
  await page.keyboard.press('Enter');
  const primer = page.getByRole('dialog', { name: 'Primer' });
  await expect(primer).toBeVisible();
  const entry = primer.getByTestId('primer-entry');
  // the reader starts at the entry itself, and the entry says where the work of a start IRP is done
  await expect(entry.getByRole('heading', { name: 'IRP: the I/O request packet' })).toBeFocused();
  await expect(entry).toContainText('the bus driver works first, the top driver last');
  await expect(entry.getByRole('link', { name: /I\/O request packets/ })).toHaveAttribute('href', 'https://learn.microsoft.com/windows-hardware/drivers/gettingstarted/i-o-request-packets');

  // another entry, from the primer's own index, by keyboard
  const states = primer.getByRole('navigation', { name: 'Primer entries' }).getByRole('button', { name: 'Devnode states' });
  await lab.tabTo(states);
  await page.keyboard.press('Enter');
  await expect(entry.getByRole('heading', { name: 'Devnode states' })).toBeVisible();
  await expect(entry).toContainText('are the lab\'s labels');
  await expect(states).toHaveAttribute('aria-current', 'true');

  await page.keyboard.press('Escape');
  await expect(primer).toHaveCount(0);
  await expect(irp).toBeFocused();
});

test('the primer opens from a timeline word: the event under the cursor, with G or the details\' button, offers each of its words', async ({ lab }) => {
  const { page } = lab;
  await lab.plug('disk', 'usb-root-hub:1');
  await lab.toEnd();
  await lab.find('IRP_MN_START_DEVICE');
  // keyboard only from here: into the timeline, onto the first start IRP
  const list = page.getByRole('listbox', { name: 'Trace events' });
  await lab.tabTo(list);
  await page.keyboard.press('Home'); // the cursor to the start: the next event shown is the first start IRP
  await page.keyboard.press('ArrowDown');
  await expect(lab.details.getByRole('heading', { level: 3 })).toHaveText('IRP_MN_START_DEVICE');

  await page.keyboard.press('g');
  const primer = page.getByRole('dialog', { name: 'Primer' });
  const entry = primer.getByTestId('primer-entry');
  await expect(entry.getByRole('heading', { level: 3 })).toHaveText('IRP: the I/O request packet');
  const words = primer.getByRole('group', { name: 'Words of the event under the cursor' });
  await expect(words).toContainText('IRP_MN_START_DEVICE');
  // the first start IRP event is at the top of the stack, on its way down: the function driver's
  await expect(words.getByRole('button')).toHaveText([/^IRP_MN_START_DEVICE · IRP$/, /^function · PDO, FDO/, /^device stack · Device node/]);
  await expect(words.getByRole('button', { name: /^IRP_MN_START_DEVICE/ })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Escape');
  await expect(primer).toHaveCount(0);

  // the same from the Selected event panel's button, then the event's layer leads to the device objects' entry
  await lab.tabTo(lab.details.getByRole('button', { name: 'Explain this event in the primer' }));
  await page.keyboard.press('Enter');
  await expect(entry.getByRole('heading', { level: 3 })).toHaveText('IRP: the I/O request packet');
  await lab.tabTo(words.getByRole('button', { name: /^function/ }));
  await page.keyboard.press('Enter');
  await expect(entry.getByRole('heading', { level: 3 })).toHaveText('PDO, FDO, filter DOs and the bus driver');
  await expect(entry).toContainText('the PDO is always the bottom of the device\'s stack');
});

test('in presenter mode at 1280×720 the primer is large enough to project, and every entry fits on one screen', async ({ lab }) => {
  const { page } = lab;
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByRole('button', { name: 'Presenter mode' }).click();
  await page.keyboard.press('Home');
  await page.keyboard.press('g'); // at the start nothing is under the cursor: the primer opens at its first entry
  const primer = page.getByRole('dialog', { name: 'Primer' });
  const entry = primer.getByTestId('primer-entry');
  await expect(entry.getByRole('heading', { level: 3 })).toHaveText('IRP: the I/O request packet');
  const size = await entry.locator('p').first().evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
  expect(size).toBeGreaterThanOrEqual(19); // 1rem at the presenter's 125 %
  const box = (await primer.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(720);
  const index = primer.getByRole('navigation', { name: 'Primer entries' }).getByRole('button');
  const n = await index.count();
  expect(n).toBe(16);
  for (let i = 0; i < n; i++) {
    await index.nth(i).click();
    await expect(index.nth(i)).toHaveAttribute('aria-current', 'true');
    // the dialog's body does not scroll: the whole entry, "Read next" included, is on the screen
    const overflow = await primer.evaluate((d) => { const body = d.querySelector('.overflow-auto')!; return body.scrollHeight - body.clientHeight; });
    expect(overflow, await index.nth(i).textContent() ?? '').toBeLessThanOrEqual(4);
    await expect(entry.getByText('Read next:')).toBeInViewport();
  }
});
