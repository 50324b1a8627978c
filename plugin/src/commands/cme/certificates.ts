import { Messages, SfError } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { buildCertificates } from '../../certificates/build.ts';
import type { CertificatesResult } from '../../certificates/build.ts';
import { certificatesConfigRoots } from '../../certificates/config.ts';
import { CertificateError } from '../../certificates/errors.ts';
import { OrgApi } from '../../org/api.ts';
import { explainReportError } from '../../report/explain.ts';
import { resolveCertificatesFlags } from '../../schema/certificates.ts';
import { toolVersion } from '../../version.ts';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@cme/plugin-cme', 'cme.certificates');

export type CmeCertificatesResult = CertificatesResult;

export default class CmeCertificates extends SfCommand<CmeCertificatesResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    event: Flags.string({ summary: messages.getMessage('flags.event.summary'), char: 'e', required: true }),
    'output-dir': Flags.string({ summary: messages.getMessage('flags.output-dir.summary'), char: 'd', required: true }),
    doctor: Flags.string({
      summary: messages.getMessage('flags.doctor.summary'),
      description: messages.getMessage('flags.doctor.description'),
      multiple: true,
      delimiter: ',',
    }),
    'config-dir': Flags.directory({ summary: messages.getMessage('flags.config-dir.summary'), exists: true }),
  };

  public async run(): Promise<CmeCertificatesResult> {
    const { flags } = await this.parse(CmeCertificates);
    const resolved = resolveCertificatesFlags({ event: flags.event, doctors: flags.doctor });
    if ('problems' in resolved)
      throw messages.createError('error.invalidFlags', [resolved.problems.map((p) => `  ${p}`).join('\n')]);
    const org = flags['target-org'];
    const conn = org.getConnection(flags['api-version']);
    const api = new OrgApi(conn);
    this.spinner.start(messages.getMessage('info.building', [resolved.flags.event]));
    try {
      const result = await buildCertificates(api, {
        event: resolved.flags.event,
        doctors: resolved.flags.doctors,
        outputDir: flags['output-dir'],
        configRoots: certificatesConfigRoots(flags['config-dir']),
        identity: { orgId: org.getOrgId(), username: org.getUsername() ?? '', instanceUrl: conn.instanceUrl },
        toolVersion: toolVersion(),
        onProgress: (message) => (this.spinner.status = message),
      });
      this.spinner.stop('done');
      const c = result.counts;
      if (!c.certificates) this.warn(messages.getMessage('info.nobodyEligible', [result.outputDir]));
      if (result.unconfirmed.length)
        this.warn(
          messages.getMessage('info.unconfirmed', [c.participants, result.unconfirmed.join(' '), result.configFile]),
        );
      for (const u of result.unprintable)
        this.warn(messages.getMessage('info.unprintable', [u.name, u.doctorId, u.characters.join(' ')]));
      this.log(
        messages.getMessage('info.done', [
          result.event.name ?? result.event.id,
          result.outputDir,
          c.certificates,
          c.physicians,
          c.participants,
          c.notEligible,
          result.apiCalls,
        ]),
      );
      return result;
    } catch (error) {
      this.spinner.stop('failed');
      if (error instanceof CertificateError) {
        const actions = messages.getMessages(`error.${error.code}.actions`, [error.detail.join(', ')]);
        throw new SfError(error.message, error.code, actions, 1);
      }
      throw explainReportError(error, messages, org.getUsername() ?? org.getOrgId());
    }
  }
}
