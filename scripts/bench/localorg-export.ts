// Benchmark: the local org under a large table. Seeds N attendance rows (default 1,000,000) through the
// record engine, starts the server as its own process, then measures
//   - a Bulk API 2.0 query export of the whole table: rows/s, and the server's peak RSS against its
//     RSS before the export (the target: it streams, so memory does not grow with the result), and
//   - REST query pages of 2,000 rows: median and p95 latency.
// Usage: node scripts/bench/localorg-export.ts [--rows N] [--pages N] [--db FILE]
// --db keeps the seeded database in FILE and reuses it when it exists (seeding 1M rows takes minutes).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import { Engine } from '../src/localorg/engine.ts';
import { bootstrapOrg } from '../src/localorg/org.ts';
import { loadSchema } from '../src/localorg/schema.ts';
import { ROOT, mb, startServer } from './harness.ts';
import type { Server } from './harness.ts';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    pages: { type: 'string', default: '30' },
    db: { type: 'string' },
  },
});
const ROWS = Number(values.rows);
const PAGES = Number(values.pages);
const V = '/services/data/v66.0';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))];

function seed(file: string): void {
  const engine = new Engine(new DatabaseSync(file), loadSchema(ROOT));
  const { userId } = bootstrapOrg(engine, { fiscalYearStartMonth: 4 });
  const ctx = { userId };
  const started = performance.now();
  const pack = engine.insert(
    'CME_Rule_Pack__c',
    { Name: 'India', Code__c: 'IN-UCPMP-2024', Currency_Code__c: 'INR' },
    ctx,
  );
  const events: string[] = [];
  const doctors: string[] = [];
  engine.transaction(() => {
    for (let i = 0; i < 200; i++) {
      const day = String((i % 28) + 1).padStart(2, '0');
      events.push(
        engine.insert(
          'CME_Event__c',
          {
            Name: `Event ${i}`,
            Event_Type__c: 'Conference',
            Format__c: 'Virtual',
            Virtual_Url__c: 'https://meet.example/e',
            Start__c: `2025-03-${day}T04:00:00Z`,
            End__c: `2025-03-${day}T08:00:00Z`,
            Status__c: 'Completed',
            Budget__c: 100000,
            Educational_Need__c: 'Guideline update',
            Rule_Pack__c: pack,
          },
          ctx,
        ),
      );
    }
    for (let i = 0; i < 10_000; i++)
      doctors.push(
        engine.insert('Contact', { FirstName: 'Doctor', LastName: `No. ${i}`, CME_Specialty__c: 'Cardiology' }, ctx),
      );
  });
  const chunk = 10_000;
  for (let done = 0; done < ROWS; done += chunk) {
    engine.transaction(() => {
      for (let i = done; i < Math.min(ROWS, done + chunk); i++) {
        engine.insert(
          'CME_Attendance__c',
          {
            Event__c: events[i % events.length],
            Doctor__c: doctors[i % doctors.length],
            Mode__c: 'Virtual',
            Sign_In_Method__c: 'Virtual Log',
            Minutes_Attended__c: 30 + (i % 90),
            Checked_In_At__c: '2025-03-01T04:05:00Z',
            Attendance_Key__c: `ATT-${i}`,
          },
          ctx,
        );
      }
    });
    process.stderr.write(`\rseeding ${Math.min(ROWS, done + chunk).toLocaleString()} / ${ROWS.toLocaleString()}`);
  }
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write('\n');
  console.log(
    `seed: ${ROWS.toLocaleString()} attendance rows through the engine in ${seconds.toFixed(0)} s (${Math.round(ROWS / seconds).toLocaleString()} rows/s)`,
  );
  engine.db.close();
}

const EXPORT_QUERY =
  'SELECT Id, Name, Event__c, Doctor__c, Mode__c, Checked_In_At__c, Minutes_Attended__c, Sign_In_Method__c, Attendance_Key__c FROM CME_Attendance__c';

interface MemoryStats {
  rssBytes: number;
  peakRssBytes: number;
}

