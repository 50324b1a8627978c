// The local org's SOQL engine: parses SOQL with @jetstreamapp/soql-parser-js, checks it against the
// org schema the way Salesforce does, compiles it to one SQLite statement over the tables of
// storage.ts, and shapes the rows as the REST API returns them.
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
import { parseQuery } from '@jetstreamapp/soql-parser-js';
import type { FieldType, OrderByClause, Query, QueryBase, Subquery } from '@jetstreamapp/soql-parser-js';
import type { SQLInputValue, SQLOutputValue } from 'node:sqlite';
import { caseSafeSuffix } from './ids.ts';
import { baseField, findChildRelationship, findField, findObject, findRelationship } from './schema.ts';
import { decodeValue } from './values.ts';
import type { FieldDef, ObjectDef, OrgSchema, SoapType } from './schema.ts';
import { quoteIdent } from './storage.ts';

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

export type SoqlErrorCode =
  'MALFORMED_QUERY' | 'INVALID_FIELD' | 'INVALID_TYPE' | 'INVALID_QUERY_FILTER_OPERATOR' | 'NUMBER_OUTSIDE_VALID_RANGE';

/** A query Salesforce would refuse; `errorCode` and `message` are what the REST API answers. */
export class SoqlError extends Error {
  readonly errorCode: SoqlErrorCode;

  constructor(errorCode: SoqlErrorCode, message: string) {
    super(message);
    this.name = 'SoqlError';
    this.errorCode = errorCode;
  }
}

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
const MAX_PARENT_DEPTH = 5;

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

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

const malformed = (message: string) => new SoqlError('MALFORMED_QUERY', message);
const unsupported = (construct: string) => malformed(`${construct} is not supported by the local org`);

const noSuchColumn = (name: string, entity: string) =>
  new SoqlError(
    'INVALID_FIELD',
    `No such column '${name}' on entity '${entity}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
  );

const unknownObject = (name: string) =>
  new SoqlError(
    'INVALID_TYPE',
    `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
  );

const unknownRelationship = (name: string) =>
  new SoqlError(
    'INVALID_FIELD',
    `Didn't understand relationship '${name}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
  );

const unknownChildRelationship = (name: string) =>
  new SoqlError(
    'INVALID_TYPE',
    `Didn't understand relationship '${name}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
  );

const invalidOperator = (message: string) => new SoqlError('INVALID_QUERY_FILTER_OPERATOR', message);

// ---------------------------------------------------------------------------------------------
// Parsing and clause checks
// ---------------------------------------------------------------------------------------------

function parseSoql(soql: string): Query {
  try {
    return parseQuery(soql);
  } catch (error) {
    throw malformed(parseErrorMessage(error));
  }
}

/** Salesforce says "unexpected token: 'X'"; the parser says "… but found: 'X'". */
function parseErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const found = /but found:?\s*(?:-->\s*)?'?([^'\n<]*?)'?\s*(?:<--)?\s*$/.exec(message);
  if (found) return `unexpected token: '${found[1] === '' ? '<EOF>' : found[1]}'`;
  return message;
}

function rejectUnsupportedClauses(query: QueryBase): void {
  if (query.withSecurityEnforced) throw unsupported('WITH SECURITY_ENFORCED');
  if (query.withAccessLevel) throw unsupported(`WITH ${query.withAccessLevel}`);
  if (query.withDataCategory) throw unsupported('WITH DATA CATEGORY');
  if (query.for) throw unsupported(`FOR ${query.for}`);
  if (query.update) throw unsupported(`UPDATE ${query.update}`);
}

function checkLimitAndOffset(query: QueryBase, apiName: string): void {
  for (const [clause, value] of [
    ['LIMIT', query.limit],
    ['OFFSET', query.offset],
  ] as const) {
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 0))
      throw malformed(`unexpected token: '${clause} ${value}'`);
  }
  // "Requesting an offset greater than 2,000 results in a NUMBER_OUTSIDE_VALID_RANGE error" (SOQL and SOSL
  // Reference, OFFSET); the message as orgs send it (trailheadapps/dreamhouse-lwc#660, SalesforceLabs/OrgCheck#448).
  if (query.offset !== undefined && query.offset > MAX_OFFSET)
    throw new SoqlError(
      'NUMBER_OUTSIDE_VALID_RANGE',
      `Maximum SOQL offset allowed for apiName ${apiName} is ${MAX_OFFSET}`,
    );
}

/** An object the user cannot read does not exist for them (INVALID_TYPE, as for an unknown name). */
function resolveObject(schema: OrgSchema, name: string, security?: QuerySecurity): ObjectDef {
  const object = findObject(schema, name);
  if (!object || !object.queryable || (security && !security.canReadObject(object))) throw unknownObject(name);
  return object;
}

const AGGREGATE_FUNCTIONS = new Set(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);

function isAggregateFunction(item: FieldType): item is Extract<FieldType, { type: 'FieldFunctionExpression' }> {
  return item.type === 'FieldFunctionExpression' && AGGREGATE_FUNCTIONS.has(item.functionName.toUpperCase());
}

function isCountOnly(query: Query): boolean {
  const fields = query.fields ?? [];
  const countAll = fields.findIndex(
    (f) => isAggregateFunction(f) && f.functionName.toUpperCase() === 'COUNT' && f.parameters.length === 0,
  );
  if (countAll < 0) return false;
  if (fields.length > 1) throw malformed('COUNT() must be the only element in the SELECT list');
  if (query.groupBy) throw unsupported('COUNT() with GROUP BY');
  return true;
}

function isAggregateQuery(query: Query): boolean {
  return query.groupBy !== undefined || (query.fields ?? []).some(isAggregateFunction);
}

const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

// ---------------------------------------------------------------------------------------------
// Compilation state: parameters, aliases, joins
// ---------------------------------------------------------------------------------------------

/** Named parameters ($p0, $p1…) of one SQL statement; literals never enter SQL text. */
class ParamBag {
  readonly values: Record<string, SQLInputValue> = {};
  #count = 0;

  add(value: SQLInputValue): string {
    const name = `p${this.#count++}`;
    this.values[name] = value;
    return `$${name}`;
  }
}

/** node:sqlite refuses unknown named parameters, so each statement gets only those its text names. */
function usedParams(sql: string, values: Record<string, SQLInputValue>): Record<string, SQLInputValue> {
  const used: Record<string, SQLInputValue> = {};
  for (const match of sql.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g))
    if (match[1] in values) used[match[1]] = values[match[1]];
  return used;
}

interface Compilation {
  schema: OrgSchema;
  context: QueryContext;
  params: ParamBag;
  aliases: { next: number };
}

/** A LEFT JOIN to the parent(s) a reference field points to; polymorphic fields join each target. */
interface JoinNode {
  key: string;
  fromAlias: string;
  fk: FieldDef;
  relationshipName: string;
  targets: ObjectDef[];
  aliases: string[];
  /** Per target: the running user's read condition on the parent row (a parent they cannot see is null). */
  visible: (string | undefined)[];
}

type JoinUses = Set<JoinNode>;

interface ResolvedField {
  sql: string;
  field: FieldDef;
  /** Canonical path segments, e.g. ['Event__r', 'Name']. */
  path: string[];
  /** The joins from the base object to the field's object, outermost first. */
  chain: JoinNode[];
}

/** A read-only field that exists only in results (polymorphic Name entity fields, aggregate values). */
function syntheticField(name: string, type: SoapType): FieldDef {
  return baseField(name, name, type, {
    createable: false,
    updateable: false,
    nameField: name === 'Name',
    system: true,
  });
}

/** Fields of the polymorphic "Name" entity (What.Id, What.Name, What.Type). */
const NAME_ENTITY_FIELDS: Record<string, FieldDef> = {
  id: syntheticField('Id', 'id'),
  name: syntheticField('Name', 'string'),
  type: syntheticField('Type', 'string'),
};

/** One FROM object with its alias and the parent joins its field paths need. */
class Scope {
  readonly object: ObjectDef;
  readonly alias: string;
  readonly #comp: Compilation;
  readonly #sObjectAlias: string | undefined;
  readonly #joins = new Map<string, JoinNode>();

  constructor(comp: Compilation, object: ObjectDef, sObjectAlias?: string) {
    this.#comp = comp;
    this.object = object;
    this.#sObjectAlias = sObjectAlias?.toLowerCase();
    this.alias = newAlias(comp);
  }

