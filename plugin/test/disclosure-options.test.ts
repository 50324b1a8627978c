// The disclosure's flags (period per standard, countries, formats) and its reconciliation arithmetic.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Reconciliation, unreconciled } from '../src/disclosure/reconcile.ts';
import { disclosurePeriod, lastEndedYear, resolveDisclosureFlags } from '../src/schema/disclosureOptions.ts';
import type { DisclosureFlags } from '../src/schema/disclosureOptions.ts';

const flags = (extra: Partial<DisclosureFlags>): DisclosureFlags => ({
  standard: 'open-payments',
  asOf: '2026-03-10',
  formats: ['csv', 'xlsx', 'pdf'],
  ...extra,
});

describe('disclosure flags', () => {
  it('names each standard’s period by its own kind of year', () => {
    assert.deepEqual(disclosurePeriod('open-payments', 2025), {
      start: '2025-01-01',
      end: '2025-12-31',
      label: 'PY2025',
      year: 2025,
    });
    assert.deepEqual(disclosurePeriod('efpia', 2025), {
      start: '2025-01-01',
      end: '2025-12-31',
      label: '2025',
      year: 2025,
    });
    assert.deepEqual(disclosurePeriod('ucpmp', 2025), {
      start: '2025-04-01',
      end: '2026-03-31',
      label: 'FY2025-26',
      year: 2025,
    });
    assert.equal(disclosurePeriod('ucpmp', 2099).label, 'FY2099-00');
  });

  it('defaults to the last period that has ended', () => {
    assert.equal(lastEndedYear('open-payments', '2026-03-10'), 2025);
    assert.equal(lastEndedYear('efpia', '2026-01-01'), 2025);
    // UCPMP: FY2025-26 ends on 31 March 2026.
    assert.equal(lastEndedYear('ucpmp', '2026-03-31'), 2024);
    assert.equal(lastEndedYear('ucpmp', '2026-04-01'), 2025);
    const resolved = resolveDisclosureFlags(flags({ standard: 'ucpmp', asOf: '2026-06-30' }));
    assert.ok(!('problems' in resolved));
    assert.equal(resolved.period.label, 'FY2025-26');
  });

  it('takes a year, countries in upper case once each, and the formats', () => {
    const resolved = resolveDisclosureFlags(
      flags({ standard: 'efpia', year: 2024, countries: ['de', 'FR', 'DE'], formats: ['csv', 'csv'] }),
    );
    assert.ok(!('problems' in resolved));
    assert.equal(resolved.period.label, '2024');
    assert.deepEqual(resolved.countries, ['DE', 'FR']);
    assert.deepEqual(resolved.formats, ['csv']);
  });

  it('lists every problem at once', () => {
    const resolved = resolveDisclosureFlags(
      flags({ standard: 'open-payments', fiscalYear: 2025, countries: ['Germany'], formats: ['docx'] }),
    );
    assert.ok('problems' in resolved);
    assert.equal(resolved.problems.length, 4, resolved.problems.join('\n'));
    assert.ok(resolved.problems.some((p) => p.startsWith('countries.0: a country is its ISO 3166-1 alpha-2 code')));
    assert.ok(resolved.problems.some((p) => p.startsWith('formats.0:')));
    assert.ok(resolved.problems.some((p) => p.startsWith('fiscal-year: open-payments reports a calendar year')));
    assert.ok(resolved.problems.some((p) => p.startsWith('country: --country goes with --standard efpia')));
  });

  it('refuses an unknown standard, UCPMP with --year, and no format', () => {
    const unknown = resolveDisclosureFlags(flags({ standard: 'sunshine' }));
    assert.ok('problems' in unknown && unknown.problems[0].startsWith('standard:'));
    const ucpmp = resolveDisclosureFlags(flags({ standard: 'ucpmp', year: 2025 }));
    assert.ok('problems' in ucpmp && ucpmp.problems[0].startsWith('year: UCPMP reports a financial year'));
    const none = resolveDisclosureFlags(flags({ formats: [] }));
    assert.ok('problems' in none && none.problems[0] === 'formats: choose at least one format');
  });
});

describe('the reconciliation', () => {
  it('ties the disclosure to the ledger through its timing lines and buckets, to the cent', () => {
    const r = new Reconciliation();
    // Ledger: three lines of window events.
    r.ledger('USD', 'Food and Beverage', 10.1);
    r.ledger('USD', 'Food and Beverage', 20.2);
    r.ledger('USD', 'Food and Beverage', 0.7);
    // One was paid the next year; one line of an event outside the window was paid in the period.
    r.timing('USD', 'Food and Beverage', 'dated-outside-period', 0.7);
    r.timing('USD', 'Food and Beverage', 'event-outside-window', 5);
    r.bucket('USD', 'Food and Beverage', 'disclosed', 20.2);
    r.bucket('USD', 'Food and Beverage', 'below-threshold', 10.1);
    r.bucket('USD', 'Food and Beverage', 'disclosed', 5);
    const [row] = r.rows();
    assert.deepEqual(row, {
      currency: 'USD',
      category: 'Food and Beverage',
      ledger: 31,
      timing: { 'dated-outside-period': 0.7, 'event-outside-window': 5 },
      buckets: { 'below-threshold': 10.1, disclosed: 25.2 },
      difference: 0,
    });
    assert.deepEqual(unreconciled(r.rows()), []);
  });

  it('says which currency and category lost or doubled a line', () => {
    const r = new Reconciliation();
    r.ledger('EUR', 'Travel and Lodging', 100);
    r.bucket('EUR', 'Travel and Lodging', 'disclosed', 99.99);
    r.ledger('INR', 'Venue', 50);
    r.timing('INR', 'Venue', 'event-not-held', 50);
    r.bucket('INR', 'Venue', 'disclosed', 50);
    const rows = r.rows();
    assert.deepEqual(
      rows.map((x) => [x.currency, x.category, x.difference]),
      [
        ['EUR', 'Travel and Lodging', 0.01],
        ['INR', 'Venue', -50],
      ],
    );
    const lost = unreconciled(rows);
    assert.equal(lost.length, 2);
    assert.match(lost[0], /^EUR Travel and Lodging: 0\.01 of the ledger's 100 is in no bucket/);
  });
});
