/**
 * Shared test fixture: every test fails if the page logs console.error or throws, and gets
 * helpers that act like a person (drag with the mouse, tab to a control, read the timeline).
 */
import { expect, test as base, type Locator, type Page } from '@playwright/test';

export const test = base.extend<{ lab: Lab }>({
  lab: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
    await page.goto('./');
    await expect(page.getByRole('heading', { level: 1, name: 'PnP Lab' })).toBeVisible();
    await use(new Lab(page));
    expect(errors, 'console errors and page errors').toEqual([]);
  },
});

export { expect };

export class Lab {
  constructor(readonly page: Page) {}

  device(id: string): Locator {
    return this.page.locator(`[data-device="${id}"]`);
  }

  port(port: string): Locator {
    return this.page.locator(`[data-port="${port}"]`);
  }

  get bench(): Locator {
    return this.page.locator('[data-drop="palette"]');
  }

  /** Presses the mouse on `from`, moves in small steps to `to`, and lets go. */
  async drag(from: Locator, to: Locator): Promise<void> {
    await from.scrollIntoViewIfNeeded();
    const a = (await from.boundingBox())!;
    await this.page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height / 2 + 10, { steps: 3 });
    // Like a person: move towards the target; near the panel's edge the panel scrolls, so aim again until it is under the pointer.
    for (let i = 0; i < 40; i++) {
      const b = (await to.boundingBox())!;
      const target = { x: b.x + b.width / 2, y: b.y + Math.min(b.height / 2, 30) };
      const view = this.page.viewportSize()!;
      const y = Math.max(5, Math.min(view.height - 5, target.y));
      await this.page.mouse.move(target.x, y, { steps: 8 });
      const now = (await to.boundingBox())!;
      if (Math.abs(now.y - b.y) < 1 && y === target.y) break;
    }
    await this.page.mouse.up();
  }

  async plug(id: string, port: string): Promise<void> {
    await this.drag(this.device(id), this.port(port));
    await expect(this.port(port).locator(`[data-device="${id}"]`)).toBeVisible();
  }

  /**
   * Opens `scenario` as a link pasted into the open lab's address (a `#scenario=` fragment) and waits
   * until its lab is shown: its devices and no others (the link codec may have to load first).
   */
  async openLink(scenario: { devices: readonly { id: string }[]; [field: string]: unknown }): Promise<void> {
    await this.page.goto('./#scenario=' + Buffer.from(JSON.stringify(scenario)).toString('base64url'));
    await this.showsDevices(scenario);
  }

  /**
   * Opens `scenario` with Open… as a file named `name` and waits until its lab is shown: its devices and no
   * others. The file is read and run off the page, so the old lab stays a moment; acting before the new one is
   * shown would act on the old one (a drag aimed at a chip that is about to move).
   */
  async openFile(name: string, scenario: { devices: readonly { id: string; [field: string]: unknown }[]; [field: string]: unknown }): Promise<void> {
    await this.page.getByLabel('Open a scenario file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(scenario)) });
    await this.showsDevices(scenario);
  }

  /** Waits until the page shows the scenario's devices and no others (a lab with few enough to show every chip). */
  private async showsDevices(scenario: { devices: readonly { id: string }[] }): Promise<void> {
    const ids = [...new Set(scenario.devices.map((d) => d.id))].sort();
    await expect.poll(() => this.page.locator('[data-device]').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-device')))].sort())).toEqual(ids);
  }

  /**
   * Picks a lesson in the open lesson column's list and waits until it is shown (each lesson's text is
   * a chunk of its own, fetched when the list is reached for).
   */
  async pickLesson(id: string): Promise<void> {
    const picker = this.page.getByTestId('lesson-panel').getByLabel('Choose a lesson');
    await picker.selectOption(id);
    const title = (await picker.locator(`option[value="${id}"]`).textContent())!.replace(/^✓ /, '');
    await expect(this.page.getByTestId('lesson-panel').locator('#lesson-name')).toHaveText(title);
  }

  /** Jumps the cursor to the end of the trace (the transport's "Jump to end" button). */
  async toEnd(): Promise<void> {
    const end = this.page.getByRole('button', { name: 'Jump to end' });
    // Pressed again if the lab was still arriving (a link or file whose run lands after the press, at its start):
    // a person presses again when the cursor did not go. A no-op when playback already reached the end.
    await expect(async () => {
      if (await end.isEnabled()) await end.click({ force: true, timeout: 2000 });
      await expect(end).toBeDisabled({ timeout: 1500 });
    }).toPass({ timeout: 15_000 });
  }

  async find(text: string): Promise<void> {
    await this.page.getByPlaceholder('Find…').fill(text);
  }

  timelineOption(name: string | RegExp): Locator {
    return this.page.getByRole('listbox', { name: 'Trace events' }).getByRole('option', { name });
  }

  get details(): Locator {
    return this.page.locator('section[aria-labelledby="details-title"]');
  }

  flowRow(at: string): Locator {
    return this.page.locator(`[data-testid="flowchart"] [data-row="${at}"]`);
  }

  /** Opens a tab of the section under the hardware (Device Manager, Notifications, Scanners). */
  async sideTab(name: 'Device Manager' | 'Notifications' | 'Scanners'): Promise<Locator> {
    await this.page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
    return this.page.locator('[id^="side-panel-"]');
  }

  /** A scanner's card in the Scanners tab. */
  scanner(id: string): Locator {
    return this.page.locator(`[data-scanner="${id}"]`);
  }

  /** A notification client's card in the Notifications tab. */
  client(id: string): Locator {
    return this.page.locator(`[data-client="${id}"]`);
  }

  /** The scan progress bar of a scanner (its aria-valuenow is the percentage). */
  progress(id: string): Locator {
    return this.page.getByRole('progressbar', { name: `Scan progress on ${id}` });
  }

  async progressValue(id: string): Promise<number> {
    return Number(await this.progress(id).getAttribute('aria-valuenow'));
  }

  /** The seq number shown on the first timeline row whose name matches (after a search with `find`). */
  async firstSeq(name: RegExp): Promise<number> {
    const text = await this.timelineOption(name).first().textContent();
    return Number(/^\s*(\d+)/.exec(text ?? '')?.[1]);
  }

  async openMenu(id: string): Promise<Locator> {
    await this.device(id).click();
    const menu = this.page.getByRole('menu', { name: `Actions for ${id}` });
    await expect(menu).toBeVisible();
    return menu;
  }

  /**
   * Presses Tab (or Shift+Tab, going back) until `target` has the focus (a keyboard user's way to reach it).
   * The default allows a whole round of a full page (about 100 stops with a chart's edges and links in the
   * Tab order): where the focus starts can depend on timing, e.g. whether a click on Jump to end was needed.
   */
  async tabTo(target: Locator, max = 300, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
    for (let i = 0; i < max; i++) {
      if (await target.evaluate((el) => el === document.activeElement)) return;
      await this.page.keyboard.press(key);
    }
    const at = await this.page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120) ?? 'nothing');
    throw new Error(`could not reach ${target} with ${max} × ${key}; the focus is on ${at}`);
  }
}
