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
  Evaluation_Comments__c: string | null;
  Evaluated_On__c: string;
}

/** One attendance to update, and the survey row it comes from. */
export interface EvaluationUpdate {
  attendanceId: string;
  doctorId: string;
  respondent: SurveyRespondent;
  fields: EvaluationFields;
}

export type EvaluationReviewReason = 'invalid' | 'ambiguous' | 'unmatched' | 'no-attendance' | 'refused' | 'not-sent';

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
}

export interface EvaluationPlan {
  updates: EvaluationUpdate[];
  unchanged: { attendanceId: string; doctorId: string; line: number }[];
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
}

/** Whether the attendance already holds these answers (the timestamp is compared separately). */
function sameAnswers(current: AttendanceEvaluation, answers: EvaluationAnswers): boolean {
  return (
    current.overall === answers.overall &&
    current.relevance === answers.relevance &&
    current.speaker === answers.speaker &&
    current.practiceChange === answers.practiceChange &&
    (current.comments ?? null) === (answers.comments ?? null)
  );
}

/**
 * Evaluated_On__c: the survey's timestamp when the row has one; otherwise the attendance's own, when
 * it already holds these answers (so a re-import without timestamps changes nothing), else now.
 */
function evaluatedOn(respondent: SurveyRespondent, current: AttendanceEvaluation, now: Date): string {
  if (respondent.submittedAt) return respondent.submittedAt.toISOString();
  if (current.evaluatedOn && sameAnswers(current, respondent.answers)) return current.evaluatedOn;
  return now.toISOString();
}

export function evaluationFields(
  respondent: SurveyRespondent,
  current: AttendanceEvaluation,
  now: Date,
): EvaluationFields {
  const a = respondent.answers;
  return {
    Feedback_Rating__c: a.overall,
    Evaluation_Relevance__c: a.relevance,
    Evaluation_Speaker__c: a.speaker,
    Evaluation_Practice_Change__c: a.practiceChange,
    Evaluation_Comments__c: a.comments,
    Evaluated_On__c: evaluatedOn(respondent, current, now),
  };
}

/** Whether writing `fields` would change the attendance. */
export function changesAttendance(fields: EvaluationFields, current: AttendanceEvaluation): boolean {
  return (
    fields.Feedback_Rating__c !== current.overall ||
    fields.Evaluation_Relevance__c !== current.relevance ||
    fields.Evaluation_Speaker__c !== current.speaker ||
    fields.Evaluation_Practice_Change__c !== current.practiceChange ||
    (fields.Evaluation_Comments__c ?? null) !== (current.comments ?? null) ||
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
    const fields = evaluationFields(person, current, input.now);
    if (changesAttendance(fields, current))
      plan.updates.push({ attendanceId: current.id, doctorId: candidate.doctorId, respondent: person, fields });
    else plan.unchanged.push({ attendanceId: current.id, doctorId: candidate.doctorId, line: person.line });
  }
  plan.counts.toWrite = plan.updates.length;
  plan.counts.unchanged = plan.unchanged.length;
  return plan;
}
