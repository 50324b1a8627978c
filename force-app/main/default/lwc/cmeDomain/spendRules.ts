/**
 * The compliance rules about money: an HCP's annual cap, meals per attendee, honoraria against fair
 * market value, travel for speakers only, no pay to learners of accredited CME, and the budget.
 * Re-exported by rules.ts; which stages of spend each counts is said there.
 */
import { findingsPerEvent, isInactiveEvent, makeFinding } from './context';
import type { EventFindingParts, RuleContext } from './context';
import { formatPercent, plural } from './format';
import { sumMoney } from './money';
import { compareText } from './order';
import { ruleSetting, ruleSeverity } from './rulePack';
import { invitationByDoctor, isFacultyRole, rolesByDoctor, summariseByHcp } from './tov';
import type { TovAllocation } from './tov';
import type { CmeEvent, Finding } from './types';
import { acceptedDoctorIds, amountOf, directLinesByDoctor, distinct, idsOf, roleLabel } from './ruleReadings';

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
  const cap = ruleSetting(ctx.pack, 'MEAL_CAP').limit;
  if (cap === null) return [];
  return findingsPerEvent(ctx, 'MEAL_CAP', (event) => {
    const served = ctx.attendanceOf(event.Id).length > 0;
    // A cancelled or rejected event will serve no planned meal.
    if (!served && isInactiveEvent(event)) return [];
    return served ? mealsAsServed(ctx, event, cap) : mealsAsPlanned(ctx, event, cap);
  });
}

// After the event: each diner's food and beverage, their share of shared lines plus any direct line.
function mealsAsServed(ctx: RuleContext, event: CmeEvent, cap: number): EventFindingParts[] {
  const perDoctor = new Map<string, number>();
  const lines = ctx.tovOf(event.Id).allocations.filter((a) => a.category === 'Food and Beverage');
  for (const a of lines) perDoctor.set(a.doctorId, sumMoney([perDoctor.get(a.doctorId) ?? 0, a.amount]));
  const over = [...perDoctor].filter(([, amount]) => amount > cap).sort(([a], [b]) => compareText(a, b));
  if (over.length === 0) return [];
  const highest = Math.max(...over.map(([, amount]) => amount));
  const name = ctx.eventName(event.Id);
  const message =
    over.length === 1
      ? `${ctx.hcp(over[0][0])} received ${ctx.money(over[0][1])} of food and beverage at ${name}, over the ${ctx.money(cap)} per-person cap.`
      : `Food and beverage at ${name} came to up to ${ctx.money(highest)} per person for ${plural(over.length, 'attendee')}, over the ${ctx.money(cap)} per-person cap.`;
  return [
    {
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
    },
  ];
}

// Before anyone attends: the planned food and beverage (every stage) over the accepted headcount.
function mealsAsPlanned(ctx: RuleContext, event: CmeEvent, cap: number): EventFindingParts[] {
  const accepted = acceptedDoctorIds(ctx.invitationsOf(event.Id)).length;
  const lines = ctx.expensesOf(event.Id).filter((e) => e.Category__c === 'Food and Beverage' && e.Amount__c);
  if (accepted === 0 || lines.length === 0) return [];
  const total = amountOf(lines);
  const perPerson = Math.round((total / accepted) * 100) / 100;
  if (perPerson <= cap) return [];
  return [
    {
      amount: perPerson,
      limit: cap,
      message: `Planned food and beverage at ${ctx.eventName(event.Id)} is ${ctx.money(perPerson)} per person (${ctx.money(total)} for ${plural(accepted, 'accepted invitee')}), over the ${ctx.money(cap)} per-person cap.`,
      evidence: { basis: 'accepted', foodAndBeverage: total, accepted, expenseIds: idsOf(lines) },
    },
  ];
}

// ---------------------------------------------------------------------------------------------------
// HONORARIUM_FMV: a speaker's honorarium stays within Limit__c per hour × the invitation's Speaking_Hours__c.
// ---------------------------------------------------------------------------------------------------

export function checkHonorariumFmv(ctx: RuleContext): Finding[] {
  const rate = ruleSetting(ctx.pack, 'HONORARIUM_FMV').limit;
  if (rate === null) return [];
  return findingsPerEvent(ctx, 'HONORARIUM_FMV', (event) => {
    const invitations = invitationByDoctor(ctx.invitationsOf(event.Id));
    const out: EventFindingParts[] = [];
    for (const [doctorId, lines] of directLinesByDoctor(ctx.expensesOf(event.Id), 'Speaker Honorarium')) {
      const hours = invitations.get(doctorId)?.Speaking_Hours__c ?? 0;
      const allowed = sumMoney([rate * hours]);
      const paid = amountOf(lines);
      if (paid <= allowed) continue;
      const who = ctx.hcp(doctorId);
      out.push({
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
      });
    }
    return out;
  });
}

