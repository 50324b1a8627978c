/**
 * Salesforce formula language: tokenizer, Pratt parser, static checker and a small evaluator.
 *
 * Used by the offline metadata validator (do validation-rule and formula-field formulas parse,
 * which fields do they reference) and by the local Salesforce-compatible server (evaluate
 * validation rules). No dependencies, erasable TypeScript only, so Node runs it directly.
 *
 * Evaluator value representation (kept deliberately plain so records can be passed as-is):
 *   Number, Currency, Percent -> JS number
 *   Text, Picklist            -> string (multi-select picklist: values joined by ';')
 *   Checkbox                  -> boolean
 *   Date                      -> 'YYYY-MM-DD' string
 *   DateTime                  -> JS Date object; ISO-8601 date-time strings coming from getField /
 *                                getPrior / getGlobal (e.g. '2024-05-01T09:00:00.000+0000') are
 *                                converted to Date on read
 *   Time                      -> 'HH:MM:SS.mmm' string (GMT)
 *   blank                     -> null (undefined is read as null)
 */

// ---------------------------------------------------------------------------------------------
// AST

export type UnaryOperator = '-' | '+' | '!';
/** `==` is normalised to `=` and `<>` to `!=`: they are interchangeable in Salesforce. */
export type BinaryOperator = '+' | '-' | '*' | '/' | '^' | '&' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||';

/** `offset` is the 0-based source offset of the node's own token (the operator for binary nodes). */
export type FormulaAst =
  | { kind: 'number'; value: number; offset: number }
  | { kind: 'string'; value: string; offset: number }
  | { kind: 'boolean'; value: boolean; offset: number }
  | { kind: 'null'; offset: number }
  /** path as written, e.g. `Event__r.Status__c` */
  | { kind: 'field'; path: string; offset: number }
  /** path as written incl. `$`, e.g. `$Setup.X__c.Y__c`; scope `Setup`, name `X__c.Y__c` */
  | { kind: 'global'; path: string; scope: string; name: string; offset: number }
  /** name upper-cased (function names are case-insensitive) */
  | { kind: 'call'; name: string; args: FormulaAst[]; offset: number }
  | { kind: 'unary'; op: UnaryOperator; operand: FormulaAst; offset: number }
  | { kind: 'binary'; op: BinaryOperator; left: FormulaAst; right: FormulaAst; offset: number };

export type CallNode = Extract<FormulaAst, { kind: 'call' }>;

/** 1-based line and column of a 0-based offset. */
export function lineColumn(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

export class FormulaSyntaxError extends Error {
  readonly expected: string;
  readonly found: string;
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  constructor(expected: string, found: string, offset: number, source: string) {
    const { line, column } = lineColumn(source, offset);
    super(`Expected ${expected} at ${line}:${column} but found ${found}`);
    this.name = 'FormulaSyntaxError';
    this.expected = expected;
    this.found = found;
    this.offset = offset;
    this.line = line;
    this.column = column;
  }
}

// ---------------------------------------------------------------------------------------------
// Tokenizer

type TokenType = 'number' | 'string' | 'ident' | 'op' | '(' | ')' | ',' | 'eof' | 'invalid';
/** `text` is the raw source text; `value` the decoded content of a string literal. */
interface Token {
  type: TokenType;
  text: string;
  offset: number;
  value?: string;
}

// Longest first, so `<=` wins over `<`.
const OPERATORS = ['&&', '||', '==', '!=', '<>', '<=', '>=', '+', '-', '*', '/', '^', '&', '=', '<', '>', '!'];
const ESCAPES: Record<string, string> = { '"': '"', "'": "'", '\\': '\\', n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
const IDENT_START = /[A-Za-z_$]/;
const IDENT_SEGMENT = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /\d+(?:\.\d+)?|\.\d+/y;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < source.length) {
    const ch = source[pos];
    if (/\s/.test(ch)) {
      pos++;
    } else if (source.startsWith('/*', pos)) {
      const end = source.indexOf('*/', pos + 2);
      if (end < 0) throw new FormulaSyntaxError('"*/" closing the comment', 'end of formula', pos, source);
      pos = end + 2;
    } else if (ch === '"' || ch === "'") {
      const token = readString(source, pos);
      tokens.push(token);
      pos += token.text.length;
    } else if (/[0-9.]/.test(ch) && matchAt(NUMBER, source, pos)) {
      const text = matchAt(NUMBER, source, pos) as string;
      tokens.push({ type: 'number', text, offset: pos });
      pos += text.length;
    } else if (IDENT_START.test(ch)) {
      const text = readIdentifier(source, pos);
      tokens.push({ type: 'ident', text, offset: pos });
      pos += text.length;
    } else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ type: ch, text: ch, offset: pos++ });
    } else {
      // Unknown characters become tokens so the parser can say what it expected instead.
      const op = OPERATORS.find((candidate) => source.startsWith(candidate, pos));
      tokens.push({ type: op ? 'op' : 'invalid', text: op ?? ch, offset: pos });
      pos += op ? op.length : 1;
    }
  }
  tokens.push({ type: 'eof', text: '', offset: source.length });
  return tokens;
}

