import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { explainReportError } from '../../../report/explain.ts';
import { buildInWorker, heapLimitMb } from '../../../report/heapBound.ts';
import { bulkThresholdFlag, xlsxDetailFlag } from '../../../report/flags.ts';
import type { ComplianceReportResult } from '../../../report/types.ts';
import { resolveReportFlags } from '../../../schema/reportOptions.ts';
import { toolVersion } from '../../../version.ts';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@cme/plugin-cme', 'cme.report.compliance');

export type CmeReportComplianceResult = ComplianceReportResult;

const today = () => new Date().toISOString().slice(0, 10);

export default class CmeReportCompliance extends SfCommand<CmeReportComplianceResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    from: Flags.string({ summary: messages.getMessage('flags.from.summary') }),
    to: Flags.string({ summary: messages.getMessage('flags.to.summary') }),
    year: Flags.integer({ summary: messages.getMessage('flags.year.summary') }),
    'fiscal-year': Flags.integer({ summary: messages.getMessage('flags.fiscal-year.summary') }),
    'rule-pack': Flags.string({ summary: messages.getMessage('flags.rule-pack.summary') }),
    format: Flags.string({
      summary: messages.getMessage('flags.format.summary'),
      multiple: true,
      delimiter: ',',
      default: ['csv', 'xlsx', 'pdf'],
    }),
    'xlsx-detail': xlsxDetailFlag(messages),
    'output-dir': Flags.string({ summary: messages.getMessage('flags.output-dir.summary'), char: 'd', required: true }),
    'as-of': Flags.string({ summary: messages.getMessage('flags.as-of.summary') }),
    'bulk-threshold': bulkThresholdFlag(messages, 10_000),
  };

  public async run(): Promise<CmeReportComplianceResult> {
    const { flags } = await this.parse(CmeReportCompliance);
    const resolved = resolveReportFlags({
      from: flags.from,
      to: flags.to,
      year: flags.year,
      fiscalYear: flags['fiscal-year'],
      asOf: flags['as-of'] ?? today(),
      formats: flags.format,
    });
    if ('problems' in resolved)
      throw messages.createError('error.invalidFlags', [resolved.problems.map((p) => `  ${p}`).join('\n')]);
    const org = flags['target-org'];
    const conn = org.getConnection(flags['api-version']);
    this.spinner.start('Building the audit pack');
    try {
      const result = await buildInWorker(
        'compliance',
        conn,
        {
          ...resolved,
          rulePack: flags['rule-pack'],
          outputDir: flags['output-dir'],
          identity: { orgId: org.getOrgId(), username: org.getUsername() ?? '', instanceUrl: conn.instanceUrl },
          toolVersion: toolVersion(),
          bulkThreshold: flags['bulk-threshold'],
          xlsxDetail: flags['xlsx-detail'],
        },
        { heapMb: heapLimitMb(), onProgress: (message) => (this.spinner.status = message) },
      );
      this.spinner.stop('done');
      if (result.counts.eventsWithoutRulePack)
        this.warn(messages.getMessage('info.noPack', [result.counts.eventsWithoutRulePack]));
      const c = result.counts;
      this.log(
        messages.getMessage('info.done', [
          resolved.window.label,
          resolved.window.start,
          resolved.window.end,
          result.outputDir,
          c.events,
          c.attendance,
          c.transfersOfValue,
          c.findings,
          c.blockingFindings,
          result.apiCalls,
        ]),
      );
      return result;
    } catch (error) {
      this.spinner.stop('failed');
      throw explainReportError(error, messages, org.getUsername() ?? org.getOrgId());
    }
  }
}
