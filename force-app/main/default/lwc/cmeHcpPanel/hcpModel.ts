/**
 * Pure logic of the HCP panel: a doctor's CME history, engagement figures, upcoming invitations, the
 * rule pack whose cap applies, and their transfers of value in the pack's year. Unit-tested directly.
 */
import {
  addDays,
  allocateTransfersOfValue,
  parseInstant,
  ruleSetting,
  sumMoney,
  summariseByHcp,
  toUtcDay,
  yearWindowOf,
} from 'c/cmeDomain';
import type { Attendance, CmeEvent, Expense, Invitation, RulePack, TovAllocation, YearWindow } from 'c/cmeDomain';
import { displayOf, nodesOf, plainRecord, recordsOf, rulePackFor } from 'c/cmeRecords';
import type { GraphqlNode } from 'c/cmeRecords';

/** The event fields the panel reads through Event__r. */
export type EventInfo = Pick<CmeEvent, 'Name' | 'Start__c' | 'End__c' | 'Status__c' | 'Rule_Pack__c' | 'Time_Zone__c'>;

export type InvitationRow = Invitation & { Event__r?: EventInfo | null; statusText: string; roleText: string };

/** CME_Attendance__c.Evaluation_Practice_Change__c's values (a restricted picklist). */
export type PracticeChange = 'Yes' | 'No' | 'Unsure';

export type AttendanceRow = Attendance & {
  Event__r?: EventInfo | null;
  Questions_Asked__c?: number | null;
  /** The overall rating: check-in feedback before evaluations existed, an evaluation's overall rating since. */
  Feedback_Rating__c?: number | null;
  Engagement_Score__c?: number | null;
  Evaluation_Relevance__c?: number | null;
  Evaluation_Speaker__c?: number | null;
  Evaluation_Practice_Change__c?: PracticeChange | null;
  Evaluation_Comments__c?: string | null;
  /** Set: the evaluation is completed (the Completed_Evaluation_Needs_* rules then require its answers). */
  Evaluated_On__c?: string | null;
};

/** Invitations with the picklists' labels (the user's language) beside their values. */
export function invitationsFrom(data: unknown): InvitationRow[] {
  return nodesOf(data, 'CME_Invitation__c').map((node) => ({
    ...plainRecord<Invitation & { Event__r?: EventInfo | null }>(node),
    statusText: displayOf(node, 'Status__c'),
    roleText: displayOf(node, 'Role__c'),
  }));
}

export function attendanceFrom(data: unknown): AttendanceRow[] {
  return recordsOf<AttendanceRow>(data, 'CME_Attendance__c');
}

// ---------------------------------------------------------------------------------------------------
// History and upcoming invitations
// ---------------------------------------------------------------------------------------------------

export interface HistoryRow {
  eventId: string;
  eventName: string;
  start: string | null;
  /** Undefined, never null: lightning-formatted-date-time fails on a null option. */
  timeZone: string | undefined;
  /** The invitation's status label, or '' for a walk-in. */
  status: string;
  role: string;
  attended: boolean;
  walkIn: boolean;
  minutes: number | null;
}

/** One row per event the doctor was invited to or attended, newest first (undated last). */
export function historyRows(invitations: readonly InvitationRow[], attendance: readonly AttendanceRow[]): HistoryRow[] {
  const rows = new Map<string, HistoryRow>();
  for (const inv of invitations) {
    if (!inv.Event__c) continue;
    rows.set(inv.Event__c, {
      eventId: inv.Event__c,
      eventName: inv.Event__r?.Name ?? inv.Event__c,
      start: inv.Event__r?.Start__c ?? null,
      timeZone: inv.Event__r?.Time_Zone__c ?? undefined,
      status: inv.statusText,
      role: inv.roleText,
      attended: false,
      walkIn: false,
      minutes: null,
    });
  }
  for (const a of attendance) {
    if (!a.Event__c) continue;
    const known = rows.get(a.Event__c);
    rows.set(a.Event__c, {
      eventId: a.Event__c,
      eventName: known?.eventName ?? a.Event__r?.Name ?? a.Event__c,
      start: known?.start ?? a.Event__r?.Start__c ?? null,
      timeZone: known?.timeZone ?? a.Event__r?.Time_Zone__c ?? undefined,
      status: known?.status ?? '',
      role: known?.role ?? '',
      attended: true,
      walkIn: !known,
      minutes: (known?.minutes ?? 0) + (a.Minutes_Attended__c ?? 0),
    });
  }
  return [...rows.values()].sort(
    (a, b) => (b.start ?? '').localeCompare(a.start ?? '') || a.eventName.localeCompare(b.eventName),
  );
}

