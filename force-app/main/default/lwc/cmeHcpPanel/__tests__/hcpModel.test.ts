import { yearWindowOf } from 'c/cmeDomain';
import type { TovAllocation } from 'c/cmeDomain';
import { IN_PACK_RECORD as IN, US_PACK_RECORD as US } from '../../../../../test/rulePacks';
import {
  PAYMENT_LAG_DAYS,
  attendanceFrom,
  capYear,
  categoryLabels,
  choosePanelPack,
  countsAsFeedback,
  doctorAllocations,
  engagementStats,
  eventsOf,
  hasNoEvaluation,
  historyRows,
  invitationsFrom,
  isEvaluationCompleted,
  mostRecentEvent,
  transferEventIds,
  transferSummary,
  upcomingInvitations,
} from '../hcpModel';
import type { AttendanceRow, InvitationRow } from '../hcpModel';
import panel from './data/panel.json';
import transfers from './data/transfers.json';
import { connection, graphqlData } from '../../../../../test/graphqlData';

const SHAH = '003000000000002AAA';
const TODAY = '2026-11-20';
const NOW = Date.parse('2026-11-20T09:00:00.000Z');

const invitations = invitationsFrom(panel);
const attendance = attendanceFrom(panel);

function inv(id: string, eventId: string, start: string | null, status = 'Accepted'): InvitationRow {
  return {
    Id: id,
    Event__c: eventId,
    Doctor__c: 'D',
    Status__c: status as InvitationRow['Status__c'],
    Event__r: { Name: `Event ${eventId}`, Start__c: start },
    statusText: status,
    roleText: 'Attendee',
  };
}

function att(id: string, eventId: string, extra: Partial<AttendanceRow> = {}): AttendanceRow {
  return { Id: id, Event__c: eventId, Doctor__c: 'D', ...extra };
}

describe('reading the panel query', () => {
  it('keeps picklist labels beside values', () => {
    expect(invitations[0]).toMatchObject({ Status__c: 'Accepted', statusText: 'Accepted', roleText: 'Speaker' });
    expect(invitations[0].Event__r?.Name).toBe('Heart Failure Summit 2027');
    expect(attendance.map((a) => a.Minutes_Attended__c)).toEqual([20, 180, 240, 60]);
  });
});

describe('historyRows', () => {
  it('joins invitations and attendance per event, newest first', () => {
    const rows = historyRows(
      [inv('I1', 'E1', '2026-05-01T00:00:00Z'), inv('I2', 'E2', '2026-07-01T00:00:00Z', 'Declined')],
      [
        att('A1', 'E1', { Minutes_Attended__c: 90 }),
        att('A3', 'E3', { Minutes_Attended__c: null, Event__r: { Name: 'Walk-in event', Start__c: null } }),
      ],
    );
    expect(rows.map((r) => [r.eventId, r.status, r.attended, r.walkIn, r.minutes])).toEqual([
      ['E2', 'Declined', false, false, null],
      ['E1', 'Accepted', true, false, 90],
      // Undated rows sort last.
      ['E3', '', true, true, 0],
    ]);
  });

  it('falls back to the event id when the event cannot be read', () => {
    const rows = historyRows([{ ...inv('I1', 'E1', null), Event__r: null }], [att('A2', 'E2')]);
    expect(rows.map((r) => r.eventName)).toEqual(['E1', 'E2']);
    expect(historyRows([{ ...inv('I', '', null) }], [att('A', '')])).toEqual([]);
  });

  it('covers the fixture doctor’s eight events', () => {
    expect(historyRows(invitations, attendance)).toHaveLength(8);
  });
});

describe('upcomingInvitations', () => {
  it('keeps events starting today or later, soonest first', () => {
    const rows = upcomingInvitations(
      [
        inv('I1', 'E1', '2026-12-01T00:00:00Z'),
        inv('I2', 'E2', '2026-11-20T23:00:00Z', 'Invited'),
        inv('I3', 'E3', '2026-11-19T23:59:00Z'),
        inv('I4', 'E4', null),
      ],
      TODAY,
    );
    expect(rows.map((r) => [r.invitationId, r.status])).toEqual([
      ['I2', 'Invited'],
      ['I1', 'Accepted'],
    ]);
    expect(
      upcomingInvitations(
        [{ ...inv('I5', 'E5', '2027-01-01T00:00:00Z'), Event__r: { Start__c: '2027-01-01T00:00:00Z' } }],
        TODAY,
      )[0].eventName,
    ).toBe('E5');
  });
});

