// The period, countries and formats of `sf cme report disclosure`, from its flags. Each standard has
// its own kind of year: Open Payments a program year and EFPIA a calendar year (--year), UCPMP the
// Indian financial year, April to March (--fiscal-year, the year it starts in). zod collects every
// problem at once, so one run names all that is wrong with the flags.
import { z } from 'zod';
import { DISCLOSURE_STANDARDS } from '../disclosure/types.ts';
import type { DisclosurePeriod, DisclosureStandardName } from '../disclosure/types.ts';
import { isoDate } from './seedPlan.ts';

export type DisclosureFormat = 'csv' | 'xlsx' | 'pdf';
export const DISCLOSURE_FORMATS: readonly DisclosureFormat[] = ['csv', 'xlsx', 'pdf'];

const year = z.number().int().min(2000).max(2100);

export const disclosureFlagsSchema = z
  .object({
    standard: z.enum(DISCLOSURE_STANDARDS as [DisclosureStandardName, ...DisclosureStandardName[]]),
    year: year.optional(),
    fiscalYear: year.optional(),
    countries: z
      .array(z.string().regex(/^[A-Za-z]{2}$/, 'a country is its ISO 3166-1 alpha-2 code, e.g. DE'))
      .optional(),
    asOf: isoDate,
    formats: z
      .array(z.enum(DISCLOSURE_FORMATS as [DisclosureFormat, ...DisclosureFormat[]]))
      .min(1, 'choose at least one format'),
  })
  .strict();

/** The flags as the command has them: the standard and formats are any text until validated. */
export type DisclosureFlags = Omit<z.input<typeof disclosureFlagsSchema>, 'standard' | 'formats'> & {
  standard: string;
  formats: readonly string[];
};

export interface ResolvedDisclosureFlags {
  standard: DisclosureStandardName;
  period: DisclosurePeriod;
  /** EFPIA: the countries asked for (upper case); undefined = every country with recipients. */
  countries: string[] | undefined;
  asOf: string;
  formats: DisclosureFormat[];
}

/** Which year flag goes with which standard, checked apart from the values so both kinds are listed. */
function combinationProblems(flags: DisclosureFlags): string[] {
  const problems: string[] = [];
  if (flags.standard === 'ucpmp' && flags.year !== undefined)
    problems.push('year: UCPMP reports a financial year (April to March): use --fiscal-year, e.g. --fiscal-year 2025');
  if (flags.standard !== 'ucpmp' && flags.fiscalYear !== undefined)
    problems.push(`fiscal-year: ${flags.standard} reports a calendar year: use --year, e.g. --year 2025`);
  if (flags.standard !== 'efpia' && flags.countries?.length)
    problems.push('country: --country goes with --standard efpia (one national file per country)');
  return problems;
}

/** The period of a standard for a year (UCPMP: the financial year that starts in it). */
export function disclosurePeriod(standard: DisclosureStandardName, year: number): DisclosurePeriod {
  if (standard === 'ucpmp')
    return { start: `${year}-04-01`, end: `${year + 1}-03-31`, label: `FY${year}-${String(year + 1).slice(2)}`, year };
  return {
    start: `${year}-01-01`,
    end: `${year}-12-31`,
    label: standard === 'open-payments' ? `PY${year}` : `${year}`,
    year,
  };
}

/**
 * The last period that has ended by `asOf`: what is filed now (Open Payments and EFPIA file the
 * previous calendar year; UCPMP declares the financial year that ended on the last 31 March).
 */
export function lastEndedYear(standard: DisclosureStandardName, asOf: string): number {
  const year = Number(asOf.slice(0, 4));
  if (standard !== 'ucpmp') return year - 1;
  return asOf.slice(5) >= '04-01' ? year - 1 : year - 2;
}

/** The period, countries and formats the flags name, or every problem with them. */
export function resolveDisclosureFlags(flags: DisclosureFlags): ResolvedDisclosureFlags | { problems: string[] } {
  const parsed = disclosureFlagsSchema.safeParse({ ...flags, formats: [...flags.formats] });
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || 'flags'}: ${i.message}`)),
    ...combinationProblems(flags),
  ];
  if (!parsed.success || problems.length) return { problems };
  const { standard, asOf } = parsed.data;
  const year = parsed.data.year ?? parsed.data.fiscalYear ?? lastEndedYear(standard, asOf);
  return {
    standard,
    period: disclosurePeriod(standard, year),
    countries: parsed.data.countries?.length
      ? [...new Set(parsed.data.countries.map((c) => c.toUpperCase()))]
      : undefined,
    asOf,
    formats: [...new Set(parsed.data.formats)],
  };
}
