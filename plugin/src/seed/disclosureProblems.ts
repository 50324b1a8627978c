// Deliberate disclosure problems in seeded data, documented like the compliance ones (PLANTED_RULES), so
// a disclosure run has something true to find. Each sits on what a disclosure of its year reads: an
// Actual line of a held event, received by the doctor as its direct payee or as a per-capita share (the
// domain core's allocation decides who received what, as it does for the disclosure itself).
//
// Planted after everything else is generated, on doctors and events chosen by rules rather than by
// the random generator, so every other record and every planted compliance problem stays as it was.
import { allocateTransfersOfValue, isValidNpi, npiCheckDigit, ruleLimit, sumMoney } from '../domain/cmeDomain.ts';
import type { RulePack, TovAllocation } from '../domain/cmeDomain.ts';
import type { DisclosureStandardName, ExclusionReason } from '../disclosure/types.ts';
import { REGIONS } from './catalog.ts';
import type { SeedData, SeedRecord } from './generate.ts';
import { childrenByEvent, regionOfEvent, seedEventWorld } from './world.ts';
import type { SeedEventChildren, SeedEventWorld } from './world.ts';

export const PLANTED_DISCLOSURE_KINDS = ['INVALID_NPI', 'MISSING_ADDRESS', 'BELOW_THRESHOLD', 'NO_CONSENT'] as const;
export type PlantedDisclosureKind = (typeof PLANTED_DISCLOSURE_KINDS)[number];

export interface PlantedDisclosureProblem {
  kind: PlantedDisclosureKind;
  standard: Extract<DisclosureStandardName, 'open-payments' | 'efpia'>;
  /** The calendar year the line is dated in: the Open Payments program year, the EFPIA year. */
  year: number;
  doctorKey: string;
  eventKey: string;
  /** The small payment itself; for the other kinds, a line the doctor received that year. */
  expenseKey: string;
  /**
   * Where a disclosure of that year reports it: validation.csv (a record problem on `field`),
   * excluded.csv (with `reason`), or the country's aggregate row of the EFPIA file.
   */
  reportedIn: 'validation' | 'excluded' | 'aggregate';
  /** The Contact field at fault (validation problems). */
  field?: 'CME_NPI__c' | 'MailingStreet';
  reason?: ExclusionReason;
  note: string;
}

/**
 * The planted small payment, in USD: under the Open Payments item threshold of every program year
 * disclosure.md confirms ($11.04 PY2021, $13.46 PY2025, $13.82 PY2026), so it is excluded as below the
 * threshold while the doctor's small payments of the year stay under the aggregate ($134.54 PY2025).
 */
export const SMALL_PAYMENT_USD = 9.5;

/**
 * An allocation at least this large is over the item threshold of any program year for a good while
 * ($13.82 in PY2026, CPI-adjusted by a few per cent a year), so a doctor whose every line is at least
 * this has no small payments of her own and her records are in the file, not excluded.
 */
export const CLEARLY_REPORTABLE_USD = 20;

// The seed gives every budget 25% of room over the spend (generate.ts); the small payment must fit in it.
const BUDGET_ROOM = 0.8;
// Events whose lines count towards an HCP's year: held ones (Actual lines) and approved ones (Committed).
const COUNTED = new Set(['Completed', 'Closed', 'Approved']);

/** What one doctor received from the US or EU events of the year, as the allocation gives it. */
interface Receipts {
  /** Her parts of the year, Actual and Committed (what the annual-cap rule adds up). */
  total: number;
  /** The smallest Actual part of the year. */
  smallest: number;
  faculty: boolean;
  /** The first Actual part a disclosure files (not a conference buffet), of CLEARLY_REPORTABLE_USD or more. */
  reportable?: TovAllocation;
}

/**
 * Plants the four problems in `data` (the records it plants on are changed in place: one Contact
 * field each, one new expense line) and lists them; a kind whose region or year has no suitable
 * record is left out.
 */
