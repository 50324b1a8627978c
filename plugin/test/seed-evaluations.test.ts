// Seeded evaluations: a realistic spread on the attendances of finished events (most completed, some
// started, some never), none elsewhere, Evaluation Required on some accredited events only, and every
// seeded evaluation accepted by the org's validation rules.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Connection } from '@salesforce/core';
import { parseSeedPlan } from '../src/schema/seedPlan.ts';
import type { SeedPlan } from '../src/schema/seedPlan.ts';
import { generateSeedData, seedWindow } from '../src/seed/generate.ts';
import type { SeedData, SeedRecord } from '../src/seed/generate.ts';
import {
  EVALUATED_STATUSES,
  EVALUATION_FIELDS,
  EVALUATION_SHARES,
  addEvaluations,
  evaluationOf,
} from '../src/seed/evaluations.ts';
import { Faker, en } from '@faker-js/faker';
import { loadSeedData } from '../src/seed/load.ts';
import { connectionOrg } from '../src/seed/connectionOrg.ts';
import { PACKS } from './packs.ts';
import { plantedPlan, startOrgWithPacks } from './localOrg.ts';
import type { LocalOrg } from '../../scripts/src/localorg/server.ts';

const TODAY = new Date('2026-11-24T00:00:00Z');

function plan(input: unknown = {}): SeedPlan {
  const result = parseSeedPlan(input, TODAY);
  if ('problems' in result) throw new Error(result.problems.join('; '));
  return result.plan;
}

const eventKeyOf = (attendance: SeedRecord) => (attendance.Event__r as { Event_Key__c: string }).Event_Key__c;
const completed = (a: SeedRecord) => a.Evaluated_On__c !== null;
const started = (a: SeedRecord) => !completed(a) && EVALUATION_FIELDS.some((f) => a[f] !== null);

/** The attendances of events that are over (Completed or Closed). */
function attendanceOfFinishedEvents(data: SeedData): SeedRecord[] {
  const status = new Map(data.events.map((e) => [String(e.Event_Key__c), String(e.Status__c)]));
  return data.attendance.filter((a) => EVALUATED_STATUSES.includes(status.get(eventKeyOf(a))!));
}

