// UCPMP as build.ts runs it: each event of the financial year that was held (ucpmp.ts isHeldEvent)
// becomes a row of the CME/CPD expenditure statement (data/ucpmp-FY<year>-statement.csv); then the
// annual self-declaration, pre-filled from the statement (self-declaration.md and .pdf).
import fs from 'node:fs';
import path from 'node:path';
import { CsvFile } from '../report/files.ts';
import { ucpmpConfigSchema } from '../schema/ucpmpConfig.ts';
import type { UcpmpConfig } from '../schema/ucpmpConfig.ts';
import { loadDisclosureConfig } from './config.ts';
import type { LoadedDisclosureConfig } from './config.ts';
import { writeDocumentPdf } from './documentPdf.ts';
import { documentMarkdown, ucpmpSelfDeclaration } from './note.ts';
import type { EventOfPeriod } from './passes.ts';
import { reconciliationBlock } from './reconcile.ts';
import type { DisclosureOptions } from './build.ts';
import type { RunContext, StandardOutcome, StandardRun } from './standards.ts';
import { isHeldEvent, ucpmpEvent, ucpmpStatement, ucpmpTable } from './ucpmp.ts';
import type { UcpmpEventResult } from './ucpmp.ts';

export function loadUcpmp(options: DisclosureOptions): LoadedDisclosureConfig<UcpmpConfig> {
  return loadDisclosureConfig('ucpmp', options.period.year, options.configRoots, ucpmpConfigSchema, (c) => c.year);
}

export function ucpmpRun(run: RunContext, loaded: LoadedDisclosureConfig<UcpmpConfig>): StandardRun {
  const { options, tables, reconciliation } = run;
  const { config } = loaded;
  const results: UcpmpEventResult[] = [];
  let file: CsvFile | undefined;

  /** Every Actual line of a held event is in the statement, or (--no-strict, a bad row) left out. */
  const bucket = (of: EventOfPeriod, result: UcpmpEventResult) => {
    const invalid = result.problems.length > 0 && !options.strict;
    for (const line of [...of.tov.allocations, ...of.tov.unattributed])
      reconciliation.bucket(of.currency, line.category, invalid ? 'invalid-record' : 'disclosed', line.amount);
    if (!invalid) return;
    for (const expense of of.expenses)
      if (expense.Stage__c === 'Actual' && expense.Amount__c)
        tables.exclude({
          eventId: of.event.Id,
          expenseId: expense.Id,
          doctorId: expense.Doctor__c ?? null,
          category: expense.Category__c ?? 'Other',
          amount: expense.Amount__c,
          currency: of.currency,
          date: expense.Incurred_On__c ?? null,
          reason: 'invalid-record',
          detail: `The statement row of ${result.row.eventKey} failed validation; see validation.csv.`,
        });
  };

  return {
    takesEvent: (event, asOf) => isHeldEvent(event, asOf),
    addEvent(of: EventOfPeriod) {
      const result = ucpmpEvent({ ...of, company: run.company }, config, options.period, run.data.doctors);
      bucket(of, result);
      if (result.problems.length && !options.strict) result.problems.forEach((p) => tables.problem(p));
      else results.push(result);
    },
    async finish(): Promise<StandardOutcome> {
      const statement = ucpmpStatement(results, config, options.period, run.company);
      statement.problems.forEach((p) => tables.problem(p));
      const { header, rows } = ucpmpTable(statement, config);
      const csv = new CsvFile(path.join(run.work, `ucpmp-${options.period.label}-statement.csv`), header);
      file = csv;
      rows.forEach((row) => csv.add(row));
      csv.close();
      const declaration = () => ucpmpSelfDeclaration(statement.declaration, config);
      fs.writeFileSync(path.join(run.work, 'self-declaration.md'), documentMarkdown(declaration()));
      return {
        records: statement.rows.length,
        recipients: statement.rows.length,
        sheets: [
          {
            name: `UCPMP ${options.period.label}`,
            csvPath: csv.path,
            inBag: { file: `data/${path.basename(csv.path)}`, rows: csv.rows, sha256: csv.sha256 },
            numeric: header.slice(config.columns.length),
          },
        ],
        csvFiles: [csv.path],
        hashes: () => new Map([[path.basename(csv.path), csv.sha256]]),
        writePdf: async (work, reconciled) => {
          const document = declaration();
          document.blocks.push(...reconciliationBlock(reconciled));
          await writeDocumentPdf(path.join(work, 'self-declaration.pdf'), document, { creationDate: options.now?.() });
        },
      };
    },
    close() {
      file?.close();
    },
  };
}
