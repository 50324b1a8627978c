// Benchmark: `sf cme attendance import` of a generated Zoom participant report — N participants, each
// with several re-joins (overlapping ones among them) — for a virtual event with N invitations,
// against the official `sf data import bulk` of the attendance rows that import writes. Each run goes
// into a fresh copy of the same org database (its own process), through the official sf CLI: wall
// time, peak RSS of the CLI process and API calls counted by the org. The re-import of the same report
// (nothing to write) is measured too. Figures are printed, as medians of --runs.
// Usage: node scripts/bench/attendance-import.ts [--participants N] [--rejoins N] [--runs N]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Engine } from '../src/localorg/engine.ts';
import { bootstrapOrg } from '../src/localorg/org.ts';
import { loadSchema } from '../src/localorg/schema.ts';
import { loadPlan } from '../src/localorg/config-data.ts';
import { quoteField } from '../../plugin/src/org/csv.ts';
import { ROOT, loginAndLink, mb, measureSf, median, startServer } from './harness.ts';
import type { Measured } from './harness.ts';

const { values } = parseArgs({
  options: {
    participants: { type: 'string', default: '5000' },
    rejoins: { type: 'string', default: '3' },
    runs: { type: 'string', default: '3' },
  },
});
const PARTICIPANTS = Number(values.participants);
const SESSIONS = Number(values.rejoins) + 1;
const RUNS = Number(values.runs);
const EVENT_KEY = 'EVT-BENCH-WEBINAR';
/** The webinar: 09:00–11:00 in Berlin on 14 March 2026 (08:00–10:00 UTC). */
const START = Date.parse('2026-03-14T08:00:00.000Z');
const END = START + 2 * 3_600_000;

const ATTENDANCE_COLUMNS = [
  'Attendance_Key__c',
  'Event__c',
  'Doctor__c',
  'Invitation__c',
  'Mode__c',
  'Sign_In_Method__c',
  'Minutes_Attended__c',
  'Checked_In_At__c',
  'Checked_Out_At__c',
  'Walk_In__c',
];

/** A fresh org with the rule packs, N doctors, the webinar and an invitation per doctor. */
function seedOrg(file: string): void {
  const engine = new Engine(new DatabaseSync(file), loadSchema(ROOT));
  const { userId } = bootstrapOrg(engine, { fiscalYearStartMonth: 4 });
  loadPlan(engine, path.join(ROOT, 'config/rule-packs/plan.json'), { userId });
  const ctx = { userId };
  const pack = engine.db.prepare(`SELECT "Id" FROM "CME_Rule_Pack__c" WHERE "Code__c" = 'EU-EFPIA'`).get() as {
    Id: string;
  };
  const eventId = engine.insert(
    'CME_Event__c',
    {
      Name: 'Benchmark webinar',
      Event_Key__c: EVENT_KEY,
      Event_Type__c: 'Webinar',
      Format__c: 'Virtual',
      Status__c: 'Completed',
      Start__c: new Date(START).toISOString(),
      End__c: new Date(END).toISOString(),
      Time_Zone__c: 'Europe/Berlin',
      Virtual_Url__c: 'https://webinar.example.org/bench',
      Country__c: 'DE',
      Budget__c: 1000,
      Educational_Need__c: 'Benchmark',
      Rule_Pack__c: pack.Id,
    },
    ctx,
  );
  engine.transaction(() => {
    for (let n = 1; n <= PARTICIPANTS; n++) {
      const doctorId = engine.insert(
        'Contact',
        { FirstName: `Doctor${n}`, LastName: `Bench${n}`, Email: emailOf(n), CME_HCP_Key__c: `HCP-B${n}` },
        ctx,
      );
      engine.insert(
        'CME_Invitation__c',
        { Event__c: eventId, Doctor__c: doctorId, Status__c: 'Accepted', Invitation_Key__c: `${EVENT_KEY}:${n}` },
        ctx,
      );
    }
  });
  engine.db.close();
}

const emailOf = (n: number) => `doctor${n}.bench${n}@example-clinic.org`;

