import {
  attendedMinutes,
  creditOutcome,
  creditsForMinutes,
  eventCreditProblem,
  formatCredits,
  isPhysician,
  spansSeveralDays,
} from 'c/cmeDomain';
import type { CreditAttendance, CreditEvent } from 'c/cmeDomain';

const NOW = Date.parse('2026-06-01T00:00:00Z');
const SHA = 'a'.repeat(64);

function event(extra: Partial<CreditEvent> = {}): CreditEvent {
  return {
    Id: 'EVT1',
    Name: 'Heart failure update',
    Status__c: 'Completed',
    Start__c: '2026-05-10T09:00:00.000Z',
    End__c: '2026-05-10T12:00:00.000Z',
    Accredited__c: true,
    Accreditation_Credits__c: 2,
    ...extra,
  };
}

function attendance(extra: Partial<CreditAttendance> = {}): CreditAttendance {
  return {
    Id: 'ATT1',
    Event__c: 'EVT1',
    Doctor__c: 'DOC1',
    Sign_In_Method__c: 'Paper Sheet',
    Minutes_Attended__c: 90,
    ...extra,
  };
}

const outcome = (a: Partial<CreditAttendance>, e: Partial<CreditEvent> = {}, minimum: number | null = null) =>
  creditOutcome(event(e), attendance(a), { now: NOW, evidenceMinimumMinutes: minimum });

describe('credit arithmetic', () => {
  it('claims whole quarter credits of the minutes attended, rounded down', () => {
    expect(creditsForMinutes(14, 5)).toBe(0);
    expect(creditsForMinutes(15, 5)).toBe(0.25);
    expect(creditsForMinutes(29, 5)).toBe(0.25);
    expect(creditsForMinutes(59, 5)).toBe(0.75);
    expect(creditsForMinutes(60, 5)).toBe(1);
    expect(creditsForMinutes(61, 5)).toBe(1);
    expect(creditsForMinutes(75, 5)).toBe(1.25);
    expect(creditsForMinutes(0, 5)).toBe(0);
    expect(creditsForMinutes(-10, 5)).toBe(0);
  });

  it('caps the credits at the designated maximum, and gives exactly the cap when the minutes reach it', () => {
    expect(creditsForMinutes(119, 2)).toBe(1.75);
    expect(creditsForMinutes(120, 2)).toBe(2);
    expect(creditsForMinutes(121, 2)).toBe(2);
    expect(creditsForMinutes(600, 2)).toBe(2);
    expect(creditsForMinutes(600, 1.5)).toBe(1.5);
    // A maximum that is not a whole quarter cannot be claimed in full: the cap is the quarter below it.
    expect(creditsForMinutes(600, 1.3)).toBe(1.25);
  });

  it('takes the minutes from Minutes_Attended__c, else from check-in to check-out, else none', () => {
    expect(attendedMinutes(attendance({ Minutes_Attended__c: 61 }))).toEqual({
      minutes: 61,
      source: 'minutes-attended',
    });
    const times = {
      Minutes_Attended__c: null,
      Checked_In_At__c: '2026-05-10T09:02:00.000+0000',
      Checked_Out_At__c: '2026-05-10T10:01:59.000+0000',
    };
    expect(attendedMinutes(attendance(times))).toEqual({ minutes: 59, source: 'check-in-out' });
    expect(attendedMinutes(attendance({ ...times, Checked_Out_At__c: null }))).toBeNull();
    expect(attendedMinutes(attendance({ Minutes_Attended__c: null }))).toBeNull();
    // Check-out before check-in proves no duration.
    expect(attendedMinutes(attendance({ ...times, Checked_Out_At__c: '2026-05-10T08:00:00.000Z' }))).toBeNull();
  });

  it('prints credits without trailing zeros', () => {
    expect(formatCredits(0.75)).toBe('0.75');
    expect(formatCredits(1)).toBe('1');
    expect(formatCredits(1.5)).toBe('1.5');
  });
});

