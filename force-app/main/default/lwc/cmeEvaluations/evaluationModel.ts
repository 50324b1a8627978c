/**
 * Pure logic of the Evaluations screen: the event's attendees with their evaluation, the summary
 * line's numbers, whether evaluations are open, the draft a rep (or the doctor) fills in, its checks,
 * and the fields updateRecord writes. The checks are CME_Attendance__c's evaluation validation rules
 * (Completed_Evaluation_Needs_*, Evaluation_*_Range, Evaluation_Needs_Attendance), so a draft that
 * passes here passes on the server. Unit-tested directly.
 */
import { hcpName } from 'c/cmeDomain';
import type { Doctor } from 'c/cmeDomain';
import { nodesOf, plainRecord, recordsOf } from 'c/cmeRecords';

import ID_FIELD from '@salesforce/schema/CME_Attendance__c.Id';
import OVERALL_FIELD from '@salesforce/schema/CME_Attendance__c.Feedback_Rating__c';
import RELEVANCE_FIELD from '@salesforce/schema/CME_Attendance__c.Evaluation_Relevance__c';
import SPEAKER_FIELD from '@salesforce/schema/CME_Attendance__c.Evaluation_Speaker__c';
import PRACTICE_CHANGE_FIELD from '@salesforce/schema/CME_Attendance__c.Evaluation_Practice_Change__c';
import COMMENTS_FIELD from '@salesforce/schema/CME_Attendance__c.Evaluation_Comments__c';
import EVALUATED_ON_FIELD from '@salesforce/schema/CME_Attendance__c.Evaluated_On__c';

/** The field whose value completes an evaluation: who may edit it may record evaluations. */
export const COMPLETION_FIELD = EVALUATED_ON_FIELD.fieldApiName;

/** Evaluation_Comments__c is a LongTextArea(4000). */
export const COMMENTS_MAX_LENGTH = 4000;

/** Evaluation_Practice_Change__c's values (a restricted picklist). */
export const PRACTICE_CHANGE_VALUES = ['Yes', 'No', 'Unsure'] as const;

/** The 1–5 scale of the three ratings, as the radio groups' values. */
export const RATING_VALUES = ['1', '2', '3', '4', '5'] as const;

/** What the form edits: the three ratings and the practice change as the radio groups' values ('' = none). */
export interface EvaluationDraft {
  overall: string;
  relevance: string;
  speaker: string;
  practiceChange: string;
  comments: string;
}

/** The draft's fields, by the attendance field each writes: the form's inputs carry these as data-field. */
export const DRAFT_FIELDS: Readonly<Record<keyof EvaluationDraft, string>> = Object.freeze({
  overall: OVERALL_FIELD.fieldApiName,
  relevance: RELEVANCE_FIELD.fieldApiName,
  speaker: SPEAKER_FIELD.fieldApiName,
  practiceChange: PRACTICE_CHANGE_FIELD.fieldApiName,
  comments: COMMENTS_FIELD.fieldApiName,
});

export type DraftProblem = 'required' | 'tooLong';

/** One attendee of the event, as the list shows them and the form starts from. */
export interface EvaluationRow {
  attendanceId: string;
  doctorId: string;
  name: string;
  completed: boolean;
  /** When the evaluation was completed (ISO date-time), else null. */
  evaluatedOn: string | null;
  /** The attendance has a check-in or minutes: Evaluation_Needs_Attendance accepts an evaluation. */
  attended: boolean;
  draft: EvaluationDraft;
}

/** What the screen needs of the event. */
export interface EvaluatedEvent {
  name: string;
  start: string | null;
  status: string;
  timeZone: string | null;
}

interface AttendanceRow {
  Id: string;
  Doctor__c?: string | null;
  Doctor__r?: Omit<Doctor, 'Id'> | null;
  Checked_In_At__c?: string | null;
  Minutes_Attended__c?: number | null;
  Feedback_Rating__c?: number | null;
  Evaluation_Relevance__c?: number | null;
  Evaluation_Speaker__c?: number | null;
  Evaluation_Practice_Change__c?: string | null;
  Evaluation_Comments__c?: string | null;
  Evaluated_On__c?: string | null;
}

/** A stored 1–5 rating as the radio group's value; '' when there is none (or it is out of range). */
function ratingText(value: number | null | undefined): string {
  return typeof value === 'number' && value >= 1 && value <= 5 ? String(Math.round(value)) : '';
}

/** The event of the query's answer, or undefined when it is not there (deleted, not shared). */
export function eventFrom(data: unknown): EvaluatedEvent | undefined {
  const event = recordsOf<{
    Name?: string;
    Start__c?: string | null;
    Status__c?: string | null;
    Time_Zone__c?: string | null;
  }>(data, 'CME_Event__c')[0];
  if (!event) return undefined;
  return {
    name: event.Name ?? '',
    start: event.Start__c ?? null,
    status: event.Status__c ?? '',
    timeZone: event.Time_Zone__c ?? null,
  };
}

