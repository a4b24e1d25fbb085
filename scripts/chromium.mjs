// The one place that decides which Chromium the browser tests, budgets and Lighthouse drive (plain Node, no deps).
// Order: $CHROMIUM_PATH, Debian's /usr/bin/chromium, Playwright's own installed browser.
// Installing a browser is left to .ci/run (apt-get) or to the person (see README).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

function playwrightChromium() {
  try {
    const { chromium } = createRequire(import.meta.url)('@playwright/test');
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The Chromium to use and how it was found; `undefined` when there is none.
 * A CHROMIUM_PATH that names no file is an error (thrown), not a silent fallback.
 * @returns {{ path: string, via: string } | undefined}
 */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return { path: fromEnv, via: 'CHROMIUM_PATH' };
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but no such file exists.`);
  }
  if (existsSync(DEBIAN_CHROMIUM)) return { path: DEBIAN_CHROMIUM, via: 'Debian package' };
  const own = playwrightChromium();
  if (own) return { path: own, via: "Playwright's own browser" };
  return undefined;
}

/** How to get a Chromium, for the message printed when there is none. */
export const HOW_TO_GET_CHROMIUM = [
  'Get one of these:',
  '  - Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y chromium',
  '  - or point CHROMIUM_PATH at a Chromium/Chrome binary: CHROMIUM_PATH=/path/to/chrome npm test',
  "  - or, with internet access, install Playwright's own: npx playwright install chromium",
].join('\n');
