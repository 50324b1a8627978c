// A survey tool's export (one row per respondent, the questions as headers), read through the column
// map: which tool wrote it (and so how many header rows it has), which column holds the respondent's
// name, e-mail and timestamp and each of the five answers, and every row's answers or its problems.
// The file is decoded by the attendance import's decodeTable (BOM, UTF-16, separator); nothing here
// reads a file. A required column the map cannot find stops the import (AttendanceFileError).
import { slashedDateOrder, timeReader } from '../attendance/localTime.ts';
import type { TimeCell, TimeReader } from '../attendance/localTime.ts';
import { AttendanceFileError } from '../attendance/types.ts';
import type { DecodedTable, PersonInFile } from '../attendance/types.ts';
import { RATING_FIELDS, isTimeZone, normaliseText } from '../schema/evaluationsImport.ts';
import type { PracticeChange, SurveyColumnMap, SurveyField, SurveyLayout } from '../schema/evaluationsImport.ts';
import { isNotAnswered, readComments, readPracticeChange, readRating } from './answers.ts';
import type { CellReading } from './answers.ts';

/** What an evaluation holds once read from a row. */
export interface EvaluationAnswers {
  overall: number;
  relevance: number;
  speaker: number;
  practiceChange: PracticeChange;
  comments: string | null;
}

/** A respondent whose row reads cleanly: matched like a webinar participant. */
export interface SurveyRespondent extends PersonInFile {
  line: number;
  submittedAt: Date | null;
  answers: EvaluationAnswers;
}

/** A row that cannot be imported as it is: the line, the column and value, what is wrong and the fix. */
export interface SurveyRowProblem {
  line: number;
  name: string;
  email: string | null;
  column: string | null;
  value: string | null;
  problem: string;
  fix: string;
}

/** A column of the file the map assigned to a field. */
export interface MappedColumn {
  index: number;
  /** The header as the file has it (the header rows joined by ' / '), for messages. */
  header: string;
  /** The time zone the header rows state for the column's times, if they state one. */
  timeZone: string | null;
}

export interface SurveyExport {
  /** The tool whose layout the header rows matched ('generic' when none did). */
  tool: string;
  headerRows: number;
  columns: Partial<Record<SurveyField, MappedColumn>>;
  respondents: SurveyRespondent[];
  problems: SurveyRowProblem[];
}

/** What each field is called in messages. */
export const FIELD_LABELS: Readonly<Record<SurveyField, string>> = {
  email: 'respondent e-mail',
  name: 'respondent name',
  firstName: 'respondent first name',
  lastName: 'respondent last name',
  submittedAt: 'timestamp',
  overall: 'overall rating (Feedback_Rating__c)',
  relevance: 'content relevance (Evaluation_Relevance__c)',
  speaker: 'speaker quality (Evaluation_Speaker__c)',
  practiceChange: 'intended change in practice (Evaluation_Practice_Change__c)',
  comments: 'comments (Evaluation_Comments__c)',
};

/** The answers a completed evaluation must have (Evaluated_On__c set): the validation rule's list. */
const REQUIRED_ANSWERS = [...RATING_FIELDS, 'practiceChange'] as const;

type Row = DecodedTable['rows'][number];

const isBlank = (row: Row) => row.fields.every((field) => field.trim() === '');

/** The first layout whose detection rule the header rows meet; a one-row 'generic' layout otherwise. */
export function detectLayout(headerCandidates: readonly Row[], layouts: readonly SurveyLayout[]): SurveyLayout {
  for (const layout of layouts) {
    const row = headerCandidates[layout.detect.row - 1];
    if (!row) continue;
    const cells = row.fields.map((f) => f.trim());
    if ('hasAll' in layout.detect) {
      const names = new Set(cells.map(normaliseText));
      if (layout.detect.hasAll.every((name) => names.has(normaliseText(name)))) return layout;
    } else {
      const pattern = new RegExp(layout.detect.cellMatches, 'u');
      if (cells.some((cell) => pattern.test(cell))) return layout;
    }
  }
  return { tool: 'generic', headerRows: 1, detect: { row: 1, hasAll: [] } };
}

