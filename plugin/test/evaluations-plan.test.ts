// What an evaluations import writes and lists, from matchPeople's outcomes and the event's attendance:
// the evaluation on the matched doctor's attendance, nothing sent when it is already there (with or
// without a timestamp), and every other respondent listed with why — no attendance, several doctors,
// several rows on one doctor, nobody — and rows with problems as they are.
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { matchPeople } from '../src/attendance/match.ts';
import type { MatchCandidate } from '../src/attendance/types.ts';
import { planEvaluations } from '../src/evaluations/plan.ts';
import type { AttendanceEvaluation } from '../src/evaluations/plan.ts';
import type { SurveyRespondent, SurveyRowProblem } from '../src/evaluations/survey.ts';
import { evaluationReviewCsv } from '../src/evaluations/review.ts';
import { parseCsv } from '../src/org/csv.ts';

const NOW = new Date('2026-11-02T10:00:00Z');

const doctor = (doctorId: string, firstName: string, lastName: string, email: string | null): MatchCandidate => ({
  doctorId,
  invitationId: `inv-${doctorId}`,
  firstName,
  lastName,
  email,
});
const INVITED = [
  doctor('D1', 'Ana', 'Müller', 'ana.muller@example.org'),
  doctor('D2', 'José', 'Núñez', 'jose.nunez@example.org'),
  doctor('D3', 'Ananya', 'Iyer', 'ananya.iyer@example.org'),
  doctor('D4', 'Ravi', 'Rao', 'ravi.rao@example.org'),
  doctor('D5', 'Ravi', 'Rao', 'r.rao@example.org'),
];

let line = 1;
function respondent(name: string, email: string | null, extra: Partial<SurveyRespondent> = {}): SurveyRespondent {
  line++;
  return {
    name,
    email,
    lines: [line],
    line,
    submittedAt: new Date('2026-10-24T22:05:11Z'),
    answers: { overall: 5, relevance: 4, speaker: 3, practiceChange: 'Yes', comments: 'Useful' },
    ...extra,
  };
}

const attendance = (id: string, doctorId: string, extra: Partial<AttendanceEvaluation> = {}): AttendanceEvaluation => ({
  id,
  doctorId,
  overall: null,
  relevance: null,
  speaker: null,
  practiceChange: null,
  comments: null,
  evaluatedOn: null,
  ...extra,
});

function plan(respondents: SurveyRespondent[], attendances: AttendanceEvaluation[], problems: SurveyRowProblem[] = []) {
  return planEvaluations({
    problems,
    outcomes: matchPeople(respondents, INVITED, []),
    attendances,
    now: NOW,
    hasComments: true,
  });
}

