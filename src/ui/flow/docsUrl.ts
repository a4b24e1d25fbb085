/** A row's or table's `cite` (a path in MicrosoftDocs/windows-driver-docs) → its page on Microsoft Learn. */
const LEARN = 'https://learn.microsoft.com/windows-hardware/drivers/';

export function docsUrl(cite: string): string {
  if (/^https?:\/\//.test(cite)) return cite;
  return LEARN + cite.replace(/^windows-driver-docs-pr\//, '').replace(/\.md$/, '');
}
