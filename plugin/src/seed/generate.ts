// Deterministic demo and test data for a CME org: doctors, events across every type, format and
// status, invitations, attendance with sign-in evidence and evaluations, expense lines, and a
// documented share of deliberate compliance problems. Records reference each other by external id,
// so loading is an idempotent upsert. Same plan (incl. seed) → same records, byte for byte.
import { createHash } from 'node:crypto';
import { Faker, de, en, en_IN, en_US, es, fr, it, nl } from '@faker-js/faker';
import { hcpName, isRuleOn, npiCheckDigit, ruleLimit } from '../domain/cmeDomain.ts';
import type { RulePack } from '../domain/cmeDomain.ts';
import type { SeedPlan } from '../schema/seedPlan.ts';
import { ACCREDITORS, EVENT_TYPES, HCO_NAMES, REGIONS, THERAPY_AREAS, US_STATES, VENDORS, VENUES } from './catalog.ts';
import type { City, Region } from './catalog.ts';
import { FIRST_NAME_MAX, LAST_NAME_MAX, createProfiler, nameWithin } from './profile.ts';
import type { Profiler } from './profile.ts';
import { plantDisclosureProblems } from './disclosureProblems.ts';
import type { PlantedDisclosureProblem } from './disclosureProblems.ts';
import { addEvaluations } from './evaluations.ts';

export type SeedRecord = Record<string, unknown>;

/** Kinds of deliberate problems, each named by the compliance rule that should find it. */
export const PLANTED_RULES = [
  'APPROVAL_BEFORE_INVITE',
  'APPROVAL_LEAD_TIME',
  'FOREIGN_VENUE',
  'MEAL_CAP',
  'HONORARIUM_FMV',
  'SPEAKER_ONLY_TRAVEL',
  'BUDGET_OVERRUN',
  'CAPACITY',
  'ATTENDANCE_EVIDENCE',
  'ACCREDITED_INDEPENDENCE',
] as const;
export type PlantedRule = (typeof PLANTED_RULES)[number];

export interface PlantedProblem {
  ruleId: PlantedRule;
  eventKey: string;
  hcpKey?: string;
  note: string;
}

export interface SeedData {
  /** HCOs (hospitals and clinics) as Accounts: the parent of every seeded Contact. */
  accounts: SeedRecord[];
  contacts: SeedRecord[];
  events: SeedRecord[];
  invitations: SeedRecord[];
  attendance: SeedRecord[];
  expenses: SeedRecord[];
  planted: PlantedProblem[];
  /** The deliberate disclosure problems (plan.disclosureProblems), each on a record a disclosure reads. */
  plantedDisclosure: PlantedDisclosureProblem[];
}

interface Doctor {
  key: string;
  region: Region;
  specialty: string;
  city: City;
  name: string;
  /** How she signs an attendance sheet: "Dr Asha Rao", or just the name for a nurse practitioner. */
  signedName: string;
}

interface EventDraft {
  key: string;
  region: Region;
  record: SeedRecord;
  start: Date;
  end: Date;
  approvedOn?: Date;
  status: string;
  format: string;
  capacity: number;
  problem?: PlantedRule;
}

const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString();
const day = (d: Date) => d.toISOString().slice(0, 10);
const REGION_LOCALES = { IN: [en_IN, en], US: [en_US, en], EU: [de, fr, es, it, nl] };