/** The event's attendances, one row each, by name. */
export function evaluationRowsFrom(data: unknown): EvaluationRow[] {
  const rows = nodesOf(data, 'CME_Attendance__c').map((node) => {
    const a = plainRecord<AttendanceRow>(node);
    const doctorId = a.Doctor__c ?? '';
    return {
      attendanceId: a.Id,
      doctorId,
      name: hcpName({ Id: doctorId, ...(a.Doctor__r ?? {}) }, doctorId),
      completed: !!a.Evaluated_On__c,
      evaluatedOn: a.Evaluated_On__c ?? null,
      attended: !!a.Checked_In_At__c || (a.Minutes_Attended__c ?? 0) > 0,
      draft: {
        overall: ratingText(a.Feedback_Rating__c),
        relevance: ratingText(a.Evaluation_Relevance__c),
        speaker: ratingText(a.Evaluation_Speaker__c),
        practiceChange: a.Evaluation_Practice_Change__c ?? '',
        comments: a.Evaluation_Comments__c ?? '',
      },
    };
  });
  return rows.sort((a, b) => a.name.localeCompare(b.name) || a.attendanceId.localeCompare(b.attendanceId));
}

/** The largest GraphQL page; an event with more attendances is read in several pages. */
export const ATTENDANCE_PAGE_SIZE = 2000;
/**
 * How many attendances the screen reads at most. Cursor paging without `upperBound` stops at 4,000
 * records; with it, pages of up to 2,000 (`first`) run up to `upperBound` records ("Paginate with
 * Upper-Bound Limit", developer.salesforce.com/docs/platform/graphql/guide/paginate-use-upperbound.html;
 * API v59.0+), as the RSVP tracker reads invitations. The summary needs every attendance.
 */
export const ATTENDANCE_UPPER_BOUND = 50000;

/** The rows read so far with a page's rows put in (a reloaded page replaces its rows), by name. */
export function mergeEvaluationRows(rows: readonly EvaluationRow[], page: readonly EvaluationRow[]): EvaluationRow[] {
  const byId = new Map(rows.map((r) => [r.attendanceId, r]));
  for (const r of page) byId.set(r.attendanceId, r);
  return [...byId.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.attendanceId.localeCompare(b.attendanceId),
  );
}

/** Completed evaluations of all attendees, and the average overall rating of the completed ones (null: none). */
export function evaluationSummary(rows: readonly EvaluationRow[]): {
  completed: number;
  total: number;
  averageOverall: number | null;
} {
  const done = rows.filter((r) => r.completed);
  const ratings = done.map((r) => Number(r.draft.overall)).filter((n) => n >= 1 && n <= 5);
  const averageOverall = ratings.length ? ratings.reduce((sum, n) => sum + n, 0) / ratings.length : null;
  return { completed: done.length, total: rows.length, averageOverall };
}

/** Evaluations open once the event has started (an event without a start never opens). */
export function hasStarted(event: EvaluatedEvent, now: Date): boolean {
  const start = event.start ? Date.parse(event.start) : NaN;
  return Number.isFinite(start) && start <= now.getTime();
}

/** The event statuses whose attendance the org still writes (Attendance_Only_On_Held_Events). */
const WRITABLE_STATUSES: readonly string[] = ['Approved', 'Completed'];

/**
 * Attendance_Only_On_Held_Events accepts attendance writes only on Approved and Completed events (an
 * admin's lifecycle bypass aside), so at any other status — Draft, Pending Approval, Rejected,
 * Cancelled, Closed, or none — the evaluations are read-only rather than a form whose save fails.
 */
export function isReadOnly(event: EvaluatedEvent): boolean {
  return !WRITABLE_STATUSES.includes(event.status);
}

/** What is wrong with each field of a draft about to complete the evaluation; empty when nothing is. */
export function draftProblems(draft: EvaluationDraft): Partial<Record<keyof EvaluationDraft, DraftProblem>> {
  const problems: Partial<Record<keyof EvaluationDraft, DraftProblem>> = {};
  for (const key of ['overall', 'relevance', 'speaker'] as const)
    if (!(RATING_VALUES as readonly string[]).includes(draft[key])) problems[key] = 'required';
  if (!(PRACTICE_CHANGE_VALUES as readonly string[]).includes(draft.practiceChange))
    problems.practiceChange = 'required';
  if (draft.comments.length > COMMENTS_MAX_LENGTH) problems.comments = 'tooLong';
  return problems;
}

/**
 * The fields updateRecord writes to complete an attendance's evaluation. Evaluated_On__c is when the
 * attendee completed it: `now` for a first completion, and the time on record (`completedOn`) kept when
 * a completed evaluation is corrected — as the survey import does — so a correction does not move the
 * completion date a certificate or an audit relies on.
 */
export function evaluationFields(
  attendanceId: string,
  draft: EvaluationDraft,
  now: Date,
  completedOn: string | null = null,
): Record<string, unknown> {
  return {
    [ID_FIELD.fieldApiName]: attendanceId,
    [OVERALL_FIELD.fieldApiName]: Number(draft.overall),
    [RELEVANCE_FIELD.fieldApiName]: Number(draft.relevance),
    [SPEAKER_FIELD.fieldApiName]: Number(draft.speaker),
    [PRACTICE_CHANGE_FIELD.fieldApiName]: draft.practiceChange,
    [COMMENTS_FIELD.fieldApiName]: draft.comments.trim() || null,
    [EVALUATED_ON_FIELD.fieldApiName]: completedOn || now.toISOString(),
  };
}

/** The draft key of an attendance field the form shows, else undefined (server errors elsewhere go to the notice). */
export function draftKeyOf(field: string): keyof EvaluationDraft | undefined {
  return (Object.keys(DRAFT_FIELDS) as (keyof EvaluationDraft)[]).find((key) => DRAFT_FIELDS[key] === field);
}