  /** Resolves a dotted field path (case-insensitive) to SQL, recording in `uses` the joins it needs. */
  field(path: string, uses: JoinUses): ResolvedField {
    const segments = this.#withoutAlias(path.split('.'));
    if (segments.length - 1 > MAX_PARENT_DEPTH)
      throw malformed(`A field path can traverse at most ${MAX_PARENT_DEPTH} parent relationships: ${path}`);
    let object = this.object;
    let fromAlias = this.alias;
    let parentKey = '';
    const chain: JoinNode[] = [];
    for (const name of segments.slice(0, -1)) {
      const previous = chain.at(-1);
      if (previous && previous.targets.length !== 1)
        throw unsupported(`Traversing the polymorphic relationship ${previous.relationshipName} (use of TYPEOF)`);
      const fk = findRelationship(object, name);
      if (!fk || !this.#readable(object, fk)) throw unknownRelationship(name);
      const join = this.#join(parentKey, fromAlias, fk);
      uses.add(join);
      chain.push(join);
      parentKey = join.key;
      if (join.targets.length === 1) [object, fromAlias] = [join.targets[0], join.aliases[0]];
    }
    const last = segments.at(-1)!;
    const parent = chain.at(-1);
    const canonical = chain.map((j) => j.relationshipName);
    if (parent && parent.targets.length !== 1) return this.#polymorphicField(parent, last, chain, canonical);
    const field = findField(object, last);
    if (!field || !this.#readable(object, field)) throw noSuchColumn(last, object.name);
    return { sql: `${fromAlias}.${quoteIdent(field.name)}`, field, path: [...canonical, field.name], chain };
  }

  /** SQL expression of a joined parent's Id (null when there is no parent). */
  parentIdSql(join: JoinNode): string {
    return coalesce(join.aliases.map((a) => `${a}."Id"`));
  }

  /** SQL expression naming the object a polymorphic parent row came from. */
  parentTypeSql(join: JoinNode): string {
    if (join.targets.length === 0) return 'NULL';
    const whens = join.targets.map((t, i) => `WHEN ${join.aliases[i]}."Id" IS NOT NULL THEN ${sqlString(t.name)}`);
    return `CASE ${whens.join(' ')} END`;
  }

  /** FROM clause: the table and the LEFT JOINs any of `uses` needs (parents before children). */
  fromSql(...uses: JoinUses[]): string {
    const joins = [...this.#joins.values()].filter((j) => uses.some((u) => u.has(j)));
    const sql = joins.flatMap((j) =>
      j.targets.map(
        (t, i) =>
          `LEFT JOIN ${quoteIdent(t.name)} ${j.aliases[i]} ON ${j.aliases[i]}."Id" = ${j.fromAlias}.${quoteIdent(j.fk.name)}${j.visible[i] === undefined ? '' : ` AND ${j.visible[i]}`}`,
      ),
    );
    return [`${quoteIdent(this.object.name)} ${this.alias}`, ...sql].join(' ');
  }

  /** Field-level security: a field the user cannot read does not exist for them; nor does a relationship to an object they cannot read. */
  #readable(object: ObjectDef, field: FieldDef): boolean {
    const security = this.#comp.context.security;
    if (!security) return true;
    if (!security.canReadField(object, field)) return false;
    if (field.type !== 'reference' || field.referenceTo.length !== 1) return true;
    const target = this.#comp.schema.objects.get(field.referenceTo[0]);
    return !target || security.canReadObject(target);
  }

  #withoutAlias(segments: string[]): string[] {
    if (segments.length > 1 && this.#sObjectAlias && segments[0].toLowerCase() === this.#sObjectAlias)
      return segments.slice(1);
    return segments;
  }

  #join(parentKey: string, fromAlias: string, fk: FieldDef): JoinNode {
    const key = `${parentKey}.${fk.name}`;
    const existing = this.#joins.get(key);
    if (existing) return existing;
    const targets = fk.referenceTo
      .map((name) => this.#comp.schema.objects.get(name))
      .filter((o): o is ObjectDef => o !== undefined);
    const aliases = targets.map(() => newAlias(this.#comp));
    const security = this.#comp.context.security;
    const join: JoinNode = {
      key,
      fromAlias,
      fk,
      relationshipName: fk.relationshipName!,
      targets,
      aliases,
      visible: targets.map((t, i) => security?.recordFilter(t, aliases[i], 'read', (v) => this.#comp.params.add(v))),
    };
    this.#joins.set(key, join);
    return join;
  }

  #polymorphicField(join: JoinNode, name: string, chain: JoinNode[], canonical: string[]): ResolvedField {
    const field = nameEntityField(name);
    if (!field) throw noSuchColumn(name, 'Name');
    const sql =
      field.name === 'Type'
        ? this.parentTypeSql(join)
        : field.name === 'Id'
          ? this.parentIdSql(join)
          : polymorphicNameSql(join);
    return { sql, field, path: [...canonical, field.name], chain };
  }
}

function newAlias(comp: Compilation): string {
  return `t${comp.aliases.next++}`;
}

function coalesce(parts: string[]): string {
  if (parts.length === 0) return 'NULL';
  return parts.length === 1 ? parts[0] : `COALESCE(${parts.join(', ')})`;
}

function polymorphicNameSql(join: JoinNode): string {
  return coalesce(join.targets.map((t, i) => (t.fields.has('Name') ? `${join.aliases[i]}."Name"` : 'NULL')));
}

function nameEntityField(name: string): FieldDef | undefined {
  return NAME_ENTITY_FIELDS[name.toLowerCase()];
}

function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Filters every query level applies: soft-deleted rows (unless queryAll) and USING SCOPE. */
function baseFilters(comp: Compilation, scope: Scope, usingScope: string | undefined): string[] {
  const filters = comp.context.includeDeleted ? [] : [`${scope.alias}."IsDeleted" = 0`];
  // Sharing: only the rows the running user may read (no condition at all for those who see everything).
  const visible = comp.context.security?.recordFilter(scope.object, scope.alias, 'read', (v) => comp.params.add(v));
  if (visible !== undefined) filters.push(visible);
  const mode = usingScope?.toLowerCase();
  if (mode === undefined || mode === 'everything') return filters;
  if (mode !== 'mine') throw unsupported(`USING SCOPE ${usingScope}`);
  if (!scope.object.fields.has('OwnerId'))
    throw malformed(`USING SCOPE mine is not valid for ${scope.object.name}: it has no owner`);
  return [...filters, `${scope.alias}."OwnerId" = ${comp.params.add(comp.context.userId)}`];
}

// ---------------------------------------------------------------------------------------------
// Field categories and literal values
// ---------------------------------------------------------------------------------------------

type Category = 'text' | 'multipicklist' | 'id' | 'number' | 'boolean' | 'date' | 'datetime';

function categoryOf(field: FieldDef): Category {
  switch (field.type) {
    case 'id':
    case 'reference':
      return 'id';
    case 'double':
    case 'int':
    case 'currency':
    case 'percent':
      return 'number';
    case 'boolean':
    case 'date':
    case 'datetime':
    case 'multipicklist':
      return field.type;
    default:
      return 'text';
  }
}

/** Text comparisons in SOQL ignore case. */
const collation = (field: FieldDef) =>
  categoryOf(field) === 'text' || categoryOf(field) === 'multipicklist' ? ' COLLATE NOCASE' : '';

/** Long text areas cannot be filtered, sorted or grouped in Salesforce. */
const isLongText = (field: FieldDef) => field.type === 'textarea' && (field.length ?? 0) > 255;

function describeType(field: FieldDef): string {
  switch (categoryOf(field)) {
    case 'text':
    case 'multipicklist':
      return 'string';
    case 'datetime':
      return 'dateTime';
    case 'id':
      return 'id';
    default:
      return field.type;
  }
}

type Literal =
  { kind: 'null' } | { kind: 'value'; value: string | number } | { kind: 'range'; start: string; end: string };

/** What a condition compares against: an SQL operand and the field type it has. */
interface Operand {
  sql: string;
  field: FieldDef;
  label: string;
}

function typeMismatch(operand: Operand): SoqlError {
  const quoted = ['text', 'multipicklist', 'id'].includes(categoryOf(operand.field));
  return new SoqlError(
    'INVALID_FIELD',
    `value of filter criterion for field '${operand.label}' must be of type ${describeType(operand.field)} and should ${quoted ? '' : 'not '}be enclosed in quotes`,
  );
}

/** Converts one parsed literal to the stored encoding of the operand's field (or a date range). */
function literalFor(
  operand: Operand,
  raw: string,
  literalType: string | undefined,
  operator: string,
  comp: Compilation,
): Literal {
  if (literalType === 'NULL') return { kind: 'null' };
  if (literalType === 'INTEGER_WITH_CURRENCY_PREFIX' || literalType === 'DECIMAL_WITH_CURRENCY_PREFIX')
    throw unsupported(`The currency-prefixed value ${raw}`);
  if (literalType === 'APEX_BIND_VARIABLE') throw unsupported(`The bind variable ${raw}`);
  const category = categoryOf(operand.field);
  switch (category) {
    case 'text':
    case 'multipicklist':
    case 'id':
      return stringLiteral(operand, raw, literalType, operator);
    case 'number':
      if (literalType !== 'INTEGER' && literalType !== 'DECIMAL') throw typeMismatch(operand);
      return { kind: 'value', value: Number(raw) };
    case 'boolean':
      if (literalType !== 'BOOLEAN') throw typeMismatch(operand);
      return { kind: 'value', value: raw.toUpperCase() === 'TRUE' ? 1 : 0 };
    case 'date':
    case 'datetime':
      return dateLiteral(operand, raw, literalType, comp);
  }
}

function stringLiteral(operand: Operand, raw: string, literalType: string | undefined, operator: string): Literal {
  if (literalType !== 'STRING') throw typeMismatch(operand);
  const like = operator === 'LIKE';
  const text = decodeString(raw.slice(1, -1), like);
  const category = categoryOf(operand.field);
  // Salesforce stores no empty strings: '' compares as null (except as a LIKE pattern).
  if (text === '' && !like && operator !== 'INCLUDES' && operator !== 'EXCLUDES') return { kind: 'null' };
  if (category === 'id' && !like) return { kind: 'value', value: normalizeId(text) };
  if (category === 'multipicklist' && operator !== 'INCLUDES' && operator !== 'EXCLUDES')
    return { kind: 'value', value: picklistOrder(operand.field, text) };
  return { kind: 'value', value: text };
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '"': '"', "'": "'", '\\': '\\' };

/**
 * Decodes SOQL string escapes. In a LIKE pattern the result is an SQLite LIKE pattern with `\` as
 * escape: SOQL's \% and \_ stay literal percent/underscore, other characters are taken as they are.
 */
function decodeString(body: string, like: boolean): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = body[++i] ?? '';
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 1, i + 5))) {
      out += escapeLikeChar(String.fromCharCode(parseInt(body.slice(i + 1, i + 5), 16)), like);
      i += 4;
    } else if (next === '%' || next === '_') {
      // A literal % or _ in a LIKE pattern; elsewhere both characters are kept as written.
      out += `\\${next}`;
    } else if (ESCAPES[next] !== undefined) {
      out += escapeLikeChar(ESCAPES[next], like);
    } else {
      throw malformed(`Invalid string literal '${body}'. Illegal character sequence '\\${next}' in string literal.`);
    }
  }
  return out;
}

