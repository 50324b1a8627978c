// Open Payments as build.ts runs it: each HCP's lines of the program year become general-payment
// records (openPayments.ts), written to data/open-payments-PY<year>.csv as they come; excluded lines
// and record problems go to the common tables; every line lands in one reconciliation bucket.
import fs from 'node:fs';
import path from 'node:path';
import { formatMoney, fromCents, toCents } from '../domain/cmeDomain.ts';
import { CsvFile } from '../report/files.ts';
import type { OpenPaymentsConfig } from '../schema/disclosureConfig.ts';
import { loadOpenPaymentsConfig } from './config.ts';
import type { LoadedDisclosureConfig } from './config.ts';
import { writeDocumentPdf } from './documentPdf.ts';
import { EXCLUSION_REASON_TEXT } from './note.ts';
import type { StructuredDocument } from './note.ts';
import {
  invalidRecordExclusion,
  openPaymentsCells,
  openPaymentsFileProblems,
  openPaymentsForHcp,
  openPaymentsHeader,
  resolveReportingEntity,
  smallPaymentCents,
} from './openPayments.ts';
import type { OpenPaymentsContext, OpenPaymentsRecord } from './openPayments.ts';
import { reconciliationBlock } from './reconcile.ts';
import type { ReconciliationRow } from './reconcile.ts';
import type { DisclosureOptions } from './build.ts';
import type { RunContext, StandardOutcome, StandardRun } from './standards.ts';
import type { DisclosureDoctor, DisclosureLine, ExcludedLine, RecordProblem } from './types.ts';

export function loadOpenPayments(options: DisclosureOptions): LoadedDisclosureConfig<OpenPaymentsConfig> {
  return loadOpenPaymentsConfig(options.period.year, options.configRoots);
}

/** A closed part of the disclosure file. */
interface FilePart {
  path: string;
  rows: number;
  sha256: string;
}

/**
 * The disclosure file, in parts no larger than CMS takes (each with the header): name.csv when one
 * part holds every record, else name-part1.csv, name-part2.csv, …
 */
class PartedCsv {
  public rows = 0;
  private readonly parts: CsvFile[] = [];
  private closed: FilePart[] | undefined;
  private readonly dir: string;
  private readonly name: string;
  private readonly header: readonly string[];
  private readonly maxBytes: number;

  public constructor(dir: string, name: string, header: readonly string[], maxBytes: number) {
    this.dir = dir;
    this.name = name;
    this.header = header;
    this.maxBytes = maxBytes;
    this.open();
  }

  public add(cells: readonly string[]): void {
    if (!this.current().addWithin(cells, this.maxBytes)) this.open().add(cells);
    this.rows++;
  }

  /** Closes the parts and names them; a single part takes the plain name. */
  public close(): FilePart[] {
    if (this.closed) return this.closed;
    for (const part of this.parts) part.close();
    const single = this.parts.length === 1;
    this.closed = this.parts.map((part) => {
      const final = single ? path.join(this.dir, `${this.name}.csv`) : part.path;
      if (final !== part.path) fs.renameSync(part.path, final);
      return { path: final, rows: part.rows, sha256: part.sha256 };
    });
    return this.closed;
  }

  private current(): CsvFile {
    return this.parts[this.parts.length - 1];
  }

  private open(): CsvFile {
    const part = new CsvFile(path.join(this.dir, `${this.name}-part${this.parts.length + 1}.csv`), this.header);
    this.parts.push(part);
    return part;
  }
}

/** The columns written as numbers in disclosure.xlsx. */
const numericColumns = (config: OpenPaymentsConfig) =>
  config.columns.filter((c) => c.format === 'amount' || c.format === 'integer').map((c) => c.name);

