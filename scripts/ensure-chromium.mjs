#!/usr/bin/env node
// Makes sure a Chromium is available for the Playwright browser tests (plain Node, no deps).
// Order: $CHROMIUM_PATH, Debian's /usr/bin/chromium, Playwright's own installed browser.
// If none is found and we are root on a machine with apt-get, installs Debian's `chromium`.
// playwright.config.ts resolves the browser the same way.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

async function playwrightChromium() {
  try {
    const { chromium } = await import('@playwright/test');
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

async function find() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return { path: fromEnv, via: 'CHROMIUM_PATH' };
    console.error(`ensure-chromium: CHROMIUM_PATH is set to ${fromEnv}, but no such file exists.`);
    process.exit(1);
  }
  if (existsSync(DEBIAN_CHROMIUM)) return { path: DEBIAN_CHROMIUM, via: 'Debian package' };
  const own = await playwrightChromium();
  if (own) return { path: own, via: "Playwright's own browser" };
  return undefined;
}

function hasAptGet() {
  return spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
}

function installDebianChromium() {
  console.log('ensure-chromium: no Chromium found; installing Debian package "chromium" via apt-get ...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', 'chromium']]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) {
      console.error(`ensure-chromium: "apt-get ${args.join(' ')}" failed (exit ${r.status ?? r.signal}).`);
      return false;
    }
  }
  return true;
}

let found = await find();
if (!found) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && hasAptGet() && installDebianChromium()) found = await find();
}

if (!found) {
  console.error(
    [
      'ensure-chromium: no Chromium browser found for the browser tests.',
      'Get one of these:',
      '  - Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y chromium',
      '  - or point CHROMIUM_PATH at a Chromium/Chrome binary: CHROMIUM_PATH=/path/to/chrome npm test',
      "  - or, with internet access, install Playwright's own: npx playwright install chromium",
    ].join('\n'),
  );
  process.exit(1);
}

console.log(`ensure-chromium: using ${found.path} (${found.via})`);
