// A disclosure's document (the Open Payments summary, the EFPIA methodological note, the UCPMP
// self-declaration) as a PDF, block by block with the product's PDF module, from the same structured
// document its markdown is written from (note.ts), so the two never differ.
import fs from 'node:fs';
import { bullets, heading, keyValues, paragraph, title } from '../pdf/blocks.ts';
import { contentWidth, createPdf, finishPdf } from '../pdf/document.ts';
import type { Pdf } from '../pdf/document.ts';
import { signatureBlock } from '../pdf/signature.ts';
import { table } from '../pdf/table.ts';
import type { TableColumn } from '../pdf/table.ts';
import type { DocumentBlock, DocumentTableColumn, StructuredDocument } from './note.ts';

/**
 * Column widths in proportion to the longest text of each column (a header's whole word, or a cell),
 * between 6 and 40 characters' worth, so short columns keep their header on one line.
 */
export function columnWidths(
  columns: readonly DocumentTableColumn[],
  rows: readonly (readonly string[])[],
  width: number,
): number[] {
  const longest = columns.map((c, i) =>
    Math.min(40, Math.max(6, c.header.length, ...rows.map((r) => (r[i] ?? '').length))),
  );
  const sum = longest.reduce((a, b) => a + b, 0);
  return longest.map((n) => (n / sum) * width);
}

function drawBlock(doc: Pdf, block: DocumentBlock): void {
  switch (block.kind) {
    case 'heading':
      heading(doc, block.text);
      return;
    case 'paragraph':
      paragraph(doc, block.text);
      return;
    case 'list':
      bullets(doc, block.items);
      return;
    case 'keyValues':
      keyValues(doc, block.pairs);
      return;
    case 'table': {
      const widths = columnWidths(block.columns, block.rows, contentWidth(doc));
      const columns: TableColumn[] = block.columns.map((c, i) => ({
        header: c.header,
        width: widths[i],
        align: c.align ?? 'left',
      }));
      table(doc, columns, block.rows, { maxLines: 3 });
      return;
    }
    case 'signature':
      signatureBlock(doc, block.signatory, block.labels);
  }
}

/** Writes the document to `file` as a PDF; resolves when every byte is on disk. */
export async function writeDocumentPdf(
  file: string,
  document: StructuredDocument,
  info: { subject?: string; creationDate?: Date } = {},
): Promise<void> {
  const doc = createPdf({ title: document.title, ...info });
  title(doc, document.title);
  for (const block of document.blocks) drawBlock(doc, block);
  await finishPdf(doc, fs.createWriteStream(file));
}