function client(server: Server) {
  const api = (p: string, init: RequestInit = {}) =>
    fetch(`${server.url}${V}/${p}`, {
      ...init,
      headers: { Authorization: `Bearer ${server.token}`, ...(init.headers ?? {}) },
    });
  const memory = async () =>
    ((await fetch(`${server.url}/__admin/stats`).then((r) => r.json())) as { memory: MemoryStats }).memory;
  return { api, memory };
}

/** One Bulk API 2.0 query export of the table, counting rows from the stream without keeping pages. */
async function bulkExport(server: Server, label: string): Promise<void> {
  const { api, memory } = client(server);
  // Warm up (schema, statements) so the baseline is the server's steady state.
  await api(`query?q=${encodeURIComponent('SELECT Id FROM CME_Attendance__c LIMIT 10')}`).then((r) => r.text());
  const before = await memory();
  const started = performance.now();
  const job = (await api('jobs/query', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ operation: 'query', query: EXPORT_QUERY }),
  }).then((r) => r.json())) as { id: string };
  let state = '';
  while (state !== 'JobComplete') {
    state = ((await api(`jobs/query/${job.id}`).then((r) => r.json())) as { state: string }).state;
    if (state === 'Failed' || state === 'Aborted') throw new Error(`query job ${state}`);
    if (state !== 'JobComplete') await new Promise((r) => setTimeout(r, 200));
  }
  let locator = '';
  let rows = 0;
  let pages = 0;
  do {
    const res = await api(`jobs/query/${job.id}/results${locator ? `?locator=${locator}` : ''}`);
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (const byte of value) if (byte === 10) rows++;
    }
    rows--; // the header line of each page
    pages++;
    locator = res.headers.get('sforce-locator') ?? 'null';
  } while (locator !== 'null');
  const seconds = (performance.now() - started) / 1000;
  const after = await memory();
  if (rows !== ROWS) throw new Error(`exported ${rows} rows, expected ${ROWS}`);
  console.log(
    `bulk export (${label}): ${rows.toLocaleString()} rows in ${pages} page(s), ${seconds.toFixed(1)} s, ${Math.round(rows / seconds).toLocaleString()} rows/s`,
  );
  console.log(
    `  server RSS ${mb(before.rssBytes)} before, peak ${mb(after.peakRssBytes)} (peak/before ${(after.peakRssBytes / before.rssBytes).toFixed(2)})`,
  );
}

async function restPages(server: Server): Promise<void> {
  const { api } = client(server);
  const latencies: number[] = [];
  for (let i = 0; i < PAGES; i++) {
    const t = performance.now();
    const body = (await api(
      `query?q=${encodeURIComponent('SELECT Id, Name, Mode__c, Minutes_Attended__c, Event__r.Name, Doctor__r.Name FROM CME_Attendance__c')}`,
    ).then((r) => r.json())) as { records: unknown[] };
    latencies.push(performance.now() - t);
    if (body.records.length !== 2000) throw new Error(`page has ${body.records.length} rows`);
  }
  latencies.sort((a, b) => a - b);
  console.log(
    `REST query page (2,000 rows, two parent relationships, with the totalSize count): median ${percentile(latencies, 0.5).toFixed(0)} ms, p95 ${percentile(latencies, 0.95).toFixed(0)} ms over ${PAGES} calls`,
  );
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-bench-'));
  const file = values.db ? path.resolve(values.db) : path.join(dir, 'org.sqlite');
  try {
    if (values.db && fs.existsSync(file)) console.log(`seed: reusing ${file}`);
    else seed(file);
    const server = await startServer(file);
    try {
      await bulkExport(server, 'default heap');
      await restPages(server);
    } finally {
      await server.stop();
    }
    // The same export with the server's V8 old space capped far below the size of the result
    // (1M rows are ~150 MB of CSV): it completes only if the server streams.
    const capped = await startServer(file, 64);
    try {
      await bulkExport(capped, 'server heap capped at 64 MB');
    } finally {
      await capped.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
