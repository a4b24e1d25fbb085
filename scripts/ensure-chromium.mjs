#!/usr/bin/env node
// Checks that a Chromium is available for the Playwright browser tests before they start, and says how to
// get one if not. Which one: scripts/chromium.mjs (the same lookup playwright.config.ts uses).
import { findChromium, HOW_TO_GET_CHROMIUM } from './chromium.mjs';

let found;
try {
  found = findChromium();
} catch (e) {
  console.error(`ensure-chromium: ${e.message}`);
  process.exit(1);
}
if (!found) {
  console.error(`ensure-chromium: no Chromium browser found for the browser tests.\n${HOW_TO_GET_CHROMIUM}`);
  process.exit(1);
}
console.log(`ensure-chromium: using ${found.path} (${found.via})`);
