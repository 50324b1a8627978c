/**
 * The org side of `sf cme attendance import`, through plugin/src/org/api.ts (every call counted): the
 * event, its invitations with their doctors, its attendance, the Contacts whose e-mail is in the file
 * (walk-ins), each read in as few queries as their size allows — never one call per person — and the
 * writes as sObject Collections, 200 records per call, all or none per call.
 *
 * sObject Collections upsert by external id ("Upsert Records Using sObject Collections",
 * https://developer.salesforce.com/docs/platform/api-rest/guide/resources-composite-sobjects-collections-upsert.html):
 * PATCH /composite/sobjects/SobjectName/ExternalIdFieldName, up to 200 records of that one type, each
 * with attributes.type; results come back in request order, with allOrNone rolling back the call.
 */
import { OrgApiError } from '../org/api.ts';
import type { OrgApi } from '../org/api.ts';
import { eventWhere, queryPages, soqlString } from '../org/query.ts';
import type { FieldKinds, FlatRow, QuerySpec } from '../org/query.ts';
import { parseCollectionResults } from '../schema/attendanceImport.ts';
import type { CollectionResult } from '../schema/attendanceImport.ts';
import { emailKey, matchPeople } from './match.ts';
import { eventRefusal, planAttendanceImport } from './plan.ts';
import type {
  AttendancePlan,
  AttendanceWrite,
  AttendedPerson,
  EventRefusal,
  ExistingAttendance,
  ImportEvent,
  ReviewEntry,
} from './plan.ts';
import { readWebinarReport } from './report.ts';
import type { DateOrder, ReadWebinarReportOptions } from './report.ts';
import { failedWriteEntries } from './review.ts';
import { mergeSessions } from './sessions.ts';
import { AttendanceFileError } from './types.ts';
import type { MatchCandidate, WebinarReport, WebinarSource } from './types.ts';

/** sObject Collections take at most 200 records per call. */
export const COLLECTION_LIMIT = 200;

/** Characters of e-mail literals per Contact query: the query travels in a GET URL, kept well under 16 KB. */
const EMAIL_LITERALS_PER_QUERY = 6_000;

