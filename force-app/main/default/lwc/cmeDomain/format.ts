/**
 * Wording helpers for finding messages: money in the pack's currency, names of HCPs and events,
 * countries. Kept apart from the rules so every message reads the same way.
 */
import type { CmeEvent, Doctor, PrimaryType } from './types';

export const DEFAULT_LOCALE = 'en-US';

/**
 * Money for a message: "₹162,500", "$1,234.50". Whole amounts drop the cents, which a reader does not
 * need; a currency code Intl does not know still prints, as "XYZ 12.50".
 */
export function formatMoney(amount: number, currencyCode: string, locale: string = DEFAULT_LOCALE): string {
  const whole = Number.isInteger(Math.round(amount * 100) / 100);
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: currencyCode,
      minimumFractionDigits: whole ? 0 : 2,
      maximumFractionDigits: 2,
    }).format(amount);
  } catch {
    return `${currencyCode} ${amount.toFixed(whole ? 0 : 2)}`;
  }
}

/**
 * Money where a currency is known (formatMoney), else the amount as a plain number with at most two
 * decimals, in `numberLocale` (the user's locale when not given): an org or event without a currency.
 */
export function moneyOrNumber(amount: number, currencyCode: string | null | undefined, numberLocale?: string): string {
  if (currencyCode) return formatMoney(amount, currencyCode);
  return new Intl.NumberFormat(numberLocale, { maximumFractionDigits: 2 }).format(amount);
}

/** A whole-number percentage, rounded down so a value just under a threshold never reads as on it. */
export function formatPercent(part: number, whole: number): string {
  return `${Math.floor((part / whole) * 100)}%`;
}

// Licensed HCPs who are not addressed as "Dr"; everyone else in the picklist is.
const NOT_ADDRESSED_AS_DOCTOR: ReadonlySet<PrimaryType> = new Set<PrimaryType>([
  'Physician Assistant',
  'Nurse Practitioner',
  'Pharmacist',
  'Nurse',
]);

/** "Dr Asha Rao", or "HCP 003…" when the Contact was not loaded. */
export function hcpName(doctor: Doctor | undefined, doctorId: string): string {
  if (!doctor) return `HCP ${doctorId}`;
  const name = (doctor.Name ?? [doctor.FirstName, doctor.LastName].filter(Boolean).join(' ')).trim();
  if (!name) return `HCP ${doctorId}`;
  if (/^dr\b/i.test(name)) return name;
  if (doctor.CME_Primary_Type__c && NOT_ADDRESSED_AS_DOCTOR.has(doctor.CME_Primary_Type__c)) return name;
  return `Dr ${name}`;
}

/** The event's name, or its id when the name was not loaded. */
export function eventName(event: CmeEvent | undefined, eventId: string): string {
  const name = event?.Name?.trim();
  return name ? name : `Event ${eventId}`;
}

/** "Singapore (SG)"; just the code when the runtime has no region names. */
export function countryName(code: string, locale: string = DEFAULT_LOCALE): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'region' }).of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}

/** "1 event" / "3 events". */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}

/** "a", "a and b", "a, b and c". */
export function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "11th", "2nd". */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  const suffix = ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${suffix}`;
}
