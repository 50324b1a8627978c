// The input of `sf cme attendance import`: its flags, and the org's answer to an sObject Collections
// write (checked, so a reply of another shape is an error that names it rather than records lost
// without a word). zod collects every problem at once.
import path from 'node:path';
import { z } from 'zod';
import { WEBINAR_SOURCES } from '../attendance/types.ts';
import type { DateOrder } from '../attendance/localTime.ts';
import type { WebinarSource } from '../attendance/types.ts';
import { isTimeZone } from './evaluationsImport.ts';
import { formatPlanIssues } from './seedPlan.ts';

export const ATTENDANCE_SOURCE_OPTIONS = ['auto', ...WEBINAR_SOURCES] as const;

/** --date-order: which number of a slashed date is the month (localTime.ts DateOrder). */
export const ATTENDANCE_DATE_ORDERS = ['month-first', 'day-first'] as const satisfies readonly DateOrder[];

export const attendanceImportFlagsSchema = z
  .object({
    event: z
      .string()
      .trim()
      .min(1, 'give the event key (Event_Key__c) or its record Id')
      .max(255, 'an event key is at most 255 characters'),
    file: z.string().min(1, 'give the attendance report file'),
    source: z.enum(ATTENDANCE_SOURCE_OPTIONS),
    reviewFile: z.string().min(1, 'give a file name for the review CSV').optional(),
    dryRun: z.boolean(),
    timeZone: z
      .string()
      .refine(isTimeZone, 'give an IANA time zone, for example Asia/Kolkata, Europe/Berlin or America/New_York')
      .optional(),
    dateOrder: z.enum(ATTENDANCE_DATE_ORDERS).optional(),
  })
  .strict();

export type AttendanceImportFlags = Omit<z.input<typeof attendanceImportFlagsSchema>, 'source' | 'dateOrder'> & {
  source: string;
  dateOrder?: string;
};

export interface ResolvedAttendanceImport {
  event: string;
  file: string;
  source: WebinarSource | 'auto';
  /** Where the review CSV goes: --review-file, else beside the report (`<report>.review.csv`). */
  reviewFile: string;
  dryRun: boolean;
  /** --time-zone: the IANA zone of the report's local times, over the event's Time_Zone__c. */
  timeZone?: string;
  /** --date-order: how slashed dates read, over what the file proves or the AM/PM default. */
  dateOrder?: DateOrder;
}

/** `report.csv` → `report.review.csv` in the same folder: found where the report is, for the same person. */
export function defaultReviewFile(file: string): string {
  const parsed = path.parse(path.resolve(file));
  return path.join(parsed.dir, `${parsed.name}.review.csv`);
}

/** The import the flags ask for, or every problem with them. */
export function resolveAttendanceImportFlags(
  flags: AttendanceImportFlags,
): ResolvedAttendanceImport | { problems: string[] } {
  const parsed = attendanceImportFlagsSchema.safeParse(flags);
  if (!parsed.success) return { problems: formatPlanIssues(parsed.error) };
  const { event, file, source, reviewFile, dryRun, timeZone, dateOrder } = parsed.data;
  return {
    event,
    file: path.resolve(file),
    source,
    reviewFile: reviewFile ? path.resolve(reviewFile) : defaultReviewFile(file),
    dryRun,
    ...(timeZone === undefined ? {} : { timeZone }),
    ...(dateOrder === undefined ? {} : { dateOrder }),
  };
}

/** One record's answer in an sObject Collections response (REST API: SaveResult / UpsertResult). */
export const collectionResultSchema = z.object({
  id: z.string().nullish(),
  success: z.boolean(),
  created: z.boolean().optional(),
  errors: z
    .array(
      z.object({
        statusCode: z.string().optional(),
        message: z.string().optional(),
        fields: z.array(z.string()).optional(),
      }),
    )
    .optional(),
});

export type CollectionResult = z.infer<typeof collectionResultSchema>;

/** The answers of one call, one per record sent, in the order sent. */
export function parseCollectionResults(body: unknown, sent: number): CollectionResult[] | { problem: string } {
  const parsed = z.array(collectionResultSchema).safeParse(body);
  if (!parsed.success)
    return {
      problem: `the org's answer is not a list of record results (${formatPlanIssues(parsed.error).join('; ')})`,
    };
  if (parsed.data.length !== sent)
    return { problem: `the org answered for ${parsed.data.length} records of the ${sent} sent` };
  return parsed.data;
}
