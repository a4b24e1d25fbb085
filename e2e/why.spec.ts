import type { Page } from '@playwright/test';
import { expect, test, type Lab } from './fixtures';

test.use({ viewport: { width: 1280, height: 720 } });

async function openFile(page: Page, name: string, scenario: object): Promise<void> {
  await page.getByLabel('Open a scenario file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(scenario)) });
}

/** Finds an event in the timeline by name and clicks it (the cursor goes there). */
async function select(lab: Lab, name: string): Promise<void> {
  await lab.find(name);
  await lab.timelineOption(new RegExp(name.replace(/[:]/g, '\\$&'))).first().click();
  await lab.find('');
}

test('a veto by an open handle names the client and its handle: on the device chip, in Device Manager and in WHY, visible without scrolling', async ({ lab }) => {
  const { page } = lab;
  await openFile(page, 'explorer.json', {
    title: 'Explorer keeps a handle open on the disk',
    seed: 1,
    devices: [{ id: 'disk', model: 'usb-disk' }],
    clients: [{ id: 'explorer', mode: 'user', category: 'TargetDeviceChange', target: 'disk', onQueryRemove: 'keepOpen' }],
    steps: [{ action: 'plug', device: 'disk', port: 'usb-root-hub:1' }],
  });
  await expect(lab.port('usb-root-hub:1').locator('[data-device="disk"]')).toContainText('Started');
  const menu = await lab.openMenu('disk');
  await menu.getByRole('menuitem', { name: /Safely Remove Hardware/ }).click();
  await lab.toEnd();

  // the chip says it was vetoed, and by whom
  await expect(lab.device('disk').getByTestId('veto')).toHaveText('Vetoed: a handle held by explorer');
  // Device Manager: the veto and its cause
  const tree = await lab.sideTab('Device Manager');
  await expect(tree.getByTestId('veto-detail')).toContainText('PNP_VetoOutstandingOpen');
  await expect(tree.getByTestId('veto-detail')).toContainText('held by client explorer (its CreateFile, event #');

  // WHY, first in the details, on screen at 1280×720
  await select(lab, 'PNP_VetoOutstandingOpen');
  const why = lab.details.getByTestId('why-veto');
  await expect(why).toContainText(/A handle stayed open on disk, held by client explorer \(its CreateFile, event #\d+\)/);
  await expect(why).toBeInViewport({ ratio: 0.9 });
  // its link goes to the CreateFile that opened the handle
  await why.getByRole('button', { name: /event #\d+/ }).click();
  await expect(lab.details.getByRole('heading', { level: 3 })).toHaveText('CreateFile');
  await expect(lab.details.getByText('explorer', { exact: true })).toBeVisible();

  // acting on the disk again clears the chip's veto
  await lab.toEnd();
  const again = await lab.openMenu('disk');
  await again.getByRole('menuitem', { name: /Pull the cable/ }).click();
  await lab.toEnd();
  await expect(lab.device('disk').getByTestId('veto')).toHaveCount(0);
});

test('the three cancels end with three different summaries, and WHY names each cause', async ({ lab }) => {
  const { page } = lab;
  const summaries: string[] = [];
  const cases = [
    { action: 'appCancel', says: /^Cancelled at \d+% by the application$/, why: 'The application cancelled: its IWiaDataCallback answered S_FALSE' },
    { action: 'hardwareCancel', says: /^Cancelled at \d+% with the scanner’s cancel button$/, why: 'The cancel button on the scanner itself was pressed' },
    { action: 'asyncCancel', says: /^Cancelled at \d+% by IWiaItemExtras::CancelPendingIO$/, why: 'The application called IWiaItemExtras::CancelPendingIO' },
  ];
  for (const c of cases) {
    await openFile(page, `${c.action}.json`, {
      seed: 1,
      devices: [{ id: 'scanner', model: 'usb-scanner' }],
      steps: [
        { action: 'plug', device: 'scanner', port: 'usb-root-hub:1' },
        { action: 'connectApp', device: 'scanner', app: 'paint' },
        { action: 'scan', device: 'scanner' },
        { action: c.action, device: 'scanner', after: 250 },
      ],
    });
    await expect(lab.device('scanner')).toBeVisible();
    const card = (await lab.sideTab('Scanners')).locator('[data-scanner="scanner"]');
    const words = card.getByTestId('progress-scanner').locator('span.font-semibold').first();
    await expect(words).toHaveText(c.says);
    summaries.push((await words.textContent())!);
    // the file opens at the end of its run: the last event is the minidriver unlocking the device after the scan
    await lab.toEnd();
    await expect(lab.details.getByTestId('why-ending')).toContainText(c.why);
    await expect(lab.details.getByTestId('why-ending')).toBeInViewport();
  }
  expect(new Set(summaries).size).toBe(3);
});
