// The local org's SOQL engine: parses SOQL with @jetstreamapp/soql-parser-js, checks it against the
// org schema the way Salesforce does, compiles it to one SQLite statement over the tables of
// ../storage.ts, and shapes the rows as the REST API returns them.
//
// Supported
//   SELECT  fields, Id, parent paths up to 5 levels (Event__r.Name, Invitation__r.Event__r.Name,
//           Owner.Name; polymorphic What/Who: Id, Name, Type), child subqueries
//           (SELECT … FROM Invitations__r WHERE … ORDER BY … LIMIT n OFFSET m) run once per batch of
//           200 parents, FIELDS(STANDARD), FIELDS(CUSTOM) (LIMIT ≤ 200), COUNT(),
//           COUNT/COUNT_DISTINCT/SUM/AVG/MIN/MAX with aliases (unaliased: expr0, expr1, …)
//   FROM    any object of the schema, case-insensitive, with an optional alias (FROM Contact c)
//   USING SCOPE everything | mine (OwnerId = the running user)
//   WHERE   = != <> < <= > >= IN, NOT IN, LIKE, INCLUDES, EXCLUDES; AND, OR, NOT, parentheses; null;
//           semi-joins Id IN (SELECT Ref__c FROM X WHERE …) and anti-joins NOT IN; string, number,
//           boolean, date, datetime (Z or ±hh:mm) literals checked against the field type; 15- and
//           18-character ids; date literals TODAY, YESTERDAY, TOMORROW, THIS/LAST/NEXT_WEEK|MONTH|
//           QUARTER|YEAR|FISCAL_QUARTER|FISCAL_YEAR, LAST_90_DAYS, NEXT_90_DAYS, LAST_N_x:n, NEXT_N_x:n,
//           N_x_AGO:n for DAYS, WEEKS, MONTHS, QUARTERS, YEARS, FISCAL_QUARTERS, FISCAL_YEARS
//   GROUP BY fields and parent paths; HAVING on aggregates and grouped fields
//   ORDER BY several fields or aggregates, ASC/DESC, NULLS FIRST/LAST, parent paths
//   LIMIT, OFFSET (≤ 2000; in a subquery only under a parent LIMIT 1)
// Salesforce semantics kept: text comparisons, LIKE, GROUP BY and ORDER BY are case-insensitive;
// picklists sort in their defined order; `!=`, NOT IN, EXCLUDES and NOT(…) match null values (SOQL's
// logic is two-valued); '' compares as null; mixing AND and OR without parentheses is an error;
// soft-deleted rows are invisible unless queryAll; the org's time zone is UTC and weeks start on
// Sunday (en_US). Rows without ORDER BY come in insertion order, and ties under ORDER BY are broken
// by it, so re-running a query with `skip` gives the next page.
// Security (QueryContext.security, absent for the admin): an object or field the running user cannot
// read does not exist for them (INVALID_TYPE, INVALID_FIELD "No such column"; FIELDS() leaves it out),
// and every level (main query, child subqueries, semi-joins) sees only the rows they may read, through
// an SQL condition, so COUNT() and aggregates count visible rows only; a parent record the user cannot
// read comes back as null (relationship queries do not bypass record-level security).
//
// MALFORMED_QUERY naming the construct (never a silently different result): FIELDS(ALL), TYPEOF,
// FORMAT(), toLabel(), convertCurrency(), convertTimezone(), date functions (CALENDAR_YEAR(), DAY_ONLY(),
// …), DISTANCE()/GEOLOCATION(), GROUP BY ROLLUP/CUBE, WITH (SECURITY_ENFORCED, USER_MODE, SYSTEM_MODE,
// DATA CATEGORY), FOR VIEW/UPDATE/REFERENCE, UPDATE TRACKING/VIEWSTAT, USING SCOPE other than
// everything/mine, currency-prefixed numbers, aggregates in subqueries, nested semi-joins.
//
// Files: contracts (what callers pass and get), errors, parse (clause checks), scope (parameters,
// aliases, joins), literals, dates, where (WHERE and HAVING), select (record queries), aggregate,
// execute (rows to REST records), columns (columns=true).
import type { OrgSchema } from '../schema.ts';
import type { QueryColumns, QueryContext, QueryDatabase, QueryRecord } from './contracts.ts';
import {
  checkLimitAndOffset,
  isAggregateQuery,
  isCountOnly,
  parseSoql,
  rejectUnsupportedClauses,
  resolveObject,
} from './parse.ts';
import { ParamBag, Scope, usedParams } from './scope.ts';
import type { Compilation } from './scope.ts';
import { pagedSelect, planCountOnly, planRecords } from './select.ts';
import type { MainPlan } from './select.ts';
import { planAggregate } from './aggregate.ts';
import { aggregateRecord, buildRecord, flatPaths, iterateRows, NO_CHILDREN, recordsWithChildren } from './execute.ts';
import { aggregateColumn, nodeColumn } from './columns.ts';

