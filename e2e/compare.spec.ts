/**
 * Compare, as a person uses it: pull a disk's cable, press Compare, pick "Framework", and read the two runs side by
 * side (KMDF's EvtDeviceSurpriseRemoval in one lane, UMDF 1's OnSurpriseRemoval in the other); one cursor drives
 * both; the comparison survives a reload (it is in the address) and can be ended; an embed opens with `compare=`,
 * and says what it did not understand.
 */
import { expect, test, type Lab } from './fixtures';
import { readPermalink } from '../src/share/permalink';

const SCENARIO = {
  seed: 7,
  devices: [{ id: 'disk', model: 'usb-disk' }],
  steps: [{ action: 'plug', device: 'disk', port: 'usb-root-hub:2' }],
};
const hash = (s: unknown = SCENARIO) => '#scenario=' + Buffer.from(JSON.stringify(s)).toString('base64url');

/** The lane of run A or B in the Compare view. */
const lane = (lab: Lab, side: 'a' | 'b') => lab.page.getByRole('region', { name: 'The two runs, step by step' }).locator(`td[data-lane="${side}"]`);

async function pullTheCableAndCompareFrameworks(lab: Lab): Promise<void> {
  const { page } = lab;
  await lab.openLink(SCENARIO); // waits until the link's lab replaced the default one
  await lab.toEnd();
  // pull the cable: drag the disk back to the bench
  await lab.drag(lab.device('disk'), lab.bench);
  await lab.toEnd();
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Compare: run it again with one difference' });
  await dialog.getByRole('radio', { name: /Framework/ }).check();
  await expect(dialog.getByRole('combobox', { name: 'Device' })).toHaveValue('disk');
  await dialog.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(dialog).toBeHidden();
}