async function allRows(api: OrgApi, spec: QuerySpec): Promise<FlatRow[]> {
  const rows: FlatRow[] = [];
  for await (const page of queryPages(api, spec, { bulk: 'auto', bulkAbove: 10_000, pollMs: 50 })) rows.push(...page);
  return rows;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

const EVENT_FIELDS: FieldKinds = {
  Id: 'string',
  Name: 'string',
  Event_Key__c: 'string',
  Format__c: 'string',
  Status__c: 'string',
  Start__c: 'datetime',
  End__c: 'datetime',
  Time_Zone__c: 'string',
};

/** The event by its Event_Key__c, or by its record Id; null when the org has neither. */
export async function readImportEvent(api: OrgApi, keyOrId: string): Promise<ImportEvent | null> {
  const [row] = await allRows(api, { object: 'CME_Event__c', fields: EVENT_FIELDS, where: eventWhere(keyOrId) });
  if (!row) return null;
  return {
    id: String(row.Id),
    key: text(row.Event_Key__c),
    name: String(row.Name ?? ''),
    format: text(row.Format__c),
    status: text(row.Status__c),
    start: text(row.Start__c),
    end: text(row.End__c),
    timeZone: text(row.Time_Zone__c),
  };
}

/** The event's invited doctors, as matching takes them. */
export async function readInvitedCandidates(api: OrgApi, eventId: string): Promise<MatchCandidate[]> {
  const rows = await allRows(api, {
    object: 'CME_Invitation__c',
    fields: {
      Id: 'string',
      Doctor__c: 'string',
      'Doctor__r.FirstName': 'string',
      'Doctor__r.LastName': 'string',
      'Doctor__r.Email': 'string',
    },
    where: `Event__c = ${soqlString(eventId)}`,
    orderBy: 'Id',
  });
  return rows
    .filter((r) => r.Doctor__c)
    .map((r) => ({
      doctorId: String(r.Doctor__c),
      invitationId: String(r.Id),
      firstName: text(r['Doctor__r.FirstName']),
      lastName: String(r['Doctor__r.LastName'] ?? ''),
      email: text(r['Doctor__r.Email']),
    }));
}

/** The event's attendance already in the org. */
export async function readEventAttendance(api: OrgApi, eventId: string): Promise<ExistingAttendance[]> {
  const rows = await allRows(api, {
    object: 'CME_Attendance__c',
    fields: {
      Id: 'string',
      Attendance_Key__c: 'string',
      Doctor__c: 'string',
      Invitation__c: 'string',
      Mode__c: 'string',
      Minutes_Attended__c: 'number',
      Checked_In_At__c: 'datetime',
      Checked_Out_At__c: 'datetime',
      Sign_In_Method__c: 'string',
      Walk_In__c: 'boolean',
    },
    where: `Event__c = ${soqlString(eventId)}`,
    orderBy: 'Id',
  });
  return rows
    .filter((r) => r.Doctor__c)
    .map((r) => ({
      id: String(r.Id),
      key: text(r.Attendance_Key__c),
      doctorId: String(r.Doctor__c),
      invitationId: text(r.Invitation__c),
      mode: text(r.Mode__c),
      minutes: typeof r.Minutes_Attended__c === 'number' ? r.Minutes_Attended__c : null,
      checkedInAt: text(r.Checked_In_At__c),
      checkedOutAt: text(r.Checked_Out_At__c),
      signInMethod: text(r.Sign_In_Method__c),
      walkIn: r.Walk_In__c === true,
    }));
}

/** E-mail lists of at most `budget` characters of literals each. */
export function emailChunks(emails: readonly string[], budget = EMAIL_LITERALS_PER_QUERY): string[][] {
  const chunks: string[][] = [];
  let chunk: string[] = [];
  let size = 0;
  for (const email of emails) {
    // Literals are joined by ', ': every one after the first costs two more characters.
    const length = soqlString(email).length + (chunk.length ? 2 : 0);
    if (chunk.length && size + length > budget) {
      chunks.push(chunk);
      chunk = [email];
      size = soqlString(email).length;
      continue;
    }
    chunk.push(email);
    size += length;
  }
  if (chunk.length) chunks.push(chunk);
  return chunks;
}

/**
 * The Contacts with one of these e-mails (SOQL compares text case-insensitively), a query per chunk
 * of e-mails: the walk-in candidates. Contacts without a last name cannot be doctors and are left out.
 */
export async function readContactsByEmail(api: OrgApi, emails: readonly string[]): Promise<MatchCandidate[]> {
  const contacts: MatchCandidate[] = [];
  for (const chunk of emailChunks([...new Set(emails)])) {
    const rows = await allRows(api, {
      object: 'Contact',
      fields: { Id: 'string', FirstName: 'string', LastName: 'string', Email: 'string' },
      where: `Email IN (${chunk.map(soqlString).join(', ')})`,
      orderBy: 'Id',
    });
    for (const r of rows)
      if (r.LastName)
        contacts.push({
          doctorId: String(r.Id),
          invitationId: null,
          firstName: text(r.FirstName),
          lastName: String(r.LastName),
          email: text(r.Email),
        });
  }
  return contacts;
}

const ROLLED_BACK = 'ALL_OR_NONE_OPERATION_ROLLED_BACK';

export interface WrittenAttendance {
  write: AttendanceWrite;
  id: string;
  created: boolean;
}

export interface FailedAttendance {
  write: AttendanceWrite;
  /** The org's own error for this record, or why it was not written with it (its call was rolled back). */
  message: string;
}

export interface AttendanceWriteResult {
  written: WrittenAttendance[];
  /** Refused by the org, or rolled back with a record of their call that was. */
  failed: FailedAttendance[];
  /** Not sent, or sent without an answer, because a call failed outright: importing again is safe. */
  notSent: AttendanceWrite[];
  /** The error that stopped the writes, when one did. */
  stoppedBy: string | null;
}

/** A write as an sObject Collections record. */
export function collectionRecord(write: AttendanceWrite): Record<string, unknown> {
  return {
    attributes: { type: 'CME_Attendance__c' },
    ...(write.existingId ? { Id: write.existingId } : {}),
    Attendance_Key__c: write.key,
    ...write.fields,
  };
}

/** The error of a record a call refused, in words: its own error first, else that its call was rolled back. */
function failureMessage(result: CollectionResult | undefined): string {
  const own = (result?.errors ?? []).filter((e) => e.statusCode !== ROLLED_BACK);
  if (own.length) return own.map((e) => `${e.statusCode ?? 'ERROR'}: ${e.message ?? ''}`.trim()).join('; ');
  return 'not written: another record of the same call was refused and the call was rolled back (all or none)';
}

export interface WriteOptions {
  onProgress?: (done: number, total: number) => void;
}

/**
 * Sends the writes, 200 per call, one call at a time (attendance is the detail of its event in a
 * master-detail relationship: Salesforce locks the parent with the children it writes, so calls sent
 * side by side would meet UNABLE_TO_LOCK_ROW — "Record-Level Locking", Designing Record Access for
 * Enterprise Scale, https://developer.salesforce.com/docs/atlas.en-us.draes.meta/draes/draes_object_relationships_record_level_locking.htm),
 * all or none per call: upserts on Attendance_Key__c, and updates by Id
 * for existing records that had no key. A refused call's records are listed with their errors and the
 * next call goes on; a call that fails outright stops the writes, and what was not sent is listed.
 */
export async function writeAttendance(
  api: OrgApi,
  writes: readonly AttendanceWrite[],
  options: WriteOptions = {},
): Promise<AttendanceWriteResult> {
  const result: AttendanceWriteResult = { written: [], failed: [], notSent: [], stoppedBy: null };
  const byKey = writes.filter((w) => !w.existingId);
  const byId = writes.filter((w) => w.existingId);
  const calls = [
    ...chunk(byKey).map((part) => ({ part, path: '/composite/sobjects/CME_Attendance__c/Attendance_Key__c' })),
    ...chunk(byId).map((part) => ({ part, path: '/composite/sobjects' })),
  ];
  let done = 0;
  for (const [index, { part, path }] of calls.entries()) {
    let answers: CollectionResult[] | { problem: string };
    try {
      const body = await api.json<unknown>({
        method: 'PATCH',
        path: api.dataPath(path),
        body: { allOrNone: true, records: part.map(collectionRecord) },
      });
      answers = parseCollectionResults(body, part.length);
    } catch (error) {
      const code = error instanceof OrgApiError ? `${error.errorCode}: ` : '';
      answers = { problem: `${code}${(error as Error).message}` };
    }
    if (!Array.isArray(answers)) {
      // Whether this call's records were written is not known: upserting them again is safe.
      result.stoppedBy = answers.problem;
      result.notSent = calls.slice(index).flatMap((c) => c.part);
      return result;
    }
    part.forEach((write, i) => {
      const answer = answers[i];
      if (answer?.success && answer.id) result.written.push({ write, id: answer.id, created: answer.created === true });
      else result.failed.push({ write, message: failureMessage(answer) });
    });
    done += part.length;
    options.onProgress?.(done, writes.length);
  }
  return result;
}

function chunk<T>(items: readonly T[], size = COLLECTION_LIMIT): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < items.length; i += size) parts.push(items.slice(i, i + size));
  return parts;
}

