// The PDF module (src/pdf): the embedded Unicode font prints every character the product prints (₹,
// €, Łukasz Müller…) with no standard font anywhere; text is cut with "…" to its width; a table over
// two pages repeats its header; labels wrap without overlapping; each page says "Page N of M".
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPdf, pdfBytes } from '../src/pdf/document.ts';
import { bullets, keyValues, paragraph } from '../src/pdf/blocks.ts';
import { ELLIPSIS, fitToLines, lineHeight, linesOf } from '../src/pdf/fit.ts';
import { FONT_PACKAGE, REGULAR, fontFiles } from '../src/pdf/fonts.ts';
import { signatureBlock } from '../src/pdf/signature.ts';
import { STYLE } from '../src/pdf/style.ts';
import { table } from '../src/pdf/table.ts';
import { pageText, readPdf } from './pdf-read.ts';
import type { TextRun } from './pdf-read.ts';

const PLUGIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Every character the product prints beyond ASCII: currencies, EU doctors' names, typography. */
const PRINTED = '₹€£ÄÖÜäöüßÉéÈèçñÅåØøÆæŁłŚśŠšŽžĆćČčĐđŐőŰűŇňŘřĘęĄą–—…™≤≥·•×§©®°';

const newPdf = () => createPdf({ title: 'Test', creationDate: new Date('2026-01-01T00:00:00Z') }, { compress: false });

/** The runs of a page whose text is `text`. */
const runsOf = (page: readonly TextRun[], text: string) => page.filter((run) => run.text === text);

describe('the PDF font', () => {
  it('has a glyph for every character the product prints, in both faces', () => {
    // fontkit is the library pdfkit embeds fonts with: ask it, from pdfkit's own dependency.
    const pdfkitRequire = createRequire(createRequire(import.meta.url).resolve('pdfkit'));
    const fontkit = pdfkitRequire('fontkit') as {
      openSync(file: string): { hasGlyphForCodePoint(codePoint: number): boolean };
    };
    for (const file of Object.values(fontFiles())) {
      const font = fontkit.openSync(file);
      const missing = Array.from(PRINTED).filter((c) => !font.hasGlyphForCodePoint(c.codePointAt(0) as number));
      assert.deepEqual(missing, [], file);
    }
  });

  it('comes from the installed dependency, not from a copy in this tree', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(PLUGIN, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      files: string[];
    };
    assert.ok(pkg.dependencies[FONT_PACKAGE]);
    for (const file of Object.values(fontFiles())) {
      assert.ok(fs.statSync(file).size > 100_000, file);
      assert.match(
        file,
        new RegExp(`[\\\\/]node_modules[\\\\/]${FONT_PACKAGE}[\\\\/]ttf[\\\\/]DejaVuSans(-Bold)?\\.ttf$`),
      );
      assert.ok(!file.startsWith(path.join(PLUGIN, 'src')), file);
    }
    assert.ok(!pkg.files.some((entry) => /ttf|font/i.test(entry)), 'the package ships no font of its own');
  });
});

describe('a PDF of the product', () => {
  it('embeds the font as TrueType, maps its glyphs to Unicode, and uses no standard font', async () => {
    const doc = newPdf();
    paragraph(doc, 'Paid ₹1,269,608 and €3,000 to Łukasz Müller');
    paragraph(doc, 'AMA PRA Category 1 Credit™ · Šimić, Ørsted ≤ ≥', { bold: true });
    const bytes = await pdfBytes(doc);
    const pdf = readPdf(bytes);

    assert.doesNotMatch(bytes.toString('latin1'), /\/BaseFont \/(Helvetica|Times|Courier|Symbol|ZapfDingbats)/);
    assert.equal(pdf.fonts.length, 2);
    for (const font of pdf.fonts) {
      assert.equal(font.fontFile, 'FontFile2', font.baseFont);
      assert.match(font.baseFont, /^[A-Z]{6}\+DejaVuSans(-Bold)?$/);
    }
    // The rupee is a real glyph of the subset (CID 0 is .notdef, what a missing glyph becomes).
    const regular = pdf.fonts.find((f) => f.baseFont.endsWith('+DejaVuSans')) as (typeof pdf.fonts)[number];
    const rupee = [...regular.toUnicode].find(([, text]) => text === '\u20B9');
    assert.ok(rupee && rupee[0] !== 0, 'a CID maps to U+20B9');

    const text = pageText(pdf.pages[0]);
    assert.match(text, /Paid ₹1,269,608 and €3,000 to Łukasz Müller/);
    assert.match(text, /AMA PRA Category 1 Credit™ · Šimić, Ørsted ≤ ≥/);
  });

  it('numbers every page "Page N of M" in the bottom margin', async () => {
    const doc = newPdf();
    paragraph(doc, 'first');
    doc.addPage();
    paragraph(doc, 'second');
    doc.addPage();
    paragraph(doc, 'third');
    const pdf = readPdf(await pdfBytes(doc));
    assert.equal(pdf.pages.length, 3);
    pdf.pages.forEach((page, i) => {
      const footer = runsOf(page, `Page ${i + 1} of 3`);
      assert.equal(footer.length, 1, `page ${i + 1}`);
      // PDF y grows up the page: the footer is under the bottom margin, everything else above it.
      assert.ok(footer[0].y < STYLE.margin, `footer y ${footer[0].y}`);
      assert.ok(
        page.filter((run) => run !== footer[0]).every((run) => run.y > STYLE.margin),
        'no other text in the margin',
      );
    });
  });
});

