// The built app under its Content-Security-Policy (the <meta> the build puts in index.html, and the
// same policy as a response header, as docs/embedding.md recommends): a person's usual path through
// the lab (a plug, playback, the drawers and dialogs that load on first use, a lesson, a copied link,
// an embed) must not trip it once.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** Collects every CSP violation the page reports (the event, and Chromium's console line). */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction('__cspViolation', (text: string) => seen.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation(t: string): void }).__cspViolation(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(`console: ${m.text()}`);
  });
  return seen;
}

const policy = (page: Page) => page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');

test('the lab runs under its strict Content-Security-Policy without one violation', async ({ lab, context }) => {
  const { page } = lab;
  const violations = await watchViolations(page);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'PnP Lab' })).toBeVisible();
  const csp = await policy(page);
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("style-src 'self'");
  expect(csp).not.toContain('unsafe');

  await lab.plug('scanner', 'usb-root-hub:1');
  await page.getByLabel('Speed').selectOption('100');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await lab.toEnd();
  // parts that load on first use: the settings drawer, the side tabs, the dialogs, the lessons
  const menu = await lab.openMenu('scanner');
  await menu.getByRole('menuitem', { name: /Driver settings/ }).click();
  await page.getByRole('complementary', { name: 'Settings: scanner' }).getByRole('button', { name: 'Close' }).click();
  await lab.sideTab('Notifications');
  await lab.sideTab('Scanners');
  await page.getByRole('button', { name: 'About' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await page.getByRole('button', { name: 'Lessons' }).click();
  await page.getByTestId('lesson-panel').getByLabel('Choose a lesson').selectOption('a-device-starts');
  await expect(page.getByTestId('lesson-panel').getByRole('heading', { name: /A device starts/ })).toBeVisible();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Share' }).click();
  await page.getByRole('menuitem', { name: /Copy link/ }).click();
  await expect(page.getByTestId('notice')).toContainText('Copied the link');

  // an embedded lab with a lesson
  await page.goto('./?embed=1&lesson=wia-disconnect&autoplay=1');
  await expect(page.getByTestId('lesson-panel')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(violations).toEqual([]);
});

test.describe('as a header', () => {
  // no service worker: every response goes through the route that adds the header
  test.use({ serviceWorkers: 'block' });

  test('the same policy sent as a header (frame-ancestors and all) is kept too', async ({ page }) => {
    const violations = await watchViolations(page);
    await page.goto('./');
    const csp = (await policy(page))!;
    // serve the app with the policy as a header, as on a host that can set headers
    await page.route('**/*', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': `${csp}; frame-ancestors 'self'` } });
    });
    const response = await page.goto('./?lesson=pnp-notifications');
    expect(await response!.headerValue('content-security-policy')).toContain("frame-ancestors 'self'");
    await expect(page.getByTestId('lesson-panel').getByRole('heading', { name: /notification/i }).first()).toBeVisible();
    await page.getByRole('button', { name: 'Jump to end' }).click();
    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);

    // the watch works: script the policy forbids is reported
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.ranInline = true';
      document.head.append(s);
    });
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { ranInline?: boolean }).ranInline)).toBeUndefined();
  });
});
