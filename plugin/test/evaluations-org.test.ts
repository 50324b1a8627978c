// The evaluations' writes as sObject Collections updates: 200 records a call, each record on its own
// (allOrNone false, so one refusal does not hold back the others), the org's error kept per record,
// and a call that fails outright stopping the writes with what was not sent listed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeEvaluations } from '../src/evaluations/org.ts';
import type { EvaluationUpdate } from '../src/evaluations/plan.ts';
import { OrgApi } from '../src/org/api.ts';
import type { ApiRequest } from '../src/org/api.ts';

/** An OrgApi whose calls answer from `answer` instead of the network. */
class ScriptedApi extends OrgApi {
  public readonly requests: ApiRequest[] = [];
  private readonly answer: (request: ApiRequest, call: number) => unknown;

  public constructor(answer: (request: ApiRequest, call: number) => unknown) {
    super({ instanceUrl: 'http://127.0.0.1:1', accessToken: 'x', version: '66.0' });
    this.answer = answer;
  }

  public override async json<T>(request: ApiRequest): Promise<T> {
    this.requests.push(request);
    this.calls++;
    return this.answer(request, this.requests.length) as T;
  }
}

const update = (i: number): EvaluationUpdate => ({
  attendanceId: `a0${String(i).padStart(13, '0')}`,
  doctorId: `003${i}`,
  respondent: {
    name: `Respondent ${i}`,
    email: null,
    lines: [i + 2],
    line: i + 2,
    submittedAt: null,
    answers: { overall: 5, relevance: 5, speaker: 5, practiceChange: 'Yes', comments: null },
  },
  fields: {
    Feedback_Rating__c: 5,
    Evaluation_Relevance__c: 5,
    Evaluation_Speaker__c: 5,
    Evaluation_Practice_Change__c: 'Yes',
    Evaluation_Comments__c: null,
    Evaluated_On__c: '2026-10-24T22:05:11.000Z',
  },
});

type Body = { allOrNone: boolean; records: { attributes: { type: string }; Id: string }[] };

describe('writeEvaluations', () => {
  it('sends 200 records a call, each on its own, and keeps the org refusal per record', async () => {
    const updates = Array.from({ length: 450 }, (_, i) => update(i));
    const api = new ScriptedApi((request) =>
      (request.body as Body).records.map((r) =>
        r.Id === updates[201].attendanceId
          ? {
              id: r.Id,
              success: false,
              errors: [
                {
                  statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
                  message: 'Only a doctor who attended can evaluate the event.',
                  fields: ['Evaluated_On__c'],
                },
              ],
            }
          : { id: r.Id, success: true, errors: [] },
      ),
    );
    const progress: number[] = [];
    const result = await writeEvaluations(api, updates, (done) => progress.push(done));
    assert.deepEqual(
      api.requests.map((r) => [r.method, r.path, (r.body as Body).records.length, (r.body as Body).allOrNone]),
      [
        ['PATCH', '/services/data/v66.0/composite/sobjects', 200, false],
        ['PATCH', '/services/data/v66.0/composite/sobjects', 200, false],
        ['PATCH', '/services/data/v66.0/composite/sobjects', 50, false],
      ],
    );
    assert.deepEqual((api.requests[0].body as Body).records[0], {
      attributes: { type: 'CME_Attendance__c' },
      Id: updates[0].attendanceId,
      ...updates[0].fields,
    });
    assert.equal(result.written.length, 449);
    assert.deepEqual(
      result.refused.map((r) => [r.update.attendanceId, r.message]),
      [
        [
          updates[201].attendanceId,
          'FIELD_CUSTOM_VALIDATION_EXCEPTION: Only a doctor who attended can evaluate the event. (Evaluated_On__c)',
        ],
      ],
    );
    assert.deepEqual(progress, [200, 400, 450]);
    assert.equal(result.stoppedBy, null);
  });

  it('a call that fails outright stops the writes; what was not sent is listed', async () => {
    const updates = Array.from({ length: 450 }, (_, i) => update(i));
    const api = new ScriptedApi((request, call) => {
      if (call === 2) throw new Error('socket hang up');
      return (request.body as Body).records.map((r) => ({ id: r.Id, success: true, errors: [] }));
    });
    const result = await writeEvaluations(api, updates);
    assert.equal(api.requests.length, 2);
    assert.equal(result.written.length, 200);
    assert.equal(result.notSent.length, 250);
    assert.equal(result.notSent[0].attendanceId, updates[200].attendanceId);
    assert.equal(result.stoppedBy, 'socket hang up');
  });

  it('an answer that is not one result per record stops the writes too', async () => {
    const api = new ScriptedApi(() => [{ id: 'x', success: true }]);
    const result = await writeEvaluations(api, [update(1), update(2)]);
    assert.equal(result.written.length, 0);
    assert.equal(result.notSent.length, 2);
    assert.match(result.stoppedBy ?? '', /answered for 1 records of the 2 sent/);
  });
});