const LONG_NAME = 'Dr Łukasz Müller-Šimić Ørsted, Professor of Interventional Cardiology at the University Hospital';

/** The start of `text` one character longer than what `cut` kept (past any spaces the cut dropped), with "…". */
function oneCharLonger(text: string, cut: string): string {
  const chars = Array.from(text);
  let kept = Array.from(cut.slice(0, -1)).length;
  while (chars[kept] === ' ') kept++;
  return chars.slice(0, kept + 1).join('') + ELLIPSIS;
}

describe('fitting text to a width', () => {
  const measured = () => newPdf().font(REGULAR).fontSize(STYLE.tableSize);

  it('keeps a text that fits as it is', () => {
    const doc = measured();
    assert.equal(fitToLines(doc, '₹1,269,608', 80, 1), '₹1,269,608');
    assert.equal(fitToLines(doc, '', 80, 1), '');
  });

  it('cuts a too-long text with "…" to its width, keeping as much as fits', () => {
    const doc = measured();
    const cut = fitToLines(doc, LONG_NAME, 120, 1);
    assert.ok(cut.endsWith(ELLIPSIS), cut);
    assert.ok(doc.widthOfString(cut) <= 120, `${doc.widthOfString(cut)} > 120`);
    assert.ok(LONG_NAME.startsWith(cut.slice(0, -1)));
    // As much as fits: the start one character longer does not.
    const longer = oneCharLonger(LONG_NAME, cut);
    assert.ok(doc.widthOfString(longer) > 120, `${longer} fits too`);
  });

  it('cuts at a number of lines when the text wraps', () => {
    const doc = measured();
    assert.ok(linesOf(doc, LONG_NAME, 90) > 2);
    const cut = fitToLines(doc, LONG_NAME, 90, 2);
    assert.ok(cut.endsWith(ELLIPSIS));
    assert.equal(linesOf(doc, cut, 90), 2);
    assert.ok(doc.heightOfString(cut, { width: 90 }) <= 2 * lineHeight(doc) + 0.01);
    assert.ok(linesOf(doc, oneCharLonger(LONG_NAME, cut), 90) > 2, 'one more character takes a third line');
  });
});

const COLUMNS = [
  { header: 'Row', width: 40, align: 'right' as const },
  { header: 'Recipient', width: 130 },
  { header: 'Amount', width: 80, align: 'right' as const },
];

/** The x where each column's text starts (left margin, then the widths, plus the cell padding). */
const columnX = (i: number) => STYLE.margin + COLUMNS.slice(0, i).reduce((x, c) => x + c.width, 0) + STYLE.cellPadding;

