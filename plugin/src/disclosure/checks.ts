// Small record checks every disclosure standard runs before a file is written (issue 14, item 5):
// each looks at one value and returns what is wrong with it and how to fix it, or null. A check knows
// the file's name for the value (the column) and where the value comes from in the org (the source:
// "Contact.MailingState", "the expense line's Amount__c"), so the fix it writes tells the user which
// record to change. `recordProblem` turns a check's answer into a validation.csv row.
import { npiProblem } from '../domain/cmeDomain.ts';
import type { IsoDate } from '../domain/cmeDomain.ts';
import type { DisclosureLine, DisclosurePeriod, ExcludedLine, ExclusionReason, RecordProblem } from './types.ts';

/** What a check found: a RecordProblem without the ids of the record it belongs to. */
export interface FieldProblem {
  /** The column, as the standard's data file names it. */
  field: string;
  /** The value as it was found ('' when blank). */
  value: string;
  problem: string;
  fix: string;
}

/** The column being checked and the org field (or record) its value comes from. */
export interface CheckTarget {
  field: string;
  /** Where to change the value, in words the user finds it by: "Contact.MailingPostalCode". */
  source: string;
}

/** The ids a record's problems are listed under in validation.csv. */
export interface RecordIds {
  recordId: string;
  doctorId: string | null;
  eventId: string | null;
}

export function recordProblem(ids: RecordIds, found: FieldProblem): RecordProblem {
  return { ...ids, ...found };
}

/** Every problem found for one record, the nulls (values that passed) left out. */
export function recordProblems(ids: RecordIds, found: ReadonlyArray<FieldProblem | null>): RecordProblem[] {
  const problems: RecordProblem[] = [];
  for (const problem of found) if (problem) problems.push(recordProblem(ids, problem));
  return problems;
}

/** A line of the ledger left out of a file (a check failed, or a rule excludes it), for excluded.csv. */
export function excludedLineOf(line: DisclosureLine, reason: ExclusionReason, detail: string): ExcludedLine {
  return {
    eventId: line.eventId,
    expenseId: line.expenseId,
    doctorId: line.doctorId,
    category: line.category,
    amount: line.amount,
    currency: line.currency,
    date: line.date,
    reason,
    detail,
  };
}

