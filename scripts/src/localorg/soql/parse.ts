// SOQL parsing and clause checks: the parser's errors as Salesforce words them, unsupported clauses,
// LIMIT/OFFSET, the FROM object, and which kind of query (records, aggregate, COUNT()) it is.
import { parseQuery } from '@jetstreamapp/soql-parser-js';
import type { FieldType, Query, QueryBase } from '@jetstreamapp/soql-parser-js';
import { findObject } from '../schema.ts';
import type { ObjectDef, OrgSchema } from '../schema.ts';
import { MAX_OFFSET } from './contracts.ts';
import type { QuerySecurity } from './contracts.ts';
import { malformed, SoqlError, unknownObject, unsupported } from './errors.ts';

export function parseSoql(soql: string): Query {
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

export function rejectUnsupportedClauses(query: QueryBase): void {
  if (query.withSecurityEnforced) throw unsupported('WITH SECURITY_ENFORCED');
  if (query.withAccessLevel) throw unsupported(`WITH ${query.withAccessLevel}`);
  if (query.withDataCategory) throw unsupported('WITH DATA CATEGORY');
  if (query.for) throw unsupported(`FOR ${query.for}`);
  if (query.update) throw unsupported(`UPDATE ${query.update}`);
}

export function checkLimitAndOffset(query: QueryBase, apiName: string): void {
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
export function resolveObject(schema: OrgSchema, name: string, security?: QuerySecurity): ObjectDef {
  const object = findObject(schema, name);
  if (!object || !object.queryable || (security && !security.canReadObject(object))) throw unknownObject(name);
  return object;
}

export const AGGREGATE_FUNCTIONS = new Set(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);

export function isAggregateFunction(item: FieldType): item is Extract<FieldType, { type: 'FieldFunctionExpression' }> {
  return item.type === 'FieldFunctionExpression' && AGGREGATE_FUNCTIONS.has(item.functionName.toUpperCase());
}

export function isCountOnly(query: Query): boolean {
  const fields = query.fields ?? [];
  const countAll = fields.findIndex(
    (f) => isAggregateFunction(f) && f.functionName.toUpperCase() === 'COUNT' && f.parameters.length === 0,
  );
  if (countAll < 0) return false;
  if (fields.length > 1) throw malformed('COUNT() must be the only element in the SELECT list');
  if (query.groupBy) throw unsupported('COUNT() with GROUP BY');
  return true;
}

export function isAggregateQuery(query: Query): boolean {
  return query.groupBy !== undefined || (query.fields ?? []).some(isAggregateFunction);
}

export const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
