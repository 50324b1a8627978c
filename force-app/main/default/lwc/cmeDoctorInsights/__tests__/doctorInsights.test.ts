import {
  PER_HCP_RULES,
  allocationsFor,
  attendedEventIds,
  capStatus,
  capWindowOf,
  computeInsights,
  historyInputFrom,
  historyRange,
  historyVariables,
  hypotheticalInvitation,
  moneyLocale,
  moneyText,
  sharedInputFrom,
  hasMoreRecords,
} from '../doctorInsights';
import { mergeComplianceInputs } from 'c/cmeRecords';
import type { Doctor } from 'c/cmeDomain';
import { event, pack } from '../../cmeInviteDoctors/__tests__/fixtures';
import historyData from '../../cmeInviteDoctors/__tests__/data/history.json';
import sharedData from '../../cmeInviteDoctors/__tests__/data/sharedCosts.json';
import { withRule } from '../../../../../test/rulePacks';
import { connection, graphqlData } from '../../../../../test/graphqlData';

const EVENT = 'a01000000000001AAA';
const D1 = '003000000000001AAA';
const D2 = '003000000000002AAA';
const D3 = '003000000000003AAA';
const E2 = 'a01000000000002AAA';

const doctors: Doctor[] = [
  { Id: D1, Name: 'Asha Rao', CME_Disclosure_Consent__c: true },
  { Id: D2, Name: 'Vikram Shah', CME_Disclosure_Consent__c: false },
  { Id: D3, Name: 'José Fernandes', CME_Disclosure_Consent__c: true },
];
const TODAY = '2026-11-20';
const NOW = '2026-11-20T10:00:00.000Z';

describe('money', () => {
  it('groups rupees the Indian way and other currencies the default way', () => {
    expect(moneyLocale('INR')).toBe('en-IN');
    expect(moneyLocale('EUR')).toBe('en-US');
    expect(moneyText(100000, 'INR')).toBe('₹1,00,000');
    expect(moneyText(1234.5, 'USD')).toBe('$1,234.50');
    expect(moneyText(85000, undefined)).toBe('85,000');
  });
});

