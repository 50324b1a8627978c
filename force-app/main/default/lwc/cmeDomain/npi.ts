/**
 * US National Provider Identifier (NPI) checks. An NPI is 10 digits; the last is a Luhn check digit
 * computed over the ISO card-issuer prefix 80840 followed by the first 9 digits (CMS, NPI check
 * digit standard), so a typo in one digit or a swap of two neighbours is caught before a disclosure
 * file is rejected by Open Payments.
 */

const NPI_PREFIX = '80840';

/** Luhn check digit for a string of digits (the digit that would be appended to it). */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  // Walking from the right, every other digit starting with the rightmost is doubled, because the
  // check digit will take the rightmost position.
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** The check digit an NPI with these first 9 digits must end with. */
export function npiCheckDigit(firstNine: string): number {
  if (!/^\d{9}$/.test(firstNine)) throw new RangeError('An NPI check digit needs exactly 9 digits');
  return luhnCheckDigit(NPI_PREFIX + firstNine);
}

/** What is wrong with an NPI, in words for the user, or null when it is valid. */
export function npiProblem(value: string | null | undefined): string | null {
  const npi = (value ?? '').trim();
  if (npi === '') return 'The NPI is blank.';
  if (!/^\d+$/.test(npi)) return 'An NPI has digits only.';
  if (npi.length !== 10) return `An NPI has 10 digits; this one has ${npi.length}.`;
  const expected = npiCheckDigit(npi.slice(0, 9));
  if (Number(npi[9]) !== expected) return `The NPI check digit should be ${expected}, not ${npi[9]}.`;
  return null;
}

/** Whether a value is a well-formed NPI (10 digits with a valid check digit). */
export function isValidNpi(value: string | null | undefined): boolean {
  return npiProblem(value) === null;
}
