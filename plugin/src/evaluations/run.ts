// `sf cme evaluations import` without the command around it: the column map and the file are read and
// checked, the event found, the respondents matched to its doctors as attendance is (matchPeople), the
// plan made, the review file written, and (unless a dry run) the evaluations written. Every refusal of
// the file, the map or the event happens before anything is written.
import fs from 'node:fs';
import path from 'node:path';
import { decodeTable } from '../attendance/decode.ts';
import { matchPeople } from '../attendance/match.ts';
import { readContactsByEmail, readImportEvent, readInvitedCandidates } from '../attendance/org.ts';
import { reviewFileProblem, writeFileAtomically } from '../attendance/review.ts';
import { AttendanceFileError } from '../attendance/types.ts';
import type { OrgApi } from '../org/api.ts';
import { isTimeZone } from '../schema/evaluationsImport.ts';
import { ColumnMapError, loadColumnMap, shippedColumnMapPaths } from './columnMap.ts';
import { readAttendanceEvaluations, writeEvaluations } from './org.ts';
import { planEvaluations } from './plan.ts';
import type { EvaluationPlanCounts, EvaluationReviewEntry, KeptEvaluation } from './plan.ts';
import { evaluationReviewCsv } from './review.ts';
import { readSurvey } from './survey.ts';

export type EvaluationsImportErrorCode =
  | 'FileUnreadable'
  | 'FileEncoding'
  | 'MissingColumn'
  | 'EmptyFile'
  | 'BadFile'
  | 'BadColumnMap'
  | 'BadTimeZone'
  | 'ReviewFileUnwritable'
  | 'EventNotFound'
  | 'EventCancelled'
  | 'EventNotHeld'
  | 'EventNotApproved';

/** A refusal before anything is written; the command picks its message and actions by the code. */
export class EvaluationsImportError extends Error {
  public readonly code: EvaluationsImportErrorCode;
  /** What the message names: the file, the event, the problems. */
  public readonly detail: readonly string[];

  public constructor(code: EvaluationsImportErrorCode, message: string, detail: readonly string[] = []) {
    super(message);
    this.name = 'EvaluationsImportError';
    this.code = code;
    this.detail = detail;
  }
}

export interface EvaluationsImportOptions {
  /** Event_Key__c or record Id. */
  event: string;
  file: string;
  /** A team's column map (--columns), laid over the shipped one. */
  columnsFile?: string;
  /** Where the review CSV goes. */
  reviewFile: string;
  dryRun: boolean;
  /** The zone of timestamps without an offset; default the event's Time_Zone__c (refused when not an IANA name), else UTC. */
  timeZone?: string;
  /** Where the shipped column map may be (tests point at the repository's). */
  columnMapPaths?: readonly string[];
  now?: () => Date;
  onProgress?: (message: string) => void;
}

/** One attendance the import wrote or would write. */
export interface EvaluationRecord {
  attendanceId: string;
  doctorId: string;
  line: number;
  name: string;
}

export interface EvaluationsImportResult {
  event: { id: string; key: string | null; name: string };
  file: string;
  /** The survey tool whose layout the file has ('generic' when none matched). */
  tool: string;
  /** Which header each field was read from. */
  columns: Record<string, string>;
  columnMaps: string[];
  timeZone: string;
  dryRun: boolean;
  counts: EvaluationPlanCounts & { written: number; refused: number; notSent: number };
  /** Written, or on a dry run to be written. */
  records: EvaluationRecord[];
  /** Attendances whose evaluation on record is as new as the row or newer: not written. */
  kept: KeptEvaluation[];
  review: { file: string; entries: EvaluationReviewEntry[] };
  /** Set when a call failed outright part way: what was not sent is in the review file. */
  stoppedBy: string | null;
  apiCalls: number;
}

/** The statuses Attendance_Only_On_Held_Events accepts (force-app/…/CME_Attendance__c/validationRules). */
const STATUSES_TAKING_ATTENDANCE = new Set(['Approved', 'Completed']);

const FILE_ERROR_CODES: Record<AttendanceFileError['kind'], EvaluationsImportErrorCode> = {
  encoding: 'FileEncoding',
  'missing-column': 'MissingColumn',
  empty: 'EmptyFile',
  'bad-value': 'BadFile',
  'unknown-source': 'BadFile',
};

function readBytes(file: string): Uint8Array {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new EvaluationsImportError('FileUnreadable', `Cannot read ${file}: ${(error as Error).message}`, [file]);
  }
}

/** The file's refusal as the import's own error, naming the file. */
function fileError(error: unknown, file: string): never {
  if (error instanceof AttendanceFileError)
    throw new EvaluationsImportError(FILE_ERROR_CODES[error.kind], `${file}: ${error.message}`, [file, error.message]);
  throw error;
}

