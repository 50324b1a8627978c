// EFPIA as build.ts runs it: each HCP's lines of the year become a recipient (named with consent, in
// the aggregate without: efpia.ts), kept without their lines (memory bounded by HCPs); once every HCP
// is in, one national file per country (data/efpia-<year>-<country>.csv) and the methodological note.
import fs from 'node:fs';
import path from 'node:path';
import { fromCents, toCents } from '../domain/cmeDomain.ts';
import { CsvFile } from '../report/files.ts';
import { ReportError } from '../report/errors.ts';
import { efpiaConfigSchema } from '../schema/efpiaConfig.ts';
import type { EfpiaConfig } from '../schema/efpiaConfig.ts';
import { loadDisclosureConfig } from './config.ts';
import type { LoadedDisclosureConfig } from './config.ts';
import { writeDocumentPdf } from './documentPdf.ts';
import { efpiaCountryReports, efpiaRecipient, efpiaTable, invalidRecipientLines } from './efpia.ts';
import type { EfpiaCountryReport, EfpiaRecipient } from './efpia.ts';
import { documentMarkdown, efpiaMethodologicalNote } from './note.ts';
import type { StructuredDocument } from './note.ts';
import { reconciliationBlock } from './reconcile.ts';
import type { DisclosureOptions } from './build.ts';
import type { RunContext, StandardOutcome, StandardRun } from './standards.ts';
import type { DisclosureDoctor, DisclosureLine } from './types.ts';
import type { WorkbookSheet } from './workbook.ts';

export function loadEfpia(options: DisclosureOptions): LoadedDisclosureConfig<EfpiaConfig> {
  return loadDisclosureConfig('efpia', options.period.year, options.configRoots, efpiaConfigSchema, (c) => c.year);
}

/** A recipient as kept until the files are written: no lines, their amounts per currency and category. */
interface KeptRecipient {
  recipient: EfpiaRecipient;
  cents: Map<string, { currency: string; category: string; cents: number }>;
}

function keep(recipient: EfpiaRecipient, lines: readonly DisclosureLine[]): KeptRecipient {
  const cents = new Map<string, { currency: string; category: string; cents: number }>();
  for (const line of lines) {
    const key = `${line.currency}\u0000${line.category}`;
    const cell = cents.get(key) ?? { currency: line.currency, category: line.category, cents: 0 };
    cell.cents += toCents(line.amount);
    cents.set(key, cell);
  }
  return { recipient: { ...recipient, lines: [] }, cents };
}

export function efpiaRun(run: RunContext, loaded: LoadedDisclosureConfig<EfpiaConfig>): StandardRun {
  const { options, tables, reconciliation } = run;
  const { config } = loaded;
  const asked = options.countries ? new Set(options.countries) : undefined;
  const kept: KeptRecipient[] = [];
  const seen = new Set<string>();
  const files: CsvFile[] = [];
  let reports: EfpiaCountryReport[] = [];

  return {
    addHcp(doctorId: string, doctor: DisclosureDoctor | undefined, lines: DisclosureLine[]) {
      const recipient = efpiaRecipient(doctorId, doctor, lines, config, options.period);
      if (recipient.country) seen.add(recipient.country);
      if (asked && recipient.country && !asked.has(recipient.country)) {
        for (const line of lines) reconciliation.timing(line.currency, line.category, 'country-not-asked', line.amount);
        return;
      }
      recipient.problems.forEach((p) => tables.problem(p));
      if (recipient.problems.length && !options.strict) {
        for (const line of invalidRecipientLines(recipient)) {
          tables.exclude(line);
          reconciliation.bucket(line.currency, line.category, line.reason, line.amount);
        }
        return;
      }
      kept.push(keep(recipient, lines));
    },
    async finish(): Promise<StandardOutcome> {
      const unknown = asked ? [...asked].filter((c) => !seen.has(c)) : [];
      if (unknown.length)
        throw new ReportError(
          'UnknownCountry',
          `No recipient's country of principal practice is ${unknown.join(', ')} in ${options.period.label}.`,
          [...seen].sort(),
        );
      const recipients = kept.map((k) => k.recipient);
      reports = efpiaCountryReports(recipients, config, options.countries);
      for (const report of reports) report.problems.forEach((p) => tables.problem(p));
      for (const { recipient, cents } of kept)
        for (const cell of cents.values())
          reconciliation.bucket(
            cell.currency,
            cell.category,
            recipient.kind === 'named' ? 'disclosed' : 'aggregate',
            fromCents(cell.cents),
          );
      const sheets: WorkbookSheet[] = [];
      for (const report of reports) {
        const { header, rows } = efpiaTable(report);
        const file = new CsvFile(path.join(run.work, `efpia-${options.period.label}-${report.country}.csv`), header);
        rows.forEach((row) => file.add(row));
        file.close();
        files.push(file);
        sheets.push({
          name: `EFPIA ${report.country}`,
          csvPath: file.path,
          inBag: { file: `data/${path.basename(file.path)}`, rows: file.rows, sha256: file.sha256 },
          numeric: header.slice(report.template.recipientColumns.length),
        });
      }
      const note = (): StructuredDocument =>
        efpiaMethodologicalNote({
          company: run.company,
          period: options.period,
          config,
          packs: run.data.packs.candidates.filter((p) => p.disclosureStandard === 'efpia'),
          reports,
          exclusions: tables.exclusions(),
        });
      fs.writeFileSync(path.join(run.work, 'methodological-note.md'), documentMarkdown(note()));
      return {
        records: reports.reduce((n, r) => n + r.named.length + (r.aggregate ? 1 : 0), 0),
        recipients: recipients.length,
        sheets,
        csvFiles: files.map((f) => f.path),
        hashes: () => new Map(files.map((f) => [path.basename(f.path), f.sha256])),
        writePdf: async (work, rows) => {
          const document = note();
          document.blocks.push(...reconciliationBlock(rows));
          await writeDocumentPdf(path.join(work, 'methodological-note.pdf'), document, {
            creationDate: options.now?.(),
          });
        },
      };
    },
    close() {
      files.forEach((f) => f.close());
    },
  };
}