export function plantDisclosureProblems(
  data: SeedData,
  packs: ReadonlyMap<string, RulePack>,
): PlantedDisclosureProblem[] {
  const year = busiestYear(data.expenses);
  if (year === null) return [];
  const children = childrenByEvent(data);
  const { received, usEvents } = receiptsOfYear(data.events, children, year);
  const contacts = new Map(data.contacts.map((c) => [String(c.CME_HCP_Key__c), c]));
  const planted: PlantedDisclosureProblem[] = [];
  const taken = new Set<string>();

  const plantedEvents = new Set(data.planted.map((p) => p.eventKey));
  // Events without a planted compliance problem first; a small seed may have none, and the checks of
  // pickSmallPayment keep the line clear of every limit a planted problem is measured against.
  const small = pickSmallPayment(
    [
      ...usEvents.filter((e) => !plantedEvents.has(String(e.Event_Key__c))),
      ...usEvents.filter((e) => plantedEvents.has(String(e.Event_Key__c))),
    ],
    children,
    year,
    received,
    contacts,
    packs,
  );
  if (small) {
    const line = addSmallPayment(data, small.world, children.get(small.world.key)!, small.doctorKey);
    taken.add(small.doctorKey);
    planted.push({
      kind: 'BELOW_THRESHOLD',
      standard: 'open-payments',
      year,
      doctorKey: small.doctorKey,
      eventKey: small.world.key,
      expenseKey: String(line.Expense_Key__c),
      reportedIn: 'excluded',
      reason: 'below-threshold',
      note: `a $${SMALL_PAYMENT_USD.toFixed(2)} Food and Beverage line paid directly to a US physician, under the item threshold; her other lines of ${year} are all $${CLEARLY_REPORTABLE_USD} or more, so her small payments stay under the aggregate`,
    });
  }
  const usRecipient = (key: string, c: SeedRecord) =>
    !taken.has(key) && isPlainUsPhysician(c) && received.get(key)?.reportable !== undefined;
  const wrongNpi = firstContact(contacts, usRecipient);
  if (wrongNpi) {
    const [key, contact] = wrongNpi;
    const right = String(contact.CME_NPI__c);
    contact.CME_NPI__c = withWrongCheckDigit(right);
    taken.add(key);
    planted.push(
      problem('INVALID_NPI', key, received.get(key)!.reportable!, year, {
        field: 'CME_NPI__c',
        note: `NPI ${String(contact.CME_NPI__c)} of a US physician paid in ${year}: its last digit should be ${right[9]}, the Luhn check digit over 80840 and the first nine digits`,
      }),
    );
  }
  const noStreet = firstContact(contacts, usRecipient);
  if (noStreet) {
    const [key, contact] = noStreet;
    contact.MailingStreet = null;
    taken.add(key);
    planted.push(
      problem('MISSING_ADDRESS', key, received.get(key)!.reportable!, year, {
        field: 'MailingStreet',
        note: `a US physician paid in ${year} whose primary business address has no street line (MailingStreet blank)`,
      }),
    );
  }
  const withoutConsent = plantNoConsent(contacts, received);
  if (withoutConsent) {
    const [key, contact] = withoutConsent;
    planted.push({
      ...problem('NO_CONSENT', key, received.get(key)!.reportable!, year, {
        note: `an EU doctor in ${String(contact.MailingCountry)} without consent to named disclosure who received a transfer in ${year}: in the aggregate row, never named`,
      }),
      standard: 'efpia',
      reportedIn: 'aggregate',
    });
  }
  return planted;
}

function problem(
  kind: PlantedDisclosureKind,
  doctorKey: string,
  line: TovAllocation,
  year: number,
  extra: { field?: PlantedDisclosureProblem['field']; note: string },
): PlantedDisclosureProblem {
  return {
    kind,
    standard: 'open-payments',
    year,
    doctorKey,
    eventKey: line.eventId,
    expenseKey: line.expenseId,
    reportedIn: 'validation',
    ...extra,
  };
}

