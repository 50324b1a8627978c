/**
 * What `sf cme attendance import` writes, decided from the matched people of a webinar report and the
 * event's attendance already in the org. Pure: no I/O. The command reads, this plans, org.ts writes.
 *
 * Decisions, so a re-import is safe and nothing is guessed:
 * - One attendance per doctor per event. An existing one is found by event and doctor and keeps ITS
 *   key (the seed writes `${event key}:${doctor key}`, the check-in screen `${eventId}:${doctorId}`);
 *   a new one gets the check-in screen's form, so a later check-in finds it.
 * - An existing In-Person attendance (a hybrid event's room) is kept as it is: the platform's log
 *   does not override a signature at the venue.
 * - A record that would not change is not sent (importing the same file twice writes nothing).
 * - A later, longer report updates the minutes and times; a SHORTER one keeps what is recorded
 *   (minutes are CME credit evidence: a report exported before the meeting ended, or of one of its
 *   parts, must not take credit away; a real correction is a person's edit). Those are listed.
 * - Ambiguous and unmatched people, two people on one doctor, and people with no time between join
 *   and leave go to the review list, never written.
 */
import { isTimeZone } from '../schema/evaluationsImport.ts';
import type { MatchCandidate, MatchOutcome, MergedAttendance, PersonInFile } from './types.ts';

/** The event an import is for, as the org holds it. */
export interface ImportEvent {
  id: string;
  key: string | null;
  name: string;
  format: string | null;
  status: string | null;
  /** ISO 8601 UTC (org/query.ts canonical form), or null. */
  start: string | null;
  end: string | null;
  timeZone: string | null;
}

/** Why an event takes no virtual attendance; each is a refusal with its own message. */
export type EventRefusal = 'EventCancelled' | 'EventInPerson' | 'EventNotHeld' | 'EventNotApproved' | 'EventTimeZone';

/** Whether the event's zone is an IANA zone name Intl knows (Time_Zone__c is free text): see isTimeZone. */
export function isKnownTimeZone(zone: string): boolean {
  return isTimeZone(zone);
}

/**
 * Statuses the validation rule Attendance_Only_On_Held_Events accepts (force-app/…/CME_Attendance__c/
 * validationRules): refusing the others up front names the problem instead of 200 failed records.
 */
const STATUSES_TAKING_ATTENDANCE = new Set(['Approved', 'Completed']);

/** Why the event cannot take this import, or null when it can. `now` decides "not held yet". */
export function eventRefusal(event: ImportEvent, now: Date): EventRefusal | null {
  if (event.status === 'Cancelled') return 'EventCancelled';
  if (event.format === 'In-Person') return 'EventInPerson';
  if (!event.start || Date.parse(event.start) > now.getTime()) return 'EventNotHeld';
  if (!STATUSES_TAKING_ATTENDANCE.has(event.status ?? '')) return 'EventNotApproved';
  if (event.timeZone !== null && !isKnownTimeZone(event.timeZone)) return 'EventTimeZone';
  return null;
}

/** Attendance_Key__c is Text(80). */
const ATTENDANCE_KEY_MAX_LENGTH = 80;

/**
 * The check-in screen's key for a new attendance (force-app/main/default/lwc/cmeCheckIn/checkInLogic.ts
 * `attendanceKey`; that module imports LWC modules the plugin cannot load, so the rule is repeated here
 * and the plan test checks it against the same example).
 */
export function checkInAttendanceKey(eventId: string, doctorId: string): string {
  return `${eventId}:${doctorId}`.slice(0, ATTENDANCE_KEY_MAX_LENGTH);
}

/** An attendance of the event already in the org. */
export interface ExistingAttendance {
  id: string;
  key: string | null;
  doctorId: string;
  invitationId: string | null;
  mode: string | null;
  minutes: number | null;
  /** ISO 8601 UTC with milliseconds and Z, as org/query.ts reads DateTime fields. */
  checkedInAt: string | null;
  checkedOutAt: string | null;
  signInMethod: string | null;
  walkIn: boolean;
}

/** A person of the report with their merged sessions. */
export interface AttendedPerson extends PersonInFile {
  attended: MergedAttendance;
}

/** The fields an import sets on an attendance. */
export interface VirtualAttendanceFields {
  Minutes_Attended__c: number;
  Checked_In_At__c: string;
  Checked_Out_At__c: string;
  Mode__c: 'Virtual';
  Sign_In_Method__c: 'Virtual Log';
  Invitation__c: string | null;
  Walk_In__c: boolean;
}

export type RecordValue = string | number | boolean | null;

