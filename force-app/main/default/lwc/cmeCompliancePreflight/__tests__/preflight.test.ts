import type { Attendance, CmeEvent, Expense, Finding } from 'c/cmeDomain';
import { IN_PACK_RECORD as IN, US_PACK_RECORD as US } from '../../../../../test/rulePacks';
import {
  RULE_NAMES,
  choosePack,
  closeoutChecklist,
  evidenceEntries,
  evidenceValueText,
  findingRows,
  hasEnded,
  historyEventIds,
  historyEventsInput,
  historyWindow,
  humanizeKey,
  involvedDoctorIds,
  isSigned,
  isTruncated,
  measureText,
  summaryText,
  windowBounds,
} from '../preflight';
import historyEvents from './data/historyEvents.json';
import historyDoctors from './data/historyDoctors.json';
import { connection, graphqlData } from '../../../../../test/graphqlData';

const HASH = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
const EVENT: CmeEvent = {
  Id: 'E1',
  Start__c: '2026-11-10T04:00:00.000Z',
  End__c: '2026-11-10T12:00:00.000Z',
  Budget__c: 1000,
};

describe('what the preflight loads', () => {
  it('collects every HCP the event involves, once each', () => {
    expect(
      involvedDoctorIds({
        events: [EVENT],
        invitations: [
          { Id: 'I1', Event__c: 'E1', Doctor__c: 'D2' },
          { Id: 'I2', Event__c: 'E1', Doctor__c: 'D1' },
        ],
        attendance: [
          { Id: 'A1', Event__c: 'E1', Doctor__c: 'D1' },
          { Id: 'A2', Event__c: 'E1', Doctor__c: 'D3' },
          { Id: 'A3', Event__c: 'E1', Doctor__c: null },
        ],
        expenses: [
          { Id: 'X1', Event__c: 'E1', Doctor__c: 'D4' },
          { Id: 'X2', Event__c: 'E1' },
        ],
      }),
    ).toEqual(['D1', 'D2', 'D3', 'D4']);
    expect(involvedDoctorIds({ events: [] })).toEqual([]);
  });

  it('loads the pack year of the event, reaching further back when REPEAT_TOPIC looks back further', () => {
    // India: fiscal year from April, repeat topic off.
    expect(historyWindow(EVENT, IN, '2026-11-20')).toEqual({
      from: '2026-04-01',
      to: '2027-03-31',
      yearLabel: 'FY2026-27',
    });
    // US: calendar year, but the same topic within 365 days counts, so history starts a year before.
    expect(historyWindow(EVENT, US, '2026-11-20')).toEqual({
      from: '2025-11-10',
      to: '2026-12-31',
      yearLabel: '2026',
    });
    // Without a start the year of today is used.
    expect(historyWindow({ Id: 'E2' }, IN, '2027-01-05').yearLabel).toBe('FY2026-27');
    expect(historyWindow(undefined, IN, '2027-05-05').from).toBe('2027-04-01');
  });

  it('turns a window into DateTime bounds that include both whole days', () => {
    expect(windowBounds({ from: '2026-04-01', to: '2027-03-31', yearLabel: 'x' })).toEqual({
      from: '2026-04-01T00:00:00.000Z',
      to: '2027-03-31T23:59:59.999Z',
    });
  });

  it('lists the other events the history points at', () => {
    expect(
      historyEventIds(
        {
          events: [],
          invitations: [{ Id: 'I', Event__c: 'E3', Doctor__c: 'D1' }],
          attendance: [{ Id: 'A', Event__c: 'E2' }],
          expenses: [
            { Id: 'X', Event__c: 'E1' },
            { Id: 'Y', Event__c: 'E2' },
          ],
        },
        'E1',
      ),
    ).toEqual(['E2', 'E3']);
  });

  it('splits history events from their child attendance and expenses', () => {
    const input = historyEventsInput(historyEvents);
    expect(input.events.map((e) => e.Id)).toEqual(['a01000000000002AAA']);
    expect(input.events[0]).not.toHaveProperty('Attendances__r');
    expect(input.attendance!.map((a) => [a.Doctor__c, a.Event__c])).toEqual([
      ['003000000000002AAA', 'a01000000000002AAA'],
      ['003000000000005AAA', 'a01000000000002AAA'],
    ]);
    expect(input.expenses!.map((e) => e.Amount__c)).toEqual([4000]);
    // Children without Event__c are given their parent's id.
    const bare = graphqlData('CME_Event__c', [
      { Id: 'E9', Attendances__r: connection([{ Id: 'A9' }]), Expenses__r: connection([]) },
    ]);
    expect(historyEventsInput(bare).attendance).toEqual([{ Id: 'A9', Event__c: 'E9' }]);
    expect(historyEventsInput(undefined)).toEqual({ events: [], attendance: [], expenses: [] });
  });

  it('notices a connection that has more records than were returned', () => {
    expect(isTruncated(historyDoctors)).toBe(false);
    expect(isTruncated(graphqlData('CME_Invitation__c', [], { hasNextPage: true }))).toBe(true);
    expect(isTruncated(undefined)).toBe(false);
    const event = (hasNextPage: boolean) =>
      graphqlData('CME_Event__c', [{ Id: 'a02', Attendances__r: connection([], { hasNextPage }) }], {
        hasNextPage: false,
      });
    // An event with more attendees than one page: its shared costs would be split over too few.
    expect(isTruncated(event(true))).toBe(true);
    expect(isTruncated(event(false))).toBe(false);
  });
});

