// SOQL field categories and literal values: how each field type compares, and literals checked
// against the field they are compared with.
import { caseSafeSuffix } from '../ids.ts';
import type { FieldDef } from '../schema.ts';
import { invalidOperator, malformed, SoqlError, unsupported } from './errors.ts';
import type { Compilation } from './scope.ts';
import { dateLiteral } from './dates.ts';

type Category = 'text' | 'multipicklist' | 'id' | 'number' | 'boolean' | 'date' | 'datetime';

export function categoryOf(field: FieldDef): Category {
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
export const collation = (field: FieldDef) =>
  categoryOf(field) === 'text' || categoryOf(field) === 'multipicklist' ? ' COLLATE NOCASE' : '';

/** Long text areas cannot be filtered, sorted or grouped in Salesforce. */
export const isLongText = (field: FieldDef) => field.type === 'textarea' && (field.length ?? 0) > 255;

export function describeType(field: FieldDef): string {
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

export type Literal =
  { kind: 'null' } | { kind: 'value'; value: string | number } | { kind: 'range'; start: string; end: string };

/** What a condition compares against: an SQL operand and the field type it has. */
export interface Operand {
  sql: string;
  field: FieldDef;
  label: string;
}

export function typeMismatch(operand: Operand): SoqlError {
  const quoted = ['text', 'multipicklist', 'id'].includes(categoryOf(operand.field));
  return new SoqlError(
    'INVALID_FIELD',
    `value of filter criterion for field '${operand.label}' must be of type ${describeType(operand.field)} and should ${quoted ? '' : 'not '}be enclosed in quotes`,
  );
}

/** Converts one parsed literal to the stored encoding of the operand's field (or a date range). */
export function literalFor(
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

export function escapeLike(text: string): string {
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
