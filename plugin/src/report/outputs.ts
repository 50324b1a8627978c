// The audit pack's other forms, made from its CSV tables: report.json (streamed) and summary.pdf
// (headline figures, three charts and the findings, drawn with the PDF module of src/pdf). report.xlsx
// is in xlsx.ts.
import fs from 'node:fs';
import { heading, keyValues, paragraph, title } from '../pdf/blocks.ts';
import { barChart } from '../pdf/chart.ts';
import { contentWidth, createPdf, ensureRoom, finishPdf } from '../pdf/document.ts';
import type { Pdf, PdfOptions } from '../pdf/document.ts';
import { heightOf } from '../pdf/fit.ts';
import { BOLD, REGULAR } from '../pdf/fonts.ts';
import { STYLE } from '../pdf/style.ts';
import { TextFile, readCsvRecords } from './files.ts';
import type { CsvFile } from './files.ts';
import { SHEETS, numericIndexes } from './sheets.ts';
import type { SheetName } from './sheets.ts';

export interface PackSummary {
  title: string;
  window: { start: string; end: string; label: string };
  asOf: string;
  orgId: string;
  rulePacks: { code: string; name: string; version: string | null; events: number }[];
  counts: Record<string, number>;
  funnel: { invited: number; accepted: number; attended: number };
  budget: { name: string; budget: number; actual: number; committed: number; currency: string }[];
  topHcps: { name: string; total: number; cap: number; currency: string }[];
  transfersByCurrency: Record<string, number>;
  findingsByRule: Record<string, number>;
  /** The first findings (rule, severity, event id, event, doctor id, doctor, amount, limit, message). */
  findings: string[][];
}

export function writeJsonReport(
  file: string,
  summary: PackSummary,
  tables: Readonly<Record<SheetName, CsvFile>>,
): void {
  const out = new TextFile(file);
  const { findings: _first, ...head } = summary;
  void _first;
  out.write(`{\n"summary": ${JSON.stringify(head)}`);
  for (const name of Object.keys(SHEETS) as SheetName[]) {
    const numeric = numericIndexes(name);
    out.write(`,\n${JSON.stringify(name)}: [`);
    let header: string[] | undefined;
    let first = true;
    for (const record of readCsvRecords(tables[name].path)) {
      if (!header) {
        header = record;
        continue;
      }
      const values = record.map((cell, i) => (cell === '' ? null : numeric.has(i) ? Number(cell) : cell));
      const object = Object.fromEntries((header as string[]).map((column, i) => [column, values[i] ?? null]));
      out.write(`${first ? '\n' : ',\n'}${JSON.stringify(object)}`);
      first = false;
    }
    out.write('\n]');
  }
  out.write('\n}\n');
  out.close();
}

const money = (amount: number, currency: string) => {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
  } catch {
    return `${amount.toFixed(0)} ${currency}`;
  }
};

function writeHeader(doc: Pdf, s: PackSummary): void {
  title(doc, s.title);
  const muted = { color: STYLE.muted };
  paragraph(doc, `Window ${s.window.start} to ${s.window.end} · judged as of ${s.asOf} · org ${s.orgId}`, muted);
  const packs = s.rulePacks.map((p) => `${p.code} ${p.version ?? ''} (${p.events} events)`).join(', ');
  paragraph(doc, `Rule packs: ${packs || 'none'}`, muted);
}

function headlineFigures(s: PackSummary): [string, string][] {
  return [
    ['Events', String(s.counts.events)],
    ['Attendance records', String(s.counts.attendance)],
    ['HCPs with value or attendance', String(s.counts.hcps)],
    ['Transfer-of-value lines', String(s.counts.transfersOfValue)],
    ...Object.entries(s.transfersByCurrency).map(([c, v]): [string, string] => [
      `Transfers of value (${c})`,
      money(v, c),
    ]),
    ['Findings (blocking)', `${s.counts.findings} (${s.counts.blockingFindings})`],
  ];
}

