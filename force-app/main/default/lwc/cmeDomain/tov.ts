/**
 * Transfer-of-value (TOV) allocation: which HCP received how much from an event, line by line, with
 * the categories the disclosure formats need (compliance.md, "Transfer of value per HCP").
 *
 * - A direct line (Doctor__c set) goes wholly to that HCP, whether or not they attended: the company
 *   paid it for them.
 * - A shared line (Doctor__c blank) is split per capita across the HCPs who attended: no-shows
 *   (invited, no attendance record) get nothing, walk-ins get a share, and attendees who opted out of
 *   the meal get no share of food and beverage.
 */
import { fromCents, splitEvenly, toCents } from './money';
import { compareText } from './order';
import type {
  Attendance,
  CmeEvent,
  Expense,
  ExpenseCategory,
  ExpenseStage,
  Invitation,
  InvitationRole,
  IsoDate,
  PaymentForm,
} from './types';
import { isWithinWindow, toUtcDay, yearWindowOf } from './windows';
import type { YearWindow, YearWindowSpec } from './windows';

export const SPEAKER_COMPENSATION_NATURE =
  'Compensation for serving as faculty or as a speaker for a medical education program';

/** Open Payments Nature_of_Payment_or_Transfer_of_Value values that events produce. */
export type OpenPaymentsNature =
  'Food and Beverage' | 'Travel and Lodging' | 'Honoraria' | 'Education' | typeof SPEAKER_COMPENSATION_NATURE;

/** EFPIA Disclosure Code categories for HCPs. */
export type EfpiaCategory =
  | 'Registration fees'
  | 'Travel & accommodation'
  | 'Fees'
  | 'Related expenses agreed in the fee for service or consultancy contract';

/** The EFPIA heading each category sits under in a disclosure template. */
export type EfpiaHeading = 'Contribution to costs of events' | 'Fee for service and consultancy';

/** Roles in which an HCP is engaged to speak (faculty); every other participant is a learner. */
export const FACULTY_ROLES: ReadonlySet<InvitationRole> = new Set<InvitationRole>(['Speaker', 'Moderator', 'Panelist']);

/** Whether a role is faculty. A walk-in (no invitation, role null) is a learner. */
export function isFacultyRole(role: InvitationRole | null | undefined): boolean {
  return !!role && FACULTY_ROLES.has(role);
}

// Categories only someone physically at the venue can receive: a virtual attendee eats no meal,
// uses no room and needs no travel, so they take no share of these.
const IN_PERSON_CATEGORIES: ReadonlySet<ExpenseCategory> = new Set<ExpenseCategory>([
  'Venue',
  'Food and Beverage',
  'Travel and Lodging',
]);

// Shared lines of these categories are never split across attendees: an honorarium is always for a
// named speaker (a validation rule requires the doctor), and an accreditation fee is paid to the
// accredited provider, not for any HCP's benefit.
const NEVER_SHARED: ReadonlySet<ExpenseCategory> = new Set<ExpenseCategory>([
  'Speaker Honorarium',
  'Accreditation Fee',
]);

export interface TovOptions {
  /**
   * Also allocate Committed lines (contracted, not yet paid). Off by default: a disclosure reports
   * what was paid. The compliance rules turn it on to see what an HCP would receive.
   */
  includeCommitted?: boolean;
  /**
   * Leave shared food and beverage at a Conference unattributed, as buffets generally available to
   * all participants of a large-scale conference are not reportable under Open Payments
   * (42 CFR 403.904). Off by default: whether a meal was such a buffet is for the caller to know.
   */
  excludeConferenceBuffets?: boolean;
}

/** One HCP's part of one expense line. */
export interface TovAllocation {
  eventId: string;
  expenseId: string;
  doctorId: string;
  category: ExpenseCategory;
  stage: ExpenseStage;
  /** This HCP's part, to the cent. */
  amount: number;
  /** The whole line. */
  lineAmount: number;
  /** 'direct' (Doctor__c set) or 'per-capita' (a shared line split across attendees). */
  basis: 'direct' | 'per-capita';
  /** How many HCPs share the line (1 for a direct line). */
  recipients: number;
  /** The HCP's role at the event from their invitation; null for a walk-in or uninvited recipient. */
  role: InvitationRole | null;
  faculty: boolean;
  /** Incurred_On__c: the payment date in disclosures (null when not yet known). */
  paymentDate: IsoDate | null;
  /** The day the value counts on for year windows: the payment date, else the event's start day. */
  date: IsoDate | null;
  paymentForm: PaymentForm;
  openPaymentsNature: OpenPaymentsNature;
  efpiaCategory: EfpiaCategory;
  efpiaHeading: EfpiaHeading;
}

