/**
 * The compliance rules about the event itself: its approval (before invitations, and how long before
 * the start), its educational need, its venue, its capacity and its close-out documents. Re-exported
 * by rules.ts.
 */
import { findingsPerEvent, isInactiveEvent } from './context';
import type { RuleContext } from './context';
import { joinList, plural } from './format';
import { compareText } from './order';
import { ruleSetting } from './rulePack';
import type { Finding } from './types';
import { addDays, daysBetween, parseInstant, toUtcDay } from './windows';
import { acceptedDoctorIds, idsOf, startDay } from './ruleReadings';

// ---------------------------------------------------------------------------------------------------
// APPROVAL_BEFORE_INVITE: no invitation is sent before the event is Approved.
// ---------------------------------------------------------------------------------------------------

export function checkApprovalBeforeInvite(ctx: RuleContext): Finding[] {
  return findingsPerEvent(ctx, 'APPROVAL_BEFORE_INVITE', (event) => {
    const approvedAt = event.Approved_On__c ?? null;
    // Compare instants, not days: an invitation sent an hour before approval on the same day is early.
    const approvedMs = parseInstant(approvedAt);
    const early = ctx
      .invitationsOf(event.Id)
      .filter((i) => i.Invited_On__c && (approvedMs === null || instantOf(i.Invited_On__c) < approvedMs))
      .sort((a, b) => instantOf(a.Invited_On__c) - instantOf(b.Invited_On__c) || compareText(a.Id, b.Id));
    if (early.length === 0) return [];
    const firstDay = toUtcDay(early[0].Invited_On__c);
    const count = plural(early.length, 'invitation');
    const name = ctx.eventName(event.Id);
    const message = approvedAt
      ? `${count} went out before ${name} was approved on ${toUtcDay(approvedAt)} (the first on ${firstDay}).`
      : `${count} went out (the first on ${firstDay}) but ${name} has not been approved.`;
    return [
      {
        doctorId: early.length === 1 ? early[0].Doctor__c : undefined,
        message,
        evidence: {
          status: event.Status__c ?? null,
          approvedOn: approvedAt,
          firstInvitedOn: early[0].Invited_On__c ?? null,
          invitationIds: idsOf(early),
        },
      },
    ];
  });
}

function instantOf(value: string | null | undefined): number {
  return parseInstant(value) ?? 0;
}

// ---------------------------------------------------------------------------------------------------
// APPROVAL_LEAD_TIME: approved at least Limit__c days before the start.
// ---------------------------------------------------------------------------------------------------

export function checkApprovalLeadTime(ctx: RuleContext): Finding[] {
  const required = ruleSetting(ctx.pack, 'APPROVAL_LEAD_TIME').limit;
  if (required === null) return [];
  return findingsPerEvent(ctx, 'APPROVAL_LEAD_TIME', (event) => {
    const start = startDay(event);
    if (!start || isInactiveEvent(event)) return [];
    const name = ctx.eventName(event.Id);
    const approved = toUtcDay(event.Approved_On__c);
    const evidence = { status: event.Status__c ?? null, start, approvedOn: approved, requiredDays: required };
    if (approved) {
      const lead = daysBetween(approved, start);
      if (lead >= required) return [];
      const when = lead >= 0 ? `${plural(lead, 'day')} before it starts` : `${plural(-lead, 'day')} after it started`;
      return [
        {
          amount: lead,
          limit: required,
          message: `${name} was approved ${when} (approved ${approved}, starts ${start}); approval is needed at least ${plural(required, 'day')} ahead.`,
          evidence: { ...evidence, leadDays: lead },
        },
      ];
    }
    if (event.Status__c === 'Approved' || event.Status__c === 'Completed' || event.Status__c === 'Closed')
      return [{ message: `${name} is ${event.Status__c} but has no approval date.`, evidence }];
    // Not approved yet: it is late once the start is nearer than the lead time.
    const left = daysBetween(ctx.today, start);
    if (left >= required) return [];
    const when = left >= 0 ? `starts on ${start}, ${plural(left, 'day')} from ${ctx.today},` : `started on ${start}`;
    return [
      {
        amount: left,
        limit: required,
        message: `${name} ${when} and is not approved; approval is needed at least ${plural(required, 'day')} before the start.`,
        evidence: { ...evidence, today: ctx.today, daysLeft: left },
      },
    ];
  });
}

// ---------------------------------------------------------------------------------------------------
// EDUCATIONAL_NEED: the event states a bona fide educational need (Limit__c, when set: minimum length).
// ---------------------------------------------------------------------------------------------------

