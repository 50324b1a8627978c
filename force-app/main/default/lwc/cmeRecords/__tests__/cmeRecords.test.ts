import {
  complianceInputFrom,
  connectionOf,
  refreshAfterWrite,
  displayOf,
  mergeByKey,
  mergeComplianceInputs,
  nodesOf,
  plainRecord,
  recordsOf,
  rulePackFor,
  rulePacksFrom,
  todayIso,
  totalCountOf,
} from 'c/cmeRecords';
import data from './data/eventCompliance.json';

describe('c/cmeRecords', () => {
  it('flattens field values, parent nodes and child connections', () => {
    const [contact] = nodesOf(data, 'Contact');
    expect(plainRecord(contact)).toEqual({
      Id: '003000000000001AAA',
      Name: 'Dr Asha Rao',
      CME_Specialty__c: 'Cardiology',
      Tasks: [{ Id: '00T000000000001AAA', Subject: 'Send slides' }],
    });
    const [invitation] = recordsOf<{ Doctor__r: { Name: string } }>(data, 'CME_Invitation__c');
    expect(invitation.Doctor__r.Name).toBe('Dr Asha Rao');
    expect(plainRecord(undefined)).toEqual({});
  });

  it('reads display values, falling back to the value', () => {
    const [event] = nodesOf(data, 'CME_Event__c');
    expect(displayOf(event, 'Budget__c')).toBe('₹2,50,000.00');
    expect(displayOf(event, 'Name')).toBe('Heart Failure Update');
    expect(displayOf(event, 'Missing__c')).toBe('');
    expect(displayOf({ X: { value: null } }, 'X')).toBe('');
  });

  it('finds connections and counts, and is empty for objects not queried', () => {
    expect(totalCountOf(data, 'CME_Event__c')).toBe(1);
    expect(totalCountOf(data, 'CME_Expense__c')).toBe(0);
    expect(connectionOf(undefined, 'Contact')).toBeUndefined();
    expect(recordsOf(data, 'CME_Expense__c')).toEqual([]);
  });

  it('builds the domain input from one result', () => {
    const input = complianceInputFrom(data);
    expect(input.events).toHaveLength(1);
    expect(input.events[0]).toMatchObject({ Id: 'a01000000000001AAA', Status__c: 'Approved', Budget__c: 250000 });
    expect(input.invitations![0]).toMatchObject({ Event__c: 'a01000000000001AAA', Status__c: 'Accepted' });
    expect(input.attendance).toEqual([]);
    expect(input.doctors![0].CME_Specialty__c).toBe('Cardiology');
  });

  it('merges inputs by record id, the later copy winning', () => {
    const a = complianceInputFrom(data);
    const b = { events: [{ Id: 'a01000000000001AAA', Status__c: 'Completed' as const }, { Id: 'a01000000000002AAA' }] };
    const merged = mergeComplianceInputs(a, b);
    expect(merged.events.map((e) => [e.Id, e.Status__c])).toEqual([
      ['a01000000000001AAA', 'Completed'],
      ['a01000000000002AAA', undefined],
    ]);
    expect(merged.invitations).toHaveLength(1);
    expect(merged.expenses).toEqual([]);
  });

  it('merges pages by key in first-seen order, a later copy replacing the earlier in place', () => {
    const first = [
      { id: 'a', v: 1 },
      { id: 'b', v: 1 },
    ];
    const merged = mergeByKey(
      (r) => r.id,
      first,
      [
        { id: 'c', v: 2 },
        { id: 'a', v: 2 },
      ],
      undefined,
    );
    expect(merged).toEqual([
      { id: 'a', v: 2 },
      { id: 'b', v: 1 },
      { id: 'c', v: 2 },
    ]);
    expect(merged).not.toBe(first);
    expect(mergeByKey((r: { id: string }) => r.id)).toEqual([]);
  });

  it('parses rule packs with their rules and picks the one an event names', () => {
    const packs = rulePacksFrom(data);
    expect(packs.map((p) => p.code)).toEqual(['IN-UCPMP-2024', 'EU-EFPIA']);
    const india = packs[0];
    expect(india.currencyCode).toBe('INR');
    expect(india.rules.HCP_ANNUAL_CAP).toMatchObject({ severity: 'Block', limit: 100000, warnPercent: 80 });
    expect(india.rules.MEAL_CAP.severity).toBe('Off');

    expect(rulePackFor({ Rule_Pack__c: 'a05000000000002AAA' }, packs)?.code).toBe('EU-EFPIA');
    // Several packs and none named: no guess.
    expect(rulePackFor({ Rule_Pack__c: null }, packs)).toBeUndefined();
    expect(rulePackFor({ Rule_Pack__c: 'a05000000000009AAA' }, [india])?.code).toBe('IN-UCPMP-2024');
    expect(rulePackFor(undefined, [])).toBeUndefined();
  });

  it('gives today in UTC', () => {
    expect(todayIso(new Date('2026-11-24T23:30:00-05:00'))).toBe('2026-11-25');
  });
});

describe('refreshAfterWrite', () => {
  it('refreshes the wire and notifies the records written, skipping missing ids', async () => {
    const refresh = jest.fn(() => Promise.resolve());
    const notify = jest.fn(() => Promise.resolve());
    await refreshAfterWrite(refresh, ['a01', undefined, null, 'a02'], notify);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(notify).toHaveBeenCalledWith([{ recordId: 'a01' }, { recordId: 'a02' }]);
  });

  it('notifies nothing without ids, works before the wire has a refresh, and drops a failed reload', async () => {
    const notify = jest.fn(() => Promise.reject(new Error('offline')));
    await expect(refreshAfterWrite(undefined, [undefined], notify)).resolves.toBeUndefined();
    expect(notify).not.toHaveBeenCalled();
    await expect(refreshAfterWrite(() => Promise.reject(new Error('x')), ['a01'], notify)).resolves.toBeUndefined();
    expect(notify).toHaveBeenCalledTimes(1);
  });
});
