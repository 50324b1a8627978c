// Builds a regulator disclosure (`sf cme report disclosure`) stage by stage, through the audit pack's
// reading and spool so the two can never disagree: read the org, pass A over events (allocation by
// the domain core, the ledger side of the reconciliation), pass B over HCPs (the standard's records),
// then the common tables (excluded lines, record problems, the reconciliation), the workbook, the
// PDF, and the BagIt manifest. Files are staged beside the output folder and renamed into place only
// when everything is complete; with --strict, a record a regulator would refuse stops the run and
// only validation.csv is written.
import fs from 'node:fs';
import path from 'node:path';
import type { OrgApi } from '../org/api.ts';
import { queryPages, textFields as text } from '../org/query.ts';
import { writeBag } from '../report/bagit.ts';
import { bagInfoOf } from '../report/summary.ts';
import type { BagFile } from '../report/bagit.ts';
import { ReportError } from '../report/errors.ts';
import { prepareOutput } from '../report/files.ts';
import { readReportData } from '../report/read.ts';
import type { ReportData } from '../report/read.ts';
import { Spool } from '../report/spool.ts';
import { DEFAULT_XLSX_DETAIL } from '../report/types.ts';
import type { ReportRunOptions } from '../report/types.ts';
import type { DisclosureFormat } from '../schema/disclosureOptions.ts';
import { runDisclosureEventPass, runDisclosureHcpPass } from './passes.ts';
import { Reconciliation, unreconciled } from './reconcile.ts';
import type { ReconciliationRow } from './reconcile.ts';
import { loadStandard } from './standards.ts';
import type { LoadedStandard, StandardOutcome } from './standards.ts';
import { CommonTables } from './tables.ts';
import type { DisclosurePeriod, DisclosureStandardName } from './types.ts';
import { writeWorkbook } from './workbook.ts';

export interface DisclosureOptions extends ReportRunOptions {
  standard: DisclosureStandardName;
  period: DisclosurePeriod;
  /** EFPIA: the countries asked for (ISO codes); undefined = every country with recipients. */
  countries?: readonly string[];
  /** The day "held" is judged on (UCPMP) and the files are dated. */
  asOf: string;
  formats: readonly DisclosureFormat[];
  /** Any record problem stops the run (default); false: write the valid records only. */
  strict: boolean;
  /** Folders holding config/disclosure's data files, the first that has a standard's file wins. */
  configRoots: readonly string[];
  /** Open Payments file-level elements the org does not hold. */
  reportingEntity?: { name?: string; registrationId?: string };
  /** Rows of each table disclosure.xlsx holds (default DEFAULT_XLSX_DETAIL), or 'all'. */
  xlsxDetail?: number | 'all';
}

/** A type, not an interface, so it passes as bag-info's Record<string, number>. */
export type DisclosureCounts = {
  /** Events of the standard's rule packs that start in the period. */
  events: number;
  /** HCPs with a line in the period (Open Payments, EFPIA) or events in the statement (UCPMP). */
  recipients: number;
  /** Records in the disclosure file(s). */
  records: number;
  /** Ledger lines of the period left out of the file, each with its reason (excluded.csv). */
  excluded: number;
  /** Record problems (validation.csv). */
  problems: number;
};

export interface DisclosureResult {
  outputDir: string;
  standard: DisclosureStandardName;
  period: DisclosurePeriod;
  files: BagFile[];
  counts: DisclosureCounts;
  reconciliation: ReconciliationRow[];
  readWith: Record<string, 'rest' | 'bulk'>;
  apiCalls: number;
}

export async function buildDisclosure(api: OrgApi, options: DisclosureOptions): Promise<DisclosureResult> {
  const progress = options.onProgress ?? (() => {});
  // The data file first: a year without one fails before the org is read or a folder is made.
  const loaded = loadStandard(options);
  const staging = prepareOutput(options.outputDir);
  const spool = await Spool.open(options.scratchDir);
  try {
    const result = await buildInto(api, options, loaded, staging, spool, progress);
    fs.renameSync(staging, options.outputDir);
    return { ...result, outputDir: options.outputDir };
  } catch (error) {
    if (error instanceof ReportError && error.code === 'InvalidRecords') keepValidation(staging, options.outputDir);
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  } finally {
    spool.close();
  }
}

/** --strict and problems: the output folder holds validation.csv alone, for the person fixing them. */
function keepValidation(staging: string, outputDir: string): void {
  fs.mkdirSync(outputDir, { recursive: true });
  fs.renameSync(path.join(staging, 'data', 'validation.csv'), path.join(outputDir, 'validation.csv'));
}