function matchAt(regex: RegExp, source: string, pos: number): string | undefined {
  regex.lastIndex = pos;
  return regex.exec(source)?.[0];
}

/** Reads `Name`, `$Scope.Name` or a dotted relationship path such as `Owner.Manager.Email`. */
function readIdentifier(source: string, start: number): string {
  let pos = source[start] === '$' ? start + 1 : start;
  for (;;) {
    const segment = matchAt(IDENT_SEGMENT, source, pos);
    if (!segment) {
      const what =
        pos === start + 1 && source[start] === '$' ? 'a global variable name after "$"' : 'a field name after "."';
      const found = pos >= source.length ? 'end of formula' : JSON.stringify(source[pos]);
      throw new FormulaSyntaxError(what, found, pos, source);
    }
    pos += segment.length;
    if (source[pos] !== '.') return source.slice(start, pos);
    pos++;
  }
}

function readString(source: string, start: number): Token {
  const quote = source[start];
  let value = '';
  let pos = start + 1;
  while (pos < source.length && source[pos] !== quote) {
    if (source[pos] !== '\\') {
      value += source[pos++];
      continue;
    }
    const escape = source[pos + 1];
    const hex = escape === 'u' ? /^[0-9a-fA-F]{4}/.exec(source.slice(pos + 2, pos + 6)) : null;
    if (hex) {
      value += String.fromCharCode(parseInt(hex[0], 16));
      pos += 6;
    } else if (escape !== undefined && escape in ESCAPES) {
      value += ESCAPES[escape];
      pos += 2;
    } else {
      // Salesforce rejects unknown escapes, which is why REGEX patterns are written "\\d".
      const found = escape === undefined ? 'end of formula' : `"\\${escape}"`;
      throw new FormulaSyntaxError(
        'an escape sequence (\\" \\\' \\\\ \\n \\r \\t \\b \\f \\uXXXX)',
        found,
        pos,
        source,
      );
    }
  }
  if (pos >= source.length) throw new FormulaSyntaxError(`closing ${quote} for text`, 'end of formula', start, source);
  return { type: 'string', text: source.slice(start, pos + 1), offset: start, value };
}

function describeToken(token: Token): string {
  if (token.type === 'eof') return 'end of formula';
  const text = token.text.length > 30 ? `${token.text.slice(0, 30)}...` : token.text;
  if (token.type === 'string') return `text ${text}`;
  if (token.type === 'number') return `number ${text}`;
  return JSON.stringify(text);
}

// ---------------------------------------------------------------------------------------------
// Parser (Pratt). Binding powers follow the Salesforce order of operations:
// () then ^, then unary - + ! (and NOT), then * /, + -, &, comparisons, &&, ||.

const BINARY_POWER: Record<string, number> = {
  '||': 1,
  '&&': 2,
  '=': 3,
  '==': 3,
  '!=': 3,
  '<>': 3,
  '<': 3,
  '<=': 3,
  '>': 3,
  '>=': 3,
  '&': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '^': 8,
};
const SYNONYMS: Record<string, string> = { '==': '=', '<>': '!=' };
const PREFIX_POWER = 7; // below ^ so that -2^2 = -(2^2), above * so that -a*b = (-a)*b

class Parser {
  private readonly source: string;
  private readonly tokens: Token[];
  private pos = 0;
  constructor(source: string) {
    this.source = source;
    this.tokens = tokenize(source);
  }

  parse(): FormulaAst {
    const ast = this.expression(0);
    const rest = this.peek();
    if (rest.type !== 'eof') throw this.error('an operator or end of formula', rest);
    return ast;
  }

  private peek(): Token {
    return this.tokens[this.pos];
  }
  private next(): Token {
    const token = this.tokens[this.pos];
    if (token.type !== 'eof') this.pos++;
    return token;
  }
  private error(expected: string, token: Token): FormulaSyntaxError {
    return new FormulaSyntaxError(expected, describeToken(token), token.offset, this.source);
  }

  /** Parses operators binding tighter than minPower; all binary operators are left-associative. */
  private expression(minPower: number): FormulaAst {
    let left = this.prefix();
    for (;;) {
      const token = this.peek();
      const power = token.type === 'op' ? BINARY_POWER[token.text] : undefined;
      if (power === undefined || power <= minPower) return left;
      this.pos++;
      const right = this.expression(power);
      const op = (SYNONYMS[token.text] ?? token.text) as BinaryOperator;
      left = { kind: 'binary', op, left, right, offset: token.offset };
    }
  }

  private prefix(): FormulaAst {
    const token = this.next();
    switch (token.type) {
      case 'number':
        return { kind: 'number', value: Number(token.text), offset: token.offset };
      case 'string':
        return { kind: 'string', value: token.value ?? '', offset: token.offset };
      case 'ident':
        return this.identifier(token);
      case '(': {
        const inner = this.expression(0);
        const close = this.next();
        if (close.type !== ')') throw this.error('")"', close);
        return inner;
      }
      case 'op':
        if (token.text === '-' || token.text === '+' || token.text === '!') {
          const operand = this.expression(PREFIX_POWER);
          return { kind: 'unary', op: token.text as UnaryOperator, operand, offset: token.offset };
        }
    }
    throw this.error('an expression', token);
  }