export interface UpcomingRow {
  invitationId: string;
  eventId: string;
  eventName: string;
  start: string;
  /** Undefined, never null: lightning-formatted-date-time fails on a null option. */
  timeZone: string | undefined;
  status: string;
  role: string;
}

/** Invitations to events starting today or later, soonest first. */
export function upcomingInvitations(invitations: readonly InvitationRow[], today: string): UpcomingRow[] {
  return invitations
    .filter((i) => {
      const day = toUtcDay(i.Event__r?.Start__c ?? null);
      return day !== null && day >= today;
    })
    .map((i) => ({
      invitationId: i.Id,
      eventId: i.Event__c,
      eventName: i.Event__r?.Name ?? i.Event__c,
      start: i.Event__r?.Start__c as string,
      timeZone: i.Event__r?.Time_Zone__c ?? undefined,
      status: i.statusText,
      role: i.roleText,
    }))
    .sort((a, b) => a.start.localeCompare(b.start) || a.eventName.localeCompare(b.eventName));
}

// ---------------------------------------------------------------------------------------------------
// Engagement
// ---------------------------------------------------------------------------------------------------

export interface Engagement {
  /** Accepted invitations to events that have started. */
  accepted: number;
  /** Of those, how many the doctor attended. */
  attendedOfAccepted: number;
  /** Whole percent, null when nothing was accepted yet. */
  attendanceRate: number | null;
  totalMinutes: number;
  questions: number;
  /** One decimal, null without ratings (see countsAsFeedback for which ratings count). */
  averageFeedback: number | null;
  feedbackCount: number;
  /** Whole number, null without scores. */
  averageScore: number | null;
  scoreCount: number;
  /** The events the doctor has an attendance at. */
  eventsAttended: number;
  /** Of those, the events whose evaluation the doctor completed. */
  evaluationsCompleted: number;
  /** One decimal over the completed evaluations, null without one; the counts are the ratings averaged. */
  averageRelevance: number | null;
  relevanceCount: number;
  averageSpeaker: number | null;
  speakerCount: number;
  /** Completed evaluations answering whether the doctor intends to change practice, and the Yes answers. */
  practiceChangeAnswers: number;
  practiceChangeYes: number;
}

function average(values: readonly number[], decimals: number): number | null {
  if (!values.length) return null;
  const factor = 10 ** decimals;
  return Math.round((values.reduce((s, v) => s + v, 0) / values.length) * factor) / factor;
}

function numbers(values: readonly (number | null | undefined)[]): number[] {
  return values.filter((v): v is number => typeof v === 'number');
}

/** The evaluation is completed: Evaluated_On__c is its completion stamp (the Evaluations screen and import set it). */
export function isEvaluationCompleted(a: AttendanceRow): boolean {
  return !!a.Evaluated_On__c;
}

/** No evaluation was ever started on the attendance: every evaluation field beside the rating is empty. */
export function hasNoEvaluation(a: AttendanceRow): boolean {
  return (
    !a.Evaluated_On__c &&
    a.Evaluation_Relevance__c == null &&
    a.Evaluation_Speaker__c == null &&
    !a.Evaluation_Practice_Change__c &&
    !a.Evaluation_Comments__c
  );
}

/**
 * Whether an attendance's Feedback_Rating__c goes into the average feedback. Since evaluations,
 * Feedback_Rating__c is the overall rating of one, and a rating beside an evaluation that was started
 * and never completed (the seed writes such attendances, with the first answer and a rating) is an
 * answer the doctor did not submit, so it does not count — as the Evaluations screen's own average
 * counts completed evaluations only. A rating on an attendance with no evaluation field at all is the
 * feedback a rep entered at check-in before evaluations existed (and the seed's, from which it computes
 * Engagement_Score__c): the product's users entered it as feedback, and dropping it would blank the
 * average of every doctor whose history predates evaluations, so it still counts.
 */
export function countsAsFeedback(a: AttendanceRow): boolean {
  return typeof a.Feedback_Rating__c === 'number' && (isEvaluationCompleted(a) || hasNoEvaluation(a));
}

/**
 * How the doctor engages: the share of accepted invitations (to events that have started by
 * `nowMs`) they turned up to, minutes, questions, average feedback and engagement score, and what
 * their completed evaluations say.
 */
