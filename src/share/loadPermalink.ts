/**
 * The link codec, permalink.ts: a chunk of its own, loaded only to read or write a link. Apart from
 * sandbox.ts (which permalink.ts imports), so the import graph has no cycle.
 */
export function loadPermalink(): Promise<typeof import('./permalink')> {
  return import('./permalink');
}