describe('engagementStats', () => {
  it('rates attendance over accepted invitations to events that have started', () => {
    const stats = engagementStats(
      [
        inv('I1', 'E1', '2026-10-01T00:00:00Z'),
        inv('I2', 'E2', '2026-10-05T00:00:00Z'),
        inv('I3', 'E3', '2026-12-05T00:00:00Z'),
        inv('I4', 'E4', '2026-09-05T00:00:00Z', 'Declined'),
        inv('I5', 'E5', null),
      ],
      [
        att('A1', 'E1', {
          Minutes_Attended__c: 100,
          Questions_Asked__c: 2,
          Feedback_Rating__c: 5,
          Engagement_Score__c: 80,
        }),
        att('A4', 'E4', { Minutes_Attended__c: 30, Feedback_Rating__c: 4, Engagement_Score__c: 55 }),
        att('A6', 'E6', { Feedback_Rating__c: 4 }),
      ],
      NOW,
    );
    expect(stats).toEqual({
      accepted: 2,
      attendedOfAccepted: 1,
      attendanceRate: 50,
      totalMinutes: 130,
      questions: 2,
      averageFeedback: 4.3,
      feedbackCount: 3,
      averageScore: 68,
      scoreCount: 2,
      eventsAttended: 3,
      evaluationsCompleted: 0,
      averageRelevance: null,
      relevanceCount: 0,
      averageSpeaker: null,
      speakerCount: 0,
      practiceChangeAnswers: 0,
      practiceChangeYes: 0,
    });
  });

  it('has no rate, feedback, score or evaluation before there is any', () => {
    expect(engagementStats([], [], NOW)).toMatchObject({
      attendanceRate: null,
      averageFeedback: null,
      averageScore: null,
      totalMinutes: 0,
      eventsAttended: 0,
      evaluationsCompleted: 0,
      averageRelevance: null,
      averageSpeaker: null,
      practiceChangeAnswers: 0,
    });
  });
});

