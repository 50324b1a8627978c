/**
 * What every rule reads: the input indexed by event, the pack, the evaluation day and the wording
 * helpers. Built once per evaluation so sixteen rules do not each re-scan every record.
 */
import { countryName, eventName, formatMoney, hcpName, DEFAULT_LOCALE } from './format';
import { compareText } from './order';
import { ruleSeverity } from './rulePack';
import type { RulePack } from './rulePack';
import { allocateTransfersOfValue } from './tov';
import type { TovResult } from './tov';
import type {
  Attendance,
  CmeEvent,
  ComplianceInput,
  Doctor,
  EvidenceValue,
  Expense,
  Finding,
  FindingSeverity,
  Invitation,
  InvitationRole,
  IsoDate,
  RuleId,
} from './types';
import { toUtcDay } from './windows';

export interface EvaluateOptions {
  /** The evaluation day ('YYYY-MM-DD' or a datetime); rules never read the clock themselves. */
  today: string;
  /** Judge only these events; the other events in the input are history (caps, counts, repeats). */
  eventIds?: readonly string[];
  /**
   * Count Committed spend with Actual in caps, budgets and per-event totals (default true): the rules
   * look ahead at what an HCP would receive, not only at what has been paid.
   */
  includeCommittedSpend?: boolean;
  /** Locale for money in messages (default en-US; the currency always comes from the pack). */
  locale?: string;
  /** Run only these rules (default: every rule the pack has on). */
  rules?: readonly RuleId[];
  /**
   * Each event's transfers of value, when the caller has already allocated them. A report that
   * evaluates HCPs a slice at a time passes only that slice's attendance, so the per-capita split
   * must come from the allocation it made over the whole event.
   */
  transfersOfValue?: (eventId: string) => TovResult;
}

/** An HCP taking part in an event: they attended it, or accepted its invitation. */
export interface Participation {
  doctorId: string;
  event: CmeEvent;
  /** The event's start day (UTC). */
  day: IsoDate;
  attended: boolean;
  role: InvitationRole | null;
}

export interface RuleContext {
  pack: RulePack;
  today: IsoDate;
  locale: string;
  includeCommittedSpend: boolean;
  /** Every event in the input by id. */
  events: ReadonlyMap<string, CmeEvent>;
  /** The events being judged, by start day then id. */
  scope: readonly CmeEvent[];
  doctors: ReadonlyMap<string, Doctor>;
  invitationsOf(eventId: string): readonly Invitation[];
  attendanceOf(eventId: string): readonly Attendance[];
  expensesOf(eventId: string): readonly Expense[];
  /** The event's transfers of value (Actual, and Committed when counted). */
  tovOf(eventId: string): TovResult;
  /** Every HCP participation in a live event, by day then event id. */
  participations(): readonly Participation[];
  money(amount: number): string;
  hcp(doctorId: string): string;
  eventName(eventId: string): string;
  country(code: string): string;
}

const INACTIVE_STATUSES = new Set(['Cancelled', 'Rejected']);

/** Cancelled and rejected events no longer take place: most rules leave them alone. */
export function isInactiveEvent(event: CmeEvent): boolean {
  return !!event.Status__c && INACTIVE_STATUSES.has(event.Status__c);
}

/** Rows by their event id, in input order. */
export function groupByEvent<T extends { Event__c: string }>(rows: readonly T[] | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows ?? []) {
    const list = groups.get(row.Event__c);
    if (list) list.push(row);
    else groups.set(row.Event__c, [row]);
  }
  return groups;
}

function byStartThenId(a: CmeEvent, b: CmeEvent): number {
  return compareText(toUtcDay(a.Start__c) ?? '', toUtcDay(b.Start__c) ?? '') || compareText(a.Id, b.Id);
}

function memo<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}

/** The last event list put in start order, with what its order was read from. */
interface SortedEvents {
  events: readonly CmeEvent[];
  ids: string[];
  starts: (string | null | undefined)[];
  sorted: CmeEvent[];
}

const sortedEventsOf = new WeakMap<readonly CmeEvent[], SortedEvents>();

/**
 * The events by start day then id. A report evaluates the same event list once per slice of HCPs and
 * per pack, so the order is kept per list and reused while the list still holds the same events with
 * the same ids and starts (checked in one pass, far cheaper than sorting again).
 */
function eventsByStart(events: readonly CmeEvent[]): CmeEvent[] {
  const known = sortedEventsOf.get(events);
  if (
    known &&
    known.ids.length === events.length &&
    events.every((e, i) => e === known.events[i] && e.Id === known.ids[i] && e.Start__c === known.starts[i])
  )
    return known.sorted;
  const sorted = [...events].sort(byStartThenId);
  sortedEventsOf.set(events, {
    events: [...events],
    ids: events.map((e) => e.Id),
    starts: events.map((e) => e.Start__c),
    sorted,
  });
  return sorted;
}

