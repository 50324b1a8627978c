// DateTime values in one form whichever API read them: the REST form (+0000), the Bulk CSV form (Z)
// and other ISO 8601 offsets all become ISO 8601 UTC with milliseconds and Z; anything else is refused
// with the field and the value named.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FieldValueError, canonicalDateTime } from '../src/org/datetime.ts';
import { restRowReader, typedCell } from '../src/org/query.ts';
import type { FieldKinds } from '../src/org/query.ts';

const flattenRestRecord = (record: Record<string, unknown>, fields: FieldKinds, object?: string) =>
  restRowReader(fields, object)(record);

const FIELD = 'CME_Event__c.Start__c';
const canonical = (value: unknown) => canonicalDateTime(value, FIELD);

describe('canonicalDateTime', () => {
  // Each group: what canonicalDateTime reads, and the one form it writes.
  const accepted: [title: string, cases: [read: string, written: string][]][] = [
    [
      'writes the REST form and the Bulk CSV form of one instant the same way',
      [
        ['2026-03-14T04:00:00.000+0000', '2026-03-14T04:00:00.000Z'],
        ['2026-03-14T04:00:00.000Z', '2026-03-14T04:00:00.000Z'],
        ['2026-03-14T04:00:00.000+00:00', '2026-03-14T04:00:00.000Z'],
        ['2026-03-14T04:00:00.000-0000', '2026-03-14T04:00:00.000Z'],
      ],
    ],
    [
      'converts offsets to UTC, across midnight and month ends',
      [
        ['2026-03-14T09:30:00.000+05:30', '2026-03-14T04:00:00.000Z'],
        ['2026-03-14T09:30:00.000+0530', '2026-03-14T04:00:00.000Z'],
        ['2026-03-13T20:00:00.000-08:00', '2026-03-14T04:00:00.000Z'],
        ['2026-03-01T02:00:00.000+05:30', '2026-02-28T20:30:00.000Z'],
        ['2026-12-31T23:30:00.000-01:00', '2027-01-01T00:30:00.000Z'],
      ],
    ],
    [
      'fills in missing or short milliseconds',
      [
        ['2026-03-14T04:00:00Z', '2026-03-14T04:00:00.000Z'],
        ['2026-03-14T04:00:00+0000', '2026-03-14T04:00:00.000Z'],
        ['2026-03-14T04:00:00.5Z', '2026-03-14T04:00:00.500Z'],
        ['2026-03-14T04:00:00.12+00:00', '2026-03-14T04:00:00.120Z'],
      ],
    ],
    [
      'keeps leap days and early years as they are',
      [
        ['2028-02-29T12:00:00.000+0000', '2028-02-29T12:00:00.000Z'],
        // Date.UTC would read year 50 as 1950.
        ['0050-06-01T00:00:00.000Z', '0050-06-01T00:00:00.000Z'],
      ],
    ],
  ];
  for (const [title, cases] of accepted)
    it(title, () => {
      for (const [read, written] of cases) assert.equal(canonical(read), written, read);
    });

  it('refuses what is not a datetime, naming the field and the value', () => {
    for (const value of [
      '2026-03-14', // a Date field's value
      '2026-03-14T04:00:00.000', // no offset: a local time of unknown zone
      '2026-03-14T04:00', // no seconds
      '2026-03-14 04:00:00Z',
      '14/03/2026 04:00',
      '2026-02-30T04:00:00Z',
      '2027-02-29T04:00:00Z',
      '2026-13-01T04:00:00Z',
      '2026-03-14T24:00:00Z',
      '2026-03-14T04:60:00Z',
      '2026-03-14T04:00:60Z',
      '2026-03-14T04:00:00.0001Z',
      '2026-03-14T04:00:00+05',
      '2026-03-14T04:00:00+05:60',
      '0000-01-01T00:00:00.000+01:00', // before year 0
      'not a date',
      '',
      1773460800000,
      true,
    ]) {
      assert.throws(
        () => canonical(value),
        (error: unknown) => {
          assert.ok(error instanceof FieldValueError, String(value));
          assert.equal(error.field, FIELD);
          assert.equal(error.value, value);
          assert.ok(error.message.includes(FIELD) && error.message.includes(JSON.stringify(value)), error.message);
          assert.match(error.message, /not a datetime/);
          return true;
        },
      );
    }
  });
});

describe('datetime fields read by REST and by Bulk API 2.0', () => {
  const fields = { Id: 'string', Start__c: 'datetime', 'Event__r.Start__c': 'datetime' } as const;

  it('give the same value from a REST record (+0000) and from Bulk CSV cells (Z, +05:30)', () => {
    const rest = flattenRestRecord(
      { Id: 'a01', Start__c: '2026-03-14T04:00:00.000+0000', Event__r: { Start__c: '2026-03-14T04:00:00.000+0000' } },
      fields,
      'CME_Attendance__c',
    );
    assert.deepEqual(rest, {
      Id: 'a01',
      Start__c: '2026-03-14T04:00:00.000Z',
      'Event__r.Start__c': '2026-03-14T04:00:00.000Z',
    });
    for (const cell of ['2026-03-14T04:00:00.000Z', '2026-03-14T09:30:00+05:30'])
      assert.equal(typedCell(cell, 'datetime', 'CME_Attendance__c.Start__c'), rest.Start__c, cell);
  });

  it('leave blank values null on both paths', () => {
    assert.deepEqual(flattenRestRecord({ Id: 'a01', Start__c: null, Event__r: null }, fields), {
      Id: 'a01',
      Start__c: null,
      'Event__r.Start__c': null,
    });
    assert.equal(typedCell('', 'datetime', 'CME_Attendance__c.Start__c'), null);
  });

  it('refuse a value that is not a datetime on both paths, naming object and field', () => {
    assert.throws(
      () => flattenRestRecord({ Id: 'a01', Start__c: '2026-03-14' }, fields, 'CME_Event__c'),
      /CME_Event__c\.Start__c holds "2026-03-14", which is not a datetime/,
    );
    assert.throws(
      () => typedCell('yesterday', 'datetime', 'CME_Event__c.Start__c'),
      /CME_Event__c\.Start__c holds "yesterday", which is not a datetime/,
    );
  });
});
