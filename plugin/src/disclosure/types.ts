// What the disclosure standards share: the period, the HCP and the transfer-of-value line as the
// disclosure reads them, and the two lists every standard writes beside its file (excluded lines with
// their reason, record problems with the field and the fix). The per-standard modules (openPayments.ts,
// efpia.ts, ucpmp.ts) are pure: they take these and return rows; build.ts reads the org and writes files.
import type { CmeEvent, Doctor, IsoDate, TovAllocation } from '../domain/cmeDomain.ts';

export type DisclosureStandardName = 'open-payments' | 'efpia' | 'ucpmp';
export const DISCLOSURE_STANDARDS: readonly DisclosureStandardName[] = ['open-payments', 'efpia', 'ucpmp'];

/** The reporting period, both days included: PY2025 (Open Payments), 2025 (EFPIA), FY2025-26 (UCPMP). */
export interface DisclosurePeriod {
  start: IsoDate;
  end: IsoDate;
  /** "PY2025", "2025", "FY2025-26". */
  label: string;
  /** The calendar year (Open Payments, EFPIA) or the year the financial year starts in (UCPMP). */
  year: number;
}

/** An HCP (Contact) as a disclosure reads them: the domain's Doctor and the mailing address. */
export interface DisclosureDoctor extends Doctor {
  CME_HCP_Key__c?: string | null;
  MailingStreet?: string | null;
  MailingCity?: string | null;
  /** The state's name or code as the org holds it (orgs with State and Country picklists: the code field). */
  MailingState?: string | null;
  MailingPostalCode?: string | null;
  /** ISO 3166-1 alpha-2 code or the country's name, as the org holds it. */
  MailingCountry?: string | null;
}

/** An event as a disclosure reads it (the domain's event and its external id). */
export type DisclosureEvent = CmeEvent & { Event_Key__c?: string | null };

/**
 * One HCP's part of one Actual expense line (the domain core's allocation, so the disclosure and the
 * audit pack's ledger can never disagree), with the currency of the rule pack that judges its event.
 */
export interface DisclosureLine extends TovAllocation {
  currency: string;
}

/**
 * Why a line of the ledger is not in the disclosure file. Every Actual line of the period's events is
 * either disclosed, in an aggregate row (EFPIA, no consent) or excluded with one of these reasons, so
 * the reconciliation can tie the file to the ledger to the cent.
 */
export type ExclusionReason =
  /** Open Payments: below the item threshold, and the HCP's small payments stay under the aggregate. */
  | 'below-threshold'
  /** Open Payments: buffet food and beverage at a conference (42 CFR 403.904). */
  | 'conference-buffet'
  /** Open Payments: the recipient is not a covered recipient (no NPI, or a type CMS does not cover). */
  | 'not-a-covered-recipient'
  /** A shared line no HCP received (venue with no attendee, accreditation fee): not a transfer to an HCP. */
  | 'not-a-transfer-to-hcps'
  | 'no-eligible-attendees'
  /** --no-strict: the record failed validation and is in validation.csv, not in the file. */
  | 'invalid-record';

export interface ExcludedLine {
  eventId: string;
  expenseId: string;
  /** Null for a line no HCP received. */
  doctorId: string | null;
  category: string;
  amount: number;
  currency: string;
  date: IsoDate | null;
  reason: ExclusionReason;
  /** In words, for the person reading excluded.csv. */
  detail: string;
}

/** One problem with one record of a disclosure file, as validation.csv lists it. */
export interface RecordProblem {
  /** The record's id in the file (Open Payments Record_ID, EFPIA row key, UCPMP event key); '' for a file-level problem. */
  recordId: string;
  doctorId: string | null;
  eventId: string | null;
  /** The column (the data file's name for it). */
  field: string;
  value: string;
  problem: string;
  /** What to change, and where (the Contact field, the expense line, the flag). */
  fix: string;
}