async function buildInto(
  api: OrgApi,
  options: DisclosureOptions,
  loaded: LoadedStandard,
  staging: string,
  spool: Spool,
  progress: (message: string) => void,
): Promise<Omit<DisclosureResult, 'outputDir'>> {
  const work = path.join(staging, 'data');
  fs.mkdirSync(work);
  const window = { start: options.period.start, end: options.period.end, label: options.period.label };
  const data = await readReportData(api, { ...options, window }, spool, progress);
  requireStandardPack(data, options.standard);
  const tables = new CommonTables(work, data);
  const reconciliation = new Reconciliation();
  const company = options.reportingEntity?.name ?? (await orgName(api)) ?? options.identity.orgId;
  const standard = loaded.start({ options, data, work, tables, reconciliation, company });
  try {
    const events = runDisclosureEventPass({
      data,
      spool,
      standard: options.standard,
      period: options.period,
      asOf: options.asOf,
      sink: standard,
      reconciliation,
      excluded: (line) => tables.exclude(line),
      progress,
    });
    const hcps = runDisclosureHcpPass(data, spool, standard, progress);
    const outcome = await standard.finish();
    if (!events.events && !outcome.records && !tables.excludedCount)
      throw new ReportError(
        'NothingToDisclose',
        `Nothing to disclose for ${options.period.label} (${options.period.start} to ${options.period.end}): no ${options.standard} event starts in it and no line is dated in it.`,
      );
    const rows = reconciliation.rows();
    tables.writeReconciliation(rows);
    tables.close();
    const counts: DisclosureCounts = {
      events: events.events,
      recipients: outcome.recipients ?? hcps,
      records: outcome.records,
      excluded: tables.excludedCount,
      problems: tables.problemCount,
    };
    // A file-level problem (the reporting entity, a currency mix) cannot be left out record by record.
    if ((options.strict && counts.problems) || tables.fileProblemCount)
      throw new ReportError(
        'InvalidRecords',
        `${counts.problems} problem(s) in the ${options.standard} records for ${options.period.label}: a regulator would refuse the file, so none was written. Each problem, with its field and fix, is in ${path.join(options.outputDir, 'validation.csv')}.`,
        [path.join(options.outputDir, 'validation.csv')],
      );
    const lost = unreconciled(rows);
    if (lost.length)
      throw new ReportError(
        'Unreconciled',
        `The disclosure does not tie to the audit pack's ledger for ${options.period.label}:\n${lost.join('\n')}`,
        lost,
      );
    await writeOtherForms(work, options, outcome, tables, rows, progress);

    progress('Writing the BagIt manifest');
    const generatedAt = (options.now ?? (() => new Date()))().toISOString();
    const files = writeBag(staging, bagInfo(options, counts, generatedAt), tables.hashes(outcome.hashes()));
    return {
      standard: options.standard,
      period: options.period,
      files,
      counts,
      reconciliation: rows,
      readWith: data.readWith,
      apiCalls: api.calls,
    };
  } finally {
    tables.close();
    standard.close();
  }
}

/** The org's name (Organization.Name), for the documents; undefined when the user cannot read it. */
async function orgName(api: OrgApi): Promise<string | undefined> {
  try {
    for await (const page of queryPages(api, { object: 'Organization', fields: text('Name') }, { bulk: false }))
      return (page[0]?.Name as string | undefined) ?? undefined;
  } catch {
    // Organization is readable by most users; without it the documents name the org by its id.
  }
  return undefined;
}

/** The org must have a rule pack that discloses under the standard, else nothing could be read for it. */
function requireStandardPack(data: ReportData, standard: DisclosureStandardName): void {
  if (data.packs.candidates.some((p) => p.disclosureStandard === standard)) return;
  throw new ReportError(
    'NoStandardPack',
    `No rule pack of the org discloses under ${standard} (CME_Rule_Pack__c.Disclosure_Standard__c).`,
    data.packs.candidates.map((p) => `${p.code}: ${p.disclosureStandard ?? 'none'}`),
  );
}

/** disclosure.xlsx and the PDF, when asked for. */
async function writeOtherForms(
  work: string,
  options: DisclosureOptions,
  outcome: StandardOutcome,
  tables: CommonTables,
  rows: readonly ReconciliationRow[],
  progress: (message: string) => void,
): Promise<void> {
  if (options.formats.includes('xlsx')) {
    progress('Writing disclosure.xlsx');
    const detail = options.xlsxDetail === 'all' ? Infinity : (options.xlsxDetail ?? DEFAULT_XLSX_DETAIL);
    await writeWorkbook(path.join(work, 'disclosure.xlsx'), [...outcome.sheets, ...tables.sheets()], detail);
  }
  if (options.formats.includes('pdf')) {
    progress('Writing the PDF');
    await outcome.writePdf(work, rows);
  }
  // The CSVs were the working form of the other forms; without csv in --format they leave the bag.
  if (!options.formats.includes('csv')) for (const file of [...outcome.csvFiles, ...tables.csvFiles()]) fs.rmSync(file);
}

function bagInfo(options: DisclosureOptions, counts: DisclosureCounts, generatedAt: string): Record<string, string> {
  const { identity, period } = options;
  return bagInfoOf(options, generatedAt, counts, {
    'External-Identifier': `cme-disclosure-${options.standard}-${identity.orgId}-${period.label}`,
    'External-Description': `CME ${options.standard} disclosure for ${period.label} (${period.start} to ${period.end})`,
    'CME-Standard': options.standard,
    'CME-Period': `${period.label} ${period.start} ${period.end}`,
    'CME-As-Of': options.asOf,
    'CME-Strict': String(options.strict),
  });
}
