// Converting field values between the API's JSON and the stored form (see storage.ts), with the
// checks and error codes Salesforce applies to each type.
import { SfError } from './errors.ts';
import { normaliseId } from './ids.ts';
import type { FieldDef } from './schema.ts';

export type StoredValue = string | number | null;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

function parserError(field: FieldDef, value: unknown, kind: string): SfError {
  return new SfError(
    'JSON_PARSER_ERROR',
    `Cannot deserialize instance of ${kind} from VALUE_STRING value ${String(value)} or request may be missing a required field`,
    [field.name],
  );
}

/** A date 'YYYY-MM-DD' that exists on the calendar, or undefined. */
export function parseDate(value: string): string | undefined {
  const m = DATE.exec(value);
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) ? value : undefined;
}

/** An ISO date-time with an optional offset (Z, +05:30, +0530), as UTC 'YYYY-MM-DDTHH:MM:SS.sssZ'. */
export function parseDateTime(value: string): string | undefined {
  const m = DATETIME.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s = '0', frac = '0', zone = 'Z'] = m;
  let ms = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s),
    Number(frac.padEnd(3, '0').slice(0, 3)),
  );
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Stored UTC date-time in the API's format: 2027-03-14T04:00:00.000+0000. */
export function formatDateTime(stored: string): string {
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(stored) ? stored : new Date(stored).toISOString();
  return `${iso.slice(0, -1)}+0000`;
}

function checkNumber(field: FieldDef, value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n))
    throw new SfError(
      'JSON_PARSER_ERROR',
      `Cannot deserialize instance of double from VALUE_STRING value ${String(value)} or request may be missing a required field`,
      [field.name],
    );
  const scale = field.scale ?? 0;
  const rounded = Number(n.toFixed(scale));
  const integerDigits = Math.trunc(Math.abs(rounded)).toString().length;
  if (field.precision !== undefined && integerDigits > field.precision - scale && Math.trunc(Math.abs(rounded)) !== 0) {
    throw new SfError(
      'NUMBER_OUTSIDE_VALID_RANGE',
      `${field.label}: value outside of valid range on numeric field: ${n}`,
      [field.name],
    );
  }
  return rounded;
}

function checkText(field: FieldDef, value: unknown): string | null {
  if (typeof value === 'object') throw parserError(field, JSON.stringify(value), 'String');
  const text = String(value);
  if (text === '') return null;
  if (field.length !== undefined && text.length > field.length) {
    throw new SfError(
      'STRING_TOO_LONG',
      `${field.label}: data value too large: ${text.slice(0, 40)}${text.length > 40 ? '...' : ''} (max length=${field.length})`,
      [field.name],
    );
  }
  return text;
}

/** Validates and converts one API value for storage. */
export function encodeValue(field: FieldDef, value: unknown): StoredValue {
  if (value === null || value === undefined) return field.type === 'boolean' ? 0 : null;
  switch (field.type) {
    case 'boolean':
      if (value === true || value === 'true') return 1;
      if (value === false || value === 'false') return 0;
      throw new SfError(
        'JSON_PARSER_ERROR',
        `Cannot deserialize instance of boolean from VALUE_STRING value ${String(value)} or request may be missing a required field`,
        [field.name],
      );
    case 'double':
    case 'currency':
    case 'percent':
    case 'int':
      return value === '' ? null : checkNumber(field, value);
    case 'date': {
      if (value === '') return null;
      const date = typeof value === 'string' ? parseDate(value) : undefined;
      if (!date) throw parserError(field, value, 'date');
      return date;
    }
    case 'datetime': {
      if (value === '') return null;
      const dt = typeof value === 'string' ? parseDateTime(value) : undefined;
      if (!dt) throw parserError(field, value, 'datetime');
      return dt;
    }
    case 'picklist': {
      const text = checkText(field, value);
      if (
        text !== null &&
        field.restrictedPicklist &&
        !field.picklistValues?.some((v) => v.value === text && v.active)
      ) {
        throw new SfError(
          'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
          `${field.label}: bad value for restricted picklist field: ${text}`,
          [field.name],
        );
      }
      return text;
    }
    case 'multipicklist': {
      const text = checkText(field, value);
      if (text === null) return null;
      const chosen = text
        .split(';')
        .map((v) => v.trim())
        .filter(Boolean);
      const order = field.picklistValues?.map((v) => v.value) ?? [];
      for (const v of chosen)
        if (field.restrictedPicklist && !order.includes(v))
          throw new SfError(
            'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
            `${field.label}: bad value for restricted picklist field: ${v}`,
            [field.name],
          );
      return [...new Set(chosen)].sort((a, b) => order.indexOf(a) - order.indexOf(b)).join(';');
    }
    case 'reference':
    case 'id': {
      if (value === '') return null;
      const id = typeof value === 'string' ? normaliseId(value) : undefined;
      if (!id)
        throw new SfError('MALFORMED_ID', `${field.label}: id value of incorrect type: ${String(value)}`, [field.name]);
      return id;
    }
    case 'email': {
      const text = checkText(field, value);
      if (text !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text))
        throw new SfError('INVALID_EMAIL_ADDRESS', `${field.label}: invalid email address: ${text}`, [field.name]);
      return text;
    }
    default:
      return checkText(field, value);
  }
}

/** Converts a stored value to the API's JSON. */
export function decodeValue(field: FieldDef, stored: unknown): unknown {
  if (stored === null || stored === undefined) return field.type === 'boolean' ? false : null;
  switch (field.type) {
    case 'boolean':
      return stored === 1 || stored === true || stored === '1';
    case 'int':
      return Math.trunc(Number(stored));
    case 'double':
    case 'currency':
    case 'percent':
      return Number(stored);
    case 'datetime':
      return formatDateTime(String(stored));
    default:
      return typeof stored === 'string' ? stored : String(stored);
  }
}