export type UnattributedReason = 'no-eligible-attendees' | 'not-a-transfer-to-hcps' | 'conference-buffet';

/** An expense line that could not be (or must not be) attributed to any HCP. */
export interface UnattributedLine {
  eventId: string;
  expenseId: string;
  category: ExpenseCategory;
  stage: ExpenseStage;
  amount: number;
  reason: UnattributedReason;
  message: string;
}

export interface TovResult {
  allocations: TovAllocation[];
  unattributed: UnattributedLine[];
}

/** Open Payments nature of payment for a line of this category received in this capacity. */
export function openPaymentsNatureFor(category: ExpenseCategory, faculty: boolean): OpenPaymentsNature {
  switch (category) {
    case 'Food and Beverage':
      return 'Food and Beverage';
    case 'Travel and Lodging':
      return 'Travel and Lodging';
    case 'Speaker Honorarium':
      // Since program year 2021 faculty and speaker pay at medical education has its own nature.
      return faculty ? SPEAKER_COMPENSATION_NATURE : 'Honoraria';
    default:
      // Registration, venue, audio-visual, printed material: the cost of the education itself.
      return 'Education';
  }
}

/**
 * EFPIA category. Faculty are engaged under a fee-for-service contract, so their fee is "Fees" and
 * everything else paid for them is a related expense of that contract. For learners the costs are a
 * contribution to the costs of the event: travel, lodging and meals under travel & accommodation
 * (meals as hospitality, inferred), everything else under registration fees.
 */
export function efpiaCategoryFor(category: ExpenseCategory, faculty: boolean): EfpiaCategory {
  if (category === 'Speaker Honorarium') return 'Fees';
  if (faculty) return 'Related expenses agreed in the fee for service or consultancy contract';
  if (category === 'Travel and Lodging' || category === 'Food and Beverage') return 'Travel & accommodation';
  return 'Registration fees';
}

export function efpiaHeadingFor(category: EfpiaCategory): EfpiaHeading {
  return category === 'Registration fees' || category === 'Travel & accommodation'
    ? 'Contribution to costs of events'
    : 'Fee for service and consultancy';
}

/** The line's form of payment, or the usual one for its category when blank: fees are paid in cash. */
export function paymentFormFor(expense: Expense): PaymentForm {
  if (expense.Payment_Form__c) return expense.Payment_Form__c;
  return expense.Category__c === 'Speaker Honorarium' ? 'Cash or cash equivalent' : 'In-kind items and services';
}

/** Stages that count as value transferred: Actual, and Committed when asked. */
export function countedStages(includeCommitted: boolean): ReadonlySet<ExpenseStage> {
  return new Set<ExpenseStage>(includeCommitted ? ['Actual', 'Committed'] : ['Actual']);
}

function isLiveInvitation(invitation: Invitation): boolean {
  return invitation.Status__c !== 'Declined' && invitation.Status__c !== 'Cancelled';
}

/**
 * Each HCP's invitation to an event. With more than one for the same HCP (the unique key should
 * prevent it) a live one wins over a Declined or Cancelled one, then the lowest id.
 */
export function invitationByDoctor(invitations: readonly Invitation[]): Map<string, Invitation> {
  const chosen = new Map<string, Invitation>();
  for (const inv of invitations) {
    if (!inv.Doctor__c) continue;
    const current = chosen.get(inv.Doctor__c);
    const better =
      !current ||
      (isLiveInvitation(inv) !== isLiveInvitation(current)
        ? isLiveInvitation(inv)
        : compareText(inv.Id, current.Id) < 0);
    if (better) chosen.set(inv.Doctor__c, inv);
  }
  return chosen;
}

/** Each invited HCP's role at an event (Attendee when the invitation has none). */
export function rolesByDoctor(invitations: readonly Invitation[]): Map<string, InvitationRole> {
  const roles = new Map<string, InvitationRole>();
  for (const [doctorId, inv] of invitationByDoctor(invitations)) roles.set(doctorId, inv.Role__c ?? 'Attendee');
  return roles;
}

function isVirtualAttendance(attendance: Attendance, event: CmeEvent): boolean {
  if (attendance.Mode__c) return attendance.Mode__c === 'Virtual';
  return event.Format__c === 'Virtual';
}

