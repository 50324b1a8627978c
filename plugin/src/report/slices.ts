// How the two passes cut their work: slices sized by rows, and rows grouped by a key.

/**
 * Rows held per slice. Slices are sized by rows, not by events or HCPs, so memory stays flat when
 * the same events and HCPs have ten times the rows (one event is never split: its shared costs are
 * divided across all of its attendees).
 */
const ROWS_PER_SLICE = 20_000;

/** Keys (events, HCPs) per slice when `rows` rows belong to `keys` keys; at least 1, at most `max`. */
export function sliceSize(rows: number, keys: number, max: number): number {
  const perKey = keys ? rows / keys : 1;
  return Math.max(1, Math.min(max, Math.floor(ROWS_PER_SLICE / Math.max(1, perKey))));
}

/** "Checking events: 1,000 of 2,000", for the slice that starts at `start`. */
export function sliceProgress(what: string, start: number, size: number, total: number): string {
  return `Checking ${what}: ${Math.min(start + size, total).toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`;
}

/** Rows by key, in their order; rows whose key is undefined are left out. */
export function groupBy<T, K>(rows: readonly T[], keyOf: (row: T) => K | undefined): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key === undefined) continue;
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}
