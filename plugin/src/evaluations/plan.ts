// What an evaluations import writes: for each respondent matched to a doctor (matchPeople, as the
// attendance import matches), the evaluation on that doctor's attendance at the event; and what a
// person must look at instead: rows with a bad or missing answer, respondents matching nobody or
// several doctors (or several rows landing on one doctor), doctors with no attendance to evaluate.
// An attendance that already holds the same evaluation is not sent again, so importing a file twice
// writes nothing the second time. Pure: no I/O.
import { emailKey } from '../attendance/match.ts';
import type { MatchCandidate, MatchOutcome } from '../attendance/types.ts';
import type { EvaluationAnswers, SurveyRespondent, SurveyRowProblem } from './survey.ts';

/** An attendance of the event as the org holds it, with its current evaluation. */
export interface AttendanceEvaluation {
  id: string;
  doctorId: string;
  overall: number | null;
  relevance: number | null;
  speaker: number | null;
  practiceChange: string | null;
  comments: string | null;
  /** Evaluated_On__c, ISO 8601 UTC (org/query.ts canonical form), or null when never evaluated. */
  evaluatedOn: string | null;
}

/** The CME_Attendance__c fields an evaluation sets (names fixed by the data model). */
export interface EvaluationFields {
  Feedback_Rating__c: number;
  Evaluation_Relevance__c: number;
  Evaluation_Speaker__c: number;
  Evaluation_Practice_Change__c: string;
  /** Left out when the export has no comments column: comments on record are not cleared by an export without them. */
  Evaluation_Comments__c?: string | null;
  Evaluated_On__c: string;
}

/** One attendance to update, and the survey row it comes from. */
export interface EvaluationUpdate {
  attendanceId: string;
  doctorId: string;
  respondent: SurveyRespondent;
  fields: EvaluationFields;
}

export type EvaluationReviewReason =
  'invalid' | 'ambiguous' | 'unmatched' | 'no-attendance' | 'undated-conflict' | 'refused' | 'not-sent';

/** A row a person must look at: where it is, what is wrong and what to do (a row problem's fields, with the lines and the doctors it may be). */
export interface EvaluationReviewEntry extends Omit<SurveyRowProblem, 'line'> {
  reason: EvaluationReviewReason;
  lines: readonly number[];
  candidates: readonly MatchCandidate[];
}

export interface EvaluationPlanCounts {
  /** Rows that read cleanly. */
  respondents: number;
  /** Rows with a bad or missing answer (a row with two problems counts once). */
  invalid: number;
  matched: number;
  ambiguous: number;
  unmatched: number;
  noAttendance: number;
  toWrite: number;
  unchanged: number;
  /** Attendances whose evaluation on record is as new as the row or newer: kept. */
  kept: number;
  /** Rows without a timestamp whose answers differ from an evaluation on record: listed, not written. */
  undated: number;
}

/** An attendance whose evaluation stays: Evaluated_On__c is at or after the row's timestamp. */
export interface KeptEvaluation {
  attendanceId: string;
  doctorId: string;
  line: number;
  reason: 'a newer evaluation is on record';
  /** Evaluated_On__c on record and the row's timestamp, ISO 8601 UTC. */
  evaluatedOn: string;
  submittedAt: string;
}

export interface EvaluationPlan {
  updates: EvaluationUpdate[];
  unchanged: { attendanceId: string; doctorId: string; line: number }[];
  kept: KeptEvaluation[];
  review: EvaluationReviewEntry[];
  counts: EvaluationPlanCounts;
}

export interface EvaluationPlanInput {
  problems: readonly SurveyRowProblem[];
  /** matchPeople's outcomes for the file's respondents, one per respondent. */
  outcomes: readonly MatchOutcome<SurveyRespondent>[];
  attendances: readonly AttendanceEvaluation[];
  /** Evaluated_On__c for a row without a timestamp, when the attendance has no evaluation to keep. */
  now: Date;
  /** Whether the export has a comments column: without one, the comments on record are left as they are. */
  hasComments: boolean;
}

/** Whether the attendance already holds these answers (the timestamp is compared separately; comments only when the export has them). */
function sameAnswers(current: AttendanceEvaluation, answers: EvaluationAnswers, hasComments: boolean): boolean {
  return (
    current.overall === answers.overall &&
    current.relevance === answers.relevance &&
    current.speaker === answers.speaker &&
    current.practiceChange === answers.practiceChange &&
    (!hasComments || (current.comments ?? null) === (answers.comments ?? null))
  );
}

