// SOQL engine contracts: what callers pass in (context, security, database) and get back (records,
// column metadata), and the limits Salesforce sets.
import type { SQLInputValue, SQLOutputValue } from 'node:sqlite';
import type { FieldDef, ObjectDef } from '../schema.ts';

export interface QueryContext {
  /** queryAll: soft-deleted rows (IsDeleted = 1) are visible. */
  includeDeleted: boolean;
  /** The instant date literals (TODAY, THIS_WEEK…) are relative to. */
  now: Date;
  /** The org's fiscal year start month, 1–12 (Organization.FiscalYearStartMonth). */
  fiscalYearStartMonth: number;
  /** The running user (USING SCOPE mine). */
  userId: string;
  /**
   * The running user's object, field and record access; absent for users who see everything (the
   * admin), whose queries then carry no access filter at all.
   */
  security?: QuerySecurity;
}

/** What the running user may see: objects, fields, and records as an SQL condition. */
export interface QuerySecurity {
  canReadObject(object: ObjectDef): boolean;
  canReadField(object: ObjectDef, field: FieldDef): boolean;
  /** SQL condition on `alias` for the rows the user may read; undefined when all rows qualify. */
  recordFilter(
    object: ObjectDef,
    alias: string,
    access: 'read',
    param: (value: string | number | null) => string,
  ): string | undefined;
}

/** One record (or AggregateResult) in the REST JSON shape. */
export type QueryRecord = Record<string, unknown>;

/** One entry of `columnMetadata` in the answer to `query?q=…&columns=true` (what `sf data query` reads). */
export interface ColumnMetadata {
  aggregate: boolean;
  apexType: string | null;
  booleanType: boolean;
  columnName: string;
  custom: boolean;
  displayName: string;
  foreignKeyName: string | null;
  insertable: boolean;
  joinColumns: ColumnMetadata[];
  numberType: boolean;
  textType: boolean;
  updatable: boolean;
}

export interface QueryColumns {
  columnMetadata: ColumnMetadata[];
  entityName: string;
  groupBy: boolean;
  idSelected: boolean;
  keyPrefix: string | null;
}

/** The part of node:sqlite's StatementSync the engine uses (a DatabaseSync satisfies QueryDatabase). */
export interface QueryStatement {
  iterate(params: Record<string, SQLInputValue>): Iterator<Record<string, SQLOutputValue>>;
  all(params: Record<string, SQLInputValue>): Record<string, SQLOutputValue>[];
  get(params: Record<string, SQLInputValue>): Record<string, SQLOutputValue> | undefined;
}

export interface QueryDatabase {
  prepare(sql: string): QueryStatement;
}

/** Parents whose child subqueries are fetched with one statement. */
export const CHILD_BATCH_SIZE = 200;
export const MAX_OFFSET = 2000;
export const MAX_PARENT_DEPTH = 5;