test('pick "framework" in Compare: EvtDeviceSurpriseRemoval in run A\'s lane, IPnpCallback::OnSurpriseRemoval in run B\'s', async ({ lab }) => {
  const { page } = lab;
  await pullTheCableAndCompareFrameworks(lab);
  await expect(page.getByRole('tab', { name: 'Compare' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('compare-sides')).toHaveText('A disk on KMDF vs B disk on UMDF 1');
  // the step of the unplug: open it and read both lanes
  await lab.find('EvtDeviceSurpriseRemoval');
  await lab.timelineOption(/EvtDeviceSurpriseRemoval/).click();
  await expect(lane(lab, 'a').filter({ hasText: 'EvtDeviceSurpriseRemoval' })).toBeVisible();
  await expect(lane(lab, 'b').filter({ hasText: 'IPnpCallback::OnSurpriseRemoval' })).toBeVisible();
  await expect(lane(lab, 'b').filter({ hasText: 'EvtDeviceSurpriseRemoval' })).toHaveCount(0);
  await expect(lane(lab, 'a').filter({ hasText: 'IPnpCallback::OnSurpriseRemoval' })).toHaveCount(0);
  // the step's one line says where UMDF 1 put it this time, and that its place is not guaranteed
  await expect(page.getByTestId('compare-current')).toContainText('Step 2: unplug disk — UMDF 1 calls IPnpCallback::OnSurpriseRemoval after IPnpCallback::OnD0Exit in run B; its place is not guaranteed (seed 7 picked it)');
  await expect(lane(lab, 'a').filter({ hasText: 'EvtDeviceSurpriseRemoval' })).toHaveAttribute('data-current', 'true');
});

test('one cursor drives both runs: stepping moves run B\'s mark too; a click on run B\'s lane moves the cursor', async ({ lab }) => {
  const { page } = lab;
  await pullTheCableAndCompareFrameworks(lab);
  await lab.find('IRP_MN_SURPRISE_REMOVAL');
  await lab.timelineOption(/IRP_MN_SURPRISE_REMOVAL/).first().click();
  await lab.find('');
  const where = page.getByTestId('compare-current').locator('xpath=..').getByTitle(/One cursor drives both runs/);
  const before = await where.textContent();
  await expect(lane(lab, 'b').and(page.locator('[data-current]'))).toContainText('IRP_MN_SURPRISE_REMOVAL');
  await page.getByRole('region', { name: 'The two runs, step by step' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(where).not.toHaveText(before!);
  // clicking UMDF 1's OnSurpriseRemoval moves the cursor to run A's event beside it
  await lane(lab, 'b').filter({ hasText: 'IPnpCallback::OnSurpriseRemoval' }).click();
  await expect(lab.details).not.toContainText('IRP_MN_SURPRISE_REMOVAL');
  await expect(lane(lab, 'a').and(page.locator('[data-current]'))).toHaveCount(1);
});

test('the comparison is part of the link: it survives a reload, and Stop comparing ends it', async ({ lab }) => {
  const { page } = lab;
  await pullTheCableAndCompareFrameworks(lab);
  // the address follows the lab: its link now carries the comparison
  await expect.poll(async () => readPermalink(await page.evaluate(() => location.hash))).toMatchObject({ ok: true, state: { scenario: { compare: { change: 'framework', device: 'disk' } } } });
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Compare' })).toBeVisible();
  await page.getByRole('tab', { name: 'Compare' }).click();
  await expect(page.getByTestId('compare-sides')).toHaveText('A disk on KMDF vs B disk on UMDF 1');
  await page.getByRole('button', { name: 'Stop comparing' }).click();
  await expect(page.getByRole('tab', { name: 'Compare' })).toHaveCount(0);
  await expect(page.getByRole('tab', { name: 'Flowchart' })).toHaveAttribute('aria-selected', 'true');
  // Undo brings it back
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('tab', { name: 'Compare' })).toBeVisible();
});

test('keyboard alone: Compare, pick a callback that fails, and read the veto in run B', async ({ lab }) => {
  const { page } = lab;
  await lab.openLink({ ...SCENARIO, steps: [...SCENARIO.steps, { action: 'safeRemove', device: 'disk' }] });
  await lab.toEnd();
  const compare = page.getByRole('button', { name: 'Compare', exact: true });
  await lab.tabTo(compare);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Compare: run it again with one difference' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('radio', { name: /A callback/ }).focus();
  await page.keyboard.press('Space');
  await expect(dialog.getByRole('combobox', { name: 'Callback' })).toHaveValue('EvtDeviceQueryRemove');
  await expect(dialog.getByRole('combobox', { name: 'In run B' })).toHaveValue('fail');
  await dialog.getByRole('button', { name: 'Compare', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('compare-sides')).toHaveText('A EvtDeviceQueryRemove: as written vs B EvtDeviceQueryRemove: fail');
  await expect(page.getByRole('region', { name: 'The two runs, step by step' }).getByTestId('compare-summary').filter({ hasText: /^Vetoed in run B \(PNP_VetoDevice by SimDisk\), not in run A/ })).toBeVisible();
});

test('embedded with compare=: the Compare panel takes Device Manager\'s place; a value it cannot use is named', async ({ lab }) => {
  const { page } = lab;
  const unplug = { ...SCENARIO, steps: [...SCENARIO.steps, { action: 'unplug', device: 'disk' }] };
  await page.goto(`./?embed=1&scenario=${encodeURIComponent(hash(unplug))}&compare=framework/disk`);
  await expect(page.getByTestId('compare-sides')).toHaveText('A disk on KMDF vs B disk on UMDF 1');
  await expect(page.getByRole('heading', { name: 'Device Manager' })).toHaveCount(0);
  await page.goto(`./?embed=1&scenario=${encodeURIComponent(hash(unplug))}&compare=framework/dsk`);
  await expect(page.getByTestId('notice')).toContainText('compare.device: unknown device "dsk"; expected one of: disk (no comparison is shown)');
  await page.goto(`./?embed=1&scenario=${encodeURIComponent(hash(unplug))}&compare=frame/disk`);
  await expect(page.getByTestId('notice')).toContainText('compare: got "frame/disk"; expected framework/DEVICE');
});