describe('planEvaluations', () => {
  beforeEach(() => {
    line = 1;
  });

  it('writes the evaluation on the matched attendance with the survey timestamp', () => {
    const ana = respondent('Ana Müller', 'ANA.MULLER@example.org');
    const result = plan([ana], [attendance('A1', 'D1')]);
    assert.deepEqual(result.updates, [
      {
        attendanceId: 'A1',
        doctorId: 'D1',
        respondent: ana,
        fields: {
          Feedback_Rating__c: 5,
          Evaluation_Relevance__c: 4,
          Evaluation_Speaker__c: 3,
          Evaluation_Practice_Change__c: 'Yes',
          Evaluation_Comments__c: 'Useful',
          Evaluated_On__c: '2026-10-24T22:05:11.000Z',
        },
      },
    ]);
    assert.equal(result.counts.toWrite, 1);
    assert.deepEqual(result.review, []);
  });

  it('an attendance already holding the evaluation is not sent again, with or without a timestamp', () => {
    const held = {
      overall: 5,
      relevance: 4,
      speaker: 3,
      practiceChange: 'Yes',
      comments: 'Useful',
      evaluatedOn: '2026-10-24T22:05:11.000Z',
    };
    const same = plan([respondent('Ana Müller', 'ana.muller@example.org')], [attendance('A1', 'D1', held)]);
    assert.deepEqual(same.updates, []);
    assert.deepEqual(
      same.unchanged.map((u) => u.attendanceId),
      ['A1'],
    );
    // No timestamp in the file: the evaluation on record keeps its date, so nothing changes.
    const untimed = plan(
      [respondent('Ana Müller', 'ana.muller@example.org', { submittedAt: null })],
      [attendance('A1', 'D1', { ...held, evaluatedOn: '2026-10-25T08:00:00.000Z' })],
    );
    assert.equal(untimed.counts.unchanged, 1);
    assert.equal(untimed.counts.toWrite, 0);
  });

  it('a row without a timestamp is written, dated now, on an attendance with no evaluation yet', () => {
    const result = plan(
      [
        respondent('Ana Müller', 'ana.muller@example.org', {
          submittedAt: null,
          answers: { overall: 2, relevance: 4, speaker: 3, practiceChange: 'No' as const, comments: null },
        }),
      ],
      [attendance('A1', 'D1')],
    );
    assert.equal(result.updates.length, 1);
    assert.equal(result.updates[0].fields.Evaluated_On__c, NOW.toISOString());
    assert.equal(result.updates[0].fields.Evaluation_Comments__c, null);
  });

  const onRecord = {
    overall: 5,
    relevance: 4,
    speaker: 3,
    practiceChange: 'Yes',
    comments: 'Useful',
    evaluatedOn: '2026-10-25T08:00:00.000Z',
  };

  it("a different evaluation on record at or after the row's timestamp is kept, and listed as kept", () => {
    const older = { overall: 2, relevance: 2, speaker: 2, practiceChange: 'No' as const, comments: null };
    for (const evaluatedOn of ['2026-10-25T08:00:00.000Z', '2026-10-24T22:05:11.000Z']) {
      const result = plan(
        [respondent('Ana Müller', 'ana.muller@example.org', { answers: older })],
        [attendance('A1', 'D1', { ...onRecord, evaluatedOn })],
      );
      assert.deepEqual(result.updates, [], evaluatedOn);
      assert.deepEqual(result.kept, [
        {
          attendanceId: 'A1',
          doctorId: 'D1',
          line: result.kept[0]?.line,
          reason: 'a newer evaluation is on record',
          evaluatedOn,
          submittedAt: '2026-10-24T22:05:11.000Z',
        },
      ]);
      assert.equal(result.counts.kept, 1);
    }
    // A row newer than the record replaces it.
    const newer = plan(
      [respondent('Ana Müller', 'ana.muller@example.org', { answers: older })],
      [attendance('A1', 'D1', { ...onRecord, evaluatedOn: '2026-10-24T22:05:10.000Z' })],
    );
    assert.equal(newer.updates.length, 1);
    assert.deepEqual(newer.kept, []);
  });

  it('a row without a timestamp that differs from an evaluation on record is listed for review, not written', () => {
    const result = plan(
      [
        respondent('Ana Müller', 'ana.muller@example.org', {
          submittedAt: null,
          answers: { overall: 2, relevance: 4, speaker: 3, practiceChange: 'No' as const, comments: null },
        }),
      ],
      [attendance('A1', 'D1', onRecord)],
    );
    assert.deepEqual(result.updates, []);
    assert.deepEqual(
      result.review.map((e) => [e.reason, e.candidates.map((c) => c.doctorId)]),
      [['undated-conflict', ['D1']]],
    );
    assert.match(
      result.review[0].problem,
      /the org holds a different evaluation .*; the export has no timestamp to say which is newer/,
    );
    assert.equal(result.counts.undated, 1);
  });

  it('an export without a comments column leaves the comments on record out of the update', () => {
    const answers = { overall: 3, relevance: 4, speaker: 3, practiceChange: 'Yes' as const, comments: null };
    const respondents = [respondent('Ana Müller', 'ana.muller@example.org', { answers })];
    const attendances = [attendance('A1', 'D1', { ...onRecord, evaluatedOn: '2026-10-20T08:00:00.000Z' })];
    const outcomes = matchPeople(respondents, INVITED, []);
    const without = planEvaluations({ problems: [], outcomes, attendances, now: NOW, hasComments: false });
    assert.equal(without.updates.length, 1);
    assert.ok(!('Evaluation_Comments__c' in without.updates[0].fields), 'comments not sent');
    // Same answers but the comments: nothing to write when the export cannot say what the comments are.
    const same = planEvaluations({
      problems: [],
      outcomes: matchPeople(
        [respondent('Ana Müller', 'ana.muller@example.org', { answers: { ...answers, overall: 5 } })],
        INVITED,
        [],
      ),
      attendances: [attendance('A1', 'D1', { ...onRecord, evaluatedOn: '2026-10-24T22:05:11.000Z' })],
      now: NOW,
      hasComments: false,
    });
    assert.deepEqual([same.updates.length, same.counts.unchanged], [0, 1]);
    const withColumn = planEvaluations({ problems: [], outcomes, attendances, now: NOW, hasComments: true });
    assert.equal(
      withColumn.updates[0].fields.Evaluation_Comments__c,
      null,
      'an empty answer in a comments column clears',
    );
  });

  it('lists no attendance, several doctors, several rows on one doctor and nobody — none written', () => {
    const result = plan(
      [
        respondent('Ananya Iyer', 'ananya.iyer@example.org'),
        respondent('Dr. Ravi Rao', null),
        respondent('José Núñez', 'jose.nunez@example.org'),
        respondent('Nunez, Jose', null),
        respondent('Unknown Person', 'nobody@example.org'),
      ],
      [attendance('A2', 'D2'), attendance('A4', 'D4')],
    );
    assert.deepEqual(result.updates, []);
    assert.deepEqual(
      result.review.map((e) => [e.lines[0], e.reason, e.candidates.map((c) => c.doctorId)]),
      [
        [2, 'no-attendance', ['D3']],
        [3, 'ambiguous', ['D4', 'D5']],
        [4, 'ambiguous', ['D2']],
        [5, 'ambiguous', ['D2']],
        [6, 'unmatched', []],
      ],
    );
    assert.match(result.review[0].problem, /^no attendance: an evaluation needs one/);
    assert.match(result.review[1].problem, /the name fits 2 doctors: Ravi Rao, Ravi Rao/);
    assert.match(result.review[2].problem, /other rows of the file \(line 5\) are the same doctor, José Núñez/);
    assert.deepEqual(
      { ...result.counts },
      {
        respondents: 5,
        invalid: 0,
        matched: 0,
        ambiguous: 3,
        unmatched: 1,
        noAttendance: 1,
        toWrite: 0,
        unchanged: 0,
        kept: 0,
        undated: 0,
      },
    );
  });

  it('rows with problems are listed as they are, one entry per problem, the row counted once', () => {
    const problem = (column: string, value: string): SurveyRowProblem => ({
      line: 9,
      name: 'Ana Müller',
      email: 'ana.muller@example.org',
      column,
      value,
      problem: `${value} is not a rating from 1 to 5`,
      fix: 'answer with a whole number from 1 to 5',
    });
    const result = plan([], [], [problem('Overall', '6'), problem('Speaker', '0')]);
    assert.equal(result.counts.invalid, 1);
    assert.deepEqual(
      result.review.map((e) => [e.reason, e.column, e.value]),
      [
        ['invalid', 'Overall', '6'],
        ['invalid', 'Speaker', '0'],
      ],
    );
    // The review CSV: a header and a row per entry, formula-like text neutralised.
    const csv = parseCsv(evaluationReviewCsv([...result.review, { ...result.review[0], lines: [3], value: '=1+1' }]));
    assert.deepEqual(csv[0].slice(0, 8), ['Line', 'Reason', 'Name', 'Email', 'Column', 'Value', 'Problem', 'Fix']);
    assert.deepEqual(
      csv.slice(1).map((r) => [r[0], r[5]]),
      [
        ['3', "'=1+1"],
        ['9', '6'],
        ['9', '0'],
      ],
    );
  });

  it('a walk-in (a Contact by e-mail, not invited) with an attendance gets the evaluation', () => {
    const walkIn = doctor('D9', 'Meera', 'Pillai', 'meera.pillai@example.org');
    const meera = respondent('Meera Pillai', 'Meera.Pillai@example.org');
    const result = planEvaluations({
      problems: [],
      outcomes: matchPeople([meera], INVITED, [{ ...walkIn, invitationId: null }]),
      attendances: [attendance('A9', 'D9')],
      now: NOW,
      hasComments: true,
    });
    assert.deepEqual(
      result.updates.map((u) => [u.attendanceId, u.doctorId]),
      [['A9', 'D9']],
    );
  });

  it("an invited namesake is not credited when the e-mail is another Contact's: listed with both", () => {
    const otherRao = doctor('D8', 'Ravi', 'Rao', 'ravi.rao@apollo.in');
    const result = planEvaluations({
      problems: [],
      outcomes: matchPeople([respondent('Dr. Ana Müller', 'ravi.rao@apollo.in')], INVITED, [
        { ...otherRao, firstName: 'Ana', lastName: 'Müller', invitationId: null },
      ]),
      attendances: [attendance('A1', 'D1'), attendance('A8', 'D8')],
      now: NOW,
      hasComments: true,
    });
    assert.deepEqual(result.updates, []);
    assert.deepEqual(
      result.review.map((e) => [e.reason, e.candidates.map((c) => c.doctorId)]),
      [['ambiguous', ['D1', 'D8']]],
    );
    assert.match(
      result.review[0].problem,
      /the name fits Ana Müller \(invited\) but the e-mail is Ana Müller's Contact/,
    );
  });

  it('a doctor with two attendances at the event is listed, not guessed', () => {
    const result = plan(
      [respondent('Ana Müller', 'ana.muller@example.org')],
      [attendance('A1', 'D1'), attendance('A9', 'D1')],
    );
    assert.deepEqual(result.updates, []);
    assert.match(result.review[0].problem, /Ana Müller has 2 attendances at this event/);
  });
});