/** `packs` (by code) decide which problems can be planted in a region and how far over a limit to go. */
export function generateSeedData(plan: SeedPlan, packs: ReadonlyMap<string, RulePack>): SeedData {
  const rng = new Faker({ locale: [en], seed: plan.seed });
  const names: Record<string, Faker> = {};
  let i = 0;
  for (const [region, locales] of Object.entries(REGION_LOCALES)) {
    for (const locale of locales) names[`${region}:${i}`] = new Faker({ locale: [locale, en], seed: plan.seed + ++i });
  }
  const regionOf = regionPicker(rng, plan.regions);
  const doctors = generateDoctors(rng, names, createProfiler(plan.seed, plan.from), regionOf, plan.doctors);
  const contacts = doctors.map((d) => d.record);
  const accounts = generateAccounts(doctors.map((d) => d.doctor.city));
  const byRegion = groupBy(
    doctors.map((d) => d.doctor),
    (d) => d.region,
  );
  const data: SeedData = {
    accounts,
    contacts,
    events: [],
    invitations: [],
    attendance: [],
    expenses: [],
    planted: [],
    plantedDisclosure: [],
  };
  const { windowStart, windowEnd, pivot } = seedWindow(plan);
  for (let n = 1; n <= plan.events; n++) {
    let region = regionOf();
    if (!byRegion.get(region)?.length) region = doctors[0].doctor.region;
    const pack = packs.get(REGIONS[region].rulePack);
    if (!pack) throw new Error(`rule pack ${REGIONS[region].rulePack} is not in the org; load the rule packs first`);
    // Plant only what the region's pack checks, so every planted problem is one a report must find.
    const plantable = PLANTED_RULES.filter(
      (rule) => isRuleOn(pack, rule) && (rule !== 'FOREIGN_VENUE' || region === 'IN'),
    );
    const problem =
      plantable.length && rng.number.float({ min: 0, max: 1 }) < plan.problemRate
        ? rng.helpers.arrayElement(plantable)
        : undefined;
    const event = generateEvent(rng, n, region, windowStart, windowEnd, pivot, problem);
    data.events.push(event.record);
    if (event.problem)
      data.planted.push({ ruleId: event.problem, eventKey: event.key, note: plantNote(event.problem) });
    if (!['Approved', 'Completed', 'Closed'].includes(event.status)) continue;
    const invited = generateInvitations(rng, plan, event, byRegion.get(region)!);
    data.invitations.push(...invited.map((x) => x.record));
    const attended = event.status !== 'Approved' ? generateAttendance(rng, event, invited) : [];
    data.attendance.push(...attended);
    data.expenses.push(...generateExpenses(rng, event, invited, attended, pack));
  }
  // Evaluations draw from their own stream, so the records above are what they were without them.
  addEvaluations(data, plan.seed, pivot);
  // Planted last, on what was generated, so every other record and problem is what it was without them.
  if (plan.disclosureProblems) data.plantedDisclosure = plantDisclosureProblems(data, packs);
  return data;
}

/** The plan's window, and its middle: events before it have happened, later ones are being planned. */
export function seedWindow(plan: SeedPlan): { windowStart: number; windowEnd: number; pivot: number } {
  const windowStart = Date.parse(`${plan.from}T00:00:00Z`);
  const first = new Date(windowStart);
  const windowEnd = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + plan.months, 1);
  return { windowStart, windowEnd, pivot: windowStart + (windowEnd - windowStart) / 2 };
}

function regionPicker(rng: Faker, shares: Record<Region, number>): () => Region {
  const weights = (Object.entries(shares) as [Region, number][])
    .filter(([, w]) => w > 0)
    .map(([value, weight]) => ({ value, weight }));
  return () => rng.helpers.weightedArrayElement(weights);
}