/**
 * Evaluated_On__c: the survey's timestamp when the row has one; otherwise the attendance's own, when
 * it already holds these answers (so a re-import without timestamps changes nothing), else now.
 */
function evaluatedOn(
  respondent: SurveyRespondent,
  current: AttendanceEvaluation,
  now: Date,
  hasComments: boolean,
): string {
  if (respondent.submittedAt) return respondent.submittedAt.toISOString();
  if (current.evaluatedOn && sameAnswers(current, respondent.answers, hasComments)) return current.evaluatedOn;
  return now.toISOString();
}

export function evaluationFields(
  respondent: SurveyRespondent,
  current: AttendanceEvaluation,
  now: Date,
  hasComments = true,
): EvaluationFields {
  const a = respondent.answers;
  return {
    Feedback_Rating__c: a.overall,
    Evaluation_Relevance__c: a.relevance,
    Evaluation_Speaker__c: a.speaker,
    Evaluation_Practice_Change__c: a.practiceChange,
    ...(hasComments ? { Evaluation_Comments__c: a.comments } : {}),
    Evaluated_On__c: evaluatedOn(respondent, current, now, hasComments),
  };
}

/** Whether writing `fields` would change the attendance. */
export function changesAttendance(fields: EvaluationFields, current: AttendanceEvaluation): boolean {
  return (
    fields.Feedback_Rating__c !== current.overall ||
    fields.Evaluation_Relevance__c !== current.relevance ||
    fields.Evaluation_Speaker__c !== current.speaker ||
    fields.Evaluation_Practice_Change__c !== current.practiceChange ||
    ('Evaluation_Comments__c' in fields && (fields.Evaluation_Comments__c ?? null) !== (current.comments ?? null)) ||
    current.evaluatedOn === null ||
    Date.parse(current.evaluatedOn) !== Date.parse(fields.Evaluated_On__c)
  );
}

const doctorName = (c: MatchCandidate) => [c.firstName, c.lastName].filter(Boolean).join(' ');

function entryOf(
  respondent: SurveyRespondent,
  reason: EvaluationReviewReason,
  problem: string,
  fix: string,
  candidates: readonly MatchCandidate[] = [],
): EvaluationReviewEntry {
  return {
    reason,
    lines: respondent.lines,
    name: respondent.name,
    email: respondent.email,
    column: null,
    value: null,
    problem,
    fix,
    candidates,
  };
}

/** Why an ambiguous respondent is ambiguous: several doctors fit, or other rows land on the same doctor. */
function ambiguousEntry(
  outcome: Extract<MatchOutcome<SurveyRespondent>, { kind: 'ambiguous' }>,
  linesByDoctor: ReadonlyMap<string, number[]>,
): EvaluationReviewEntry {
  const { person, candidates, by } = outcome;
  if (candidates.length === 1) {
    const others = (linesByDoctor.get(candidates[0].doctorId) ?? []).filter((line) => !person.lines.includes(line));
    return entryOf(
      person,
      'ambiguous',
      `other rows of the file (line ${others.join(', ')}) are the same doctor, ${doctorName(candidates[0])}`,
      "keep one row per doctor in the file (delete the other submission), or enter the evaluation on the event's Evaluations tab",
      candidates,
    );
  }
  const what = by === 'email' ? 'e-mail' : 'name';
  // matchPeople also makes a name that fits an invited doctor ambiguous when the e-mail is another Contact's.
  const emailOwner = candidates.find((c) => emailKey(c.email) !== '' && emailKey(c.email) === emailKey(person.email));
  if (by === 'name' && emailOwner)
    return entryOf(
      person,
      'ambiguous',
      `the name fits ${candidates
        .filter((c) => c !== emailOwner)
        .map(doctorName)
        .join(', ')} (invited) but the e-mail is ${doctorName(emailOwner)}'s Contact`,
      "decide which doctor answered, then enter the evaluation on the event's Evaluations tab (or correct the e-mail in the file)",
      candidates,
    );
  return entryOf(
    person,
    'ambiguous',
    `the ${what} fits ${candidates.length} doctors: ${candidates.map(doctorName).join(', ')}`,
    `write the respondent's Contact e-mail in the file so one doctor fits, or enter the evaluation on the event's Evaluations tab`,
    candidates,
  );
}

/**
 * The plan: rows with problems listed as they are; each matched respondent's evaluation on their
 * doctor's one attendance at the event, unless it is already there; everyone else listed with why.
 */
