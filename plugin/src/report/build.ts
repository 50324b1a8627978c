// Builds the compliance audit pack, stage by stage: reads the org (read.ts) into a scratch spool,
// then runs the domain core in two passes so memory is bounded by events and HCPs, not by rows:
//   A. events in slices (eventPass.ts): per-event rules, transfer-of-value allocation, attendance
//      evidence;
//   B. HCPs in slices (hcpPass.ts): the cross-event rules over that slice's records and the
//      allocations from pass A, and the per-HCP totals.
// Then the findings and events tables, the other forms, and the BagIt manifest. Files are written into
// a temporary folder next to the output folder and renamed into place only when everything, including
// the manifest, is complete.
import fs from 'node:fs';
import path from 'node:path';
import type { OrgApi } from '../org/api.ts';
import { writeBag } from './bagit.ts';
import { EVENT_COLUMNS, cellsOf } from './columns.ts';
import { runEventPass } from './eventPass.ts';
import { prepareOutput } from './files.ts';
import { FindingsLog } from './findings.ts';
import { runHcpPass } from './hcpPass.ts';
import { writeJsonReport, writePdf } from './outputs.ts';
import type { PackSummary } from './outputs.ts';
import { readReportData } from './read.ts';
import type { ReportData } from './read.ts';
import { groupBy } from './slices.ts';
import { Spool } from './spool.ts';
import { bagInfo, packSummary, usedRulePacks } from './summary.ts';
import { PackTables } from './tables.ts';
import type { ComplianceReportOptions, ComplianceReportResult, ReportFormat } from './types.ts';

const eventCells = cellsOf(EVENT_COLUMNS);

export async function buildComplianceReport(
  api: OrgApi,
  options: ComplianceReportOptions,
): Promise<ComplianceReportResult> {
  const progress = options.onProgress ?? (() => {});
  const staging = prepareOutput(options.outputDir);
  const spool = await Spool.open(options.scratchDir);
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

async function buildInto(
  api: OrgApi,
  options: ComplianceReportOptions,
  staging: string,
  spool: Spool,
  progress: (message: string) => void,
): Promise<Omit<ComplianceReportResult, 'outputDir'>> {
  const data = await readReportData(api, options, spool, progress);
  const work = path.join(staging, 'data');
  fs.mkdirSync(work);
  const tables = new PackTables(work, options.formats, options.xlsxDetail);
  try {
    const findings = new FindingsLog(spool, data.eventById, data.doctors);
    const totals = runEventPass(data, spool, tables, findings, options.asOf, progress);
    tables.complete('transfers');
    tables.complete('attendance');
    const judgedByPack = groupBy(data.judged, data.packs.packOf);
    const topHcps = runHcpPass(data, judgedByPack, spool, tables, findings, options, progress);
    tables.complete('hcps');

    // Findings in the documented order, then the events with their counts.
    progress('Writing findings');
    // report.xlsx takes the findings as they are written (a million findings are minutes of XLSX).
    tables.follow('findings');
    const firstFindings = findings.write(tables.csv.findings);
    tables.complete('findings');
    writeEvents(data, findings, tables);
    tables.complete('events');

    const rulePacks = usedRulePacks(judgedByPack);
    const counts = {
      events: data.windowEvents.length,
      eventsWithoutRulePack: data.windowEvents.length - data.judged.length,
      invitations: totals.invitations,
      attendance: tables.csv.attendance.rows,
      expenses: totals.expenses,
      hcps: tables.csv.hcps.rows,
      transfersOfValue: totals.transfersOfValue,
      findings: tables.csv.findings.rows,
      blockingFindings: findings.blocking,
    };
    const summary = packSummary(
      options,
      data,
      { rulePacks, counts, totals, topHcps },
      { log: findings, first: firstFindings },
    );
    await writeOtherForms(work, summary, tables, options.formats, progress);

    progress('Writing the BagIt manifest');
    const generatedAt = (options.now ?? (() => new Date()))().toISOString();
    const files = writeBag(staging, bagInfo(options, rulePacks, counts, generatedAt), tables.hashes());
    return {
      window: options.window,
      asOf: options.asOf,
      rulePacks,
      files,
      counts,
      findingsByRule: findings.byRule,
      readWith: data.readWith,
      apiCalls: api.calls,
    };
  } finally {
    await tables.close();
  }
}

/** events.csv: every event of the window, with its pack and findings (none without a pack). */
function writeEvents(data: ReportData, findings: FindingsLog, tables: PackTables): void {
  for (const event of data.windowEvents)
    tables.csv.events.add(eventCells({ event, pack: data.packs.packOf(event), findings: findings.of(event.Id) }));
}

/** summary.pdf and report.json when asked for, then waits for report.xlsx. */
async function writeOtherForms(
  work: string,
  summary: PackSummary,
  tables: PackTables,
  formats: readonly ReportFormat[],
  progress: (message: string) => void,
): Promise<void> {
  if (formats.includes('pdf')) {
    progress('Writing summary.pdf');
    await writePdf(path.join(work, 'summary.pdf'), summary);
  }
  if (formats.includes('json')) {
    progress('Writing report.json');
    writeJsonReport(path.join(work, 'report.json'), summary, tables.csv);
  }
  if (tables.writesXlsx) {
    progress('Writing report.xlsx');
    await tables.finishXlsx();
  }
}
