/** Lists and names in messages: a list cut to fit a one-line message, and the name a typo probably meant. */

/** `items` joined with ", " as far as `max` characters allow; the rest counted (`… (41 in all)`). */
export function listWithin(items: readonly string[], max: number): string {
  const all = items.join(', ');
  if (all.length <= max) return all;
  let out = '';
  let n = 0;
  for (const it of items) {
    const next = out === '' ? it : `${out}, ${it}`;
    if (next.length > max - 16) break;
    out = next;
    n++;
  }
  return `${out}, … (${items.length} in all)`;
}

/** The candidate closest to `name` (edit distance), if it is close enough to be a typo. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  if (name.length > 64) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 4)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}
