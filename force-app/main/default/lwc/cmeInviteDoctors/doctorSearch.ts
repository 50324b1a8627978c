/**
 * The doctor search of "Invite doctors", run by the server: the user's words, the specialty and the
 * territory become one GraphQL `where` (a Contact_Filter), so an org with 50,000 HCPs sends back one
 * page of matches and their count, never the whole list. Pure functions, unit-tested.
 *
 * Why a server search and not paging through every HCP: Salesforce's GraphQL API returns at most
 * 2,000 records per page (`first`) and cursor paging without `upperBound` stops at 4,000 records
 * ("Paginate with Record Connections", developer.salesforce.com/docs/platform/graphql/guide/paginate-use.html);
 * `upperBound` lifts that ("Paginate with Upper-Bound Limit", …/paginate-use-upperbound.html) but
 * loading 50,000 contacts into a browser to search them there is slow and heavy on a phone. A rep looks
 * for a few doctors by name, specialty, territory or city; the server answers that from its indexes.
 */
import { hcpName } from 'c/cmeDomain';
import type { Doctor } from 'c/cmeDomain';
import { connectionOf, displayOf, mergeByKey, plainRecord } from 'c/cmeRecords';
import type { GraphqlNode } from 'c/cmeRecords';

/** Doctors per page of search results (more with "Show more", by cursor). */
export const DEFAULT_ROWS = 25;
/** The largest page the screen asks for (GraphQL allows up to 2,000; a screen needs far fewer). */
const MAX_PAGE_ROWS = 200;

/** The page size a `rowsPerPage` setting asks for: a whole number from 1 to MAX_PAGE_ROWS, else DEFAULT_ROWS. */
export function pageRowsOf(rowsPerPage: unknown): number {
  const n = Number(rowsPerPage);
  return Number.isInteger(n) && n > 0 ? Math.min(n, MAX_PAGE_ROWS) : DEFAULT_ROWS;
}

/** A Contact as the doctors query returns it, flattened. */
export interface DoctorRecord extends Doctor {
  MailingCity?: string | null;
}

/** One doctor of the result list, ready to show. */
export interface DoctorEntry {
  id: string;
  /** "Dr Asha Rao". */
  name: string;
  specialty: string;
  territory: string;
  city: string;
  /** The record as the domain core reads it. */
  doctor: DoctorRecord;
}

export interface DoctorFilter {
  /** Free text: every word must appear in the name, specialty, territory or city. */
  text?: string;
  /** Exact specialty (API value), '' for all. */
  specialty?: string;
  /** Territory text, '' for all. */
  territory?: string;
}

/** A picklist value as getPicklistValues gives it. */
export interface SpecialtyOption {
  label: string;
  value: string;
}

const ACCENTS = /[\u0300-\u036f]/g;

/** Lower case without diacritics, so "jose" finds the "José" label and "MUMBAI" finds "Mumbai". */
export function normaliseText(text: string | null | undefined): string {
  return (text ?? '').normalize('NFD').replace(ACCENTS, '').toLowerCase();
}

/**
 * The words of a search as typed (the server compares case-insensitively), empty for blank input.
 * LIKE's wildcards `%` and `_` (and the escape `\`) separate words: a user's `%` never widens a search.
 */
export function searchTokens(text: string | null | undefined): string[] {
  const cleaned = (text ?? '').replace(/[%_\\]/g, ' ').trim();
  return cleaned ? cleaned.split(/\s+/) : [];
}

/** `%word%`: contains, in SOQL LIKE as the GraphQL `like` operator passes it on. */
export function likePattern(token: string): string {
  return `%${token}%`;
}

/**
 * The specialty values whose label contains the word (accents and case ignored). Specialty is a
 * picklist: the GraphQL filter compares its API value, while users type what they read (the label),
 * so the word is matched against the labels here and sent as an `in` over their values.
 */