  private identifier(token: Token): FormulaAst {
    const { text, offset } = token;
    const simple = !text.includes('.') && !text.startsWith('$');
    const upper = text.toUpperCase();
    if (this.peek().type === '(') {
      if (!simple) throw this.error('a function name', token);
      this.pos++;
      return { kind: 'call', name: upper, args: this.argumentList(), offset };
    }
    if (text.startsWith('$')) {
      const dot = text.indexOf('.');
      if (dot < 0)
        throw new FormulaSyntaxError(
          `"." after ${text}`,
          describeToken(this.peek()),
          offset + text.length,
          this.source,
        );
      return { kind: 'global', path: text, scope: text.slice(1, dot), name: text.slice(dot + 1), offset };
    }
    if (simple && (upper === 'TRUE' || upper === 'FALSE')) return { kind: 'boolean', value: upper === 'TRUE', offset };
    if (simple && upper === 'NULL') return { kind: 'null', offset };
    // `NOT x` without parentheses is accepted by Salesforce as a prefix operator.
    if (simple && upper === 'NOT') return { kind: 'unary', op: '!', operand: this.expression(PREFIX_POWER), offset };
    return { kind: 'field', path: text, offset };
  }

  /** Called after "("; reads `arg, arg, ...)`. */
  private argumentList(): FormulaAst[] {
    const args: FormulaAst[] = [];
    if (this.peek().type === ')') {
      this.pos++;
      return args;
    }
    for (;;) {
      args.push(this.expression(0));
      const separator = this.next();
      if (separator.type === ')') return args;
      if (separator.type !== ',') throw this.error('"," or ")"', separator);
    }
  }
}

/** Parses a formula; throws FormulaSyntaxError with a line:column position on bad syntax. */
export function parseFormula(source: string): FormulaAst {
  return new Parser(source).parse();
}

// ---------------------------------------------------------------------------------------------
// Function catalogue and static check

/** `even`: total argument count must be even (CASE); `fieldArgument`: argument must be a field (ISCHANGED). */
export interface FunctionSpec {
  min: number;
  max: number;
  even?: boolean;
  fieldArgument?: boolean;
}

const spec = (min: number, max = min, extra: Partial<FunctionSpec> = {}): FunctionSpec => ({ min, max, ...extra });
const ANY = Number.POSITIVE_INFINITY;

export const FUNCTIONS: Readonly<Record<string, FunctionSpec>> = {
  // logical
  AND: spec(1, ANY),
  OR: spec(1, ANY),
  NOT: spec(1),
  IF: spec(3),
  CASE: spec(4, ANY, { even: true }),
  BLANKVALUE: spec(2),
  NULLVALUE: spec(2),
  ISBLANK: spec(1),
  ISNULL: spec(1),
  ISNUMBER: spec(1),
  ISPICKVAL: spec(2),
  ISCHANGED: spec(1, 1, { fieldArgument: true }),
  PRIORVALUE: spec(1, 1, { fieldArgument: true }),
  ISNEW: spec(0),
  ISCLONE: spec(0),
  INCLUDES: spec(2),
  REGEX: spec(2),
  // text
  LEN: spec(1),
  TEXT: spec(1),
  VALUE: spec(1),
  CONTAINS: spec(2),
  BEGINS: spec(2),
  LEFT: spec(2),
  RIGHT: spec(2),
  MID: spec(3),
  UPPER: spec(1, 2),
  LOWER: spec(1, 2),
  TRIM: spec(1),
  SUBSTITUTE: spec(3),
  FIND: spec(2, 3),
  LPAD: spec(2, 3),
  RPAD: spec(2, 3),
  BR: spec(0),
  HYPERLINK: spec(2, 3),
  IMAGE: spec(2, 4),
  CASESAFEID: spec(1),
  HTMLENCODE: spec(1),
  JSENCODE: spec(1),
  URLENCODE: spec(1),
  VLOOKUP: spec(3),
  // math
  ABS: spec(1),
  ROUND: spec(2),
  CEILING: spec(1),
  FLOOR: spec(1),
  MCEILING: spec(1),
  MFLOOR: spec(1),
  MAX: spec(1, ANY),
  MIN: spec(1, ANY),
  MOD: spec(2),
  EXP: spec(1),
  LN: spec(1),
  LOG: spec(1),
  SQRT: spec(1),
  TRUNC: spec(1, 2),
  // date and time
  TODAY: spec(0),
  NOW: spec(0),
  TIMENOW: spec(0),
  DATE: spec(3),
  YEAR: spec(1),
  MONTH: spec(1),
  DAY: spec(1),
  DATEVALUE: spec(1),
  DATETIMEVALUE: spec(1),
  TIMEVALUE: spec(1),
  ADDMONTHS: spec(2),
  WEEKDAY: spec(1),
  HOUR: spec(1),
  MINUTE: spec(1),
  SECOND: spec(1),
  MILLISECOND: spec(1),
  ISOWEEK: spec(1),
  ISOYEAR: spec(1),
  DAYOFYEAR: spec(1),
  UNIXTIMESTAMP: spec(1),
  FROMUNIXTIME: spec(1),
};

