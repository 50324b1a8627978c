// Pass B: HCPs a slice at a time. The cross-event rules (annual cap, repeat topic, events per year)
// run over the slice's records and the allocations from pass A, and each HCP's totals in each cap
// year that overlaps the window are written against the pack of their events.
import {
  CROSS_EVENT_RULES,
  evaluateCompliance,
  ruleSetting,
  summariseByHcp,
  yearWindowOf,
} from '../domain/cmeDomain.ts';
import type { Attendance, CmeEvent, Invitation, RulePack, TovAllocation } from '../domain/cmeDomain.ts';
import { HCP_COLUMNS, cellsOf } from './columns.ts';
import type { FindingsLog } from './findings.ts';
import type { PackSummary } from './outputs.ts';
import type { ReportData, ReportEvent } from './read.ts';
import { groupBy, sliceProgress, sliceSize } from './slices.ts';
import type { Spool } from './spool.ts';
import type { PackTables } from './tables.ts';
import type { ReportWindow } from './types.ts';

const hcpCells = cellsOf(HCP_COLUMNS);

type TopHcps = PackSummary['topHcps'];

/** One slice of HCPs and their records from the spool. */
interface HcpSlice {
  ids: readonly string[];
  invitations: Invitation[];
  attendance: Attendance[];
  allocations: TovAllocation[];
}

/** Runs pass B; returns the ten HCPs closest to (or furthest over) their cap, for the summary. */
export function runHcpPass(
  data: ReportData,
  judgedByPack: ReadonlyMap<RulePack, ReportEvent[]>,
  spool: Spool,
  tables: PackTables,
  findings: FindingsLog,
  options: { asOf: string; window: ReportWindow },
  progress: (message: string) => void,
): TopHcps {
  const { doctorIds } = data;
  const topHcps: TopHcps = [];
  const rows = spool.count('invitation') + spool.count('attendance') + spool.count('tov');
  const size = sliceSize(rows, doctorIds.length, 5_000);
  for (let i = 0; i < doctorIds.length; i += size) {
    const ids = doctorIds.slice(i, i + size);
    progress(sliceProgress('HCPs', i, size, doctorIds.length));
    const slice: HcpSlice = {
      ids,
      invitations: spool.rowsOf<Invitation>('invitation', 'doctor', ids),
      attendance: spool.rowsOf<Attendance>('attendance', 'doctor', ids),
      allocations: spool.rowsOf<TovAllocation>('tov', 'doctor', ids),
    };
    judgeHcps(data, judgedByPack, slice, findings, options.asOf);
    writeHcpTotals(data, slice, tables, topHcps, options.window);
  }
  return topHcps;
}

/** The cross-event rules, per pack, over these HCPs' records. */
function judgeHcps(
  data: ReportData,
  judgedByPack: ReadonlyMap<RulePack, ReportEvent[]>,
  { ids, invitations, attendance, allocations }: HcpSlice,
  findings: FindingsLog,
  asOf: string,
): void {
  const allocationsOf = groupBy(allocations, (a) => a.eventId);
  const input = { events: data.events, invitations, attendance, doctors: data.doctors.among(ids) };
  for (const [pack, packEvents] of judgedByPack)
    findings.add(
      evaluateCompliance(input, pack, {
        today: asOf,
        rules: CROSS_EVENT_RULES,
        eventIds: packEvents.map((e) => e.Id),
        transfersOfValue: (eventId) => ({ allocations: allocationsOf.get(eventId) ?? [], unattributed: [] }),
      }),
      pack,
    );
}

/** hcp-summary.csv rows of the HCPs with value or attendance at a judged event. */
function writeHcpTotals(
  data: ReportData,
  { ids, attendance, allocations }: HcpSlice,
  tables: PackTables,
  topHcps: TopHcps,
  window: ReportWindow,
): void {
  const attendedOf = new Map<string, number>();
  for (const a of attendance)
    if (a.Doctor__c && data.judgedIds.has(a.Event__c))
      attendedOf.set(a.Doctor__c, (attendedOf.get(a.Doctor__c) ?? 0) + 1);
  const byDoctor = groupBy(allocations, (a) => a.doctorId);
  for (const doctorId of ids) {
    const mine = byDoctor.get(doctorId) ?? [];
    const pack = hcpPack(mine, data.eventById, data.packs.packOf) ?? data.packs.forced;
    if (!pack || (!mine.some((a) => data.judgedIds.has(a.eventId)) && !attendedOf.has(doctorId))) continue;
    const cap = ruleSetting(pack, 'HCP_ANNUAL_CAP').limit;
    const years = summariseByHcp(mine, pack).filter(
      (y) => y.window.end >= window.start && y.window.start <= window.end,
    );
    const doctor = data.doctors.get(doctorId);
    for (const year of years.length ? years : [null]) {
      const total = year?.total ?? 0;
      tables.csv.hcps.add(
        hcpCells({
          doctorId,
          doctor,
          pack,
          capYear: year?.window.label ?? yearWindowOf(window.start, pack).label,
          total,
          cap,
          eventsAttended: attendedOf.get(doctorId) ?? 0,
          lines: year?.lines ?? 0,
        }),
      );
      if (cap && total > 0)
        keepTop(topHcps, { name: data.doctors.nameOf(doctorId), total, cap, currency: pack.currencyCode }, 10);
    }
  }
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