export function checkEducationalNeed(ctx: RuleContext): Finding[] {
  const minimum = ruleSetting(ctx.pack, 'EDUCATIONAL_NEED').limit ?? 1;
  return findingsPerEvent(ctx, 'EDUCATIONAL_NEED', (event) => {
    if (isInactiveEvent(event)) return [];
    const need = (event.Educational_Need__c ?? '').trim();
    if (need.length >= Math.max(1, minimum)) return [];
    const name = ctx.eventName(event.Id);
    return [
      {
        amount: need.length,
        limit: minimum,
        message: need
          ? `${name} states its educational need in ${plural(need.length, 'character')}; at least ${minimum} are expected.`
          : `${name} states no educational need.`,
        evidence: { length: need.length, minimumLength: minimum },
      },
    ];
  });
}

// ---------------------------------------------------------------------------------------------------
// FOREIGN_VENUE: an in-person or hybrid event is held in the pack's home country.
// ---------------------------------------------------------------------------------------------------

export function checkForeignVenue(ctx: RuleContext): Finding[] {
  const home = ctx.pack.homeCountry;
  if (!home) return [];
  return findingsPerEvent(ctx, 'FOREIGN_VENUE', (event) => {
    if (isInactiveEvent(event) || event.Format__c === 'Virtual') return [];
    const country = (event.Country__c ?? '').trim().toUpperCase();
    if (country === home) return [];
    const name = ctx.eventName(event.Id);
    const format = event.Format__c ?? 'In-Person';
    return [
      {
        message: country
          ? `${name} is held in ${ctx.country(country)}, outside ${ctx.country(home)}.`
          : `${name} is ${format} but has no venue country, so it cannot be shown to be held in ${ctx.country(home)}.`,
        evidence: { format, country: country || null, city: event.City__c ?? null, homeCountry: home },
      },
    ];
  });
}

// ---------------------------------------------------------------------------------------------------
// CAPACITY: accepted invitations do not exceed Capacity__c.
// ---------------------------------------------------------------------------------------------------

export function checkCapacity(ctx: RuleContext): Finding[] {
  return findingsPerEvent(ctx, 'CAPACITY', (event) => {
    const capacity = event.Capacity__c;
    if (capacity === null || capacity === undefined || isInactiveEvent(event)) return [];
    const accepted = acceptedDoctorIds(ctx.invitationsOf(event.Id));
    if (accepted.length <= capacity) return [];
    return [
      {
        amount: accepted.length,
        limit: capacity,
        message: `${ctx.eventName(event.Id)} has ${plural(accepted.length, 'accepted invitation')} for ${plural(capacity, 'place')}.`,
        evidence: { capacity, accepted: accepted.length },
      },
    ];
  });
}

// ---------------------------------------------------------------------------------------------------
// CLOSEOUT_DOCUMENTS: Window_Days__c after the end, a Completed event has attendance and a receipt
// reference on every paid line, and no line left unpaid.
// ---------------------------------------------------------------------------------------------------

export function checkCloseoutDocuments(ctx: RuleContext): Finding[] {
  const windowDays = ruleSetting(ctx.pack, 'CLOSEOUT_DOCUMENTS').windowDays ?? 0;
  return findingsPerEvent(ctx, 'CLOSEOUT_DOCUMENTS', (event) => {
    const end = toUtcDay(event.End__c ?? event.Start__c);
    if (event.Status__c !== 'Completed' || !end) return [];
    const deadline = addDays(end, windowDays);
    // Until the deadline the team still has time; only then is anything missing a finding.
    if (ctx.today <= deadline) return [];
    const expenses = ctx.expensesOf(event.Id).filter((e) => e.Amount__c);
    const attendance = ctx.attendanceOf(event.Id).length;
    const noReceipt = expenses.filter((e) => e.Stage__c === 'Actual' && !(e.Receipt_Reference__c ?? '').trim());
    const unpaid = expenses.filter((e) => e.Stage__c !== 'Actual');
    const missing: string[] = [];
    if (attendance === 0) missing.push('no attendance records');
    if (noReceipt.length) missing.push(`${plural(noReceipt.length, 'paid line')} without a receipt reference`);
    if (unpaid.length) missing.push(`${plural(unpaid.length, 'expense line')} not yet marked Actual`);
    if (missing.length === 0) return [];
    return [
      {
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
      },
    ];
  });
}
