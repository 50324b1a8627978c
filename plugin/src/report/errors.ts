// The report's failures that the command turns into messages with actions.
import { OrgApiError } from '../org/api.ts';

export type ReportErrorCode =
  | 'MissingPackage'
  | 'NoRulePacks'
  | 'UnknownRulePack'
  | 'OutputExists'
  | 'OutputNotWritable'
  /** Disclosure: no rule pack of the org discloses under the standard asked for. */
  | 'NoStandardPack'
  /** Disclosure: nothing to disclose in the period (no events, or no lines, of the standard). */
  | 'NothingToDisclose'
  /** Disclosure: --country names a country without recipients in the period. */
  | 'UnknownCountry'
  /** Disclosure: no data file for the standard and year under config/disclosure. */
  | 'NoDisclosureConfig'
  /** Disclosure: the data file is there but unreadable, not JSON, invalid, or for another year. */
  | 'BadDisclosureConfig'
  /** Disclosure (--strict): records a regulator would refuse; see validation.csv. */
  | 'InvalidRecords'
  /** Disclosure: the file's totals do not tie to the audit pack's ledger. */
  | 'Unreconciled'
  /** The builder's worker ran out of its heap (heapBound.ts). */
  | 'OutOfMemory'
  /** CME_REPORT_HEAP_MB is not a whole number of at least 64. */
  | 'BadHeapLimit';

export class ReportError extends Error {
  public readonly code: ReportErrorCode;
  public readonly detail: string[];

  public constructor(code: ReportErrorCode, message: string, detail: string[] = []) {
    super(message);
    this.name = 'ReportError';
    this.code = code;
    this.detail = detail;
  }
}

/** INVALID_TYPE / INVALID_FIELD on our objects: the package is not (fully) installed. */
export function isMissingPackage(error: unknown): error is OrgApiError {
  return error instanceof OrgApiError && (error.errorCode === 'INVALID_TYPE' || error.errorCode === 'INVALID_FIELD');
}

/** The report's error for an org without the package (see isMissingPackage). */
export function missingPackage(error: unknown): ReportError | undefined {
  if (!isMissingPackage(error)) return undefined;
  return new ReportError(
    'MissingPackage',
    `This org does not have CME Manager installed: ${error.message.split('\n').pop()}`,
  );
}

/** Runs a read; an error that says our objects are missing becomes MissingPackage. */
export async function packageCheck<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw missingPackage(error) ?? error;
  }
}
