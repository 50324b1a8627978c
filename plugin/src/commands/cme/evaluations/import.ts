import { Messages, SfError } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { OrgApi } from '../../../org/api.ts';
import { EvaluationsImportError, importEvaluations } from '../../../evaluations/run.ts';
import type { EvaluationsImportResult } from '../../../evaluations/run.ts';
import { explainReportError } from '../../../report/explain.ts';
import { defaultReviewFile } from '../../../schema/attendanceImport.ts';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@cme/plugin-cme', 'cme.evaluations.import');

export type CmeEvaluationsImportResult = EvaluationsImportResult;

export default class CmeEvaluationsImport extends SfCommand<CmeEvaluationsImportResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    event: Flags.string({ summary: messages.getMessage('flags.event.summary'), char: 'e', required: true }),
    file: Flags.file({ summary: messages.getMessage('flags.file.summary'), char: 'f', required: true, exists: true }),
    columns: Flags.file({ summary: messages.getMessage('flags.columns.summary'), exists: true }),
    'time-zone': Flags.string({ summary: messages.getMessage('flags.time-zone.summary') }),
    'review-file': Flags.string({ summary: messages.getMessage('flags.review-file.summary') }),
    'dry-run': Flags.boolean({ summary: messages.getMessage('flags.dry-run.summary'), default: false }),
  };

  public async run(): Promise<CmeEvaluationsImportResult> {
    const { flags } = await this.parse(CmeEvaluationsImport);
    const org = flags['target-org'];
    const api = new OrgApi(org.getConnection(flags['api-version']));
    this.spinner.start(messages.getMessage('info.starting', [flags.file]));
    let result: EvaluationsImportResult;
    try {
      result = await importEvaluations(api, {
        event: flags.event,
        file: flags.file,
        columnsFile: flags.columns,
        // Beside the survey export, <name>.review.csv, as the attendance import puts its review file.
        reviewFile: flags['review-file'] ?? defaultReviewFile(flags.file),
        dryRun: flags['dry-run'],
        timeZone: flags['time-zone'],
        onProgress: (message) => (this.spinner.status = message),
      });
      this.spinner.stop(flags['dry-run'] ? 'dry run' : 'done');
    } catch (error) {
      this.spinner.stop('failed');
      throw this.explain(error, org.getUsername() ?? org.getOrgId());
    }
    const c = result.counts;
    this.log(
      messages.getMessage(result.dryRun ? 'info.dryRun' : 'info.done', [
        result.event.name,
        result.tool,
        c.respondents + c.invalid,
        result.dryRun ? c.toWrite : c.written,
        c.unchanged,
        c.kept,
        c.refused,
        result.apiCalls,
      ]),
    );
    const review = result.review.entries;
    if (review.length) {
      this.warn(messages.getMessage('info.review', [review.length, result.review.file]));
      for (const entry of review.slice(0, 20))
        this.log(
          `  line ${entry.lines.join(', ')}  ${entry.name || entry.email || '(no name)'}: ${entry.problem} — ${entry.fix}`,
        );
      if (review.length > 20) this.log(messages.getMessage('info.moreInReview', [review.length - 20]));
    }
    if (result.stoppedBy) this.warn(messages.getMessage('info.stopped', [result.stoppedBy, c.notSent]));
    if (c.refused || c.notSent) {
      // As sf cme attendance import: exit 1, with what was and was not written as the error's data (--json).
      const error = messages.createError('error.WritesFailed', [
        c.written,
        c.toWrite,
        c.refused,
        c.notSent,
        result.stoppedBy ? ` (${result.stoppedBy})` : '',
        result.review.file,
      ]);
      error.setData(result as unknown as Parameters<SfError['setData']>[0]);
      throw error;
    }
    return result;
  }

  /** An error with the action to take, from the messages file; the org's errors as the report commands explain them. */
  private explain(error: unknown, orgName: string): Error {
    if (error instanceof EvaluationsImportError)
      return new SfError(
        messages.getMessage(`error.${error.code}`, [error.message]),
        error.code,
        messages.getMessages(`error.${error.code}.actions`),
        1,
      );
    return explainReportError(error, messages, orgName);
  }
}