/** Error message for a call that is unknown or has the wrong arguments, or undefined if fine. */
function callProblem(call: CallNode): string | undefined {
  const fn = FUNCTIONS[call.name];
  if (!fn) return `Unknown function ${call.name}()`;
  const count = call.args.length;
  if (count < fn.min || count > fn.max || (fn.even && count % 2 !== 0)) {
    return `Incorrect number of arguments for function ${call.name}(): expected ${expectedCount(fn)}, received ${count}`;
  }
  if (fn.fieldArgument && call.args[0].kind !== 'field')
    return `Function ${call.name}() expects a field reference as its argument`;
  return undefined;
}

function expectedCount(fn: FunctionSpec): string {
  if (fn.even) return `an even number, at least ${fn.min}`;
  if (fn.max === ANY) return `at least ${fn.min}`;
  return fn.min === fn.max ? `${fn.min}` : `${fn.min} to ${fn.max}`;
}

function walk(node: FormulaAst, visit: (node: FormulaAst) => void): void {
  visit(node);
  if (node.kind === 'call') node.args.forEach((arg) => walk(arg, visit));
  else if (node.kind === 'unary') walk(node.operand, visit);
  else if (node.kind === 'binary') {
    walk(node.left, visit);
    walk(node.right, visit);
  }
}

export type FormulaCheck =
  | { ok: true; ast: FormulaAst; fields: string[]; globals: string[]; functions: string[] }
  | { ok: false; error: string };

/** Parses and checks function names/arity; lists distinct fields, globals and functions in order of use. */
export function checkFormula(source: string): FormulaCheck {
  let ast: FormulaAst;
  try {
    ast = parseFormula(source);
  } catch (error) {
    if (error instanceof FormulaSyntaxError) return { ok: false, error: error.message };
    throw error;
  }
  const fields = new Set<string>();
  const globals = new Set<string>();
  const functions = new Set<string>();
  let problem: string | undefined;
  walk(ast, (node) => {
    if (node.kind === 'field') fields.add(node.path);
    else if (node.kind === 'global') globals.add(node.path);
    else if (node.kind === 'call') {
      functions.add(node.name);
      const found = callProblem(node);
      if (found && !problem) {
        const { line, column } = lineColumn(source, node.offset);
        problem = `${found} at ${line}:${column}`;
      }
    }
  });
  if (problem) return { ok: false, error: problem };
  return { ok: true, ast, fields: [...fields], globals: [...globals], functions: [...functions] };
}

// ---------------------------------------------------------------------------------------------
// Evaluator

export type FormulaValue = number | string | boolean | Date | null;

export interface FormulaContext {
  getField(path: string): unknown;
  /** value before the update; only consulted when isNew is false */
  getPrior(path: string): unknown;
  isNew: boolean;
  hasPermission(name: string): boolean;
  now(): Date;
  /** 'YYYY-MM-DD' in the user's time zone */
  today(): string;
  /** other `$` globals (path incl. `$`); falls back to getField(path) when absent */
  getGlobal?(path: string): unknown;
  isClone?: boolean;
}

export class FormulaEvaluationError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.name = 'FormulaEvaluationError';
    this.offset = offset;
  }
}

/** Evaluates a parsed formula. A validation rule fires when the result is `true`. */
export function evaluateFormula(ast: FormulaAst, context: FormulaContext): FormulaValue {
  switch (ast.kind) {
    case 'number':
    case 'string':
    case 'boolean':
      return ast.value;
    case 'null':
      return null;
    case 'field':
      return readValue(context.getField(ast.path), ast.path, ast.offset);
    case 'global':
      return evaluateGlobal(ast, context);
    case 'unary':
      return evaluateUnary(ast.op, evaluateFormula(ast.operand, context), ast.offset);
    case 'binary':
      return evaluateBinary(ast, context);
    case 'call':
      return evaluateCall(ast, context);
  }
}

const ev = evaluateFormula;
const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const TIME_PATTERN = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Normalises whatever a record store returns into a FormulaValue. */
function readValue(raw: unknown, what: string, offset: number): FormulaValue {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === 'number' || typeof raw === 'boolean' || raw instanceof Date) return raw;
  if (typeof raw === 'string') return DATETIME_PATTERN.test(raw) ? new Date(raw) : raw;
  if (typeof raw === 'bigint') return Number(raw);
  if (Array.isArray(raw)) return raw.join(';'); // multi-select picklist given as a list
  throw new FormulaEvaluationError(`${what} has an unsupported value of type ${typeof raw}`, offset);
}

function evaluateGlobal(node: Extract<FormulaAst, { kind: 'global' }>, context: FormulaContext): FormulaValue {
  if (node.scope.toLowerCase() === 'permission') return context.hasPermission(node.name);
  const raw = context.getGlobal ? context.getGlobal(node.path) : context.getField(node.path);
  return readValue(raw, node.path, node.offset);
}

function typeName(value: FormulaValue): string {
  if (value === null) return 'null';
  if (value instanceof Date) return 'date/time';
  if (isDate(value)) return 'date';
  return typeof value === 'string' ? 'text' : typeof value;
}

function typeError(what: string, values: FormulaValue[], offset: number): FormulaEvaluationError {
  return new FormulaEvaluationError(`Cannot apply ${what} to ${values.map(typeName).join(' and ')}`, offset);
}