function escapeLikeChar(ch: string, like: boolean): string {
  return like && (ch === '%' || ch === '_' || ch === '\\') ? `\\${ch}` : ch;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** 15- or 18-character id → the 18-character form stored (the suffix encodes the case of the first 15). */
function normalizeId(text: string): string {
  if (!/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(text)) throw invalidOperator(`invalid ID field: ${text}`);
  const base = text.slice(0, 15);
  return base + caseSafeSuffix(base);
}

/** Multi-select values are stored joined with ';' in picklist order; compare in that form. */
function picklistOrder(field: FieldDef, text: string): string {
  const order = new Map((field.picklistValues ?? []).map((v, i) => [v.value.toLowerCase(), i]));
  const values = [...new Set(text.split(';').map((v) => v.trim()))].filter((v) => v !== '');
  const rank = (v: string) => order.get(v.toLowerCase()) ?? order.size;
  return values.sort((a, b) => rank(a) - rank(b)).join(';');
}

// ---------------------------------------------------------------------------------------------
// Dates, datetimes and date literals
// ---------------------------------------------------------------------------------------------

function dateLiteral(operand: Operand, raw: string, literalType: string | undefined, comp: Compilation): Literal {
  const datetime = operand.field.type === 'datetime';
  if (literalType === 'DATE_LITERAL' || literalType === 'DATE_N_LITERAL') {
    const range = dateLiteralRange(raw, comp.context);
    const bound = (day: string) => (datetime ? `${day}T00:00:00.000Z` : day);
    return { kind: 'range', start: bound(range.start), end: bound(range.end) };
  }
  if (datetime && literalType === 'DATETIME') return { kind: 'value', value: parseDatetime(raw) };
  if (!datetime && literalType === 'DATE') return { kind: 'value', value: parseDate(raw) };
  throw typeMismatch(operand);
}

function parseDate(raw: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const date = match ? new Date(Date.UTC(+match[1], +match[2] - 1, +match[3])) : undefined;
  if (!date || isoDay(date) !== raw) throw malformed(`invalid date: ${raw}`);
  return raw;
}

function parseDatetime(raw: string): string {
  const valid = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:?\d{2})$/i.test(raw);
  const normalized = raw.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const time = valid ? Date.parse(normalized) : NaN;
  if (Number.isNaN(time)) throw malformed(`invalid datetime: ${raw}`);
  return new Date(time).toISOString();
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

type PeriodUnit = 'DAY' | 'WEEK' | 'MONTH' | 'QUARTER' | 'YEAR' | 'FISCAL_QUARTER' | 'FISCAL_YEAR';

/** A date literal as a span of whole periods relative to the current one: [from, to), 0 = current. */
interface PeriodSpan {
  unit: PeriodUnit;
  from: number;
  to: number;
}

/** First day and the day after the last day ('YYYY-MM-DD', UTC) a date literal covers. */
export function dateLiteralRange(
  literal: string,
  context: Pick<QueryContext, 'now' | 'fiscalYearStartMonth'>,
): { start: string; end: string } {
  const span = periodSpan(literal.toUpperCase());
  const [start, end] = [periodStart(span.unit, span.from, context), periodStart(span.unit, span.to, context)];
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()))
    throw malformed(`Date literal out of range: ${literal}`);
  return { start: isoDay(start), end: isoDay(end) };
}

const FIXED_SPANS: Record<string, PeriodSpan> = {
  YESTERDAY: { unit: 'DAY', from: -1, to: 0 },
  TODAY: { unit: 'DAY', from: 0, to: 1 },
  TOMORROW: { unit: 'DAY', from: 1, to: 2 },
  LAST_90_DAYS: { unit: 'DAY', from: -90, to: 1 },
  NEXT_90_DAYS: { unit: 'DAY', from: 1, to: 91 },
};

const UNIT_WORDS = 'DAY|WEEK|MONTH|QUARTER|YEAR|FISCAL_QUARTER|FISCAL_YEAR';

/**
 * THIS/LAST/NEXT_x: the current, previous, next period. LAST_N_x:n: the n periods before the current
 * one (LAST_N_DAYS also includes today, as Salesforce does). NEXT_N_x:n: the n periods after the
 * current one. N_x_AGO:n: the one period n before the current one.
 */
function periodSpan(literal: string): PeriodSpan {
  const fixed = FIXED_SPANS[literal];
  if (fixed) return fixed;
  const relative = new RegExp(`^(THIS|LAST|NEXT)_(${UNIT_WORDS})$`).exec(literal);
  if (relative) {
    const offset = { THIS: 0, LAST: -1, NEXT: 1 }[relative[1] as 'THIS' | 'LAST' | 'NEXT'];
    return { unit: relative[2] as PeriodUnit, from: offset, to: offset + 1 };
  }
  const withN = new RegExp(`^(?:(LAST|NEXT)_N_(${UNIT_WORDS})S|N_(${UNIT_WORDS})S_AGO):(\\d+)$`).exec(literal);
  if (!withN) throw malformed(`unexpected token: '${literal}'`);
  const n = Number(withN[4]);
  if (withN[3]) return { unit: withN[3] as PeriodUnit, from: -n, to: -n + 1 };
  const unit = withN[2] as PeriodUnit;
  if (withN[1] === 'NEXT') return { unit, from: 1, to: n + 1 };
  return { unit, from: -n, to: unit === 'DAY' ? 1 : 0 };
}

/** First day of the period `offset` periods from the one containing today (UTC). */
function periodStart(
  unit: PeriodUnit,
  offset: number,
  context: Pick<QueryContext, 'now' | 'fiscalYearStartMonth'>,
): Date {
  const now = context.now;
  const [year, month, day] = [now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()];
  if (unit === 'DAY') return new Date(Date.UTC(year, month, day + offset));
  if (unit === 'WEEK') return new Date(Date.UTC(year, month, day - now.getUTCDay() + 7 * offset));
  const fiscalStart = (((context.fiscalYearStartMonth - 1) % 12) + 12) % 12;
  const sinceFiscalStart = (month - fiscalStart + 12) % 12;
  const anchors: Record<Exclude<PeriodUnit, 'DAY' | 'WEEK'>, [number, number]> = {
    MONTH: [month, 1],
    QUARTER: [month - (month % 3), 3],
    YEAR: [0, 12],
    FISCAL_QUARTER: [month - (sinceFiscalStart % 3), 3],
    FISCAL_YEAR: [month - sinceFiscalStart, 12],
  };
  const [anchor, size] = anchors[unit];
  return new Date(Date.UTC(year, anchor + size * offset, 1));
}

