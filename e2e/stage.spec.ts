// The lab on a projector (issue 10, items 2 and 3): at 1280×720 the bench and free ports are on
// screen at first load, menus are never cut by a pane, presenter mode draws the current row's title
// at 20 px or more, and the flowchart is the largest panel; at 1920×1080 the PCI slots are on screen.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

async function inViewport(page: Page, el: Locator): Promise<void> {
  const box = (await el.boundingBox())!;
  const view = page.viewportSize()!;
  expect(box, 'on screen').not.toBeNull();
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(view.width);
  expect(box.y + box.height).toBeLessThanOrEqual(view.height);
  // and not hidden by a scrolled pane: the point at its centre is the element itself
  const hit = await el.evaluate((node) => {
    const r = node.getBoundingClientRect();
    const at = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return at !== null && (node === at || node.contains(at));
  });
  expect(hit, 'visible at its centre, not covered or scrolled away').toBe(true);
}

test('at 1280×720 the bench and a free port are on screen at first load, and the flowchart is the largest panel', async ({ lab }) => {
  const { page } = lab;
  expect(page.viewportSize()).toEqual({ width: 1280, height: 720 });
  await inViewport(page, lab.bench);
  await inViewport(page, lab.device('scanner'));
  const free = lab.port('usb-root-hub:1');
  await expect(free).toContainText('free');
  await inViewport(page, free);
  await inViewport(page, lab.port('usb-root-hub:2'));
  // the hint says what to do next, where it can be seen
  await inViewport(page, page.getByText('Drag a device onto a port to start.', { exact: false }).first());

  // the flowchart is the largest panel on the page
  const area = async (el: Locator) => {
    const b = (await el.boundingBox())!;
    return b.width * b.height;
  };
  const flow = await area(page.getByTestId('flowchart'));
  for (const name of ['bus-title', 'timeline-title', 'details-title']) {
    expect(flow).toBeGreaterThan(await area(page.locator(`section[aria-labelledby="${name}"]`)));
  }

  // and a drag from the bench to that port works without any scrolling
  await lab.plug('scanner', 'usb-root-hub:1');
});

test('a plugged-in device\'s menu is shown whole, above every pane, at 1280×720 and in presenter mode', async ({ lab }) => {
  test.setTimeout(60_000);
  const { page } = lab;
  await lab.plug('hub', 'usb-root-hub:2');
  await lab.toEnd();
  await lab.plug('scanner', 'hub:3');
  await lab.toEnd();
  for (const presenter of [false, true]) {
    if (presenter) await page.getByRole('button', { name: 'Presenter mode' }).click();
    const menu = await lab.openMenu('scanner');
    await expect(menu.getByRole('menuitem')).toHaveCount(await menu.getByRole('menuitem').count());
    expect(await menu.getByRole('menuitem').count()).toBeGreaterThanOrEqual(9);
    // the whole menu: inside the viewport and nothing to scroll inside it
    await inViewport(page, menu);
    expect(await menu.evaluate((m) => m.scrollHeight <= m.clientHeight + 1)).toBe(true);
    // every item can be seen and clicked where it is: no pane covers or clips it
    for (const item of await menu.getByRole('menuitem').all()) await inViewport(page, item);
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
  }
});

