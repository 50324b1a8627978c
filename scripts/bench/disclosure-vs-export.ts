// Benchmark: `sf cme report disclosure --standard open-payments` against what a compliance analyst
// would do without it: the official `sf data export bulk` of each object it reads (events,
// invitations, attendance, expenses, HCP Contacts), with the fields it reads, one after another; both
// through the official sf CLI against the local org (its own process). The seed is sized by
// transfer-of-value lines: 2,000 in-person US events in 2025 and 20,000 US HCPs at every size, each
// event with four shared lines split across its attendees (the lines) and one direct honorarium, so
// attendance grows with the lines while events and HCPs do not: memory should stay flat.
// Per run: wall time, peak RSS of the CLI process (GNU time), API calls the org counted.
// Usage: node scripts/bench/disclosure-vs-export.ts [--lines N] [--runs N] [--db FILE] [--formats csv,xlsx,pdf]
//   [--only disclosure|export] [--seed-only]
// --db keeps the seeded database and reuses it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import { npiCheckDigit } from '../../plugin/src/domain/cmeDomain.ts';
import { Engine } from '../src/localorg/engine.ts';
import { bootstrapOrg } from '../src/localorg/org.ts';
import { loadSchema } from '../src/localorg/schema.ts';
import { loadPlan } from '../src/localorg/config-data.ts';
import { benchAgainstExports, fiveExports, lineCount } from './exports.ts';
import { ROOT, measureSf } from './harness.ts';
import type { Measured, Server } from './harness.ts';

const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '3' },
    db: { type: 'string' },
    formats: { type: 'string', default: 'csv,xlsx,pdf' },
    only: { type: 'string' },
    'seed-only': { type: 'boolean', default: false },
  },
});
const LINES = Number(values.lines);
const RUNS = Number(values.runs);
const EVENTS = 2_000;
const DOCTORS = 20_000;
/** Shared lines per event and what each attendee's share is, in USD (printed material: under $13.46). */
const SHARED: readonly [category: string, perHead: number][] = [
  ['Food and Beverage', 42.5],
  ['Venue', 120],
  ['Audio Visual', 36],
  ['Printed Material', 9.5],
];
const ATTENDEES = Math.max(1, Math.round(LINES / (EVENTS * SHARED.length)));
const STATES = ['CA', 'NY', 'TX', 'FL', 'IL', 'MA', 'PA', 'OH', 'GA', 'WA'];

/** A valid NPI for the n-th HCP: 1 + eight digits + the check digit. */
const npiOf = (n: number) => {
  const first = `1${String(n).padStart(8, '0')}`;
  return `${first}${npiCheckDigit(first)}`;
};