// --- dates ----------------------------------------------------------------------------------

function dateMs(text: string): number | undefined {
  const match = DATE_PATTERN.exec(text);
  if (!match) return undefined;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return msToDate(ms) === text ? ms : undefined; // rejects 2023-02-30
}

function isDate(value: FormulaValue): value is string {
  return typeof value === 'string' && dateMs(value) !== undefined;
}

function msToDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Builds a date from parts, or undefined when the parts do not form a real date. */
function makeDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  date.setUTCFullYear(year); // Date.UTC maps years 0-99 to 1900-1999
  const ok = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return ok ? date.toISOString().slice(0, 10) : undefined;
}

/** Date or DateTime as UTC parts; DateTimes use their GMT date. */
function dateParts(value: FormulaValue, call: CallNode): Date {
  if (value instanceof Date) return value;
  const ms = typeof value === 'string' ? dateMs(value) : undefined;
  if (ms === undefined) throw typeError(`${call.name}()`, [value], call.offset);
  return new Date(ms);
}

function timeMs(value: FormulaValue, call: CallNode): number {
  if (value instanceof Date) return value.getTime() % DAY_MS;
  const match = typeof value === 'string' ? TIME_PATTERN.exec(value) : null;
  if (!match) throw typeError(`${call.name}()`, [value], call.offset);
  const [, h, m, s = '0', ms = '0'] = match;
  return ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000 + Number(ms.padEnd(3, '0'));
}

function formatTime(ms: number): string {
  return new Date(((ms % DAY_MS) + DAY_MS) % DAY_MS).toISOString().slice(11, 23);
}

function isoWeek(date: Date): { week: number; year: number } {
  const mondayBased = (date.getUTCDay() + 6) % 7;
  const thursday = new Date(date.getTime() + (3 - mondayBased) * DAY_MS); // ISO weeks belong to their Thursday's year
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return { week, year };
}

function addMonths(value: FormulaValue, months: number, call: CallNode): FormulaValue {
  const start = dateParts(value, call);
  const y = start.getUTCFullYear();
  const m = start.getUTCMonth() + Math.trunc(months);
  const lastOfTarget = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const lastOfStart = new Date(Date.UTC(y, start.getUTCMonth() + 1, 0)).getUTCDate();
  // Salesforce: month-end stays month-end, otherwise clamp to the shorter month.
  const day = start.getUTCDate() === lastOfStart ? lastOfTarget : Math.min(start.getUTCDate(), lastOfTarget);
  const result = Date.UTC(y, m, day) + (start.getTime() % DAY_MS);
  return value instanceof Date ? new Date(result) : msToDate(result);
}

function parseDateTimeText(text: string, call: CallNode): Date {
  const match = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/.exec(
    text.trim(),
  );
  const date = match ? new Date(`${match[1]}T${match[2] ?? '00:00:00'}${match[3] ?? 'Z'}`) : undefined;
  if (!date || Number.isNaN(date.getTime()) || dateMs(match?.[1] ?? '') === undefined) {
    throw new FormulaEvaluationError(`${call.name}() cannot convert "${text}"`, call.offset);
  }
  return date;
}

// --- operators ------------------------------------------------------------------------------

function evaluateUnary(op: UnaryOperator, value: FormulaValue, offset: number): FormulaValue {
  if (op === '!') return !truthy(value, offset);
  if (value === null) return null;
  if (typeof value !== 'number') throw typeError(`unary ${op}`, [value], offset);
  return op === '-' ? -value : value;
}

/** Boolean context: null (e.g. a comparison against a blank) counts as false. */
function truthy(value: FormulaValue, offset: number): boolean {
  if (value === null || typeof value === 'boolean') return value === true;
  throw new FormulaEvaluationError(`Expected a boolean but got ${typeName(value)}`, offset);
}

function evaluateBinary(node: Extract<FormulaAst, { kind: 'binary' }>, context: FormulaContext): FormulaValue {
  const { op, offset } = node;
  // && and || short-circuit like AND()/OR().
  if (op === '&&') return truthy(ev(node.left, context), offset) && truthy(ev(node.right, context), offset);
  if (op === '||') return truthy(ev(node.left, context), offset) || truthy(ev(node.right, context), offset);
  const left = ev(node.left, context);
  const right = ev(node.right, context);
  switch (op) {
    case '&':
      return concat(left, right, offset);
    case '+':
      return add(left, right, offset);
    case '-':
      return subtract(left, right, offset);
    case '*':
    case '/':
    case '^':
      return arithmetic(op, left, right, offset);
    default:
      return compare(op, left, right, offset);
  }
}

function isText(value: FormulaValue): boolean {
  return typeof value === 'string' && !isDate(value);
}

/** Text concatenation treats blank as ''. */
function concat(left: FormulaValue, right: FormulaValue, offset: number, op = '&'): string {
  const parts = [left, right];
  if (parts.some((part) => part !== null && typeof part !== 'string')) throw typeError(op, parts, offset);
  return `${left ?? ''}${right ?? ''}`;
}