/** One attendance to send. */
export interface AttendanceWrite {
  person: AttendedPerson;
  doctorId: string;
  match: 'invited' | 'walk-in';
  /** The key it is upserted on (an existing record's own, else the check-in screen's). */
  key: string;
  /** 'create' is a new attendance; 'update' changes an existing one. */
  change: 'create' | 'update';
  /**
   * An existing attendance without a key cannot be upserted by it: it is updated by Id and given the
   * check-in screen's key at the same time.
   */
  existingId: string | null;
  /** What is sent besides the key: every field for a new record, only the changed ones otherwise. */
  fields: Record<string, RecordValue>;
  /** Minutes on record before the import (null for a new one). */
  previousMinutes: number | null;
}

/** A matched person whose attendance stays as it is. */
export interface KeptAttendance {
  person: AttendedPerson;
  doctorId: string;
  match: 'invited' | 'walk-in';
  key: string | null;
  /** 'unchanged': the record already says this; 'in-person': attended in the room; 'longer-on-record': the file is shorter. */
  reason: 'unchanged' | 'in-person' | 'longer-on-record';
  recordedMinutes: number | null;
}

export type ReviewReason =
  | 'ambiguous-email'
  | 'ambiguous-name'
  | 'unmatched'
  | 'same-doctor'
  | 'several-attendances'
  | 'no-time-attended'
  | 'write-failed';

/** A person in the file a person must resolve; nothing was written for them. */
export interface ReviewEntry {
  person: AttendedPerson;
  reason: ReviewReason;
  /** The doctors they may be (ambiguous), or the one they matched (same-doctor, several-attendances). */
  candidates: readonly MatchCandidate[];
  /** More about why, in words (the org's error for write-failed). */
  detail?: string;
}

export interface AttendancePlanCounts {
  participants: number;
  invited: number;
  walkIns: number;
  create: number;
  update: number;
  unchanged: number;
  keptInPerson: number;
  keptLonger: number;
  ambiguous: number;
  unmatched: number;
  review: number;
}

export interface AttendancePlan {
  writes: AttendanceWrite[];
  kept: KeptAttendance[];
  review: ReviewEntry[];
  counts: AttendancePlanCounts;
}

/** Salesforce keeps DateTime to the second (platform logs have no finer): compare and send whole seconds. */
function wholeSecond(date: Date): string {
  return new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString();
}

/** The fields the file says, for a doctor matched as invited or as a walk-in. */
export function virtualAttendanceFields(
  attended: MergedAttendance,
  invitationId: string | null,
): VirtualAttendanceFields {
  return {
    Minutes_Attended__c: attended.minutes,
    Checked_In_At__c: wholeSecond(attended.firstJoinedAt),
    Checked_Out_At__c: wholeSecond(attended.lastLeftAt),
    Mode__c: 'Virtual',
    Sign_In_Method__c: 'Virtual Log',
    Invitation__c: invitationId,
    Walk_In__c: invitationId === null,
  };
}

/** The record's value of a field, in the form the plan compares (DateTime values are canonical already). */
function recordedValue(existing: ExistingAttendance, field: keyof VirtualAttendanceFields): RecordValue {
  switch (field) {
    case 'Minutes_Attended__c':
      return existing.minutes;
    case 'Checked_In_At__c':
      return existing.checkedInAt;
    case 'Checked_Out_At__c':
      return existing.checkedOutAt;
    case 'Mode__c':
      return existing.mode;
    case 'Sign_In_Method__c':
      return existing.signInMethod;
    case 'Invitation__c':
      return existing.invitationId;
    case 'Walk_In__c':
      return existing.walkIn;
  }
}

/** The fields whose values differ from the record's. */
export function changedFields(
  existing: ExistingAttendance,
  wanted: VirtualAttendanceFields,
): Partial<VirtualAttendanceFields> {
  const changed: Record<string, RecordValue> = {};
  for (const field of Object.keys(wanted) as (keyof VirtualAttendanceFields)[])
    if (recordedValue(existing, field) !== wanted[field]) changed[field] = wanted[field];
  return changed as Partial<VirtualAttendanceFields>;
}

type Matched = Extract<MatchOutcome<AttendedPerson>, { kind: 'invited' | 'walk-in' }>;

export interface PlanInput {
  eventId: string;
  outcomes: readonly MatchOutcome<AttendedPerson>[];
  existing: readonly ExistingAttendance[];
}

