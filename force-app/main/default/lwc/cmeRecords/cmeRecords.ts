/**
 * Turns what Lightning Data Service returns (GraphQL connections and UI API records, where every
 * field is `{ value, displayValue }`) into the plain records the domain core reads, and picks the
 * rule pack an event is judged by. Pure functions: the screens wire the data, this shapes it.
 */
import { parseRulePacks } from 'c/cmeDomain';
import type {
  Attendance,
  CmeEvent,
  ComplianceInput,
  Doctor,
  Expense,
  Invitation,
  RulePack,
  RulePackRecord,
  RuleRecord,
} from 'c/cmeDomain';

/** One GraphQL node: scalar fields as `{ value, displayValue }`, parents as nodes, children as connections. */
export type GraphqlNode = Record<string, unknown>;

export interface Connection {
  edges?: { node: GraphqlNode; cursor?: string }[];
  totalCount?: number;
  pageInfo?: { hasNextPage: boolean; endCursor: string | null };
}

interface FieldValue {
  value: unknown;
  displayValue?: string | null;
}

function isFieldValue(value: unknown): value is FieldValue {
  return typeof value === 'object' && value !== null && 'value' in value && !('edges' in value);
}

function isConnection(value: unknown): value is Connection {
  return typeof value === 'object' && value !== null && 'edges' in value;
}

/**
 * `{ Id, Name: { value: 'X' }, Event__r: { Name: { value: 'Y' } } }` → `{ Id, Name: 'X', Event__r: { Name: 'Y' } }`.
 * Child connections become arrays of plain records.
 */
export function plainRecord<T = Record<string, unknown>>(node: GraphqlNode | null | undefined): T {
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(node ?? {})) {
    if (isFieldValue(raw)) out[key] = raw.value;
    else if (isConnection(raw)) out[key] = (raw.edges ?? []).map((e) => plainRecord(e.node));
    else if (typeof raw === 'object' && raw !== null) out[key] = plainRecord(raw as GraphqlNode);
    else out[key] = raw;
  }
  return out as T;
}

/** `{ Name: { displayValue: 'Accepted' } }` → the display value, else the value as text, else ''. */
export function displayOf(node: GraphqlNode | null | undefined, field: string): string {
  const raw = node?.[field];
  if (!isFieldValue(raw)) return '';
  if (raw.displayValue !== undefined && raw.displayValue !== null) return raw.displayValue;
  return raw.value === null || raw.value === undefined ? '' : String(raw.value);
}

/** The connection for an object in a `uiapi { query { … } }` result, if present. */
export function connectionOf(data: unknown, objectApiName: string): Connection | undefined {
  const query = (data as { uiapi?: { query?: Record<string, Connection> } } | undefined)?.uiapi?.query;
  return query?.[objectApiName];
}

/** The nodes of an object's connection, as GraphQL returned them. */
export function nodesOf(data: unknown, objectApiName: string): GraphqlNode[] {
  return (connectionOf(data, objectApiName)?.edges ?? []).map((e) => e.node);
}

/** The plain records of an object's connection. */
export function recordsOf<T = Record<string, unknown>>(data: unknown, objectApiName: string): T[] {
  return nodesOf(data, objectApiName).map((n) => plainRecord<T>(n));
}

/** totalCount of an object's connection (0 when the query did not ask for it). */
export function totalCountOf(data: unknown, objectApiName: string): number {
  return connectionOf(data, objectApiName)?.totalCount ?? 0;
}

/** The domain input from one GraphQL result that queried any of the CME objects and Contact. */
export function complianceInputFrom(data: unknown): ComplianceInput {
  return {
    events: recordsOf<CmeEvent>(data, 'CME_Event__c'),
    invitations: recordsOf<Invitation>(data, 'CME_Invitation__c'),
    attendance: recordsOf<Attendance>(data, 'CME_Attendance__c'),
    expenses: recordsOf<Expense>(data, 'CME_Expense__c'),
    doctors: recordsOf<Doctor>(data, 'Contact'),
  };
}

/**
 * Merges lists of records (pages of one query, or several queries) by key, without repeats: in
 * first-seen order, a later copy of a record replacing the earlier one in place (a page fetched again
 * after a refresh updates its rows). Returns a new list.
 */
export function mergeByKey<T>(keyOf: (record: T) => string, ...lists: (readonly T[] | undefined)[]): T[] {
  const byKey = new Map<string, T>();
  for (const list of lists) for (const record of list ?? []) byKey.set(keyOf(record), record);
  return [...byKey.values()];
}

/** Merges inputs from several queries (an event's own records and its HCPs' history), without repeats. */
export function mergeComplianceInputs(...inputs: ComplianceInput[]): ComplianceInput {
  const merge = <T extends { Id: string }>(lists: (readonly T[] | undefined)[]): T[] =>
    mergeByKey((record) => record.Id, ...lists);
  return {
    events: merge(inputs.map((i) => i.events)),
    invitations: merge(inputs.map((i) => i.invitations)),
    attendance: merge(inputs.map((i) => i.attendance)),
    expenses: merge(inputs.map((i) => i.expenses)),
    doctors: merge(inputs.map((i) => i.doctors)),
  };
}

/** The rule packs in a GraphQL result that queried CME_Rule_Pack__c and CME_Rule__c (Rule_Pack__c set). */
export function rulePacksFrom(data: unknown): RulePack[] {
  const packs = recordsOf<RulePackRecord>(data, 'CME_Rule_Pack__c');
  const rules = recordsOf<RuleRecord>(data, 'CME_Rule__c');
  return [...parseRulePacks(packs, rules).values()];
}

/**
 * The pack an event is judged by: the one it names, else the only active pack, else none (the
 * screens then say that no rule pack applies rather than guess between several).
 */
export function rulePackFor(
  event: Pick<CmeEvent, 'Rule_Pack__c'> | undefined,
  packs: readonly RulePack[],
): RulePack | undefined {
  if (event?.Rule_Pack__c) {
    const named = packs.find((p) => p.id === event.Rule_Pack__c);
    if (named) return named;
  }
  return packs.length === 1 ? packs[0] : undefined;
}

/** Today as 'YYYY-MM-DD' in UTC, the day the domain core evaluates on. */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * After a write that worked: the screen's wire `refresh` (lightning/graphql puts it on each result)
 * and `notify` (notifyRecordUpdateAvailable) for the records written, so the page's other components
 * reload them. A failed reload is dropped: the write stands and the next load catches up.
 */
export async function refreshAfterWrite(
  refresh: (() => Promise<void>) | undefined,
  recordIds: readonly (string | null | undefined)[],
  notify: (records: { recordId: string }[]) => Promise<unknown>,
): Promise<void> {
  const records = recordIds.filter((id): id is string => !!id).map((recordId) => ({ recordId }));
  try {
    await Promise.all([refresh?.(), records.length ? notify(records) : undefined]);
  } catch {
    // The write succeeded; the screen shows it on its next load.
  }
}