/**
 * The HCPs who share a shared line of this category, sorted by id (so leftover cents land
 * deterministically): everyone who attended, minus meal opt-outs for food and beverage and minus
 * virtual attendees for what only exists at the venue.
 */
export function sharedRecipients(
  category: ExpenseCategory,
  event: CmeEvent,
  attendance: readonly Attendance[],
): string[] {
  const ids = new Set<string>();
  for (const a of attendance) {
    if (!a.Doctor__c || (a.Event__c && a.Event__c !== event.Id)) continue;
    if (category === 'Food and Beverage' && a.Meal_Opt_Out__c) continue;
    if (IN_PERSON_CATEGORIES.has(category) && isVirtualAttendance(a, event)) continue;
    ids.add(a.Doctor__c);
  }
  return [...ids].sort(compareText);
}

function unattributed(event: CmeEvent, expense: Expense, reason: UnattributedReason): UnattributedLine {
  const category = expense.Category__c ?? 'Other';
  const messages: Record<UnattributedReason, string> = {
    'no-eligible-attendees': `No attendee could receive a share of this ${category} line.`,
    'not-a-transfer-to-hcps': `This ${category} line names no doctor and is not a transfer of value to HCPs.`,
    'conference-buffet': 'Food and beverage generally available to all at a conference is not attributed.',
  };
  return {
    eventId: event.Id,
    expenseId: expense.Id,
    category,
    stage: expense.Stage__c ?? 'Estimated',
    amount: expense.Amount__c ?? 0,
    reason,
    message: messages[reason],
  };
}

/**
 * Allocates an event's expense lines to HCPs. Lines of other events, lines in a stage that does not
 * count and lines without an amount are ignored.
 */
export function allocateTransfersOfValue(
  event: CmeEvent,
  expenses: readonly Expense[],
  attendance: readonly Attendance[],
  invitations: readonly Invitation[],
  options: TovOptions = {},
): TovResult {
  const stages = countedStages(options.includeCommitted ?? false);
  const roles = rolesByDoctor(invitations.filter((i) => !i.Event__c || i.Event__c === event.Id));
  const eventDay = toUtcDay(event.Start__c);
  const allocations: TovAllocation[] = [];
  const lost: UnattributedLine[] = [];
  const sharersByKind = new Map<'meal' | 'venue' | 'any', string[]>();

  for (const expense of expenses) {
    if (expense.Event__c && expense.Event__c !== event.Id) continue;
    const stage = expense.Stage__c ?? 'Estimated';
    if (!stages.has(stage) || !expense.Amount__c) continue;
    const category = expense.Category__c ?? 'Other';
    const paymentDate = expense.Incurred_On__c ? toUtcDay(expense.Incurred_On__c) : null;

    let recipients: string[];
    if (expense.Doctor__c) recipients = [expense.Doctor__c];
    else if (NEVER_SHARED.has(category)) {
      lost.push(unattributed(event, expense, 'not-a-transfer-to-hcps'));
      continue;
    } else if (
      options.excludeConferenceBuffets &&
      category === 'Food and Beverage' &&
      event.Event_Type__c === 'Conference'
    ) {
      lost.push(unattributed(event, expense, 'conference-buffet'));
      continue;
    } else {
      // Who shares a line depends only on whether it is food and beverage and whether it is in
      // person: lines of the same kind share one list instead of re-reading the attendance.
      const kind = category === 'Food and Beverage' ? 'meal' : IN_PERSON_CATEGORIES.has(category) ? 'venue' : 'any';
      let shared = sharersByKind.get(kind);
      if (!shared) {
        shared = sharedRecipients(category, event, attendance);
        sharersByKind.set(kind, shared);
      }
      recipients = shared;
    }
    if (recipients.length === 0) {
      lost.push(unattributed(event, expense, 'no-eligible-attendees'));
      continue;
    }

    const shares = splitEvenly(expense.Amount__c, recipients.length);
    // What is the same for every share of the line, worked out once per line.
    const lineAmount = fromCents(toCents(expense.Amount__c));
    const basis = expense.Doctor__c ? 'direct' : 'per-capita';
    const paymentForm = paymentFormFor(expense);
    const date = paymentDate ?? eventDay;
    recipients.forEach((doctorId, i) => {
      const role = roles.get(doctorId) ?? null;
      const faculty = isFacultyRole(role);
      const efpiaCategory = efpiaCategoryFor(category, faculty);
      allocations.push({
        eventId: event.Id,
        expenseId: expense.Id,
        doctorId,
        category,
        stage,
        amount: shares[i],
        lineAmount,
        basis,
        recipients: recipients.length,
        role,
        faculty,
        paymentDate,
        date,
        paymentForm,
        openPaymentsNature: openPaymentsNatureFor(category, faculty),
        efpiaCategory,
        efpiaHeading: efpiaHeadingFor(efpiaCategory),
      });
    });
  }
  allocations.sort(compareAllocations);
  lost.sort((a, b) => compareText(a.expenseId, b.expenseId));
  return { allocations, unattributed: lost };
}

