// What a compliance analyst would run instead of our report commands: the official
// `sf data export bulk` of each object the audit pack and the disclosure read (events, invitations,
// attendance, expenses, HCP Contacts), with the fields they read (plugin/src/report/fields.ts) and
// their filters, one after another. Shared by the audit-pack and disclosure benchmarks.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
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
import { measureSf } from './harness.ts';
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
