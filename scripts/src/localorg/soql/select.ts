// SOQL record queries: the select list, child subqueries, ORDER BY, and the plans they compile to.
import type { FieldType, OrderByClause, Query, Subquery } from '@jetstreamapp/soql-parser-js';
import type { SQLInputValue } from 'node:sqlite';
import { findChildRelationship } from '../schema.ts';
import type { FieldDef, ObjectDef } from '../schema.ts';
import { quoteIdent } from '../storage.ts';
import type { QuerySecurity } from './contracts.ts';
import { malformed, SoqlError, unknownChildRelationship, unsupported } from './errors.ts';
import { asArray, checkLimitAndOffset, isAggregateFunction, rejectUnsupportedClauses } from './parse.ts';
import { baseFilters, ParamBag, Scope, sqlString } from './scope.ts';
import type { Compilation, JoinNode, JoinUses, ResolvedField } from './scope.ts';
import { collation, isLongText } from './literals.ts';
import { compileWhere, fieldPath } from './where.ts';

/** Selected SQL expressions, each under a generated alias c0, c1…; the same expression is selected once. */
export class ColumnList {
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

export interface ParentOut {
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

export type OutNode = FieldOut | ParentOut | ChildOut;

/** How to turn a row into a record: the object, its Id column and the output tree in select order. */
export interface RecordPlan {
  object: ObjectDef;
  idColumn: string;
  nodes: OutNode[];
  subqueries: ChildPlan[];
}

export interface ChildPlan {
  relationshipName: string;
  sql: string;
  params: Record<string, SQLInputValue>;
  record: RecordPlan;
}

export interface AggregateItem {
  key: string;
  column: string;
  field: FieldDef;
  aggregate: boolean;
  display: string;
}

export interface MainPlan {
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

export const whereSql = (filters: string[]) => (filters.length ? ` WHERE ${filters.join(' AND ')}` : '');

function limitSql(limit: number | undefined, offset: number | undefined): string {
  if (limit === undefined && !offset) return '';
  return ` LIMIT ${limit ?? -1}${offset ? ` OFFSET ${offset}` : ''}`;
}

/** The query's own LIMIT/OFFSET, moved on by `skip` rows already delivered. */
export function pagedSelect(plan: MainPlan, skip: number): string {
  if (!Number.isSafeInteger(skip) || skip < 0) throw new RangeError(`skip must be a non-negative integer, not ${skip}`);
  const limit = plan.limit === undefined ? undefined : Math.max(0, plan.limit - skip);
  return `${plan.selectSql}${limitSql(limit, (plan.offset ?? 0) + skip)}`;
}

/**
 * COUNT(*) over the same FROM/WHERE; LIMIT/OFFSET bound it as they bound the rows. An aggregate query
 * counts the rows of its own select list (one row without GROUP BY, one per group with it).
 */
export function countSql(
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

export function planCountOnly(comp: Compilation, scope: Scope, query: Query): MainPlan {
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

export function planRecords(comp: Compilation, scope: Scope, query: Query): MainPlan {
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
export function orderTerms(sql: string, field: FieldDef, label: string, clause: OrderByClause): string[] {
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
