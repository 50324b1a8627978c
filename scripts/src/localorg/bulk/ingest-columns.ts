// Ingest columns and values: the CSV header mapped to fields and parent lookups, cells to field
// values, and the cells and errors echoed in the results files.
import { quoteCsv } from '../csv.ts';
import type { CsvRecord } from '../csv.ts';
import { SfError } from '../errors.ts';
import type { ApiResponse } from '../http.ts';
import { findField, findRelationship } from '../schema.ts';
import type { FieldDef, ObjectDef } from '../schema.ts';
import { NULL_CELL } from './protocol.ts';

type ColumnTarget =
  | { kind: 'field'; field: FieldDef }
  /** `Event__r.Event_Key__c` (or `Type:Rel.Field` for polymorphic lookups): the parent by an indexed field. */
  | { kind: 'parent'; relationship: FieldDef; keyField: string; parentType?: string };

export interface Column {
  index: number;
  target: ColumnTarget;
}

/** Maps the header to fields; the first header that names nothing fails the job, as on Salesforce. */
export function planColumns(object: ObjectDef, header: string[]): { columns: Column[]; unknown?: string } {
  const columns: Column[] = [];
  for (const [index, name] of header.entries()) {
    const target = columnTarget(object, name);
    if (!target) return { columns, unknown: name };
    columns.push({ index, target });
  }
  return { columns };
}

function columnTarget(object: ObjectDef, name: string): ColumnTarget | undefined {
  const dot = name.indexOf('.');
  if (dot === -1) {
    const field = findField(object, name);
    return field ? { kind: 'field', field } : undefined;
  }
  const path = name.slice(0, dot);
  const keyField = name.slice(dot + 1);
  const colon = path.indexOf(':');
  const relationshipName = colon === -1 ? path : path.slice(colon + 1);
  const relationship = findRelationship(object, relationshipName);
  if (!relationship || !keyField) return undefined;
  return { kind: 'parent', relationship, keyField, parentType: colon === -1 ? undefined : path.slice(0, colon) };
}

/** A cell as the engine takes it: #N/A is null; booleans and dates in the spellings Bulk API accepts. */
export function cellValue(field: FieldDef, cell: string): unknown {
  if (cell === NULL_CELL) return null;
  if (field.type === 'boolean') {
    const lower = cell.toLowerCase();
    if (lower === 'true' || lower === '1') return true;
    if (lower === 'false' || lower === '0') return false;
  }
  // Bulk data may give dates with a zone designator (1965-12-11Z); a date has no zone.
  if (field.type === 'date' && /^\d{4}-\d{2}-\d{2}Z$/.test(cell)) return cell.slice(0, -1);
  return cell;
}

/** sf__Error: `CODE:message:FIELD1 FIELD2 --` (or `CODE:message:--` without fields). */
export function bulkErrorText(error: SfError): string {
  return `${error.errorCode}:${error.message}:${[...error.fields, '--'].join(' ')}`;
}
export function csvResponse(body: string): ApiResponse {
  return { status: 200, body, contentType: 'text/csv' };
}

export function cellAt(fields: string[], index: number): string {
  return index < 0 ? '' : (fields[index] ?? '');
}

export function isIdColumn(column: Column): boolean {
  return column.target.kind === 'field' && column.target.field.name === 'Id';
}

/** Original cells as echoed in results: every value quoted, short rows padded to the header. */
export function formatCells(fields: string[], width: number, delimiter: string): string {
  const cells: string[] = [];
  for (let i = 0; i < width; i++) cells.push(quoteCsv(fields[i] ?? ''));
  return cells.join(delimiter);
}

/** Why a data row cannot be read (bad quoting, more cells than the header has columns). */
export function rowProblem(record: CsvRecord, width: number): string | undefined {
  if (record.error) return record.error;
  if (record.fields.length > width && record.fields.slice(width).some((f) => f !== ''))
    return `line ${record.line} has ${record.fields.length} columns but the header has ${width}`;
  return undefined;
}
