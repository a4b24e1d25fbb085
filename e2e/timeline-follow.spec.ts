/**
 * The timeline follows the cursor even when the cursor moves again before the browser has reported the
 * list's previous scroll (the scroll event comes with the next frame). Seen once in CI: after playing at
 * 500 events/s and pausing, the cursor's row was not in the list at all.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';

test('the cursor row stays in view when a second move comes between the list scrolling and its scroll event', async ({ lab, page }) => {
  await lab.openFile('hub-unplug.json', JSON.parse(await readFile('examples/hub-unplug.json', 'utf8')));
  await lab.toEnd();
  await page.getByRole('button', { name: 'Jump to start' }).click();
  const list = page.getByRole('listbox', { name: 'Trace events' });
  await list.focus();
  const selected = list.getByRole('option', { selected: true });
  // Two page-downs as keys a person presses: the second lands in a task after the frame that wrote the
  // first scroll, before the next frame delivers that scroll's event.
  for (let round = 0; round < 4; round++) {
    await page.evaluate(async () => {
      const el = document.querySelector<HTMLElement>('[role="listbox"][aria-label="Trace events"]')!;
      const press = () => el.dispatchEvent(new KeyboardEvent('keydown', { key: 'PageDown', bubbles: true, cancelable: true }));
      press();
      press();
      await new Promise<void>((done) => requestAnimationFrame(() => setTimeout(() => { press(); press(); done(); }, 0)));
      for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(r));
    });
    await expect(selected).toBeInViewport();
  }
});
