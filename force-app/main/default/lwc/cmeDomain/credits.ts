/**
 * CME credit (AMA PRA Category 1 Credit™ and the like) for accredited events: how many credits an
 * attendance earns and, when it earns none, why. Pure, so the certificates command and any screen that
 * shows credits agree to the quarter credit.
 *
 * The arithmetic follows the AMA PRA credit system as disclosure.md summarises it: 60 minutes of
 * participation = 1 credit, claimed in 0.25 steps (the AMA's Category 2 documentation form: "in 15
 * minute, or 0.25 credit increments"), never more than the activity's designated maximum. Minutes are
 * rounded DOWN to the step: a physician may claim only the credit commensurate with the extent of
 * their participation, so 59 minutes is 0.75 credits, not 1.
 */
import { attendanceEvidenceProblem } from './participationRules';
import type { Attendance, CmeEvent, Doctor, IsoDateTime, PrimaryType } from './types';
import { parseInstant } from './windows';

/** Minutes of participation per credit. */
export const MINUTES_PER_CREDIT = 60;
/** Credits are claimed in quarters of a credit (15 minutes). */
export const CREDIT_STEP = 0.25;

/** The event fields credit depends on (CME_Event__c; Accreditation_Credits__c = the designated maximum). */
export interface CreditEvent extends CmeEvent {
  Accreditation_Credits__c?: number | null;
  /** Set: a certificate needs a completed evaluation (Evaluated_On__c on the attendance). */
  Evaluation_Required__c?: boolean | null;
}

/** The attendance fields credit depends on (CME_Attendance__c). */
export interface CreditAttendance extends Attendance {
  /** Set = the attendee completed the event's evaluation. */
  Evaluated_On__c?: IsoDateTime | null;
}

/** Where an attendance's minutes came from. */
export type MinutesSource = 'minutes-attended' | 'check-in-out';

export interface AttendedMinutes {
  minutes: number;
  source: MinutesSource;
}

/** Whether Intl knows `zone` as an IANA time zone (Asia/Kolkata, America/New_York). */
export function isKnownTimeZone(zone: string | null | undefined): boolean {
  if (!zone?.trim()) return false;
  try {
    // Intl throws a RangeError for a zone it does not know.
    return !!new Intl.DateTimeFormat('en-CA', { timeZone: zone.trim() }).resolvedOptions().timeZone;
  } catch {
    return false;
  }
}

/** The event's zone for its calendar days: Time_Zone__c when Intl knows it, else UTC. */
export function eventZone(event: Pick<CreditEvent, 'Time_Zone__c'>): string {
  return isKnownTimeZone(event.Time_Zone__c) ? event.Time_Zone__c!.trim() : 'UTC';
}