function textOf(value: string | number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

function found(target: CheckTarget, value: string, problem: string, fix: string): FieldProblem {
  return { field: target.field, value, problem, fix };
}

/** A required text: present and not only spaces. */
export function requiredTextProblem(target: CheckTarget, value: string | null | undefined): FieldProblem | null {
  if (textOf(value).trim() !== '') return null;
  return found(target, '', `${target.field} is required and is blank.`, `Fill in ${target.source}.`);
}

/** A text no longer than the standard's limit (counted in characters as the user sees them). */
export function textLengthProblem(
  target: CheckTarget,
  value: string | null | undefined,
  maxLength: number,
): FieldProblem | null {
  const text = textOf(value);
  // UTF-16 units are never fewer than characters, so a text within the limit in units is within it.
  if (text.length <= maxLength) return null;
  // Count code points, not UTF-16 units: an emoji or a rare CJK character is one character to a regulator.
  const length = [...text].length;
  if (length <= maxLength) return null;
  return found(
    target,
    text,
    `${target.field} has ${length} characters; at most ${maxLength} are allowed.`,
    `Shorten ${target.source} to ${maxLength} characters or fewer.`,
  );
}

/** An amount of money as a regulator accepts it: a finite number above zero with at most two decimals. */
export function amountProblem(target: CheckTarget, amount: number | null | undefined): FieldProblem | null {
  const value = textOf(amount);
  if (amount === null || amount === undefined || !Number.isFinite(amount))
    return found(target, value, `${target.field} is not an amount.`, `Enter the amount in ${target.source}.`);
  if (amount <= 0)
    return found(
      target,
      value,
      `${target.field} must be above zero; it is ${value}.`,
      `Correct ${target.source}, or remove the line if nothing was paid.`,
    );
  // A float with two decimals times 100 lands within a rounding error of a whole number.
  const cents = amount * 100;
  if (Math.abs(cents - Math.round(cents)) > 1e-6)
    return found(
      target,
      value,
      `${target.field} has more than two decimals (${value}).`,
      `Round ${target.source} to the cent.`,
    );
  return null;
}

/** Whether a YYYY-MM-DD text is a day of the Gregorian calendar (no 30 February). */
function isRealDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one.
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A day (YYYY-MM-DD) inside the reporting period, both ends included. */
export function dateInPeriodProblem(
  target: CheckTarget,
  date: IsoDate | null | undefined,
  period: DisclosurePeriod,
): FieldProblem | null {
  const value = textOf(date);
  if (value === '')
    return found(target, '', `${target.field} is required and is blank.`, `Enter the date in ${target.source}.`);
  if (!isRealDay(value))
    return found(
      target,
      value,
      `${target.field} is not a calendar day (YYYY-MM-DD).`,
      `Enter a real date in ${target.source}.`,
    );
  // ISO days compare as text in date order.
  if (value < period.start || value > period.end)
    return found(
      target,
      value,
      `${target.field} ${value} is outside ${period.label} (${period.start} to ${period.end}).`,
      `Correct ${target.source}, or report the line in the period it was paid in.`,
    );
  return null;
}

/**
 * The two-letter codes of USPS Publication 28, Appendix B ("Two-Letter State and Possession
 * Abbreviations"): the 50 states, the District of Columbia, the five inhabited territories, the three
 * freely associated states and the three Armed Forces codes (APO/FPO/DPO addresses), with the name
 * each abbreviates so an org that holds the state's name (State picklists' integration values) still
 * matches.
 */
export const USPS_STATE_CODES: Readonly<Record<string, string>> = Object.freeze({
  AL: 'Alabama',
  AK: 'Alaska',
  AZ: 'Arizona',
  AR: 'Arkansas',
  CA: 'California',
  CO: 'Colorado',
  CT: 'Connecticut',
  DE: 'Delaware',
  DC: 'District of Columbia',
  FL: 'Florida',
  GA: 'Georgia',
  HI: 'Hawaii',
  ID: 'Idaho',
  IL: 'Illinois',
  IN: 'Indiana',
  IA: 'Iowa',
  KS: 'Kansas',
  KY: 'Kentucky',
  LA: 'Louisiana',
  ME: 'Maine',
  MD: 'Maryland',
  MA: 'Massachusetts',
  MI: 'Michigan',
  MN: 'Minnesota',
  MS: 'Mississippi',
  MO: 'Missouri',
  MT: 'Montana',
  NE: 'Nebraska',
  NV: 'Nevada',
  NH: 'New Hampshire',
  NJ: 'New Jersey',
  NM: 'New Mexico',
  NY: 'New York',
  NC: 'North Carolina',
  ND: 'North Dakota',
  OH: 'Ohio',
  OK: 'Oklahoma',
  OR: 'Oregon',
  PA: 'Pennsylvania',
  RI: 'Rhode Island',
  SC: 'South Carolina',
  SD: 'South Dakota',
  TN: 'Tennessee',
  TX: 'Texas',
  UT: 'Utah',
  VT: 'Vermont',
  VA: 'Virginia',
  WA: 'Washington',
  WV: 'West Virginia',
  WI: 'Wisconsin',
  WY: 'Wyoming',
  AS: 'American Samoa',
  GU: 'Guam',
  MP: 'Northern Mariana Islands',
  PR: 'Puerto Rico',
  VI: 'U.S. Virgin Islands',
  FM: 'Federated States of Micronesia',
  MH: 'Marshall Islands',
  PW: 'Palau',
  AA: 'Armed Forces Americas',
  AE: 'Armed Forces Europe',
  AP: 'Armed Forces Pacific',
});

const STATE_CODE_BY_NAME: ReadonlyMap<string, string> = new Map([
  ...Object.entries(USPS_STATE_CODES).map(([code, name]) => [name.toUpperCase(), code] as const),
  // The Virgin Islands' name as Salesforce's State picklist and common usage write it.
  ['VIRGIN ISLANDS', 'VI'],
  ['US VIRGIN ISLANDS', 'VI'],
]);

/** A code given as itself or as one of the names it stands for (any case), or null when it is neither. */
function codeOf(
  value: string | null | undefined,
  isCode: (text: string) => boolean,
  byName: ReadonlyMap<string, string>,
) {
  const text = textOf(value).trim().toUpperCase();
  if (text === '') return null;
  if (isCode(text)) return text;
  return byName.get(text) ?? null;
}

/** The problem with a value that must be a code (or a name that maps to one): blank, or unknown. */
function codeProblem(
  target: CheckTarget,
  value: string | null | undefined,
  lookup: (value: string) => string | null,
  what: { noun: string; notOne: string; enter: string },
): FieldProblem | null {
  const text = textOf(value).trim();
  if (text === '')
    return found(
      target,
      '',
      `${target.field} is required and is blank.`,
      `Enter the ${what.noun} in ${target.source}.`,
    );
  if (lookup(text)) return null;
  return found(
    target,
    text,
    `${target.field} "${text}" is not ${what.notOne}.`,
    `Enter ${what.enter} in ${target.source}.`,
  );
}

/** The USPS code for a state given as its code or its name (any case), or null when it is neither. */
export function usStateCode(value: string | null | undefined): string | null {
  return codeOf(value, (text) => Object.hasOwn(USPS_STATE_CODES, text), STATE_CODE_BY_NAME);
}

/** A US state: a USPS code, or a name that maps to one (the file then carries the code). */
export function usStateProblem(target: CheckTarget, value: string | null | undefined): FieldProblem | null {
  return codeProblem(target, value, usStateCode, {
    noun: 'state',
    notOne: 'a US state or territory',
    enter: 'the two-letter USPS code (for example MA)',
  });
}

/** A US ZIP code: five digits, or ZIP+4 written 12345-6789. */
export function zipProblem(target: CheckTarget, value: string | null | undefined): FieldProblem | null {
  const text = textOf(value).trim();
  if (text === '')
    return found(target, '', `${target.field} is required and is blank.`, `Enter the ZIP code in ${target.source}.`);
  if (/^\d{5}(-\d{4})?$/.test(text)) return null;
  return found(
    target,
    text,
    `${target.field} "${text}" is not a ZIP code (12345) or ZIP+4 (12345-6789).`,
    `Correct ${target.source}.`,
  );
}

/**
 * The ISO 3166-1 alpha-2 codes officially assigned (249; ISO 3166 Maintenance Agency's list, as
 * published on iso.org's Online Browsing Platform). User-assigned codes (AA, QM–QZ, XA–XZ, ZZ) and
 * reserved ones (EU, UK) are not countries, so they are refused.
 */
const ISO_COUNTRY_CODES: ReadonlySet<string> = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
    'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO ' +
    'FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE ' +
    'JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO ' +
    'MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW ' +
    'PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM ' +
    'TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);

export function isIsoCountryCode(code: string): boolean {
  return ISO_COUNTRY_CODES.has(code);
}

/**
 * English names an org's Country field may hold instead of the code (Salesforce's Country picklists
 * store the full name as the integration value), for the countries the seed uses and their common
 * neighbours. Extend it here when an org holds another name; a code is always accepted.
 */
export const COUNTRY_CODE_BY_NAME: ReadonlyMap<string, string> = new Map([
  ['UNITED STATES', 'US'],
  ['UNITED STATES OF AMERICA', 'US'],
  ['USA', 'US'],
  ['U.S.A.', 'US'],
  ['INDIA', 'IN'],
  ['GERMANY', 'DE'],
  ['FRANCE', 'FR'],
  ['SPAIN', 'ES'],
  ['ITALY', 'IT'],
  ['NETHERLANDS', 'NL'],
  ['THE NETHERLANDS', 'NL'],
  ['UNITED KINGDOM', 'GB'],
  ['GREAT BRITAIN', 'GB'],
  ['IRELAND', 'IE'],
  ['BELGIUM', 'BE'],
  ['LUXEMBOURG', 'LU'],
  ['SWITZERLAND', 'CH'],
  ['AUSTRIA', 'AT'],
  ['PORTUGAL', 'PT'],
  ['SWEDEN', 'SE'],
  ['DENMARK', 'DK'],
  ['NORWAY', 'NO'],
  ['FINLAND', 'FI'],
  ['POLAND', 'PL'],
  ['GREECE', 'GR'],
  ['CANADA', 'CA'],
  ['MEXICO', 'MX'],
]);

/** The ISO alpha-2 code for a country given as its code or one of the names above, or null. */
export function countryCode(value: string | null | undefined): string | null {
  return codeOf(value, isIsoCountryCode, COUNTRY_CODE_BY_NAME);
}

/** A country: an ISO 3166-1 alpha-2 code, or a name that maps to one (the file then carries the code). */
export function countryProblem(target: CheckTarget, value: string | null | undefined): FieldProblem | null {
  return codeProblem(target, value, countryCode, {
    noun: 'country',
    notOne: 'an ISO 3166-1 alpha-2 country code or a country name this tool knows',
    enter: 'the two-letter ISO code (for example US)',
  });
}

/** An NPI: 10 digits with the CMS check digit (the domain core's npiProblem says what is wrong). */
export function npiFieldProblem(target: CheckTarget, value: string | null | undefined): FieldProblem | null {
  const problem = npiProblem(value);
  if (!problem) return null;
  return found(
    target,
    textOf(value).trim(),
    problem,
    `Enter the HCP's 10-digit NPI from the NPPES registry in ${target.source}.`,
  );
}

/** A value from a closed list (a regulator's allowed values); compared exactly, as the regulator does. */
export function allowedValueProblem(
  target: CheckTarget,
  value: string | null | undefined,
  allowed: readonly string[],
): FieldProblem | null {
  const text = textOf(value);
  if (allowed.includes(text)) return null;
  return found(
    target,
    text,
    text === ''
      ? `${target.field} is required and is blank.`
      : `${target.field} "${text}" is not one of the allowed values.`,
    `Use one of: ${allowed.join('; ')} (set through ${target.source}).`,
  );
}