/** The calendar year most Actual lines are dated in (the earlier on a tie): all problems go there. */
export function busiestYear(expenses: readonly SeedRecord[]): number | null {
  const lines = new Map<number, number>();
  for (const e of expenses) {
    if (e.Stage__c !== 'Actual' || typeof e.Incurred_On__c !== 'string') continue;
    const year = Number(e.Incurred_On__c.slice(0, 4));
    lines.set(year, (lines.get(year) ?? 0) + 1);
  }
  let best: number | null = null;
  for (const [year, count] of lines)
    if (best === null || count > lines.get(best)! || (count === lines.get(best) && year < best)) best = year;
  return best;
}

/** An event's parts dated in the year, Committed ones too (the annual cap counts them). */
function allocationsInYear(world: SeedEventWorld, year: number): TovAllocation[] {
  if (!COUNTED.has(String(world.event.Status__c))) return [];
  const { allocations } = allocateTransfersOfValue(world.event, world.expenses, world.attendance, world.invitations, {
    includeCommitted: true,
  });
  return allocations.filter((a) => a.date?.startsWith(`${year}-`));
}

/** A shared meal at a conference, which Open Payments leaves out (42 CFR 403.904) and so files nowhere. */
function isConferenceBuffet(a: TovAllocation, world: SeedEventWorld): boolean {
  return a.basis === 'per-capita' && a.category === 'Food and Beverage' && world.event.Event_Type__c === 'Conference';
}

/**
 * What each doctor received from the US and EU events of the year, event by event (each built as
 * domain records, allocated and let go), and the US events that paid anything (Actual) that year.
 */
function receiptsOfYear(
  events: readonly SeedRecord[],
  children: ReadonlyMap<string, SeedEventChildren>,
  year: number,
): { received: Map<string, Receipts>; usEvents: SeedRecord[] } {
  const received = new Map<string, Receipts>();
  const usEvents: SeedRecord[] = [];
  for (const record of events) {
    const region = regionOfEvent(record);
    if ((region !== 'US' && region !== 'EU') || !COUNTED.has(String(record.Status__c))) continue;
    const world = seedEventWorld(record, children.get(String(record.Event_Key__c)))!;
    const lines = allocationsInYear(world, year);
    if (region === 'US' && lines.some((a) => a.stage === 'Actual')) usEvents.push(record);
    for (const a of lines) {
      const r = received.get(a.doctorId) ?? { total: 0, smallest: Infinity, faculty: false };
      r.total = sumMoney([r.total, a.amount]);
      r.faculty ||= a.faculty;
      if (a.stage === 'Actual') {
        r.smallest = Math.min(r.smallest, a.amount);
        if (!r.reportable && a.amount >= CLEARLY_REPORTABLE_USD && !isConferenceBuffet(a, world)) r.reportable = a;
      }
      received.set(a.doctorId, r);
    }
  }
  return { received, usEvents };
}

/**
 * A Medical Doctor with a valid NPI and a full address: a covered recipient whose records would be
 * clean, so the one problem planted on her is the only one a disclosure finds.
 */
function isPlainUsPhysician(contact: SeedRecord): boolean {
  return (
    contact.MailingCountry === 'US' &&
    contact.CME_Primary_Type__c === 'Medical Doctor' &&
    isValidNpi(String(contact.CME_NPI__c ?? '')) &&
    !!contact.MailingStreet
  );
}

function firstContact(
  contacts: ReadonlyMap<string, SeedRecord>,
  test: (key: string, contact: SeedRecord) => boolean,
): [string, SeedRecord] | undefined {
  for (const entry of contacts) if (test(...entry)) return entry;
  return undefined;
}

/**
 * The event and doctor for the small payment: a held, non-accredited US event with people in the
 * room (preferably one with no planted compliance problem), and a learner who attended in person, has no small payment of her own,
 * and whose meal, annual total and event budget all stay clear of the pack's limits with it — so the
 * line adds no compliance finding (a direct line to a learner at an accredited event would).
 */
