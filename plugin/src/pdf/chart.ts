// A horizontal bar chart: one row per bar with its label, the bar scaled to `max`, an optional marker
// (a limit: bars past it are red) and a note (the figure). Labels and notes are cut with "…" to their
// column, so a long event or doctor name never runs into its bar.
import { contentWidth, ensureRoom } from './document.ts';
import type { Pdf } from './document.ts';
import { fitToLines, lineHeight } from './fit.ts';
import { bodyFont } from './blocks.ts';
import { STYLE } from './style.ts';

export interface Bar {
  label: string;
  value: number;
  note: string;
}

export interface BarChartOptions {
  /** The value of a full-width bar. */
  max: number;
  /** Where the limit line is drawn; a bar over it is coloured as an alarm. */
  marker?: number;
}

const LABEL_WIDTH = 160;
const NOTE_WIDTH = 90;
const GAP = 4;
const BAR_HEIGHT = 9;
const ROW_HEIGHT = 14;

function drawMarker(doc: Pdf, x: number, y: number): void {
  doc
    .moveTo(x, y - 2)
    .lineTo(x, y + BAR_HEIGHT + 2)
    .lineWidth(1)
    .stroke(STYLE.ink);
}

function drawBar(doc: Pdf, bar: Bar, options: BarChartOptions): void {
  const left = doc.page.margins.left;
  const barLeft = left + LABEL_WIDTH + GAP;
  const barWidth = contentWidth(doc) - LABEL_WIDTH - NOTE_WIDTH - 2 * GAP;
  const y = doc.y;
  const oneLine = { width: LABEL_WIDTH, lineBreak: false } as const;
  bodyFont(doc).text(fitToLines(doc, bar.label, LABEL_WIDTH, 1), left, y, oneLine);
  const share = Math.max(0, Math.min(1, bar.value / options.max));
  const over = options.marker !== undefined && bar.value > options.marker;
  doc.rect(barLeft, y, Math.max(1, share * barWidth), BAR_HEIGHT).fill(over ? STYLE.alarm : STYLE.bar);
  if (options.marker !== undefined) drawMarker(doc, barLeft + (options.marker / options.max) * barWidth, y);
  const noteX = barLeft + barWidth + GAP;
  bodyFont(doc).text(fitToLines(doc, bar.note, NOTE_WIDTH, 1), noteX, y, { width: NOTE_WIDTH, lineBreak: false });
  doc.x = left;
  doc.y = y + Math.max(ROW_HEIGHT, lineHeight(doc) + 2);
}

export function barChart(doc: Pdf, bars: readonly Bar[], options: BarChartOptions): void {
  for (const bar of bars) {
    ensureRoom(doc, ROW_HEIGHT + 2);
    drawBar(doc, bar, options);
  }
  bodyFont(doc);
}