export async function importEvaluations(
  api: OrgApi,
  options: EvaluationsImportOptions,
): Promise<EvaluationsImportResult> {
  const now = options.now?.() ?? new Date();
  const progress = options.onProgress ?? (() => {});
  let map;
  try {
    map = loadColumnMap(
      options.columnsFile,
      options.columnMapPaths ? [...options.columnMapPaths] : shippedColumnMapPaths(),
    );
  } catch (error) {
    if (error instanceof ColumnMapError)
      throw new EvaluationsImportError('BadColumnMap', error.message, error.problems);
    throw error;
  }
  if (options.timeZone !== undefined && !isTimeZone(options.timeZone))
    throw new EvaluationsImportError('BadTimeZone', `${options.timeZone} is not an IANA time zone.`, [
      options.timeZone,
    ]);
  // The review file is written after the evaluations: one that cannot be written fails now, before the org.
  const unwritable = reviewFileProblem(path.resolve(options.reviewFile));
  if (unwritable)
    throw new EvaluationsImportError(
      'ReviewFileUnwritable',
      `The review file ${path.resolve(options.reviewFile)} cannot be written: ${unwritable}.`,
      [options.reviewFile, unwritable],
    );
  let table;
  try {
    table = decodeTable(readBytes(options.file));
  } catch (error) {
    fileError(error, options.file);
  }

  progress('Reading the event');
  const event = await readImportEvent(api, options.event);
  if (!event) throw new EvaluationsImportError('EventNotFound', `No CME event ${options.event}.`, [options.event]);
  const eventName = `${event.name} (${event.key ?? event.id})`;
  if (event.status === 'Cancelled')
    throw new EvaluationsImportError('EventCancelled', `${eventName} is cancelled.`, [eventName]);
  if (!event.start || Date.parse(event.start) > now.getTime())
    throw new EvaluationsImportError(
      'EventNotHeld',
      `${eventName} has not started yet (${event.start ?? 'no start'}).`,
      [eventName, event.start ?? 'no start'],
    );
  // The validation rule Attendance_Only_On_Held_Events takes attendance changes on Approved and
  // Completed events only: refusing the others here names the problem once, not per record.
  if (!STATUSES_TAKING_ATTENDANCE.has(event.status ?? ''))
    throw new EvaluationsImportError('EventNotApproved', `${eventName} is ${event.status ?? 'without a status'}.`, [
      eventName,
      event.status ?? '',
    ]);
  // An event zone that is not an IANA name is not read as UTC behind the user's back: --time-zone says which.
  if (options.timeZone === undefined && event.timeZone !== null && !isTimeZone(event.timeZone))
    throw new EvaluationsImportError(
      'BadTimeZone',
      `${eventName} has the time zone "${event.timeZone}", which is not an IANA time zone name: the export's times cannot be read in it.`,
      [eventName, event.timeZone],
    );
  const timeZone = options.timeZone ?? event.timeZone ?? 'UTC';
  let survey;
  try {
    survey = readSurvey(table, map, { timeZone });
  } catch (error) {
    fileError(error, options.file);
  }

  progress(`Matching ${survey.respondents.length} respondents to the event's doctors`);
  const invited = await readInvitedCandidates(api, event.id);
  const emails = survey.respondents.map((r) => r.email).filter((e): e is string => e !== null);
  const contacts = emails.length ? await readContactsByEmail(api, emails) : [];
  const outcomes = matchPeople(survey.respondents, invited, contacts);
  const attendances = await readAttendanceEvaluations(api, event.id);
  const plan = planEvaluations({
    problems: survey.problems,
    outcomes,
    attendances,
    now,
    hasComments: survey.columns.comments !== undefined,
  });

  const review = [...plan.review];
  let written = plan.updates;
  let refused = 0;
  let notSent = 0;
  let stoppedBy: string | null = null;
  if (!options.dryRun && plan.updates.length) {
    progress(`Writing ${plan.updates.length} evaluations`);
    const result = await writeEvaluations(api, plan.updates, (done, total) =>
      progress(`Writing evaluations: ${done} of ${total}`),
    );
    written = result.written;
    refused = result.refused.length;
    notSent = result.notSent.length;
    stoppedBy = result.stoppedBy;
    const entry = (u: (typeof plan.updates)[number], reason: 'refused' | 'not-sent', problem: string, fix: string) =>
      review.push({
        reason,
        lines: u.respondent.lines,
        name: u.respondent.name,
        email: u.respondent.email,
        column: null,
        value: null,
        problem,
        fix,
        candidates: [],
      });
    for (const r of result.refused)
      entry(
        r.update,
        'refused',
        `the org refused the evaluation: ${r.message}`,
        'correct the answer or the attendance the org names, then import again',
      );
    for (const u of result.notSent)
      entry(
        u,
        'not-sent',
        `not written: ${result.stoppedBy ?? 'the writes stopped'}`,
        'import the file again (rows already written are not sent twice)',
      );
  } else if (options.dryRun) {
    written = plan.updates;
  }
  writeFileAtomically(path.resolve(options.reviewFile), evaluationReviewCsv(review));

  return {
    event: { id: event.id, key: event.key, name: event.name },
    file: path.resolve(options.file),
    tool: survey.tool,
    columns: Object.fromEntries(Object.entries(survey.columns).map(([field, column]) => [field, column.header])),
    columnMaps: [...map.files],
    timeZone,
    dryRun: options.dryRun,
    counts: { ...plan.counts, written: options.dryRun ? 0 : written.length, refused, notSent },
    records: written.map((u) => ({
      attendanceId: u.attendanceId,
      doctorId: u.doctorId,
      line: u.respondent.line,
      name: u.respondent.name,
    })),
    kept: plan.kept,
    // In the file's line order, as the review CSV has them.
    review: {
      file: path.resolve(options.reviewFile),
      entries: review.sort((a, b) => (a.lines[0] ?? 0) - (b.lines[0] ?? 0)),
    },
    stoppedBy,
    apiCalls: api.calls,
  };
}