describe('choosePack', () => {
  it('uses the pack the event names', () => {
    expect(choosePack({ Id: 'E', Rule_Pack__c: US.id }, [IN, US]).pack?.code).toBe('US-PHRMA-OPENPAYMENTS');
  });

  it('falls back to the only active pack when the event names none', () => {
    expect(choosePack({ Id: 'E' }, [IN])).toEqual({ pack: IN, activeCount: 1 });
  });

  it('does not guess between several active packs', () => {
    expect(choosePack({ Id: 'E', Rule_Pack__c: null }, [IN, US])).toEqual({
      problem: 'several-active',
      activeCount: 2,
    });
  });

  it('says so when no pack is active', () => {
    expect(choosePack(undefined, [])).toEqual({ problem: 'none-active', activeCount: 0 });
  });

  it('reports a named pack that is not active instead of using another', () => {
    expect(choosePack({ Id: 'E', Rule_Pack__c: 'P9', Rule_Pack__r: { Name: 'Old pack' } }, [IN])).toEqual({
      problem: 'named-inactive',
      namedPack: 'Old pack',
      activeCount: 1,
    });
    expect(choosePack({ Id: 'E', Rule_Pack__c: 'P9' }, [IN]).namedPack).toBe('P9');
  });
});

describe('findings on screen', () => {
  it('writes amounts in the pack currency and counts with their unit', () => {
    expect(measureText('HCP_ANNUAL_CAP', 147000, 'INR')).toBe('₹147,000');
    expect(measureText('MEAL_CAP', 12.5, 'USD')).toBe('$12.50');
    expect(measureText('APPROVAL_LEAD_TIME', 1, 'INR')).toBe('1 day');
    expect(measureText('APPROVAL_LEAD_TIME', -3, 'INR')).toBe('-3 days');
    expect(measureText('EDUCATIONAL_NEED', 12, 'INR')).toBe('12 characters');
    expect(measureText('MAX_EVENTS_PER_HCP', 7, 'INR')).toBe('7 events');
    expect(measureText('ATTENDANCE_EVIDENCE', 1, 'INR')).toBe('1 minute');
    expect(measureText('CAPACITY', 61, 'INR')).toBe('61 places');
    expect(measureText('APPROVAL_BEFORE_INVITE', 2, 'INR')).toBe('2');
    expect(measureText('CAPACITY', undefined, 'INR')).toBe('');
  });

  it('turns evidence keys and values into words', () => {
    expect(humanizeKey('windowStart')).toBe('Window start');
    expect(humanizeKey('expenseIdsNotActual')).toBe('Expense IDs not actual');
    expect(humanizeKey('invitationId')).toBe('Invitation ID');
    expect(humanizeKey('cap')).toBe('Cap');
    expect(evidenceValueText(null)).toBe('None');
    expect(evidenceValueText('')).toBe('None');
    expect(evidenceValueText([])).toBe('None');
    expect(evidenceValueText(['a', 'b'])).toBe('a, b');
    expect(evidenceValueText(true)).toBe('Yes');
    expect(evidenceValueText(false)).toBe('No');
    expect(evidenceValueText(30)).toBe('30');
    expect(evidenceEntries({ year: 'FY2026-27', eventIds: ['E1'] })).toEqual([
      { key: 'year', valueKey: 'year-value', label: 'Year', value: 'FY2026-27' },
      { key: 'eventIds', valueKey: 'eventIds-value', label: 'Event IDs', value: 'E1' },
    ]);
  });

  it('builds rows with severity words, rule names and HCP names', () => {
    const findings: Finding[] = [
      {
        ruleId: 'CAPACITY',
        severity: 'block',
        eventId: 'E1',
        amount: 61,
        limit: 60,
        message: 'Too many',
        evidence: { capacity: 60 },
      },
      { ruleId: 'REPEAT_TOPIC', severity: 'warn', eventId: 'E1', doctorId: 'D1', message: 'Again', evidence: {} },
      { ruleId: 'REPEAT_TOPIC', severity: 'warn', eventId: 'E1', doctorId: 'D9', message: 'Again', evidence: {} },
    ];
    const rows = findingRows(findings, [{ Id: 'D1', Name: 'Asha Rao' }], 'INR');
    expect(rows.map((r) => [r.key, r.severityLabel, r.iconName, r.ruleName, r.hcp])).toEqual([
      ['0-CAPACITY-event', 'Blocking', 'utility:error', 'Capacity', ''],
      ['1-REPEAT_TOPIC-D1', 'Warning', 'utility:warning', 'Repeat topic', 'Dr Asha Rao'],
      ['2-REPEAT_TOPIC-D9', 'Warning', 'utility:warning', 'Repeat topic', 'HCP D9'],
    ]);
    expect(rows[0].amountText).toBe('61 places');
    expect(rows[0].limitText).toBe('60 places');
    expect(rows[1].amountText).toBe('');
  });

  it('has words for every rule', () => {
    expect(Object.values(RULE_NAMES).every((name) => name.length > 0)).toBe(true);
    expect(Object.keys(RULE_NAMES)).toHaveLength(16);
  });

  it('summarises counts, or says the event is ready', () => {
    expect(summaryText(2, 3)).toBe('2 blocking, 3 warnings');
    expect(summaryText(1, 1)).toBe('1 blocking, 1 warning');
    expect(summaryText(0, 2)).toBe('2 warnings');
    expect(summaryText(4, 0)).toBe('4 blocking');
    expect(summaryText(0, 0)).toBe('No findings: ready');
  });
});