describe('credit eligibility', () => {
  it('gives the credits of an attendance with evidence and minutes', () => {
    expect(outcome({ Minutes_Attended__c: 90 })).toEqual({
      eligible: true,
      credits: 1.5,
      minutes: 90,
      minutesSource: 'minutes-attended',
    });
  });

  it('counts check-in and check-out when no minutes were recorded', () => {
    const result = outcome({
      Minutes_Attended__c: null,
      Sign_In_Method__c: 'E-Signature',
      Signature_SHA256__c: SHA,
      Checked_In_At__c: '2026-05-10T09:00:00.000Z',
      Checked_Out_At__c: '2026-05-10T10:15:00.000Z',
    });
    expect(result).toEqual({ eligible: true, credits: 1.25, minutes: 75, minutesSource: 'check-in-out' });
  });

  it('gives nothing without minutes or check-in and check-out, saying what is on the record and what is missing', () => {
    const signed = { Sign_In_Method__c: 'E-Signature', Signature_SHA256__c: SHA, Minutes_Attended__c: null } as const;
    const checkedIn = outcome(
      { ...signed, Checked_In_At__c: '2026-05-10T09:00:00.000Z' },
      { Time_Zone__c: 'Asia/Kolkata' },
    );
    expect(checkedIn).toMatchObject({ eligible: false, reason: 'no-minutes', credits: 0, minutes: null });
    // The check-in is there: the detail names it, in the event's zone, and what is missing.
    expect(checkedIn).toMatchObject({
      detail: 'checked in at 2026-05-10 14:30 (Asia/Kolkata), no check-out or minutes attended',
    });
    expect(outcome({ ...signed, Checked_Out_At__c: '2026-05-10T11:00:00.000Z' })).toMatchObject({
      reason: 'no-minutes',
      detail: 'checked out at 2026-05-10 11:00 (UTC), no check-in or minutes attended',
    });
    expect(
      outcome({
        ...signed,
        Checked_In_At__c: '2026-05-10T11:00:00.000Z',
        Checked_Out_At__c: '2026-05-10T10:00:00.000Z',
      }),
    ).toMatchObject({
      reason: 'no-minutes',
      detail:
        'checked out at 2026-05-10 10:00 (UTC), before the check-in at 2026-05-10 11:00 (UTC); no minutes attended',
    });
    expect(outcome({ Minutes_Attended__c: null })).toMatchObject({
      reason: 'no-minutes',
      detail: 'no minutes attended and no check-in or check-out time',
    });
  });

  it('counts check-in to check-out only inside the event hours, to the minute at both edges', () => {
    // Event 09:00–12:00 UTC.
    const times = (checkIn: string, checkOut: string) =>
      attendedMinutes(
        attendance({ Minutes_Attended__c: null, Checked_In_At__c: checkIn, Checked_Out_At__c: checkOut }),
        event(),
      );
    expect(times('2026-05-10T08:00:00.000Z', '2026-05-10T10:00:00.000Z')).toEqual({
      minutes: 60,
      source: 'check-in-out',
    });
    expect(times('2026-05-10T09:00:00.000Z', '2026-05-10T12:00:00.000Z')?.minutes).toBe(180);
    expect(times('2026-05-10T08:59:00.000Z', '2026-05-10T12:01:00.000Z')?.minutes).toBe(180);
    expect(times('2026-05-10T11:30:00.000Z', '2026-05-10T13:00:00.000Z')?.minutes).toBe(30);
    // Wholly after the end: present, but no minutes of the activity.
    expect(times('2026-05-10T12:00:00.000Z', '2026-05-10T13:00:00.000Z')?.minutes).toBe(0);
    expect(
      outcome({
        Minutes_Attended__c: null,
        Checked_In_At__c: '2026-05-10T06:00:00.000Z',
        Checked_Out_At__c: '2026-05-10T18:00:00.000Z',
      }),
    ).toMatchObject({
      eligible: true,
      minutes: 180,
      credits: 2,
    });
  });

  it('does not take minutes from check-in and check-out at an event over several days in its zone', () => {
    const congress = {
      Start__c: '2026-05-10T09:00:00.000Z',
      End__c: '2026-05-12T17:00:00.000Z',
      Accreditation_Credits__c: 20,
    };
    const stay = {
      Sign_In_Method__c: 'E-Signature',
      Signature_SHA256__c: SHA,
      Minutes_Attended__c: null,
      Checked_In_At__c: '2026-05-10T09:00:00.000Z',
      Checked_Out_At__c: '2026-05-12T10:00:00.000Z',
    } as const;
    const result = outcome(stay, congress);
    expect(result).toMatchObject({ eligible: false, reason: 'no-minutes', minutes: null });
    if (result.eligible) throw new Error('eligible');
    expect(result.detail).toContain('several days');
    expect(result.detail).toContain('Minutes_Attended__c');
    // The minutes the check-in screen recorded still count.
    expect(outcome({ ...stay, Minutes_Attended__c: 600 }, congress)).toMatchObject({ eligible: true, credits: 10 });
  });

  it('judges "several days" on the event zone calendar, with the end exclusive', () => {
    const day = { Start__c: '2026-05-10T20:00:00.000Z', End__c: '2026-05-10T23:00:00.000Z' };
    // 20:00–23:00 UTC is one day in London (BST) but 01:30–04:30 the next day in Kolkata: still one day.
    expect(spansSeveralDays(event({ ...day, Time_Zone__c: 'Asia/Kolkata' }))).toBe(false);
    // 17:00–20:00 in New York and 02:30–05:30 in Kolkata: one day in each, though UTC changes day at the end.
    const evening = { Start__c: '2026-05-10T21:00:00.000Z', End__c: '2026-05-11T00:00:00.000Z' };
    expect(spansSeveralDays(event({ ...evening, Time_Zone__c: 'America/New_York' }))).toBe(false);
    expect(spansSeveralDays(event({ ...evening, Time_Zone__c: 'Asia/Kolkata' }))).toBe(false);
    expect(
      spansSeveralDays(
        event({
          Start__c: '2026-05-10T10:30:00.000Z',
          End__c: '2026-05-10T19:30:00.000Z',
          Time_Zone__c: 'Asia/Kolkata',
        }),
      ),
    ).toBe(true);
    // Ending at midnight exactly does not reach the next day; a minute later does.
    expect(spansSeveralDays(event({ Start__c: '2026-05-10T20:00:00.000Z', End__c: '2026-05-11T00:00:00.000Z' }))).toBe(
      false,
    );
    expect(spansSeveralDays(event({ Start__c: '2026-05-10T20:00:00.000Z', End__c: '2026-05-11T00:01:00.000Z' }))).toBe(
      true,
    );
  });

  it('gives nothing under 15 minutes, and a quarter credit at 15', () => {
    expect(outcome({ Minutes_Attended__c: 14 })).toMatchObject({
      eligible: false,
      reason: 'under-one-step',
      minutes: 14,
    });
    expect(outcome({ Minutes_Attended__c: 15 })).toMatchObject({ eligible: true, credits: 0.25 });
  });

  it('caps at the event designated credits', () => {
    expect(outcome({ Minutes_Attended__c: 180 })).toMatchObject({ eligible: true, credits: 2, minutes: 180 });
    expect(outcome({ Minutes_Attended__c: 120 })).toMatchObject({ eligible: true, credits: 2 });
  });

  it('uses the ATTENDANCE_EVIDENCE rule: an e-signature needs its hash, a virtual log its minimum', () => {
    expect(outcome({ Sign_In_Method__c: 'E-Signature', Signature_SHA256__c: null })).toMatchObject({
      eligible: false,
      reason: 'no-evidence',
    });
    expect(outcome({ Sign_In_Method__c: null })).toMatchObject({ eligible: false, reason: 'no-evidence' });
    expect(outcome({ Sign_In_Method__c: 'Virtual Log', Minutes_Attended__c: 20 }, {}, 30)).toMatchObject({
      eligible: false,
      reason: 'no-evidence',
      minutes: 20,
    });
    expect(outcome({ Sign_In_Method__c: 'Virtual Log', Minutes_Attended__c: 30 }, {}, 30)).toMatchObject({
      eligible: true,
      credits: 0.5,
    });
  });

  it('requires a completed evaluation only when the event says so', () => {
    expect(outcome({ Evaluated_On__c: null }, { Evaluation_Required__c: true })).toMatchObject({
      eligible: false,
      reason: 'evaluation-missing',
      minutes: 90,
    });
    expect(outcome({ Evaluated_On__c: '2026-05-11T08:00:00.000Z' }, { Evaluation_Required__c: true })).toMatchObject({
      eligible: true,
      credits: 1.5,
    });
    expect(outcome({ Evaluated_On__c: null }, { Evaluation_Required__c: false })).toMatchObject({ eligible: true });
  });

  it('gives nothing at an event that is not accredited, has no credits, or was not held', () => {
    expect(outcome({}, { Accredited__c: false })).toMatchObject({ eligible: false, reason: 'not-accredited' });
    expect(outcome({}, { Accreditation_Credits__c: null })).toMatchObject({ reason: 'no-designated-credits' });
    expect(outcome({}, { Accreditation_Credits__c: 0 })).toMatchObject({ reason: 'no-designated-credits' });
    expect(outcome({}, { Status__c: 'Cancelled' })).toMatchObject({ reason: 'cancelled' });
    expect(outcome({}, { Status__c: 'Draft' })).toMatchObject({ reason: 'not-held' });
    expect(outcome({}, { Status__c: 'Approved', End__c: '2026-06-01T00:00:01.000Z' })).toMatchObject({
      reason: 'not-held',
    });
  });

  it('judges an approved event held once its end has passed', () => {
    expect(eventCreditProblem(event({ Status__c: 'Approved', End__c: '2026-05-31T23:59:59.000Z' }), NOW)).toBeNull();
    expect(
      eventCreditProblem(event({ Status__c: 'Approved', End__c: null, Start__c: '2026-05-31T10:00:00Z' }), NOW),
    ).toBeNull();
    expect(eventCreditProblem(event({ Status__c: 'Approved', End__c: null, Start__c: null }), NOW)).toBe('not-held');
    expect(eventCreditProblem(event({ Status__c: 'Closed' }), NOW)).toBeNull();
    expect(eventCreditProblem(event({ Status__c: 'Pending Approval' }), NOW)).toBe('not-held');
  });

  it('names AMA PRA credit only for MDs and DOs', () => {
    expect(isPhysician({ CME_Primary_Type__c: 'Medical Doctor' })).toBe(true);
    expect(isPhysician({ CME_Primary_Type__c: 'Doctor of Osteopathy' })).toBe(true);
    expect(isPhysician({ CME_Primary_Type__c: 'Nurse Practitioner' })).toBe(false);
    expect(isPhysician({ CME_Primary_Type__c: 'Pharmacist' })).toBe(false);
    expect(isPhysician({ CME_Primary_Type__c: null })).toBe(false);
  });
});
