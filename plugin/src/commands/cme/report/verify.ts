import { Messages, SfError } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { verifyBag } from '../../../report/bagit.ts';
import type { BagProblem } from '../../../report/bagit.ts';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@cme/plugin-cme', 'cme.report.verify');

export interface CmeReportVerifyResult {
  dir: string;
  valid: boolean;
  /** Files re-hashed. */
  checked: number;
  /** Each changed, missing, unexpected or malformed file. */
  problems: BagProblem[];
}

export default class CmeReportVerify extends SfCommand<CmeReportVerifyResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    dir: Flags.directory({ summary: messages.getMessage('flags.dir.summary'), required: true, exists: true }),
  };

  public async run(): Promise<CmeReportVerifyResult> {
    const { flags } = await this.parse(CmeReportVerify);
    const verification = verifyBag(flags.dir);
    const result = { dir: flags.dir, ...verification };
    if (!verification.valid) {
      const error = messages.createError('error.invalid', [
        flags.dir,
        verification.problems.map((p) => `  ${p.detail}`).join('\n'),
      ]);
      throw new SfError(error.message, 'PackChanged', error.actions, 1).setData(
        result as unknown as Record<string, string>,
      );
    }
    this.log(messages.getMessage('info.valid', [flags.dir, verification.checked]));
    return result;
  }
}
