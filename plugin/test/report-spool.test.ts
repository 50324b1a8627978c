// The report's scratch spool: rows kept by event and HCP come back whole, in the order they were
// added, whether the table keeps them as arrays of values (a shape) or as JSON; findings come back in
// rank order.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Spool } from '../src/report/spool.ts';

const FIELDS = ['Id', 'Event__c', 'Doctor__c', 'Status__c', 'Speaking_Hours__c', 'Walk_In__c'];

describe('report spool', () => {
  it('gives back each event’s and each HCP’s rows as they were added, with every field', async () => {
    const spool = await Spool.open();
    try {
      spool.shape('invitation', FIELDS);
      const rows = [
        { Id: 'i1', Event__c: 'e1', Doctor__c: 'd1', Status__c: 'Accepted', Speaking_Hours__c: 1.5, Walk_In__c: true },
        {
          Id: 'i2',
          Event__c: 'e2',
          Doctor__c: 'd1',
          Status__c: 'Declined, late',
          Speaking_Hours__c: null,
          Walk_In__c: false,
        },
        { Id: 'i3', Event__c: 'e1', Doctor__c: null, Status__c: 'say "hi"', Speaking_Hours__c: 0, Walk_In__c: null },
        { Id: 'i4', Event__c: 'e1', Doctor__c: 'd2', Status__c: undefined, Speaking_Hours__c: -2, Walk_In__c: false },
      ];
      spool.add(
        'invitation',
        rows.slice(0, 2).map((r) => ({ event: r.Event__c, doctor: r.Doctor__c, value: r })),
      );
      spool.add(
        'invitation',
        rows.slice(2).map((r) => ({ event: r.Event__c, doctor: r.Doctor__c, value: r })),
      );
      spool.index();
      const expected = (ids: string[]) =>
        rows.filter((r) => ids.includes(r.Id)).map((r) => ({ ...r, Status__c: r.Status__c ?? null }));
      assert.deepEqual(spool.rowsOf('invitation', 'event', ['e1']), expected(['i1', 'i3', 'i4']));
      assert.deepEqual(spool.rowsOf('invitation', 'doctor', ['d1', 'd2']), expected(['i1', 'i2', 'i4']));
      assert.deepEqual(
        Object.keys(spool.rowsOf<object>('invitation', 'event', ['e2'])[0]),
        FIELDS,
        'an undefined field comes back as null, under its own key, in field order',
      );
      assert.deepEqual(spool.rowsOf('invitation', 'event', ['nope']), []);
      assert.deepEqual(spool.doctorIds(), ['d1', 'd2']);
      assert.equal(spool.count('invitation'), 4);
    } finally {
      spool.close();
    }
  });

  it('reads 1,200 events at once (more ids than one query takes) and keeps tables without a shape as JSON', async () => {
    const spool = await Spool.open();
    try {
      const allocations = Array.from({ length: 1_200 }, (_, i) => ({
        eventId: `e${i}`,
        doctorId: `d${i % 7}`,
        amount: i / 4,
        extra: { nested: [i] },
      }));
      spool.add(
        'tov',
        allocations.map((a) => ({ event: a.eventId, doctor: a.doctorId, value: a })),
      );
      const ids = allocations.map((a) => a.eventId).reverse();
      assert.deepEqual(
        spool.rowsOf('tov', 'doctor', ['d3']),
        allocations.filter((a) => a.doctorId === 'd3'),
      );
      assert.equal(spool.rowsOf('tov', 'event', ids).length, 1_200);
    } finally {
      spool.close();
    }
  });

  it('gives back several HCPs’ rows in the order they were added, not grouped by HCP, and takes no rows after', async () => {
    const spool = await Spool.open();
    try {
      const rows = ['d2', 'd1', null, 'd3', 'd2', 'd1', 'd3'].map((doctor, i) => ({ i, doctor }));
      spool.add(
        'tov',
        rows.map((r) => ({ event: 'e', doctor: r.doctor, value: r })),
      );
      assert.deepEqual(
        spool.rowsOf<{ i: number }>('tov', 'doctor', ['d1', 'd2']).map((r) => r.i),
        [0, 1, 4, 5],
      );
      assert.deepEqual(
        spool.rowsOf<{ i: number }>('tov', 'doctor', ['d3']).map((r) => r.i),
        [3, 6],
      );
      assert.throws(
        () => spool.add('tov', [{ event: 'e', doctor: 'd1', value: {} }]),
        /The tov rows were looked up by HCP: none may be added/,
      );
    } finally {
      spool.close();
    }
  });

  it('scans findings in rank order, then in the order they were added', async () => {
    const spool = await Spool.open();
    const add = (rank: string, value: unknown[]) => spool.add('finding', [{ rank, event: 'e', doctor: null, value }]);
    add('1|b', ['warn later']);
    add('0|z', ['block']);
    add('1|a', ['warn first']);
    add('1|b', ['warn later, second']);
    try {
      assert.deepEqual(
        [...spool.scan<unknown[]>('finding')],
        [['block'], ['warn first'], ['warn later'], ['warn later, second']],
      );
    } finally {
      spool.close();
    }
  });
});

describe('report spool: fields kept once per combination', () => {
  it('gives back rows whole, in field order, with their shared values, however many rows share them', async () => {
    const spool = await Spool.open();
    try {
      const fields = ['eventId', 'expenseId', 'doctorId', 'category', 'amount', 'paymentDate', 'faculty'];
      spool.shape(
        'tov',
        fields,
        fields.filter((f) => f !== 'doctorId' && f !== 'amount'),
      );
      const rows = Array.from({ length: 60 }, (_, i) => ({
        eventId: `e${i % 3}`,
        expenseId: `x${i % 6}`,
        doctorId: `d${i % 11}`,
        category: i % 2 ? 'Travel' : 'Food and "Beverage"',
        amount: i / 8,
        paymentDate: i % 4 ? '2025-03-01' : undefined,
        faculty: i % 5 === 0,
      }));
      spool.add(
        'tov',
        rows.map((r) => ({ event: r.eventId, doctor: r.doctorId, value: r })),
      );
      const asStored = (r: (typeof rows)[number]) => ({ ...r, paymentDate: r.paymentDate ?? null });
      const back = spool.rowsOf<Record<string, unknown>>('tov', 'event', ['e0', 'e1', 'e2']);
      assert.deepEqual(back, rows.map(asStored));
      assert.deepEqual(Object.keys(back[7]), fields);
      assert.deepEqual(spool.rowsOf('tov', 'doctor', ['d4']), rows.filter((r) => r.doctorId === 'd4').map(asStored));
      assert.deepEqual([...spool.scan('tov')], rows.map(asStored));
    } finally {
      spool.close();
    }
  });
});