test('presenter mode at 1280×720: the current row\'s title is drawn at 20 px or more, and not cut', async ({ lab }) => {
  test.setTimeout(60_000);
  const { page } = lab;
  await page.getByRole('button', { name: 'Presenter mode' }).click();
  await lab.plug('scanner', 'usb-root-hub:1');
  await lab.toEnd();
  // a callback's row, the IRP's trip (the current driver's box: the IRP is at the function driver, on its way
  // back up), and a long callback name
  for (const [name, shown] of [['EvtDevicePrepareHardware', 'EvtDevicePrepareHardware'], ['IRP_MN_START_DEVICE', 'Function driver'], ['EvtDeviceFilterRemoveResourceRequirements', 'EvtDeviceFilterRemoveResourceRequirements']]) {
    await lab.find(name);
    // (an IRP row names the pass it is on before its name: "down:" or "up:")
    await lab.timelineOption(new RegExp(`^\\s*\\d+\\s*\\S+\\s*(?:(?:down|up):\\s*)?${name}`)).last().click();
    await lab.find('');
    const current = page.locator(name.startsWith('IRP_') ? '[data-testid="irp-trip"] [data-current]' : '[data-testid="flowchart"] [data-status="current"]');
    const title = current.getByText(shown, { exact: true });
    await expect(title).toBeVisible();
    await expect.poll(async () => {
      // rendered size = computed font size × the chart's zoom (its viewport's scale)
      return title.evaluate((el) => {
        const vp = el.closest('.react-flow__viewport')!;
        const zoom = new DOMMatrix(getComputedStyle(vp).transform).a;
        return parseFloat(getComputedStyle(el).fontSize) * zoom;
      });
    }).toBeGreaterThanOrEqual(20);
    // the whole name is there: nothing cut (wrapped lines fit the box)
    expect(await title.evaluate((el) => el.scrollHeight <= el.clientHeight + 1 && el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    // the current row is inside the flowchart's box (rows take no pointer events, so no hit test here)
    const row = (await current.boundingBox())!;
    const chart = (await page.getByTestId('flowchart').boundingBox())!;
    expect(row.x).toBeGreaterThanOrEqual(chart.x);
    expect(row.y).toBeGreaterThanOrEqual(chart.y);
    expect(row.x + row.width).toBeLessThanOrEqual(chart.x + chart.width);
    expect(row.y + row.height).toBeLessThanOrEqual(chart.y + chart.height);
  }
  // the timeline and the details are in larger type too
  const size = (el: Locator) => el.evaluate((node) => parseFloat(getComputedStyle(node).fontSize));
  expect(await size(lab.details.getByRole('heading', { level: 3 }))).toBeGreaterThanOrEqual(19);
  expect(await size(lab.timelineOption(/EvtDeviceFilterRemoveResourceRequirements/).last().locator('span').nth(2))).toBeGreaterThanOrEqual(15);
});

test('V hides the side panels (focus view) and brings them back; the flowchart then takes the whole width', async ({ lab }) => {
  const { page } = lab;
  await lab.plug('scanner', 'usb-root-hub:1');
  await page.getByTestId('flowchart').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('v');
  await expect(lab.bench).toHaveCount(0);
  await expect(page.getByRole('listbox', { name: 'Trace events' })).toHaveCount(0);
  const box = (await page.getByTestId('flowchart').boundingBox())!;
  expect(box.width).toBeGreaterThan(1200);
  await page.keyboard.press('v');
  await expect(lab.bench).toBeVisible();
  await expect(page.getByRole('button', { name: 'Focus view' })).toHaveAttribute('aria-pressed', 'false');
});

test('the flowchart pans when dragged with the mouse, and the drag selects no text (d3-zoom with src/ui/flow/d3DragLeftOut.ts)', async ({ lab }) => {
  const { page } = lab;
  await lab.plug('scanner', 'usb-root-hub:1');
  // the view stays where the drag leaves it (Follow off: the camera no longer moves to the cursor's row)
  await page.getByRole('checkbox', { name: 'Follow', exact: true }).uncheck();
  const viewport = page.getByTestId('flowchart').locator('.react-flow__viewport');
  const at = () => viewport.evaluate((el) => { const m = new DOMMatrixReadOnly(getComputedStyle(el).transform); return { x: m.e, y: m.f }; });
  // at rest (the camera's last move to the plug-in is over)
  let before = await at();
  await expect.poll(async () => {
    await page.waitForTimeout(300);
    const now = await at();
    const still = now.x === before.x && now.y === before.y;
    before = now;
    return still;
  }).toBe(true);
  const pane = (await page.getByTestId('flowchart').locator('.react-flow__pane').boundingBox())!;
  const x = pane.x + pane.width / 2;
  const y = pane.y + pane.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x - 120, y - 60, { steps: 8 });
  await page.mouse.up();
  const after = await at();
  expect(after.x - before.x).toBeCloseTo(-120, 0);
  expect(after.y - before.y).toBeCloseTo(-60, 0);
  expect(await page.evaluate(() => getSelection()?.toString() ?? ''), 'no text selected by the drag').toBe('');
});

test.describe('at 1920×1080', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });
  test('every PCI slot and root hub port is on screen at first load', async ({ lab }) => {
    for (const p of ['pci-bus:1', 'pci-bus:2', 'pci-bus:3', 'pci-bus:4', 'usb-root-hub:1', 'usb-root-hub:4']) await inViewport(lab.page, lab.port(p));
    await lab.plug('nic', 'pci-bus:2');
  });
});

test.describe('at 1024×768', () => {
  test.use({ viewport: { width: 1024, height: 768 } });
  test('the bench and a free port are on screen at first load', async ({ lab }) => {
    await inViewport(lab.page, lab.bench);
    await inViewport(lab.page, lab.port('usb-root-hub:1'));
    await lab.plug('disk', 'usb-root-hub:1');
  });
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  test('the flowchart starts within the first screen, right under the hardware', async ({ lab }) => {
    const { page } = lab;
    const flow = page.locator('section[aria-labelledby="flow-title"]');
    const top = (await flow.boundingBox())!.y;
    expect(top).toBeLessThan(844);
    await expect(page.locator('section[aria-labelledby="bus-title"]')).toBeVisible();
  });
});