// The engine's public surface: callers import from here, never from the files behind it.
export { CHILD_BATCH_SIZE, MAX_OFFSET } from './contracts.ts';
export type {
  ColumnMetadata,
  QueryColumns,
  QueryContext,
  QueryDatabase,
  QueryRecord,
  QuerySecurity,
  QueryStatement,
} from './contracts.ts';
export { SoqlError } from './errors.ts';
export type { SoqlErrorCode } from './errors.ts';
export { dateLiteralRange } from './dates.ts';

/** A checked, compiled query; run it any number of times against the org's database. */
export class PreparedQuery {
  /** Canonical API name of the FROM object. */
  readonly sObject: string;
  /** `records`: rows of the object; `aggregate`: AggregateResult rows; `count`: SELECT COUNT() (no rows). */
  readonly kind: 'records' | 'aggregate' | 'count';
  readonly #plan: MainPlan;

  constructor(plan: MainPlan) {
    this.#plan = plan;
    this.sObject = plan.object.name;
    this.kind = plan.kind;
  }

  /** Rows the query returns (after LIMIT/OFFSET); for SELECT COUNT() the count itself. One COUNT(*) statement. */
  totalSize(db: QueryDatabase): number {
    const row = db.prepare(this.#plan.countSql).get(usedParams(this.#plan.countSql, this.#plan.params));
    return Number(row?.n ?? 0);
  }

  /**
   * The result rows in order, produced lazily from one SQLite cursor (child subqueries are fetched per
   * batch of CHILD_BATCH_SIZE parents), so a result of any size is never held in memory.
   * `apiVersion` ('62.0' or 'v62.0') goes into each `attributes.url`. `skip` starts after that many
   * result rows (the order is deterministic: ties are broken by insertion order), so a later page
   * (queryMore, a Bulk API locator) can be produced by running the query again.
   */
  *records(db: QueryDatabase, apiVersion: string, skip = 0): Generator<QueryRecord, void, undefined> {
    const plan = this.#plan;
    if (plan.kind === 'count') return;
    const version = apiVersion.replace(/^v/i, '');
    const sql = pagedSelect(plan, skip);
    const rows = iterateRows(db.prepare(sql), usedParams(sql, plan.params));
    if (plan.aggregate) {
      for (const row of rows) yield aggregateRecord(plan.aggregate, row);
      return;
    }
    const record = plan.record!;
    if (record.subqueries.length === 0) {
      for (const row of rows) yield buildRecord(record, row, version, NO_CHILDREN);
      return;
    }
    yield* recordsWithChildren(db, record, rows, version);
  }

  /** The `columns=true` answer: column metadata with nested joinColumns, as `sf data query` expects. */
  describeColumns(): QueryColumns {
    const plan = this.#plan;
    const columnMetadata = plan.aggregate
      ? plan.aggregate.map(aggregateColumn)
      : plan.record
        ? plan.record.nodes.map(nodeColumn)
        : [];
    const idSelected = plan.record?.nodes.some((n) => n.kind === 'field' && n.field.name === 'Id') ?? false;
    return {
      columnMetadata,
      entityName: plan.object.name,
      groupBy: plan.groupBy,
      idSelected,
      keyPrefix: plan.object.keyPrefix,
    };
  }

  /** Dotted column paths of the flat (non-subquery) columns in select order, e.g. for a Bulk API CSV header. */
  columnPaths(): string[] {
    const plan = this.#plan;
    if (plan.aggregate) return plan.aggregate.map((item) => item.key);
    return plan.record ? flatPaths(plan.record.nodes, '') : [];
  }
}

/** Parses, checks and compiles `soql`; throws SoqlError as Salesforce would. */
export function prepareQuery(schema: OrgSchema, soql: string, context: QueryContext): PreparedQuery {
  const query = parseSoql(soql);
  const comp: Compilation = { schema, context, params: new ParamBag(), aliases: { next: 0 } };
  rejectUnsupportedClauses(query);
  const object = resolveObject(schema, query.sObject ?? '', context.security);
  checkLimitAndOffset(query, object.name);
  const scope = new Scope(comp, object, query.sObjectAlias);
  if (isCountOnly(query)) return new PreparedQuery(planCountOnly(comp, scope, query));
  if (isAggregateQuery(query)) return new PreparedQuery(planAggregate(comp, scope, query));
  return new PreparedQuery(planRecords(comp, scope, query));
}