/** Zoom's "03/14/2026 09:05:00 AM" in Berlin (UTC+1 in March) for an instant. */
function zoomTime(ms: number): string {
  const local = new Date(ms + 3_600_000);
  const pad = (x: number) => String(x).padStart(2, '0');
  const hour = local.getUTCHours();
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  return `${pad(local.getUTCMonth() + 1)}/${pad(local.getUTCDate())}/${local.getUTCFullYear()} ${pad(h12)}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} ${hour < 12 ? 'AM' : 'PM'}`;
}

/**
 * Participant n's join/leave intervals (ms): `sessions` of them spread over the webinar, each in its
 * own slot, joining up to 5 minutes late and leaving up to 4 minutes early, except that the second
 * joins exactly a minute before the first leaves (a second device: the overlap that merging counts
 * once). Exported for the benchmark's test.
 */
export function participantSessions(
  n: number,
  sessions: number,
  start: number,
  end: number,
): { join: number; leave: number }[] {
  const slot = (end - start) / sessions;
  const intervals: { join: number; leave: number }[] = [];
  for (let s = 0; s < sessions; s++) {
    const leave = start + (s + 1) * slot - ((n * 13) % 240) * 1000;
    const join = s === 1 ? intervals[0].leave - 60_000 : start + s * slot + ((n * 7) % 300) * 1000;
    intervals.push({ join, leave });
  }
  return intervals;
}

/** The report: participantSessions' rows for every participant, in join order as Zoom lists them. */
function zoomReport(file: string): void {
  const rows: { at: number; line: string }[] = [];
  for (let n = 1; n <= PARTICIPANTS; n++) {
    for (const { join, leave } of participantSessions(n, SESSIONS, START, END)) {
      const minutes = Math.round((leave - join) / 60_000);
      rows.push({
        at: join,
        line: [`Doctor${n} Bench${n}`, emailOf(n), zoomTime(join), zoomTime(leave), String(minutes), 'No']
          .map(quoteField)
          .join(','),
      });
    }
  }
  rows.sort((a, b) => a.at - b.at);
  const header = 'Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest';
  fs.writeFileSync(file, `${header}\n${rows.map((r) => r.line).join('\n')}\n`);
}

interface Copy {
  name: string;
  file: string;
}

/** A fresh copy of the seeded org database (the same Ids in every run). */
function copyOf(seeded: string, work: string, name: string): Copy {
  const file = path.join(work, `${name}.sqlite`);
  fs.copyFileSync(seeded, file);
  return { name, file };
}

async function inOrg<T>(
  copy: Copy,
  work: string,
  body: (run: (args: string[]) => Promise<Measured>, url: string, token: string) => Promise<T>,
): Promise<T> {
  const server = await startServer(copy.file);
  const home = fs.mkdtempSync(path.join(work, 'home-'));
  try {
    await loginAndLink(server, home, 'bench');
    return await body(
      (args) => measureSf(server, home, [...args, '--target-org', 'bench', '--json']),
      server.url,
      server.token,
    );
  } finally {
    await server.stop();
    fs.rmSync(home, { recursive: true, force: true });
  }
}