// ---------------------------------------------------------------------------------------------
// WHERE and HAVING: boolean structure
// ---------------------------------------------------------------------------------------------

/** A parsed WHERE/HAVING condition (field or function compared with literal values or a sub-select). */
interface ConditionNode {
  field?: string;
  fn?: { functionName?: string; parameters?: unknown[]; rawValue?: string };
  operator: string;
  value?: string | string[];
  literalType?: string | string[];
  valueQuery?: Query;
}

interface ClauseNode {
  left: unknown;
  operator?: string;
  right?: ClauseNode;
}

type Token = '(' | ')' | 'AND' | 'OR' | 'NOT' | { condition: ConditionNode };

type BoolExpr =
  | { kind: 'and' | 'or'; items: BoolExpr[] }
  | { kind: 'not'; item: BoolExpr }
  | { kind: 'leaf'; condition: ConditionNode };

/** The parser keeps parentheses as counts on conditions; this lays the clause back out as tokens. */
function clauseTokens(clause: ClauseNode, out: Token[] = []): Token[] {
  const left = clause.left as (Partial<ConditionNode> & { openParen?: number; closeParen?: number }) | null;
  const repeat = (token: '(' | ')', count = 0) => {
    for (let i = 0; i < count; i++) out.push(token);
  };
  if (left === null || left.operator === undefined) {
    repeat('(', left?.openParen);
    out.push('NOT');
  } else {
    repeat('(', left.openParen);
    out.push({ condition: left as ConditionNode });
    repeat(')', left.closeParen);
    if (clause.operator) out.push(clause.operator.toUpperCase() as 'AND' | 'OR');
  }
  if (clause.right) clauseTokens(clause.right, out);
  return out;
}

/** Recursive descent over the tokens; like Salesforce, AND and OR may not mix without parentheses. */
class BoolParser {
  readonly #tokens: Token[];
  #pos = 0;

  constructor(tokens: Token[]) {
    this.#tokens = tokens;
  }

