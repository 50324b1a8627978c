import {
  attendedMinutes,
  creditOutcome,
  creditsForMinutes,
  eventCreditProblem,
  formatCredits,
  isPhysician,
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

  it('gives nothing without minutes or check-in and check-out, saying so', () => {
    const result = outcome({ Minutes_Attended__c: null, Checked_In_At__c: '2026-05-10T09:00:00.000Z' });
    expect(result).toMatchObject({ eligible: false, reason: 'no-minutes', credits: 0, minutes: null });
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