function collectParticipations(
  events: readonly CmeEvent[],
  invitations: Map<string, Invitation[]>,
  attendance: Map<string, Attendance[]>,
): Participation[] {
  const out: Participation[] = [];
  for (const event of eventsByStart(events)) {
    const day = toUtcDay(event.Start__c);
    if (!day || isInactiveEvent(event)) continue;
    const byDoctor = new Map<string, Participation>();
    for (const inv of invitations.get(event.Id) ?? [])
      if (inv.Status__c === 'Accepted' && inv.Doctor__c)
        byDoctor.set(inv.Doctor__c, {
          doctorId: inv.Doctor__c,
          event,
          day,
          attended: false,
          role: inv.Role__c ?? null,
        });
    for (const a of attendance.get(event.Id) ?? []) {
      if (!a.Doctor__c) continue;
      const known = byDoctor.get(a.Doctor__c);
      byDoctor.set(a.Doctor__c, { doctorId: a.Doctor__c, event, day, attended: true, role: known?.role ?? null });
    }
    out.push(...[...byDoctor.values()].sort((a, b) => compareText(a.doctorId, b.doctorId)));
  }
  return out;
}

/** Indexes the input for the rules. Throws a RangeError when `today` is not a date. */
export function buildRuleContext(input: ComplianceInput, pack: RulePack, options: EvaluateOptions): RuleContext {
  const today = toUtcDay(options.today);
  if (!today) throw new RangeError('evaluateCompliance needs options.today (YYYY-MM-DD)');
  const locale = options.locale ?? DEFAULT_LOCALE;
  const includeCommittedSpend = options.includeCommittedSpend ?? true;
  const events = new Map(input.events.map((e) => [e.Id, e]));
  const wanted = options.eventIds ? new Set(options.eventIds) : null;
  // Filtering the events in start order gives the same list as sorting the filtered ones (the sort
  // is stable), and that order is kept across evaluations of the same list.
  const scope = eventsByStart(input.events).filter((e) => !wanted || wanted.has(e.Id));
  const doctors = new Map((input.doctors ?? []).map((d) => [d.Id, d]));
  const invitations = groupByEvent(input.invitations);
  const attendance = groupByEvent(input.attendance);
  const expenses = groupByEvent(input.expenses);
  const tovCache = new Map<string, TovResult>();

  const ctx: RuleContext = {
    pack,
    today,
    locale,
    includeCommittedSpend,
    events,
    scope,
    doctors,
    invitationsOf: (id) => invitations.get(id) ?? [],
    attendanceOf: (id) => attendance.get(id) ?? [],
    expensesOf: (id) => expenses.get(id) ?? [],
    tovOf(id) {
      if (options.transfersOfValue) return options.transfersOfValue(id);
      let result = tovCache.get(id);
      if (!result) {
        const event = events.get(id) ?? { Id: id };
        result = allocateTransfersOfValue(event, ctx.expensesOf(id), ctx.attendanceOf(id), ctx.invitationsOf(id), {
          includeCommitted: includeCommittedSpend,
        });
        tovCache.set(id, result);
      }
      return result;
    },
    participations: memo(() => collectParticipations(input.events, invitations, attendance)),
    money: (amount) => formatMoney(amount, pack.currencyCode, locale),
    hcp: (doctorId) => hcpName(doctors.get(doctorId), doctorId),
    eventName: (eventId) => eventName(events.get(eventId), eventId),
    country: (code) => countryName(code, locale),
  };
  return ctx;
}

/** The facts a finding is based on; undefined values are dropped so evidence stays small. */
export type EvidenceInput = Record<string, EvidenceValue | undefined>;

export interface FindingParts {
  doctorId?: string | null;
  amount?: number;
  limit?: number;
  message: string;
  evidence: EvidenceInput;
}

/** Builds a finding with its keys in the documented order and without empty optional keys. */
export function makeFinding(ruleId: RuleId, severity: FindingSeverity, eventId: string, parts: FindingParts): Finding {
  const evidence: Record<string, EvidenceValue> = {};
  for (const key of Object.keys(parts.evidence)) {
    const value = parts.evidence[key];
    if (value !== undefined) evidence[key] = value;
  }
  // Keys assigned in the documented order (no spread of a temporary object per optional key).
  const finding: Finding = { ruleId, severity, eventId } as Finding;
  if (parts.doctorId) finding.doctorId = parts.doctorId;
  if (parts.amount !== undefined) finding.amount = parts.amount;
  if (parts.limit !== undefined) finding.limit = parts.limit;
  finding.message = parts.message;
  finding.evidence = evidence;
  return finding;
}

/** The parts of a finding about one event; `warnOnly` marks one in the rule's warn band. */
export interface EventFindingParts extends FindingParts {
  /** The finding is a warning whatever severity the pack gives the rule (below the limit, above the warn mark). */
  warnOnly?: boolean;
}

/**
 * A rule that judges each event in scope on its own: no findings when the pack has the rule Off;
 * otherwise `judge` gives the parts of the event's findings (none when the event passes), and each
 * becomes a finding on that event with the rule's severity.
 */
export function findingsPerEvent(
  ctx: RuleContext,
  ruleId: RuleId,
  judge: (event: CmeEvent) => EventFindingParts[],
): Finding[] {
  const severity = ruleSeverity(ctx.pack, ruleId);
  if (!severity) return [];
  const out: Finding[] = [];
  for (const event of ctx.scope)
    for (const parts of judge(event))
      out.push(makeFinding(ruleId, parts.warnOnly ? 'warn' : severity, event.Id, parts));
  return out;
}
