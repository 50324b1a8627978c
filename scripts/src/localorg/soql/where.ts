// SOQL WHERE and HAVING: the boolean structure (AND, OR, NOT, parentheses) and the conditions.
import type { FieldType, Query } from '@jetstreamapp/soql-parser-js';
import { invalidOperator, malformed, SoqlError, unsupported } from './errors.ts';
import { asArray, rejectUnsupportedClauses, resolveObject } from './parse.ts';
import { baseFilters, Scope } from './scope.ts';
import type { Compilation, JoinUses } from './scope.ts';
import { categoryOf, collation, describeType, escapeLike, isLongText, literalFor } from './literals.ts';
import type { Literal, Operand } from './literals.ts';
import { whereSql } from './select.ts';

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
export function compileBool(expr: BoolExpr, leaf: (condition: ConditionNode) => string): string {
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

export function parseClause(clause: unknown): BoolExpr {
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
export function compileWhere(
  comp: Compilation,
  scope: Scope,
  where: unknown,
  uses: JoinUses,
  inSubSelect: boolean,
): string {
  return compileBool(parseClause(where), (condition) => {
    if (condition.fn) throw unsupported(`${functionLabel(condition.fn)} in WHERE`);
    if (condition.valueQuery) return compileSemiJoin(comp, scope, condition, uses, inSubSelect);
    const target = scope.field(condition.field ?? '', uses);
    return compileComparison(comp, { sql: target.sql, field: target.field, label: target.path.join('.') }, condition);
  });
}

export function functionLabel(fn: { functionName?: string; rawValue?: string }): string {
  return `${fn.functionName ?? fn.rawValue ?? 'function'}()`;
}

/** One comparison of an operand with literal values, in Salesforce's null semantics. */
export function compileComparison(comp: Compilation, operand: Operand, condition: ConditionNode): string {
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

export function fieldPath(item: FieldType): string {
  if (item.type === 'FieldRelationship') return [...item.relationships, item.field].join('.');
  if (item.type === 'Field') return item.field;
  throw malformed('expected a field');
}
