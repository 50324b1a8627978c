// One cell of a survey export, read as what the evaluation stores: a 1–5 rating (a number or a
// wording of the map's scale), the practice-change answer (Yes / No / Unsure, or a wording of it), or
// the comments. A value that is none of these is a problem with the fix, never a guess. (Timestamps
// are read by the attendance import's localTime.ts, in survey.ts.) Pure: no I/O.
import { normaliseText } from '../schema/evaluationsImport.ts';
import type { PracticeChange, WordingTable } from '../schema/evaluationsImport.ts';

/** A cell read: its value, nothing (not answered), or why it cannot be read and what to do. */
export type CellReading<T> = { value: T } | { missing: true } | { problem: string; fix: string };

/** Whether the cell is left blank or answered 'N/A' and the like (the map's notAnswered). */
export function isNotAnswered(raw: string, notAnswered: ReadonlySet<string>): boolean {
  return notAnswered.has(normaliseText(raw));
}

/** A whole number alone, or leading a label ('5 - Excellent', '4. Agree') or closing one ('Excellent (5)'). */
const NUMBER_ALONE = /^[+-]?\d+(?:[.,]\d+)?$/;
const NUMBER_LEADING = /^(\d+)\s*[-–—:.)]\s*\S/u;
const NUMBER_CLOSING = /\((\d+)\)\s*$/;

/**
 * A rating 1–5: a whole number (alone or labelled, as tools export 'numeric values' or 'choice text
 * with its code'), else a wording of the field's scale. 4.5, 0 or 6 are out of the scale; a wording the
 * scale does not list is refused, so a survey with another scale gets its wordings named in a map.
 */
export function readRating(
  raw: string,
  wordings: WordingTable<number>,
  notAnswered: ReadonlySet<string>,
): CellReading<number> {
  const text = raw.trim();
  if (isNotAnswered(text, notAnswered)) return { missing: true };
  const numeric = NUMBER_ALONE.test(text) ? text : (NUMBER_LEADING.exec(text) ?? NUMBER_CLOSING.exec(text))?.[1];
  if (numeric !== undefined) {
    const n = Number(numeric.replace(',', '.'));
    if (Number.isInteger(n) && n >= 1 && n <= 5) return { value: n };
    return { problem: `${text} is not a rating from 1 to 5`, fix: 'answer with a whole number from 1 to 5' };
  }
  const value = wordings.get(normaliseText(text));
  if (value !== undefined) return { value };
  return {
    problem: `"${text}" is not a wording of the rating scale`,
    fix: 'name this wording and its rating (1-5) in a --columns file (ratingScale or fieldScales)',
  };
}

/** Yes, No or Unsure, or a wording of one of them ('I will change my practice'). */
export function readPracticeChange(
  raw: string,
  wordings: WordingTable<PracticeChange>,
  notAnswered: ReadonlySet<string>,
): CellReading<PracticeChange> {
  const text = raw.trim();
  if (isNotAnswered(text, notAnswered)) return { missing: true };
  const value = wordings.get(normaliseText(text));
  if (value !== undefined) return { value };
  return {
    problem: `"${text}" is not Yes, No or Unsure`,
    fix: 'answer Yes, No or Unsure, or name this wording under practiceChange in a --columns file',
  };
}

/** The longest comment Evaluation_Comments__c holds (a LongTextArea of 4,000 characters). */
export const COMMENTS_MAX_LENGTH = 4000;

/** Free text, kept as written; longer than the field holds is a problem, never cut short silently. */
export function readComments(raw: string, notAnswered: ReadonlySet<string>): CellReading<string> {
  const text = raw.trim();
  if (isNotAnswered(text, notAnswered)) return { missing: true };
  if (text.length > COMMENTS_MAX_LENGTH)
    return {
      problem: `the comments are ${text.length} characters long; the evaluation holds ${COMMENTS_MAX_LENGTH}`,
      fix: `shorten the comments to ${COMMENTS_MAX_LENGTH} characters`,
    };
  return { value: text };
}
