// What a compliance analyst would run instead of our report commands: the official
// `sf data export bulk` of each object the audit pack and the disclosure read (events, invitations,
// attendance, expenses, HCP Contacts), with the fields they read (plugin/src/report/fields.ts) and
// their filters, one after another. Shared by the audit-pack and disclosure benchmarks.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { soqlOf } from '../../plugin/src/org/query.ts';
import type { QuerySpec } from '../../plugin/src/org/query.ts';
import {
  ATTENDANCE_FIELDS,
  DOCTOR_FIELDS,
  EVENT_FIELDS,
  EXPENSE_FIELDS,
  INVITATION_FIELDS,
} from '../../plugin/src/report/fields.ts';
import { loginAndLink, mb, measureSf, median, startServer } from './harness.ts';
import type { Measured, Server } from './harness.ts';

export interface ObjectExport {
  name: string;
  spec: QuerySpec;
  /** The rows the export must write (checked, so a short export cannot look fast). */
  rows: number;
}

/** Row counts of the seeded data, per object. */
export interface ExpectedRows {
  events: number;
  invitations: number;
  attendance: number;
  expenses: number;
  doctors: number;
}

/** The five exports of the objects read for events that start in [from, to). */
export function fiveExports(window: { from: string; to: string }, rows: ExpectedRows): ObjectExport[] {
  const inWindow = (field: string) => `${field} >= ${window.from} AND ${field} < ${window.to}`;
  return [
    {
      name: 'CME_Event__c',
      spec: { object: 'CME_Event__c', fields: EVENT_FIELDS, where: inWindow('Start__c') },
      rows: rows.events,
    },
    {
      name: 'CME_Invitation__c',
      spec: { object: 'CME_Invitation__c', fields: INVITATION_FIELDS, where: inWindow('Event__r.Start__c') },
      rows: rows.invitations,
    },
    {
      name: 'CME_Attendance__c',
      spec: { object: 'CME_Attendance__c', fields: ATTENDANCE_FIELDS, where: inWindow('Event__r.Start__c') },
      rows: rows.attendance,
    },
    {
      name: 'CME_Expense__c',
      spec: { object: 'CME_Expense__c', fields: EXPENSE_FIELDS, where: inWindow('Event__r.Start__c') },
      rows: rows.expenses,
    },
    {
      name: 'Contact (HCPs)',
      spec: {
        object: 'Contact',
        fields: DOCTOR_FIELDS,
        where: `Id IN (SELECT Doctor__c FROM CME_Invitation__c WHERE ${inWindow('Event__r.Start__c')})`,
      },
      rows: rows.doctors,
    },
  ];
}

export const lineCount = (file: string) =>
  Number(spawnSync('wc', ['-l', file], { encoding: 'utf8' }).stdout.trim().split(' ')[0]);

/** The exports in turn: their summed time and calls, the largest peak RSS, and each one's figures. */
export async function exportAll(
  server: Server,
  home: string,
  out: string,
  exports: readonly ObjectExport[],
): Promise<Measured & { each: Measured[] }> {
  const each: Measured[] = [];
  for (const [i, { name, spec, rows }] of exports.entries()) {
    const file = path.join(out, `export-${i}.csv`);
    each.push(
      await measureSf(server, home, [
        'data',
        'export',
        'bulk',
        '--query',
        soqlOf(spec),
        '--output-file',
        file,
        '--result-format',
        'csv',
        '--wait',
        '60',
        '--target-org',
        'bench',
        '--json',
      ]),
    );
    const lines = lineCount(file);
    // Quoted cells hold no line breaks in the benchmarks' data, so lines - 1 is the row count.
    if (lines - 1 !== rows) throw new Error(`export of ${name} wrote ${lines} lines for ${rows} rows`);
    fs.rmSync(file, { force: true });
  }
  return {
    seconds: each.reduce((n, m) => n + m.seconds, 0),
    peakBytes: Math.max(...each.map((m) => m.peakBytes)),
    apiCalls: each.reduce((n, m) => n + m.apiCalls, 0),
    stdout: '',
    each,
  };
}

const figures = (m: Measured) => `${m.seconds.toFixed(1)} s / ${mb(m.peakBytes)} / ${m.apiCalls} calls`;
const medianOf = (runs: readonly Measured[], f: 'seconds' | 'peakBytes' | 'apiCalls') => median(runs.map((r) => r[f]));
const spread = (runs: readonly Measured[]) =>
  runs.length > 1 ? ` (runs ${runs.map((r) => r.seconds.toFixed(1)).join(', ')} s)` : '';

/** A line of the summary: a median time with the runs, peak RSS and API calls. */
export const summaryLine = (label: string, runs: readonly Measured[]) =>
  `  ${label}: median ${medianOf(runs, 'seconds').toFixed(1)} s${spread(runs)}, peak RSS ${mb(medianOf(runs, 'peakBytes'))}, ${medianOf(runs, 'apiCalls')} API calls`;

export interface OurCommand {
  /** "report", "disclosure": what --only names it. */
  name: string;
  /** How the summary names it. */
  label: string;
  run(server: Server, home: string, dir: string): Promise<Measured>;
}

/**
 * One benchmark of our command against the exports: seeds the database once (kept for the next run),
 * then `runs` times the exports one after another and our command, each measured through the sf CLI
 * against the local org in its own process; prints each run and the medians and ratio. `extra`
 * prints more summary lines from the measured runs.
 */
export async function benchAgainstExports(bench: {
  dbFile: string;
  seed: (file: string) => void;
  seedOnly: boolean;
  runs: number;
  only: string | undefined;
  exports: readonly ObjectExport[];
  ours: OurCommand;
  title: string;
  extra?: (exports: readonly (Measured & { each: Measured[] })[], ours: readonly Measured[]) => string[];
}): Promise<void> {
  if (!fs.existsSync(bench.dbFile)) bench.seed(bench.dbFile);
  else console.log(`seed: reusing ${bench.dbFile}`);
  if (bench.seedOnly) return;
  const server = await startServer(bench.dbFile);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-bench-home-'));
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-bench-out-'));
  try {
    await loginAndLink(server, home, 'bench');
    const exports: (Measured & { each: Measured[] })[] = [];
    const ours: Measured[] = [];
    for (let run = 0; run < bench.runs; run++) {
      if (bench.only !== bench.ours.name) exports.push(await exportAll(server, home, out, bench.exports));
      if (bench.only !== 'export') {
        const dir = path.join(out, `${bench.ours.name}-${run}`);
        ours.push(await bench.ours.run(server, home, dir));
        fs.rmSync(dir, { recursive: true, force: true });
      }
      const e = exports[run];
      console.log(
        `run ${run + 1}:${e ? ` five exports ${figures(e)} (${e.each.map((m, i) => `${bench.exports[i].name} ${m.seconds.toFixed(1)} s`).join(', ')});` : ''}${ours[run] ? ` ${bench.ours.name} ${figures(ours[run])}` : ''}`,
      );
    }
    console.log(`\n${bench.title}:`);
    if (exports.length) console.log(summaryLine('five sf data export bulk, one after another', exports));
    if (ours.length) console.log(summaryLine(bench.ours.label, ours));
    if (exports.length && ours.length)
      console.log(
        `  wall time ratio ${bench.ours.name} / five exports: ${(medianOf(ours, 'seconds') / medianOf(exports, 'seconds')).toFixed(2)}`,
      );
    for (const line of bench.extra?.(exports, ours) ?? []) console.log(line);
  } finally {
    await server.stop();
    fs.rmSync(home, { recursive: true, force: true });
    fs.rmSync(out, { recursive: true, force: true });
  }
}
