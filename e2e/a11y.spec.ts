import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

test('no serious or critical axe violations in the main views, light and dark', async ({ lab }) => {
  test.setTimeout(180_000);
  await lab.page.emulateMedia({ reducedMotion: 'reduce' });
  const { page } = lab;
  expect(await seriousViolations(page), 'empty lab').toEqual([]);

  await lab.plug('scanner', 'usb-root-hub:1');
  await lab.toEnd();
  expect(await seriousViolations(page), 'started device, flowchart and timeline').toEqual([]);

  await page.getByRole('button', { name: 'Dark theme' }).click();
  expect(await seriousViolations(page), 'dark theme').toEqual([]);

  await page.getByRole('button', { name: 'Presenter mode' }).click();
  expect(await seriousViolations(page), 'presenter mode').toEqual([]);

  const menu = await lab.openMenu('scanner');
  expect(await seriousViolations(page), 'device menu').toEqual([]);
  await menu.getByRole('menuitem', { name: /Driver settings/ }).click();
  await expect(page.getByRole('complementary', { name: 'Settings: scanner' })).toBeVisible();
  expect(await seriousViolations(page), 'settings drawer').toEqual([]);
  await page.getByRole('complementary', { name: 'Settings: scanner' }).getByRole('button', { name: 'Close' }).click();

  await page.getByRole('button', { name: 'About' }).click();
  await expect(page.getByRole('dialog', { name: 'About PnP Lab' })).toBeVisible();
  expect(await seriousViolations(page), 'about box').toEqual([]);
  await page.keyboard.press('Escape');
  // shortcuts wait until the dialog has closed (its close event follows the key)
  await expect(page.getByRole('dialog', { name: 'About PnP Lab' })).toBeHidden();
  await page.keyboard.press('g');
  await expect(page.getByRole('dialog', { name: 'Primer' })).toBeVisible();
  expect(await seriousViolations(page), 'primer').toEqual([]);
});

test('keyboard only: open the lessons, pick a lesson, answer its question, and use the Share menu; no serious axe violations there', async ({ lab }) => {
  test.setTimeout(180_000);
  const { page } = lab;
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const lessons = page.getByRole('button', { name: 'Lessons' });
  await lab.tabTo(lessons);
  await page.keyboard.press('Enter');
  await expect(lessons).toHaveAttribute('aria-pressed', 'true');
  const picker = page.getByLabel('Choose a lesson');
  await lab.tabTo(picker);
  await picker.selectOption('a-device-starts'); // a native select: arrow keys choose, as a person would
  await expect(page.getByTestId('lesson-panel').getByRole('heading', { name: /A device starts/ })).toBeVisible();
  expect(await seriousViolations(page), 'lesson panel').toEqual([]);

  // plug the disk in from the keyboard: focus it, P for the port menu, Enter on the first free port
  await lab.tabTo(lab.device('disk'));
  await page.keyboard.press('p');
  await expect(page.getByRole('menu', { name: 'Plug disk into' })).toBeVisible();
  await page.keyboard.press('Enter');
  const question = page.getByTestId('lesson-question');
  await expect(question).toBeVisible({ timeout: 30_000 });
  expect(await seriousViolations(page), 'a question').toEqual([]);
  const choice = question.getByLabel('lower-filter');
  // the lesson column is left of the hardware: go back into the choices, then arrow to the answer
  const inChoices = () => question.evaluate((q) => q.contains(document.activeElement) && (document.activeElement as HTMLInputElement).type === 'radio');
  for (let i = 0; i < 80 && !(await inChoices()); i++) await page.keyboard.press('Shift+Tab');
  for (let i = 0; i < 4 && !(await choice.isChecked()); i++) await page.keyboard.press('ArrowDown');
  await expect(choice).toBeChecked();
  await lab.tabTo(question.getByRole('button', { name: 'Answer' }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('lesson-feedback')).toContainText('Right.');
  // the form gave way to the feedback: the focus went on to "Continue playback", not back to the page's start
  await expect(page.getByRole('button', { name: 'Continue playback' })).toBeFocused();

  await page.getByRole('button', { name: 'Dark theme' }).click();
  expect(await seriousViolations(page), 'lesson panel, dark').toEqual([]);

  const share = page.getByRole('button', { name: 'Share' });
  await lab.tabTo(share, 80, 'Shift+Tab'); // the header is above the lesson column
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Share' });
  await expect(menu.getByRole('menuitem', { name: /Copy link/ })).toBeFocused();
  expect(await seriousViolations(page), 'share menu').toEqual([]);
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(share).toBeFocused();
});
