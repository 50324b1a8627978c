// Measuring text against a width and cutting it to a number of lines, in the document's current font
// and size. pdfkit wraps at spaces and hyphens and splits a word longer than the width, so a label of
// any length fits its column once cut here; nothing is ever drawn past its column or over the next line.
import type { Pdf } from './document.ts';

export const ELLIPSIS = '…';

/** The height of one line of text (the font's line height and gap) in the current font and size. */
export function lineHeight(doc: Pdf): number {
  return doc.currentLineHeight(true);
}

const oneLine = (doc: Pdf, text: string, width: number) => !text.includes('\n') && doc.widthOfString(text) <= width;

/** How many lines `text` takes when wrapped to `width` (pdfkit's own wrapping, measured). */
export function linesOf(doc: Pdf, text: string, width: number): number {
  if (text === '' || oneLine(doc, text, width)) return 1;
  return Math.round(doc.heightOfString(text, { width }) / lineHeight(doc));
}

/** The height `text` takes when wrapped to `width` (one line for an empty text). */
export function heightOf(doc: Pdf, text: string, width: number): number {
  return linesOf(doc, text, width) * lineHeight(doc);
}

export interface FittedText {
  text: string;
  lines: number;
}

/** The largest n in [0, hi) for which `fits(n)`, given fits(0) and that fits only turns false as n grows. */
function longestFitting(hi: number, fits: (n: number) => boolean): number {
  let [lo, over] = [0, hi];
  while (over - lo > 1) {
    const mid = Math.floor((lo + over) / 2);
    if (fits(mid)) lo = mid;
    else over = mid;
  }
  return lo;
}

/**
 * `text` if it wraps to at most `maxLines` lines of `width`, else its longest start that fits with
 * "…" after it, and the lines it takes. Cut by code points (never inside a surrogate pair); spaces
 * before the "…" are dropped.
 */
export function fitText(doc: Pdf, text: string, width: number, maxLines: number): FittedText {
  const lines = linesOf(doc, text, width);
  if (lines <= maxLines) return { text, lines };
  const chars = Array.from(text);
  const cut = (n: number) => chars.slice(0, n).join('').trimEnd() + ELLIPSIS;
  // No start wider than maxLines full lines (and the spaces a wrap drops) can fit: a cheap bound on
  // the length before measuring wrapped heights.
  const room = maxLines * (width + doc.widthOfString(' '));
  const bound = 1 + longestFitting(chars.length, (n) => doc.widthOfString(cut(n)) <= room);
  const fits =
    maxLines === 1
      ? (n: number) => oneLine(doc, cut(n), width)
      : (n: number) => linesOf(doc, cut(n), width) <= maxLines;
  const kept = cut(longestFitting(Math.min(bound, chars.length), fits));
  return { text: kept, lines: linesOf(doc, kept, width) };
}

/** `fitText`'s text: what to draw so that it stays within `maxLines` lines of `width`. */
export function fitToLines(doc: Pdf, text: string, width: number, maxLines: number): string {
  return fitText(doc, text, width, maxLines).text;
}