describe('engagement from evaluations', () => {
  const COMPLETED: Partial<AttendanceRow> = {
    Evaluation_Relevance__c: 5,
    Evaluation_Speaker__c: 4,
    Evaluation_Practice_Change__c: 'Yes',
    Evaluated_On__c: '2026-10-02T10:00:00.000Z',
  };

  it('tells a completed evaluation, a started one and legacy feedback apart', () => {
    const completed = att('A1', 'E1', { Feedback_Rating__c: 5, ...COMPLETED });
    const started = att('A2', 'E2', { Feedback_Rating__c: 2, Evaluation_Relevance__c: 3 });
    const commentOnly = att('A3', 'E3', { Feedback_Rating__c: 2, Evaluation_Comments__c: 'Left early.' });
    const legacy = att('A4', 'E4', { Feedback_Rating__c: 3 });
    const unrated = att('A5', 'E5');
    expect([completed, started, commentOnly, legacy, unrated].map(isEvaluationCompleted)).toEqual([
      true,
      false,
      false,
      false,
      false,
    ]);
    expect([completed, started, commentOnly, legacy, unrated].map(hasNoEvaluation)).toEqual([
      false,
      false,
      false,
      true,
      true,
    ]);
    expect([completed, started, commentOnly, legacy, unrated].map(countsAsFeedback)).toEqual([
      true,
      false,
      false,
      true,
      false,
    ]);
    // A practice-change answer alone is a started evaluation too.
    expect(hasNoEvaluation(att('A6', 'E6', { Evaluation_Practice_Change__c: 'No' }))).toBe(false);
    expect(hasNoEvaluation(att('A7', 'E7', { Evaluation_Speaker__c: 4 }))).toBe(false);
  });

  it('averages the ratings of completed evaluations and of legacy feedback, not of started evaluations', () => {
    const stats = engagementStats(
      [],
      [
        att('A1', 'E1', { Feedback_Rating__c: 5, ...COMPLETED }),
        // Started and left: its rating would pull the average down to 3.3.
        att('A2', 'E2', { Feedback_Rating__c: 1, Evaluation_Relevance__c: 2, Evaluation_Comments__c: 'Too long.' }),
        att('A3', 'E3', { Feedback_Rating__c: 4 }),
      ],
      NOW,
    );
    expect(stats).toMatchObject({ averageFeedback: 4.5, feedbackCount: 2 });
  });

  it('keeps legacy feedback when no evaluation exists at all', () => {
    const stats = engagementStats(
      [],
      [att('A1', 'E1', { Feedback_Rating__c: 4 }), att('A2', 'E2', { Feedback_Rating__c: 3 })],
      NOW,
    );
    expect(stats).toMatchObject({
      averageFeedback: 3.5,
      feedbackCount: 2,
      eventsAttended: 2,
      evaluationsCompleted: 0,
      averageRelevance: null,
      averageSpeaker: null,
      practiceChangeAnswers: 0,
      practiceChangeYes: 0,
    });
  });

  it('sums up the completed evaluations: how many, relevance, speakers, intended practice change', () => {
    const stats = engagementStats(
      [],
      [
        att('A1', 'E1', { Feedback_Rating__c: 5, ...COMPLETED }),
        att('A2', 'E2', {
          Feedback_Rating__c: 3,
          ...COMPLETED,
          Evaluation_Relevance__c: 2,
          Evaluation_Speaker__c: 3,
          Evaluation_Practice_Change__c: 'Unsure',
        }),
        att('A3', 'E3', { ...COMPLETED, Evaluation_Relevance__c: 4, Evaluation_Speaker__c: 4 }),
        // Started only: its answers are not the doctor's verdict yet.
        att('A4', 'E4', { Evaluation_Relevance__c: 1, Evaluation_Practice_Change__c: 'Yes' }),
        att('A5', 'E5'),
      ],
      NOW,
    );
    expect(stats).toMatchObject({
      eventsAttended: 5,
      evaluationsCompleted: 3,
      averageRelevance: 3.7,
      relevanceCount: 3,
      averageSpeaker: 3.7,
      speakerCount: 3,
      practiceChangeAnswers: 3,
      practiceChangeYes: 2,
      averageFeedback: 4,
      feedbackCount: 2,
    });
  });

  it('counts events, so two attendance records of one event are one evaluation of one event', () => {
    const stats = engagementStats(
      [],
      [
        att('A1', 'E1', { Feedback_Rating__c: 5, ...COMPLETED }),
        att('A2', 'E1', { Feedback_Rating__c: 4, ...COMPLETED }),
      ],
      NOW,
    );
    expect(stats).toMatchObject({ eventsAttended: 1, evaluationsCompleted: 1, relevanceCount: 2 });
  });

  it('reads the evaluations from the panel query', () => {
    expect(engagementStats(invitations, attendance, NOW)).toMatchObject({
      // 4 and 5 evaluated, 3 legacy; the started evaluation's 1 is left out.
      averageFeedback: 4,
      feedbackCount: 3,
      eventsAttended: 4,
      evaluationsCompleted: 2,
      averageRelevance: 4.5,
      averageSpeaker: 4,
      practiceChangeAnswers: 2,
      practiceChangeYes: 1,
    });
  });
});

describe('choosing the pack and the year', () => {
  const events = eventsOf(invitations, attendance);

  it('finds the latest event that has started, else the soonest upcoming one', () => {
    expect(mostRecentEvent(events, TODAY)?.Name).toBe('Heart Failure Update — Mumbai');
    expect(mostRecentEvent(events, '2020-01-01')?.Name).toBe('Hospital Grand Rounds — KEM');
    expect(mostRecentEvent([{ Id: 'E', Start__c: null }], TODAY)).toBeUndefined();
    expect(mostRecentEvent([], TODAY)).toBeUndefined();
  });

  it('lists each event once, from invitations and attendance', () => {
    expect(events).toHaveLength(8);
    expect(eventsOf([], [att('A', 'E9', { Event__r: null })])).toEqual([{ Id: 'E9' }]);
  });

  it('uses the pack the latest event names, else the only active pack', () => {
    expect(choosePanelPack(events, [IN, US], TODAY)).toMatchObject({ pack: IN, source: 'named' });
    expect(choosePanelPack(events, [US], TODAY)).toMatchObject({ pack: US, source: 'only' });
    expect(choosePanelPack(events, [US, { ...IN, id: 'other' }], TODAY).pack).toBeUndefined();
    expect(choosePanelPack([], [US], TODAY)).toMatchObject({ pack: US, source: 'only' });
  });

  it('takes the pack year today falls in', () => {
    expect(capYear(IN, TODAY).label).toBe('FY2026-27');
    expect(capYear(US, TODAY).label).toBe('2026');
  });

  it('loads the events whose value can fall in the year', () => {
    const window = yearWindowOf(TODAY, IN);
    expect(PAYMENT_LAG_DAYS).toBe(90);
    expect(
      transferEventIds(
        [
          att('A1', 'E1', { Event__r: { Start__c: '2026-01-01T10:00:00Z' } }),
          att('A2', 'E2', { Event__r: { Start__c: '2025-12-31T10:00:00Z' } }),
          att('A3', 'E3', { Event__r: { Start__c: '2027-04-01T10:00:00Z' } }),
          att('A4', 'E4', { Event__r: null }),
        ],
        [
          { Id: 'X1', Event__c: 'E5', Incurred_On__c: '2026-04-01', Event__r: { Start__c: '2026-03-01T00:00:00Z' } },
          { Id: 'X2', Event__c: 'E6', Incurred_On__c: null, Event__r: { Start__c: '2026-06-01T00:00:00Z' } },
          { Id: 'X3', Event__c: 'E7', Incurred_On__c: '2026-03-31', Event__r: null },
          { Id: 'X4', Event__c: 'E1', Incurred_On__c: '2026-05-01' },
        ],
        window,
      ),
    ).toEqual(['E1', 'E5', 'E6']);
  });
});