export function openPaymentsRun(run: RunContext, loaded: LoadedDisclosureConfig<OpenPaymentsConfig>): StandardRun {
  const { options, tables, reconciliation } = run;
  const { config } = loaded;
  const context: OpenPaymentsContext = {
    config,
    period: options.period,
    eventsById: run.data.eventById,
    reportingEntity: resolveReportingEntity(config, options.reportingEntity),
  };
  const file = new PartedCsv(
    run.work,
    `open-payments-${options.period.label}`,
    openPaymentsHeader(config),
    config.maxFileBytes,
  );
  const recipients = new Set<string>();
  let disclosedCents = 0;
  for (const problem of openPaymentsFileProblems(config, context.reportingEntity)) tables.problem(problem);

  const exclude = (line: ExcludedLine) => {
    tables.exclude(line);
    reconciliation.bucket(line.currency, line.category, line.reason, line.amount);
  };
  const write = (record: OpenPaymentsRecord) => {
    file.add(openPaymentsCells(record, config));
    recipients.add(record.doctorId);
    disclosedCents += toCents(record.totalAmount);
    reconciliation.bucket(record.currency, record.category, 'disclosed', record.totalAmount);
  };

  return {
    // A payment at or over the item threshold is reported whatever else the HCP received.
    waitsFor: (line: DisclosureLine) => smallPaymentCents(line, config.thresholds.item) !== null,
    addHcp(_doctorId: string, doctor: DisclosureDoctor | undefined, lines: DisclosureLine[]) {
      const result = openPaymentsForHcp(doctor, lines, context);
      result.excluded.forEach(exclude);
      const problemsOf = new Map<string, RecordProblem[]>();
      for (const problem of result.problems) {
        tables.problem(problem);
        problemsOf.set(problem.recordId, [...(problemsOf.get(problem.recordId) ?? []), problem]);
      }
      for (const record of result.records) {
        const problems = problemsOf.get(record.recordId);
        // --strict writes nothing when any record has a problem; --no-strict leaves the record out.
        if (problems && !options.strict) exclude(invalidRecordExclusion(record, problems));
        else write(record);
      }
    },
    async finish(): Promise<StandardOutcome> {
      const parts = file.close();
      return {
        records: file.rows,
        recipients: recipients.size,
        sheets: parts.map((part, i) => ({
          name: `Open Payments ${options.period.label}${parts.length > 1 ? ` (${i + 1})` : ''}`,
          csvPath: part.path,
          inBag: { file: `data/${path.basename(part.path)}`, rows: part.rows, sha256: part.sha256 },
          numeric: numericColumns(config),
        })),
        csvFiles: parts.map((p) => p.path),
        hashes: () => new Map(parts.map((p) => [path.basename(p.path), p.sha256])),
        writePdf: (work, rows) =>
          writeDocumentPdf(
            path.join(work, 'summary.pdf'),
            summaryDocument(run, loaded, { records: file.rows, recipients: recipients.size, disclosedCents }, rows),
            { creationDate: options.now?.() },
          ),
      };
    },
    close() {
      file.close();
    },
  };
}

/** summary.pdf: what the file holds, what was left out and why, and the reconciliation. */
function summaryDocument(
  run: RunContext,
  loaded: LoadedDisclosureConfig<OpenPaymentsConfig>,
  figures: { records: number; recipients: number; disclosedCents: number },
  rows: readonly ReconciliationRow[],
): StructuredDocument {
  const { options } = run;
  const { config } = loaded;
  const usd = (amount: number) => formatMoney(amount, 'USD');
  const n = (x: number) => x.toLocaleString('en-US');
  return {
    title: `Open Payments general payments — ${options.period.label}`,
    blocks: [
      {
        kind: 'keyValues',
        pairs: [
          ['Program year', `${options.period.label} (${options.period.start} to ${options.period.end})`],
          ['Reporting entity', resolveReportingEntity(config, options.reportingEntity).name || '(not given)'],
          ['Data file', `${path.basename(loaded.file)} (version ${config.version})`],
          [
            'Small-payment thresholds',
            `${usd(config.thresholds.item)} per item, ${usd(config.thresholds.aggregate)} a year`,
          ],
          ['Records', n(figures.records)],
          ['Covered recipients', n(figures.recipients)],
          ['Total reported', usd(fromCents(figures.disclosedCents))],
          ['Org', options.identity.orgId],
        ],
      },
      { kind: 'heading', text: 'Lines not reported' },
      {
        kind: 'table',
        columns: [{ header: 'Reason' }, { header: 'Lines', align: 'right' }, { header: 'Amount', align: 'right' }],
        rows: run.tables
          .exclusions()
          .map((r) => [EXCLUSION_REASON_TEXT[r.reason], n(r.lines), formatMoney(r.amount, r.currency)]),
      },
      { kind: 'heading', text: 'Sources and what is unconfirmed' },
      { kind: 'list', items: config.sources },
      ...reconciliationBlock(rows),
    ],
  };
}
