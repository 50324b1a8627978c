// Builds the compliance audit pack. Reads the org's rule packs and events (REST), then invitations,
// attendance, expenses and HCPs (REST or Bulk API 2.0 by volume) into a scratch spool, and runs the
// domain core in two passes so memory is bounded by events and HCPs, not by rows:
//   A. events in slices: per-event rules, transfer-of-value allocation, attendance evidence;
//   B. HCPs in slices: the cross-event rules (annual cap, repeat topic, events per year) over that
//      slice's records and the allocations from pass A, and the per-HCP totals.
// Files are written into a temporary folder next to the output folder and renamed into place only
// when everything, including the BagIt manifest, is complete.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CROSS_EVENT_RULES,
  RULE_IDS,
  addDays,
  allocateTransfersOfValue,
  attendanceEvidenceProblem,
  evaluateCompliance,
  hcpName,
  parseRulePacks,
  ruleSetting,
  summariseByHcp,
  toUtcDay,
  yearWindowOf,
} from '../domain/cmeDomain.ts';
import type {
  Attendance,
  CmeEvent,
  Doctor,
  Expense,
  Finding,
  Invitation,
  RulePack,
  RulePackRecord,
  RuleRecord,
  TovAllocation,
} from '../domain/cmeDomain.ts';
import { OrgApiError } from '../org/api.ts';
import type { OrgApi } from '../org/api.ts';
import { flattenRestRecord, queryPages, restRecords, startQuery } from '../org/query.ts';
import type { FlatRow, QueryOptions, QuerySpec, StartedQuery } from '../org/query.ts';
import { writeBag } from './bagit.ts';
import type { BagFile } from './bagit.ts';
import {
  ATTENDANCE_FIELDS,
  DOCTOR_FIELDS,
  EVENT_FIELDS,
  EXPENSE_FIELDS,
  INVITATION_FIELDS,
  RULE_FIELDS,
  RULE_PACK_FIELDS,
} from './fields.ts';
import { CsvFile } from './files.ts';
import { writeJsonReport, writePdf } from './outputs.ts';
import { XlsxInWorker } from './xlsx.ts';
import type { PackSummary } from './outputs.ts';
import { SHEETS } from './sheets.ts';
import type { SheetName } from './sheets.ts';
import { Spool } from './spool.ts';
import type { SpoolRow } from './spool.ts';

export type ReportFormat = 'csv' | 'xlsx' | 'pdf' | 'json';
export const REPORT_FORMATS: readonly ReportFormat[] = ['csv', 'xlsx', 'pdf', 'json'];

export interface ReportWindow {
  /** First and last day, both included. */
  start: string;
  end: string;
  label: string;
}

export interface ComplianceReportOptions {
  window: ReportWindow;
  /** The day the rules judge as "today". */
  asOf: string;
  /** Judge every event by this pack (its code); default: each event by its own Rule_Pack__c. */
  rulePack?: string;
  formats: readonly ReportFormat[];
  outputDir: string;
  identity: { orgId: string; username: string; instanceUrl: string };
  toolVersion: string;
  /** Objects with more rows than this are read with Bulk API 2.0 (default 10,000). */
  bulkThreshold?: number;
  pollMs?: number;
  now?: () => Date;
  onProgress?: (message: string) => void;
}

export interface ComplianceReportResult {
  outputDir: string;
  window: ReportWindow;
  asOf: string;
  rulePacks: { code: string; name: string; version: string | null; events: number }[];
  files: BagFile[];
  counts: {
    events: number;
    eventsWithoutRulePack: number;
    invitations: number;
    attendance: number;
    expenses: number;
    hcps: number;
    transfersOfValue: number;
    findings: number;
    blockingFindings: number;
  };
  findingsByRule: Record<string, number>;
  /** Which API read each object. */
  readWith: Record<string, 'rest' | 'bulk'>;
  apiCalls: number;
}

/** Errors the command turns into messages with actions. */
export type ReportErrorCode =
  'MissingPackage' | 'NoRulePacks' | 'UnknownRulePack' | 'OutputExists' | 'OutputNotWritable';

export class ReportError extends Error {
  public readonly code: ReportErrorCode;
  public readonly detail: string[];

