import {
  COMMENTS_MAX_LENGTH,
  draftKeyOf,
  draftProblems,
  evaluationFields,
  evaluationRowsFrom,
  evaluationSummary,
  eventFrom,
  hasStarted,
  isReadOnly,
} from '../evaluationModel';
import type { EvaluatedEvent, EvaluationDraft } from '../evaluationModel';
import { graphqlData } from '../../../../../test/graphqlData';

const COMPLETE: EvaluationDraft = { overall: '4', relevance: '5', speaker: '3', practiceChange: 'Yes', comments: '' };
const EVENT: EvaluatedEvent = { name: 'X', start: '2026-11-19T04:00:00.000Z', status: 'Completed', timeZone: null };

describe('evaluationModel', () => {
  it('opens evaluations at the start, not a millisecond before, and never without a start', () => {
    expect(hasStarted(EVENT, new Date('2026-11-19T04:00:00.000Z'))).toBe(true);
    expect(hasStarted(EVENT, new Date('2026-11-19T03:59:59.999Z'))).toBe(false);
    expect(hasStarted({ ...EVENT, start: null }, new Date('2030-01-01T00:00:00Z'))).toBe(false);
    expect(hasStarted({ ...EVENT, start: 'soon' }, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });

  it('opens only approved and completed events, the statuses whose attendance the org writes', () => {
    const statuses = ['Approved', 'Completed', 'Closed', 'Cancelled', 'Draft', 'Pending Approval', 'Rejected', ''];
    expect(statuses.map((status) => isReadOnly({ ...EVENT, status }))).toEqual([
      false,
      false,
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
  });

  it('keeps the completion time on record when a completed evaluation is corrected', () => {
    const now = new Date('2026-11-25T09:00:00.000Z');
    expect(evaluationFields('a03', COMPLETE, now, '2026-11-20T08:15:00.000Z').Evaluated_On__c).toBe(
      '2026-11-20T08:15:00.000Z',
    );
    expect(evaluationFields('a03', COMPLETE, now, null).Evaluated_On__c).toBe('2026-11-25T09:00:00.000Z');
  });

  it('finds nothing wrong with a complete draft, and each missing or overlong answer', () => {
    expect(draftProblems(COMPLETE)).toEqual({});
    expect(draftProblems({ overall: '', relevance: '0', speaker: '6', practiceChange: 'Maybe', comments: '' })).toEqual(
      {
        overall: 'required',
        relevance: 'required',
        speaker: 'required',
        practiceChange: 'required',
      },
    );
    expect(draftProblems({ ...COMPLETE, comments: 'x'.repeat(COMMENTS_MAX_LENGTH) })).toEqual({});
    expect(draftProblems({ ...COMPLETE, comments: 'x'.repeat(COMMENTS_MAX_LENGTH + 1) })).toEqual({
      comments: 'tooLong',
    });
  });

  it('writes ratings as numbers and blank comments as null', () => {
    const fields = evaluationFields('a03', { ...COMPLETE, comments: '   ' }, new Date('2026-11-20T09:00:00.000Z'));
    expect(fields).toEqual({
      Id: 'a03',
      Feedback_Rating__c: 4,
      Evaluation_Relevance__c: 5,
      Evaluation_Speaker__c: 3,
      Evaluation_Practice_Change__c: 'Yes',
      Evaluation_Comments__c: null,
      Evaluated_On__c: '2026-11-20T09:00:00.000Z',
    });
  });

  it('maps the form’s fields back to the draft, and no other', () => {
    expect(draftKeyOf('Evaluation_Practice_Change__c')).toBe('practiceChange');
    expect(draftKeyOf('Feedback_Rating__c')).toBe('overall');
    expect(draftKeyOf('Evaluated_On__c')).toBeUndefined();
  });

  it('reads rows from nodes with missing fields, and counts only completed ratings in the average', () => {
    const data = graphqlData('CME_Attendance__c', [
      { Id: 'a2', Doctor__c: { value: 'd2' }, Feedback_Rating__c: { value: 2 }, Evaluated_On__c: { value: 'x' } },
      { Id: 'a1', Doctor__c: { value: 'd1' }, Feedback_Rating__c: { value: 9 }, Minutes_Attended__c: { value: 30 } },
      { Id: 'a3', Doctor__c: { value: 'd3' }, Feedback_Rating__c: { value: 5 }, Evaluated_On__c: { value: 'y' } },
    ]);
    const rows = evaluationRowsFrom(data);
    expect(rows.map((r) => [r.attendanceId, r.name, r.attended, r.completed, r.draft.overall])).toEqual([
      ['a1', 'HCP d1', true, false, ''],
      ['a2', 'HCP d2', false, true, '2'],
      ['a3', 'HCP d3', false, true, '5'],
    ]);
    expect(evaluationSummary(rows)).toEqual({ completed: 2, total: 3, averageOverall: 3.5 });
    expect(evaluationSummary([])).toEqual({ completed: 0, total: 0, averageOverall: null });
    expect(eventFrom(data)).toBeUndefined();
  });
});