/** The attendance rows the import wrote, as the CSV `sf data import bulk` takes. */
async function attendanceCsv(url: string, token: string, file: string): Promise<number> {
  const soql = `SELECT ${ATTENDANCE_COLUMNS.join(', ')} FROM CME_Attendance__c WHERE Event__r.Event_Key__c = '${EVENT_KEY}'`;
  const lines = [ATTENDANCE_COLUMNS.join(',')];
  let next: string | null = `/services/data/v66.0/query?q=${encodeURIComponent(soql)}`;
  while (next) {
    const page = (await fetch(new URL(next, url), { headers: { Authorization: `Bearer ${token}` } }).then((r) =>
      r.json(),
    )) as { records: Record<string, unknown>[]; nextRecordsUrl?: string; done: boolean };
    for (const r of page.records) lines.push(ATTENDANCE_COLUMNS.map((c) => quoteField(String(r[c] ?? ''))).join(','));
    next = page.done ? null : (page.nextRecordsUrl ?? null);
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return lines.length - 1;
}

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-bench-attendance-'));
  try {
    const seeded = path.join(work, 'seeded.sqlite');
    const report = path.join(work, 'zoom-participants.csv');
    const rowsCsv = path.join(work, 'attendance.csv');
    const started = performance.now();
    seedOrg(seeded);
    zoomReport(report);
    console.log(
      `org with ${PARTICIPANTS.toLocaleString()} invitations and a report of ${(PARTICIPANTS * SESSIONS).toLocaleString()} rows (${SESSIONS} sessions each) made in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const results: Record<'import' | 'reimport' | 'bulk', Measured[]> = { import: [], reimport: [], bulk: [] };
    const importArgs = ['cme', 'attendance', 'import', '--event', EVENT_KEY, '--file', report];
    for (let run = 0; run < RUNS; run++) {
      await inOrg(copyOf(seeded, work, `import-${run}`), work, async (sf, url, token) => {
        const first = await sf(importArgs);
        const counts = JSON.parse(first.stdout).result.counts as { create: number; unchanged: number };
        if (counts.create !== PARTICIPANTS)
          throw new Error(`the import created ${counts.create}, expected ${PARTICIPANTS}`);
        const again = await sf(importArgs);
        const second = JSON.parse(again.stdout).result.counts as { create: number; update: number; unchanged: number };
        if (second.create + second.update !== 0 || second.unchanged !== PARTICIPANTS)
          throw new Error(`the re-import wrote ${second.create + second.update} records, expected none`);
        results.import.push(first);
        results.reimport.push(again);
        if (run === 0) {
          const rows = await attendanceCsv(url, token, rowsCsv);
          if (rows !== PARTICIPANTS) throw new Error(`the org has ${rows} attendance rows, expected ${PARTICIPANTS}`);
        }
      });
      await inOrg(copyOf(seeded, work, `bulk-${run}`), work, async (sf) => {
        const imported = await sf([
          'data',
          'import',
          'bulk',
          '--file',
          rowsCsv,
          '--sobject',
          'CME_Attendance__c',
          '--wait',
          '30',
        ]);
        const processed = JSON.parse(imported.stdout).result.processedRecords as number;
        if (processed !== PARTICIPANTS)
          throw new Error(`sf data import bulk processed ${processed}, expected ${PARTICIPANTS}`);
        results.bulk.push(imported);
      });
      const [i, r, b] = [results.import[run], results.reimport[run], results.bulk[run]];
      console.log(
        `run ${run + 1}: import ${i.seconds.toFixed(1)} s / ${mb(i.peakBytes)} / ${i.apiCalls} calls; re-import ${r.seconds.toFixed(1)} s / ${r.apiCalls} calls; sf data import bulk ${b.seconds.toFixed(1)} s / ${mb(b.peakBytes)} / ${b.apiCalls} calls`,
      );
    }
    const m = (k: keyof typeof results, f: 'seconds' | 'peakBytes' | 'apiCalls') => median(results[k].map((x) => x[f]));
    console.log(
      `\n${PARTICIPANTS.toLocaleString()} participants x ${SESSIONS} sessions, ${RUNS} runs (each into a fresh copy of the org):`,
    );
    console.log(
      `  sf cme attendance import (read, match, merge, upsert): median ${m('import', 'seconds').toFixed(1)} s, peak RSS ${mb(m('import', 'peakBytes'))}, ${m('import', 'apiCalls')} API calls`,
    );
    console.log(
      `  the same report again (nothing to write):            median ${m('reimport', 'seconds').toFixed(1)} s, peak RSS ${mb(m('reimport', 'peakBytes'))}, ${m('reimport', 'apiCalls')} API calls`,
    );
    console.log(
      `  sf data import bulk (the ${PARTICIPANTS.toLocaleString()} attendance rows):       median ${m('bulk', 'seconds').toFixed(1)} s, peak RSS ${mb(m('bulk', 'peakBytes'))}, ${m('bulk', 'apiCalls')} API calls`,
    );
    console.log(`  wall time ratio import/bulk: ${(m('import', 'seconds') / m('bulk', 'seconds')).toFixed(2)}`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

// Run as a script; imported (by its test), only the generator is used.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
