/**
 * The compliance rules of compliance.md's table, one function each. A rule reads its setting from the
 * pack (severity, Limit__c, Warn_Percent__c, Window_Days__c), returns no findings when the pack has it
 * Off, and reports on the events in the context's scope only; other events are history.
 *
 * Two kinds of money are looked at, on purpose:
 * - rules about what may be paid at all (travel for learners, pay to learners of accredited CME,
 *   honoraria above fair-market value) read every line, Estimated included, so a plan is caught
 *   before approval;
 * - rules about running totals (annual cap, budget, meals per person, consent) count Actual and,
 *   unless switched off, Committed spend: what has been paid or contracted.
 */
import { isInactiveEvent, makeFinding } from './context';
import type { Participation, RuleContext } from './context';
import { formatPercent, joinList, ordinal, plural } from './format';
import { sumMoney } from './money';
import { compareText } from './order';
import { ruleSetting, ruleSeverity } from './rulePack';
import { invitationByDoctor, isFacultyRole, rolesByDoctor, summariseByHcp } from './tov';
import type { TovAllocation } from './tov';
import type { Attendance, CmeEvent, Expense, Finding, FindingSeverity, Invitation } from './types';
import { addDays, daysBetween, parseInstant, toUtcDay, yearWindowOf } from './windows';

// ---------------------------------------------------------------------------------------------------
// Small shared readings of the records
// ---------------------------------------------------------------------------------------------------

function startDay(event: CmeEvent): string | null {
  return toUtcDay(event.Start__c);
}

function distinct(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareText);
}

function acceptedDoctorIds(invitations: readonly Invitation[]): string[] {
  return distinct(invitations.filter((i) => i.Status__c === 'Accepted' && i.Doctor__c).map((i) => i.Doctor__c));
}

/** Direct lines (Doctor__c set) in any stage, grouped by HCP. */
function directLinesByDoctor(expenses: readonly Expense[], category?: Expense['Category__c']): Map<string, Expense[]> {
  const byDoctor = new Map<string, Expense[]>();
  for (const e of expenses) {
    if (!e.Doctor__c || !e.Amount__c || (category && e.Category__c !== category)) continue;
    const lines = byDoctor.get(e.Doctor__c);
    if (lines) lines.push(e);
    else byDoctor.set(e.Doctor__c, [e]);
  }
  return new Map([...byDoctor].sort(([a], [b]) => compareText(a, b)));
}

function amountOf(lines: readonly Expense[]): number {
  return sumMoney(lines.map((l) => l.Amount__c ?? 0));
}

function idsOf(rows: readonly { Id: string }[]): string[] {
  return rows.map((r) => r.Id).sort(compareText);
}

function roleLabel(role: string | null | undefined): string {
  return role ? role.toLowerCase() : 'walk-in';
}

// ---------------------------------------------------------------------------------------------------
// APPROVAL_BEFORE_INVITE: no invitation is sent before the event is Approved.
// ---------------------------------------------------------------------------------------------------

export function checkApprovalBeforeInvite(ctx: RuleContext): Finding[] {
  const severity = ruleSeverity(ctx.pack, 'APPROVAL_BEFORE_INVITE');
  if (!severity) return [];
  const out: Finding[] = [];
  for (const event of ctx.scope) {
    const approvedAt = event.Approved_On__c ?? null;
    // Compare instants, not days: an invitation sent an hour before approval on the same day is early.
    const approvedMs = parseInstant(approvedAt);
    const early = ctx
      .invitationsOf(event.Id)
      .filter((i) => i.Invited_On__c && (approvedMs === null || instantOf(i.Invited_On__c) < approvedMs))
      .sort((a, b) => instantOf(a.Invited_On__c) - instantOf(b.Invited_On__c) || compareText(a.Id, b.Id));
    if (early.length === 0) continue;
    const firstDay = toUtcDay(early[0].Invited_On__c);
    const count = plural(early.length, 'invitation');
    const name = ctx.eventName(event.Id);
    const message = approvedAt
      ? `${count} went out before ${name} was approved on ${toUtcDay(approvedAt)} (the first on ${firstDay}).`
      : `${count} went out (the first on ${firstDay}) but ${name} has not been approved.`;
    out.push(
      makeFinding('APPROVAL_BEFORE_INVITE', severity, event.Id, {
        doctorId: early.length === 1 ? early[0].Doctor__c : undefined,
        message,
        evidence: {
          status: event.Status__c ?? null,
          approvedOn: approvedAt,
          firstInvitedOn: early[0].Invited_On__c ?? null,
          invitationIds: idsOf(early),
        },
      }),
    );
  }
  return out;
}

