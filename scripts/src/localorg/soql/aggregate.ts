// SOQL aggregate queries: GROUP BY, aggregate functions, HAVING and their ORDER BY.
import type { FieldType, OrderByClause, Query } from '@jetstreamapp/soql-parser-js';
import type { FieldDef } from '../schema.ts';
import { malformed, SoqlError, unsupported } from './errors.ts';
import { AGGREGATE_FUNCTIONS, asArray, isAggregateFunction } from './parse.ts';
import { baseFilters, Scope, syntheticField } from './scope.ts';
import type { Compilation, JoinUses, ResolvedField } from './scope.ts';
import { categoryOf, collation, isLongText } from './literals.ts';
import { compileBool, compileComparison, compileWhere, fieldPath, functionLabel, parseClause } from './where.ts';
import { ColumnList, countSql, orderTerms, whereSql } from './select.ts';
import type { AggregateItem, MainPlan } from './select.ts';

interface GroupTerm {
  key: string;
  sql: string;
  resolved: ResolvedField;
}

export function planAggregate(comp: Compilation, scope: Scope, query: Query): MainPlan {
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