function add(left: FormulaValue, right: FormulaValue, offset: number): FormulaValue {
  if (isText(left) || isText(right)) return concat(left, right, offset, '+'); // "+" also concatenates text
  if (left === null || right === null) return null;
  if (typeof left === 'number' && typeof right === 'number') return left + right;
  const [moment, days] = typeof left === 'number' ? [right, left] : [left, right];
  if (typeof days === 'number') {
    if (moment instanceof Date) return new Date(moment.getTime() + days * DAY_MS);
    if (isDate(moment)) return msToDate((dateMs(moment) as number) + Math.trunc(days) * DAY_MS);
  }
  throw typeError('+', [left, right], offset);
}

function subtract(left: FormulaValue, right: FormulaValue, offset: number): FormulaValue {
  if (left === null || right === null) return null;
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  if (isDate(left) && isDate(right)) return Math.round(((dateMs(left) as number) - (dateMs(right) as number)) / DAY_MS);
  if (left instanceof Date && right instanceof Date) return (left.getTime() - right.getTime()) / DAY_MS;
  if (typeof right === 'number') return add(left, -right, offset);
  throw typeError('-', [left, right], offset);
}

function arithmetic(op: '*' | '/' | '^', left: FormulaValue, right: FormulaValue, offset: number): FormulaValue {
  if (left === null || right === null) return null;
  if (typeof left !== 'number' || typeof right !== 'number') throw typeError(op, [left, right], offset);
  if (op === '*') return left * right;
  if (op === '^') return left ** right;
  if (right === 0) throw new FormulaEvaluationError('Division by zero', offset);
  return left / right;
}