export function planEvaluations(input: EvaluationPlanInput): EvaluationPlan {
  const review: EvaluationReviewEntry[] = input.problems.map((p) => ({
    reason: 'invalid',
    lines: [p.line],
    name: p.name,
    email: p.email,
    column: p.column,
    value: p.value,
    problem: p.problem,
    fix: p.fix,
    candidates: [],
  }));
  const attendancesByDoctor = new Map<string, AttendanceEvaluation[]>();
  for (const attendance of input.attendances) {
    const list = attendancesByDoctor.get(attendance.doctorId) ?? [];
    list.push(attendance);
    attendancesByDoctor.set(attendance.doctorId, list);
  }
  // Which rows matchPeople put on each doctor, to name the others when several rows share one.
  const linesByDoctor = new Map<string, number[]>();
  for (const outcome of input.outcomes) {
    const doctors =
      outcome.kind === 'ambiguous' ? outcome.candidates : outcome.kind === 'unmatched' ? [] : [outcome.candidate];
    for (const doctor of doctors)
      linesByDoctor.set(doctor.doctorId, [...(linesByDoctor.get(doctor.doctorId) ?? []), ...outcome.person.lines]);
  }
  const plan: EvaluationPlan = {
    updates: [],
    unchanged: [],
    kept: [],
    review,
    counts: {
      respondents: input.outcomes.length,
      invalid: new Set(input.problems.map((p) => p.line)).size,
      matched: 0,
      ambiguous: 0,
      unmatched: 0,
      noAttendance: 0,
      toWrite: 0,
      unchanged: 0,
      kept: 0,
      undated: 0,
    },
  };
  for (const outcome of input.outcomes) {
    if (outcome.kind === 'ambiguous') {
      plan.counts.ambiguous++;
      review.push(ambiguousEntry(outcome, linesByDoctor));
      continue;
    }
    if (outcome.kind === 'unmatched') {
      plan.counts.unmatched++;
      review.push(
        entryOf(
          outcome.person,
          'unmatched',
          'matches no invited doctor (by e-mail, then name) and no Contact by e-mail',
          "correct the e-mail or name to the doctor's Contact, or add this e-mail to the doctor's Contact, then import again",
        ),
      );
      continue;
    }
    const { person, candidate } = outcome;
    const attendances = attendancesByDoctor.get(candidate.doctorId) ?? [];
    if (attendances.length !== 1) {
      plan.counts.noAttendance += attendances.length === 0 ? 1 : 0;
      plan.counts.ambiguous += attendances.length > 1 ? 1 : 0;
      review.push(
        attendances.length === 0
          ? entryOf(
              person,
              'no-attendance',
              `no attendance: an evaluation needs one (${doctorName(candidate)} has no attendance at this event)`,
              'record the attendance first (the check-in screen or sf cme attendance import), then import the evaluations again',
              [candidate],
            )
          : entryOf(
              person,
              'ambiguous',
              `${doctorName(candidate)} has ${attendances.length} attendances at this event`,
              'delete the duplicate attendance, then import again',
              [candidate],
            ),
      );
      continue;
    }
    plan.counts.matched++;
    const [current] = attendances;
    const fields = evaluationFields(person, current, input.now, input.hasComments);
    const ids = { attendanceId: current.id, doctorId: candidate.doctorId };
    if (!changesAttendance(fields, current)) {
      plan.unchanged.push({ ...ids, line: person.line });
      continue;
    }
    // An evaluation on record is only replaced by a newer one: an older export (or a re-import after
    // the doctor corrected their answers on the Evaluations tab) must not overwrite it.
    if (current.evaluatedOn !== null && person.submittedAt !== null) {
      if (Date.parse(current.evaluatedOn) >= person.submittedAt.getTime()) {
        plan.kept.push({
          ...ids,
          line: person.line,
          reason: 'a newer evaluation is on record',
          evaluatedOn: new Date(current.evaluatedOn).toISOString(),
          submittedAt: person.submittedAt.toISOString(),
        });
        continue;
      }
    } else if (current.evaluatedOn !== null) {
      // No timestamp: nothing says which of the two evaluations is the doctor's latest.
      review.push(
        entryOf(
          person,
          'undated-conflict',
          `the org holds a different evaluation (evaluated on ${new Date(current.evaluatedOn).toISOString()}); the export has no timestamp to say which is newer`,
          "compare the two and enter the right one on the event's Evaluations tab, or export the survey with its timestamp column and import again",
          [candidate],
        ),
      );
      plan.counts.undated++;
      continue;
    }
    plan.updates.push({ ...ids, respondent: person, fields });
  }
  plan.counts.toWrite = plan.updates.length;
  plan.counts.unchanged = plan.unchanged.length;
  plan.counts.kept = plan.kept.length;
  return plan;
}
