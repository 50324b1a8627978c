// DateTime field values in one form whichever API read them. The REST API's JSON gives
// 2026-03-14T04:00:00.000+0000; a Bulk API 2.0 query's CSV may give another ISO 8601 form (commonly
// 2026-03-14T04:00:00.000Z). The audit pack is hashed, so its bytes must not depend on which API
// read a table: every DateTime value becomes ISO 8601 UTC with milliseconds and Z.

/** A value of a field that is not of the field's type: the report stops rather than guess. */
export class FieldValueError extends Error {
  public readonly field: string;
  public readonly value: unknown;

  public constructor(field: string, value: unknown, expected: string) {
    super(`${field} holds ${JSON.stringify(value)}, which is not ${expected}.`);
    this.name = 'FieldValueError';
    this.field = field;
    this.value = value;
  }
}

const EXPECTED_DATETIME = 'a datetime (ISO 8601 with an offset, such as 2026-03-14T04:00:00.000+0000)';

// Date and time with seconds, up to milliseconds (Salesforce keeps no finer), and an offset that is
// Z, ±hh:mm or ±hhmm. A time without an offset is refused: it would be a local time of unknown zone.
const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(?:Z|([+-])(\d{2}):?(\d{2}))$/;

/** The canonical form of a DateTime value, 2026-03-14T04:00:00.000Z; `field` names it in the error. */
export function canonicalDateTime(value: unknown, field: string): string {
  const instant = typeof value === 'string' ? instantOf(value) : undefined;
  if (instant === undefined) throw new FieldValueError(field, value, EXPECTED_DATETIME);
  return instant;
}

/** The instant as ISO 8601 UTC, or undefined when the text is not a real date and time. */
function instantOf(text: string): string | undefined {
  const m = ISO_DATETIME.exec(text);
  if (!m) return undefined;
  const [, year, month, day, hour, minute, second, fraction = '', sign, offsetHours = '00', offsetMinutes = '00'] = m;
  if (!isCalendarDay(Number(year), Number(month), Number(day))) return undefined;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return undefined;
  if (Number(offsetHours) > 23 || Number(offsetMinutes) > 59) return undefined;
  const millis = fraction.padEnd(3, '0');
  const offset = (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes));
  // UTC already (every REST value, and Bulk's): put together from the text, no Date needed. A report
  // reads millions of these, and building a Date costs several times the parse.
  if (offset === 0) return `${year}-${month}-${day}T${hour}:${minute}:${second}.${millis}Z`;
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999.
  const local = new Date(0);
  local.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  local.setUTCHours(Number(hour), Number(minute), Number(second), Number(millis));
  const utc = new Date(local.getTime() - offset * 60_000).toISOString();
  // An offset can carry 0000-01-01 into year -1, which toISOString writes with six digits.
  return /^\d{4}-/.test(utc) ? utc : undefined;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** 2026-02-30 and the like are refused, not rolled over into the next month. */
function isCalendarDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS_IN_MONTH[month - 1] + (month === 2 && leap ? 1 : 0);
}
