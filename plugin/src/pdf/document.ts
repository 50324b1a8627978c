// A PDF document of the product: A4, 48 pt margins, the Unicode font (fonts.ts) registered as the
// regular and bold faces and selected from the first line, so no standard font (Helvetica) is ever
// embedded. Pages are buffered so that the footer "Page N of M" can be written once M is known.
import PDFDocument from 'pdfkit';
import type { Writable } from 'node:stream';
import { BOLD, REGULAR, parsedFonts } from './fonts.ts';
import { STYLE } from './style.ts';

export type Pdf = PDFKit.PDFDocument;

export interface PdfInfo {
  title: string;
  author?: string;
  subject?: string;
  /** A fixed date keeps two runs over the same data byte-comparable in their metadata. */
  creationDate?: Date;
}

export interface PdfOptions {
  /** Streams are zlib-compressed unless false (tests read the bytes as text). */
  compress?: boolean;
  /** Portrait (the reports) unless landscape (a certificate, read across the page). */
  layout?: 'portrait' | 'landscape';
}

export function createPdf(info: PdfInfo, options: PdfOptions = {}): Pdf {
  // pdfkit's types name paths and bytes only; its PDFFontFactory takes a parsed font too (fonts.ts).
  const fonts = parsedFonts() as unknown as { regular: string; bold: string };
  const doc = new PDFDocument({
    size: STYLE.pageSize,
    layout: options.layout ?? 'portrait',
    margin: STYLE.margin,
    bufferPages: true,
    compress: options.compress ?? true,
    // The constructor's font replaces pdfkit's default Helvetica before any text is set.
    font: fonts.regular,
    info: {
      Title: info.title,
      Author: info.author ?? 'CME Manager',
      ...(info.subject ? { Subject: info.subject } : {}),
      ...(info.creationDate ? { CreationDate: info.creationDate } : {}),
    },
  });
  doc.registerFont(REGULAR, fonts.regular);
  doc.registerFont(BOLD, fonts.bold);
  doc.font(REGULAR).fontSize(STYLE.bodySize).fillColor(STYLE.ink);
  return doc;
}

/** The width between the left and right margins of the current page. */
export function contentWidth(doc: Pdf): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

/** The lowest y that content may reach on the current page (the footer lives below it). */
export function contentBottom(doc: Pdf): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Starts a new page unless `height` more points fit above the bottom margin. */
export function ensureRoom(doc: Pdf, height: number): boolean {
  if (doc.y + height <= contentBottom(doc)) return false;
  doc.addPage();
  return true;
}

export type PageLabel = (page: number, pages: number) => string;

export const pageOfPages: PageLabel = (page, pages) => `Page ${page} of ${pages}`;

/** Writes the footer on every buffered page, centred in the bottom margin. */
export function addPageNumbers(doc: Pdf, label: PageLabel = pageOfPages): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Text below the bottom margin would make pdfkit open a new page: lift the margin while writing.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(REGULAR)
      .fontSize(STYLE.footerSize)
      .fillColor(STYLE.muted)
      .text(label(i + 1, range.count), doc.page.margins.left, doc.page.height - bottom / 2 - STYLE.footerSize / 2, {
        width: contentWidth(doc),
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
}

/** Adds the page numbers, ends the document and resolves when `sink` has every byte. */
export function finishPdf(doc: Pdf, sink: Writable, label: PageLabel = pageOfPages): Promise<void> {
  const done = new Promise<void>((resolve, reject) => {
    sink.on('finish', resolve);
    sink.on('error', reject);
    doc.on('error', reject);
  });
  doc.pipe(sink);
  addPageNumbers(doc, label);
  doc.end();
  return done;
}

/** The whole document as bytes (tests, and callers that hash before writing). */
export function pdfBytes(doc: Pdf, label: PageLabel = pageOfPages): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  addPageNumbers(doc, label);
  doc.end();
  return done;
}
