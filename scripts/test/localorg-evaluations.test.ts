// The evaluation validation rules of CME_Attendance__c, enforced by the local org from force-app's
// metadata: each refused write answers FIELD_CUSTOM_VALIDATION_EXCEPTION with the rule's message on
// its display field, and a complete evaluation of an attended event is accepted.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalOrg } from '../src/localorg/server.ts';
import { restCall, startOrgWithCast, submittableEventFields } from './localorg-fixtures.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TOKEN = 'test-token';

interface RestError {
  errorCode: string;
  message: string;
  fields: string[];
}

/** A complete evaluation: every answer the rules ask of a completed one. */
const COMPLETE = {
  Feedback_Rating__c: 4,
  Evaluation_Relevance__c: 5,
  Evaluation_Speaker__c: 3,
  Evaluation_Practice_Change__c: 'Unsure',
  Evaluation_Comments__c: 'Clear guidance on dosing; more cases next time, s’il vous plaît.',
  Evaluated_On__c: '2027-02-10T13:00:00.000Z',
};

describe('local org: evaluation validation rules on CME_Attendance__c', () => {
  let org: LocalOrg;
  let call: (method: string, url: string, body?: unknown) => ReturnType<typeof restCall>;
  let eventId: string;
  let doctorCount = 0;

  before(async () => {
    org = new LocalOrg({ root: ROOT, database: ':memory:', port: 0, accessToken: TOKEN });
    const base = await org.start();
    call = (method, url, body) => restCall(base, TOKEN, method, url, body);
    const pack = await create('CME_Rule_Pack__c', { Name: 'India', Code__c: 'IN-EVAL', Currency_Code__c: 'INR' });
    eventId = await create('CME_Event__c', submittableEventFields(pack, { Status__c: 'Approved' }));
  });
  after(() => org.stop());

  async function create(object: string, values: Record<string, unknown>): Promise<string> {
    const res = await call('POST', `sobjects/${object}`, values);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return (res.body as { id: string }).id;
  }

  /** A new attendance of a new doctor at the event; `fields` add to or override a checked-in one. */
  async function attendance(fields: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const doctor = await create('Contact', { LastName: `Rao ${++doctorCount}` });
    return {
      Attendance_Key__c: `${eventId}:${doctor}`,
      Event__c: eventId,
      Doctor__c: doctor,
      Mode__c: 'In-Person',
      Sign_In_Method__c: 'Paper Sheet',
      Checked_In_At__c: '2027-02-10T04:05:00.000Z',
      ...fields,
    };
  }

  async function refusal(values: Record<string, unknown>): Promise<RestError> {
    const res = await call('POST', 'sobjects/CME_Attendance__c', values);
    assert.equal(res.status, 400, JSON.stringify(res.body));
    return (res.body as RestError[])[0];
  }

  it('accepts a complete evaluation of a checked-in attendance, and an attendance with no evaluation', async () => {
    const id = await create('CME_Attendance__c', await attendance(COMPLETE));
    const read = await call('GET', `sobjects/CME_Attendance__c/${id}`);
    assert.equal(read.body.Evaluation_Practice_Change__c, 'Unsure');
    assert.equal(read.body.Evaluation_Relevance__c, 5);
    await create('CME_Attendance__c', await attendance());
  });

  it('accepts an evaluation of a virtual attendance evidenced by its minutes alone', async () => {
    await create(
      'CME_Attendance__c',
      await attendance({
        ...COMPLETE,
        Mode__c: 'Virtual',
        Sign_In_Method__c: 'Virtual Log',
        Checked_In_At__c: null,
        Minutes_Attended__c: 45,
      }),
    );
  });

  it('refuses relevance and speaker ratings outside 1–5, each on its own field', async () => {
    for (const [field, value, message] of [
      ['Evaluation_Relevance__c', 0, 'Rate the content relevance from 1 (not relevant) to 5 (highly relevant).'],
      ['Evaluation_Relevance__c', 6, 'Rate the content relevance from 1 (not relevant) to 5 (highly relevant).'],
      ['Evaluation_Speaker__c', 0, 'Rate the speakers from 1 (poor) to 5 (excellent).'],
      ['Evaluation_Speaker__c', 9, 'Rate the speakers from 1 (poor) to 5 (excellent).'],
      ['Feedback_Rating__c', 6, 'The feedback rating must be between 1 and 5.'],
    ] as const) {
      const e = await refusal(await attendance({ [field]: value }));
      assert.equal(e.errorCode, 'FIELD_CUSTOM_VALIDATION_EXCEPTION', `${field}=${value}`);
      assert.equal(e.message, message);
      assert.deepEqual(e.fields, [field]);
    }
  });

  it('stores ratings as whole numbers: the fields have no decimals, so 4.4 is kept as 4', async () => {
    const id = await create('CME_Attendance__c', await attendance({ Evaluation_Speaker__c: 4.4 }));
    assert.equal((await call('GET', `sobjects/CME_Attendance__c/${id}`)).body.Evaluation_Speaker__c, 4);
  });

  it('refuses a completed evaluation missing an answer, naming the missing field', async () => {
    for (const [field, blank] of [
      ['Feedback_Rating__c', null],
      ['Evaluation_Relevance__c', null],
      ['Evaluation_Speaker__c', null],
      ['Evaluation_Practice_Change__c', null],
      ['Evaluation_Practice_Change__c', ''],
    ] as const) {
      const e = await refusal(await attendance({ ...COMPLETE, [field]: blank }));
      assert.equal(e.errorCode, 'FIELD_CUSTOM_VALIDATION_EXCEPTION', field);
      assert.deepEqual(e.fields, [field]);
      assert.match(e.message, /^A completed evaluation needs /);
    }
  });

  it('accepts a partial evaluation that is not completed yet (no Evaluated On)', async () => {
    await create('CME_Attendance__c', await attendance({ Evaluation_Relevance__c: 4, Evaluation_Comments__c: 'More' }));
  });

  it('refuses an evaluation on an attendance without check-in or minutes, and on an update that clears them', async () => {
    const bare = { Sign_In_Method__c: null, Checked_In_At__c: null, Minutes_Attended__c: 0 };
    for (const evaluation of [COMPLETE, { Evaluation_Comments__c: 'Could not join' }]) {
      const e = await refusal(await attendance({ ...bare, ...evaluation }));
      assert.equal(e.errorCode, 'FIELD_CUSTOM_VALIDATION_EXCEPTION');
      assert.equal(
        e.message,
        'Only a doctor who attended can evaluate the event. Record the check-in or the minutes attended first.',
      );
      assert.deepEqual(e.fields, ['Evaluated_On__c']);
    }
    const id = await create('CME_Attendance__c', await attendance(COMPLETE));
    const cleared = await call('PATCH', `sobjects/CME_Attendance__c/${id}`, { Checked_In_At__c: null });
    assert.equal(cleared.status, 400);
    assert.equal((cleared.body as RestError[])[0].errorCode, 'FIELD_CUSTOM_VALIDATION_EXCEPTION');
  });

  it('refuses an overall rating alone on an attendance without check-in or minutes, and accepts it with a check-in', async () => {
    const bare = { Sign_In_Method__c: null, Checked_In_At__c: null, Minutes_Attended__c: null };
    const e = await refusal(await attendance({ ...bare, Feedback_Rating__c: 4 }));
    assert.equal(e.errorCode, 'FIELD_CUSTOM_VALIDATION_EXCEPTION');
    assert.match(e.message, /^Only a doctor who attended can evaluate the event/);
    await create('CME_Attendance__c', await attendance({ Feedback_Rating__c: 4 }));
  });

  it("refuses an evaluation completed before the event's start (Event__r.Start__c), to the millisecond", async () => {
    // The event starts 2027-02-10T04:00:00.000Z (submittableEventFields).
    const early = await refusal(await attendance({ ...COMPLETE, Evaluated_On__c: '2027-02-10T03:59:59.999Z' }));
    assert.equal(early.errorCode, 'FIELD_CUSTOM_VALIDATION_EXCEPTION');
    assert.equal(
      early.message,
      "An evaluation cannot be completed before the event starts. Check Evaluated On against the event's start.",
    );
    assert.deepEqual(early.fields, ['Evaluated_On__c']);
    const id = await create(
      'CME_Attendance__c',
      await attendance({ ...COMPLETE, Evaluated_On__c: '2027-02-10T04:00:00.000Z' }),
    );
    const moved = await call('PATCH', `sobjects/CME_Attendance__c/${id}`, {
      Evaluated_On__c: '2027-02-09T10:00:00.000Z',
    });
    assert.equal(moved.status, 400);
  });

  it('refuses a practice-change answer outside Yes, No, Unsure (a restricted picklist)', async () => {
    const e = await refusal(await attendance({ ...COMPLETE, Evaluation_Practice_Change__c: 'Maybe' }));
    assert.equal(e.errorCode, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
  });
});

describe('local org: the credit terms of an approved or held event are locked', () => {
  const ADMIN = 'admin-token-credit-lock';
  let org: LocalOrg;
  let base: string;
  let repToken: string;
  let repId: string;

  before(async () => {
    const cast = await startOrgWithCast(ADMIN);
    ({ org, base } = cast);
    repToken = cast.users.rep.accessToken;
    repId = cast.users.rep.id;
  });
  after(() => org.stop());

  async function event(status: string): Promise<string> {
    const pack = await restCall(base, ADMIN, 'POST', 'sobjects/CME_Rule_Pack__c', {
      Name: `Pack ${status}`,
      Code__c: `LOCK-${status.toUpperCase()}`,
      Currency_Code__c: 'INR',
    });
    const fields = submittableEventFields((pack.body as { id: string }).id, {
      Status__c: status,
      OwnerId: repId,
      Accredited__c: true,
      Accreditation_Provider__c: 'Test Accreditor',
      Accreditation_Credits__c: 2,
    });
    const res = await restCall(base, ADMIN, 'POST', 'sobjects/CME_Event__c', fields);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return (res.body as { id: string }).id;
  }

  for (const status of ['Approved', 'Completed', 'Closed'])
    it(`refuses a rep changing the designated credits or the evaluation requirement of a ${status} event; an admin may`, async () => {
      const id = await event(status);
      for (const change of [{ Accreditation_Credits__c: 3 }, { Evaluation_Required__c: true }]) {
        const refused = await restCall(base, repToken, 'PATCH', `sobjects/CME_Event__c/${id}`, change);
        assert.equal(refused.status, 400, `${status} ${JSON.stringify(change)}: ${JSON.stringify(refused.body)}`);
        const error = (refused.body as RestError[])[0];
        assert.equal(error.errorCode, 'FIELD_CUSTOM_VALIDATION_EXCEPTION');
        assert.match(error.message, /credits|evaluation requirement/);
        const allowed = await restCall(base, ADMIN, 'PATCH', `sobjects/CME_Event__c/${id}`, change);
        assert.equal(allowed.status, 204, JSON.stringify(allowed.body));
      }
    });
});