function budgetChart(doc: Pdf, s: PackSummary): void {
  heading(doc, 'Budget utilisation (actual + committed vs budget; top 15 events)');
  const budgets = s.budget
    .map((b) => ({ ...b, used: (b.actual + b.committed) / b.budget }))
    .sort((a, b) => b.used - a.used)
    .slice(0, 15);
  if (!budgets.length) return paragraph(doc, 'No events with a budget in this window.');
  barChart(
    doc,
    budgets.map((b) => ({ label: b.name, value: b.used * 100, note: `${Math.round(b.used * 100)}%` })),
    { max: Math.max(150, ...budgets.map((b) => b.used * 100)), marker: 100 },
  );
}

function funnelChart(doc: Pdf, s: PackSummary): void {
  heading(doc, 'Attendance funnel');
  const { invited, accepted, attended } = s.funnel;
  barChart(
    doc,
    [
      { label: 'Invited', value: invited, note: String(invited) },
      { label: 'Accepted', value: accepted, note: String(accepted) },
      { label: 'Attended', value: attended, note: String(attended) },
    ],
    { max: Math.max(1, invited) },
  );
}

function topHcpChart(doc: Pdf, s: PackSummary): void {
  heading(doc, 'Top HCP transfers of value vs annual cap');
  if (!s.topHcps.length) return paragraph(doc, 'No transfers of value against a cap in this window.');
  const share = (h: PackSummary['topHcps'][number]) => (h.total / h.cap) * 100;
  barChart(
    doc,
    s.topHcps.map((h) => ({ label: h.name, value: share(h), note: money(h.total, h.currency) })),
    { max: Math.max(120, ...s.topHcps.map(share)), marker: 100 },
  );
}

function findingsByRule(doc: Pdf, s: PackSummary): void {
  heading(doc, 'Findings by rule');
  const byRule = Object.entries(s.findingsByRule).sort((a, b) => b[1] - a[1]);
  if (!byRule.length) return paragraph(doc, 'No findings.');
  keyValues(
    doc,
    byRule.map(([rule, n]) => [rule, String(n)]),
    { labelWidth: 380 },
  );
}

/** One finding: severity and rule in its colour, then the event and doctor, then the message. */
function finding(doc: Pdf, f: readonly string[]): void {
  const width = contentWidth(doc);
  const rule = `${f[1].toUpperCase()} ${f[0]}`;
  const where = `  ${f[3]}${f[5] ? ` · ${f[5]}` : ''}`;
  // Measured in bold throughout (the wider face), so the finding is never split from its message.
  ensureRoom(doc, heightOf(doc.font(BOLD), rule + where, width) + heightOf(doc, f[8], width));
  doc
    .fillColor(f[1] === 'block' ? STYLE.alarm : STYLE.warning)
    .text(rule, doc.page.margins.left, doc.y, { width, continued: true });
  doc.font(REGULAR).fillColor(STYLE.ink).text(where);
  paragraph(doc, f[8]);
  doc.moveDown(0.3);
}

function findingsList(doc: Pdf, s: PackSummary): void {
  const first = s.counts.findings > s.findings.length;
  heading(doc, `Findings${first ? ` (first ${s.findings.length} of ${s.counts.findings}; all in findings.csv)` : ''}`);
  for (const f of s.findings) finding(doc, f);
}

/**
 * summary.pdf: headline figures, three charts and the findings, in the embedded Unicode font (so
 * ₹1,269,608 prints as such) with every label wrapped or cut to its column.
 */
export async function writePdf(file: string, s: PackSummary, options: PdfOptions = {}): Promise<void> {
  const doc = createPdf(
    { title: s.title, subject: `Org ${s.orgId}`, creationDate: new Date(`${s.asOf}T00:00:00Z`) },
    options,
  );
  writeHeader(doc, s);
  heading(doc, 'Headline figures');
  keyValues(doc, headlineFigures(s));
  budgetChart(doc, s);
  funnelChart(doc, s);
  topHcpChart(doc, s);
  findingsByRule(doc, s);
  findingsList(doc, s);
  await finishPdf(doc, fs.createWriteStream(file));
}