function pickSmallPayment(
  usEvents: readonly SeedRecord[],
  children: ReadonlyMap<string, SeedEventChildren>,
  year: number,
  received: ReadonlyMap<string, Receipts>,
  contacts: ReadonlyMap<string, SeedRecord>,
  packs: ReadonlyMap<string, RulePack>,
): { world: SeedEventWorld; doctorKey: string } | undefined {
  const pack = packs.get(REGIONS.US.rulePack);
  const mealCap = pack ? ruleLimit(pack, 'MEAL_CAP') : null;
  const annualCap = pack ? ruleLimit(pack, 'HCP_ANNUAL_CAP') : null;
  for (const record of usEvents) {
    if (record.Accredited__c || record.Format__c === 'Virtual') continue;
    const world = seedEventWorld(record, children.get(String(record.Event_Key__c)))!;
    if (!hasBudgetRoom(world)) continue;
    const lines = allocationsInYear(world, year);
    for (const a of world.attendance) {
      const key = a.Doctor__c;
      const r = key ? received.get(key) : undefined;
      const contact = key ? contacts.get(key) : undefined;
      if (!key || !r || !contact || a.Mode__c !== 'In-Person' || !isPlainUsPhysician(contact)) continue;
      if (r.faculty || r.smallest < CLEARLY_REPORTABLE_USD) continue;
      if (annualCap !== null && r.total + SMALL_PAYMENT_USD > annualCap / 2) continue;
      const meal = sumMoney(
        lines.filter((l) => l.doctorId === key && l.category === 'Food and Beverage').map((l) => l.amount),
      );
      if (mealCap !== null && meal + SMALL_PAYMENT_USD > mealCap) continue;
      return { world, doctorKey: key };
    }
  }
  return undefined;
}

function hasBudgetRoom(world: SeedEventWorld): boolean {
  const spend = sumMoney(world.expenses.filter((e) => e.Stage__c !== 'Estimated').map((e) => e.Amount__c ?? 0));
  return spend + SMALL_PAYMENT_USD <= Number(world.event.Budget__c ?? 0) * BUDGET_ROOM;
}

/** The small payment as the event's next line (right after its others, so loads stay ordered by event). */
function addSmallPayment(
  data: SeedData,
  world: SeedEventWorld,
  children: SeedEventChildren,
  doctorKey: string,
): SeedRecord {
  const last = children.expenses[children.expenses.length - 1];
  const number = String(world.expenses.length + 1).padStart(3, '0');
  const line: SeedRecord = {
    Expense_Key__c: `${world.key}:${number}`,
    Event__r: { Event_Key__c: world.key },
    Category__c: 'Food and Beverage',
    Amount__c: SMALL_PAYMENT_USD,
    Stage__c: 'Actual',
    Incurred_On__c: last.Incurred_On__c,
    Payment_Form__c: 'In-kind items and services',
    Vendor__c: 'Sapphire Caterers',
    Receipt_Reference__c: `RCPT-${world.key.slice(4)}-${number}`,
    Description__c: `Coffee and a sandwich for one doctor before ${world.key}`,
    Doctor__r: { CME_HCP_Key__c: doctorKey },
  };
  const at = data.expenses.indexOf(last);
  data.expenses.splice(at + 1, 0, line);
  return line;
}

/** The same NPI with the check digit one off: ten digits that fail only the Luhn check. */
export function withWrongCheckDigit(npi: string): string {
  return `${npi.slice(0, 9)}${(npiCheckDigit(npi.slice(0, 9)) + 1) % 10}`;
}

/**
 * An EU doctor who received a transfer of the year without consent: the first who has none, else the
 * first recipient, whose consent is then taken away (the 70/30 draw may leave a small seed without one).
 */
function plantNoConsent(
  contacts: ReadonlyMap<string, SeedRecord>,
  received: ReadonlyMap<string, Receipts>,
): [string, SeedRecord] | undefined {
  const euRecipient = (key: string, c: SeedRecord) =>
    REGIONS.EU.cities.some((city) => city.country === c.MailingCountry) && received.get(key)?.reportable !== undefined;
  const found = firstContact(contacts, (key, c) => euRecipient(key, c) && !c.CME_Disclosure_Consent__c);
  if (found) return found;
  const first = firstContact(contacts, euRecipient);
  if (first) {
    first[1].CME_Disclosure_Consent__c = false;
    first[1].CME_Consent_Date__c = null;
  }
  return first;
}
