// The smaller points of issue 10: Scan waits for a started scanner and a connected application; a
// new notification client watches a plugged-in device; at any speed the bar, the timeline and the
// details show one and the same event.
import { expect, test } from './fixtures';

test('Scan is offered only on a started scanner with an application connected, and says what is missing', async ({ lab }) => {
  const { page } = lab;
  await lab.sideTab('Scanners');
  const card = lab.scanner('scanner');
  const scan = card.getByRole('button', { name: 'Scan', exact: true });
  // on the bench
  await expect(scan).toBeDisabled();
  await expect(card.getByRole('button', { name: 'Connect' })).toBeDisabled();
  await expect(card).toContainText('Plug the scanner in first');
  // plugged in and started, no application yet
  await lab.plug('scanner', 'usb-root-hub:1');
  await lab.toEnd();
  await expect(card.getByText('WIA minidriver loaded')).toBeVisible();
  await expect(scan).toBeDisabled();
  await expect(card).toContainText('Connect an application first');
  // an application connects: now it can scan
  await card.getByRole('button', { name: 'Connect' }).click();
  await lab.toEnd();
  await expect(scan).toBeEnabled();
  await scan.click();
  await expect(lab.progress('scanner')).toBeVisible();
  await expect(page.getByTestId('notice')).toHaveCount(0);
});

test('"Add a client" starts on a device that is plugged in, not one on the bench', async ({ lab }) => {
  await lab.plug('disk', 'usb-root-hub:2');
  await lab.toEnd();
  const panel = await lab.sideTab('Notifications');
  await panel.getByRole('button', { name: /Add a client/ }).click();
  const form = panel.getByRole('form', { name: 'Add a notification client' });
  await form.getByLabel('Registers for').selectOption('TargetDeviceChange');
  await expect(form.getByLabel('Target device')).toHaveValue('disk');
  await expect(form.getByLabel('Target device').locator('option', { hasText: 'scanner' })).toHaveText('scanner (on the bench)');
});

test('at 500 events/s the bar, the timeline and the details name the same event at every moment', async ({ lab }) => {
  const { page } = lab;
  // sixteen devices: a run of about a thousand events, a couple of seconds at 500 events/s
  const devices: { id: string; model: string }[] = [];
  const steps: { action: string; device: string; port: string }[] = [];
  const plug = (id: string, model: string, port: string) => {
    devices.push({ id, model });
    steps.push({ action: 'plug', device: id, port });
  };
  for (let i = 1; i <= 4; i++) plug(`nic${i}`, 'pci-nic', `pci-bus:${i}`);
  for (let i = 1; i <= 2; i++) plug(`hub${i}`, 'usb-hub', `usb-root-hub:${i}`);
  for (let i = 1; i <= 4; i++) plug(`disk${i}`, 'usb-disk', `hub1:${i}`);
  for (let i = 1; i <= 4; i++) plug(`cam${i}`, 'usb-webcam', `hub2:${i}`);
  plug('scanner', 'usb-scanner', 'usb-root-hub:3');
  plug('disk', 'usb-disk', 'usb-root-hub:4');
  await lab.openLink({ seed: 1, devices, steps });
  await lab.toEnd();
  await page.getByLabel('Speed').selectOption('500');
  await page.getByRole('button', { name: 'Jump to start' }).click();
  await page.getByRole('toolbar', { name: 'Playback' }).getByRole('button', { name: 'Play' }).click();
  const samples: { bar: string; timeline: string; details: string }[] = [];
  for (let i = 0; i < 40; i++) {
    // one look at the three places, in the same frame
    samples.push(await page.evaluate(() => {
      const bar = document.querySelector('[role="toolbar"][aria-label="Playback"] span[aria-live="off"]')?.textContent?.match(/^(\d+)\//)?.[1] ?? '';
      const row = document.querySelector('[role="listbox"][aria-label="Trace events"] [role="option"][aria-selected="true"]');
      const timeline = row?.textContent?.match(/^\s*(\d+)/)?.[1] ?? '0';
      const details = document.querySelector('section[aria-labelledby="details-title"]')?.textContent?.match(/#(\d+) ·/)?.[1] ?? '0';
      return { bar, timeline, details };
    }));
    await page.waitForTimeout(37);
  }
  const moving = new Set(samples.map((s) => s.bar)).size;
  expect(moving, 'playback moved while sampling').toBeGreaterThanOrEqual(3);
  for (const s of samples) {
    expect(s.timeline, JSON.stringify(s)).toBe(s.bar);
    expect(s.details, JSON.stringify(s)).toBe(s.bar);
  }
});
