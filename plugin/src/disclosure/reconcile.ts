// The reconciliation table: the disclosure's figures tied to the audit pack's transfer-of-value
// ledger for the same window, per currency and per expense category, to the cent.
//
// The ledger is what the audit pack's transfers.csv holds for the window: every Actual line (allocated
// to an HCP or not) of the standard's events that start in the window. The disclosure takes the lines
// of the standard's events dated in the period (Open Payments, EFPIA: by date of payment) or the
// events held in the period (UCPMP), so the two differ by named timing buckets; every line the
// disclosure takes then lands in exactly one bucket: disclosed, aggregate (EFPIA, no consent) or
// excluded with its reason. What is left over is a difference the command must explain or refuse.
import { formatMoney, fromCents, toCents } from '../domain/cmeDomain.ts';
import type { DocumentBlock } from './note.ts';
import type { ExclusionReason } from './types.ts';

/** Where a line of the disclosure went. */
export type DisclosureBucket = 'disclosed' | 'aggregate' | ExclusionReason;

/** Why a ledger line is not the disclosure's, or a disclosure line not the ledger's. */
export type TimingBucket =
  /** A line of a window event dated outside the period (paid the year before or after). */
  | 'dated-outside-period'
  /** A line dated in the period of an event that starts outside the window. */
  | 'event-outside-window'
  /** UCPMP: a window event that was not held (cancelled, or not yet held on the as-of day). */
  | 'event-not-held'
  /** EFPIA with --country: lines of recipients whose country was not asked for. */
  | 'country-not-asked';

export interface ReconciliationRow {
  currency: string;
  category: string;
  /** The audit pack's ledger for the window. */
  ledger: number;
  /** Ledger lines the disclosure does not take, and disclosure lines the ledger does not hold. */
  timing: Partial<Record<TimingBucket, number>>;
  /** Where the disclosure's lines went. */
  buckets: Partial<Record<DisclosureBucket, number>>;
  /** ledger − ledger-only timing + disclosure-only timing − every bucket: 0 when it reconciles. */
  difference: number;
}

/** Timing buckets that hold ledger lines the disclosure does not take (subtracted from the ledger). */
const LEDGER_ONLY: ReadonlySet<TimingBucket> = new Set<TimingBucket>([
  'dated-outside-period',
  'event-not-held',
  'country-not-asked',
]);

interface Cell {
  ledger: number;
  timing: Map<TimingBucket, number>;
  buckets: Map<DisclosureBucket, number>;
}

/** Adds up both sides in whole cents; rows() gives the table. */
export class Reconciliation {
  private readonly cells = new Map<string, Map<string, Cell>>();

  /** A ledger line (the audit pack's side). */
  public ledger(currency: string, category: string, amount: number): void {
    this.cell(currency, category).ledger += toCents(amount);
  }

  /** A line on one side only, and why. */
  public timing(currency: string, category: string, bucket: TimingBucket, amount: number): void {
    add(this.cell(currency, category).timing, bucket, toCents(amount));
  }

  /** Where one of the disclosure's lines went. */
  public bucket(currency: string, category: string, bucket: DisclosureBucket, amount: number): void {
    add(this.cell(currency, category).buckets, bucket, toCents(amount));
  }

  /** One row per currency and category, sorted by both. */
  public rows(): ReconciliationRow[] {
    const rows: ReconciliationRow[] = [];
    for (const currency of [...this.cells.keys()].sort())
      for (const [category, cell] of [...(this.cells.get(currency) ?? [])].sort(([a], [b]) => (a < b ? -1 : 1))) {
        let expected = cell.ledger;
        for (const [bucket, cents] of cell.timing) expected += LEDGER_ONLY.has(bucket) ? -cents : cents;
        for (const cents of cell.buckets.values()) expected -= cents;
        rows.push({
          currency,
          category,
          ledger: fromCents(cell.ledger),
          timing: amounts(cell.timing),
          buckets: amounts(cell.buckets),
          difference: fromCents(expected),
        });
      }
    return rows;
  }

  private cell(currency: string, category: string): Cell {
    let byCategory = this.cells.get(currency);
    if (!byCategory) {
      byCategory = new Map();
      this.cells.set(currency, byCategory);
    }
    let cell = byCategory.get(category);
    if (!cell) {
      cell = { ledger: 0, timing: new Map(), buckets: new Map() };
      byCategory.set(category, cell);
    }
    return cell;
  }
}

function add<K>(totals: Map<K, number>, key: K, cents: number): void {
  totals.set(key, (totals.get(key) ?? 0) + cents);
}

function amounts<K extends string>(cents: ReadonlyMap<K, number>): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  for (const [key, value] of [...cents].sort(([a], [b]) => (a < b ? -1 : 1))) out[key] = fromCents(value);
  return out;
}

/** The rows that do not reconcile, in words, for the command's error and the PDF. */
export function unreconciled(rows: readonly ReconciliationRow[]): string[] {
  return rows
    .filter((r) => r.difference !== 0)
    .map(
      (r) =>
        `${r.currency} ${r.category}: ${r.difference} of the ledger's ${r.ledger} is in no bucket of the disclosure (a positive difference: lines lost; negative: lines counted twice).`,
    );
}

/** The reconciliation as a document's heading, paragraph and table (summary, note, declaration). */
export function reconciliationBlock(rows: readonly ReconciliationRow[]): DocumentBlock[] {
  const sum = (values: Partial<Record<string, number>>, keep: (key: string) => boolean) =>
    fromCents(
      Object.entries(values)
        .filter(([key]) => keep(key))
        .reduce((n, [, v]) => n + toCents(v ?? 0), 0),
    );
  return [
    { kind: 'heading', text: "Reconciliation with the audit pack's ledger" },
    {
      kind: 'paragraph',
      text:
        "The ledger is every Actual line of the standard's events that start in the period, as the audit pack's transfers-of-value table holds it. " +
        'Timing lines are those on one side only (paid outside the period, events outside it, events not held, countries not asked for); ' +
        'every other line is disclosed, aggregated or excluded with its reason (reconciliation.csv has each bucket). The difference must be 0.',
    },
    {
      kind: 'table',
      columns: [
        { header: 'Currency' },
        { header: 'Category' },
        { header: 'Ledger', align: 'right' },
        { header: 'Timing (net)', align: 'right' },
        { header: 'Disclosed', align: 'right' },
        { header: 'Aggregate', align: 'right' },
        { header: 'Excluded', align: 'right' },
        { header: 'Difference', align: 'right' },
      ],
      rows: rows.map((r) => {
        const money = (amount: number) => formatMoney(amount, r.currency);
        const timing = fromCents(
          Object.entries(r.timing).reduce(
            (n, [key, v]) => n + (LEDGER_ONLY.has(key as TimingBucket) ? -1 : 1) * toCents(v ?? 0),
            0,
          ),
        );
        return [
          r.currency,
          r.category,
          money(r.ledger),
          money(timing),
          money(r.buckets.disclosed ?? 0),
          money(r.buckets.aggregate ?? 0),
          money(sum(r.buckets, (key) => key !== 'disclosed' && key !== 'aggregate')),
          money(r.difference),
        ];
      }),
    },
  ];
}
