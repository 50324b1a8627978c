// CSV as the audit pack writes it: RFC 4180 records (quoting in org/csv.ts) ended by CRLF, and OWASP
// CSV-injection neutralisation: text that a spreadsheet would run as a formula gets a leading '.
import { quoteField } from '../org/csv.ts';

/** Starts of a cell that spreadsheets treat as a formula or control: = + - @ tab CR LF. */
const FORMULA_START = /^[=+\-@\t\r\n]/;

/**
 * Text safe to open in a spreadsheet: a leading ' when it starts like a formula. Numbers are written
 * as numbers by the caller and never pass through here, so a negative amount stays a number.
 */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export type CellValue = string | number | boolean | null | undefined;

/** Text that neutralise() or quoteField() would change: most cells are neither, and pass one test. */
const NEEDS_CARE = /^[=+\-@\t\r\n]|[",\r\n]/;

/** One CSV field for people to open: numbers and booleans as they are, text neutralised and quoted. */
export function csvCell(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return NEEDS_CARE.test(value) ? quoteField(neutralise(value)) : value;
}

/** One CSV record, ended by CRLF as RFC 4180 says (built without an array of its cells). */
export function csvRow(values: readonly CellValue[]): string {
  let line = values.length ? csvCell(values[0]) : '';
  for (let i = 1; i < values.length; i++) line += `,${csvCell(values[i])}`;
  return `${line}\r\n`;
}
