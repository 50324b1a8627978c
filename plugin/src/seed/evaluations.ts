// Seeded evaluations: after a completed or closed event most attendees have evaluated it, a few
// started and stopped, the rest never did; and some accredited events require the evaluation before
// a certificate. Drawn from a random stream of their own, so every other seeded record is what it was
// before evaluations existed.
import { Faker, en } from '@faker-js/faker';
import type { SeedRecord } from './generate.ts';

/** Shares of the attendances of a finished event: evaluation completed, started only, the rest none. */
export const EVALUATION_SHARES = { completed: 0.8, started: 0.07 } as const;

/** Share of accredited events whose certificates need a completed evaluation. */
export const EVALUATION_REQUIRED_SHARE = 0.6;

/** The statuses of events that are over, whose attendees are asked to evaluate them. */
export const EVALUATED_STATUSES: readonly string[] = ['Completed', 'Closed'];

/** The fields an evaluation writes, each set or null on every seeded attendance. */
export const EVALUATION_FIELDS = [
  'Evaluation_Relevance__c',
  'Evaluation_Speaker__c',
  'Evaluation_Practice_Change__c',
  'Evaluation_Comments__c',
  'Evaluated_On__c',
] as const;

const MINUTE = 60_000;
const WEEK = 7 * 86_400_000;

/** A separate seed stream: index 16 (the issue evaluations came with) keeps it apart from plan.seed's. */
const EVALUATION_STREAM = 16;

const COMMENTS = [
  'Practical cases I can use in clinic next week.',
  'The speaker answered every question clearly.',
  'Too much content for the time given.',
  'Would like the slides shared after the session.',
  'Good update on the new guidelines.',
  'The dosing tables were the most useful part.',
  'Audio dropped a few times during the second half.',
  'More time for discussion, please.',
  'Relevant to my patients; I will review our protocol.',
  'Already familiar with most of this material.',
] as const;

/**
 * The evaluation fields of one attendance whose event ended at `eventEnd`; `now` bounds when it was
 * done. The overall rating (Feedback_Rating__c, drawn with the attendance) is the evaluation's first
 * question: an attendee who never evaluated the finished event has none, one who started or
 * completed it keeps it.
 */
export function evaluationOf(rng: Faker, overallRating: number, eventEnd: number, now: number): SeedRecord {
  const none: SeedRecord = Object.fromEntries(EVALUATION_FIELDS.map((f) => [f, null]));
  const draw = rng.number.float({ min: 0, max: 1 });
  // An event that has not ended by `now` has no evaluations yet (a rating given at check-in stays).
  if (eventEnd >= now) return none;
  if (draw >= EVALUATION_SHARES.completed + EVALUATION_SHARES.started) return { ...none, Feedback_Rating__c: null };
  // Relevance and speaker follow the overall rating within a point, as real answers tend to.
  const near = (rating: number) => Math.min(5, Math.max(1, rating + rng.helpers.arrayElement([-1, 0, 0, 1])));
  const relevance = near(overallRating);
  const comments = rng.number.float({ min: 0, max: 1 }) < 0.4 ? rng.helpers.arrayElement(COMMENTS) : null;
  if (draw >= EVALUATION_SHARES.completed) {
    // Started and left: the first question answered, nothing completed.
    return { ...none, Evaluation_Relevance__c: relevance, Evaluation_Comments__c: comments };
  }
  // Done within a week of the end, and never later than `now`.
  const latest = Math.min(eventEnd + WEEK, now - MINUTE);
  const evaluatedOn = rng.number.int({ min: Math.min(eventEnd + 5 * MINUTE, latest), max: latest });
  return {
    Evaluation_Relevance__c: relevance,
    Evaluation_Speaker__c: near(overallRating),
    Evaluation_Practice_Change__c: rng.helpers.weightedArrayElement([
      { value: 'Yes', weight: 40 },
      { value: 'Unsure', weight: 35 },
      { value: 'No', weight: 25 },
    ]),
    Evaluation_Comments__c: comments,
    Evaluated_On__c: new Date(Math.floor(evaluatedOn / MINUTE) * MINUTE).toISOString(),
  };
}

/**
 * Adds Evaluation_Required__c to every event (true on a share of the accredited ones) and the
 * evaluation fields to every attendance (evaluated only at finished events), in place. `now` is the
 * seed window's present: nothing is evaluated after it.
 */
export function addEvaluations(
  data: { events: SeedRecord[]; attendance: SeedRecord[] },
  seed: number,
  now: number,
): void {
  const rng = new Faker({ locale: [en] });
  rng.seed([seed, EVALUATION_STREAM]);
  const endOfFinished = new Map<string, number>();
  for (const event of data.events) {
    event.Evaluation_Required__c =
      event.Accredited__c === true && rng.number.float({ min: 0, max: 1 }) < EVALUATION_REQUIRED_SHARE;
    if (EVALUATED_STATUSES.includes(String(event.Status__c)))
      endOfFinished.set(String(event.Event_Key__c), Date.parse(String(event.End__c)));
  }
  for (const attendance of data.attendance) {
    const eventKey = (attendance.Event__r as { Event_Key__c: string }).Event_Key__c;
    const end = endOfFinished.get(eventKey);
    const evaluation =
      end === undefined
        ? Object.fromEntries(EVALUATION_FIELDS.map((f) => [f, null]))
        : evaluationOf(rng, Number(attendance.Feedback_Rating__c), end, now);
    Object.assign(attendance, evaluation);
  }
}