/** Each column's header rows: a blank first-row cell under several header rows carries the question on its left (SurveyMonkey's matrix and choice columns). */
function headerTexts(headers: readonly Row[]): string[][] {
  const width = Math.max(...headers.map((h) => h.fields.length));
  const columns: string[][] = [];
  let carried = '';
  for (let i = 0; i < width; i++) {
    const texts = headers.map((h) => (h.fields[i] ?? '').trim());
    if (headers.length > 1) {
      if (texts[0]) carried = texts[0];
      else if (texts.slice(1).some(Boolean)) texts[0] = carried;
    }
    columns.push(texts);
  }
  return columns;
}

/** Qualtrics' third header row: JSON naming the field's ImportId (and, for dates, the time zone). */
function isImportIdCell(text: string): boolean {
  return text.startsWith('{') && text.includes('"ImportId"');
}

/**
 * The time zone a header row states for its column (Qualtrics' ImportId cell of a date column, e.g.
 * {"ImportId":"recordedDate","timeZone":"America/Denver"}), when it names one Intl knows.
 */
export function statedTimeZone(header: readonly string[]): string | null {
  for (const text of header) {
    if (!isImportIdCell(text)) continue;
    try {
      const zone = (JSON.parse(text) as { timeZone?: unknown }).timeZone;
      if (typeof zone === 'string' && isTimeZone(zone)) return zone;
    } catch {
      // not JSON after all: no zone stated
    }
  }
  return null;
}

/** How strongly a column's header names a field: the team's alias over the shipped, exact over contained, longer over shorter. */
interface AliasHit {
  field: SurveyField;
  aliasIndex: number;
  exact: boolean;
  length: number;
}

function strongerHit(a: AliasHit, b: AliasHit): number {
  return Number(b.exact) - Number(a.exact) || b.length - a.length;
}

/** The best alias hit of each field in one column's header rows. */
function hitsOf(texts: readonly string[], map: SurveyColumnMap): AliasHit[] {
  const normal = texts.map(normaliseText).filter(Boolean);
  const joined = ` ${normal.join(' ')} `;
  const hits: AliasHit[] = [];
  for (const [field, aliases] of Object.entries(map.columns) as [SurveyField, readonly string[]][]) {
    let best: AliasHit | undefined;
    aliases.forEach((alias, aliasIndex) => {
      const exact = normal.includes(alias);
      if (!exact && !joined.includes(` ${alias} `)) return;
      const hit = { field, aliasIndex, exact, length: alias.length };
      if (!best || strongerHit(hit, best) < 0) best = hit;
    });
    if (best) hits.push(best);
  }
  return hits;
}

/**
 * Which column holds which field. A column belongs to the field its header names most strongly
 * (exact header over a phrase inside it, a longer phrase over a shorter: 'Feedback rating' is the
 * overall rating, not comments); a column two fields name equally belongs to neither. A field then
 * takes its column by alias order (the map's first alias found wins); two columns at the same alias
 * are ambiguous and stop the import.
 */
export function mapColumns(headers: readonly Row[], map: SurveyColumnMap): Partial<Record<SurveyField, MappedColumn>> {
  const texts = headerTexts(headers);
  const owned = new Map<SurveyField, { index: number; hit: AliasHit }[]>();
  texts.forEach((columnTexts, index) => {
    const hits = hitsOf(columnTexts, map).sort(strongerHit);
    if (!hits.length || (hits[1] && strongerHit(hits[0], hits[1]) === 0)) return;
    const list = owned.get(hits[0].field) ?? [];
    list.push({ index, hit: hits[0] });
    owned.set(hits[0].field, list);
  });
  const display = (index: number) => [...new Set(texts[index].filter((t) => t && !isImportIdCell(t)))].join(' / ');
  const columns: Partial<Record<SurveyField, MappedColumn>> = {};
  for (const [field, list] of owned) {
    const first = Math.min(...list.map((c) => c.hit.aliasIndex));
    let chosen = list.filter((c) => c.hit.aliasIndex === first);
    if (chosen.length > 1 && chosen.some((c) => c.hit.exact)) chosen = chosen.filter((c) => c.hit.exact);
    if (chosen.length > 1)
      throw new AttendanceFileError(
        'missing-column',
        `Several columns could be the ${FIELD_LABELS[field]}: ${chosen.map((c) => `"${display(c.index)}"`).join(', ')}. Name the one to use under columns.${field} in a --columns file.`,
        { column: display(chosen[0].index) },
      );
    const index = chosen[0].index;
    columns[field] = { index, header: display(index), timeZone: statedTimeZone(texts[index]) };
  }
  return columns;
}