/** Every matched person's write (or why not), and the people to review. */
export function planAttendanceImport(input: PlanInput): AttendancePlan {
  const byDoctor = groupBy(input.existing, (a) => a.doctorId);
  const matchedPerDoctor = new Map<string, number>();
  for (const o of input.outcomes)
    if (o.kind === 'invited' || o.kind === 'walk-in')
      matchedPerDoctor.set(o.candidate.doctorId, (matchedPerDoctor.get(o.candidate.doctorId) ?? 0) + 1);

  const plan: AttendancePlan = { writes: [], kept: [], review: [], counts: emptyCounts(input.outcomes.length) };
  for (const outcome of input.outcomes) {
    if (outcome.kind === 'ambiguous') {
      plan.review.push({ person: outcome.person, reason: `ambiguous-${outcome.by}`, candidates: outcome.candidates });
      continue;
    }
    if (outcome.kind === 'unmatched') {
      plan.review.push({ person: outcome.person, reason: 'unmatched', candidates: [] });
      continue;
    }
    // Two people of the file on one doctor (two devices under two names, or two people the matching
    // could not tell apart): which sessions are the doctor's is a person's call.
    if ((matchedPerDoctor.get(outcome.candidate.doctorId) ?? 0) > 1) {
      plan.review.push({ person: outcome.person, reason: 'same-doctor', candidates: [outcome.candidate] });
      continue;
    }
    planMatched(input.eventId, outcome, byDoctor.get(outcome.candidate.doctorId) ?? [], plan);
  }
  countPlan(plan);
  return plan;
}

function planMatched(eventId: string, outcome: Matched, existing: ExistingAttendance[], plan: AttendancePlan): void {
  const { person, candidate } = outcome;
  const doctorId = candidate.doctorId;
  const inPerson = existing.find((a) => a.mode === 'In-Person');
  if (inPerson) {
    plan.kept.push({
      person,
      doctorId,
      match: outcome.kind,
      key: inPerson.key,
      reason: 'in-person',
      recordedMinutes: inPerson.minutes,
    });
    return;
  }
  if (existing.length > 1) {
    plan.review.push({
      person,
      reason: 'several-attendances',
      candidates: [candidate],
      detail: existing.map((a) => a.key ?? a.id).join(', '),
    });
    return;
  }
  if (person.attended.lastLeftAt.getTime() - person.attended.firstJoinedAt.getTime() < 1000) {
    // Check_Out_After_Check_In refuses a check-out at the check-in second.
    plan.review.push({ person, reason: 'no-time-attended', candidates: [candidate] });
    return;
  }
  const wanted = virtualAttendanceFields(person.attended, outcome.kind === 'invited' ? candidate.invitationId : null);
  const record = existing[0];
  if (!record) {
    plan.writes.push({
      person,
      doctorId,
      match: outcome.kind,
      key: checkInAttendanceKey(eventId, doctorId),
      change: 'create',
      existingId: null,
      fields: { Event__c: eventId, Doctor__c: doctorId, ...wanted },
      previousMinutes: null,
    });
    return;
  }
  if (record.minutes !== null && wanted.Minutes_Attended__c < record.minutes) {
    plan.kept.push({
      person,
      doctorId,
      match: outcome.kind,
      key: record.key,
      reason: 'longer-on-record',
      recordedMinutes: record.minutes,
    });
    return;
  }
  const changed = changedFields(record, wanted);
  if (Object.keys(changed).length === 0 && record.key) {
    plan.kept.push({
      person,
      doctorId,
      match: outcome.kind,
      key: record.key,
      reason: 'unchanged',
      recordedMinutes: record.minutes,
    });
    return;
  }
  plan.writes.push({
    person,
    doctorId,
    match: outcome.kind,
    key: record.key ?? checkInAttendanceKey(eventId, doctorId),
    change: 'update',
    existingId: record.key ? null : record.id,
    fields: changed,
    previousMinutes: record.minutes,
  });
}

function emptyCounts(participants: number): AttendancePlanCounts {
  return {
    participants,
    invited: 0,
    walkIns: 0,
    create: 0,
    update: 0,
    unchanged: 0,
    keptInPerson: 0,
    keptLonger: 0,
    ambiguous: 0,
    unmatched: 0,
    review: 0,
  };
}

function countPlan(plan: AttendancePlan): void {
  const c = plan.counts;
  for (const w of plan.writes) {
    if (w.change === 'create') c.create++;
    else c.update++;
  }
  for (const m of [...plan.writes, ...plan.kept]) {
    if (m.match === 'walk-in') c.walkIns++;
    else c.invited++;
  }
  for (const k of plan.kept) {
    if (k.reason === 'unchanged') c.unchanged++;
    else if (k.reason === 'in-person') c.keptInPerson++;
    else c.keptLonger++;
  }
  for (const r of plan.review) {
    if (r.reason === 'unmatched') c.unmatched++;
    else if (r.reason === 'ambiguous-email' || r.reason === 'ambiguous-name') c.ambiguous++;
  }
  c.review = plan.review.length;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
