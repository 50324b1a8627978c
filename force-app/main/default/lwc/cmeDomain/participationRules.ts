/**
 * The compliance rules about who takes part: the same topic again too soon, too many events per HCP,
 * the evidence of attendance, and consent for named disclosure. Re-exported by rules.ts.
 */
import { findingsPerEvent, makeFinding } from './context';
import type { EventFindingParts, Participation, RuleContext } from './context';
import { ordinal, plural } from './format';
import { sumMoney } from './money';
import { compareText } from './order';
import { ruleSetting, ruleSeverity } from './rulePack';
import type { Attendance, CmeEvent, Finding } from './types';
import { daysBetween, yearWindowOf } from './windows';

// ---------------------------------------------------------------------------------------------------
// REPEAT_TOPIC: an HCP (attendee or speaker) does not take part in the same topic again within Window_Days__c.
// ---------------------------------------------------------------------------------------------------

function topicKey(event: CmeEvent): string {
  return (event.Topic__c ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
}

export function checkRepeatTopic(ctx: RuleContext): Finding[] {
  const severity = ruleSeverity(ctx.pack, 'REPEAT_TOPIC');
  const windowDays = ruleSetting(ctx.pack, 'REPEAT_TOPIC').windowDays;
  if (!severity || windowDays === null) return [];
  const scoped = new Set(ctx.scope.map((e) => e.Id));
  const latest = new Map<string, Participation>(); // doctor|topic -> the latest participation so far
  const out: Finding[] = [];
  // participations() is in day order, so everything already seen for a doctor and topic is earlier.
  for (const p of ctx.participations()) {
    const topic = topicKey(p.event);
    if (!topic) continue;
    const key = `${p.doctorId}|${topic}`;
    const previous = latest.get(key);
    latest.set(key, p);
    if (!previous || !scoped.has(p.event.Id)) continue;
    const gap = daysBetween(previous.day, p.day);
    if (gap > windowDays) continue;
    out.push(
      makeFinding('REPEAT_TOPIC', severity, p.event.Id, {
        doctorId: p.doctorId,
        amount: gap,
        limit: windowDays,
        message: `${ctx.hcp(p.doctorId)} takes part in "${p.event.Topic__c?.trim()}" again ${plural(gap, 'day')} after ${ctx.eventName(previous.event.Id)} (${previous.day}); the same topic is allowed once in ${windowDays} days.`,
        evidence: {
          topic: p.event.Topic__c?.trim() ?? null,
          previousEventId: previous.event.Id,
          previousDay: previous.day,
          day: p.day,
          gapDays: gap,
          role: p.role,
        },
      }),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// MAX_EVENTS_PER_HCP: an HCP takes part in at most Limit__c sponsored events per pack year.
// ---------------------------------------------------------------------------------------------------

export function checkMaxEventsPerHcp(ctx: RuleContext): Finding[] {
  const severity = ruleSeverity(ctx.pack, 'MAX_EVENTS_PER_HCP');
  const max = ruleSetting(ctx.pack, 'MAX_EVENTS_PER_HCP').limit;
  if (!severity || max === null) return [];
  const scoped = new Set(ctx.scope.map((e) => e.Id));
  // doctor -> year start -> event ids so far, in day order (no key text built per participation)
  const counts = new Map<string, Map<string, string[]>>();
  const out: Finding[] = [];
  for (const p of ctx.participations()) {
    const year = yearWindowOf(p.day, ctx.pack);
    let years = counts.get(p.doctorId);
    if (!years) {
      years = new Map<string, string[]>();
      counts.set(p.doctorId, years);
    }
    let events = years.get(year.start);
    if (!events) {
      events = [];
      years.set(year.start, events);
    }
    events.push(p.event.Id);
    if (events.length <= max || !scoped.has(p.event.Id)) continue;
    out.push(
      makeFinding('MAX_EVENTS_PER_HCP', severity, p.event.Id, {
        doctorId: p.doctorId,
        amount: events.length,
        limit: max,
        message: `${ctx.eventName(p.event.Id)} is ${ctx.hcp(p.doctorId)}'s ${ordinal(events.length)} sponsored event in ${year.label}; the limit is ${max}.`,
        // The events that used up the allowance, not every one so far: evidence stays the same
        // size however far over the limit an HCP goes.
        evidence: { year: year.label, count: events.length, eventIdsWithinLimit: events.slice(0, max) },
      }),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// ATTENDANCE_EVIDENCE: each attendance has a signature with its SHA-256, a paper sheet, or a virtual
// log with at least Limit__c minutes.
// ---------------------------------------------------------------------------------------------------

const SHA256_HEX = /^[0-9a-f]{64}$/i;

/** What is missing from an attendance's sign-in evidence, or null when it is enough. */
export function attendanceEvidenceProblem(attendance: Attendance, minimumMinutes: number | null): string | null {
  const signed = SHA256_HEX.test(attendance.Signature_SHA256__c ?? '');
  switch (attendance.Sign_In_Method__c) {
    case 'Paper Sheet':
      return null;
    case 'E-Signature':
      return signed ? null : 'has an e-signature without its SHA-256 hash';
    case 'Virtual Log': {
      const minutes = attendance.Minutes_Attended__c ?? 0;
      const needed = minimumMinutes ?? 1;
      return minutes >= needed
        ? null
        : `has a virtual log of ${plural(minutes, 'minute')}; at least ${needed} are required`;
    }
    case 'Self Check-In':
      // A kiosk check-in counts when it captured a signature; on its own it proves nothing.
      return signed ? null : 'is a self check-in with no signature, sheet or virtual log';
    default:
      return 'has no sign-in evidence';
  }
}

export function checkAttendanceEvidence(ctx: RuleContext): Finding[] {
  const minimum = ruleSetting(ctx.pack, 'ATTENDANCE_EVIDENCE').limit;
  return findingsPerEvent(ctx, 'ATTENDANCE_EVIDENCE', (event) => {
    const rows = [...ctx.attendanceOf(event.Id)].sort((a, b) => compareText(a.Id, b.Id));
    const out: EventFindingParts[] = [];
    for (const a of rows) {
      const problem = attendanceEvidenceProblem(a, minimum);
      if (!problem) continue;
      const who = a.Doctor__c ? `${ctx.hcp(a.Doctor__c)}'s attendance` : 'An attendance with no HCP';
      out.push({
        doctorId: a.Doctor__c,
        amount: a.Sign_In_Method__c === 'Virtual Log' ? (a.Minutes_Attended__c ?? 0) : undefined,
        limit: a.Sign_In_Method__c === 'Virtual Log' ? (minimum ?? 1) : undefined,
        message: `${who} at ${ctx.eventName(event.Id)} ${problem}.`,
        evidence: {
          attendanceId: a.Id,
          signInMethod: a.Sign_In_Method__c ?? null,
          mode: a.Mode__c ?? null,
          minutesAttended: a.Minutes_Attended__c ?? null,
          hasSignatureHash: SHA256_HEX.test(a.Signature_SHA256__c ?? ''),
        },
      });
    }
    return out;
  });
}

// ---------------------------------------------------------------------------------------------------
// CONSENT_FOR_DISCLOSURE: named disclosure only with consent; an HCP without it is reported in aggregate.
// ---------------------------------------------------------------------------------------------------

export function checkConsentForDisclosure(ctx: RuleContext): Finding[] {
  return findingsPerEvent(ctx, 'CONSENT_FOR_DISCLOSURE', (event) => {
    const perDoctor = new Map<string, number>();
    for (const a of ctx.tovOf(event.Id).allocations)
      perDoctor.set(a.doctorId, sumMoney([perDoctor.get(a.doctorId) ?? 0, a.amount]));
    return [...perDoctor]
      .sort(([a], [b]) => compareText(a, b))
      .filter(([doctorId]) => !ctx.doctors.get(doctorId)?.CME_Disclosure_Consent__c)
      .map(([doctorId, total]) => ({
        doctorId,
        amount: total,
        message: `${ctx.hcp(doctorId)} has not consented to named disclosure; their ${ctx.money(total)} from ${ctx.eventName(event.Id)} will be disclosed in aggregate.`,
        evidence: { consent: ctx.doctors.get(doctorId)?.CME_Disclosure_Consent__c ?? null, total },
      }));
  });
}
