// A table: column headers, fixed column widths, cells that wrap within their column and are cut with
// "…" past a number of lines, and a page break that repeats the header row. Every row is measured
// before it is drawn, so a row is never split across pages and never overlaps the next one.
import { contentBottom, ensureRoom } from './document.ts';
import type { Pdf } from './document.ts';
import { fitText, lineHeight } from './fit.ts';
import { BOLD, REGULAR } from './fonts.ts';
import { bodyFont } from './blocks.ts';
import { STYLE } from './style.ts';

export interface TableColumn {
  header: string;
  /** Width in points, padding included. */
  width: number;
  align?: 'left' | 'right' | 'center';
}

export interface TableOptions {
  /** Lines a body cell may take before it is cut with "…" (default 2). */
  maxLines?: number;
  /** Lines a header cell may take (default 2). */
  headerLines?: number;
  /** Colour of a row's text (default ink), e.g. red for a blocking finding. */
  rowColor?: (row: readonly string[], index: number) => string;
}

type Face = typeof REGULAR | typeof BOLD;

interface FittedRow {
  cells: string[];
  height: number;
}

const textWidth = (column: TableColumn) => Math.max(1, column.width - 2 * STYLE.cellPadding);

/** The cells cut to `maxLines` lines of their column, and the height of the tallest. */
export function fitRow(
  doc: Pdf,
  columns: readonly TableColumn[],
  cells: readonly string[],
  face: Face,
  maxLines: number,
): FittedRow {
  doc.font(face).fontSize(STYLE.tableSize);
  const fitted = columns.map((column, i) => fitText(doc, cells[i] ?? '', textWidth(column), maxLines));
  const tallest = Math.max(...fitted.map((cell) => cell.lines)) * lineHeight(doc);
  return { cells: fitted.map((cell) => cell.text), height: tallest + 2 * STYLE.cellPadding };
}

function drawCells(doc: Pdf, columns: readonly TableColumn[], row: FittedRow, face: Face, color: string): void {
  const y = doc.y;
  let x = doc.page.margins.left;
  doc.font(face).fontSize(STYLE.tableSize).fillColor(color);
  columns.forEach((column, i) => {
    doc.text(row.cells[i], x + STYLE.cellPadding, y + STYLE.cellPadding, {
      width: textWidth(column),
      align: column.align ?? 'left',
    });
    x += column.width;
  });
  doc.x = doc.page.margins.left;
  doc.y = y + row.height;
}

function tableWidth(columns: readonly TableColumn[]): number {
  return columns.reduce((sum, column) => sum + column.width, 0);
}

function underline(doc: Pdf, columns: readonly TableColumn[]): void {
  const left = doc.page.margins.left;
  doc
    .moveTo(left, doc.y)
    .lineTo(left + tableWidth(columns), doc.y)
    .lineWidth(0.5)
    .stroke(STYLE.rule);
}

function drawHeader(doc: Pdf, columns: readonly TableColumn[], header: FittedRow): void {
  doc.rect(doc.page.margins.left, doc.y, tableWidth(columns), header.height).fill(STYLE.headerFill);
  drawCells(doc, columns, header, BOLD, STYLE.accent);
  underline(doc, columns);
}

/** Draws the table from doc.y; a row that does not fit below goes to a new page under a repeated header. */
export function table(
  doc: Pdf,
  columns: readonly TableColumn[],
  rows: readonly (readonly string[])[],
  options: TableOptions = {},
): void {
  const header = fitRow(
    doc,
    columns,
    columns.map((c) => c.header),
    BOLD,
    options.headerLines ?? 2,
  );
  const fitted = rows.map((row) => fitRow(doc, columns, row, REGULAR, options.maxLines ?? 2));
  // The header never ends a page alone: it keeps the first row with it.
  ensureRoom(doc, header.height + (fitted[0]?.height ?? 0));
  drawHeader(doc, columns, header);
  fitted.forEach((row, i) => {
    if (doc.y + row.height > contentBottom(doc)) {
      doc.addPage();
      drawHeader(doc, columns, header);
    }
    drawCells(doc, columns, row, REGULAR, options.rowColor?.(rows[i], i) ?? STYLE.ink);
    underline(doc, columns);
  });
  doc.moveDown(0.5);
  bodyFont(doc);
}