/** A refusal before anything is written; `code` picks the command's message, `params` fill it. */
export class AttendanceImportError extends Error {
  public readonly code: 'EventNotFound' | EventRefusal | 'FileOtherMeeting' | 'NoTimeZone';
  public readonly params: string[];

  public constructor(code: AttendanceImportError['code'], message: string, params: string[]) {
    super(message);
    this.name = 'AttendanceImportError';
    this.code = code;
    this.params = params;
  }
}

export interface AttendanceImportOptions {
  /** The event's Event_Key__c or record Id. */
  event: string;
  /** The report's bytes, as the platform exported them. */
  bytes: Uint8Array;
  source: WebinarSource | 'auto';
  dryRun: boolean;
  /** IANA zone of the report's local times (--time-zone): overrides the event's Time_Zone__c. */
  timeZone?: string;
  /** Whether 03/04/2026 is 4 March or 3 April (--date-order): else what the file proves, else the default. */
  dateOrder?: DateOrder;
  /** Decides whether the event has been held yet. */
  now?: Date;
  /** Progress, for the spinner (the command words it). */
  onProgress?: (progress: ImportProgress) => void;
}

export type ImportProgress =
  | { step: 'reading'; event: string }
  | { step: 'matching'; participants: number; invitations: number }
  | { step: 'writing'; done: number; total: number };

