// Flags the report commands share, each described by the command's own messages file under the same
// keys (flags.<name>.summary, …), so the texts stay the command's and the behaviour is written once.
import type { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { DEFAULT_XLSX_DETAIL, parseXlsxDetail } from './types.ts';

/** --xlsx-detail: a whole number of rows (10000 or 10,000) or "all"; messages error.xlsxDetail on anything else. */
export function xlsxDetailFlag(messages: Messages<string>) {
  return Flags.custom<number | 'all'>({
    summary: messages.getMessage('flags.xlsx-detail.summary'),
    description: messages.getMessage('flags.xlsx-detail.description', [DEFAULT_XLSX_DETAIL.toLocaleString('en-US')]),
    default: DEFAULT_XLSX_DETAIL,
    parse: async (input: string) => {
      const detail = parseXlsxDetail(input);
      if (detail === undefined) throw messages.createError('error.xlsxDetail', [input]);
      return detail;
    },
  })();
}

/** --bulk-threshold: objects with more rows than this are read (or written) with Bulk API 2.0. */
export function bulkThresholdFlag(messages: Messages<string>, rows: number) {
  return Flags.integer({ summary: messages.getMessage('flags.bulk-threshold.summary'), default: rows, min: 0 });
}
