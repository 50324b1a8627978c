import fs from 'node:fs';
import path from 'node:path';
import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { dataFolders } from '../../../dataFolders.ts';
import type { DisclosureResult } from '../../../disclosure/build.ts';
import { DISCLOSURE_STANDARDS } from '../../../disclosure/types.ts';
import { explainReportError } from '../../../report/explain.ts';
import { buildInWorker, heapLimitMb } from '../../../report/heapBound.ts';
import { bulkThresholdFlag, xlsxDetailFlag } from '../../../report/flags.ts';
import { resolveDisclosureFlags } from '../../../schema/disclosureOptions.ts';
import { toolVersion } from '../../../version.ts';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@cme/plugin-cme', 'cme.report.disclosure');

export type CmeReportDisclosureResult = DisclosureResult;

const today = () => new Date().toISOString().slice(0, 10);

/** Where the disclosure data files are: --config-dir, else the data folders that exist (dataFolders.ts). */
export function disclosureConfigRoots(configDir: string | undefined, cwd = process.cwd()): string[] {
  if (configDir) return [path.resolve(configDir)];
  return dataFolders('disclosure', cwd).filter((dir) => fs.existsSync(dir));
}

export default class CmeReportDisclosure extends SfCommand<CmeReportDisclosureResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    standard: Flags.option({
      summary: messages.getMessage('flags.standard.summary'),
      options: DISCLOSURE_STANDARDS,
      required: true,
    })(),
    year: Flags.integer({ summary: messages.getMessage('flags.year.summary') }),
    'fiscal-year': Flags.integer({ summary: messages.getMessage('flags.fiscal-year.summary') }),
    country: Flags.string({
      summary: messages.getMessage('flags.country.summary'),
      multiple: true,
      delimiter: ',',
    }),
    format: Flags.string({
      summary: messages.getMessage('flags.format.summary'),
      multiple: true,
      delimiter: ',',
      default: ['csv', 'xlsx', 'pdf'],
    }),
    'output-dir': Flags.string({ summary: messages.getMessage('flags.output-dir.summary'), char: 'd', required: true }),
    strict: Flags.boolean({
      summary: messages.getMessage('flags.strict.summary'),
      description: messages.getMessage('flags.strict.description'),
      default: true,
      allowNo: true,
    }),
    'entity-name': Flags.string({ summary: messages.getMessage('flags.entity-name.summary') }),
    'registration-id': Flags.string({ summary: messages.getMessage('flags.registration-id.summary') }),
    'config-dir': Flags.directory({ summary: messages.getMessage('flags.config-dir.summary'), exists: true }),
    'as-of': Flags.string({ summary: messages.getMessage('flags.as-of.summary') }),
    'xlsx-detail': xlsxDetailFlag(messages),
    'bulk-threshold': bulkThresholdFlag(messages, 10_000),
  };

  public async run(): Promise<CmeReportDisclosureResult> {
    const { flags } = await this.parse(CmeReportDisclosure);
    const resolved = resolveDisclosureFlags({
      standard: flags.standard,
      year: flags.year,
      fiscalYear: flags['fiscal-year'],
      countries: flags.country,
      asOf: flags['as-of'] ?? today(),
      formats: flags.format,
    });
    if ('problems' in resolved)
      throw messages.createError('error.invalidFlags', [resolved.problems.map((p) => `  ${p}`).join('\n')]);
    const configRoots = disclosureConfigRoots(flags['config-dir']);
    const org = flags['target-org'];
    const conn = org.getConnection(flags['api-version']);
    this.spinner.start(messages.getMessage('info.building', [resolved.standard, resolved.period.label]));
    try {
      const result = await buildInWorker(
        'disclosure',
        conn,
        {
          ...resolved,
          strict: flags.strict,
          outputDir: flags['output-dir'],
          configRoots,
          reportingEntity: { name: flags['entity-name'], registrationId: flags['registration-id'] },
          xlsxDetail: flags['xlsx-detail'],
          identity: { orgId: org.getOrgId(), username: org.getUsername() ?? '', instanceUrl: conn.instanceUrl },
          toolVersion: toolVersion(),
          bulkThreshold: flags['bulk-threshold'],
        },
        { heapMb: heapLimitMb(), onProgress: (message) => (this.spinner.status = message) },
      );
      this.spinner.stop('done');
      const c = result.counts;
      if (c.problems) this.warn(messages.getMessage('info.invalidLeftOut', [c.problems]));
      this.log(
        messages.getMessage('info.done', [
          result.standard,
          result.period.label,
          result.period.start,
          result.period.end,
          result.outputDir,
          c.records,
          c.recipients,
          c.excluded,
          c.problems,
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