export function engagementStats(
  invitations: readonly InvitationRow[],
  attendance: readonly AttendanceRow[],
  nowMs: number,
): Engagement {
  const attendedEvents = new Set(attendance.map((a) => a.Event__c));
  const accepted = invitations.filter((i) => {
    const start = parseInstant(i.Event__r?.Start__c ?? null);
    return i.Status__c === 'Accepted' && start !== null && start <= nowMs;
  });
  const attendedOfAccepted = accepted.filter((i) => attendedEvents.has(i.Event__c)).length;
  const ratings = numbers(attendance.filter(countsAsFeedback).map((a) => a.Feedback_Rating__c));
  const scores = numbers(attendance.map((a) => a.Engagement_Score__c));
  const evaluated = attendance.filter(isEvaluationCompleted);
  const relevance = numbers(evaluated.map((a) => a.Evaluation_Relevance__c));
  const speaker = numbers(evaluated.map((a) => a.Evaluation_Speaker__c));
  const answers = evaluated.filter((a) => a.Evaluation_Practice_Change__c);
  return {
    accepted: accepted.length,
    attendedOfAccepted,
    attendanceRate: accepted.length ? Math.round((attendedOfAccepted / accepted.length) * 100) : null,
    totalMinutes: attendance.reduce((s, a) => s + (a.Minutes_Attended__c ?? 0), 0),
    questions: attendance.reduce((s, a) => s + (a.Questions_Asked__c ?? 0), 0),
    averageFeedback: average(ratings, 1),
    feedbackCount: ratings.length,
    averageScore: average(scores, 0),
    scoreCount: scores.length,
    eventsAttended: attendedEvents.size,
    // Events, not attendance records, so the figure reads against eventsAttended.
    evaluationsCompleted: new Set(evaluated.map((a) => a.Event__c)).size,
    averageRelevance: average(relevance, 1),
    relevanceCount: relevance.length,
    averageSpeaker: average(speaker, 1),
    speakerCount: speaker.length,
    practiceChangeAnswers: answers.length,
    practiceChangeYes: answers.filter((a) => a.Evaluation_Practice_Change__c === 'Yes').length,
  };
}

// ---------------------------------------------------------------------------------------------------
// Which pack, which year, which events
// ---------------------------------------------------------------------------------------------------

export interface DatedEvent extends EventInfo {
  Id: string;
}

/** The doctor's events (from invitations and attendance), once each. */
export function eventsOf(invitations: readonly InvitationRow[], attendance: readonly AttendanceRow[]): DatedEvent[] {
  const events = new Map<string, DatedEvent>();
  for (const row of [...invitations, ...attendance])
    if (row.Event__c && !events.has(row.Event__c))
      events.set(row.Event__c, { Id: row.Event__c, ...(row.Event__r ?? {}) });
  return [...events.values()];
}

/** The latest event that has started by today; without one, the soonest upcoming event. */
export function mostRecentEvent(events: readonly DatedEvent[], today: string): DatedEvent | undefined {
  const dated = events
    .map((e) => ({ e, day: toUtcDay(e.Start__c ?? null) }))
    .filter((x): x is { e: DatedEvent; day: string } => x.day !== null)
    .sort((a, b) => a.day.localeCompare(b.day) || a.e.Id.localeCompare(b.e.Id));
  const past = dated.filter((x) => x.day <= today);
  if (past.length) return past[past.length - 1].e;
  return dated[0]?.e;
}

export interface PanelPack {
  pack?: RulePack;
  /** 'named': the pack of `event`; 'only': the only active pack. */
  source?: 'named' | 'only';
  event?: DatedEvent;
}

/** The pack of the doctor's most recent event, else the only active pack (rulePackFor), and why. */
export function choosePanelPack(events: readonly DatedEvent[], packs: readonly RulePack[], today: string): PanelPack {
  const event = mostRecentEvent(events, today);
  const pack = rulePackFor(event, packs);
  if (!pack) return { event };
  return { pack, source: event?.Rule_Pack__c && pack.id === event.Rule_Pack__c ? 'named' : 'only', event };
}

/** How far before the year's start an event may have begun and still have value paid in the year. */
export const PAYMENT_LAG_DAYS = 90;

/**
 * The events whose value may fall in the window: those with a direct line dated in it, and those the
 * doctor attended (shared lines) starting in it or up to PAYMENT_LAG_DAYS before it.
 */
