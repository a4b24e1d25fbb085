/**
 * A sample of the malformed-input corpus (src/testing/corpus.ts, one case of each kind) through the
 * lab's two doors: Open… (the file chooser) and a link. Each answer is the one-line message the CLI
 * gives for the same bytes, and the lab keeps what it had: the plugged-in disk, the trace, the cursor.
 */
import { readPermalink } from '../src/share/permalink';
import { generateCorpus, type CorpusCase } from '../src/testing/corpus';
import { labMessage } from '../src/testing/runCorpus';
import { runLab } from '../src/model/runLab';
import { expect, test } from './fixtures';

/** One case of each kind that the lab reads (a file over its 5 MB is refused by size before reading). */
function sample(): CorpusCase[] {
  const seen = new Set<string>();
  return generateCorpus().filter((c) => {
    if (seen.has(c.kind) || c.bytes.length > 1_000_000) return false;
    seen.add(c.kind);
    return true;
  });
}

const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

test('broken files and links: a clear one-line message, and the lab keeps its state', async ({ lab }) => {
  test.setTimeout(180_000);
  const { page } = lab;
  const cases = sample();
  expect(cases.length).toBeGreaterThanOrEqual(15);

  // a state of our own to keep: the disk plugged in, the cursor at the end
  await lab.plug('disk', 'usb-root-hub:2');
  await lab.toEnd();
  const slider = page.getByRole('slider', { name: 'Cursor position in the trace' });
  const length = await slider.getAttribute('max');
  const cursor = await slider.inputValue();
  const notice = page.getByTestId('notice');
  // the notice's message (after "Not possible:", before its × button)
  const message = notice.locator('span.flex-1');
  const kept = async () => {
    await expect(lab.port('usb-root-hub:2').locator('[data-device="disk"]')).toBeVisible();
    await expect(slider).toHaveAttribute('max', length!);
    await expect(slider).toHaveValue(cursor);
  };

  for (const c of cases) {
    // Open…: a person clicks the button and picks the file
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Open…' }).click();
    await (await chooser).setFiles({ name: c.name, mimeType: 'application/json', buffer: Buffer.from(c.bytes) });
    const fromFile = labMessage(c.bytes);
    expect(fromFile, c.name).toBeDefined();
    await expect(notice, c.name).toContainText('Not possible:');
    await expect(message, c.name).toHaveText(`${c.name} could not be opened; the lab is unchanged. ${fromFile}`);
    expect(fromFile!.length).toBeLessThanOrEqual(300);
    expect(await notice.textContent()).not.toMatch(RAW_CONTROL);
    await kept();
    await page.getByRole('button', { name: 'Dismiss message' }).click();

    // a link: an old-style #scenario= link carries the file's bytes as they are
    const hash = `#scenario=${Buffer.from(c.bytes).toString('base64url')}`;
    const decoded = readPermalink(hash)!;
    const run = decoded.ok ? runLab(decoded.state.scenario) : undefined;
    const fromLink = decoded.ok ? `scenario.${run && !run.ok ? run.error.message : ''}` : decoded.error.text;
    await page.evaluate((h) => (location.hash = h), hash);
    await expect(message, c.name).toHaveText(`This link could not be opened, so the lab is unchanged. ${fromLink}`);
    expect(await notice.textContent()).not.toMatch(RAW_CONTROL);
    await kept();
    await page.getByRole('button', { name: 'Dismiss message' }).click();
  }
});