describe('seed evaluations', () => {
  const big = plan({ doctors: 400, events: 150, seed: 7 });
  const data = generateSeedData(big, PACKS);
  const finished = attendanceOfFinishedEvents(data);

  it('evaluates most attendances of finished events, leaves some started and some untouched', () => {
    assert.ok(finished.length > 500, `only ${finished.length} attendances of finished events`);
    const share = (n: number) => n / finished.length;
    const done = share(finished.filter(completed).length);
    const partial = share(finished.filter(started).length);
    const none = share(finished.filter((a) => !completed(a) && !started(a)).length);
    assert.ok(Math.abs(done - EVALUATION_SHARES.completed) < 0.05, `completed share ${done}`);
    assert.ok(Math.abs(partial - EVALUATION_SHARES.started) < 0.03, `started share ${partial}`);
    assert.ok(none > 0.08 && none < 0.18, `never-evaluated share ${none}`);
  });

  it('sets every evaluation field on every attendance, null where there is no answer', () => {
    for (const a of data.attendance) for (const f of EVALUATION_FIELDS) assert.ok(f in a, `${f} missing`);
  });

  it('evaluates no attendance of an event that is not over (an approved event being checked in)', () => {
    const event = (key: string, status: string) => ({
      Event_Key__c: key,
      Status__c: status,
      End__c: '2026-06-01T12:00:00.000Z',
      Accredited__c: false,
    });
    const attendance = (key: string) =>
      Array.from({ length: 40 }, (_, i) => ({ Event__r: { Event_Key__c: key }, Feedback_Rating__c: 1 + (i % 5) }));
    const small = {
      events: [event('EVT-A', 'Approved'), event('EVT-C', 'Completed')],
      attendance: [...attendance('EVT-A'), ...attendance('EVT-C')],
    };
    addEvaluations(small, 5, Date.parse('2026-11-24T00:00:00Z'));
    const [approved, done] = [small.attendance.slice(0, 40), small.attendance.slice(40)];
    for (const a of approved as SeedRecord[])
      assert.deepEqual(
        EVALUATION_FIELDS.map((f) => a[f]),
        EVALUATION_FIELDS.map(() => null),
      );
    assert.ok((done as SeedRecord[]).filter(completed).length > 20, 'the completed event is evaluated');
    assert.deepEqual(
      small.events.map((e) => (e as SeedRecord).Evaluation_Required__c),
      [false, false],
    );
  });

  it('gives an attendee who never evaluated a finished event no overall rating; one who started keeps it', () => {
    const none = finished.filter((a) => !completed(a) && !started(a));
    assert.ok(none.length > 0);
    for (const a of none) assert.equal(a.Feedback_Rating__c, null);
    for (const a of finished.filter(started))
      assert.ok(Number.isInteger(a.Feedback_Rating__c) && (a.Feedback_Rating__c as number) >= 1);
    // The engagement score (drawn with the attendance, partly from the check-in rating) stays 0–100.
    for (const a of data.attendance) {
      const score = a.Engagement_Score__c as number;
      assert.ok(Number.isInteger(score) && score >= 0 && score <= 100, String(score));
    }
  });

  it('completes each evaluation with every answer, in range, within a week after the event and before now', () => {
    const ends = new Map(data.events.map((e) => [String(e.Event_Key__c), Date.parse(String(e.End__c))]));
    const { pivot } = seedWindow(big);
    const answers = new Set<unknown>();
    for (const a of finished.filter(completed)) {
      for (const f of ['Feedback_Rating__c', 'Evaluation_Relevance__c', 'Evaluation_Speaker__c']) {
        assert.ok(Number.isInteger(a[f]) && (a[f] as number) >= 1 && (a[f] as number) <= 5, `${f}=${String(a[f])}`);
      }
      answers.add(a.Evaluation_Practice_Change__c);
      const on = Date.parse(String(a.Evaluated_On__c));
      const end = ends.get(eventKeyOf(a))!;
      assert.ok(on > end && on <= end + 7 * 86_400_000 && on < pivot, `${String(a.Evaluated_On__c)}`);
      assert.ok(a.Evaluation_Comments__c === null || String(a.Evaluation_Comments__c).length <= 4000);
    }
    assert.deepEqual([...answers].sort(), ['No', 'Unsure', 'Yes']);
    const withComments = finished.filter((a) => completed(a) && a.Evaluation_Comments__c !== null).length;
    assert.ok(withComments > 0 && withComments < finished.filter(completed).length, 'some comment, not all');
  });

  it('requires the evaluation on some accredited events and never on others', () => {
    const accredited = data.events.filter((e) => e.Accredited__c === true);
    const required = data.events.filter((e) => e.Evaluation_Required__c === true);
    assert.ok(required.length > 0 && required.length < accredited.length, `${required.length} of ${accredited.length}`);
    assert.ok(required.every((e) => e.Accredited__c === true));
    assert.ok(data.events.every((e) => typeof e.Evaluation_Required__c === 'boolean'));
  });

  it('is the same for the same plan', () => {
    assert.deepEqual(generateSeedData(big, PACKS).attendance, data.attendance);
  });

  it('leaves an event that has not ended yet without evaluations, whatever the draw', () => {
    const end = Date.parse('2026-11-24T12:00:00Z');
    for (let seed = 0; seed < 50; seed++) {
      const evaluation = evaluationOf(new Faker({ locale: [en], seed }), 4, end, end - 60_000);
      assert.deepEqual(
        Object.values(evaluation),
        EVALUATION_FIELDS.map(() => null),
      );
    }
  });
});

describe('seed evaluations → local org', () => {
  let org: LocalOrg;
  let conn: Connection;

  before(async () => ({ org, conn } = await startOrgWithPacks()));
  after(() => org.stop());

  it('loads every seeded evaluation through the validation rules, as generated', async () => {
    const data = generateSeedData(plantedPlan(), PACKS);
    const results = await loadSeedData(connectionOrg(conn), data);
    for (const r of results) assert.deepEqual(r.failures, [], `${r.object}: ${JSON.stringify(r.failures.slice(0, 3))}`);
    const count = async (where: string) =>
      (await conn.query(`SELECT Id FROM CME_Attendance__c WHERE ${where}`, { autoFetch: true })).totalSize;
    const generatedCompleted = data.attendance.filter(completed);
    assert.ok(generatedCompleted.length > 0, 'the plan has completed evaluations');
    assert.equal(await count('Evaluated_On__c != null'), generatedCompleted.length);
    assert.equal(
      await count('Evaluated_On__c = null AND Evaluation_Relevance__c != null'),
      data.attendance.filter(started).length,
    );
    const required = await conn.query('SELECT Id FROM CME_Event__c WHERE Evaluation_Required__c = true');
    assert.equal(required.totalSize, data.events.filter((e) => e.Evaluation_Required__c === true).length);
  });
});