function groupBy<T, K>(items: T[], key: (t: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const list = map.get(key(item));
    if (list) list.push(item);
    else map.set(key(item), [item]);
  }
  return map;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

// ------------------------------------------------------------------ doctors

function generateDoctors(
  rng: Faker,
  names: Record<string, Faker>,
  profiles: Profiler,
  regionOf: () => Region,
  count: number,
): { doctor: Doctor; record: SeedRecord }[] {
  const localeKeys = Object.keys(names);
  const out: { doctor: Doctor; record: SeedRecord }[] = [];
  for (let n = 1; n <= count; n++) {
    const region = regionOf();
    const namer = names[rng.helpers.arrayElement(localeKeys.filter((k) => k.startsWith(`${region}:`)))];
    const firstName = nameWithin(() => namer.person.firstName(), FIRST_NAME_MAX);
    const lastName = nameWithin(() => namer.person.lastName(), LAST_NAME_MAX);
    const city = rng.helpers.arrayElement(REGIONS[region].cities);
    const area = rng.helpers.arrayElement(THERAPY_AREAS);
    const specialty = rng.helpers.arrayElement(area.specialties);
    const key = `HCP-${pad(n, 6)}`;
    const primaryType = profiles.primaryType(region);
    const address = profiles.address(city);
    const signedName = hcpName(
      { Id: key, FirstName: firstName, LastName: lastName, CME_Primary_Type__c: primaryType },
      key,
    );
    const record: SeedRecord = {
      CME_HCP_Key__c: key,
      // Physicians are addressed as Dr.; nurse practitioners, physician assistants, pharmacists and nurses are not.
      Salutation: signedName.startsWith('Dr ') ? 'Dr.' : null,
      FirstName: firstName,
      LastName: lastName,
      Email: `${slug(firstName)}.${slug(lastName)}.${n}@example-clinic.org`,
      Phone: namer.phone.number(),
      CME_Specialty__c: specialty,
      CME_Primary_Type__c: primaryType,
      CME_Territory__c: city.territory,
      MailingStreet: address.street,
      MailingCity: city.city,
      MailingState: city.state,
      MailingCountry: city.country,
      MailingPostalCode: address.postalCode,
      ...registration(rng, profiles, region, city, n),
      // The doctor's HCO in her city, chosen by her number (no draw from rng: the rest of the data stays as it was).
      Account: { CME_HCO_Key__c: hcoKey(city, (n - 1) % 3) },
    };
    out.push({ doctor: { key, region, specialty, city, name: `${firstName} ${lastName}`, signedName }, record });
  }
  return out;
}

// ------------------------------------------------------------------ HCOs (Accounts)

/** `HCO-IN-MUMBAI-1`: stable for a city and its n-th HCO, whatever the plan. */
export function hcoKey(city: City, index: number): string {
  return `HCO-${city.country}-${slug(city.city).toUpperCase()}-${index + 1}`;
}

/** The three HCOs of every city a doctor practises in, in catalog order of first use. */
function generateAccounts(cities: City[]): SeedRecord[] {
  const seen = new Set<string>();
  const out: SeedRecord[] = [];
  for (const city of cities) {
    const id = `${city.country}:${city.city}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const names = HCO_NAMES[city.country] ?? ['{city} General Hospital', '{city} Medical Center', '{city} Clinic'];
    names.forEach((template, index) =>
      out.push({
        CME_HCO_Key__c: hcoKey(city, index),
        Name: template.replace('{city}', city.city),
        BillingCity: city.city,
        BillingState: city.state,
        BillingCountry: city.country,
      }),
    );
  }
  return out.sort((a, b) => String(a.CME_HCO_Key__c).localeCompare(String(b.CME_HCO_Key__c)));
}

function slug(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/[^A-Za-z]/g, '')
      .toLowerCase() || 'dr'
  );
}

/**
 * The NPI of the n-th seeded doctor (`jitter` 0–9). Unique per n: (n·10 + jitter)·7919 mod 10⁸ is
 * one-to-one for n < 10⁷ (7919 is prime to 10⁸), and scattered rather than sequential.
 */
export function seedNpi(n: number, jitter: number): string {
  const serial = ((n * 10 + jitter) * 7919) % 100_000_000;
  const firstNine = `1${pad(serial, 8)}`;
  return `${firstNine}${npiCheckDigit(firstNine)}`;
}

function registration(rng: Faker, profiles: Profiler, region: Region, city: City, n: number): SeedRecord {
  if (region === 'US') {
    const npi = seedNpi(n, rng.number.int({ min: 0, max: 9 }));
    // This draw from rng stays whether or not it is used, so the events after it stay as they were.
    const elsewhere = rng.helpers.arrayElement(US_STATES);
    return {
      CME_NPI__c: npi,
      CME_License_State__c: profiles.licenseState(city, elsewhere),
      CME_Disclosure_Consent__c: false,
    };
  }
  const council = rng.helpers.arrayElement(REGIONS[region].councils);
  const consent = region === 'EU' ? rng.number.float({ min: 0, max: 1 }) < 0.7 : false;
  return {
    CME_Registration_Council__c: council,
    CME_Registration_Number__c:
      region === 'IN'
        ? `${council
            .split(' ')
            .map((w) => w[0])
            .join('')}/${2000 + (n % 24)}/${pad(n, 5)}`
        : `${region}-${pad(n * 37, 7)}`,
    CME_Disclosure_Consent__c: consent,
    ...(consent ? { CME_Consent_Date__c: profiles.consentDate() } : {}),
  };
}

// ------------------------------------------------------------------ events

function generateEvent(
  rng: Faker,
  n: number,
  region: Region,
  windowStart: number,
  windowEnd: number,
  pivot: number,
  problem?: PlantedRule,
): EventDraft {
  const info = REGIONS[region];
  const area = rng.helpers.arrayElement(THERAPY_AREAS);
  // Meals and a foreign venue need people in a room.
  const needsVenue = problem === 'MEAL_CAP' || problem === 'FOREIGN_VENUE';
  const drawnType = rng.helpers.arrayElement(EVENT_TYPES);
  const type = needsVenue && drawnType === 'Webinar' ? 'Workshop' : drawnType;
  const format = needsVenue
    ? 'In-Person'
    : type === 'Webinar'
      ? 'Virtual'
      : rng.helpers.weightedArrayElement([
          { value: 'In-Person', weight: 6 },
          { value: 'Hybrid', weight: 3 },
          { value: 'Virtual', weight: 1 },
        ]);
  const startDay = Math.floor(rng.number.int({ min: windowStart, max: windowEnd - DAY }) / DAY) * DAY;
  const start = new Date(startDay + rng.number.int({ min: 3, max: 12 }) * 3_600_000);
  const end = new Date(start.getTime() + rng.number.int({ min: 2, max: 8 }) * 3_600_000);
  const past = start.getTime() < pivot;
  const drawnStatus = past
    ? rng.helpers.weightedArrayElement([
        { value: 'Completed', weight: 5 },
        { value: 'Closed', weight: 4 },
        { value: 'Cancelled', weight: 1 },
      ])
    : rng.helpers.weightedArrayElement([
        { value: 'Draft', weight: 2 },
        { value: 'Pending Approval', weight: 2 },
        { value: 'Approved', weight: 5 },
        { value: 'Rejected', weight: 1 },
      ]);
  // Events starting within a month of the pivot are already approved: drafts are for later dates.
  const status = !past && drawnStatus !== 'Approved' && start.getTime() < pivot + 30 * DAY ? 'Approved' : drawnStatus;
  const held = ['Approved', 'Completed', 'Closed'].includes(status);
  // A problem is planted only where it can exist: on held events, and in attendance only after the event.
  const effectiveProblem = held && (problem !== 'ATTENDANCE_EVIDENCE' || status !== 'Approved') ? problem : undefined;
  const city = rng.helpers.arrayElement(info.cities);
  // A planted CAPACITY problem needs more acceptances than places: keep its capacity small.
  const capacity = effectiveProblem === 'CAPACITY' ? 8 : rng.number.int({ min: 3, max: 12 }) * 10;
  const leadDays = effectiveProblem === 'APPROVAL_LEAD_TIME' ? 3 : rng.number.int({ min: 25, max: 60 });
  const approvedOn = held || status === 'Rejected' ? new Date(start.getTime() - leadDays * DAY) : undefined;
  const submittedOn =
    status === 'Draft'
      ? undefined
      : new Date((approvedOn ?? start).getTime() - rng.number.int({ min: 3, max: 10 }) * DAY);
  const budget = Math.round(rng.number.int({ min: info.money.budget[0], max: info.money.budget[1] }) / 100) * 100;
  const foreign = effectiveProblem === 'FOREIGN_VENUE' && region === 'IN';
  const venueCity = foreign
    ? { city: 'Dubai', state: 'Dubai', country: 'AE', timeZone: 'Asia/Dubai', territory: city.territory }
    : city;
  const topic = rng.helpers.arrayElement(area.topics);
  const key = `EVT-${pad(n, 5)}`;
  // Learner travel at an accredited event would break two rules; keep each planted problem to one.
  const accredited =
    effectiveProblem === 'ACCREDITED_INDEPENDENCE' ||
    (type === 'Conference' && rng.number.float({ min: 0, max: 1 }) < 0.4 && effectiveProblem !== 'SPEAKER_ONLY_TRAVEL');
  const record: SeedRecord = {
    Event_Key__c: key,
    Name: `${topic} — ${venueCity.city}`.slice(0, 80),
    Event_Type__c: type,
    Format__c: format,
    Status__c: status,
    Start__c: iso(start),
    End__c: iso(end),
    Time_Zone__c: venueCity.timeZone,
    Therapy_Area__c: area.area,
    Topic__c: topic,
    Product_Focus__c: area.product ?? null,
    Educational_Need__c: `Practice gaps in ${topic.toLowerCase()} identified in ${venueCity.territory} chart audits; ${area.specialties.join(' and ')} need current guidance.`,
    Accredited__c: accredited,
    Accreditation_Provider__c: accredited ? rng.helpers.arrayElement(ACCREDITORS) : null,
    Accreditation_Credits__c: accredited ? rng.helpers.arrayElement([1, 1.5, 2, 3]) : null,
    Capacity__c: capacity,
    Budget__c: budget,
    Rule_Pack__r: { Code__c: info.rulePack },
    Submitted_On__c: submittedOn ? iso(submittedOn) : null,
    Approved_On__c: held && approvedOn ? iso(approvedOn) : null,
    Virtual_Url__c: format === 'In-Person' ? null : `https://meet.example-cme.org/${key.toLowerCase()}`,
    Venue__c: format === 'Virtual' ? null : rng.helpers.arrayElement(VENUES),
    Venue_Address__c: format === 'Virtual' ? null : `${rng.number.int({ min: 1, max: 200 })} Main Road`,
    City__c: format === 'Virtual' ? null : venueCity.city,
    State__c: format === 'Virtual' ? null : venueCity.state,
    Country__c: format === 'Virtual' ? null : venueCity.country,
  };
  return {
    key,
    region,
    record,
    start,
    end,
    approvedOn,
    status,
    format,
    capacity,
    problem: effectiveProblem && (effectiveProblem !== 'FOREIGN_VENUE' || foreign) ? effectiveProblem : undefined,
  };
}

function plantNote(rule: PlantedRule): string {
  const notes: Record<PlantedRule, string> = {
    APPROVAL_BEFORE_INVITE: 'one invitation is dated before the final approval',
    APPROVAL_LEAD_TIME: 'approved only 3 days before the start',
    FOREIGN_VENUE: 'an Indian event held in Dubai',
    MEAL_CAP: 'food and beverage per attendee at 1.6 times the cap',
    HONORARIUM_FMV: 'a speaker honorarium at 1.6 times the fair-market hourly rate',
    SPEAKER_ONLY_TRAVEL: 'travel paid for an attendee who is not a speaker',
    BUDGET_OVERRUN: 'actual spend about 20% over budget',
    CAPACITY: 'more acceptances than places',
    ATTENDANCE_EVIDENCE: 'a virtual attendance with 10 logged minutes',
    ACCREDITED_INDEPENDENCE: 'registration fee paid for a learner at an accredited event',
  };
  return notes[rule];
}

// ------------------------------------------------------------------ invitations

interface InvitationDraft {
  record: SeedRecord;
  doctor: Doctor;
  status: string;
  role: string;
  key: string;
}

function generateInvitations(rng: Faker, plan: SeedPlan, event: EventDraft, pool: Doctor[]): InvitationDraft[] {
  const count = Math.min(
    pool.length,
    rng.number.int({ min: plan.invitationsPerEvent.min, max: plan.invitationsPerEvent.max }),
  );
  const chosen = rng.helpers.arrayElements(pool, count);
  const approvedOn = event.approvedOn ?? new Date(event.start.getTime() - 30 * DAY);
  let accepted = 0;
  return chosen.map((doctor, i) => {
    const role = i === 0 ? 'Speaker' : i === 1 && count > 8 ? 'Moderator' : 'Attendee';
    let status =
      role === 'Attendee'
        ? rng.helpers.weightedArrayElement([
            { value: 'Accepted', weight: 55 },
            { value: 'Declined', weight: 15 },
            { value: 'Tentative', weight: 10 },
            { value: 'Invited', weight: 15 },
            { value: 'Waitlisted', weight: 5 },
          ])
        : 'Accepted';
    // Keep acceptances within capacity unless this event plants the CAPACITY problem.
    if (status === 'Accepted' && accepted >= event.capacity && event.problem !== 'CAPACITY') status = 'Waitlisted';
    if (event.problem === 'CAPACITY' && i < event.capacity + 2 && count > event.capacity) status = 'Accepted';
    if (status === 'Accepted') accepted++;
    const invitedOn = new Date(approvedOn.getTime() + rng.number.int({ min: 1, max: 5 }) * DAY + i * 60_000);
    if (event.problem === 'APPROVAL_BEFORE_INVITE' && i === 2) invitedOn.setTime(approvedOn.getTime() - 2 * DAY);
    const key = `${event.key}:${doctor.key}`;
    const record: SeedRecord = {
      Invitation_Key__c: key,
      Event__r: { Event_Key__c: event.key },
      Doctor__r: { CME_HCP_Key__c: doctor.key },
      Status__c: status,
      Role__c: role,
      Speaking_Hours__c: role === 'Attendee' ? null : rng.helpers.arrayElement([1, 1.5, 2]),
      Channel__c: rng.helpers.arrayElement(['Email', 'Phone', 'In-Person Visit', 'Web Registration']),
      Invited_On__c: iso(invitedOn),
      Responded_On__c:
        status === 'Invited' ? null : iso(new Date(invitedOn.getTime() + rng.number.int({ min: 1, max: 7 }) * DAY)),
    };
    return { record, doctor, status, role, key };
  });
}

// ------------------------------------------------------------------ attendance

function generateAttendance(rng: Faker, event: EventDraft, invitations: InvitationDraft[]): SeedRecord[] {
  const out: SeedRecord[] = [];
  const attendees = invitations.filter(
    (inv) => inv.status === 'Accepted' && (inv.role !== 'Attendee' || rng.number.float({ min: 0, max: 1 }) < 0.85),
  );
  const walkIns = invitations
    .filter((inv) => inv.status === 'Declined' || inv.status === 'Invited')
    .slice(0, rng.number.int({ min: 0, max: 2 }));
  const evidenceProblemIndex = event.problem === 'ATTENDANCE_EVIDENCE' ? 0 : -1;
  [...attendees, ...walkIns].forEach((inv, i) => {
    const walkIn = i >= attendees.length;
    const virtual =
      event.format === 'Virtual' ||
      (event.format === 'Hybrid' && rng.number.float({ min: 0, max: 1 }) < 0.4) ||
      i === evidenceProblemIndex;
    const checkIn = new Date(event.start.getTime() + rng.number.int({ min: -15, max: 20 }) * 60_000);
    const durationMinutes = Math.round((event.end.getTime() - event.start.getTime()) / 60_000);
    const minutes =
      i === evidenceProblemIndex ? 10 : rng.number.int({ min: Math.min(35, durationMinutes), max: durationMinutes });
    const method = virtual
      ? 'Virtual Log'
      : rng.helpers.weightedArrayElement([
          { value: 'E-Signature', weight: 6 },
          { value: 'Paper Sheet', weight: 3 },
          { value: 'Self Check-In', weight: 1 },
        ]);
    // Self check-in is a kiosk e-signature: it carries a signature and its hash too.
    const signed = method === 'E-Signature' || method === 'Self Check-In';
    const signature = signed
      ? `data:image/png;base64,${Buffer.from(`sig:${inv.doctor.key}:${event.key}`).toString('base64')}`
      : null;
    const rating = rng.helpers.weightedArrayElement([
      { value: 5, weight: 4 },
      { value: 4, weight: 4 },
      { value: 3, weight: 2 },
      { value: 2, weight: 1 },
    ]);
    const questions = rng.number.int({ min: 0, max: 4 });
    out.push({
      Attendance_Key__c: `${event.key}:${inv.doctor.key}`,
      Event__r: { Event_Key__c: event.key },
      Invitation__r: walkIn ? null : { Invitation_Key__c: inv.key },
      Doctor__r: { CME_HCP_Key__c: inv.doctor.key },
      Mode__c: virtual ? 'Virtual' : 'In-Person',
      Checked_In_At__c: iso(checkIn),
      Checked_Out_At__c: iso(new Date(checkIn.getTime() + minutes * 60_000)),
      Minutes_Attended__c: minutes,
      Sign_In_Method__c: method,
      Signature_Data__c: signature,
      Signature_SHA256__c: signature
        ? createHash('sha256').update(`${signature}|${inv.doctor.name}|${event.key}`).digest('hex')
        : null,
      Signed_Name__c: signed ? inv.doctor.signedName : null,
      Signed_At__c: signed ? iso(checkIn) : null,
      Meal_Opt_Out__c: rng.number.float({ min: 0, max: 1 }) < 0.1,
      Walk_In__c: walkIn,
      Questions_Asked__c: questions,
      Feedback_Rating__c: rating,
      Engagement_Score__c: Math.min(100, Math.round((minutes / durationMinutes) * 60 + questions * 5 + rating * 4)),
    });
  });
  return out;
}

// ------------------------------------------------------------------ expenses

function generateExpenses(
  rng: Faker,
  event: EventDraft,
  invitations: InvitationDraft[],
  attendance: SeedRecord[],
  pack: RulePack,
): SeedRecord[] {
  const money = REGIONS[event.region].money;
  const stage = event.status === 'Approved' ? 'Committed' : 'Actual';
  const incurred = day(event.end);
  const lines: SeedRecord[] = [];
  const add = (category: string, amount: number, extra: SeedRecord = {}) =>
    lines.push({
      Expense_Key__c: `${event.key}:${pad(lines.length + 1, 3)}`,
      Event__r: { Event_Key__c: event.key },
      Category__c: category,
      Amount__c: Math.round(amount * 100) / 100,
      Stage__c: stage,
      Incurred_On__c: incurred,
      Payment_Form__c: category === 'Speaker Honorarium' ? 'Cash or cash equivalent' : 'In-kind items and services',
      Vendor__c: rng.helpers.arrayElement(VENDORS),
      Receipt_Reference__c: stage === 'Actual' ? `RCPT-${event.key.slice(4)}-${pad(lines.length + 1, 3)}` : null,
      Description__c: `${category} for ${event.key}`,
      ...extra,
    });
  // Meals are bought for the people who eat them: in-person attendees who did not opt out (before the
  // event: the accepted invitees), so the per-person cost is what the MEAL_CAP rule will compute.
  const diners = attendance.length
    ? attendance.filter((a) => a.Mode__c === 'In-Person' && !a.Meal_Opt_Out__c).length
    : invitations.filter((i) => i.status === 'Accepted').length;
  if (event.format !== 'Virtual') add('Venue', rng.number.int({ min: money.venue[0], max: money.venue[1] }));
  // Planted problems go clearly over the pack's limit; everything else stays under it.
  const mealCap = ruleLimit(pack, 'MEAL_CAP');
  const mealPerHead =
    event.problem === 'MEAL_CAP' && mealCap
      ? mealCap * 1.6
      : rng.number.int({ min: money.mealPerHead[0], max: money.mealPerHead[1] });
  if (event.format !== 'Virtual' && diners > 0) add('Food and Beverage', mealPerHead * diners);
  add('Audio Visual', rng.number.int({ min: money.venue[0] / 4, max: money.venue[1] / 4 }));
  for (const faculty of invitations.filter((i) => i.role !== 'Attendee')) {
    const hours = Number(faculty.record.Speaking_Hours__c ?? 1);
    const fmv = ruleLimit(pack, 'HONORARIUM_FMV');
    const rate =
      event.problem === 'HONORARIUM_FMV' && faculty.role === 'Speaker' && fmv
        ? fmv * 1.6
        : rng.number.int({ min: money.hourly[0], max: money.hourly[1] });
    add('Speaker Honorarium', rate * hours, { Doctor__r: { CME_HCP_Key__c: faculty.doctor.key } });
    if (event.format !== 'Virtual')
      add('Travel and Lodging', rng.number.int({ min: money.travel[0], max: money.travel[1] }), {
        Doctor__r: { CME_HCP_Key__c: faculty.doctor.key },
      });
  }
  const learner = invitations.find((i) => i.role === 'Attendee' && i.status === 'Accepted');
  if (event.problem === 'SPEAKER_ONLY_TRAVEL' && learner)
    add('Travel and Lodging', money.travel[0], { Doctor__r: { CME_HCP_Key__c: learner.doctor.key } });
  if (event.problem === 'ACCREDITED_INDEPENDENCE' && learner)
    add('Registration Fee', money.travel[0] / 2, { Doctor__r: { CME_HCP_Key__c: learner.doctor.key } });
  // Budgets fit the plan with room to spare, except where an overrun is planted (spend 20% over).
  const spent = lines.reduce((sum, l) => sum + Number(l.Amount__c), 0);
  if (event.problem === 'BUDGET_OVERRUN') event.record.Budget__c = Math.floor(spent / 1.2);
  else if (spent * 1.25 > Number(event.record.Budget__c))
    event.record.Budget__c = Math.ceil((spent * 1.25) / 1000) * 1000;
  return lines;
}
