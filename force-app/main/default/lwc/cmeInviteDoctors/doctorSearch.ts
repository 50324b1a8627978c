/**
 * The in-memory doctor search of "Invite doctors": every HCP is loaded once, given one precomputed
 * lower-case search text (name, specialty, territory, city), and filtered on each keystroke without a
 * round trip. Pure functions, so they are unit-tested and fast to reason about with 10,000 doctors.
 */
import { hcpName } from 'c/cmeDomain';
import type { Doctor } from 'c/cmeDomain';
import { displayOf, plainRecord } from 'c/cmeRecords';
import type { GraphqlNode } from 'c/cmeRecords';

/** A Contact as the doctors query returns it, flattened. */
export interface DoctorRecord extends Doctor {
  MailingCity?: string | null;
}

/** One doctor of the candidate list, ready to filter and show. */
export interface DoctorEntry {
  id: string;
  /** "Dr Asha Rao". */
  name: string;
  specialty: string;
  territory: string;
  city: string;
  /** The record as the domain core reads it. */
  doctor: DoctorRecord;
  /** Name, specialty, territory and city, lower-case and without accents. */
  search: string;
}

export interface DoctorFilter {
  /** Free text: every word must appear in the name, specialty, territory or city. */
  text?: string;
  /** Exact specialty, '' for all. */
  specialty?: string;
  /** Exact territory, '' for all. */
  territory?: string;
}

export interface FilterResult {
  /** The first `limit` matches, in list order. */
  shown: DoctorEntry[];
  /** How many doctors match in all. */
  total: number;
}

const ACCENTS = /[\u0300-\u036f]/g;

/** Lower case without diacritics, so "jose" finds "José" and "MUMBAI" finds "Mumbai". */
export function normaliseText(text: string | null | undefined): string {
  return (text ?? '').normalize('NFD').replace(ACCENTS, '').toLowerCase();
}

/** The words of a search, normalised; empty for blank input. */
export function searchTokens(text: string | null | undefined): string[] {
  const normalised = normaliseText(text).trim();
  return normalised ? normalised.split(/\s+/) : [];
}

/** A doctor entry from one GraphQL Contact node. */
export function doctorEntryFrom(node: GraphqlNode): DoctorEntry {
  const doctor = plainRecord<DoctorRecord>(node);
  const name = hcpName(doctor, doctor.Id);
  // The picklist's label, as users read it (the API value when the query has no display value).
  const specialty = displayOf(node, 'CME_Specialty__c');
  const territory = doctor.CME_Territory__c ?? '';
  const city = doctor.MailingCity ?? '';
  return {
    id: doctor.Id,
    name,
    specialty,
    territory,
    city,
    doctor,
    search: normaliseText([name, specialty, territory, city].join(' ')),
  };
}

/**
 * Adds a page of doctors to the list in arrival order. A doctor already in the list (a page fetched
 * again after a refresh) is replaced in place, never listed twice. Returns a new list.
 */
export function appendDoctors(list: readonly DoctorEntry[], page: readonly DoctorEntry[]): DoctorEntry[] {
  if (page.length === 0) return [...list];
  const position = new Map(list.map((entry, i) => [entry.id, i]));
  const out = [...list];
  for (const entry of page) {
    const at = position.get(entry.id);
    if (at === undefined) {
      position.set(entry.id, out.length);
      out.push(entry);
    } else out[at] = entry;
  }
  return out;
}

/** Whether a doctor matches the filter (tokens already normalised). */
function matches(entry: DoctorEntry, tokens: readonly string[], specialty: string, territory: string): boolean {
  if (specialty && entry.specialty !== specialty) return false;
  if (territory && entry.territory !== territory) return false;
  for (const token of tokens) if (!entry.search.includes(token)) return false;
  return true;
}

/**
 * The doctors matching a filter: the first `limit` of them to show and how many match in all. One
 * pass over the list with plain substring tests (about a millisecond for 10,000 doctors).
 */
export function filterDoctors(entries: readonly DoctorEntry[], filter: DoctorFilter, limit: number): FilterResult {
  const tokens = searchTokens(filter.text);
  const specialty = filter.specialty ?? '';
  const territory = filter.territory ?? '';
  const shown: DoctorEntry[] = [];
  let total = 0;
  for (const entry of entries) {
    if (!matches(entry, tokens, specialty, territory)) continue;
    if (shown.length < limit) shown.push(entry);
    total += 1;
  }
  return { shown, total };
}

/** Whether any filter is set. */
export function isFiltered(filter: DoctorFilter): boolean {
  return searchTokens(filter.text).length > 0 || !!filter.specialty || !!filter.territory;
}

/** The distinct non-blank values of a field across the list, sorted for a picker. */
export function distinctValues(entries: readonly DoctorEntry[], field: 'specialty' | 'territory' | 'city'): string[] {
  const values = new Set<string>();
  for (const entry of entries) if (entry[field]) values.add(entry[field]);
  return [...values].sort((a, b) => a.localeCompare(b));
}
