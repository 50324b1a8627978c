// The review file of an evaluations import: one CSV row per thing a person must resolve (a row with a
// bad or missing answer, a respondent matching nobody or several doctors, a doctor without attendance,
// a record the org refused), with the file's line, the column and value, the problem and the fix.
// Cells are CSV-safe as the audit pack writes them (report/csv.ts: formula-like text neutralised).
import { csvRow } from '../report/csv.ts';
import type { EvaluationReviewEntry } from './plan.ts';

export const EVALUATION_REVIEW_COLUMNS = [
  'Line',
  'Reason',
  'Name',
  'Email',
  'Column',
  'Value',
  'Problem',
  'Fix',
  'Candidate Doctor Ids',
  'Candidate Doctors',
] as const;

/** The review CSV's text: the header, then the entries in the file's line order. */
export function evaluationReviewCsv(entries: readonly EvaluationReviewEntry[]): string {
  const ordered = [...entries].sort((a, b) => (a.lines[0] ?? 0) - (b.lines[0] ?? 0));
  let text = csvRow(EVALUATION_REVIEW_COLUMNS);
  for (const entry of ordered)
    text += csvRow([
      entry.lines.join(' '),
      entry.reason,
      entry.name,
      entry.email,
      entry.column,
      entry.value,
      entry.problem,
      entry.fix,
      entry.candidates.map((c) => c.doctorId).join(' '),
      entry.candidates.map((c) => [c.firstName, c.lastName].filter(Boolean).join(' ')).join('; '),
    ]);
  return text;
}