  public constructor(code: ReportErrorCode, message: string, detail: string[] = []) {
    super(message);
    this.name = 'ReportError';
    this.code = code;
    this.detail = detail;
  }
}

/**
 * Rows held per slice. Slices are sized by rows, not by events or HCPs, so memory stays flat when
 * the same events and HCPs have ten times the rows (one event is never split: its shared costs are
 * divided across all of its attendees).
 */
const ROWS_PER_SLICE = 20_000;

function sliceSize(rows: number, keys: number, max: number): number {
  const perKey = keys ? rows / keys : 1;
  return Math.max(1, Math.min(max, Math.floor(ROWS_PER_SLICE / Math.max(1, perKey))));
}

/** Every field of an allocation, for the spool to keep them as arrays (the compiler checks the list). */
const TOV_ALLOCATION_KEYS = {
  eventId: true,
  expenseId: true,
  doctorId: true,
  category: true,
  stage: true,
  amount: true,
  lineAmount: true,
  basis: true,
  recipients: true,
  role: true,
  faculty: true,
  paymentDate: true,
  date: true,
  paymentForm: true,
  openPaymentsNature: true,
  efpiaCategory: true,
  efpiaHeading: true,
} satisfies Record<keyof TovAllocation, true>;

type Row<T> = T & FlatRow;
type ReportDoctor = Doctor & { MailingCity?: string | null; MailingCountry?: string | null };

export async function buildComplianceReport(
  api: OrgApi,
  options: ComplianceReportOptions,
): Promise<ComplianceReportResult> {
  const progress = options.onProgress ?? (() => {});
  const staging = prepareOutput(options.outputDir);
  const spool = await Spool.open();
  try {
    const result = await buildInto(api, options, staging, spool, progress);
    fs.renameSync(staging, options.outputDir);
    return { ...result, outputDir: options.outputDir };
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  } finally {
    spool.close();
  }
}

/**
 * Checks the output folder before anything is read: it must not exist or be empty, and its parent
 * must take a new folder. Returns the staging folder (a hidden sibling, so the rename is atomic).
 */
function prepareOutput(outputDir: string): string {
  const target = path.resolve(outputDir);
  if (fs.existsSync(target)) {
    if (!fs.statSync(target).isDirectory() || fs.readdirSync(target).length)
      throw new ReportError('OutputExists', `${outputDir} already exists and is not an empty folder.`);
    fs.rmdirSync(target);
  }
  const parent = path.dirname(target);
  try {
    fs.mkdirSync(parent, { recursive: true });
    return fs.mkdtempSync(path.join(parent, `.${path.basename(target)}.partial-`));
  } catch (error) {
    throw new ReportError('OutputNotWritable', `Cannot write to ${parent}: ${(error as Error).message}`);
  }
}

const soqlDateTime = (day: string) => `${day}T00:00:00Z`;