function compareAllocations(a: TovAllocation, b: TovAllocation): number {
  return (
    compareText(a.date ?? '', b.date ?? '') ||
    compareText(a.expenseId, b.expenseId) ||
    compareText(a.doctorId, b.doctorId)
  );
}

/** One HCP's transfers of value in one year window. */
export interface HcpYearTotal {
  doctorId: string;
  window: YearWindow;
  total: number;
  byOpenPaymentsNature: Partial<Record<OpenPaymentsNature, number>>;
  byEfpiaCategory: Partial<Record<EfpiaCategory, number>>;
  /** Events the value came from, sorted. */
  eventIds: string[];
  /** Allocated lines counted. */
  lines: number;
}

function isYearWindow(value: YearWindow | YearWindowSpec): value is YearWindow {
  return 'label' in value;
}

/**
 * Totals per HCP per year window. Given a window, only allocations dated inside it count; given a
 * pack's year spec, every allocation counts in the window its date falls in. Allocations without a
 * date cannot be placed in a year and are left out. Sorted by window, then HCP id.
 */
export function summariseByHcp(
  allocations: readonly TovAllocation[],
  window: YearWindow | YearWindowSpec,
): HcpYearTotal[] {
  // Totals are kept in whole cents while adding (the sum sumMoney would give, without an array per
  // line), keyed by window start then HCP id so no key text is built per allocation.
  const byStart = new Map<string, Map<string, RunningTotal>>();
  const rows: RunningTotal[] = [];
  for (const a of allocations) {
    if (!a.date) continue;
    let yearWindow: YearWindow;
    if (isYearWindow(window)) {
      if (!isWithinWindow(a.date, window)) continue;
      yearWindow = window;
    } else yearWindow = yearWindowOf(a.date, window);
    let ofWindow = byStart.get(yearWindow.start);
    if (!ofWindow) {
      ofWindow = new Map<string, RunningTotal>();
      byStart.set(yearWindow.start, ofWindow);
    }
    let row = ofWindow.get(a.doctorId);
    if (!row) {
      row = {
        doctorId: a.doctorId,
        window: yearWindow,
        cents: 0,
        byOpenPaymentsNature: new Map(),
        byEfpiaCategory: new Map(),
        eventIds: new Set(),
        lines: 0,
      };
      ofWindow.set(a.doctorId, row);
      rows.push(row);
    }
    const cents = toCents(a.amount);
    row.cents += cents;
    addCents(row.byOpenPaymentsNature, a.openPaymentsNature, cents);
    addCents(row.byEfpiaCategory, a.efpiaCategory, cents);
    row.eventIds.add(a.eventId);
    row.lines += 1;
  }
  return rows
    .map((row): HcpYearTotal => ({
      doctorId: row.doctorId,
      window: row.window,
      total: fromCents(row.cents),
      byOpenPaymentsNature: amountsOf(row.byOpenPaymentsNature),
      byEfpiaCategory: amountsOf(row.byEfpiaCategory),
      eventIds: [...row.eventIds].sort(compareText),
      lines: row.lines,
    }))
    .sort((a, b) => compareText(a.window.start, b.window.start) || compareText(a.doctorId, b.doctorId));
}

/** An HCP year being added up: amounts in cents, keys in the order first met. */
interface RunningTotal {
  doctorId: string;
  window: YearWindow;
  cents: number;
  byOpenPaymentsNature: Map<OpenPaymentsNature, number>;
  byEfpiaCategory: Map<EfpiaCategory, number>;
  eventIds: Set<string>;
  lines: number;
}

function addCents<K>(totals: Map<K, number>, key: K, cents: number): void {
  totals.set(key, (totals.get(key) ?? 0) + cents);
}

function amountsOf<K extends string>(cents: ReadonlyMap<K, number>): Partial<Record<K, number>> {
  const amounts: Partial<Record<K, number>> = {};
  for (const [key, value] of cents) amounts[key] = fromCents(value);
  return amounts;
}