  parse(): BoolExpr {
    const expr = this.#expression();
    if (this.#pos < this.#tokens.length) throw malformed(`unexpected token: '${tokenLabel(this.#tokens[this.#pos])}'`);
    return expr;
  }

  #expression(): BoolExpr {
    const items = [this.#term()];
    let operator: 'AND' | 'OR' | undefined;
    for (let next = this.#tokens[this.#pos]; next === 'AND' || next === 'OR'; next = this.#tokens[this.#pos]) {
      if (operator && operator !== next)
        throw malformed(`unexpected token: '${next}' (use parentheses to combine AND and OR)`);
      operator = next;
      this.#pos++;
      items.push(this.#term());
    }
    return operator ? { kind: operator === 'AND' ? 'and' : 'or', items } : items[0];
  }

  #term(): BoolExpr {
    const token = this.#tokens[this.#pos++];
    if (token === '(') {
      const inner = this.#expression();
      if (this.#tokens[this.#pos++] !== ')') throw malformed("unexpected token: missing ')'");
      return inner;
    }
    if (token === 'NOT') return { kind: 'not', item: this.#term() };
    if (typeof token === 'object') return { kind: 'leaf', condition: token.condition };
    throw malformed(`unexpected token: '${token === undefined ? '<EOF>' : tokenLabel(token)}'`);
  }
}

const tokenLabel = (token: Token) =>
  typeof token === 'string' ? token : (token.condition.field ?? token.condition.operator);

/**
 * Two-valued SOQL logic in SQLite: a leaf is true or not-true (NULL counts as false, which AND/OR
 * preserve); NOT turns NULL into false first, so NOT (x > 5) matches a null x as Salesforce does.
 */
function compileBool(expr: BoolExpr, leaf: (condition: ConditionNode) => string): string {
  switch (expr.kind) {
    case 'and':
    case 'or':
      return `(${expr.items.map((item) => compileBool(item, leaf)).join(expr.kind === 'and' ? ' AND ' : ' OR ')})`;
    case 'not':
      return negate(compileBool(expr.item, leaf));
    case 'leaf':
      return `(${leaf(expr.condition)})`;
  }
}

const negate = (sql: string) => `NOT COALESCE(${sql}, 0)`;

function parseClause(clause: unknown): BoolExpr {
  return new BoolParser(clauseTokens(clause as ClauseNode)).parse();
}

// ---------------------------------------------------------------------------------------------
// WHERE and HAVING: conditions
// ---------------------------------------------------------------------------------------------

function normalizeOperator(operator: string): string {
  const op = operator.toUpperCase().replace(/\s+/g, ' ');
  if (op === '<>') return '!=';
  return op === 'NOTIN' ? 'NOT IN' : op;
}

/** Compiles a WHERE clause of `scope`'s object; `inSubSelect` forbids nested semi-joins. */
function compileWhere(comp: Compilation, scope: Scope, where: unknown, uses: JoinUses, inSubSelect: boolean): string {
  return compileBool(parseClause(where), (condition) => {
    if (condition.fn) throw unsupported(`${functionLabel(condition.fn)} in WHERE`);
    if (condition.valueQuery) return compileSemiJoin(comp, scope, condition, uses, inSubSelect);
    const target = scope.field(condition.field ?? '', uses);
    return compileComparison(comp, { sql: target.sql, field: target.field, label: target.path.join('.') }, condition);
  });
}

function functionLabel(fn: { functionName?: string; rawValue?: string }): string {
  return `${fn.functionName ?? fn.rawValue ?? 'function'}()`;
}

/** One comparison of an operand with literal values, in Salesforce's null semantics. */
function compileComparison(comp: Compilation, operand: Operand, condition: ConditionNode): string {
  const operator = normalizeOperator(condition.operator);
  checkFilterable(operand, operator);
  const values = asArray(condition.value);
  const types = asArray(condition.literalType);
  const literals = values.map((raw, i) =>
    literalFor(operand, raw, types.length > 1 ? types[i] : types[0], operator, comp),
  );
  switch (operator) {
    case '=':
      return equalsSql(comp, operand, literals[0]);
    case '!=':
      return negate(equalsSql(comp, operand, literals[0]));
    case '<':
    case '<=':
    case '>':
    case '>=':
      return compareSql(comp, operand, operator, literals[0]);
    case 'LIKE':
      return likeSql(comp, operand, literals[0]);
    case 'IN':
      return inSql(comp, operand, literals);
    case 'NOT IN':
      return negate(inSql(comp, operand, literals));
    case 'INCLUDES':
      return includesSql(comp, operand, literals);
    case 'EXCLUDES':
      return negate(includesSql(comp, operand, literals));
    default:
      throw malformed(`unexpected token: '${condition.operator}'`);
  }
}

function checkFilterable(operand: Operand, operator: string): void {
  if (isLongText(operand.field))
    throw new SoqlError('INVALID_FIELD', `field '${operand.label}' can not be filtered in a query call`);
  const category = categoryOf(operand.field);
  if ((operator === 'INCLUDES' || operator === 'EXCLUDES') && category !== 'multipicklist') {
    throw invalidOperator('includes or excludes operator only valid on multipicklist field');
  }
  if (operator === 'LIKE' && category !== 'text')
    throw invalidOperator(`invalid operator on ${describeType(operand.field)} field '${operand.label}': LIKE`);
  if (['<', '<=', '>', '>='].includes(operator) && (category === 'boolean' || category === 'multipicklist')) {
    throw invalidOperator(`invalid operator on ${describeType(operand.field)} field '${operand.label}': ${operator}`);
  }
}

function equalsSql(comp: Compilation, operand: Operand, literal: Literal): string {
  const { sql, field } = operand;
  // Salesforce keeps no empty strings; a stored '' is treated as the null it stands for.
  if (literal.kind === 'null')
    return categoryOf(field) === 'text' ? `(${sql} IS NULL OR ${sql} = '')` : `${sql} IS NULL`;
  if (literal.kind === 'range')
    return `(${sql} >= ${comp.params.add(literal.start)} AND ${sql} < ${comp.params.add(literal.end)})`;
  return `${sql} = ${comp.params.add(literal.value)}${collation(field)}`;
}

/** With a date literal, < and >= compare with its first instant, <= and > with its end. */
function compareSql(comp: Compilation, operand: Operand, operator: string, literal: Literal): string {
  const { sql, field } = operand;
  if (literal.kind === 'null') throw invalidOperator(`invalid operator with null value: ${operator}`);
  if (literal.kind === 'value') return `${sql} ${operator} ${comp.params.add(literal.value)}${collation(field)}`;
  switch (operator) {
    case '<':
      return `${sql} < ${comp.params.add(literal.start)}`;
    case '>=':
      return `${sql} >= ${comp.params.add(literal.start)}`;
    case '<=':
      return `${sql} < ${comp.params.add(literal.end)}`;
    default:
      return `${sql} >= ${comp.params.add(literal.end)}`;
  }
}

function likeSql(comp: Compilation, operand: Operand, literal: Literal): string {
  if (literal.kind !== 'value') throw invalidOperator('LIKE needs a string value');
  return `${operand.sql} LIKE ${comp.params.add(literal.value)} ESCAPE '\\'`;
}

function inSql(comp: Compilation, operand: Operand, literals: Literal[]): string {
  const values = literals.filter((l): l is Extract<Literal, { kind: 'value' }> => l.kind === 'value');
  const parts = values.length
    ? [`${operand.sql}${collation(operand.field)} IN (${values.map((v) => comp.params.add(v.value)).join(', ')})`]
    : [];
  for (const literal of literals) if (literal.kind !== 'value') parts.push(equalsSql(comp, operand, literal));
  return parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`;
}

/** INCLUDES ('a;b', 'c'): (a and b selected) or c selected. */
function includesSql(comp: Compilation, operand: Operand, literals: Literal[]): string {
  const alternatives = literals.map((literal) => {
    if (literal.kind !== 'value') throw invalidOperator('INCLUDES and EXCLUDES need string values');
    const values = String(literal.value)
      .split(';')
      .map((v) => v.trim())
      .filter((v) => v !== '');
    const checks = values.map(
      (v) => `(';' || ${operand.sql} || ';') LIKE ${comp.params.add(`%;${escapeLike(v)};%`)} ESCAPE '\\'`,
    );
    return checks.length ? `(${checks.join(' AND ')})` : '0';
  });
  return `(${alternatives.join(' OR ')})`;
}

/** Id IN (SELECT Ref__c FROM X WHERE …) and NOT IN (the anti-join also matches a null Id field). */
function compileSemiJoin(
  comp: Compilation,
  scope: Scope,
  condition: ConditionNode,
  uses: JoinUses,
  inSubSelect: boolean,
): string {
  if (inSubSelect) throw malformed('Nesting of semi join sub-selects is not supported');
  const operator = normalizeOperator(condition.operator);
  if (operator !== 'IN' && operator !== 'NOT IN')
    throw malformed(`unexpected token: '${condition.operator}' before a sub-select`);
  const left = scope.field(condition.field ?? '', uses);
  if (categoryOf(left.field) !== 'id')
    throw malformed(
      `Semi join sub-selects are only supported on Id and reference fields, not '${left.path.join('.')}'`,
    );
  const inner = semiJoinSelect(comp, condition.valueQuery!);
  return operator === 'IN' ? `${left.sql} IN (${inner})` : negate(`${left.sql} IN (${inner})`);
}

function semiJoinSelect(comp: Compilation, sub: Query): string {
  rejectUnsupportedClauses(sub);
  if (sub.orderBy || sub.limit !== undefined || sub.offset !== undefined || sub.groupBy || sub.having) {
    throw malformed('ORDER BY, LIMIT, OFFSET, GROUP BY and HAVING are not allowed in semi join sub-selects');
  }
  const object = resolveObject(comp.schema, sub.sObject ?? '', comp.context.security);
  const fields = sub.fields ?? [];
  const only = fields[0];
  if (fields.length !== 1 || (only.type !== 'Field' && only.type !== 'FieldRelationship'))
    throw malformed('Semi join sub-selects must select exactly one Id or reference field');
  const scope = new Scope(comp, object, sub.sObjectAlias);
  const uses: JoinUses = new Set();
  const selected = scope.field(fieldPath(only), uses);
  if (categoryOf(selected.field) !== 'id')
    throw malformed(`Semi join sub-selects must select an Id or reference field, not '${selected.path.join('.')}'`);
  const filters = [...baseFilters(comp, scope, sub.usingScope), `${selected.sql} IS NOT NULL`];
  if (sub.where) filters.push(compileWhere(comp, scope, sub.where, uses, true));
  return `SELECT ${selected.sql} FROM ${scope.fromSql(uses)}${whereSql(filters)}`;
}

function fieldPath(item: FieldType): string {
  if (item.type === 'FieldRelationship') return [...item.relationships, item.field].join('.');
  if (item.type === 'Field') return item.field;
  throw malformed('expected a field');
}

// ---------------------------------------------------------------------------------------------
// Record queries: select list, child subqueries, ORDER BY
// ---------------------------------------------------------------------------------------------

/** Selected SQL expressions, each under a generated alias c0, c1…; the same expression is selected once. */
class ColumnList {
  readonly #aliases = new Map<string, string>();

  add(sql: string): string {
    let alias = this.#aliases.get(sql);
    if (!alias) {
      alias = `c${this.#aliases.size}`;
      this.#aliases.set(sql, alias);
    }
    return alias;
  }

  sql(): string {
    return [...this.#aliases].map(([expr, alias]) => `${expr} AS ${alias}`).join(', ');
  }
}

interface FieldOut {
  kind: 'field';
  key: string;
  column: string;
  field: FieldDef;
}

interface ParentOut {
  kind: 'parent';
  key: string;
  fk: FieldDef;
  join: JoinNode;
  idColumn: string;
  /** Set for polymorphic relationships (the type comes from the row); else `objectName`. */
  typeColumn?: string;
  objectName?: string;
  children: OutNode[];
}

interface ChildOut {
  kind: 'child';
  key: string;
  plan: ChildPlan;
}

type OutNode = FieldOut | ParentOut | ChildOut;

/** How to turn a row into a record: the object, its Id column and the output tree in select order. */
interface RecordPlan {
  object: ObjectDef;
  idColumn: string;
  nodes: OutNode[];
  subqueries: ChildPlan[];
}

interface ChildPlan {
  relationshipName: string;
  sql: string;
  params: Record<string, SQLInputValue>;
  record: RecordPlan;
}

interface AggregateItem {
  key: string;
  column: string;
  field: FieldDef;
  aggregate: boolean;
  display: string;
}

interface MainPlan {
  object: ObjectDef;
  kind: 'records' | 'aggregate' | 'count';
  /** The SELECT without LIMIT/OFFSET, which pagedSelect adds. */
  selectSql: string;
  limit: number | undefined;
  offset: number | undefined;
  countSql: string;
  params: Record<string, SQLInputValue>;
  record?: RecordPlan;
  aggregate?: AggregateItem[];
  groupBy: boolean;
}

const whereSql = (filters: string[]) => (filters.length ? ` WHERE ${filters.join(' AND ')}` : '');

function limitSql(limit: number | undefined, offset: number | undefined): string {
  if (limit === undefined && !offset) return '';
  return ` LIMIT ${limit ?? -1}${offset ? ` OFFSET ${offset}` : ''}`;
}

/** The query's own LIMIT/OFFSET, moved on by `skip` rows already delivered. */
function pagedSelect(plan: MainPlan, skip: number): string {
  if (!Number.isSafeInteger(skip) || skip < 0) throw new RangeError(`skip must be a non-negative integer, not ${skip}`);
  const limit = plan.limit === undefined ? undefined : Math.max(0, plan.limit - skip);
  return `${plan.selectSql}${limitSql(limit, (plan.offset ?? 0) + skip)}`;
}

/**
 * COUNT(*) over the same FROM/WHERE; LIMIT/OFFSET bound it as they bound the rows. An aggregate query
 * counts the rows of its own select list (one row without GROUP BY, one per group with it).
 */
function countSql(
  from: string,
  tail: string,
  limit: number | undefined,
  offset: number | undefined,
  aggregateColumns?: string,
): string {
  if (limit === undefined && !offset && aggregateColumns === undefined)
    return `SELECT COUNT(*) AS n FROM ${from}${tail}`;
  return `SELECT COUNT(*) AS n FROM (SELECT ${aggregateColumns ?? '1'} FROM ${from}${tail}${limitSql(limit, offset)})`;
}

function planCountOnly(comp: Compilation, scope: Scope, query: Query): MainPlan {
  const uses: JoinUses = new Set();
  const filters = baseFilters(comp, scope, query.usingScope);
  if (query.where) filters.push(compileWhere(comp, scope, query.where, uses, false));
  // ORDER BY does not change a count, but its fields must still exist.
  if (query.orderBy) compileOrderBy(scope, query.orderBy, new Set());
  const sql = countSql(scope.fromSql(uses), whereSql(filters), query.limit, query.offset);
  return {
    object: scope.object,
    kind: 'count',
    selectSql: sql,
    limit: undefined,
    offset: undefined,
    countSql: sql,
    params: comp.params.values,
    groupBy: false,
  };
}

function planRecords(comp: Compilation, scope: Scope, query: Query): MainPlan {
  const selectUses: JoinUses = new Set();
  const whereUses: JoinUses = new Set();
  const columns = new ColumnList();
  const record = planRecord(comp, scope, query.fields ?? [], columns, selectUses, {
    limit: query.limit,
    allowSubqueries: true,
  });
  const filters = baseFilters(comp, scope, query.usingScope);
  if (query.where) filters.push(compileWhere(comp, scope, query.where, whereUses, false));
  const order = [...compileOrderBy(scope, query.orderBy, selectUses), `${scope.alias}.rowid`];
  const where = whereSql(filters);
  const selectSql = `SELECT ${columns.sql()} FROM ${scope.fromSql(selectUses, whereUses)}${where} ORDER BY ${order.join(', ')}`;
  return {
    object: scope.object,
    kind: 'records',
    selectSql,
    limit: query.limit,
    offset: query.offset,
    countSql: countSql(scope.fromSql(whereUses), where, query.limit, query.offset),
    params: comp.params.values,
    record,
    groupBy: false,
  };
}

interface RecordOptions {
  limit: number | undefined;
  allowSubqueries: boolean;
}

function planRecord(
  comp: Compilation,
  scope: Scope,
  fields: FieldType[],
  columns: ColumnList,
  uses: JoinUses,
  options: RecordOptions,
): RecordPlan {
  const plan: RecordPlan = {
    object: scope.object,
    idColumn: columns.add(`${scope.alias}."Id"`),
    nodes: [],
    subqueries: [],
  };
  const seen = new Set<string>();
  for (const { item, expanded } of expandFieldsFunctions(fields, scope.object, options.limit, comp.context.security)) {
    if (item.type === 'FieldSubquery') {
      if (!options.allowSubqueries) throw malformed('Nested subqueries are not supported');
      const child = planChild(comp, scope, item.subquery, options.limit);
      if (seen.has(`(${child.relationshipName.toLowerCase()})`))
        throw malformed(`duplicate subquery selected: ${child.relationshipName}`);
      seen.add(`(${child.relationshipName.toLowerCase()})`);
      plan.subqueries.push(child);
      plan.nodes.push({ kind: 'child', key: child.relationshipName, plan: child });
      continue;
    }
    if (item.type === 'FieldTypeof') throw unsupported('TYPEOF');
    if (item.type === 'FieldFunctionExpression') throw unsupported(`${item.functionName}()`);
    if ((item.type === 'Field' || item.type === 'FieldRelationship') && 'alias' in item && item.alias)
      throw malformed('Only aggregate expressions use field aliasing');
    const resolved = scope.field(fieldPath(item), uses);
    const key = resolved.path.join('.').toLowerCase();
    if (seen.has(key)) {
      if (expanded) continue;
      throw malformed(`duplicate field selected: ${resolved.path.join('.')}`);
    }
    seen.add(key);
    addToTree(scope, columns, plan.nodes, resolved);
  }
  return plan;
}

/** FIELDS(STANDARD) and FIELDS(CUSTOM) become the object's fields; FIELDS(ALL) is refused. */
interface SelectItem {
  item: FieldType;
  /** Came from FIELDS(): a field also selected explicitly is not a duplicate. */
  expanded: boolean;
}

function expandFieldsFunctions(
  fields: FieldType[],
  object: ObjectDef,
  limit: number | undefined,
  security: QuerySecurity | undefined,
): SelectItem[] {
  return fields.flatMap((item): SelectItem[] => {
    if (item.type !== 'FieldFunctionExpression' || item.functionName.toUpperCase() !== 'FIELDS')
      return [{ item, expanded: false }];
    const which = String(item.parameters[0] ?? '').toUpperCase();
    if (which === 'ALL') throw unsupported('FIELDS(ALL)');
    if (which !== 'STANDARD' && which !== 'CUSTOM') throw malformed(`unexpected token: '${which}'`);
    if (which === 'CUSTOM' && (limit === undefined || limit > 200))
      throw malformed('The SOQL FIELDS function must have a LIMIT of at most 200');
    // Only the fields the user can read (FIELDS() never names a field the user cannot see).
    const selected = [...object.fields.values()].filter(
      (f) => f.custom === (which === 'CUSTOM') && (!security || security.canReadField(object, f)),
    );
    return selected.map((f) => ({ item: { type: 'Field', field: f.name } as FieldType, expanded: true }));
  });
}

/** Places a field under its parent relationship nodes, creating them in first-selected order. */
function addToTree(scope: Scope, columns: ColumnList, root: OutNode[], resolved: ResolvedField): void {
  let level = root;
  for (const join of resolved.chain) {
    let node = level.find((n): n is ParentOut => n.kind === 'parent' && n.join === join);
    if (!node) {
      const polymorphic = join.targets.length !== 1;
      node = {
        kind: 'parent',
        key: join.relationshipName,
        fk: join.fk,
        join,
        idColumn: columns.add(scope.parentIdSql(join)),
        typeColumn: polymorphic ? columns.add(scope.parentTypeSql(join)) : undefined,
        objectName: polymorphic ? undefined : join.targets[0].name,
        children: [],
      };
      level.push(node);
    }
    level = node.children;
  }
  level.push({ kind: 'field', key: resolved.field.name, column: columns.add(resolved.sql), field: resolved.field });
}

/**
 * A child subquery compiled once; at run time `$parent_ids` (a JSON array) carries a batch of parent
 * ids and ROW_NUMBER() per parent applies the subquery's own ORDER BY, LIMIT and OFFSET.
 */
function planChild(comp: Compilation, parent: Scope, sub: Subquery, parentLimit: number | undefined): ChildPlan {
  const relationship = findChildRelationship(parent.object, sub.relationshipName);
  const object = relationship && comp.schema.objects.get(relationship.childSObject);
  const security = comp.context.security;
  const hidden =
    !!security &&
    !!object &&
    (!security.canReadObject(object) || !security.canReadField(object, object.fields.get(relationship!.field)!));
  if (!relationship || !object || hidden) throw unknownChildRelationship(sub.relationshipName);
  rejectUnsupportedClauses(sub);
  checkLimitAndOffset(sub, object.name);
  if (sub.groupBy || sub.having || (sub.fields ?? []).some(isAggregateFunction))
    throw unsupported('Aggregate functions in a subquery');
  if (sub.offset !== undefined && parentLimit !== 1)
    throw malformed('OFFSET is allowed in a subquery only when the outer query has LIMIT 1');
  const childComp: Compilation = { ...comp, params: new ParamBag() };
  const scope = new Scope(childComp, object, sub.sObjectAlias);
  const uses: JoinUses = new Set();
  const columns = new ColumnList();
  const record = planRecord(childComp, scope, sub.fields ?? [], columns, uses, {
    limit: sub.limit,
    allowSubqueries: false,
  });
  const parentColumn = `${scope.alias}.${quoteIdent(relationship.field)}`;
  const filters = [
    `${parentColumn} IN (SELECT value FROM json_each($parent_ids))`,
    ...baseFilters(childComp, scope, sub.usingScope),
  ];
  if (sub.where) filters.push(compileWhere(childComp, scope, sub.where, uses, false));
  const order = [...compileOrderBy(scope, sub.orderBy, uses), `${scope.alias}.rowid`].join(', ');
  const numbered = `SELECT ${columns.sql()}, ${parentColumn} AS "__parent", ROW_NUMBER() OVER (PARTITION BY ${parentColumn} ORDER BY ${order}) AS "__rn" FROM ${scope.fromSql(uses)}${whereSql(filters)}`;
  const window = rowWindow(sub.limit, sub.offset);
  const sql = `SELECT * FROM (${numbered})${window} ORDER BY "__parent", "__rn"`;
  return { relationshipName: relationship.relationshipName!, sql, params: childComp.params.values, record };
}

function rowWindow(limit: number | undefined, offset: number | undefined): string {
  const conditions = [];
  if (offset) conditions.push(`"__rn" > ${offset}`);
  if (limit !== undefined) conditions.push(`"__rn" <= ${(offset ?? 0) + limit}`);
  return conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
}

/** ORDER BY of a record query: fields and parent paths, with Salesforce's default null placement. */
function compileOrderBy(scope: Scope, orderBy: OrderByClause | OrderByClause[] | undefined, uses: JoinUses): string[] {
  return asArray(orderBy).flatMap((clause) => {
    if (!('field' in clause) || clause.field === undefined)
      throw malformed('Ordering by a function is supported only in aggregate queries');
    const resolved = scope.field(clause.field, uses);
    return orderTerms(resolved.sql, resolved.field, resolved.path.join('.'), clause);
  });
}

/** NULLS FIRST for ASC and NULLS LAST for DESC unless given; picklists sort in their defined order. */
function orderTerms(sql: string, field: FieldDef, label: string, clause: OrderByClause): string[] {
  if (isLongText(field) || field.type === 'multipicklist')
    throw new SoqlError('INVALID_FIELD', `field '${label}' can not be sorted in a query call`);
  const direction = clause.order?.toUpperCase() === 'DESC' ? 'DESC' : 'ASC';
  const nulls = clause.nulls?.toUpperCase() ?? (direction === 'ASC' ? 'FIRST' : 'LAST');
  const suffix = ` ${direction} NULLS ${nulls}`;
  if (field.type === 'picklist' && field.picklistValues?.length)
    return [`${picklistRank(sql, field)}${suffix}`, `${sql} COLLATE NOCASE${suffix}`];
  return [`${sql}${collation(field)}${suffix}`];
}

function picklistRank(sql: string, field: FieldDef): string {
  const values = field.picklistValues ?? [];
  const whens = values.map((v, i) => `WHEN ${sql} = ${sqlString(v.value)} COLLATE NOCASE THEN ${i}`).join(' ');
  return `(CASE WHEN ${sql} IS NULL THEN NULL ${whens} ELSE ${values.length} END)`;
}

// ---------------------------------------------------------------------------------------------
// Aggregate queries
// ---------------------------------------------------------------------------------------------

interface GroupTerm {
  key: string;
  sql: string;
  resolved: ResolvedField;
}

function planAggregate(comp: Compilation, scope: Scope, query: Query): MainPlan {
  const uses: JoinUses = new Set();
  const groups = asArray(query.groupBy).map((clause) => groupTerm(scope, clause, uses));
  const columns = new ColumnList();
  const items = aggregateItems(scope, query.fields ?? [], groups, columns, uses);
  const filters = baseFilters(comp, scope, query.usingScope);
  if (query.where) filters.push(compileWhere(comp, scope, query.where, uses, false));
  const having = query.having ? ` HAVING ${compileHaving(comp, scope, query.having, groups, uses)}` : '';
  const groupSql = groups.length ? ` GROUP BY ${groups.map((g) => g.sql).join(', ')}` : '';
  // The groups themselves break ties, so that pages of groups are stable.
  const order = [...aggregateOrderBy(scope, query.orderBy, groups, uses), ...groups.map((g) => g.sql)];
  const from = scope.fromSql(uses);
  const tail = `${whereSql(filters)}${groupSql}${having}`;
  const orderSql = order.length ? ` ORDER BY ${order.join(', ')}` : '';
  return {
    object: scope.object,
    kind: 'aggregate',
    selectSql: `SELECT ${columns.sql()} FROM ${from}${tail}${orderSql}`,
    limit: query.limit,
    offset: query.offset,
    countSql: countSql(from, tail, query.limit, query.offset, columns.sql()),
    params: comp.params.values,
    aggregate: items,
    groupBy: groups.length > 0,
  };
}

/** Salesforce cannot group by long text, multi-select picklists, numbers (except int) or datetimes. */
function groupTerm(
  scope: Scope,
  clause: { field?: string; fn?: { functionName?: string; rawValue?: string } },
  uses: JoinUses,
): GroupTerm {
  if (clause.fn) {
    const name = (clause.fn.functionName ?? '').toUpperCase();
    throw unsupported(
      name === 'ROLLUP' || name === 'CUBE' ? `GROUP BY ${name}` : `${functionLabel(clause.fn)} in GROUP BY`,
    );
  }
  const resolved = scope.field(clause.field ?? '', uses);
  const label = resolved.path.join('.');
  const type = resolved.field.type;
  const groupable =
    !isLongText(resolved.field) && !['multipicklist', 'double', 'currency', 'percent', 'datetime'].includes(type);
  if (!groupable) throw new SoqlError('INVALID_FIELD', `field '${label}' can not be grouped in a query call`);
  return { key: label.toLowerCase(), sql: `${resolved.sql}${collation(resolved.field)}`, resolved };
}

function findGroup(groups: GroupTerm[], resolved: ResolvedField): GroupTerm | undefined {
  const key = resolved.path.join('.').toLowerCase();
  return groups.find((g) => g.key === key);
}

/** Grouped fields keep their field name (or alias); unaliased aggregates are expr0, expr1… */
function aggregateItems(
  scope: Scope,
  fields: FieldType[],
  groups: GroupTerm[],
  columns: ColumnList,
  uses: JoinUses,
): AggregateItem[] {
  let unnamed = 0;
  const items: AggregateItem[] = [];
  for (const item of fields) {
    if (item.type === 'FieldFunctionExpression' && isAggregateFunction(item)) {
      const agg = aggregateExpression(scope, item.functionName, item.parameters, uses);
      items.push({
        key: item.alias ?? `expr${unnamed++}`,
        column: columns.add(agg.sql),
        field: agg.field,
        aggregate: true,
        display: agg.display,
      });
      continue;
    }
    if (item.type !== 'Field' && item.type !== 'FieldRelationship') throw unsupportedSelectItem(item);
    const resolved = scope.field(fieldPath(item), uses);
    if (!findGroup(groups, resolved))
      throw malformed(`Field must be grouped or aggregated: ${resolved.path.join('.')}`);
    const alias = 'alias' in item ? (item.alias as string | undefined) : undefined;
    items.push({
      key: alias ?? resolved.field.name,
      column: columns.add(resolved.sql),
      field: resolved.field,
      aggregate: false,
      display: resolved.field.name,
    });
  }
  const keys = new Set<string>();
  for (const item of items) {
    if (keys.has(item.key.toLowerCase())) throw malformed(`duplicate alias: ${item.key}`);
    keys.add(item.key.toLowerCase());
  }
  return items;
}

function unsupportedSelectItem(item: FieldType): SoqlError {
  if (item.type === 'FieldTypeof') return unsupported('TYPEOF');
  if (item.type === 'FieldSubquery') return unsupported('A subquery in an aggregate query');
  if (item.type === 'FieldFunctionExpression') return unsupported(`${item.functionName}()`);
  return malformed('unexpected select item');
}

const NUMERIC_RESULT = syntheticField('expr', 'double');
const COUNT_RESULT = syntheticField('expr', 'int');

/** SQL, result type and display name ("count(Id)") of COUNT/COUNT_DISTINCT/SUM/AVG/MIN/MAX(field). */
function aggregateExpression(
  scope: Scope,
  functionName: string,
  parameters: unknown[] | undefined,
  uses: JoinUses,
): { sql: string; field: FieldDef; display: string } {
  const fn = functionName.toUpperCase();
  if (!AGGREGATE_FUNCTIONS.has(fn)) throw unsupported(`${functionName}()`);
  const params = parameters ?? [];
  if (params.length === 0) throw malformed(`${fn}() needs a field here`);
  if (params.length !== 1 || typeof params[0] !== 'string') throw unsupported(`A function inside ${fn}()`);
  const resolved = scope.field(params[0], uses);
  const field = resolved.field;
  const label = resolved.path.join('.');
  const category = categoryOf(field);
  const allowed =
    !isLongText(field) &&
    category !== 'multipicklist' &&
    (fn === 'SUM' || fn === 'AVG'
      ? category === 'number'
      : fn === 'MIN' || fn === 'MAX'
        ? category !== 'boolean'
        : true);
  if (!allowed) throw new SoqlError('INVALID_FIELD', `field ${label} does not support aggregate operator ${fn}`);
  const display = `${fn.toLowerCase()}(${label})`;
  const sql = resolved.sql;
  switch (fn) {
    case 'COUNT':
      return { sql: `COUNT(${sql})`, field: COUNT_RESULT, display };
    case 'COUNT_DISTINCT':
      return { sql: `COUNT(DISTINCT ${sql}${collation(field)})`, field: COUNT_RESULT, display };
    case 'SUM':
    case 'AVG':
      return { sql: `${fn}(${sql})`, field: NUMERIC_RESULT, display };
    default:
      return { sql: `${fn}(${sql}${collation(field)})`, field, display };
  }
}

function compileHaving(comp: Compilation, scope: Scope, having: unknown, groups: GroupTerm[], uses: JoinUses): string {
  return compileBool(parseClause(having), (condition) => {
    if (condition.valueQuery) throw malformed('Semi join sub-selects are not allowed in HAVING');
    if (condition.fn) {
      const fnName = condition.fn.functionName ?? '';
      if (!AGGREGATE_FUNCTIONS.has(fnName.toUpperCase())) throw unsupported(`${functionLabel(condition.fn)} in HAVING`);
      const agg = aggregateExpression(scope, fnName, condition.fn.parameters, uses);
      return compileComparison(comp, { sql: agg.sql, field: agg.field, label: agg.display }, condition);
    }
    const resolved = scope.field(condition.field ?? '', uses);
    const group = findGroup(groups, resolved);
    if (!group) throw malformed(`Field must be grouped or aggregated: ${resolved.path.join('.')}`);
    return compileComparison(
      comp,
      { sql: resolved.sql, field: resolved.field, label: resolved.path.join('.') },
      condition,
    );
  });
}

function aggregateOrderBy(
  scope: Scope,
  orderBy: OrderByClause | OrderByClause[] | undefined,
  groups: GroupTerm[],
  uses: JoinUses,
): string[] {
  return asArray(orderBy).flatMap((clause) => {
    if ('fn' in clause && clause.fn) {
      const agg = aggregateExpression(scope, clause.fn.functionName ?? '', clause.fn.parameters, uses);
      return orderTerms(agg.sql, agg.field, agg.display, clause);
    }
    const resolved = scope.field((clause as { field: string }).field, uses);
    if (!findGroup(groups, resolved))
      throw malformed(`Ordered field must be grouped or aggregated: ${resolved.path.join('.')}`);
    return orderTerms(resolved.sql, resolved.field, resolved.path.join('.'), clause);
  });
}

// ---------------------------------------------------------------------------------------------
// Execution and result shaping
// ---------------------------------------------------------------------------------------------

type Row = Record<string, SQLOutputValue>;
type ChildResults = Map<ChildPlan, Map<string, QueryRecord[]>>;

const NO_CHILDREN: ChildResults = new Map();

/** Wraps a statement cursor so that abandoning the generator also closes the cursor. */
function* iterateRows(
  statement: QueryStatement,
  params: Record<string, SQLInputValue>,
): Generator<Row, void, undefined> {
  const cursor = statement.iterate(params);
  try {
    for (let step = cursor.next(); !step.done; step = cursor.next()) yield step.value;
  } finally {
    cursor.return?.();
  }
}

/** Reads parents in batches, fetches each subquery once per batch, then yields the batch's records. */
function* recordsWithChildren(
  db: QueryDatabase,
  plan: RecordPlan,
  rows: Iterable<Row>,
  version: string,
): Generator<QueryRecord, void, undefined> {
  const statements = plan.subqueries.map((child) => ({ child, statement: db.prepare(child.sql) }));
  let batch: Row[] = [];
  const flush = function* (): Generator<QueryRecord, void, undefined> {
    const ids = batch.map((row) => String(row[plan.idColumn]));
    const results: ChildResults = new Map();
    for (const { child, statement } of statements) {
      const params = { ...usedParams(child.sql, child.params), parent_ids: JSON.stringify(ids) };
      results.set(child, groupChildRows(child, statement.all(params), version));
    }
    for (const row of batch) yield buildRecord(plan, row, version, results);
    batch = [];
  };
  for (const row of rows) {
    batch.push(row);
    if (batch.length >= CHILD_BATCH_SIZE) yield* flush();
  }
  if (batch.length) yield* flush();
}

function groupChildRows(child: ChildPlan, rows: Row[], version: string): Map<string, QueryRecord[]> {
  const byParent = new Map<string, QueryRecord[]>();
  for (const row of rows) {
    const parentId = String(row.__parent);
    let list = byParent.get(parentId);
    if (!list) byParent.set(parentId, (list = []));
    list.push(buildRecord(child.record, row, version, NO_CHILDREN));
  }
  return byParent;
}

function attributes(type: string, id: string, version: string): { type: string; url: string } {
  return { type, url: `/services/data/v${version}/sobjects/${type}/${id}` };
}

function buildRecord(plan: RecordPlan, row: Row, version: string, children: ChildResults): QueryRecord {
  const id = String(row[plan.idColumn]);
  const record: QueryRecord = { attributes: attributes(plan.object.name, id, version) };
  fillNodes(record, plan.nodes, row, version, children, id);
  return record;
}

function fillNodes(
  target: QueryRecord,
  nodes: OutNode[],
  row: Row,
  version: string,
  children: ChildResults,
  id: string,
): void {
  for (const node of nodes) {
    if (node.kind === 'field') {
      target[node.key] = decodeValue(node.field, row[node.column]);
    } else if (node.kind === 'child') {
      const list = children.get(node.plan)?.get(id);
      target[node.key] = list ? { totalSize: list.length, done: true, records: list } : null;
    } else {
      target[node.key] = parentRecord(node, row, version, children);
    }
  }
}

/** A parent relationship in the result: null when the reference is empty, else a nested record. */
function parentRecord(node: ParentOut, row: Row, version: string, children: ChildResults): QueryRecord | null {
  const parentId = row[node.idColumn];
  if (parentId === null || parentId === undefined) return null;
  const type = node.typeColumn ? String(row[node.typeColumn]) : node.objectName!;
  const record: QueryRecord = { attributes: attributes(type, String(parentId), version) };
  fillNodes(record, node.children, row, version, children, String(parentId));
  return record;
}

function aggregateRecord(items: AggregateItem[], row: Row): QueryRecord {
  const record: QueryRecord = { attributes: { type: 'AggregateResult' } };
  for (const item of items) record[item.key] = decodeValue(item.field, row[item.column]);
  return record;
}

function flatPaths(nodes: OutNode[], prefix: string): string[] {
  return nodes.flatMap((node) => {
    if (node.kind === 'field') return [`${prefix}${node.key}`];
    if (node.kind === 'parent') return flatPaths(node.children, `${prefix}${node.key}.`);
    return [];
  });
}

// ---------------------------------------------------------------------------------------------
// Column metadata (columns=true)
// ---------------------------------------------------------------------------------------------

const APEX_TYPES: Record<SoapType, string> = {
  id: 'Id',
  reference: 'Id',
  string: 'String',
  textarea: 'String',
  picklist: 'String',
  multipicklist: 'String',
  url: 'String',
  email: 'String',
  phone: 'String',
  double: 'Double',
  percent: 'Double',
  currency: 'Decimal',
  int: 'Integer',
  boolean: 'Boolean',
  date: 'Date',
  datetime: 'Datetime',
};

function baseColumn(columnName: string, displayName: string): ColumnMetadata {
  return {
    aggregate: false,
    apexType: null,
    booleanType: false,
    columnName,
    custom: false,
    displayName,
    foreignKeyName: null,
    insertable: false,
    joinColumns: [],
    numberType: false,
    textType: false,
    updatable: false,
  };
}

function fieldColumn(field: FieldDef, columnName: string): ColumnMetadata {
  const category = categoryOf(field);
  return {
    ...baseColumn(columnName, field.name),
    apexType: APEX_TYPES[field.type],
    booleanType: category === 'boolean',
    custom: field.custom,
    insertable: field.createable,
    numberType: category === 'number',
    textType: category === 'text' || category === 'multipicklist',
    updatable: field.updateable,
  };
}

function nodeColumn(node: OutNode): ColumnMetadata {
  if (node.kind === 'field') return fieldColumn(node.field, node.key);
  if (node.kind === 'parent') {
    return {
      ...baseColumn(node.key, node.key),
      custom: node.fk.custom,
      foreignKeyName: node.fk.name,
      joinColumns: node.children.map(nodeColumn),
    };
  }
  return { ...baseColumn(node.key, node.key), aggregate: true, joinColumns: node.plan.record.nodes.map(nodeColumn) };
}

function aggregateColumn(item: AggregateItem): ColumnMetadata {
  if (!item.aggregate) return fieldColumn(item.field, item.key);
  const category = categoryOf(item.field);
  return {
    ...baseColumn(item.key, item.display),
    aggregate: true,
    booleanType: category === 'boolean',
    numberType: category === 'number',
    textType: category === 'text',
  };
}
