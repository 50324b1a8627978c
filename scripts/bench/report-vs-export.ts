// Benchmark: `sf cme report compliance` (the full audit pack) against what an analyst would do
// without it: the official `sf data export bulk` of each of the five objects the pack reads (events,
// invitations, attendance, expenses, HCP Contacts), with the fields it reads, one after another. Both
// through the official sf CLI against the local org (its own process), at a given number of attendance
// rows. Events (2,000) and HCPs (20,000) are the same at every size, so the report's memory should not
// grow with the rows. The attendance export alone (the old yardstick) is printed as an extra line.
// Per run: wall time, peak RSS of the CLI process (GNU time), and the API calls the org counted; the
// five exports' times and calls are summed, their peak RSS is the largest of the five.
// Usage: node scripts/bench/report-vs-export.ts [--rows N] [--runs N] [--db FILE] [--formats csv,xlsx,pdf]
//   [--xlsx-detail LIMIT|all] [--only report|export] [--seed-only]
// --db keeps the seeded database and reuses it (seeding a million rows takes minutes).
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import { Engine } from '../src/localorg/engine.ts';
import { bootstrapOrg } from '../src/localorg/org.ts';
import { loadSchema } from '../src/localorg/schema.ts';
import { loadPlan } from '../src/localorg/config-data.ts';
import { benchAgainstExports, fiveExports, lineCount, summaryLine } from './exports.ts';
import { ROOT, measureSf, median } from './harness.ts';
import type { Measured, Server } from './harness.ts';
const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '3' },
    db: { type: 'string' },
    formats: { type: 'string', default: 'csv,xlsx,pdf' },
    'xlsx-detail': { type: 'string' },
    only: { type: 'string' },
    'seed-only': { type: 'boolean', default: false },
  },
});
const ROWS = Number(values.rows);
const RUNS = Number(values.runs);
const EVENTS = 2_000;
const DOCTORS = 20_000;

