// What a static host serves beside the app: robots.txt (a file, not the app), the link-preview tags and
// their picture, and the manifest that makes the lab installable.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';

const pngSize = (png: Buffer) => [png.readUInt32BE(16), png.readUInt32BE(20)];

test('robots.txt is a text file, and an unknown path is a 404, not the app', async ({ request }) => {
  const robots = await request.get('./robots.txt');
  expect(robots.status()).toBe(200);
  expect(robots.headers()['content-type']).toMatch(/^text\/plain/);
  expect(await robots.text()).toMatch(/^User-agent: \*$/m);
  expect((await request.get('./no-such-page.html')).status()).toBe(404);
});

test('a shared link previews with a title, a description and a 1200×630 picture of the lab', async ({ page, request }) => {
  await page.goto('./');
  const meta = (key: string) => page.locator(`meta[property="${key}"], meta[name="${key}"]`).getAttribute('content');
  expect(await meta('og:title')).toContain('PnP Lab');
  expect((await meta('og:description'))!.length).toBeGreaterThan(50);
  expect(await meta('twitter:card')).toBe('summary_large_image');
  for (const key of ['og:image', 'twitter:image']) {
    const picture = await request.get(new URL((await meta(key))!, page.url()).href);
    expect(picture.headers()['content-type'], key).toBe('image/png');
    expect(pngSize(await picture.body()), key).toEqual([1200, 630]);
  }
});

test('the manifest makes the lab installable: a name, a start page and icons of 192 and 512 px that exist', async ({ page, request }) => {
  await page.goto('./');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const url = new URL(href!, page.url());
  const manifest = await (await request.get(url.href)).json();
  expect(manifest.name).toContain('PnP Lab');
  expect(manifest.display).toBe('standalone');
  expect(manifest.start_url).toBeTruthy();
  const sizes: string[] = [];
  for (const icon of manifest.icons.filter((i: { type: string }) => i.type === 'image/png')) {
    const png = await request.get(new URL(icon.src, url).href);
    expect(png.status(), icon.src).toBe(200);
    expect(pngSize(await png.body()).join('x'), icon.src).toBe(icon.sizes);
    sizes.push(icon.sizes);
  }
  expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
});

test('opened from disk (file://), the built page says why it cannot start and what to do', async ({ page }) => {
  // browsers refuse module scripts and crossorigin styles from file:// pages: the lab cannot run there
  await page.goto(pathToFileURL(resolve('dist/index.html')).href);
  await expect(page.getByRole('heading', { level: 1, name: 'PnP Lab could not start' })).toBeVisible();
  await expect(page.getByText('npm run preview')).toBeVisible();
});

test('served, the lab replaces that message and never shows it', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1, name: 'PnP Lab', exact: true })).toBeVisible();
  await expect(page.getByText('could not start')).toHaveCount(0);
});