async function buildInto(
  api: OrgApi,
  options: ComplianceReportOptions,
  staging: string,
  spool: Spool,
  progress: (message: string) => void,
): Promise<Omit<ComplianceReportResult, 'outputDir'>> {
  const readWith: Record<string, 'rest' | 'bulk'> = {};
  const threshold = options.bulkThreshold ?? 10_000;
  const packageCheck = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw missingPackage(error) ?? error;
    }
  };
  /** Sends a query now (a bulk job starts running in the org); its rows are read by `drain`. */
  const start = (spec: QuerySpec, bulk: QueryOptions['bulk'], expectedRows?: number) =>
    packageCheck(async () => {
      const started = await startQuery(api, spec, {
        bulk,
        bulkAbove: threshold,
        expectedRows,
        pollMs: options.pollMs,
      });
      readWith[spec.object] = started.via;
      return { spec, started };
    });
  const drain = (query: { spec: QuerySpec; started: StartedQuery }, each: (rows: FlatRow[]) => void) =>
    packageCheck(async () => {
      let done = 0;
      for await (const page of query.started.pages()) {
        each(page);
        done += page.length;
        progress(`Reading ${query.spec.object}: ${done.toLocaleString('en-US')} rows`);
      }
    });

  // Rule packs with their rules, then events (both small: REST).
  progress('Reading rule packs');
  const packs = await packageCheck(() => readRulePacks(api));
  readWith.CME_Rule_Pack__c = 'rest';
  if (!packs.size) throw new ReportError('NoRulePacks', 'The org has no CME rule packs (CME_Rule_Pack__c is empty).');
  const packById = new Map([...packs.values()].filter((p) => p.id).map((p) => [p.id as string, p]));
  const forced = options.rulePack ? packs.get(options.rulePack) : undefined;
  if (options.rulePack && !forced)
    throw new ReportError('UnknownRulePack', `The org has no rule pack ${options.rulePack}.`, [...packs.keys()].sort());
  const candidatePacks = forced ? [forced] : [...packs.values()];

  // History: caps and event counts look at the whole pack year around the window, repeat topics
  // look back their window of days.
  let historyStart = options.window.start;
  let historyEnd = options.window.end;
  for (const pack of candidatePacks) {
    const back = ruleSetting(pack, 'REPEAT_TOPIC').windowDays ?? 0;
    const earliest = [yearWindowOf(options.window.start, pack).start, addDays(options.window.start, -back)].sort()[0];
    if (earliest < historyStart) historyStart = earliest;
    const latest = yearWindowOf(options.window.end, pack).end;
    if (latest > historyEnd) historyEnd = latest;
  }
  const inHistory = (field: string) =>
    `${field} >= ${soqlDateTime(historyStart)} AND ${field} < ${soqlDateTime(addDays(historyEnd, 1))}`;

  progress('Reading events');
  const events: Row<CmeEvent & { Event_Key__c: string | null }>[] = [];
  await drain(
    await start(
      { object: 'CME_Event__c', fields: EVENT_FIELDS, where: inHistory('Start__c'), orderBy: 'Start__c, Id' },
      false,
    ),
    (rows) => events.push(...(rows as Row<CmeEvent & { Event_Key__c: string | null }>[])),
  );
  const eventById = new Map(events.map((e) => [e.Id, e]));
  const packOf = (event: CmeEvent): RulePack | undefined =>
    forced ?? (event.Rule_Pack__c ? packById.get(event.Rule_Pack__c) : undefined);
  const inWindow = (event: CmeEvent) => {
    const day = toUtcDay(event.Start__c);
    return !!day && day >= options.window.start && day <= options.window.end;
  };
  const windowEvents = events.filter(inWindow);
  const scoped = windowEvents.filter((e) => packOf(e));
  const scopedIds = new Set(scoped.map((e) => e.Id));

  // Children and HCPs, all sent at once so the org prepares the later ones while the first are read.
  // Volume decides the API: the events' roll-ups count invitations and attendance (and so bound the
  // invited HCPs); expenses are read by REST unless its first page says there are more than the
  // threshold.
  const sum = (field: 'Invited_Count__c' | 'Attended_Count__c') =>
    events.reduce((n, e) => n + (Number(e[field]) || 0), 0);
  const childWhere = inHistory('Event__r.Start__c');
  const invitedRows = sum('Invited_Count__c');
  const attendedRows = sum('Attended_Count__c');
  const invitationQuery = await start(
    { object: 'CME_Invitation__c', fields: INVITATION_FIELDS, where: childWhere },
    invitedRows > threshold,
    invitedRows,
  );
  const attendanceQuery = await start(
    { object: 'CME_Attendance__c', fields: ATTENDANCE_FIELDS, where: childWhere },
    attendedRows > threshold,
    attendedRows,
  );
  const expenseQuery = await start({ object: 'CME_Expense__c', fields: EXPENSE_FIELDS, where: childWhere }, 'auto');
  const doctorQuery = await start(
    {
      object: 'Contact',
      fields: DOCTOR_FIELDS,
      where: `Id IN (SELECT Doctor__c FROM CME_Invitation__c WHERE ${childWhere})`,
    },
    invitedRows > threshold,
  );
  spool.shape('invitation', Object.keys(INVITATION_FIELDS));
  spool.shape('attendance', Object.keys(ATTENDANCE_FIELDS));
  spool.shape('expense', Object.keys(EXPENSE_FIELDS));
  spool.shape('tov', Object.keys(TOV_ALLOCATION_KEYS));
  const spoolRows = (table: 'invitation' | 'attendance' | 'expense') => (rows: FlatRow[]) =>
    spool.add(
      table,
      rows.map((r) => ({ event: String(r.Event__c), doctor: (r.Doctor__c as string | null) ?? null, value: r })),
    );
  await drain(invitationQuery, spoolRows('invitation'));
  await drain(attendanceQuery, spoolRows('attendance'));
  await drain(expenseQuery, spoolRows('expense'));
  const doctors = new Map<string, ReportDoctor>();
  await drain(doctorQuery, (rows) => {
    for (const r of rows) doctors.set(String(r.Id), compactDoctor(r));
  });
  progress('Indexing');
  spool.index();

  // Walk-ins and direct payees who were never invited: fetched by id, 200 at a time.
  const doctorIds = spool.doctorIds();
  const missing = doctorIds.filter((id) => !doctors.has(id));
  for (let i = 0; i < missing.length; i += 200) {
    const ids = missing.slice(i, i + 200).map((id) => `'${id}'`);
    for await (const page of queryPages(
      api,
      { object: 'Contact', fields: DOCTOR_FIELDS, where: `Id IN (${ids.join(',')})` },
      { bulk: false },
    ))
      for (const r of page) doctors.set(String(r.Id), compactDoctor(r));
  }
  const doctorOf = (id: string | null | undefined) => (id ? doctors.get(id) : undefined);
  const nameOf = (id: string | null | undefined) => (id ? hcpName(doctors.get(id), id) : '');

  // Output files (CSV is the working form; XLSX and JSON are made from it).
  const work = path.join(staging, 'data');
  fs.mkdirSync(work);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-report-csv-'));
  const csvDir = options.formats.includes('csv') ? work : scratch;
  const csv = Object.fromEntries(
    Object.entries(SHEETS).map(([name, sheet]) => [name, new CsvFile(path.join(csvDir, sheet.file), sheet.columns)]),
  ) as Record<SheetName, CsvFile>;
  // report.xlsx is written in a worker thread, each table as soon as its CSV is complete.
  const xlsx = options.formats.includes('xlsx') ? new XlsxInWorker(path.join(work, 'report.xlsx')) : undefined;
  // The longest table, the transfers of value, goes into it while pass A is still writing it.
  const followed: SheetName = 'transfers';
  xlsx?.follow(followed, csv[followed].path);
  const complete = (name: SheetName) => {
    csv[name].close();
    if (name === followed) xlsx?.completed(name);
    else xlsx?.add(name, csv[name].path);
  };

  try {
    const perEventRules = RULE_IDS.filter((id) => !CROSS_EVENT_RULES.includes(id));
    const findingsPerEvent = new Map<string, { all: number; block: number }>();
    const findingsByRule: Record<string, number> = {};
    let blockingCount = 0;
    const spoolFindings = (findings: Finding[], pack: RulePack) => {
      spool.add(
        'finding',
        findings.map((f) => {
          const event = eventById.get(f.eventId);
          const tally = findingsPerEvent.get(f.eventId) ?? { all: 0, block: 0 };
          tally.all++;
          if (f.severity === 'block') tally.block++;
          findingsPerEvent.set(f.eventId, tally);
          findingsByRule[f.ruleId] = (findingsByRule[f.ruleId] ?? 0) + 1;
          if (f.severity === 'block') blockingCount++;
          return {
            event: f.eventId,
            doctor: f.doctorId ?? null,
            rank: findingRank(f, event),
            value: [
              f.ruleId,
              f.severity,
              f.eventId,
              event?.Name ?? '',
              f.doctorId ?? '',
              nameOf(f.doctorId),
              f.amount ?? null,
              f.limit ?? null,
              f.message,
              pack.code,
              JSON.stringify(f.evidence),
            ],
          };
        }),
      );
    };

    // Pass A: events in start order, a slice at a time.
    let invitationRows = 0;
    let expenseRows = 0;
    let tovCount = 0;
    const tovCents: Record<string, number> = {};
    const funnel = { invited: 0, accepted: 0, attended: 0 };
    const invitationsRead = spool.count('invitation');
    const attendanceRead = spool.count('attendance');
    const eventSlice = sliceSize(invitationsRead + attendanceRead + spool.count('expense'), events.length, 500);
    for (let i = 0; i < events.length; i += eventSlice) {
      const slice = events.slice(i, i + eventSlice);
      progress(
        `Checking events: ${Math.min(i + eventSlice, events.length).toLocaleString('en-US')} of ${events.length.toLocaleString('en-US')}`,
      );
      const ids = slice.map((e) => e.Id);
      const invitations = spool.rowsOf<Invitation>('invitation', 'event', ids);
      const attendance = spool.rowsOf<Attendance>('attendance', 'event', ids);
      const expenses = spool.rowsOf<Expense>('expense', 'event', ids);
      const invitationsOf = groupBy(invitations, (r) => r.Event__c);
      const attendanceOf = groupBy(attendance, (r) => r.Event__c);
      const expensesOf = groupBy(expenses, (r) => r.Event__c);

      const transfers: SpoolRow[] = [];
      for (const event of slice) {
        const tov = allocateTransfersOfValue(
          event,
          expensesOf.get(event.Id) ?? [],
          attendanceOf.get(event.Id) ?? [],
          invitationsOf.get(event.Id) ?? [],
          { includeCommitted: true },
        );
        for (const a of tov.allocations) transfers.push({ event: event.Id, doctor: a.doctorId, value: a });
        if (!scopedIds.has(event.Id)) continue;
        const pack = packOf(event) as RulePack;
        for (const a of tov.allocations) {
          csv.transfers.add(transferRow(event, a, pack, doctorOf(a.doctorId), ''));
          tovCents[pack.currencyCode] = (tovCents[pack.currencyCode] ?? 0) + Math.round(a.amount * 100);
          tovCount++;
        }
        for (const line of tov.unattributed)
          csv.transfers.add([
            event.Id,
            event.Name,
            toUtcDay(event.Start__c),
            '',
            '',
            '',
            line.expenseId,
            line.category,
            line.stage,
            'unattributed',
            0,
            line.amount,
            null,
            pack.currencyCode,
            null,
            null,
            null,
            null,
            null,
            null,
            line.message,
          ]);
        const minutes = ruleSetting(pack, 'ATTENDANCE_EVIDENCE').limit;
        for (const a of attendanceOf.get(event.Id) ?? []) {
          const doctor = doctorOf(a.Doctor__c);
          const problem = attendanceEvidenceProblem(a, minutes);
          csv.attendance.add([
            a.Id,
            event.Id,
            event.Name,
            a.Doctor__c,
            nameOf(a.Doctor__c),
            doctor?.CME_NPI__c,
            a.Invitation__c,
            a.Mode__c,
            a.Walk_In__c ?? false,
            a.Checked_In_At__c,
            a.Checked_Out_At__c,
            a.Minutes_Attended__c,
            a.Sign_In_Method__c,
            a.Signed_Name__c,
            a.Signed_At__c,
            a.Signature_SHA256__c,
            a.Meal_Opt_Out__c ?? false,
            problem ? 'missing' : 'ok',
            problem ?? '',
          ]);
        }
        invitationRows += invitationsOf.get(event.Id)?.length ?? 0;
        expenseRows += expensesOf.get(event.Id)?.length ?? 0;
        funnel.invited += Number(event.Invited_Count__c) || 0;
        funnel.accepted += Number(event.Accepted_Count__c) || 0;
        funnel.attended += Number(event.Attended_Count__c) || 0;
      }
      spool.add('tov', transfers);

      // Per-event rules, per pack, for the slice's events in the window.
      const sliceDoctors = new Set<string>();
      for (const r of [...invitations, ...attendance, ...expenses]) if (r.Doctor__c) sliceDoctors.add(r.Doctor__c);
      const input = {
        events: slice,
        invitations,
        attendance,
        expenses,
        doctors: [...sliceDoctors].map((id) => doctors.get(id)).filter((d): d is Doctor => !!d),
      };
      for (const [pack, packEvents] of groupBy(slice, (e) => (scopedIds.has(e.Id) ? packOf(e) : undefined)))
        spoolFindings(
          evaluateCompliance(input, pack, {
            today: options.asOf,
            rules: perEventRules,
            eventIds: packEvents.map((e) => e.Id),
          }),
          pack,
        );
    }
    spool.indexTransfers();
    complete('transfers');
    complete('attendance');

    // Pass B: HCPs a slice at a time.
    const scopedByPack = groupBy(scoped, packOf);
    const topHcps: PackSummary['topHcps'] = [];
    const hcpSlice = sliceSize(invitationsRead + attendanceRead + spool.count('tov'), doctorIds.length, 5_000);
    for (let i = 0; i < doctorIds.length; i += hcpSlice) {
      const ids = doctorIds.slice(i, i + hcpSlice);
      progress(
        `Checking HCPs: ${Math.min(i + hcpSlice, doctorIds.length).toLocaleString('en-US')} of ${doctorIds.length.toLocaleString('en-US')}`,
      );
      const invitations = spool.rowsOf<Invitation>('invitation', 'doctor', ids);
      const attendance = spool.rowsOf<Attendance>('attendance', 'doctor', ids);
      const allocations = spool.rowsOf<TovAllocation>('tov', 'doctor', ids);
      const allocationsOf = groupBy(allocations, (a) => a.eventId);
      const input = {
        events,
        invitations,
        attendance,
        doctors: ids.map((id) => doctors.get(id)).filter((d): d is Doctor => !!d),
      };
      for (const [pack, packEvents] of scopedByPack)
        spoolFindings(
          evaluateCompliance(input, pack, {
            today: options.asOf,
            rules: CROSS_EVENT_RULES,
            eventIds: packEvents.map((e) => e.Id),
            transfersOfValue: (eventId) => ({ allocations: allocationsOf.get(eventId) ?? [], unattributed: [] }),
          }),
          pack,
        );

      // Per-HCP totals in each cap year that overlaps the window, against the pack of their events.
      const attendedOf = new Map<string, number>();
      for (const a of attendance)
        if (a.Doctor__c && scopedIds.has(a.Event__c))
          attendedOf.set(a.Doctor__c, (attendedOf.get(a.Doctor__c) ?? 0) + 1);
      const byDoctor = groupBy(allocations, (a) => a.doctorId);
      for (const id of ids) {
        const mine = byDoctor.get(id) ?? [];
        const pack = hcpPack(mine, eventById, packOf) ?? forced;
        if (!pack || (!mine.some((a) => scopedIds.has(a.eventId)) && !attendedOf.has(id))) continue;
        const cap = ruleSetting(pack, 'HCP_ANNUAL_CAP').limit;
        const years = summariseByHcp(mine, pack).filter(
          (y) => y.window.end >= options.window.start && y.window.start <= options.window.end,
        );
        const doctor = doctorOf(id);
        const rows = years.length ? years : [null];
        for (const year of rows) {
          const total = year?.total ?? 0;
          const percent = cap ? Math.round((total / cap) * 1000) / 10 : null;
          csv.hcps.add([
            id,
            nameOf(id),
            doctor?.CME_NPI__c,
            doctor?.CME_Specialty__c,
            doctor?.MailingCountry ?? null,
            pack.code,
            year?.window.label ?? yearWindowOf(options.window.start, pack).label,
            total,
            cap,
            percent,
            pack.currencyCode,
            attendedOf.get(id) ?? 0,
            year?.lines ?? 0,
            doctor?.CME_Disclosure_Consent__c ?? false,
          ]);
          if (cap && total > 0) keepTop(topHcps, { name: nameOf(id), total, cap, currency: pack.currencyCode }, 10);
        }
      }
    }

    complete('hcps');

    // Findings in the documented order, then the events with their counts.
    progress('Writing findings');
    const findingsForPdf: string[][] = [];
    for (const f of spool.scan<unknown[]>('finding')) {
      csv.findings.add(f as never);
      if (findingsForPdf.length < 200) findingsForPdf.push(f.slice(0, 9).map((v) => (v === null ? '' : String(v))));
    }
    complete('findings');
    for (const event of windowEvents) {
      const pack = packOf(event);
      const tally = findingsPerEvent.get(event.Id) ?? { all: 0, block: 0 };
      csv.events.add([
        event.Id,
        event.Event_Key__c,
        event.Name,
        pack?.code ?? '',
        event.Event_Type__c,
        event.Format__c,
        event.Status__c,
        event.Start__c,
        event.End__c,
        event.Country__c,
        event.City__c,
        event.Submitted_On__c,
        event.Approved_On__c,
        event.Approval_Lead_Days__c as number | null,
        event.Invited_Count__c as number | null,
        event.Accepted_Count__c as number | null,
        event.Attended_Count__c as number | null,
        event.Capacity__c,
        event.Budget__c,
        event.Estimated_Spend__c as number | null,
        event.Committed_Spend__c as number | null,
        event.Actual_Spend__c as number | null,
        event.Budget_Utilization__c as number | null,
        pack?.currencyCode ?? '',
        pack ? tally.all : null,
        pack ? tally.block : null,
      ]);
    }
    complete('events');

    const usedPacks = [...scopedByPack].map(([pack, list]) => ({
      code: pack.code,
      name: pack.name,
      version: pack.version,
      events: list.length,
    }));
    const counts = {
      events: windowEvents.length,
      eventsWithoutRulePack: windowEvents.length - scoped.length,
      invitations: invitationRows,
      attendance: csv.attendance.rows,
      expenses: expenseRows,
      hcps: csv.hcps.rows,
      transfersOfValue: tovCount,
      findings: csv.findings.rows,
      blockingFindings: blockingCount,
    };
    const summary: PackSummary = {
      title: `CME compliance audit pack — ${options.window.label}`,
      window: options.window,
      asOf: options.asOf,
      orgId: options.identity.orgId,
      rulePacks: usedPacks,
      counts,
      funnel,
      budget: scoped
        .filter((e) => (e.Budget__c ?? 0) > 0)
        .map((e) => ({
          name: e.Name ?? e.Id,
          budget: e.Budget__c ?? 0,
          actual: Number(e.Actual_Spend__c) || 0,
          committed: Number(e.Committed_Spend__c) || 0,
          currency: packOf(e)?.currencyCode ?? '',
        })),
      topHcps,
      transfersByCurrency: Object.fromEntries(Object.entries(tovCents).map(([c, cents]) => [c, cents / 100])),
      findingsByRule,
      findings: findingsForPdf,
    };

    if (options.formats.includes('pdf')) {
      progress('Writing summary.pdf');
      await writePdf(path.join(work, 'summary.pdf'), summary);
    }
    if (options.formats.includes('json')) {
      progress('Writing report.json');
      writeJsonReport(path.join(work, 'report.json'), summary, csv);
    }
    if (xlsx) {
      progress('Writing report.xlsx');
      await xlsx.finish();
    }

    progress('Writing the BagIt manifest');
    const generatedAt = (options.now ?? (() => new Date()))().toISOString();
    const files = writeBag(staging, {
      'Source-Organization': `Salesforce org ${options.identity.orgId}`,
      'External-Identifier': `cme-compliance-${options.identity.orgId}-${options.window.start}-${options.window.end}`,
      'External-Description': `CME compliance audit pack for ${options.window.label} (${options.window.start} to ${options.window.end})`,
      'CME-Org-Id': options.identity.orgId,
      'CME-Instance-Url': options.identity.instanceUrl,
      'CME-User': options.identity.username,
      'CME-Window-Start': options.window.start,
      'CME-Window-End': options.window.end,
      'CME-As-Of': options.asOf,
      'CME-Rule-Packs': usedPacks.map((p) => `${p.code} ${p.version ?? '(no version)'}`).join('; ') || '(none)',
      'CME-Generated-At': generatedAt,
      'CME-Tool': `@cme/plugin-cme ${options.toolVersion}`,
      'CME-Counts': Object.entries(counts)
        .map(([k, v]) => `${k}=${v}`)
        .join(' '),
      'Bagging-Date': generatedAt.slice(0, 10),
    });
    return {
      window: options.window,
      asOf: options.asOf,
      rulePacks: usedPacks,
      files,
      counts,
      findingsByRule,
      readWith,
      apiCalls: api.calls,
    };
  } finally {
    await xlsx?.abort();
    for (const file of Object.values(csv)) file.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * The rule packs with their rules in one query (a pack has a few dozen rules at most; should the org
 * page a pack's rules, they are read with a query of their own).
 */
export async function readRulePacks(api: OrgApi): Promise<ReadonlyMap<string, RulePack>> {
  const soql = `SELECT ${Object.keys(RULE_PACK_FIELDS).join(', ')}, (SELECT ${Object.keys(RULE_FIELDS).join(', ')} FROM Rules__r) FROM CME_Rule_Pack__c`;
  const packRows: FlatRow[] = [];
  const ruleRows: FlatRow[] = [];
  let complete = true;
  for await (const page of restRecords(api, soql))
    for (const record of page) {
      packRows.push(flattenRestRecord(record, RULE_PACK_FIELDS, 'CME_Rule_Pack__c'));
      const rules = record.Rules__r as { done?: boolean; records?: Record<string, unknown>[] } | null;
      if (rules && rules.done === false) complete = false;
      for (const rule of rules?.records ?? []) ruleRows.push(flattenRestRecord(rule, RULE_FIELDS, 'CME_Rule__c'));
    }
  if (!complete) {
    ruleRows.length = 0;
    for await (const page of queryPages(api, { object: 'CME_Rule__c', fields: RULE_FIELDS }, { bulk: false }))
      ruleRows.push(...page);
  }
  return parseRulePacks(packRows as unknown as RulePackRecord[], ruleRows as unknown as RuleRecord[]);
}

/** INVALID_TYPE / INVALID_FIELD on our objects: the package is not (fully) installed. */
function missingPackage(error: unknown): ReportError | undefined {
  if (!(error instanceof OrgApiError)) return undefined;
  if (error.errorCode !== 'INVALID_TYPE' && error.errorCode !== 'INVALID_FIELD') return undefined;
  return new ReportError(
    'MissingPackage',
    `This org does not have CME Manager installed: ${error.message.split('\n').pop()}`,
  );
}

function compactDoctor(r: FlatRow): ReportDoctor {
  const d: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) if (v !== null) d[k] = v;
  return d as unknown as ReportDoctor;
}

/** Rows by key, in their order; rows whose key is undefined are left out. */
function groupBy<T, K>(rows: readonly T[], keyOf: (row: T) => K | undefined): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key === undefined) continue;
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** The pack of the event where the HCP received the most value (ties: the later event). */
function hcpPack(
  allocations: readonly TovAllocation[],
  events: ReadonlyMap<string, CmeEvent>,
  packOf: (e: CmeEvent) => RulePack | undefined,
): RulePack | undefined {
  const byPack = new Map<RulePack, number>();
  for (const a of allocations) {
    const event = events.get(a.eventId);
    const pack = event && packOf(event);
    if (pack) byPack.set(pack, (byPack.get(pack) ?? 0) + a.amount);
  }
  return [...byPack].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function keepTop<T extends { total: number; cap: number }>(list: T[], item: T, size: number): void {
  list.push(item);
  list.sort((a, b) => b.total / b.cap - a.total / a.cap);
  if (list.length > size) list.pop();
}

/** Sort key matching the domain core's sortFindings, as one string SQLite orders by bytes. */
function findingRank(f: Finding, event: CmeEvent | undefined): string {
  const sep = '\u0001';
  return [
    f.severity === 'block' ? '0' : '1',
    String(RULE_IDS.indexOf(f.ruleId)).padStart(2, '0'),
    toUtcDay(event?.Start__c) ?? '',
    f.eventId,
    f.doctorId ?? '',
    f.message,
  ].join(sep);
}

function transferRow(
  event: CmeEvent,
  a: TovAllocation,
  pack: RulePack,
  doctor: Doctor | undefined,
  note: string,
): (string | number | boolean | null | undefined)[] {
  return [
    event.Id,
    event.Name,
    toUtcDay(event.Start__c),
    a.doctorId,
    hcpName(doctor, a.doctorId),
    doctor?.CME_NPI__c,
    a.expenseId,
    a.category,
    a.stage,
    a.basis,
    a.recipients,
    a.lineAmount,
    a.amount,
    pack.currencyCode,
    a.paymentDate,
    a.paymentForm,
    a.role,
    a.openPaymentsNature,
    a.efpiaCategory,
    a.efpiaHeading,
    note,
  ];
}
