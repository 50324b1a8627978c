// A signature block: a line to sign on, then the signatory's name, title and the date, kept together
// on one page (a declaration whose signature line lands alone on the next page would be ambiguous).
import { ensureRoom } from './document.ts';
import type { Pdf } from './document.ts';
import { bodyFont, keyValues } from './blocks.ts';
import { STYLE } from './style.ts';

export interface Signatory {
  name: string;
  title: string;
  /** The date as it should print; '' leaves it to be written by hand. */
  date: string;
}

/** The block's words, replaceable by the command that prints it (its messages file owns them). */
export interface SignatureLabels {
  signature: string;
  name: string;
  title: string;
  date: string;
}

export const SIGNATURE_LABELS: SignatureLabels = { signature: 'Signature', name: 'Name', title: 'Title', date: 'Date' };

const SIGNING_SPACE = 36;
const LINE_LENGTH = 240;
const BLOCK_HEIGHT = 110;

export function signatureBlock(doc: Pdf, who: Signatory, labels: SignatureLabels = SIGNATURE_LABELS): void {
  ensureRoom(doc, BLOCK_HEIGHT);
  const left = doc.page.margins.left;
  const lineY = doc.y + SIGNING_SPACE;
  doc
    .moveTo(left, lineY)
    .lineTo(left + LINE_LENGTH, lineY)
    .lineWidth(0.75)
    .stroke(STYLE.ink);
  bodyFont(doc).fillColor(STYLE.muted);
  doc.text(labels.signature, left, lineY + 3, { width: LINE_LENGTH });
  doc.moveDown(0.6);
  keyValues(
    doc,
    [
      [labels.name, who.name],
      [labels.title, who.title],
      [labels.date, who.date],
    ],
    { labelWidth: 60 },
  );
}
