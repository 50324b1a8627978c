// What went wrong in a report command (the audit pack, a disclosure), as an SfError with the action
// to take; each command's messages file holds the texts under the same keys.
import { SfError } from '@salesforce/core';
import type { Messages } from '@salesforce/core';
import { OrgApiError } from '../org/api.ts';
import { ReportError } from './errors.ts';

export function explainReportError(error: unknown, messages: Messages<string>, orgName: string): Error {
  if (error instanceof ReportError) {
    const key = `error.${error.code}`;
    const actions = messages.getMessages(`${key}.actions`, [error.detail.join(', ')]);
    return new SfError(error.message, error.code, actions, 1);
  }
  if (error instanceof OrgApiError) {
    if (error.errorCode === 'INVALID_SESSION_ID')
      return messages.createError('error.session', [orgName, error.message], [], 1);
    return messages.createError('error.api', [error.message, error.errorCode], [], 1);
  }
  return error as Error;
}