export function specialtyValuesMatching(token: string, options: readonly SpecialtyOption[]): string[] {
  const word = normaliseText(token);
  return options.filter((o) => o.value && normaliseText(o.label).includes(word)).map((o) => o.value);
}

/** An HCP: a contact with an HCP type or a specialty. */
export const HCP_FILTER: Readonly<Record<string, unknown>> = Object.freeze({
  or: [{ CME_Primary_Type__c: { ne: null } }, { CME_Specialty__c: { ne: null } }],
});

/**
 * The Contact_Filter of a search: HCPs only, and for each word an `or` of `like` over Name,
 * territory and city plus the specialties whose label contains it; the specialty picker as `eq`,
 * the territory box as `like`. Field operators as in "Field Operators" and "Boolean Operators"
 * (developer.salesforce.com/docs/platform/graphql/guide/filter-fields.html).
 */
export function doctorWhere(filter: DoctorFilter, specialties: readonly SpecialtyOption[]): Record<string, unknown> {
  const parts: Record<string, unknown>[] = [HCP_FILTER as Record<string, unknown>];
  for (const token of searchTokens(filter.text)) {
    const pattern = likePattern(token);
    const any: Record<string, unknown>[] = [
      { Name: { like: pattern } },
      { CME_Territory__c: { like: pattern } },
      { MailingCity: { like: pattern } },
    ];
    const values = specialtyValuesMatching(token, specialties);
    if (values.length) any.push({ CME_Specialty__c: { in: values } });
    parts.push({ or: any });
  }
  if (filter.specialty) parts.push({ CME_Specialty__c: { eq: filter.specialty } });
  const territory = searchTokens(filter.territory).join(' ');
  if (territory) parts.push({ CME_Territory__c: { like: likePattern(territory) } });
  return parts.length === 1 ? parts[0] : { and: parts };
}

/** A doctor entry from one GraphQL Contact node. */
export function doctorEntryFrom(node: GraphqlNode): DoctorEntry {
  const doctor = plainRecord<DoctorRecord>(node);
  return {
    id: doctor.Id,
    name: hcpName(doctor, doctor.Id),
    // The picklist's label, as users read it (the API value when the query has no display value).
    specialty: displayOf(node, 'CME_Specialty__c'),
    territory: doctor.CME_Territory__c ?? '',
    city: doctor.MailingCity ?? '',
    doctor,
  };
}

/** One page of the doctors query: its doctors, the count of all matches, the cursor of the next page. */
export function doctorPageFrom(data: unknown): {
  entries: DoctorEntry[];
  totalCount: number;
  nextCursor: string | null;
} {
  const connection = connectionOf(data, 'Contact');
  const info = connection?.pageInfo;
  return {
    entries: (connection?.edges ?? []).map((e) => doctorEntryFrom(e.node)),
    totalCount: connection?.totalCount ?? 0,
    nextCursor: info?.hasNextPage && info.endCursor ? info.endCursor : null,
  };
}

/**
 * Adds a page of doctors to the list in arrival order. A doctor already in the list (a page fetched
 * again after a refresh) is replaced in place, never listed twice. Returns a new list.
 */
export function appendDoctors(list: readonly DoctorEntry[], page: readonly DoctorEntry[]): DoctorEntry[] {
  return mergeByKey((entry) => entry.id, list, page);
}

/** Whether any filter is set. */
export function isFiltered(filter: DoctorFilter): boolean {
  return searchTokens(filter.text).length > 0 || !!filter.specialty || searchTokens(filter.territory).length > 0;
}

/** Whether two filters ask the same thing (so a keystroke that changes nothing sends nothing). */
export function sameFilter(a: DoctorFilter, b: DoctorFilter): boolean {
  return (
    searchTokens(a.text).join(' ') === searchTokens(b.text).join(' ') &&
    (a.specialty ?? '') === (b.specialty ?? '') &&
    searchTokens(a.territory).join(' ') === searchTokens(b.territory).join(' ')
  );
}