export interface AttendanceImportOutcome {
  event: ImportEvent;
  report: Pick<WebinarReport, 'source' | 'encoding' | 'separator' | 'meeting'>;
  invitations: number;
  plan: AttendancePlan;
  /** null on a dry run. */
  writes: AttendanceWriteResult | null;
  /** Everyone not written, for the review CSV: the plan's review list, then refused and unsent writes. */
  review: ReviewEntry[];
  /** The zone the report's local times were read in (--time-zone, else the event's); null when the file states every offset. */
  timeZone: string | null;
  apiCalls: number;
}

/** A report's times may be local times read in the event's zone: ±14 h off at worst, so a day's leeway. */
const SAME_MEETING_LEEWAY_MS = 24 * 3_600_000;

/** Every session's instants, to compare two readings of one report. */
function sessionInstants(report: WebinarReport): string {
  return report.participants
    .map((p) => p.sessions.map((s) => `${s.joinedAt.getTime()}-${s.leftAt.getTime()}`).join(','))
    .join(';');
}

/**
 * Whether the report's times are the same read in two zones 12 hours apart: so every one of them
 * states its offset (or its column's), and no zone is needed to read it.
 */
export function readsTheSameInAnyZone(bytes: Uint8Array, options: Omit<ReadWebinarReportOptions, 'timeZone'>): boolean {
  const inUtc = readWebinarReport(bytes, { ...options, timeZone: 'UTC' });
  const elsewhere = readWebinarReport(bytes, { ...options, timeZone: 'Etc/GMT+12' });
  return sessionInstants(elsewhere) === sessionInstants(inUtc);
}

/**
 * Whether the report's slashed dates read both month-first and day-first, to different times: the
 * file does not prove its order, so the order taken (AM/PM → month-first) may be wrong.
 */
export function dateOrderUnproven(bytes: Uint8Array, options: ReadWebinarReportOptions): boolean {
  try {
    const monthFirst = readWebinarReport(bytes, { ...options, dateOrder: 'month-first' });
    const dayFirst = readWebinarReport(bytes, { ...options, dateOrder: 'day-first' });
    return sessionInstants(monthFirst) !== sessionInstants(dayFirst);
  } catch {
    // One of the orders gives a day that is not a calendar day (14/3): the file proves the other.
    return false;
  }
}

/** Added to the "report of another meeting" refusal when the date order was taken, not proven. */
const DATE_ORDER_HINT =
  ' A likely cause: its slashed dates could be month-first or day-first, and were read month-first (the default when the times have AM/PM); if they are day-first (3/5/26 is 3 May), import again with --date-order day-first.';

/** The people of the report with their merged sessions; a session that ends before it starts names its person. */
export function attendedPeople(report: WebinarReport): AttendedPerson[] {
  return report.participants.map((p) => {
    try {
      return { name: p.name, email: p.email, lines: p.lines, attended: mergeSessions(p.sessions) };
    } catch (error) {
      if (!(error instanceof AttendanceFileError)) throw error;
      throw new AttendanceFileError(error.kind, `${p.name} (line ${p.lines.join(', ')}): ${error.message}`, {
        ...error.detail,
        line: error.detail.line ?? p.lines[0],
      });
    }
  });
}

/**
 * Whether anyone of the report was there within a day of the event: a report of another meeting would
 * otherwise put its minutes on this event's doctors.
 */
export function reportFitsEvent(people: readonly AttendedPerson[], event: ImportEvent): boolean {
  if (!event.start || people.length === 0) return true;
  const from = Date.parse(event.start) - SAME_MEETING_LEEWAY_MS;
  const to = Date.parse(event.end ?? event.start) + SAME_MEETING_LEEWAY_MS;
  return people.some((p) => p.attended.firstJoinedAt.getTime() <= to && p.attended.lastLeftAt.getTime() >= from);
}

/**
 * The event, or the refusal that stops the import before anything is read or written. A zone given
 * with --time-zone makes the event's own (unknown) zone irrelevant.
 */
