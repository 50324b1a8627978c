/**
 * Money arithmetic in whole cents. Amounts arrive as numbers with up to 2 decimals (Currency fields);
 * adding them as floats drifts (0.1 + 0.2), which would make shares that do not sum to their line.
 */

export function toCents(amount: number): number {
  return Math.round(amount * 100);
}

export function fromCents(cents: number): number {
  return cents / 100;
}

/** The exact sum of amounts, to the cent. */
export function sumMoney(amounts: Iterable<number>): number {
  let cents = 0;
  for (const amount of amounts) cents += toCents(amount);
  return fromCents(cents);
}

/**
 * Splits an amount into `parts` shares of whole cents that sum exactly to it. The leftover cents go
 * one each to the first shares, so the same inputs always give the same shares.
 */
export function splitEvenly(amount: number, parts: number): number[] {
  if (!Number.isInteger(parts) || parts < 1) throw new RangeError('splitEvenly needs 1 or more parts');
  const cents = toCents(amount);
  const sign = cents < 0 ? -1 : 1;
  const base = Math.floor(Math.abs(cents) / parts);
  const leftover = Math.abs(cents) - base * parts;
  return Array.from({ length: parts }, (_, i) => fromCents(sign * (base + (i < leftover ? 1 : 0))));
}
