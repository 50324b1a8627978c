// The report window and formats of `sf cme report compliance`, from its flags: one of --from/--to,
// --year or --fiscal-year, real calendar days, from before to. zod collects every problem at once.
import { z } from 'zod';
import { REPORT_FORMATS } from '../report/types.ts';
import type { ReportFormat, ReportWindow } from '../report/types.ts';
import { isoDate } from './seedPlan.ts';

/** Fiscal years run April to March (the Indian financial year UCPMP reports on). */
export const FISCAL_YEAR_START_MONTH = 4;

const year = z.number().int().min(2000).max(2100);

export const reportFlagsSchema = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    year: year.optional(),
    fiscalYear: year.optional(),
    asOf: isoDate,
    formats: z.array(z.enum(REPORT_FORMATS as [ReportFormat, ...ReportFormat[]])).min(1, 'choose at least one format'),
  })
  .strict();

/** How the window flags combine; checked apart from the values so both kinds of problem are listed. */
function windowProblems(flags: ReportFlags): string[] {
  const problems: string[] = [];
  const ways = [
    flags.from !== undefined || flags.to !== undefined,
    flags.year !== undefined,
    flags.fiscalYear !== undefined,
  ];
  if (ways.filter(Boolean).length > 1) problems.push('window: use only one of --from/--to, --year and --fiscal-year');
  if (flags.to !== undefined && flags.from === undefined) problems.push('from: --to needs --from');
  if (flags.from && flags.to && flags.from > flags.to)
    problems.push(`to: --to (${flags.to}) is before --from (${flags.from})`);
  return problems;
}

/** The flags as the command has them: formats are any text until validated. */
export type ReportFlags = Omit<z.input<typeof reportFlagsSchema>, 'formats'> & { formats: readonly string[] };

export interface ResolvedReportFlags {
  window: ReportWindow;
  asOf: string;
  formats: ReportFormat[];
}

const pad = (n: number) => String(n).padStart(2, '0');

function lastDayBefore(year: number, month: number): string {
  return new Date(Date.UTC(year, month - 1, 0)).toISOString().slice(0, 10);
}

/** The window the flags name; with none, the calendar year of --as-of. */
export function resolveReportFlags(flags: ReportFlags): ResolvedReportFlags | { problems: string[] } {
  const parsed = reportFlagsSchema.safeParse(flags);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || 'flags'}: ${i.message}`)),
    ...windowProblems(flags),
  ];
  if (!parsed.success || problems.length) return { problems };
  const f = parsed.data;
  const formats = [...new Set(f.formats)];
  let window: ReportWindow;
  if (f.fiscalYear !== undefined) {
    const start = `${f.fiscalYear}-${pad(FISCAL_YEAR_START_MONTH)}-01`;
    window = {
      start,
      end: lastDayBefore(f.fiscalYear + 1, FISCAL_YEAR_START_MONTH),
      label: `FY${f.fiscalYear}-${pad((f.fiscalYear + 1) % 100)}`,
    };
  } else if (f.from !== undefined) {
    const end = f.to ?? f.asOf;
    if (end < f.from) return { problems: [`from: --from (${f.from}) is after --as-of (${end}); give --to`] };
    window = { start: f.from, end, label: `${f.from} to ${end}` };
  } else {
    const y = f.year ?? Number(f.asOf.slice(0, 4));
    window = { start: `${y}-01-01`, end: `${y}-12-31`, label: String(y) };
  }
  return { window, asOf: f.asOf, formats };
}
