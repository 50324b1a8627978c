// The audit pack's other forms, made from its CSV tables: report.json (streamed) and summary.pdf
// (pdfkit: headline figures, three charts and the findings). report.xlsx is in xlsx.ts.
import fs from 'node:fs';
import PDFDocument from 'pdfkit';
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

export async function writePdf(file: string, s: PackSummary): Promise<void> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    info: {
      Title: s.title,
      Author: 'CME Manager',
      Subject: `Org ${s.orgId}`,
      CreationDate: new Date(`${s.asOf}T00:00:00Z`),
    },
  });
  const done = new Promise<void>((resolve, reject) => {
    const stream = fs.createWriteStream(file);
    stream.on('finish', resolve);
    stream.on('error', reject);
    doc.on('error', reject);
    doc.pipe(stream);
  });
  const width = doc.page.width - 96;
  const heading = (text: string) => {
    if (doc.y > doc.page.height - 160) doc.addPage();
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).fillColor('#032d60').text(text).moveDown(0.3);
    doc.font('Helvetica').fontSize(9).fillColor('#181818');
  };

  doc.font('Helvetica-Bold').fontSize(18).fillColor('#032d60').text(s.title);
  doc.font('Helvetica').fontSize(9).fillColor('#444444');
  doc.text(`Window ${s.window.start} to ${s.window.end} · judged as of ${s.asOf} · org ${s.orgId}`);
  doc.text(
    `Rule packs: ${s.rulePacks.map((p) => `${p.code} ${p.version ?? ''} (${p.events} events)`).join(', ') || 'none'}`,
  );

  heading('Headline figures');
  const figures: [string, string][] = [
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
  for (const [label, value] of figures) {
    const y = doc.y;
    doc.text(label, 48, y, { width: 220 });
    doc.font('Helvetica-Bold').text(value, 280, y, { width: 200 }).font('Helvetica');
  }

  const bars = (rows: { label: string; value: number; note: string }[], max: number, marker?: number) => {
    for (const row of rows) {
      if (doc.y > doc.page.height - 70) doc.addPage();
      const y = doc.y;
      const barWidth = width - 260;
      doc.fillColor('#181818').text(row.label.slice(0, 38), 48, y, { width: 160, lineBreak: false });
      const w = Math.max(1, Math.min(1, row.value / max) * barWidth);
      doc.rect(212, y, w, 9).fill(row.value > (marker ?? Infinity) ? '#ba0517' : '#0176d3');
      if (marker !== undefined) {
        const x = 212 + (marker / max) * barWidth;
        doc
          .moveTo(x, y - 2)
          .lineTo(x, y + 11)
          .lineWidth(1)
          .stroke('#181818');
      }
      doc.fillColor('#181818').text(row.note, 212 + barWidth + 6, y, { width: 90, lineBreak: false });
      doc.y = y + 14;
    }
    doc.x = 48;
  };

  heading('Budget utilisation (actual + committed vs budget; top 15 events)');
  const budgets = s.budget
    .map((b) => ({ ...b, used: (b.actual + b.committed) / b.budget }))
    .sort((a, b) => b.used - a.used)
    .slice(0, 15);
  if (budgets.length)
    bars(
      budgets.map((b) => ({ label: b.name, value: b.used * 100, note: `${Math.round(b.used * 100)}%` })),
      Math.max(150, ...budgets.map((b) => b.used * 100)),
      100,
    );
  else doc.text('No events with a budget in this window.');

  heading('Attendance funnel');
  const top = Math.max(1, s.funnel.invited);
  bars(
    [
      { label: 'Invited', value: s.funnel.invited, note: String(s.funnel.invited) },
      { label: 'Accepted', value: s.funnel.accepted, note: String(s.funnel.accepted) },
      { label: 'Attended', value: s.funnel.attended, note: String(s.funnel.attended) },
    ],
    top,
  );

  heading('Top HCP transfers of value vs annual cap');
  if (s.topHcps.length)
    bars(
      s.topHcps.map((h) => ({ label: h.name, value: (h.total / h.cap) * 100, note: `${money(h.total, h.currency)}` })),
      Math.max(120, ...s.topHcps.map((h) => (h.total / h.cap) * 100)),
      100,
    );
  else doc.text('No transfers of value against a cap in this window.');

  heading('Findings by rule');
  const byRule = Object.entries(s.findingsByRule).sort((a, b) => b[1] - a[1]);
  if (!byRule.length) doc.text('No findings.');
  for (const [rule, n] of byRule) doc.text(`${rule}: ${n}`);

  heading(
    `Findings${s.counts.findings > s.findings.length ? ` (first ${s.findings.length} of ${s.counts.findings}; all in findings.csv)` : ''}`,
  );
  for (const f of s.findings) {
    if (doc.y > doc.page.height - 80) doc.addPage();
    doc
      .font('Helvetica-Bold')
      .fillColor(f[1] === 'block' ? '#ba0517' : '#8c4b02')
      .text(`${f[1].toUpperCase()} ${f[0]}`, { continued: true });
    doc
      .font('Helvetica')
      .fillColor('#181818')
      .text(`  ${f[3]}${f[5] ? ` · ${f[5]}` : ''}`);
    doc.text(f[8], { width }).moveDown(0.3);
  }
  doc.end();
  await done;
}