function instantOf(value: string | null | undefined): number {
  return parseInstant(value) ?? 0;
}

// ---------------------------------------------------------------------------------------------------
// APPROVAL_LEAD_TIME: approved at least Limit__c days before the start.
// ---------------------------------------------------------------------------------------------------

export function checkApprovalLeadTime(ctx: RuleContext): Finding[] {
  const severity = ruleSeverity(ctx.pack, 'APPROVAL_LEAD_TIME');
  const required = ruleSetting(ctx.pack, 'APPROVAL_LEAD_TIME').limit;
  if (!severity || required === null) return [];
  const out: Finding[] = [];
  for (const event of ctx.scope) {
    const start = startDay(event);
    if (!start || isInactiveEvent(event)) continue;
    const name = ctx.eventName(event.Id);
    const approved = toUtcDay(event.Approved_On__c);
    const evidence = { status: event.Status__c ?? null, start, approvedOn: approved, requiredDays: required };
    if (approved) {
      const lead = daysBetween(approved, start);
      if (lead >= required) continue;
      const when = lead >= 0 ? `${plural(lead, 'day')} before it starts` : `${plural(-lead, 'day')} after it started`;
      out.push(
        makeFinding('APPROVAL_LEAD_TIME', severity, event.Id, {
          amount: lead,
          limit: required,
          message: `${name} was approved ${when} (approved ${approved}, starts ${start}); approval is needed at least ${plural(required, 'day')} ahead.`,
          evidence: { ...evidence, leadDays: lead },
        }),
      );
    } else if (event.Status__c === 'Approved' || event.Status__c === 'Completed' || event.Status__c === 'Closed') {
      out.push(
        makeFinding('APPROVAL_LEAD_TIME', severity, event.Id, {
          message: `${name} is ${event.Status__c} but has no approval date.`,
          evidence,
        }),
      );
    } else {
      // Not approved yet: it is late once the start is nearer than the lead time.
      const left = daysBetween(ctx.today, start);
      if (left >= required) continue;
      const when = left >= 0 ? `starts on ${start}, ${plural(left, 'day')} from ${ctx.today},` : `started on ${start}`;
      out.push(
        makeFinding('APPROVAL_LEAD_TIME', severity, event.Id, {
          amount: left,
          limit: required,
          message: `${name} ${when} and is not approved; approval is needed at least ${plural(required, 'day')} before the start.`,
          evidence: { ...evidence, today: ctx.today, daysLeft: left },
        }),
      );
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// EDUCATIONAL_NEED: the event states a bona fide educational need (Limit__c, when set: minimum length).
// ---------------------------------------------------------------------------------------------------

export function checkEducationalNeed(ctx: RuleContext): Finding[] {
  const severity = ruleSeverity(ctx.pack, 'EDUCATIONAL_NEED');
  if (!severity) return [];
  const minimum = ruleSetting(ctx.pack, 'EDUCATIONAL_NEED').limit ?? 1;
  const out: Finding[] = [];
  for (const event of ctx.scope) {
    if (isInactiveEvent(event)) continue;
    const need = (event.Educational_Need__c ?? '').trim();
    if (need.length >= Math.max(1, minimum)) continue;
    const name = ctx.eventName(event.Id);
    out.push(
      makeFinding('EDUCATIONAL_NEED', severity, event.Id, {
        amount: need.length,
        limit: minimum,
        message: need
          ? `${name} states its educational need in ${plural(need.length, 'character')}; at least ${minimum} are expected.`
          : `${name} states no educational need.`,
        evidence: { length: need.length, minimumLength: minimum },
      }),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// FOREIGN_VENUE: an in-person or hybrid event is held in the pack's home country.
// ---------------------------------------------------------------------------------------------------

export function checkForeignVenue(ctx: RuleContext): Finding[] {
  const severity = ruleSeverity(ctx.pack, 'FOREIGN_VENUE');
  const home = ctx.pack.homeCountry;
  if (!severity || !home) return [];
  const out: Finding[] = [];
  for (const event of ctx.scope) {
    if (isInactiveEvent(event) || event.Format__c === 'Virtual') continue;
    const country = (event.Country__c ?? '').trim().toUpperCase();
    if (country === home) continue;
    const name = ctx.eventName(event.Id);
    const format = event.Format__c ?? 'In-Person';
    out.push(
      makeFinding('FOREIGN_VENUE', severity, event.Id, {
        message: country
          ? `${name} is held in ${ctx.country(country)}, outside ${ctx.country(home)}.`
          : `${name} is ${format} but has no venue country, so it cannot be shown to be held in ${ctx.country(home)}.`,
        evidence: { format, country: country || null, city: event.City__c ?? null, homeCountry: home },
      }),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// HCP_ANNUAL_CAP: an HCP's transfers of value in a pack year stay under Limit__c; warn at Warn_Percent__c.
// ---------------------------------------------------------------------------------------------------

/** Every event's allocations (history included), for rules that total across events. */
function allAllocations(ctx: RuleContext): TovAllocation[] {
  return [...ctx.events.keys()].flatMap((id) => ctx.tovOf(id).allocations);
}

/** The last scoped event (by start, then id) among these, to hang a per-year finding on. */
function lastScopedEvent(ctx: RuleContext, eventIds: readonly string[]): CmeEvent | undefined {
  const ids = new Set(eventIds);
  return [...ctx.scope].reverse().find((e) => ids.has(e.Id));
}

export function checkHcpAnnualCap(ctx: RuleContext): Finding[] {
  const severity = ruleSeverity(ctx.pack, 'HCP_ANNUAL_CAP');
  const { limit: cap, warnPercent } = ruleSetting(ctx.pack, 'HCP_ANNUAL_CAP');
  if (!severity || cap === null) return [];
  const allocations = allAllocations(ctx);
  const byDoctor = new Map<string, TovAllocation[]>();
  for (const a of allocations) {
    const list = byDoctor.get(a.doctorId);
    if (list) list.push(a);
    else byDoctor.set(a.doctorId, [a]);
  }
  const warnAt = warnPercent !== null && warnPercent < 100 ? (cap * warnPercent) / 100 : null;
  const out: Finding[] = [];
  for (const year of summariseByHcp(allocations, ctx.pack)) {
    const over = year.total > cap;
    if (!over && (warnAt === null || year.total < warnAt)) continue;
    const event = lastScopedEvent(ctx, year.eventIds);
    if (!event) continue;
    const counted = (byDoctor.get(year.doctorId) ?? []).filter(
      (a) => a.date && a.date >= year.window.start && a.date <= year.window.end,
    );
    const verb = counted.every((a) => a.stage === 'Actual') ? 'received' : 'would receive';
    const who = ctx.hcp(year.doctorId);
    const total = ctx.money(year.total);
    const message = over
      ? `${who} ${verb} ${total} in ${year.window.label}, over the ${ctx.money(cap)} cap.`
      : `${who} ${verb} ${total} in ${year.window.label}, ${formatPercent(year.total, cap)} of the ${ctx.money(cap)} cap (warning from ${warnPercent}%).`;
    out.push(
      makeFinding('HCP_ANNUAL_CAP', over ? severity : 'warn', event.Id, {
        doctorId: year.doctorId,
        amount: year.total,
        limit: cap,
        message,
        evidence: {
          year: year.window.label,
          windowStart: year.window.start,
          windowEnd: year.window.end,
          total: year.total,
          cap,
          warnPercent,
          eventIds: year.eventIds,
          expenseIds: distinct(counted.map((a) => a.expenseId)),
        },
      }),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// MEAL_CAP: food and beverage per attendee stays under Limit__c per event.
// ---------------------------------------------------------------------------------------------------

export function checkMealCap(ctx: RuleContext): Finding[] {
  const severity = ruleSeverity(ctx.pack, 'MEAL_CAP');
  const cap = ruleSetting(ctx.pack, 'MEAL_CAP').limit;
  if (!severity || cap === null) return [];
  const out: Finding[] = [];
  for (const event of ctx.scope) {
    const served = ctx.attendanceOf(event.Id).length > 0;
    // A cancelled or rejected event will serve no planned meal.
    if (!served && isInactiveEvent(event)) continue;
    const finding = served ? mealsAsServed(ctx, event, cap, severity) : mealsAsPlanned(ctx, event, cap, severity);
    if (finding) out.push(finding);
  }
  return out;
}

// After the event: each diner's food and beverage, their share of shared lines plus any direct line.
function mealsAsServed(ctx: RuleContext, event: CmeEvent, cap: number, severity: FindingSeverity): Finding | null {
  const perDoctor = new Map<string, number>();
  const lines = ctx.tovOf(event.Id).allocations.filter((a) => a.category === 'Food and Beverage');
  for (const a of lines) perDoctor.set(a.doctorId, sumMoney([perDoctor.get(a.doctorId) ?? 0, a.amount]));
  const over = [...perDoctor].filter(([, amount]) => amount > cap).sort(([a], [b]) => compareText(a, b));
  if (over.length === 0) return null;
  const highest = Math.max(...over.map(([, amount]) => amount));
  const name = ctx.eventName(event.Id);
  const message =
    over.length === 1
      ? `${ctx.hcp(over[0][0])} received ${ctx.money(over[0][1])} of food and beverage at ${name}, over the ${ctx.money(cap)} per-person cap.`
      : `Food and beverage at ${name} came to up to ${ctx.money(highest)} per person for ${plural(over.length, 'attendee')}, over the ${ctx.money(cap)} per-person cap.`;
  return makeFinding('MEAL_CAP', severity, event.Id, {
    doctorId: over.length === 1 ? over[0][0] : undefined,
    amount: highest,
    limit: cap,
    message,
    evidence: {
      basis: 'attended',
      doctorIds: over.map(([id]) => id),
      foodAndBeverage: sumMoney(lines.map((a) => a.amount)),
      diners: perDoctor.size,
      expenseIds: distinct(lines.map((a) => a.expenseId)),
    },
  });
}

// Before anyone attends: the planned food and beverage (every stage) over the accepted headcount.
function mealsAsPlanned(ctx: RuleContext, event: CmeEvent, cap: number, severity: FindingSeverity): Finding | null {
  const accepted = acceptedDoctorIds(ctx.invitationsOf(event.Id)).length;
  const lines = ctx.expensesOf(event.Id).filter((e) => e.Category__c === 'Food and Beverage' && e.Amount__c);
  if (accepted === 0 || lines.length === 0) return null;
  const total = amountOf(lines);
  const perPerson = Math.round((total / accepted) * 100) / 100;
  if (perPerson <= cap) return null;
  return makeFinding('MEAL_CAP', severity, event.Id, {
    amount: perPerson,
    limit: cap,
    message: `Planned food and beverage at ${ctx.eventName(event.Id)} is ${ctx.money(perPerson)} per person (${ctx.money(total)} for ${plural(accepted, 'accepted invitee')}), over the ${ctx.money(cap)} per-person cap.`,
    evidence: { basis: 'accepted', foodAndBeverage: total, accepted, expenseIds: idsOf(lines) },
  });
}

// ---------------------------------------------------------------------------------------------------
// HONORARIUM_FMV: a speaker's honorarium stays within Limit__c per hour × the invitation's Speaking_Hours__c.
// ---------------------------------------------------------------------------------------------------

export function checkHonorariumFmv(ctx: RuleContext): Finding[] {
  const severity = ruleSeverity(ctx.pack, 'HONORARIUM_FMV');
  const rate = ruleSetting(ctx.pack, 'HONORARIUM_FMV').limit;
  if (!severity || rate === null) return [];
  const out: Finding[] = [];
  for (const event of ctx.scope) {
    const invitations = invitationByDoctor(ctx.invitationsOf(event.Id));
    for (const [doctorId, lines] of directLinesByDoctor(ctx.expensesOf(event.Id), 'Speaker Honorarium')) {
      const hours = invitations.get(doctorId)?.Speaking_Hours__c ?? 0;
      const allowed = sumMoney([rate * hours]);
      const paid = amountOf(lines);
      if (paid <= allowed) continue;
      const who = ctx.hcp(doctorId);
      out.push(
        makeFinding('HONORARIUM_FMV', severity, event.Id, {
          doctorId,
          amount: paid,
          limit: allowed,
          message:
            hours > 0
              ? `${who}'s honorarium of ${ctx.money(paid)} for ${hours} h exceeds the fair-market value of ${ctx.money(allowed)} (${ctx.money(rate)} per hour).`
              : `${who} has an honorarium of ${ctx.money(paid)} but no contracted speaking hours on their invitation.`,
          evidence: {
            speakingHours: hours,
            ratePerHour: rate,
            allowed,
            honorarium: paid,
            invitationId: invitations.get(doctorId)?.Id ?? null,
            expenseIds: idsOf(lines),
          },
        }),
      );
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// SPEAKER_ONLY_TRAVEL: travel and lodging is paid only for HCPs engaged as speakers (faculty).
// ---------------------------------------------------------------------------------------------------

export function checkSpeakerOnlyTravel(ctx: RuleContext): Finding[] {
  const severity = ruleSeverity(ctx.pack, 'SPEAKER_ONLY_TRAVEL');
  if (!severity) return [];
  const out: Finding[] = [];
  for (const event of ctx.scope) {
    const expenses = ctx.expensesOf(event.Id);
    const roles = rolesByDoctor(ctx.invitationsOf(event.Id));
    const name = ctx.eventName(event.Id);
    for (const [doctorId, lines] of directLinesByDoctor(expenses, 'Travel and Lodging')) {
      const role = roles.get(doctorId) ?? null;
      if (isFacultyRole(role)) continue;
      out.push(
        makeFinding('SPEAKER_ONLY_TRAVEL', severity, event.Id, {
          doctorId,
          amount: amountOf(lines),
          message: `${ctx.hcp(doctorId)} is not a speaker at ${name} (${roleLabel(role)}) yet has ${ctx.money(amountOf(lines))} of travel and lodging.`,
          evidence: { role, expenseIds: idsOf(lines) },
        }),
      );
    }
    // A travel line naming no HCP pays for somebody's travel, and nobody can show it was a speaker's.
    for (const line of expenses.filter((e) => e.Category__c === 'Travel and Lodging' && !e.Doctor__c && e.Amount__c))
      out.push(
        makeFinding('SPEAKER_ONLY_TRAVEL', severity, event.Id, {
          amount: line.Amount__c ?? 0,
          message: `A travel and lodging line of ${ctx.money(line.Amount__c ?? 0)} at ${name} names no HCP; travel and stays may be paid only for speakers.`,
          evidence: { expenseIds: [line.Id] },
        }),
      );
  }
  return out;
}

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
  const counts = new Map<string, string[]>(); // doctor|year -> event ids so far, in day order
  const out: Finding[] = [];
  for (const p of ctx.participations()) {
    const year = yearWindowOf(p.day, ctx.pack);
    const key = `${p.doctorId}|${year.start}`;
    const events = counts.get(key) ?? [];
    events.push(p.event.Id);
    counts.set(key, events);
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
// ACCREDITED_INDEPENDENCE: in accredited CME, no direct transfer of value to learners (non-faculty).
// ---------------------------------------------------------------------------------------------------

export function checkAccreditedIndependence(ctx: RuleContext): Finding[] {
  const severity = ruleSeverity(ctx.pack, 'ACCREDITED_INDEPENDENCE');
  if (!severity) return [];
  const out: Finding[] = [];
  for (const event of ctx.scope) {
    if (!event.Accredited__c) continue;
    const roles = rolesByDoctor(ctx.invitationsOf(event.Id));
    for (const [doctorId, lines] of directLinesByDoctor(ctx.expensesOf(event.Id))) {
      const role = roles.get(doctorId) ?? null;
      if (isFacultyRole(role)) continue;
      const categories = distinct(lines.map((l) => l.Category__c ?? 'Other'));
      out.push(
        makeFinding('ACCREDITED_INDEPENDENCE', severity, event.Id, {
          doctorId,
          amount: amountOf(lines),
          message: `${ctx.hcp(doctorId)} is a learner (${roleLabel(role)}) at accredited ${ctx.eventName(event.Id)} yet receives ${ctx.money(amountOf(lines))} directly from the company (${categories.join(', ')}).`,
          evidence: {
            role,
            accreditationProvider: event.Accreditation_Provider__c ?? null,
            categories,
            expenseIds: idsOf(lines),
          },
        }),
      );
    }
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
  const severity = ruleSeverity(ctx.pack, 'ATTENDANCE_EVIDENCE');
  if (!severity) return [];
  const minimum = ruleSetting(ctx.pack, 'ATTENDANCE_EVIDENCE').limit;
  const out: Finding[] = [];
  for (const event of ctx.scope) {
    const rows = [...ctx.attendanceOf(event.Id)].sort((a, b) => compareText(a.Id, b.Id));
    for (const a of rows) {
      const problem = attendanceEvidenceProblem(a, minimum);
      if (!problem) continue;
      const who = a.Doctor__c ? `${ctx.hcp(a.Doctor__c)}'s attendance` : 'An attendance with no HCP';
      out.push(
        makeFinding('ATTENDANCE_EVIDENCE', severity, event.Id, {
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
        }),
      );
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// CONSENT_FOR_DISCLOSURE: named disclosure only with consent; an HCP without it is reported in aggregate.
// ---------------------------------------------------------------------------------------------------

export function checkConsentForDisclosure(ctx: RuleContext): Finding[] {
  const severity = ruleSeverity(ctx.pack, 'CONSENT_FOR_DISCLOSURE');
  if (!severity) return [];
  const out: Finding[] = [];
  for (const event of ctx.scope) {
    const perDoctor = new Map<string, number>();
    for (const a of ctx.tovOf(event.Id).allocations)
      perDoctor.set(a.doctorId, sumMoney([perDoctor.get(a.doctorId) ?? 0, a.amount]));
    for (const [doctorId, total] of [...perDoctor].sort(([a], [b]) => compareText(a, b))) {
      if (ctx.doctors.get(doctorId)?.CME_Disclosure_Consent__c) continue;
      out.push(
        makeFinding('CONSENT_FOR_DISCLOSURE', severity, event.Id, {
          doctorId,
          amount: total,
          message: `${ctx.hcp(doctorId)} has not consented to named disclosure; their ${ctx.money(total)} from ${ctx.eventName(event.Id)} will be disclosed in aggregate.`,
          evidence: { consent: ctx.doctors.get(doctorId)?.CME_Disclosure_Consent__c ?? null, total },
        }),
      );
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// BUDGET_OVERRUN: actual (and committed) spend stays within the budget; warn from Warn_Percent__c when
// it is below 100.
// ---------------------------------------------------------------------------------------------------

export function checkBudgetOverrun(ctx: RuleContext): Finding[] {
  const severity = ruleSeverity(ctx.pack, 'BUDGET_OVERRUN');
  if (!severity) return [];
  const { warnPercent } = ruleSetting(ctx.pack, 'BUDGET_OVERRUN');
  const out: Finding[] = [];
  for (const event of ctx.scope) {
    const expenses = ctx.expensesOf(event.Id);
    const actual = amountOf(expenses.filter((e) => e.Stage__c === 'Actual'));
    const committed = ctx.includeCommittedSpend ? amountOf(expenses.filter((e) => e.Stage__c === 'Committed')) : 0;
    const spend = sumMoney([actual, committed]);
    const budget = event.Budget__c ?? 0;
    const name = ctx.eventName(event.Id);
    const evidence = { budget: event.Budget__c ?? null, actual, committed, spend };
    if (budget <= 0) {
      if (spend > 0)
        out.push(
          makeFinding('BUDGET_OVERRUN', severity, event.Id, {
            amount: spend,
            limit: 0,
            message: `${name} has ${ctx.money(spend)} of spend but no budget.`,
            evidence,
          }),
        );
      continue;
    }
    const over = spend > budget;
    const warn = warnPercent !== null && warnPercent < 100 && spend >= (budget * warnPercent) / 100;
    if (!over && !warn) continue;
    const parts = ctx.includeCommittedSpend
      ? ` (${ctx.money(actual)} actual + ${ctx.money(committed)} committed)`
      : ' (actual)';
    out.push(
      makeFinding('BUDGET_OVERRUN', over ? severity : 'warn', event.Id, {
        amount: spend,
        limit: budget,
        message: `Spend on ${name} is ${ctx.money(spend)}${parts}, ${formatPercent(spend, budget)} of the ${ctx.money(budget)} budget${over ? '' : ` (warning from ${warnPercent}%)`}.`,
        evidence: { ...evidence, warnPercent },
      }),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// CAPACITY: accepted invitations do not exceed Capacity__c.
// ---------------------------------------------------------------------------------------------------

export function checkCapacity(ctx: RuleContext): Finding[] {
  const severity = ruleSeverity(ctx.pack, 'CAPACITY');
  if (!severity) return [];
  const out: Finding[] = [];
  for (const event of ctx.scope) {
    const capacity = event.Capacity__c;
    if (capacity === null || capacity === undefined || isInactiveEvent(event)) continue;
    const accepted = acceptedDoctorIds(ctx.invitationsOf(event.Id));
    if (accepted.length <= capacity) continue;
    out.push(
      makeFinding('CAPACITY', severity, event.Id, {
        amount: accepted.length,
        limit: capacity,
        message: `${ctx.eventName(event.Id)} has ${plural(accepted.length, 'accepted invitation')} for ${plural(capacity, 'place')}.`,
        evidence: { capacity, accepted: accepted.length },
      }),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// CLOSEOUT_DOCUMENTS: Window_Days__c after the end, a Completed event has attendance and a receipt
// reference on every paid line, and no line left unpaid.
// ---------------------------------------------------------------------------------------------------

export function checkCloseoutDocuments(ctx: RuleContext): Finding[] {
  const severity = ruleSeverity(ctx.pack, 'CLOSEOUT_DOCUMENTS');
  if (!severity) return [];
  const windowDays = ruleSetting(ctx.pack, 'CLOSEOUT_DOCUMENTS').windowDays ?? 0;
  const out: Finding[] = [];
  for (const event of ctx.scope) {
    const end = toUtcDay(event.End__c ?? event.Start__c);
    if (event.Status__c !== 'Completed' || !end) continue;
    const deadline = addDays(end, windowDays);
    // Until the deadline the team still has time; only then is anything missing a finding.
    if (ctx.today <= deadline) continue;
    const expenses = ctx.expensesOf(event.Id).filter((e) => e.Amount__c);
    const attendance = ctx.attendanceOf(event.Id).length;
    const noReceipt = expenses.filter((e) => e.Stage__c === 'Actual' && !(e.Receipt_Reference__c ?? '').trim());
    const unpaid = expenses.filter((e) => e.Stage__c !== 'Actual');
    const missing: string[] = [];
    if (attendance === 0) missing.push('no attendance records');
    if (noReceipt.length) missing.push(`${plural(noReceipt.length, 'paid line')} without a receipt reference`);
    if (unpaid.length) missing.push(`${plural(unpaid.length, 'expense line')} not yet marked Actual`);
    if (missing.length === 0) continue;
    out.push(
      makeFinding('CLOSEOUT_DOCUMENTS', severity, event.Id, {
        amount: daysBetween(end, ctx.today),
        limit: windowDays,
        message: `${ctx.eventName(event.Id)} ended on ${end} and ${plural(daysBetween(end, ctx.today), 'day')} later has ${joinList(missing)}; close-out is due within ${windowDays} days.`,
        evidence: {
          end,
          deadline,
          attendanceCount: attendance,
          expenseIdsWithoutReceipt: idsOf(noReceipt),
          expenseIdsNotActual: idsOf(unpaid),
        },
      }),
    );
  }
  return out;
}