/** Stops the import when a required answer or every way of naming the respondent has no column. */
function requireColumns(columns: Partial<Record<SurveyField, MappedColumn>>, map: SurveyColumnMap, tool: string): void {
  const where = tool === 'generic' ? 'the survey export' : `this ${tool} export`;
  const looked = (field: SurveyField) =>
    map.columns[field]
      .slice(0, 6)
      .map((a) => `"${a}"`)
      .join(', ');
  for (const field of REQUIRED_ANSWERS)
    if (!columns[field])
      throw new AttendanceFileError(
        'missing-column',
        `No column for the ${FIELD_LABELS[field]} in ${where}: no header holds ${looked(field)} or another name the column map lists. Name the question under columns.${field} in a --columns file.`,
        { column: field },
      );
  if (!columns.email && !columns.name && !(columns.firstName && columns.lastName))
    throw new AttendanceFileError(
      'missing-column',
      `No column names the respondent in ${where}: an e-mail (${looked('email')}), a name (${looked('name')}) or first and last name columns are needed to match respondents to doctors.`,
      { column: 'email' },
    );
}

/** A loose check that a cell is an e-mail address: one @ with text on both sides, no spaces. */
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** One data row: a respondent, or the row's problems. */
function readRow(
  row: Row,
  columns: Partial<Record<SurveyField, MappedColumn>>,
  map: SurveyColumnMap,
  readTime: (text: string) => CellReading<Date>,
): { respondent: SurveyRespondent } | { problems: SurveyRowProblem[] } {
  const cell = (field: SurveyField) => {
    const column = columns[field];
    return column ? (row.fields[column.index] ?? '').trim() : '';
  };
  const fullName = cell('name') || [cell('firstName'), cell('lastName')].filter(Boolean).join(' ');
  const rawEmail = cell('email');
  const email = EMAIL.test(rawEmail) ? rawEmail.toLowerCase() : null;
  const problems: SurveyRowProblem[] = [];
  const problem = (field: SurveyField | null, value: string | null, text: string, fix: string) =>
    problems.push({
      line: row.line,
      name: fullName,
      email,
      column: field ? (columns[field]?.header ?? FIELD_LABELS[field]) : null,
      value,
      problem: text,
      fix,
    });
  if (rawEmail && !email)
    problem('email', rawEmail, `"${rawEmail}" is not an e-mail address`, "correct the respondent's e-mail address");
  if (!email && !fullName)
    problem(null, null, 'the row names no respondent', "add the respondent's e-mail or name to the row");
  const take = <T>(field: SurveyField, reading: CellReading<T>, required: boolean): T | null => {
    if ('value' in reading) return reading.value;
    if ('problem' in reading) problem(field, cell(field), reading.problem, reading.fix);
    else if (required)
      problem(
        field,
        cell(field) || null,
        `the ${FIELD_LABELS[field]} is not answered`,
        'a completed evaluation needs the overall, relevance, speaker and practice-change answers: add the missing one or leave the row out',
      );
    return null;
  };
  const rating = (field: (typeof RATING_FIELDS)[number]) =>
    take(field, readRating(cell(field), map.ratingWordings[field], map.notAnswered), true);
  const overall = rating('overall');
  const relevance = rating('relevance');
  const speaker = rating('speaker');
  const practiceChange = take(
    'practiceChange',
    readPracticeChange(cell('practiceChange'), map.practiceChange, map.notAnswered),
    true,
  );
  const comments = take('comments', readComments(cell('comments'), map.notAnswered), false);
  const submittedAt = columns.submittedAt ? take('submittedAt', readTime(cell('submittedAt')), false) : null;
  if (problems.length || overall === null || relevance === null || speaker === null || practiceChange === null)
    return { problems };
  return {
    respondent: {
      name: fullName,
      email,
      lines: [row.line],
      line: row.line,
      submittedAt,
      answers: { overall, relevance, speaker, practiceChange, comments },
    },
  };
}

