/**
 * Parts that load on first use (their own chunks: dialogs, the settings drawer, the side tabs' panels,
 * the lesson panel, the primer, the share actions, the Compare dialog with a comparison's checks, the worker run's
 * progress bar) are fetched when what opens them is reached for, by the pointer, the
 * focus or the first key, so that opening them then fetches nothing and nobody waits.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** Every JavaScript file the page asks for from now on (its path), and how many of them are still loading. */
function scriptsAskedFor(page: Page): { asked: string[]; loading(): number } {
  const asked: string[] = [];
  let done = 0;
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.endsWith('.js')) asked.push(path);
  });
  const finished = (r: { url(): string }) => {
    if (new URL(r.url()).pathname.endsWith('.js')) done++;
  };
  page.on('requestfinished', finished);
  page.on('requestfailed', finished);
  return { asked, loading: () => asked.length - done };
}

/**
 * Waits until the chunk of each module named has been fetched (by now or earlier) and what it brings
 * has loaded (nothing asked for in 300 ms); returns what is asked for after that: nothing, if opening
 * those parts fetches nothing.
 */
async function fetchedAhead(page: Page, scripts: ReturnType<typeof scriptsAskedFor>, ...chunks: string[]): Promise<() => string[]> {
  const { asked } = scripts;
  for (const chunk of chunks) await expect.poll(() => asked.some((p) => p.includes(`/${chunk}-`)), `${chunk} fetched ahead`).toBe(true);
  for (let seen = -1; seen !== asked.length || scripts.loading() > 0;) {
    seen = asked.length;
    await page.waitForTimeout(300);
  }
  const before = asked.length;
  return () => asked.slice(before);
}

test('the dialogs, the drawer and the side panels are fetched when reached for, then open without fetching anything', async ({ lab }) => {
  const { page } = lab;
  const scripts = scriptsAskedFor(page);

  // a device chip under the pointer: its settings drawer, the custom event dialog and (a scanner) the Scanners tab
  await lab.device('scanner').hover();
  let after = await fetchedAhead(page, scripts, 'SettingsDrawer', 'CustomEventDialog', 'WiaPanel');
  const menu = await lab.openMenu('scanner');
  await menu.getByRole('menuitem', { name: /Driver settings/ }).click();
  await expect(page.getByRole('complementary', { name: 'Settings: scanner' })).toBeVisible();
  expect(after(), 'opening the menu and the drawer').toEqual([]);
  await page.getByRole('complementary', { name: 'Settings: scanner' }).getByRole('button', { name: 'Close' }).click();

  // the side tabs under the pointer: the Notifications and Scanners panels
  await page.getByRole('tab', { name: /^Notifications/ }).hover();
  after = await fetchedAhead(page, scripts, 'ClientsPanel');
  await lab.sideTab('Notifications');
  await lab.sideTab('Scanners');
  await expect(page.getByRole('tabpanel').getByText('Loading…')).toHaveCount(0);
  expect(after(), 'opening the Notifications and Scanners tabs').toEqual([]);

  // the header's buttons under the pointer: the About box, the lessons
  await page.getByRole('button', { name: 'About' }).hover();
  after = await fetchedAhead(page, scripts, 'AboutDialog');
  await page.getByRole('button', { name: 'About' }).click();
  await expect(page.getByRole('dialog', { name: 'About PnP Lab' })).toBeVisible();
  expect(after(), 'opening the About box').toEqual([]);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'About PnP Lab' })).toBeHidden();
  await page.getByRole('button', { name: 'Lessons' }).hover();
  after = await fetchedAhead(page, scripts, 'LessonPanel');
  await page.getByRole('button', { name: 'Lessons' }).click();
  await expect(page.getByTestId('lesson-panel').getByLabel('Choose a lesson')).toBeVisible();
  expect(after(), 'opening the lessons').toEqual([]);

  // Share under the pointer: the share actions and the link codec, before an item is picked
  await page.getByRole('button', { name: 'Share' }).hover();
  after = await fetchedAhead(page, scripts, 'shareActions', 'permalink');
  await page.getByRole('button', { name: 'Share' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: /Save scenario/ }).click();
  expect((await download).suggestedFilename()).toMatch(/\.json$/);
  expect(after(), 'the Share menu and Save scenario').toEqual([]);
});

test('from the keyboard: a chip reached with Tab fetches its drawer, and the first key fetches what the shortcuts open', async ({ lab }) => {
  const { page } = lab;
  const scripts = scriptsAskedFor(page);

  // Tab is the first key: the shortcuts list and the primer come with it
  await lab.tabTo(lab.device('disk'));
  const after = await fetchedAhead(page, scripts, 'SettingsDrawer', 'ShortcutsDialog', 'PrimerDialog');
  await page.keyboard.press('s');
  await expect(page.getByRole('complementary', { name: 'Settings: disk' })).toBeVisible();
  await page.getByRole('complementary', { name: 'Settings: disk' }).getByRole('button', { name: 'Close' }).click();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: /shortcuts/i })).toBeVisible();
  expect(after(), 'the drawer and the shortcuts list').toEqual([]);
});

test('the scenario checks (zod and the schema) are not fetched at start: the pointer over the lab fetches them, so the first edit fetches nothing', async ({ lab }) => {
  const { page } = lab;
  await page.waitForLoadState('networkidle');
  const fetchedSoFar = () => page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('.js')));
  expect((await fetchedSoFar()).filter((p) => /\/(scenarioChecks|RunProgress)-/.test(p)), 'at start').toEqual([]);
  const scripts = scriptsAskedFor(page);

  // with them, the progress bar of a run in the engine worker (shown only while one goes on)
  await lab.device('disk').hover();
  const after = await fetchedAhead(page, scripts, 'scenarioChecks', 'RunProgress');
  await lab.plug('disk', 'usb-root-hub:1');
  // (the first change fetches the link codec for the address, as it always has: not a check the edit waits for)
  expect(after().filter((p) => /\/(scenarioChecks|runLab)-/.test(p)), 'the first edit').toEqual([]);
  expect(scripts.asked.filter((p) => /\/(scenarioChecks|runLab)-/.test(p)).length, 'fetched once, when reached for').toBe(2);
});

test('a comparison\'s checks are not fetched at start: Compare reached for fetches the dialog with them and the Compare view, so comparing fetches none of them', async ({ lab }) => {
  const { page } = lab;
  await page.waitForLoadState('networkidle');
  const fetchedSoFar = () => page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('.js')));
  expect((await fetchedSoFar()).filter((p) => /\/(comparison|ComparePicker|ComparePanel)-/.test(p)), 'at start').toEqual([]);
  const scripts = scriptsAskedFor(page);

  await page.getByRole('button', { name: 'Compare', exact: true }).hover();
  const after = await fetchedAhead(page, scripts, 'ComparePicker', 'comparison', 'ComparePanel');
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Compare: run it again with one difference' });
  await dialog.getByRole('radio', { name: /Framework/ }).check();
  await dialog.getByRole('combobox', { name: 'Device' }).selectOption('disk');
  await dialog.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('compare-sides')).toHaveText('A disk on KMDF vs B disk on UMDF 1');
  // (the first change fetches the link codec for the address, with the checks it reads links with, as it always has:
  // not a part the dialog or the view waits for)
  expect(after().filter((p) => !/\/(permalink|jsonText|lessonLink|catalog)-/.test(p)), 'opening the dialog, comparing, the Compare view').toEqual([]);
  expect(scripts.asked.filter((p) => p.includes('/comparison-')).length, 'fetched once, when reached for').toBe(1);
});