describe('close-out checklist', () => {
  const now = Date.parse('2026-11-20T00:00:00.000Z');

  it('knows when an event has ended', () => {
    expect(hasEnded(EVENT, now)).toBe(true);
    expect(hasEnded({ Id: 'E', End__c: '2026-11-20T00:00:00.000Z' }, now)).toBe(true);
    expect(hasEnded({ Id: 'E', End__c: '2026-11-21T00:00:00.000Z' }, now)).toBe(false);
    expect(hasEnded({ Id: 'E', Start__c: '2026-11-01T00:00:00.000Z' }, now)).toBe(true);
    expect(hasEnded({ Id: 'E' }, now)).toBe(false);
    expect(hasEnded(undefined, now)).toBe(false);
  });

  it('counts a signature only with its fingerprint and printed name', () => {
    expect(isSigned({ Id: 'A', Event__c: 'E', Signature_SHA256__c: HASH, Signed_Name__c: 'Asha Rao' })).toBe(true);
    expect(isSigned({ Id: 'A', Event__c: 'E', Signature_SHA256__c: HASH, Signed_Name__c: ' ' })).toBe(false);
    expect(isSigned({ Id: 'A', Event__c: 'E', Signature_SHA256__c: 'abc', Signed_Name__c: 'Asha Rao' })).toBe(false);
    expect(isSigned({ Id: 'A', Event__c: 'E' })).toBe(false);
  });

  const attendance: Attendance[] = [
    {
      Id: 'A1',
      Event__c: 'E1',
      Doctor__c: 'D1',
      Sign_In_Method__c: 'E-Signature',
      Signature_SHA256__c: HASH,
      Signed_Name__c: 'Asha Rao',
    },
    { Id: 'A2', Event__c: 'E1', Doctor__c: 'D2', Sign_In_Method__c: 'E-Signature', Signature_SHA256__c: HASH },
    { Id: 'A3', Event__c: 'E1', Doctor__c: 'D3', Sign_In_Method__c: 'Virtual Log', Minutes_Attended__c: 25 },
    { Id: 'A4', Event__c: 'E1', Doctor__c: 'D4' },
    // Another event's row is not counted.
    { Id: 'A5', Event__c: 'E2', Doctor__c: 'D5', Sign_In_Method__c: 'Paper Sheet' },
  ];
  const expenses: Expense[] = [
    { Id: 'X1', Event__c: 'E1', Amount__c: 400, Stage__c: 'Actual', Receipt_Reference__c: 'R-1' },
    { Id: 'X2', Event__c: 'E1', Amount__c: 300, Stage__c: 'Actual', Receipt_Reference__c: '  ' },
    { Id: 'X3', Event__c: 'E1', Amount__c: 500, Stage__c: 'Committed' },
    { Id: 'X4', Event__c: 'E1', Amount__c: 900, Stage__c: 'Estimated' },
    { Id: 'X5', Event__c: 'E1', Amount__c: 0, Stage__c: 'Actual' },
  ];

  it('checks each item with its counts', () => {
    const items = closeoutChecklist(EVENT, attendance, expenses, 30, 'USD');
    expect(items.map((i) => [i.key, i.done, i.detail])).toEqual([
      ['attendance', true, '4 attendances recorded'],
      // A2: hash without name still proves an e-signature for the rule; A3: 25 of 30 minutes; A4: nothing.
      ['evidence', false, '2 of 4 attendances have evidence'],
      ['receipts', false, '1 of 2 paid expense lines have a receipt reference'],
      ['signatures', false, '1 of 2 e-signature sign-ins are signed with name and fingerprint'],
      ['budget', false, '$1,200 paid or committed of a $1,000 budget'],
    ]);
    expect(items[0].label).toBe('Attendance recorded');
    // Without a pack, a virtual log needs one minute.
    expect(closeoutChecklist(EVENT, attendance, expenses, null).find((i) => i.key === 'evidence')!.detail).toBe(
      '3 of 4 attendances have evidence',
    );
  });

  it('is done when everything is in place', () => {
    const items = closeoutChecklist(
      { ...EVENT, Budget__c: 5000 },
      [attendance[0]],
      [expenses[0], expenses[2]],
      30,
      'INR',
    );
    expect(items.every((i) => i.done)).toBe(true);
    expect(items.map((i) => i.detail)).toContain('₹900 paid or committed of a ₹5,000 budget');
  });

  it('says what is missing on an event with nothing recorded', () => {
    const items = closeoutChecklist({ Id: 'E1' }, [], [], null);
    expect(items.map((i) => [i.key, i.done, i.detail])).toEqual([
      ['attendance', false, 'No attendance recorded yet'],
      ['evidence', false, 'No attendance to check yet'],
      ['receipts', true, 'No paid expense lines'],
      ['signatures', true, 'No e-signature sign-ins'],
      ['budget', true, 'No budget set and nothing spent'],
    ]);
  });

  it('flags spend without a budget', () => {
    const [, , , , budget] = closeoutChecklist({ Id: 'E1', Budget__c: null }, [], [expenses[0]], null);
    expect(budget).toMatchObject({ done: false, detail: '400 paid or committed, but no budget is set' });
  });

  it("writes the checklist's money in the pack currency, or as a plain number without one", () => {
    const [, , , , withCurrency] = closeoutChecklist({ Id: 'E1', Budget__c: null }, [], [expenses[0]], null, 'EUR');
    expect(withCurrency.detail).toBe('€400 paid or committed, but no budget is set');
  });
});