export function transferEventIds(
  attendance: readonly AttendanceRow[],
  directExpenses: readonly (Expense & { Event__r?: { Start__c?: string | null } | null })[],
  window: YearWindow,
): string[] {
  const ids = new Set<string>();
  const earliest = addDays(window.start, -PAYMENT_LAG_DAYS);
  for (const a of attendance) {
    const day = toUtcDay(a.Event__r?.Start__c ?? null);
    if (a.Event__c && day && day >= earliest && day <= window.end) ids.add(a.Event__c);
  }
  for (const e of directExpenses) {
    const day = toUtcDay(e.Incurred_On__c ?? e.Event__r?.Start__c ?? null);
    if (e.Event__c && day && day >= window.start && day <= window.end) ids.add(e.Event__c);
  }
  return [...ids].sort();
}

// ---------------------------------------------------------------------------------------------------
// Transfers of value
// ---------------------------------------------------------------------------------------------------

type EventWithChildren = CmeEvent & { Attendances__r?: Attendance[]; Expenses__r?: Expense[] };

/**
 * The doctor's allocations from the events as queried with their attendance and expenses: each
 * event's lines allocated (Actual and Committed, as the annual cap rule counts them) and the doctor's
 * part kept.
 */
export function doctorAllocations(
  data: unknown,
  doctorId: string,
  invitations: readonly Invitation[],
): TovAllocation[] {
  const out: TovAllocation[] = [];
  for (const { Attendances__r: attended, Expenses__r: spent, ...event } of recordsOf<EventWithChildren>(
    data,
    'CME_Event__c',
  )) {
    const result = allocateTransfersOfValue(
      event,
      (spent ?? []).map((e) => ({ ...e, Event__c: e.Event__c ?? event.Id })),
      (attended ?? []).map((a) => ({ ...a, Event__c: a.Event__c ?? event.Id })),
      invitations.filter((i) => i.Event__c === event.Id),
      { includeCommitted: true },
    );
    out.push(...result.allocations.filter((a) => a.doctorId === doctorId));
  }
  return out;
}

/** Category API value → its label, from the expense nodes that carry Category__c's display value. */
export function categoryLabels(data: unknown): Map<string, string> {
  const labels = new Map<string, string>();
  for (const event of nodesOf(data, 'CME_Event__c')) {
    const expenses = (event.Expenses__r as { edges?: { node: GraphqlNode }[] } | undefined)?.edges ?? [];
    for (const { node } of expenses) {
      const value = plainRecord<{ Category__c?: string }>(node).Category__c;
      if (value) labels.set(value, displayOf(node, 'Category__c'));
    }
  }
  return labels;
}

export interface CategoryTotal {
  category: string;
  label: string;
  amount: number;
}

export interface TransferSummary {
  window: YearWindow;
  total: number;
  paid: number;
  committed: number;
  byCategory: CategoryTotal[];
  /** The pack's HCP_ANNUAL_CAP limit, null when the pack has none (or the rule is off). */
  cap: number | null;
  warnPercent: number | null;
  /** Whole percent of the cap (rounded down, as the rule words it), null without a cap. */
  percentOfCap: number | null;
  over: boolean;
  warning: boolean;
}

/** The doctor's value in the pack year, by category, against the pack's annual cap. */
export function transferSummary(
  allocations: readonly TovAllocation[],
  window: YearWindow,
  pack: RulePack,
  labels: ReadonlyMap<string, string> = new Map(),
): TransferSummary {
  const inYear = allocations.filter((a) => a.date && a.date >= window.start && a.date <= window.end);
  const [year] = summariseByHcp(inYear, window);
  const total = year?.total ?? 0;
  const byCategory = new Map<string, number>();
  for (const a of inYear) byCategory.set(a.category, sumMoney([byCategory.get(a.category) ?? 0, a.amount]));
  const rule = ruleSetting(pack, 'HCP_ANNUAL_CAP');
  const cap = rule.severity === 'Off' ? null : rule.limit;
  const percentOfCap = cap ? Math.floor((total / cap) * 100) : null;
  const warnPercent = cap ? rule.warnPercent : null;
  return {
    window,
    total,
    paid: sumMoney(inYear.filter((a) => a.stage === 'Actual').map((a) => a.amount)),
    committed: sumMoney(inYear.filter((a) => a.stage === 'Committed').map((a) => a.amount)),
    byCategory: [...byCategory]
      .map(([category, amount]) => ({ category, label: labels.get(category) || category, amount }))
      .sort((a, b) => b.amount - a.amount || a.label.localeCompare(b.label)),
    cap,
    warnPercent,
    percentOfCap,
    over: cap !== null && total > cap,
    warning: cap !== null && warnPercent !== null && total <= cap && (total / cap) * 100 >= warnPercent,
  };
}

/** The pack year that today falls in. */
export function capYear(pack: RulePack, today: string): YearWindow {
  return yearWindowOf(today, pack);
}