// ---------------------------------------------------------------------------------------------------
// SPEAKER_ONLY_TRAVEL: travel and lodging is paid only for HCPs engaged as speakers (faculty).
// ---------------------------------------------------------------------------------------------------

export function checkSpeakerOnlyTravel(ctx: RuleContext): Finding[] {
  return findingsPerEvent(ctx, 'SPEAKER_ONLY_TRAVEL', (event) => {
    const expenses = ctx.expensesOf(event.Id);
    const roles = rolesByDoctor(ctx.invitationsOf(event.Id));
    const name = ctx.eventName(event.Id);
    const out: EventFindingParts[] = [];
    for (const [doctorId, lines] of directLinesByDoctor(expenses, 'Travel and Lodging')) {
      const role = roles.get(doctorId) ?? null;
      if (isFacultyRole(role)) continue;
      out.push({
        doctorId,
        amount: amountOf(lines),
        message: `${ctx.hcp(doctorId)} is not a speaker at ${name} (${roleLabel(role)}) yet has ${ctx.money(amountOf(lines))} of travel and lodging.`,
        evidence: { role, expenseIds: idsOf(lines) },
      });
    }
    // A travel line naming no HCP pays for somebody's travel, and nobody can show it was a speaker's.
    for (const line of expenses.filter((e) => e.Category__c === 'Travel and Lodging' && !e.Doctor__c && e.Amount__c))
      out.push({
        amount: line.Amount__c ?? 0,
        message: `A travel and lodging line of ${ctx.money(line.Amount__c ?? 0)} at ${name} names no HCP; travel and stays may be paid only for speakers.`,
        evidence: { expenseIds: [line.Id] },
      });
    return out;
  });
}

// ---------------------------------------------------------------------------------------------------
// ACCREDITED_INDEPENDENCE: in accredited CME, no direct transfer of value to learners (non-faculty).
// ---------------------------------------------------------------------------------------------------

export function checkAccreditedIndependence(ctx: RuleContext): Finding[] {
  return findingsPerEvent(ctx, 'ACCREDITED_INDEPENDENCE', (event) => {
    if (!event.Accredited__c) return [];
    const roles = rolesByDoctor(ctx.invitationsOf(event.Id));
    const out: EventFindingParts[] = [];
    for (const [doctorId, lines] of directLinesByDoctor(ctx.expensesOf(event.Id))) {
      const role = roles.get(doctorId) ?? null;
      if (isFacultyRole(role)) continue;
      const categories = distinct(lines.map((l) => l.Category__c ?? 'Other'));
      out.push({
        doctorId,
        amount: amountOf(lines),
        message: `${ctx.hcp(doctorId)} is a learner (${roleLabel(role)}) at accredited ${ctx.eventName(event.Id)} yet receives ${ctx.money(amountOf(lines))} directly from the company (${categories.join(', ')}).`,
        evidence: {
          role,
          accreditationProvider: event.Accreditation_Provider__c ?? null,
          categories,
          expenseIds: idsOf(lines),
        },
      });
    }
    return out;
  });
}

// ---------------------------------------------------------------------------------------------------
// BUDGET_OVERRUN: actual (and committed) spend stays within the budget; warn from Warn_Percent__c when
// it is below 100.
// ---------------------------------------------------------------------------------------------------

export function checkBudgetOverrun(ctx: RuleContext): Finding[] {
  const { warnPercent } = ruleSetting(ctx.pack, 'BUDGET_OVERRUN');
  return findingsPerEvent(ctx, 'BUDGET_OVERRUN', (event) => {
    const expenses = ctx.expensesOf(event.Id);
    const actual = amountOf(expenses.filter((e) => e.Stage__c === 'Actual'));
    const committed = ctx.includeCommittedSpend ? amountOf(expenses.filter((e) => e.Stage__c === 'Committed')) : 0;
    const spend = sumMoney([actual, committed]);
    const budget = event.Budget__c ?? 0;
    const name = ctx.eventName(event.Id);
    const evidence = { budget: event.Budget__c ?? null, actual, committed, spend };
    if (budget <= 0) {
      if (spend <= 0) return [];
      return [
        { amount: spend, limit: 0, message: `${name} has ${ctx.money(spend)} of spend but no budget.`, evidence },
      ];
    }
    const over = spend > budget;
    const warn = warnPercent !== null && warnPercent < 100 && spend >= (budget * warnPercent) / 100;
    if (!over && !warn) return [];
    const parts = ctx.includeCommittedSpend
      ? ` (${ctx.money(actual)} actual + ${ctx.money(committed)} committed)`
      : ' (actual)';
    return [
      {
        warnOnly: !over,
        amount: spend,
        limit: budget,
        message: `Spend on ${name} is ${ctx.money(spend)}${parts}, ${formatPercent(spend, budget)} of the ${ctx.money(budget)} budget${over ? '' : ` (warning from ${warnPercent}%)`}.`,
        evidence: { ...evidence, warnPercent },
      },
    ];
  });
}