/** "2026-05-10 09:00" — an instant on the wall clock of `zone`, for the register's details. */
export function wallClockIn(instant: number, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/** The calendar day (YYYY-MM-DD) of an instant in `zone`. */
export function calendarDayIn(instant: number, zone: string): string {
  return wallClockIn(instant, zone).slice(0, 10);
}

/**
 * Whether the event runs over more than one calendar day in its own zone (a 3-day congress). Its end
 * is exclusive: an event ending at midnight does not reach the next day.
 */
export function spansSeveralDays(event: CreditEvent): boolean {
  const start = parseInstant(event.Start__c);
  const end = parseInstant(event.End__c);
  if (start === null || end === null || end <= start) return false;
  const zone = eventZone(event);
  return calendarDayIn(start, zone) !== calendarDayIn(end - 1, zone);
}

/**
 * The minutes an attendance proves: Minutes_Attended__c when it is filled in (a virtual log, or what
 * the check-in screen recorded), else the whole minutes from Checked_In_At__c to Checked_Out_At__c,
 * counted only inside the event's Start__c to End__c (time in the building before the start or after
 * the end is not participation). Null when there is no evidence of duration: no check-out (a check-in
 * alone says someone arrived, not how long they stayed), no times at all, a check-out before the
 * check-in — or an event over several calendar days, where check-in and check-out span the nights
 * between (check-in on day 1, check-out on day 3 is not 49 hours of education): only
 * Minutes_Attended__c measures those.
 */
export function attendedMinutes(
  attendance: CreditAttendance,
  event: CreditEvent | null = null,
): AttendedMinutes | null {
  const recorded = attendance.Minutes_Attended__c;
  if (recorded !== null && recorded !== undefined && Number.isFinite(recorded))
    return { minutes: Math.max(0, Math.floor(recorded)), source: 'minutes-attended' };
  if (event && spansSeveralDays(event)) return null;
  const checkedIn = parseInstant(attendance.Checked_In_At__c);
  const checkedOut = parseInstant(attendance.Checked_Out_At__c);
  if (checkedIn === null || checkedOut === null || checkedOut < checkedIn) return null;
  const from = Math.max(checkedIn, parseInstant(event?.Start__c) ?? checkedIn);
  const to = Math.min(checkedOut, parseInstant(event?.End__c) ?? checkedOut);
  return { minutes: Math.max(0, Math.floor((to - from) / 60_000)), source: 'check-in-out' };
}

/**
 * Why an attendance has no minutes (attendedMinutes gave null), in the register's words: what is on
 * the record and what is missing, so the reader knows which field to fill in.
 */
export function missingMinutesDetail(attendance: CreditAttendance, event: CreditEvent): string {
  const zone = eventZone(event);
  const checkedIn = parseInstant(attendance.Checked_In_At__c);
  const checkedOut = parseInstant(attendance.Checked_Out_At__c);
  const at = (instant: number) => `${wallClockIn(instant, zone)} (${zone})`;
  if (spansSeveralDays(event))
    return `the event runs over several days (${zone}), so check-in to check-out does not measure the minutes attended; no minutes attended (Minutes_Attended__c)`;
  if (checkedIn !== null && checkedOut !== null)
    return `checked out at ${at(checkedOut)}, before the check-in at ${at(checkedIn)}; no minutes attended`;
  if (checkedIn !== null) return `checked in at ${at(checkedIn)}, no check-out or minutes attended`;
  if (checkedOut !== null) return `checked out at ${at(checkedOut)}, no check-in or minutes attended`;
  return 'no minutes attended and no check-in or check-out time';
}

/**
 * Credits for `minutes` of participation: whole quarter credits (15 minutes each, rounded down), at
 * most `designated` (the event's maximum, itself cut down to a quarter so the cap is claimable).
 */
export function creditsForMinutes(minutes: number, designated: number): number {
  const steps = Math.floor(Math.max(0, minutes) / (MINUTES_PER_CREDIT * CREDIT_STEP));
  const capSteps = Math.floor(Math.max(0, designated) / CREDIT_STEP + 1e-9);
  return Math.min(steps, capSteps) * CREDIT_STEP;
}

/** Why an attendance earns no credit (or a certificate is not issued). */
export type CreditIneligibility =
  | 'not-accredited'
  | 'no-designated-credits'
  | 'cancelled'
  | 'not-held'
  | 'no-evidence'
  | 'no-minutes'
  | 'evaluation-missing'
  | 'under-one-step';

/** The reasons an event gives no credit to anyone, before any attendance is looked at. */
export type EventCreditProblem = Extract<
  CreditIneligibility,
  'not-accredited' | 'no-designated-credits' | 'cancelled' | 'not-held'
>;

/**
 * Why an event gives no credit at all, or null when it does: it must be accredited with a designated
 * maximum above zero, and held — Completed or Closed, or Approved with its end (End__c, else Start__c)
 * at or before `now` (an approved event whose time is past took place even if nobody marked it
 * Completed yet). Cancelled is named apart from "not held yet" because it will never be held.
 */
export function eventCreditProblem(event: CreditEvent, now: number): EventCreditProblem | null {
  if (!event.Accredited__c) return 'not-accredited';
  if (!((event.Accreditation_Credits__c ?? 0) >= CREDIT_STEP)) return 'no-designated-credits';
  if (event.Status__c === 'Cancelled') return 'cancelled';
  if (event.Status__c === 'Completed' || event.Status__c === 'Closed') return null;
  if (event.Status__c !== 'Approved') return 'not-held';
  const end = parseInstant(event.End__c) ?? parseInstant(event.Start__c);
  return end !== null && end <= now ? null : 'not-held';
}

export interface CreditOptions {
  /** The moment "held" is judged at (ms since the epoch). */
  now: number;
  /** The event's rule pack's ATTENDANCE_EVIDENCE Limit__c (minimum virtual-log minutes); null = the rule's default. */
  evidenceMinimumMinutes?: number | null;
}

export type CreditOutcome =
  | { eligible: true; credits: number; minutes: number; minutesSource: MinutesSource }
  | {
      eligible: false;
      reason: CreditIneligibility;
      /** What is missing, in words for the credit register. */
      detail: string;
      credits: 0;
      minutes: number | null;
      minutesSource: MinutesSource | null;
    };

function ineligible(
  reason: CreditIneligibility,
  detail: string,
  measured: AttendedMinutes | null = null,
): CreditOutcome {
  return {
    eligible: false,
    reason,
    detail,
    credits: 0,
    minutes: measured?.minutes ?? null,
    minutesSource: measured?.source ?? null,
  };
}

const EVENT_PROBLEM_DETAIL: Record<EventCreditProblem, string> = {
  'not-accredited': 'the event is not accredited',
  'no-designated-credits': 'the event has no designated credits (Accreditation_Credits__c)',
  cancelled: 'the event was cancelled',
  'not-held': 'the event has not been held yet',
};

/** The register's words for an event-level problem. */
export function eventCreditProblemText(problem: EventCreditProblem): string {
  return EVENT_PROBLEM_DETAIL[problem];
}

/**
 * The credits one attendance earns, or why it earns none, checked in the order a reader would ask:
 * the event (accredited, designated credits, held), the attendance evidence (the ATTENDANCE_EVIDENCE
 * rule's own test: a signature with its hash, a paper sheet or a long enough virtual log), a duration
 * (minutes, or check-in and check-out inside the event's hours), the evaluation when the event requires one, and at least one
 * quarter credit (15 minutes).
 */
export function creditOutcome(event: CreditEvent, attendance: CreditAttendance, options: CreditOptions): CreditOutcome {
  const eventProblem = eventCreditProblem(event, options.now);
  const measured = attendedMinutes(attendance, event);
  if (eventProblem) return ineligible(eventProblem, EVENT_PROBLEM_DETAIL[eventProblem], measured);
  const evidence = attendanceEvidenceProblem(attendance, options.evidenceMinimumMinutes ?? null);
  if (evidence) return ineligible('no-evidence', `the attendance ${evidence}`, measured);
  if (!measured) return ineligible('no-minutes', missingMinutesDetail(attendance, event), measured);
  if (event.Evaluation_Required__c && !attendance.Evaluated_On__c)
    return ineligible('evaluation-missing', 'the event requires an evaluation and none was completed', measured);
  const credits = creditsForMinutes(measured.minutes, event.Accreditation_Credits__c ?? 0);
  if (credits <= 0)
    return ineligible(
      'under-one-step',
      `${measured.minutes} minutes attended; at least ${MINUTES_PER_CREDIT * CREDIT_STEP} are needed for ${CREDIT_STEP} credits`,
      measured,
    );
  return { eligible: true, credits, minutes: measured.minutes, minutesSource: measured.source };
}

/** The primary types AMA PRA Category 1 Credit™ is for: MDs and DOs (physicians). */
export const PHYSICIAN_TYPES: readonly PrimaryType[] = ['Medical Doctor', 'Doctor of Osteopathy'];

/**
 * Whether the attendee gets the physician's certificate (AMA PRA Category 1 Credit™ claimed) or the
 * other learners' certificate of participation. Only a known MD or DO is a physician: a Contact
 * without a primary type gets the certificate of participation, because naming AMA PRA credit for a
 * learner who is not a physician is the error an accreditor would find, and the register says why.
 */
export function isPhysician(doctor: Pick<Doctor, 'CME_Primary_Type__c'>): boolean {
  const type = doctor.CME_Primary_Type__c;
  return !!type && PHYSICIAN_TYPES.includes(type);
}

/** Credits as a certificate or register prints them: 0.75, 1, 1.25 (no trailing zeros). */
export function formatCredits(credits: number): string {
  return String(Math.round(credits * 100) / 100);
}