describe('history range', () => {
  it('covers the fiscal cap year, the event’s year and the repeat-topic window before it', () => {
    expect(capWindowOf(TODAY, pack).label).toBe('FY2026-27');
    expect(historyRange(event, pack, TODAY)).toEqual({ from: '2026-01-15', to: '2027-03-31' });
  });

  it('reaches into the next pack year when the event is in it', () => {
    const later = { ...event, Start__c: '2027-06-01T04:00:00.000Z' };
    const noRepeat = withRule(pack, 'REPEAT_TOPIC', { severity: 'Off' });
    expect(historyRange(later, noRepeat, TODAY)).toEqual({ from: '2026-04-01', to: '2028-03-31' });
  });

  it('is the calendar year without a pack or event start', () => {
    expect(historyRange(undefined, undefined, TODAY)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(historyRange({ Id: EVENT }, pack, TODAY)).toEqual({ from: '2026-04-01', to: '2027-03-31' });
  });

  it('gives the query variables for DateTime and Date fields', () => {
    expect(historyVariables([D1, D2], { from: '2026-01-15', to: '2027-03-31' })).toEqual({
      ids: [D1, D2],
      from: '2026-01-15T00:00:00.000Z',
      to: '2027-03-31T23:59:59.999Z',
      fromDay: '2026-01-15',
      toDay: '2027-03-31',
    });
  });
});

describe('history results', () => {
  it('reads rows and the events they belong to', () => {
    const input = historyInputFrom(historyData);
    expect(input.invitations).toHaveLength(2);
    expect(input.attendance).toHaveLength(1);
    expect(input.expenses!.map((e) => e.Amount__c)).toEqual([60000, 120000]);
    expect(input.events.map((e) => e.Id).sort()).toEqual([E2, 'a01000000000003AAA']);
    expect(input.events.find((e) => e.Id === E2)!.Topic__c).toBe('Heart failure with preserved ejection fraction');
    expect(attendedEventIds(input)).toEqual([E2]);
  });

  it('lifts the shared-cost children of each event', () => {
    const shared = sharedInputFrom(sharedData);
    expect(shared.events).toHaveLength(1);
    expect(shared.events[0]).not.toHaveProperty('Attendances__r');
    expect(shared.attendance!.map((a) => a.Doctor__c)).toEqual([D1, '003000000000009AAA']);
    expect(shared.expenses!.map((e) => [e.Event__c, e.Category__c, e.Amount__c])).toEqual([
      [E2, 'Food and Beverage', 50000],
    ]);
    const bare = sharedInputFrom(
      graphqlData('CME_Event__c', [
        {
          Id: E2,
          Attendances__r: connection([{ Id: 'a03X', Doctor__c: { value: D1 } }]),
          Expenses__r: connection([{ Id: 'a04X', Amount__c: { value: 10 } }]),
        },
        { Id: 'a01000000000007AAA' },
      ]),
    );
    // Children that did not select Event__c still belong to their event.
    expect(bare.attendance![0].Event__c).toBe(E2);
    expect(bare.expenses![0].Event__c).toBe(E2);
    expect(bare.events).toHaveLength(2);
  });

  it('has a hypothetical accepted invitation per doctor', () => {
    expect(hypotheticalInvitation(EVENT, D1, undefined, NOW)).toEqual({
      Id: `hypothetical:${EVENT}:${D1}`,
      Event__c: EVENT,
      Doctor__c: D1,
      Status__c: 'Accepted',
      Role__c: 'Attendee',
      Invited_On__c: NOW,
    });
    expect(hypotheticalInvitation(EVENT, D1, 'Speaker', NOW).Role__c).toBe('Speaker');
  });
});

describe('cut results', () => {
  it('sees a connection, top-level or child, that says more records follow', () => {
    expect(hasMoreRecords(historyData)).toBe(false);
    expect(hasMoreRecords(sharedData)).toBe(false);
    expect(hasMoreRecords(null)).toBe(false);
    expect(hasMoreRecords(graphqlData('CME_Expense__c', [], { hasNextPage: true }))).toBe(true);
    const child = JSON.parse(JSON.stringify(sharedData));
    child.uiapi.query.CME_Event__c.edges[0].node.Expenses__r.pageInfo = { hasNextPage: true };
    expect(hasMoreRecords(child)).toBe(true);
    expect(hasMoreRecords({ a: { pageInfo: { hasNextPage: false } } })).toBe(false);
  });
});

describe('cap status', () => {
  it('reads the level against the cap and the warning percent', () => {
    expect(capStatus(0, pack)).toEqual({ cap: 100000, percent: 0, level: 'ok' });
    expect(capStatus(79999, pack).level).toBe('ok');
    expect(capStatus(80000, pack)).toEqual({ cap: 100000, percent: 80, level: 'near' });
    expect(capStatus(100000, pack)).toEqual({ cap: 100000, percent: 100, level: 'reached' });
    expect(capStatus(100000.01, pack)).toEqual({ cap: 100000, percent: 100, level: 'over' });
  });

  it('has no cap without a pack, with the rule off or without a limit', () => {
    expect(capStatus(5, undefined)).toEqual({ cap: null, percent: null, level: 'none' });
    expect(capStatus(5, withRule(pack, 'HCP_ANNUAL_CAP', { severity: 'Off' })).level).toBe('none');
    expect(capStatus(5, withRule(pack, 'HCP_ANNUAL_CAP', { limit: null })).level).toBe('none');
  });

  it('does not warn below the cap when there is no warning percent, and handles a zero cap', () => {
    const noWarn = withRule(pack, 'HCP_ANNUAL_CAP', { warnPercent: null });
    expect(capStatus(99999, noWarn).level).toBe('ok');
    const zero = withRule(pack, 'HCP_ANNUAL_CAP', { limit: 0 });
    expect(capStatus(0, zero)).toEqual({ cap: 0, percent: 0, level: 'ok' });
    expect(capStatus(1, zero)).toEqual({ cap: 0, percent: 100, level: 'over' });
  });
});

describe('insights per doctor', () => {
  const history = mergeComplianceInputs(historyInputFrom(historyData), sharedInputFrom(sharedData));
  const options = { event, pack, today: TODAY, now: NOW, doctors };

  it('allocates direct lines and shares of shared lines to the doctors', () => {
    const allocations = allocationsFor(history, new Set([D1]));
    expect(allocations.map((a) => [a.category, a.amount, a.basis])).toEqual([
      ['Registration Fee', 60000, 'direct'],
      ['Food and Beverage', 25000, 'per-capita'],
    ]);
  });

  it('totals value in the cap year, counts events attended and lists warnings', () => {
    const insights = computeInsights(history, options);
    const asha = insights.get(D1)!;
    expect(asha.total).toBe(85000);
    expect(asha.cap).toEqual({ cap: 100000, percent: 85, level: 'near' });
    expect(asha.eventsThisYear).toBe(1);
    expect(asha.warnings.map((w) => [w.ruleId, w.severity, w.title])).toEqual([
      ['HCP_ANNUAL_CAP', 'warn', 'Near the annual cap'],
      ['REPEAT_TOPIC', 'warn', 'Repeat topic'],
      ['MAX_EVENTS_PER_HCP', 'warn', 'Too many events this year'],
    ]);
    expect(asha.warnings[2].message).toBe(
      "Heart Failure Update — Mumbai is Dr Asha Rao's 2nd sponsored event in FY2026-27; the limit is 1.",
    );

    const vikram = insights.get(D2)!;
    expect(vikram.total).toBe(120000);
    expect(vikram.warnings.map((w) => [w.ruleId, w.severity])).toEqual([
      ['HCP_ANNUAL_CAP', 'block'],
      ['MAX_EVENTS_PER_HCP', 'warn'],
      ['CONSENT_FOR_DISCLOSURE', 'warn'],
    ]);
    expect(vikram.warnings[0].message).toBe('₹1,20,000 of the ₹1,00,000 cap in FY2026-27 (120%), paid and committed.');

    expect(insights.get(D3)).toEqual({
      doctorId: D3,
      total: 0,
      cap: { cap: 100000, percent: 0, level: 'ok' },
      eventsThisYear: 0,
      warnings: [],
    });
  });

  it('uses the domain core’s own cap finding when this event pays the doctor', () => {
    const paidHere = mergeComplianceInputs(history, {
      events: [],
      expenses: [
        {
          Id: 'a04000000000101AAA',
          Event__c: EVENT,
          Doctor__c: D3,
          Category__c: 'Registration Fee',
          Amount__c: 100000,
          Stage__c: 'Committed',
          Incurred_On__c: '2027-01-10',
        },
      ],
    });
    const jose = computeInsights(paidHere, options).get(D3)!;
    expect(jose.total).toBe(100000);
    expect(jose.warnings).toHaveLength(1);
    expect(jose.warnings[0].message).toBe(
      'Dr José Fernandes would receive ₹1,00,000 in FY2026-27, 100% of the ₹1,00,000 cap (warning from 80%).',
    );
  });

  it('ignores the doctor’s real invitation to this event in favour of an accepted one', () => {
    const withInvite = mergeComplianceInputs(history, {
      events: [],
      invitations: [{ Id: 'a02000000000111AAA', Event__c: EVENT, Doctor__c: D3, Status__c: 'Declined' }],
    });
    const roles = new Map([[D3, 'Speaker' as const]]);
    // A declined invitation would not count; the hypothetical accepted one does (1 event: within the limit).
    const jose = computeInsights(withInvite, { ...options, roles }).get(D3)!;
    expect(jose.warnings).toEqual([]);
  });

  it('has totals and events but no warnings without a pack', () => {
    const insights = computeInsights(history, { ...options, pack: undefined });
    expect(insights.get(D1)).toMatchObject({ total: 85000, eventsThisYear: 1, warnings: [] });
    expect(insights.get(D1)!.cap.level).toBe('none');
  });

  it('asks only the per-HCP rules', () => {
    expect(PER_HCP_RULES).toEqual(['HCP_ANNUAL_CAP', 'REPEAT_TOPIC', 'MAX_EVENTS_PER_HCP', 'CONSENT_FOR_DISCLOSURE']);
    // The pack has CAPACITY on, but the screen never reports event-level rules per doctor.
    const insights = computeInsights(history, { ...options, event: { ...event, Capacity__c: 0 } });
    expect([...insights.values()].flatMap((i) => i.warnings.map((w) => w.ruleId))).not.toContain('CAPACITY');
  });

  it('does not count events outside the cap year', () => {
    const old = mergeComplianceInputs(history, {
      events: [{ Id: 'a01000000000008AAA', Start__c: '2025-12-01T04:00:00.000Z', Status__c: 'Completed' }],
      attendance: [{ Id: 'a03000000000081AAA', Event__c: 'a01000000000008AAA', Doctor__c: D3 }],
    });
    expect(computeInsights(old, options).get(D3)!.eventsThisYear).toBe(0);
  });
});