/** -1, 0 or 1; throws when the two values cannot be compared. */
function order(left: FormulaValue, right: FormulaValue, offset: number): number {
  let a: unknown = left;
  let b: unknown = right;
  if (left instanceof Date || right instanceof Date) {
    // Comparing a Date with a DateTime uses midnight GMT of the date.
    a = left instanceof Date ? left.getTime() : isDate(left) ? dateMs(left) : left;
    b = right instanceof Date ? right.getTime() : isDate(right) ? dateMs(right) : right;
  }
  const comparable = typeof a === typeof b && ['number', 'string', 'boolean'].includes(typeof a);
  if (!comparable) throw typeError('a comparison', [left, right], offset);
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

function compare(op: BinaryOperator, left: FormulaValue, right: FormulaValue, offset: number): boolean {
  if (left === null || right === null) {
    // Blank text equals "" (text fields are never null in Salesforce); other blanks compare false.
    const textEquality = (op === '=' || op === '!=') && (isText(left) || isText(right));
    if (!textEquality) return false;
    return compare(op, left ?? '', right ?? '', offset);
  }
  const result = order(left, right, offset);
  switch (op) {
    case '=':
      return result === 0;
    case '!=':
      return result !== 0;
    case '<':
      return result < 0;
    case '<=':
      return result <= 0;
    case '>':
      return result > 0;
    default:
      return result >= 0;
  }
}

/** Value identity for ISCHANGED: blank equals blank, different types differ. */
function sameValue(a: FormulaValue, b: FormulaValue): boolean {
  if (isBlank(a) || isBlank(b)) return isBlank(a) && isBlank(b);
  const comparable = typeof a === typeof b || (isDate(a) !== isDate(b) && (a instanceof Date || b instanceof Date));
  return comparable && order(a, b, 0) === 0;
}

function isBlank(value: FormulaValue): boolean {
  return value === null || value === '';
}

// --- functions ------------------------------------------------------------------------------

type LazyImpl = (args: FormulaAst[], context: FormulaContext, call: CallNode) => FormulaValue;
type EagerImpl = (values: FormulaValue[], call: CallNode, context: FormulaContext) => FormulaValue;

function evaluateCall(call: CallNode, context: FormulaContext): FormulaValue {
  const problem = callProblem(call);
  if (problem) throw new FormulaEvaluationError(problem, call.offset);
  const lazy = LAZY_FUNCTIONS[call.name];
  if (lazy) return lazy(call.args, context, call);
  const eager = EAGER_FUNCTIONS[call.name];
  if (!eager)
    throw new FormulaEvaluationError(`Function ${call.name}() is not supported by the evaluator`, call.offset);
  return eager(
    call.args.map((arg) => ev(arg, context)),
    call,
    context,
  );
}

function fieldPath(arg: FormulaAst): string {
  return arg.kind === 'field' ? arg.path : '';
}

/** Functions that must see unevaluated arguments: short-circuiting, or reading prior values. */
const LAZY_FUNCTIONS: Record<string, LazyImpl> = {
  IF: (args, c, call) => (truthy(ev(args[0], c), call.offset) ? ev(args[1], c) : ev(args[2], c)),
  AND: (args, c, call) => args.every((arg) => truthy(ev(arg, c), call.offset)),
  OR: (args, c, call) => args.some((arg) => truthy(ev(arg, c), call.offset)),
  CASE: (args, c, call) => {
    const subject = ev(args[0], c);
    for (let i = 1; i + 1 < args.length; i += 2) {
      if (compare('=', subject, ev(args[i], c), call.offset)) return ev(args[i + 1], c);
    }
    return ev(args[args.length - 1], c);
  },
  BLANKVALUE: (args, c) => {
    const value = ev(args[0], c);
    return isBlank(value) ? ev(args[1], c) : value;
  },
  NULLVALUE: (args, c) => {
    const value = ev(args[0], c);
    return value === null ? ev(args[1], c) : value;
  },
  // On insert PRIORVALUE returns the current value and nothing has changed.
  PRIORVALUE: (args, c, call) =>
    readValue(
      c.isNew ? c.getField(fieldPath(args[0])) : c.getPrior(fieldPath(args[0])),
      fieldPath(args[0]),
      call.offset,
    ),
  ISCHANGED: (args, c, call) => {
    if (c.isNew) return false;
    const path = fieldPath(args[0]);
    return !sameValue(readValue(c.getField(path), path, call.offset), readValue(c.getPrior(path), path, call.offset));
  },
};

function num(value: FormulaValue, call: CallNode): number {
  if (typeof value !== 'number') throw typeError(`${call.name}()`, [value], call.offset);
  return value;
}

/** Text argument; blank reads as "". */
function str(value: FormulaValue, call: CallNode): string {
  if (value !== null && typeof value !== 'string') throw typeError(`${call.name}()`, [value], call.offset);
  return value ?? '';
}

/** Numeric function with blank propagation: any blank argument gives blank. */
const numeric =
  (fn: (...xs: number[]) => number): EagerImpl =>
  (values, call) =>
    values.some((value) => value === null) ? null : fn(...values.map((value) => num(value, call)));

/** Date function with blank propagation; DateTimes are read as their GMT date. */
const onDate =
  (fn: (date: Date) => number): EagerImpl =>
  (values, call) =>
    values[0] === null ? null : fn(dateParts(values[0], call));

const onTime =
  (fn: (ms: number) => number): EagerImpl =>
  (values, call) =>
    values[0] === null ? null : fn(timeMs(values[0], call));

/** Rounds half away from zero (Salesforce ROUND); EPSILON absorbs binary noise like 1.005. */
function roundHalfAway(value: number, digits: number): number {
  const factor = 10 ** Math.trunc(digits);
  return (Math.sign(value) * Math.round(Math.abs(value) * factor * (1 + Number.EPSILON))) / factor;
}

function pad(values: FormulaValue[], call: CallNode, atStart: boolean): FormulaValue {
  const text = str(values[0], call);
  const length = Math.max(0, Math.trunc(num(values[1], call)));
  const filler = values.length > 2 ? str(values[2], call) : ' ';
  if (text.length >= length || filler === '') return text.slice(0, length);
  const padding = filler.repeat(Math.ceil((length - text.length) / filler.length)).slice(0, length - text.length);
  return atStart ? padding + text : text + padding;
}

function textOf(value: FormulaValue): string {
  if (value === null) return '';
  if (value instanceof Date) return `${value.toISOString().slice(0, 19).replace('T', ' ')}Z`;
  return String(value);
}

/** Salesforce REGEX matches the whole text (Java `matches`), so the pattern is anchored. */
function fullMatch(text: string, pattern: string, call: CallNode): boolean {
  for (const flags of ['u', '']) {
    try {
      return new RegExp(`^(?:${pattern})$`, flags).test(text);
    } catch {
      // Java-style patterns such as "\-" outside a class are invalid with the u flag; retry without.
    }
  }
  throw new FormulaEvaluationError(`REGEX() pattern is invalid: ${pattern}`, call.offset);
}

/** 15-character record ids get the 3-character case-safety suffix. */
function caseSafeId(id: string): string {
  if (id.length !== 15) return id;
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) if (/[A-Z]/.test(id[chunk * 5 + i])) bits |= 1 << i;
    suffix += alphabet[bits];
  }
  return id + suffix;
}

const html = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