async function eventForImport(api: OrgApi, keyOrId: string, now: Date, zoneGiven: boolean): Promise<ImportEvent> {
  const event = await readImportEvent(api, keyOrId);
  if (!event) throw new AttendanceImportError('EventNotFound', `No CME event has the key or Id ${keyOrId}.`, [keyOrId]);
  const refusal = eventRefusal(zoneGiven ? { ...event, timeZone: null } : event, now);
  const label = event.key ?? event.id;
  if (refusal === 'EventNotHeld')
    throw new AttendanceImportError(refusal, `The event ${label} has not been held yet.`, [
      label,
      event.start ?? 'at no date yet',
    ]);
  if (refusal === 'EventNotApproved')
    throw new AttendanceImportError(refusal, `The event ${label} is ${event.status ?? 'without a status'}.`, [
      label,
      event.status ?? 'without a status',
    ]);
  if (refusal === 'EventTimeZone')
    throw new AttendanceImportError(refusal, `The event ${label} has an unknown time zone.`, [
      label,
      event.timeZone ?? '',
    ]);
  if (refusal) throw new AttendanceImportError(refusal, `The event ${label} takes no virtual attendance.`, [label]);
  return event;
}

/**
 * Reads, matches, plans and (unless a dry run) writes an attendance report for an event. Refusals —
 * the event, the file — come before the first write; a failed write is reported, never lost.
 */
export async function importAttendance(
  api: OrgApi,
  options: AttendanceImportOptions,
): Promise<AttendanceImportOutcome> {
  const progress = options.onProgress ?? (() => {});
  const callsBefore = api.calls;
  progress({ step: 'reading', event: options.event });
  const event = await eventForImport(api, options.event, options.now ?? new Date(), options.timeZone !== undefined);
  const zone = options.timeZone ?? event.timeZone;
  const reading = { source: options.source, dateOrder: options.dateOrder };
  const report = readWebinarReport(options.bytes, { ...reading, timeZone: zone ?? 'UTC' });
  // Without a zone the report's local times would be written off by the zone's offset: refused,
  // unless every time in the file states its offset (then no zone is needed).
  if (zone === null && !readsTheSameInAnyZone(options.bytes, reading))
    throw new AttendanceImportError('NoTimeZone', 'The event has no time zone and the report states no offset.', [
      event.key ?? event.id,
    ]);
  const people = attendedPeople(report);
  if (!reportFitsEvent(people, event)) {
    const first = Math.min(...people.map((p) => p.attended.firstJoinedAt.getTime()));
    const orderUnproven =
      options.dateOrder === undefined && dateOrderUnproven(options.bytes, { ...reading, timeZone: zone ?? 'UTC' });
    throw new AttendanceImportError('FileOtherMeeting', 'Nobody in the report was there within a day of the event.', [
      new Date(first).toISOString(),
      event.start ?? '',
      orderUnproven ? DATE_ORDER_HINT : '',
    ]);
  }
  const invited = await readInvitedCandidates(api, event.id);
  const existing = await readEventAttendance(api, event.id);
  // Walk-ins are looked up by the e-mails the invitations do not already account for.
  const invitedEmails = new Set(invited.map((c) => emailKey(c.email)));
  const otherEmails = people.map((p) => emailKey(p.email)).filter((e) => e !== '' && !invitedEmails.has(e));
  const contacts = otherEmails.length ? await readContactsByEmail(api, otherEmails) : [];
  progress({ step: 'matching', participants: people.length, invitations: invited.length });
  const outcomes = matchPeople(people, invited, contacts);
  const plan = planAttendanceImport({ eventId: event.id, outcomes, existing });
  let writes: AttendanceWriteResult | null = null;
  if (!options.dryRun && plan.writes.length) {
    writes = await writeAttendance(api, plan.writes, {
      onProgress: (done, total) => progress({ step: 'writing', done, total }),
    });
  }
  const review = [
    ...plan.review,
    ...failedWriteEntries([
      ...(writes?.failed ?? []),
      ...(writes?.notSent ?? []).map((write) => ({
        write,
        message: `not sent: ${writes?.stoppedBy ?? 'the writes stopped'}`,
      })),
    ]),
  ];
  return {
    event,
    report: { source: report.source, encoding: report.encoding, separator: report.separator, meeting: report.meeting },
    invitations: invited.length,
    plan,
    writes,
    review,
    timeZone: zone,
    apiCalls: api.calls - callsBefore,
  };
}
