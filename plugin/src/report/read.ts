// The reading stage: the org's rule packs and events (small: REST), then invitations, attendance,
// expenses and HCPs (REST or Bulk API 2.0 by volume) into the spool, where the passes look them up.
import { addDays } from '../domain/cmeDomain.ts';
import type { CmeEvent } from '../domain/cmeDomain.ts';
import type { OrgApi } from '../org/api.ts';
import { queryPages } from '../org/query.ts';
import type { FlatRow } from '../org/query.ts';
import { readRulePacks } from '../org/rulePacks.ts';
import { Doctors } from './doctors.ts';
import { packageCheck } from './errors.ts';
import { ATTENDANCE_FIELDS, DOCTOR_FIELDS, EVENT_FIELDS, EXPENSE_FIELDS, INVITATION_FIELDS } from './fields.ts';
import { OrgReader } from './reader.ts';
import { choosePacks, eventsInWindow, historyOf } from './scope.ts';
import type { PackChoice } from './scope.ts';
import type { Spool } from './spool.ts';
import type { ComplianceReportOptions } from './types.ts';

export type ReportEvent = CmeEvent & { Event_Key__c: string | null } & FlatRow;

/** What the passes work from (the invitation, attendance and expense rows are in the spool). */
export interface ReportData {
  packs: PackChoice;
  /** Every event of the history around the window, in start order. */
  events: ReportEvent[];
  eventById: ReadonlyMap<string, ReportEvent>;
  /** The events that start in the window. */
  windowEvents: ReportEvent[];
  /** Those of them a rule pack judges. */
  judged: ReportEvent[];
  judgedIds: ReadonlySet<string>;
  doctors: Doctors;
  /** Every HCP with a spooled row, in the spool's order. */
  doctorIds: string[];
  readWith: Record<string, 'rest' | 'bulk'>;
}

const soqlDateTime = (day: string) => `${day}T00:00:00Z`;

/** What reading needs of the options (the disclosure reads through here too). */
export type ReadOptions = Pick<ComplianceReportOptions, 'window' | 'rulePack' | 'bulkThreshold' | 'pollMs'>;

export async function readReportData(
  api: OrgApi,
  options: ReadOptions,
  spool: Spool,
  progress: (message: string) => void,
): Promise<ReportData> {
  const reader = new OrgReader(api, options, progress);
  progress('Reading rule packs');
  const orgPacks = await packageCheck(() => readRulePacks(api));
  reader.readWith.CME_Rule_Pack__c = 'rest';
  const packs = choosePacks(orgPacks, options.rulePack);
  const history = historyOf(options.window, packs.candidates);
  const inHistory = (field: string) =>
    `${field} >= ${soqlDateTime(history.start)} AND ${field} < ${soqlDateTime(addDays(history.end, 1))}`;

  progress('Reading events');
  const events: ReportEvent[] = [];
  await reader.drain(
    await reader.send(
      { object: 'CME_Event__c', fields: EVENT_FIELDS, where: inHistory('Start__c'), orderBy: 'Start__c, Id' },
      false,
    ),
    (rows) => events.push(...(rows as ReportEvent[])),
  );
  const { inWindow, judged } = eventsInWindow(events, options.window, packs.packOf);

  const doctors = await readChildren(reader, events, inHistory('Event__r.Start__c'), spool);
  progress('Indexing');
  spool.index();
  const doctorIds = spool.doctorIds();
  await readUninvited(api, doctors, doctorIds);
  return {
    packs,
    events,
    eventById: new Map(events.map((e) => [e.Id, e])),
    windowEvents: inWindow,
    judged,
    judgedIds: new Set(judged.map((e) => e.Id)),
    doctors,
    doctorIds,
    readWith: reader.readWith,
  };
}

/**
 * Invitations, attendance and expenses into the spool, and the invited HCPs; all sent at once so the
 * org prepares the later ones while the first are read. Volume decides the API: the events' roll-ups
 * count invitations and attendance (and so bound the invited HCPs); expenses are read by REST unless
 * its first page says there are more than the threshold.
 */
async function readChildren(
  reader: OrgReader,
  events: readonly ReportEvent[],
  where: string,
  spool: Spool,
): Promise<Doctors> {
  const sum = (field: 'Invited_Count__c' | 'Attended_Count__c') =>
    events.reduce((n, e) => n + (Number(e[field]) || 0), 0);
  const invitedRows = sum('Invited_Count__c');
  const attendedRows = sum('Attended_Count__c');
  const bulkInvited = invitedRows > reader.threshold;
  const invitations = await reader.send(
    { object: 'CME_Invitation__c', fields: INVITATION_FIELDS, where },
    bulkInvited,
    invitedRows,
  );
  const attendance = await reader.send(
    { object: 'CME_Attendance__c', fields: ATTENDANCE_FIELDS, where },
    attendedRows > reader.threshold,
    attendedRows,
  );
  const expenses = await reader.send({ object: 'CME_Expense__c', fields: EXPENSE_FIELDS, where }, 'auto');
  const invited = await reader.send(
    {
      object: 'Contact',
      fields: DOCTOR_FIELDS,
      where: `Id IN (SELECT Doctor__c FROM CME_Invitation__c WHERE ${where})`,
    },
    bulkInvited,
  );
  spool.shape('invitation', Object.keys(INVITATION_FIELDS));
  spool.shape('attendance', Object.keys(ATTENDANCE_FIELDS));
  spool.shape('expense', Object.keys(EXPENSE_FIELDS));
  const into = (table: 'invitation' | 'attendance' | 'expense') => (rows: FlatRow[]) =>
    spool.add(
      table,
      rows.map((r) => ({ event: String(r.Event__c), doctor: (r.Doctor__c as string | null) ?? null, value: r })),
    );
  await reader.drain(invitations, into('invitation'));
  await reader.drain(attendance, into('attendance'));
  await reader.drain(expenses, into('expense'));
  const doctors = new Doctors();
  await reader.drain(invited, (rows) => rows.forEach((r) => doctors.add(r)));
  return doctors;
}

/** Walk-ins and direct payees who were never invited: fetched by id, 200 at a time. */
async function readUninvited(api: OrgApi, doctors: Doctors, doctorIds: readonly string[]): Promise<void> {
  const missing = doctorIds.filter((id) => !doctors.has(id));
  for (let i = 0; i < missing.length; i += 200) {
    const ids = missing.slice(i, i + 200).map((id) => `'${id}'`);
    for await (const page of queryPages(
      api,
      { object: 'Contact', fields: DOCTOR_FIELDS, where: `Id IN (${ids.join(',')})` },
      { bulk: false },
    ))
      for (const r of page) doctors.add(r);
  }
}