describe('transfers of value', () => {
  const allocations = doctorAllocations(transfers, SHAH, invitations);

  it('allocates the events’ lines and keeps the doctor’s part', () => {
    expect(allocations.every((a) => a.doctorId === SHAH)).toBe(true);
    // Event by event, as the query listed them; the estimated AV line and the venue and meals of the
    // hybrid event (attended virtually) give nothing.
    expect(allocations.map((a) => [a.category, a.amount, a.stage, a.date])).toEqual([
      ['Travel and Lodging', 15000, 'Committed', '2026-11-10'],
      ['Registration Fee', 130000, 'Actual', '2026-06-12'],
      ['Food and Beverage', 2000, 'Actual', '2026-06-12'],
      ['Printed Material', 500, 'Actual', '2026-03-20'],
    ]);
  });

  it('gives children without Event__c their parent event', () => {
    const data = graphqlData('CME_Event__c', [
      {
        Id: 'E1',
        Start__c: { value: '2026-06-01T00:00:00Z' },
        Attendances__r: connection([{ Id: 'A1', Doctor__c: { value: 'D1' } }]),
        Expenses__r: connection([
          { Id: 'X1', Amount__c: { value: 90 }, Stage__c: { value: 'Actual' }, Category__c: { value: 'Other' } },
        ]),
      },
      { Id: 'E2' },
    ]);
    expect(doctorAllocations(data, 'D1', []).map((a) => [a.eventId, a.amount])).toEqual([['E1', 90]]);
    expect(categoryLabels(data)).toEqual(new Map([['Other', 'Other']]));
  });

  it('reads category labels from the expense rows', () => {
    expect(categoryLabels(transfers).get('Registration Fee')).toBe('Registration Fee');
    expect(categoryLabels(undefined).size).toBe(0);
  });

  it('totals the year against the cap with a warning band', () => {
    const window = yearWindowOf(TODAY, IN);
    const summary = transferSummary(allocations, window, IN, new Map([['Registration Fee', 'Frais d’inscription']]));
    expect(summary).toMatchObject({
      total: 147000,
      paid: 132000,
      committed: 15000,
      cap: 150000,
      warnPercent: 80,
      percentOfCap: 98,
      over: false,
      warning: true,
    });
    expect(summary.byCategory).toEqual([
      { category: 'Registration Fee', label: 'Frais d’inscription', amount: 130000 },
      { category: 'Travel and Lodging', label: 'Travel and Lodging', amount: 15000 },
      { category: 'Food and Beverage', label: 'Food and Beverage', amount: 2000 },
    ]);
  });

  it('flags a total over the cap, and has no warning below it', () => {
    const window = yearWindowOf(TODAY, US);
    expect(transferSummary(allocations, window, US)).toMatchObject({
      total: 147500,
      percentOfCap: 2950,
      over: true,
      warning: false,
    });
    const small: TovAllocation[] = [{ ...allocations[0], amount: 100, date: '2026-05-01' }];
    expect(transferSummary(small, window, US)).toMatchObject({
      total: 100,
      percentOfCap: 2,
      over: false,
      warning: false,
    });
  });

  it('has no cap when the pack switches the rule off', () => {
    const off = {
      ...IN,
      rules: { ...IN.rules, HCP_ANNUAL_CAP: { ...IN.rules.HCP_ANNUAL_CAP, severity: 'Off' as const } },
    };
    expect(transferSummary([], yearWindowOf(TODAY, IN), off)).toMatchObject({
      total: 0,
      cap: null,
      percentOfCap: null,
      warnPercent: null,
      over: false,
      warning: false,
      byCategory: [],
    });
  });
});
