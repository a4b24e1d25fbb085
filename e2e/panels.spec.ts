/** The notification-clients and WIA panels: axe in light and dark, and everything by keyboard with a visible focus. */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const SCENARIO = {
  seed: 1,
  devices: [
    { id: 'scanner', model: 'usb-scanner', wia: { feeder: true, pages: 3 } },
    { id: 'disk', model: 'usb-disk' },
  ],
  clients: [
    { id: 'explorer', mode: 'user', category: 'TargetDeviceChange', target: 'disk' },
    { id: 'backup', mode: 'kernel', category: 'TargetDeviceChange', target: 'disk', onQueryRemove: 'veto' },
    { id: 'volmgr', mode: 'kernel', category: 'DeviceInterfaceChange', interfaceClass: 'GUID_DEVINTERFACE_VOLUME' },
    { id: 'dockwatch', mode: 'user', category: 'HardwareProfileChange' },
  ],
  steps: [
    { action: 'plug', device: 'scanner', port: 'usb-root-hub:1' },
    { action: 'plug', device: 'disk', port: 'usb-root-hub:2' },
    { action: 'connectApp', device: 'scanner', app: 'paint' },
    { action: 'scan', device: 'scanner', pages: 2 },
  ],
};

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** Puts the cursor on the n-th MiniDrvCallback (mid-scan), like a person clicking it in the timeline. */
async function midScan(lab: { find(t: string): Promise<void>; timelineOption(n: RegExp): Locator }, n = 4) {
  await lab.find('MiniDrvCallback');
  await lab.timelineOption(/MiniDrvCallback/).nth(n).click();
  await lab.find('');
}

test('no serious or critical axe violations in the Notifications and Scanners panels, light and dark', async ({ lab }) => {
  test.setTimeout(180_000);
  const { page } = lab;
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await lab.openLink(SCENARIO);
  await lab.toEnd();
  await midScan(lab);

  const clients = await lab.sideTab('Notifications');
  await clients.getByText('System clients').click();
  await expect(lab.client('stisvc')).toBeVisible();
  expect(await seriousViolations(page), 'notification clients').toEqual([]);
  await clients.getByRole('button', { name: /Add a client/ }).click();
  await expect(clients.getByRole('form', { name: 'Add a notification client' })).toBeVisible();
  expect(await seriousViolations(page), 'add-client form').toEqual([]);

  await lab.sideTab('Scanners');
  await expect(lab.progress('scanner')).toBeVisible();
  expect(await seriousViolations(page), 'scanners').toEqual([]);

  await page.getByRole('button', { name: 'Dark theme' }).click();
  expect(await seriousViolations(page), 'scanners, dark').toEqual([]);
  await lab.sideTab('Notifications');
  expect(await seriousViolations(page), 'notification clients, dark').toEqual([]);

  const menu = await lab.openMenu('disk');
  await menu.getByRole('menuitem', { name: /Raise a custom event/ }).click();
  await expect(page.getByRole('dialog', { name: /Raise a custom event/ })).toBeVisible();
  expect(await seriousViolations(page), 'custom event dialog, dark').toEqual([]);
});

/** The focused element shows the focus ring (a solid outline). */
async function expectVisibleFocus(target: Locator) {
  await expect(target).toBeFocused();
  await expect(target).toHaveCSS('outline-style', 'solid');
}

test('keyboard only: switch tabs, add a client, raise a custom event, dock, connect and release an application', async ({ lab }) => {
  test.setTimeout(240_000);
  const { page } = lab;
  const kb = page.keyboard;
  await lab.openLink(SCENARIO);
  await lab.toEnd();

  // Tabs: Tab reaches the selected one, the arrows move between them.
  const devicesTab = page.getByRole('tab', { name: /^Device Manager/ });
  await lab.tabTo(devicesTab);
  await expectVisibleFocus(devicesTab);
  await kb.press('ArrowRight');
  const notificationsTab = page.getByRole('tab', { name: /^Notifications/ });
  await expectVisibleFocus(notificationsTab);
  await expect(notificationsTab).toHaveAttribute('aria-selected', 'true');

  // Add a user-mode client on the disk with the keyboard (Enter submits the form from its name field).
  const add = page.getByRole('button', { name: /Add a client/ });
  await lab.tabTo(add);
  await expectVisibleFocus(add);
  await kb.press('Enter');
  const form = page.getByRole('form', { name: 'Add a notification client' });
  const name = form.getByLabel('Name');
  await lab.tabTo(name);
  await name.fill('');
  await kb.type('mediaapp');
  await form.getByRole('radio', { name: 'User-mode app' }).focus();
  await kb.press('Space');
  await form.getByLabel('Target device').selectOption('disk'); // the browser's own keyboard control for a select
  await name.focus();
  await kb.press('Enter');
  const card = lab.client('mediaapp');
  await expect(card.getByText('User mode')).toBeVisible();
  await expect(card.getByText(/Handle open on/)).toContainText('disk');

  // On the disk: C raises a custom event; the dialog takes a GUID name and Enter raises it.
  await lab.tabTo(lab.device('disk')); // round the page: past the chart, timeline and playback bar
  await kb.press('c');
  const dialog = page.getByRole('dialog', { name: /Raise a custom event/ });
  await expect(dialog).toBeVisible();
  const guid = dialog.getByLabel('Event GUID');
  await expect(guid).toBeVisible();
  await guid.fill('GUID_DISK_FULL');
  await kb.press('Enter');
  await expect(dialog).toBeHidden();
  await lab.toEnd();
  await expect(card.getByRole('list', { name: 'Notifications mediaapp received' })).toContainText('CM_NOTIFY_ACTION_DEVICECUSTOMEVENT');
  await expect(lab.client('backup').getByRole('list', { name: 'Notifications backup received' })).toContainText('GUID_DISK_FULL');

  // Dock, by keyboard: the profile client hears the query and the change.
  const dock = page.getByRole('button', { name: 'Dock', exact: true });
  await lab.tabTo(dock);
  await expectVisibleFocus(dock);
  await kb.press('Enter');
  await lab.toEnd();
  await expect(page.getByRole('button', { name: 'Undock', exact: true })).toBeVisible();
  await expect(lab.client('dockwatch').getByRole('list', { name: 'Notifications dockwatch received' })).toContainText('DBT_CONFIGCHANGED');

  // Scanners: connect a second application and release it, all from the keyboard. Whether toEnd had to click Jump
  // to end (the focus then starts on the playback bar) or not (it stays on Undock) is timing: 21 or 92 presses.
  await lab.tabTo(notificationsTab);
  await kb.press('ArrowRight');
  const scannersTab = page.getByRole('tab', { name: /^Scanners/ });
  await expectVisibleFocus(scannersTab);
  const scanner = lab.scanner('scanner');
  const appName = scanner.getByLabel('Application name');
  await lab.tabTo(appName);
  await appName.fill('');
  await kb.type('viewer');
  await kb.press('Enter');
  await lab.toEnd();
  const release = scanner.getByRole('button', { name: 'Release viewer (drvUnInitializeWia)' });
  await expect(release).toBeVisible();
  await lab.tabTo(release);
  await expectVisibleFocus(release);
  await kb.press('Enter');
  await lab.toEnd();
  await expect(release).toBeHidden();
  await expect(scanner.getByText('Done')).toBeVisible();
});
