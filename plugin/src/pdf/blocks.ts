// The flowing blocks of a document: title, heading, paragraph, centred text, a bulleted list and a key–value list. Each one starts at
// the left margin at doc.y, leaves doc.y under what it drew and the body font selected, so blocks
// simply follow one another.
import { contentBottom, contentWidth, ensureRoom } from './document.ts';
import type { Pdf } from './document.ts';
import { heightOf } from './fit.ts';
import { BOLD, REGULAR } from './fonts.ts';
import { STYLE } from './style.ts';

/** Selects the body face: regular, body size, ink. */
export function bodyFont(doc: Pdf): Pdf {
  return doc.font(REGULAR).fontSize(STYLE.bodySize).fillColor(STYLE.ink);
}

export function title(doc: Pdf, text: string): void {
  doc.font(BOLD).fontSize(STYLE.titleSize).fillColor(STYLE.accent);
  doc.text(text, doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  bodyFont(doc);
}

/** Space kept under a heading so that it never ends a page alone. */
const KEEP_WITH_NEXT = 60;

export function heading(doc: Pdf, text: string): void {
  doc.moveDown(0.8).font(BOLD).fontSize(STYLE.headingSize);
  const width = contentWidth(doc);
  ensureRoom(doc, heightOf(doc, text, width) + KEEP_WITH_NEXT);
  doc.fillColor(STYLE.accent).text(text, doc.page.margins.left, doc.y, { width });
  doc.moveDown(0.3);
  bodyFont(doc);
}

export interface ParagraphOptions {
  color?: string;
  bold?: boolean;
}

/** Wrapped text over the content width; pdfkit continues it on the next page when it must. */
export function paragraph(doc: Pdf, text: string, options: ParagraphOptions = {}): void {
  doc
    .font(options.bold ? BOLD : REGULAR)
    .fontSize(STYLE.bodySize)
    .fillColor(options.color ?? STYLE.ink);
  doc.text(text, doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  bodyFont(doc);
}

export interface CentredOptions extends ParagraphOptions {
  /** Type size (pt); the body size unless given. */
  size?: number;
}

/**
 * Text centred over the content width, wrapped when long (a certificate's title, the learner's
 * name, a statement); pdfkit continues it on the next page when it must.
 */
export function centred(doc: Pdf, text: string, options: CentredOptions = {}): void {
  doc
    .font(options.bold ? BOLD : REGULAR)
    .fontSize(options.size ?? STYLE.bodySize)
    .fillColor(options.color ?? STYLE.ink);
  doc.text(text, doc.page.margins.left, doc.y, { width: contentWidth(doc), align: 'center' });
  bodyFont(doc);
}

const BULLET = '•';
const BULLET_INDENT = 12;

/** A bulleted list: each item wraps under its own first word (a hanging indent), never under the bullet. */
export function bullets(doc: Pdf, items: readonly string[]): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc) - BULLET_INDENT;
  for (const item of items) {
    const height = heightOf(bodyFont(doc), item, width);
    if (height <= contentBottom(doc) - doc.page.margins.top) ensureRoom(doc, height);
    const y = doc.y;
    doc.text(BULLET, left, y, { width: BULLET_INDENT });
    doc.text(item, left + BULLET_INDENT, y, { width });
    doc.x = left;
  }
}

export interface KeyValueOptions {
  /** Width of the label column (pt); the value takes the rest of the content width. */
  labelWidth?: number;
  /** Type size (pt); the body size unless given. */
  size?: number;
}

/**
 * Label and value side by side, the value in bold. A long label or value wraps within its column and
 * the next pair starts under the taller of the two, so lines never overlap.
 */
export function keyValues(
  doc: Pdf,
  pairs: readonly (readonly [string, string])[],
  options: KeyValueOptions = {},
): void {
  const left = doc.page.margins.left;
  const labelWidth = options.labelWidth ?? 220;
  const gutter = 12;
  const valueWidth = contentWidth(doc) - labelWidth - gutter;
  const size = options.size ?? STYLE.bodySize;
  const labelFont = () => bodyFont(doc).fontSize(size);
  const valueFont = () => doc.font(BOLD).fontSize(size);
  for (const [label, value] of pairs) {
    const height = Math.max(heightOf(labelFont(), label, labelWidth), heightOf(valueFont(), value, valueWidth));
    if (height <= contentBottom(doc) - doc.page.margins.top) ensureRoom(doc, height);
    const y = doc.y;
    labelFont().text(label, left, y, { width: labelWidth });
    valueFont().text(value, left + labelWidth + gutter, y, { width: valueWidth });
    doc.x = left;
    doc.y = y + height + 1;
  }
  bodyFont(doc);
}
