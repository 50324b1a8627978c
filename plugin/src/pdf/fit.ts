// Measuring text against a width and cutting it to a number of lines, in the document's current font
// and size. pdfkit wraps at spaces and splits a word longer than the width, so a label of any length
// fits a column once cut here; nothing is ever drawn past its column or over the next line.
import type { Pdf } from './document.ts';

export const ELLIPSIS = '…';

/** The height of one line of text (the font's line height and gap) in the current font and size. */
export function lineHeight(doc: Pdf): number {
  return doc.currentLineHeight(true);
}

/** How many lines `text` takes when wrapped to `width`. */
export function linesOf(doc: Pdf, text: string, width: number): number {
  if (text === '') return 1;
  if (!text.includes('\n') && doc.widthOfString(text) <= width) return 1;
  return Math.round(doc.heightOfString(text, { width }) / lineHeight(doc));
}

/** The height `text` takes when wrapped to `width` (one line for an empty text). */
export function heightOf(doc: Pdf, text: string, width: number): number {
  return linesOf(doc, text, width) * lineHeight(doc);
}

/**
 * `text` if it wraps to at most `maxLines` lines of `width`, else its longest start that fits with
 * "…" after it. Cut by code points (never inside a surrogate pair); trailing spaces before the "…"
 * are dropped.
 */
export function fitToLines(doc: Pdf, text: string, width: number, maxLines: number): string {
  if (linesOf(doc, text, width) <= maxLines) return text;
  const chars = Array.from(text);
  const cut = (n: number) => chars.slice(0, n).join('').trimEnd() + ELLIPSIS;
  // The number of lines only grows with the length of the start kept: search the longest that fits.
  let fits = 0;
  let tooLong = chars.length;
  while (tooLong - fits > 1) {
    const mid = Math.floor((fits + tooLong) / 2);
    if (linesOf(doc, cut(mid), width) <= maxLines) fits = mid;
    else tooLong = mid;
  }
  return cut(fits);
}
