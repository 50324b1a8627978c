// SOQL dates, datetimes and date literals (TODAY, LAST_N_DAYS:n, THIS_FISCAL_QUARTER…).
import type { QueryContext } from './contracts.ts';
import { malformed } from './errors.ts';
import type { Compilation } from './scope.ts';
import { typeMismatch } from './literals.ts';
import type { Literal, Operand } from './literals.ts';

export function dateLiteral(
  operand: Operand,
  raw: string,
  literalType: string | undefined,
  comp: Compilation,
): Literal {
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