const EAGER_FUNCTIONS: Record<string, EagerImpl> = {
  // logical / informational
  NOT: ([v], call) => !truthy(v, call.offset),
  ISBLANK: ([v]) => isBlank(v),
  ISNULL: ([v]) => v === null,
  ISNUMBER: ([v]) => typeof v === 'string' && NUMBER_TEXT.test(v.trim()),
  ISPICKVAL: ([v, text], call) => str(v, call) === str(text, call),
  INCLUDES: ([v, text], call) => v !== null && str(v, call).split(';').includes(str(text, call)),
  ISNEW: (_, __, c) => c.isNew,
  ISCLONE: (_, __, c) => c.isClone === true,
  REGEX: ([v, pattern], call) => fullMatch(str(v, call), str(pattern, call), call),
  // text
  LEN: ([v], call) => str(v, call).length,
  TEXT: ([v]) => textOf(v),
  VALUE: ([v], call) => {
    if (v === null) return null;
    const text = str(v, call).trim();
    if (!NUMBER_TEXT.test(text)) throw new FormulaEvaluationError(`VALUE() cannot convert "${text}"`, call.offset);
    return Number(text);
  },
  CONTAINS: ([v, part], call) => str(v, call).includes(str(part, call)),
  BEGINS: ([v, part], call) => str(v, call).startsWith(str(part, call)),
  LEFT: ([v, n], call) => str(v, call).slice(0, Math.max(0, num(n, call))),
  RIGHT: ([v, n], call) => {
    const count = Math.max(0, Math.trunc(num(n, call)));
    return count === 0 ? '' : str(v, call).slice(-count);
  },
  MID: ([v, start, n], call) => {
    const from = Math.max(1, Math.trunc(num(start, call))) - 1;
    return str(v, call).slice(from, from + Math.max(0, Math.trunc(num(n, call))));
  },
  UPPER: ([v], call) => str(v, call).toUpperCase(),
  LOWER: ([v], call) => str(v, call).toLowerCase(),
  TRIM: ([v], call) => str(v, call).trim(),
  BR: () => '<br>',
  SUBSTITUTE: ([v, old, replacement], call) =>
    str(old, call) === '' ? str(v, call) : str(v, call).split(str(old, call)).join(str(replacement, call)),
  FIND: ([search, v, start], call) => {
    const needle = str(search, call);
    const from = start === undefined ? 1 : Math.trunc(num(start, call));
    if (needle === '' || from < 1) return 0;
    return str(v, call).indexOf(needle, from - 1) + 1;
  },
  LPAD: (values, call) => pad(values, call, true),
  RPAD: (values, call) => pad(values, call, false),
  HYPERLINK: ([url, label, target], call) =>
    `<a href="${html(str(url, call))}"${target === undefined ? '' : ` target="${html(str(target, call))}"`}>${html(str(label, call))}</a>`,
  IMAGE: ([url, alt], call) => `<img src="${html(str(url, call))}" alt="${html(str(alt, call))}"/>`,
  CASESAFEID: ([v], call) => caseSafeId(str(v, call)),
  HTMLENCODE: ([v], call) => html(str(v, call)),
  JSENCODE: ([v], call) => JSON.stringify(str(v, call)).slice(1, -1).replace(/'/g, "\\'"),
  URLENCODE: ([v], call) => encodeURIComponent(str(v, call)),
  // math
  ABS: numeric(Math.abs),
  ROUND: numeric(roundHalfAway),
  MAX: numeric(Math.max),
  MIN: numeric(Math.min),
  EXP: numeric(Math.exp),
  LN: numeric(Math.log),
  LOG: numeric(Math.log10),
  SQRT: numeric(Math.sqrt),
  // Salesforce CEILING/FLOOR round away from / towards zero; MCEILING/MFLOOR are the mathematical ones.
  CEILING: numeric((x) => Math.sign(x) * Math.ceil(Math.abs(x))),
  FLOOR: numeric(Math.trunc),
  MCEILING: numeric(Math.ceil),
  MFLOOR: numeric(Math.floor),
  MOD: (values, call) => {
    if (values[1] === 0) throw new FormulaEvaluationError('Division by zero in MOD()', call.offset);
    return values.some((v) => v === null) ? null : num(values[0], call) % num(values[1], call);
  },
  TRUNC: numeric((x, digits = 0) => Math.trunc(x * 10 ** digits) / 10 ** digits),
  // date and time
  TODAY: (_, __, c) => c.today(),
  NOW: (_, __, c) => c.now(),
  TIMENOW: (_, __, c) => formatTime(c.now().getTime()),
  DATE: (values, call) => {
    if (values.some((v) => v === null)) return null;
    const [y, m, d] = values.map((v) => num(v, call));
    const date = makeDate(y, m, d);
    if (!date) throw new FormulaEvaluationError(`DATE(${y}, ${m}, ${d}) is not a valid date`, call.offset);
    return date;
  },
  YEAR: onDate((d) => d.getUTCFullYear()),
  MONTH: onDate((d) => d.getUTCMonth() + 1),
  DAY: onDate((d) => d.getUTCDate()),
  WEEKDAY: onDate((d) => d.getUTCDay() + 1), // 1 = Sunday
  DAYOFYEAR: onDate((d) => Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY_MS) + 1),
  ISOWEEK: onDate((d) => isoWeek(d).week),
  ISOYEAR: onDate((d) => isoWeek(d).year),
  DATEVALUE: ([v], call) => {
    if (v === null) return null;
    if (v instanceof Date) return v.toISOString().slice(0, 10); // GMT date of a DateTime
    return parseDateTimeText(str(v, call), call).toISOString().slice(0, 10);
  },
  // Text is read as GMT.
  DATETIMEVALUE: ([v], call) => (v === null || v instanceof Date ? v : parseDateTimeText(str(v, call), call)),
  TIMEVALUE: ([v], call) => (v === null ? null : formatTime(timeMs(v, call))),
  HOUR: onTime((ms) => Math.floor(ms / 3_600_000)),
  MINUTE: onTime((ms) => Math.floor(ms / 60_000) % 60),
  SECOND: onTime((ms) => Math.floor(ms / 1000) % 60),
  MILLISECOND: onTime((ms) => ms % 1000),
  ADDMONTHS: ([v, n], call) => (v === null || n === null ? null : addMonths(v, num(n, call), call)),
  UNIXTIMESTAMP: ([v], call) => (v === null ? null : Math.floor(dateParts(v, call).getTime() / 1000)),
  FROMUNIXTIME: ([v], call) => (v === null ? null : new Date(num(v, call) * 1000)),
};