/**
 * How the file's timestamps are read: localTime.ts's reader (the forms webinar exports use too), in
 * the zone the file states for the column, else `timeZone`. Slashed dates take the map's dateOrder,
 * else the order the file proves (a number over 12, AM/PM); a file that proves neither stops the
 * import rather than guess a month (5/10 is 10 May or 5 October).
 */
function timestampReader(
  rows: readonly Row[],
  column: MappedColumn | undefined,
  map: SurveyColumnMap,
  timeZone: string,
): (text: string, line: number) => CellReading<Date> {
  if (!column) return () => ({ missing: true });
  const cellOf = (text: string, line: number): TimeCell => ({ text, line, column: column.header, headerOffset: null });
  const cells = rows
    .map((row) => cellOf((row.fields[column.index] ?? '').trim(), row.line))
    .filter((cell) => !isNotAnswered(cell.text, map.notAnswered));
  const given = map.dateOrder === 'MDY' ? 'month-first' : map.dateOrder === 'DMY' ? 'day-first' : undefined;
  const order = slashedDateOrder(cells, given);
  if (order === null && cells.some((cell) => /^\d{1,2}\/\d{1,2}\//.test(cell.text)))
    throw new AttendanceFileError(
      'bad-value',
      `The timestamps in "${column.header}" could be month-first or day-first (no day over 12, no AM/PM). Set "dateOrder": "MDY" or "DMY" in a --columns file.`,
      { column: column.header },
    );
  const read: TimeReader = timeReader(cells, { timeZone: column.timeZone ?? timeZone, dateOrder: order ?? undefined });
  return (text, line) => {
    if (isNotAnswered(text, map.notAnswered)) return { missing: true };
    try {
      return { value: read(cellOf(text, line)) };
    } catch (error) {
      if (!(error instanceof AttendanceFileError)) throw error;
      return {
        problem: error.message,
        fix: 'write the timestamp as 2026-10-24 09:58:18 or 10/24/2026 9:58:18 AM (set dateOrder in a --columns file for slashed dates), or leave it blank',
      };
    }
  };
}

/**
 * A decoded survey export, read: the layout detected from its header rows, the columns mapped, each
 * data row a respondent or its problems. Local timestamps are read in the zone the file states for
 * their column, else in `timeZone` (the event's).
 */
export function readSurvey(table: DecodedTable, map: SurveyColumnMap, options: { timeZone: string }): SurveyExport {
  const firstHeader = table.rows.findIndex((row) => !isBlank(row));
  if (firstHeader < 0) throw new AttendanceFileError('empty', 'The file has no rows.');
  const candidates = table.rows.slice(firstHeader).filter((row) => !isBlank(row));
  const layout = detectLayout(candidates, map.layouts);
  const headers = candidates.slice(0, layout.headerRows);
  const columns = mapColumns(headers, map);
  requireColumns(columns, map, layout.tool);
  const dataRows = candidates.slice(layout.headerRows);
  const readTime = timestampReader(dataRows, columns.submittedAt, map, options.timeZone);
  const respondents: SurveyRespondent[] = [];
  const problems: SurveyRowProblem[] = [];
  for (const row of dataRows) {
    const read = readRow(row, columns, map, (text) => readTime(text, row.line));
    if ('respondent' in read) respondents.push(read.respondent);
    else problems.push(...read.problems);
  }
  if (!respondents.length && !problems.length)
    throw new AttendanceFileError('empty', `The ${layout.tool} export has its header rows but no responses.`);
  return { tool: layout.tool, headerRows: layout.headerRows, columns, respondents, problems };
}