function seed(file: string): void {
  const engine = new Engine(new DatabaseSync(file), loadSchema(ROOT));
  const { userId } = bootstrapOrg(engine, { fiscalYearStartMonth: 4 });
  const ctx = { userId };
  loadPlan(engine, path.join(ROOT, 'config/rule-packs/plan.json'), ctx);
  const pack = (
    engine.db.prepare(`SELECT "Id" FROM "CME_Rule_Pack__c" WHERE "Code__c" = 'IN-UCPMP-2024'`).get() as { Id: string }
  ).Id;
  const started = performance.now();
  const events: string[] = [];
  const doctors: string[] = [];
  engine.transaction(() => {
    for (let i = 0; i < DOCTORS; i++)
      doctors.push(
        engine.insert(
          'Contact',
          { FirstName: 'Doctor', LastName: `No. ${i}`, CME_Specialty__c: 'Cardiology', CME_HCP_Key__c: `HCP-${i}` },
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
            Event_Type__c: 'Webinar',
            Format__c: 'Virtual',
            Virtual_Url__c: 'https://meet.example/e',
            Start__c: `${day}T04:00:00Z`,
            End__c: `${day}T08:00:00Z`,
            Status__c: 'Completed',
            Budget__c: 500_000,
            Capacity__c: 1_000,
            Educational_Need__c: 'Guideline update',
            Topic__c: `Topic ${i % 40}`,
            Therapy_Area__c: 'Cardiovascular',
            Rule_Pack__c: pack,
            Submitted_On__c: '2024-12-01T04:00:00Z',
            Approved_On__c: '2024-12-02T04:00:00Z',
          },
          ctx,
        ),
      );
    }
  });
  const perEvent = Math.ceil(ROWS / EVENTS);
  const chunk = 10_000;
  for (let done = 0; done < ROWS; done += chunk) {
    engine.transaction(() => {
      for (let i = done; i < Math.min(ROWS, done + chunk); i++) {
        const e = Math.floor(i / perEvent);
        const doctor = doctors[(i * 7919) % DOCTORS];
        const invitation = engine.insert(
          'CME_Invitation__c',
          {
            Event__c: events[e],
            Doctor__c: doctor,
            Status__c: 'Accepted',
            Role__c: i % perEvent === 0 ? 'Speaker' : 'Attendee',
            Invited_On__c: '2024-12-10T04:00:00Z',
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
            Mode__c: 'Virtual',
            Sign_In_Method__c: 'Virtual Log',
            Minutes_Attended__c: 30 + (i % 90),
            Checked_In_At__c: '2025-03-01T04:05:00Z',
            Attendance_Key__c: `ATT-${i}`,
          },
          ctx,
        );
        if (i % perEvent === 0) {
          const line = (category: string, amount: number, direct: boolean) =>
            engine.insert(
              'CME_Expense__c',
              {
                Event__c: events[e],
                Category__c: category,
                Amount__c: amount,
                Stage__c: 'Actual',
                Incurred_On__c: '2025-03-01',
                Doctor__c: direct ? doctor : null,
                Receipt_Reference__c: `R-${e}-${category}`,
                Expense_Key__c: `EXP-${e}-${category}`,
              },
              ctx,
            );
          line('Speaker Honorarium', 40_000, true);
          line('Audio Visual', 60_000, false);
          line('Printed Material', 10_000, false);
        }
      }
    });
    process.stderr.write(`\rseeding ${Math.min(ROWS, done + chunk).toLocaleString()} / ${ROWS.toLocaleString()}`);
  }
  process.stderr.write('\n');
  console.log(
    `seed: ${ROWS.toLocaleString()} attendance + invitation rows in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  engine.db.close();
}

/** Every seeded event starts in 2025, so this window selects the rows the pack reads. */
const EXPORTS = fiveExports(
  { from: '2025-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
  {
    events: EVENTS,
    invitations: ROWS,
    attendance: ROWS,
    expenses: 3 * Math.ceil(ROWS / Math.ceil(ROWS / EVENTS)),
    doctors: Math.min(ROWS, DOCTORS),
  },
);

async function runReport(server: Server, home: string, dir: string): Promise<Measured> {
  const measured = await measureSf(server, home, [
    'cme',
    'report',
    'compliance',
    '--target-org',
    'bench',
    '--year',
    '2025',
    '--format',
    values.formats,
    ...(values['xlsx-detail'] ? ['--xlsx-detail', values['xlsx-detail']] : []),
    '--output-dir',
    dir,
    '--json',
  ]);
  const attendance = lineCount(path.join(dir, 'data/attendance.csv'));
  if (values.formats.split(',').includes('csv') && attendance - 1 !== ROWS)
    throw new Error(`report listed ${attendance} attendance lines for ${ROWS} rows`);
  return measured;
}

await benchAgainstExports({
  dbFile: values.db ?? path.join(os.tmpdir(), `cme-bench-report-${ROWS}.sqlite`),
  seed,
  seedOnly: values['seed-only'],
  runs: RUNS,
  only: values.only,
  exports: EXPORTS,
  ours: { name: 'report', label: 'sf cme report compliance (full pack)', run: runReport },
  title: `${ROWS.toLocaleString()} attendance rows, ${RUNS} run(s), report formats ${values.formats}${values['xlsx-detail'] ? `, --xlsx-detail ${values['xlsx-detail']}` : ''}`,
  // The old yardstick: the attendance export alone.
  extra: (exports, reports) => {
    const attendanceOnly = exports.map((e) => e.each[2]);
    if (!attendanceOnly.length) return [];
    const lines = [summaryLine('of which CME_Attendance__c alone', attendanceOnly)];
    if (reports.length)
      lines.push(
        `  wall time ratio report / attendance export alone: ${(median(reports.map((r) => r.seconds)) / median(attendanceOnly.map((r) => r.seconds))).toFixed(2)}`,
      );
    return lines;
  },
}).catch((error: Error) => {
  console.error(error.stack, (error as { cause?: Error }).cause?.stack);
  process.exit(1);
});
