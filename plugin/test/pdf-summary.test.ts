// The audit pack's summary.pdf in the embedded Unicode font: ₹1,269,608 prints as such (the standard
// Helvetica printed "¹1,269,608"), long event, rule and HCP names are cut or wrapped inside their
// column, and the content stays what it was: headline figures, three charts, findings, page numbers.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPdf } from '../src/pdf/document.ts';
import { ELLIPSIS } from '../src/pdf/fit.ts';
import { REGULAR } from '../src/pdf/fonts.ts';
import { STYLE } from '../src/pdf/style.ts';
import { writePdf } from '../src/report/outputs.ts';
import type { PackSummary } from '../src/report/outputs.ts';
import { pageText, readPdf } from './pdf-read.ts';
import type { ReadPdf, TextRun } from './pdf-read.ts';

const LONG_EVENT = 'Advances in Interventional Cardiology and Structural Heart Disease — Annual Symposium, Mumbai';
const LONG_HCP = 'Dr Łukasz Müller-Šimić Ørsted-Wiśniewski';
const LONG_RULE = 'UCPMP-2024-CLAUSE-7-TRAVEL-AND-HOSPITALITY-ONLY-FOR-SPEAKERS-AND-CHAIRPERSONS-OF-THE-SESSION';

const SUMMARY: PackSummary = {
  title: 'CME compliance audit pack — FY2025-26',
  window: { start: '2025-04-01', end: '2026-03-31', label: 'FY2025-26' },
  asOf: '2026-04-15',
  orgId: '00D000000000001EAA',
  rulePacks: [{ code: 'IN-UCPMP-2024', name: 'UCPMP 2024', version: '2024.1', events: 12 }],
  counts: {
    events: 12,
    attendance: 340,
    hcps: 210,
    transfersOfValue: 455,
    findings: 3,
    blockingFindings: 2,
  },
  funnel: { invited: 400, accepted: 360, attended: 340 },
  budget: [
    { name: LONG_EVENT, budget: 1_000_000, actual: 1_100_000, committed: 50_000, currency: 'INR' },
    { name: 'Diabetes update', budget: 500_000, actual: 200_000, committed: 0, currency: 'INR' },
  ],
  topHcps: [
    { name: LONG_HCP, total: 1_269_608, cap: 1_000_000, currency: 'INR' },
    { name: 'Dr Asha Iyer', total: 3_000, cap: 10_000, currency: 'EUR' },
  ],
  transfersByCurrency: { INR: 1_269_608, EUR: 3_000 },
  findingsByRule: { [LONG_RULE]: 2, 'UCPMP-2024-VENUE-ABROAD': 1 },
  findings: [
    [LONG_RULE, 'block', 'a01', LONG_EVENT, '003A', LONG_HCP, '42000', '0', 'Travel paid for a delegate.'],
    [LONG_RULE, 'block', 'a01', LONG_EVENT, '003B', 'Dr Asha Iyer', '38000', '0', 'Travel paid for a delegate.'],
    ['UCPMP-2024-VENUE-ABROAD', 'warn', 'a02', 'Diabetes update', '', '', '', '', 'Held outside India.'],
  ],
};

describe('summary.pdf', () => {
  let pdf: ReadPdf;
  let text: string;
  let runs: TextRun[];

  let again: Buffer;
  let bytes: Buffer;

  before(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-summary-pdf-'));
    const file = path.join(dir, 'summary.pdf');
    // The default (compressed) output, as the pack writes it: the reader inflates the streams.
    await writePdf(file, SUMMARY);
    bytes = fs.readFileSync(file);
    await writePdf(file, SUMMARY);
    again = fs.readFileSync(file);
    fs.rmSync(dir, { recursive: true, force: true });
    pdf = readPdf(bytes);
    runs = pdf.pages.flat();
    text = pdf.pages.map(pageText).join('\n');
  });

  it('prints ₹1,269,608 and €3,000 in the embedded font, with no standard font', () => {
    assert.ok(runs.some((run) => run.text === '₹1,269,608'));
    assert.ok(runs.some((run) => run.text === '€3,000'));
    assert.ok(pdf.fonts.length > 0);
    for (const font of pdf.fonts) {
      assert.equal(font.fontFile, 'FontFile2', font.baseFont);
      assert.match(font.baseFont, /DejaVuSans/);
    }
  });

  it('is the same bytes when written again from the same summary (a pack can be rebuilt and compared)', () => {
    assert.ok(bytes.equals(again));
  });

  it('keeps its content: headline figures, the three charts, findings by rule and the findings', () => {
    for (const line of [
      'Headline figures',
      'Transfers of value (INR)',
      'Budget utilisation (actual + committed vs budget; top 15 events)',
      'Attendance funnel',
      'Top HCP transfers of value vs annual cap',
      'Findings by rule',
      'Travel paid for a delegate.',
      'Held outside India.',
      '115%',
    ])
      assert.ok(text.includes(line), line);
    assert.match(text, /Window 2025-04-01 to 2026-03-31 · judged as of 2026-04-15/);
    assert.match(text, /Page 1 of \d/);
  });

  it('cuts the long event and HCP names of the charts with "…" inside the label column', () => {
    const measure = createPdf({ title: 'measure' }).font(REGULAR).fontSize(STYLE.bodySize);
    for (const name of [LONG_EVENT, LONG_HCP]) {
      const label = runs.find(
        (run) => run.text !== name && run.text.endsWith(ELLIPSIS) && name.startsWith(run.text.slice(0, 12)),
      );
      assert.ok(label, `${name} cut`);
      assert.ok(name.startsWith(label.text.slice(0, -1).trimEnd()));
      assert.ok(measure.widthOfString(label.text) <= 160, `${label.text} within 160 pt`);
    }
  });

  it('wraps the long rule name of "Findings by rule" within its column', () => {
    const start = runs.findIndex((run) => run.text === 'Findings by rule');
    const end = runs.findIndex((run, i) => i > start && run.text.startsWith('Findings'));
    const parts = runs
      .slice(start + 1, end)
      .filter((run) => Math.round(run.x) === STYLE.margin && LONG_RULE.includes(run.text));
    const joined = parts.map((run) => run.text).join('');
    assert.ok(parts.length >= 2, 'on more than one line');
    assert.equal(joined, LONG_RULE);
    const ys = parts.map((run) => run.y);
    assert.deepEqual(
      ys,
      [...ys].sort((a, b) => b - a),
    );
    assert.equal(new Set(ys).size, ys.length, 'each part on its own line');
  });
});