describe('a table', () => {
  it('cuts a too-long cell with "…" within its column', async () => {
    const doc = newPdf();
    table(doc, COLUMNS, [['1', LONG_NAME, '₹1,269,608']], { maxLines: 1 });
    const page = readPdf(await pdfBytes(doc)).pages[0];
    const cell = page.find((run) => run.text.startsWith('Dr Łukasz')) as TextRun;
    assert.ok(cell.text.endsWith(ELLIPSIS), cell.text);
    const measure = newPdf().font(REGULAR).fontSize(STYLE.tableSize);
    const width = COLUMNS[1].width - 2 * STYLE.cellPadding;
    assert.ok(measure.widthOfString(cell.text) <= width, `${measure.widthOfString(cell.text)} > ${width}`);
    assert.equal(Math.round(cell.x), Math.round(columnX(1)));
    assert.equal(runsOf(page, '₹1,269,608').length, 1);
  });

  it('repeats its header on every page it runs over, and loses no row', async () => {
    const doc = newPdf();
    const rows = Array.from({ length: 90 }, (_, i) => [String(i + 1), `${LONG_NAME} ${i + 1}`, '€3,000']);
    table(doc, COLUMNS, rows, { maxLines: 2 });
    const pdf = readPdf(await pdfBytes(doc));
    assert.ok(pdf.pages.length >= 2, `${pdf.pages.length} pages`);
    const seen: string[] = [];
    for (const page of pdf.pages) {
      const headers = COLUMNS.map((c) => runsOf(page, c.header));
      assert.ok(
        headers.every((h) => h.length === 1),
        'each header once per page',
      );
      const headerY = headers[0][0].y;
      const rowNumbers = page.filter((run) => /^\d+$/.test(run.text) && Math.round(run.x) > STYLE.margin);
      assert.ok(rowNumbers.length > 0);
      assert.ok(
        rowNumbers.every((run) => run.y < headerY),
        'rows under the header',
      );
      seen.push(...rowNumbers.map((run) => run.text));
    }
    assert.deepEqual(
      seen,
      rows.map((r) => r[0]),
    );
  });
});

/** The y of the runs set at the label column's x, top of the page first. */
const labelLines = (page: readonly TextRun[]) => page.filter((run) => Math.round(run.x) === STYLE.margin);

describe('a bulleted list, a key–value list and a signature block', () => {
  it('hangs a wrapped item under its text, not under the bullet', async () => {
    const doc = newPdf();
    bullets(doc, [`${LONG_NAME} ${LONG_NAME}`, 'Second item']);
    const page = readPdf(await pdfBytes(doc)).pages[0];
    const marks = runsOf(page, '•');
    assert.equal(marks.length, 2);
    const first = page.filter((run) => run.text !== '•' && run.y > marks[1].y);
    assert.ok(first.length >= 2, 'the first item wraps');
    assert.ok(
      first.every((run) => Math.round(run.x) === STYLE.margin + 12),
      'every line of it indented',
    );
    const second = runsOf(page, 'Second item')[0];
    assert.equal(second.y, marks[1].y);
    assert.ok(Math.min(...first.map((run) => run.y)) > second.y, 'the second item under the whole first');
  });

  it('wraps a long label and starts the next pair under it', async () => {
    const doc = newPdf();
    keyValues(
      doc,
      [
        [LONG_NAME, '€3,000'],
        ['Next', '£12'],
      ],
      { labelWidth: 150 },
    );
    const page = readPdf(await pdfBytes(doc)).pages[0];
    const lines = labelLines(page);
    const next = runsOf(page, 'Next')[0];
    const wrapped = lines.filter((run) => run !== next);
    assert.ok(wrapped.length >= 3, `${wrapped.length} lines`);
    const step = lineHeight(newPdf().font(REGULAR).fontSize(STYLE.bodySize)) - 0.01;
    const lowest = Math.min(...wrapped.map((run) => run.y));
    assert.ok(lowest - next.y >= step, `the next pair (${next.y}) is a line under the label (${lowest})`);
  });

  it('prints the signatory and keeps the block on one page', async () => {
    const doc = newPdf();
    doc.y = doc.page.height - doc.page.margins.bottom - 40;
    paragraph(doc, 'Declared true and complete.');
    signatureBlock(doc, { name: 'Anjali Rao', title: 'Managing Director', date: '2026-04-30' });
    const pdf = readPdf(await pdfBytes(doc));
    assert.equal(pdf.pages.length, 2);
    const page = pdf.pages[1];
    for (const text of ['Signature', 'Name', 'Anjali Rao', 'Title', 'Managing Director', 'Date', '2026-04-30'])
      assert.equal(runsOf(page, text).length, 1, text);
    // The name, title and date follow the signature label, in that order down the page.
    const ys = ['Signature', 'Anjali Rao', 'Managing Director', '2026-04-30'].map((t) => runsOf(page, t)[0].y);
    assert.deepEqual(
      ys,
      [...ys].sort((a, b) => b - a),
    );
  });
});