function seed(file: string): void {
  const engine = new Engine(new DatabaseSync(file), loadSchema(ROOT));
  const { userId } = bootstrapOrg(engine, { fiscalYearStartMonth: 1 });
  const ctx = { userId };
  loadPlan(engine, path.join(ROOT, 'config/rule-packs/plan.json'), ctx);
  const pack = (
    engine.db.prepare(`SELECT "Id" FROM "CME_Rule_Pack__c" WHERE "Code__c" = 'US-PHRMA-OPENPAYMENTS'`).get() as {
      Id: string;
    }
  ).Id;
  const started = performance.now();
  const events: string[] = [];
  const doctors: string[] = [];
  engine.transaction(() => {
    for (let i = 0; i < DOCTORS; i++)
      doctors.push(
        engine.insert(
          'Contact',
          {
            FirstName: 'Pat',
            LastName: `Doctor ${i}`,
            CME_Specialty__c: 'Cardiology',
            CME_Primary_Type__c: 'Medical Doctor',
            CME_NPI__c: npiOf(i),
            CME_License_State__c: STATES[i % STATES.length],
            CME_HCP_Key__c: `HCP-${i}`,
            MailingStreet: `${100 + (i % 900)} Main Street`,
            MailingCity: 'Springfield',
            MailingState: STATES[i % STATES.length],
            MailingPostalCode: String(10000 + (i % 89999)).padStart(5, '0'),
            MailingCountry: 'US',
          },
          ctx,
        ),
      );
    for (let i = 0; i < EVENTS; i++) {
      const day = `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
      events.push(
        engine.insert(
          'CME_Event__c',
          {
            Name: `Cardiology update ${i}`,
            Event_Key__c: `EVT-${i}`,
            Event_Type__c: 'Workshop',
            Format__c: 'In-Person',
            Venue__c: 'Convention Center',
            City__c: 'Boston',
            State__c: 'MA',
            Country__c: 'US',
            Start__c: `${day}T14:00:00Z`,
            End__c: `${day}T18:00:00Z`,
            Status__c: 'Completed',
            Budget__c: 500_000,
            Capacity__c: 1_000,
            Educational_Need__c: 'Guideline update',
            Topic__c: `Topic ${i % 40}`,
            Therapy_Area__c: 'Cardiovascular',
            Product_Focus__c: 'Cardiozan',
            Rule_Pack__c: pack,
            Submitted_On__c: '2024-12-01T14:00:00Z',
            Approved_On__c: '2024-12-02T14:00:00Z',
          },
          ctx,
        ),
      );
    }
  });
  for (let e = 0; e < EVENTS; e++) {
    engine.transaction(() => {
      const day = `2025-${String((e % 12) + 1).padStart(2, '0')}-${String((e % 28) + 1).padStart(2, '0')}`;
      for (let a = 0; a < ATTENDEES; a++) {
        const i = e * ATTENDEES + a;
        const doctor = doctors[(i * 7919) % DOCTORS];
        const invitation = engine.insert(
          'CME_Invitation__c',
          {
            Event__c: events[e],
            Doctor__c: doctor,
            Status__c: 'Accepted',
            Role__c: a === 0 ? 'Speaker' : 'Attendee',
            Invited_On__c: '2024-12-10T14:00:00Z',
            Invitation_Key__c: `INV-${i}`,
          },
          ctx,
        );
        engine.insert(
          'CME_Attendance__c',
          {
            Event__c: events[e],
            Invitation__c: invitation,
            Doctor__c: doctor,
            Mode__c: 'In-Person',
            Sign_In_Method__c: 'E-Signature',
            Minutes_Attended__c: 120 + (i % 90),
            Checked_In_At__c: `${day}T14:05:00Z`,
            Attendance_Key__c: `ATT-${i}`,
          },
          ctx,
        );
      }
      const line = (category: string, amount: number, doctor: string | null) =>
        engine.insert(
          'CME_Expense__c',
          {
            Event__c: events[e],
            Category__c: category,
            Amount__c: amount,
            Stage__c: 'Actual',
            Incurred_On__c: day,
            Doctor__c: doctor,
            Receipt_Reference__c: `R-${e}-${category}`,
            Expense_Key__c: `EXP-${e}-${category}`,
          },
          ctx,
        );
      for (const [category, perHead] of SHARED) line(category, perHead * ATTENDEES, null);
      line('Speaker Honorarium', 2_500, doctors[(e * ATTENDEES * 7919) % DOCTORS]);
    });
    if (e % 100 === 99) process.stderr.write(`\rseeding events ${e + 1} / ${EVENTS}`);
  }
  process.stderr.write('\n');
  console.log(
    `seed: ${EVENTS.toLocaleString()} events × ${ATTENDEES} attendees (${(EVENTS * ATTENDEES).toLocaleString()} attendance rows, ${(EVENTS * (ATTENDEES * SHARED.length + 1)).toLocaleString()} transfer-of-value lines) in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  engine.db.close();
}

const EXPORTS = fiveExports(
  { from: '2025-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
  {
    events: EVENTS,
    invitations: EVENTS * ATTENDEES,
    attendance: EVENTS * ATTENDEES,
    expenses: EVENTS * (SHARED.length + 1),
    doctors: Math.min(EVENTS * ATTENDEES, DOCTORS),
  },
);

async function runDisclosure(server: Server, home: string, dir: string): Promise<Measured> {
  const measured = await measureSf(server, home, [
    'cme',
    'report',
    'disclosure',
    '--target-org',
    'bench',
    '--standard',
    'open-payments',
    '--year',
    '2025',
    '--registration-id',
    '100000000001',
    '--entity-name',
    'Bench Pharma Inc.',
    '--format',
    values.formats,
    '--as-of',
    '2026-02-15',
    '--output-dir',
    dir,
    '--json',
  ]);
  const lines = EVENTS * (ATTENDEES * SHARED.length + 1);
  if (values.formats.split(',').includes('csv')) {
    // One file, or parts of at most CMS's 250 MB each with their own header.
    const records = fs
      .readdirSync(path.join(dir, 'data'))
      .filter((f) => /^open-payments-PY2025(-part\d+)?\.csv$/.test(f))
      .reduce((n, f) => n + lineCount(path.join(dir, 'data', f)) - 1, 0);
    const excluded = lineCount(path.join(dir, 'data/excluded.csv')) - 1;
    if (records + excluded !== lines)
      throw new Error(`disclosure wrote ${records} records and ${excluded} excluded lines for ${lines} lines`);
  }
  return measured;
}

await benchAgainstExports({
  dbFile: values.db ?? path.join(os.tmpdir(), `cme-bench-disclosure-${LINES}.sqlite`),
  seed,
  seedOnly: values['seed-only'],
  runs: RUNS,
  only: values.only,
  exports: EXPORTS,
  ours: { name: 'disclosure', label: 'sf cme report disclosure --standard open-payments', run: runDisclosure },
  title: `${(EVENTS * (ATTENDEES * SHARED.length + 1)).toLocaleString()} transfer-of-value lines, ${RUNS} run(s), formats ${values.formats}`,
}).catch((error: Error) => {
  console.error(error.stack, (error as { cause?: Error }).cause?.stack);
  process.exit(1);
});
