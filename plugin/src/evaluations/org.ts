// The org side of `sf cme evaluations import`, through plugin/src/org/api.ts (every call counted): the
// event's attendance with its current evaluation, read in pages, and the evaluations written as sObject
// Collections updates, 200 records per call. The event, its invited doctors and the Contacts by e-mail
// are read as the attendance import reads them (attendance/org.ts).
//
// sObject Collections update ("Update Records Using sObject Collections",
// https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_update.htm):
// PATCH /composite/sobjects with up to 200 records, each with attributes.type and Id; with allOrNone
// false each record succeeds or fails on its own and the results come back in request order. Each
// evaluation is independent of the others, so one refused record (a validation rule) must not hold
// back the rest of its call.
import { COLLECTION_LIMIT } from '../attendance/org.ts';
import type { OrgApi } from '../org/api.ts';
import { queryPages, soqlString } from '../org/query.ts';
import type { FlatRow } from '../org/query.ts';
import { parseCollectionResults } from '../schema/attendanceImport.ts';
import type { CollectionResult } from '../schema/attendanceImport.ts';
import type { AttendanceEvaluation, EvaluationUpdate } from './plan.ts';

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const number = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/** The event's attendance with the evaluation each holds. */
export async function readAttendanceEvaluations(api: OrgApi, eventId: string): Promise<AttendanceEvaluation[]> {
  const rows: FlatRow[] = [];
  const spec = {
    object: 'CME_Attendance__c',
    fields: {
      Id: 'string',
      Doctor__c: 'string',
      Feedback_Rating__c: 'number',
      Evaluation_Relevance__c: 'number',
      Evaluation_Speaker__c: 'number',
      Evaluation_Practice_Change__c: 'string',
      Evaluation_Comments__c: 'string',
      Evaluated_On__c: 'datetime',
    },
    where: `Event__c = ${soqlString(eventId)}`,
    orderBy: 'Id',
  } as const;
  for await (const page of queryPages(api, spec, { bulk: 'auto', bulkAbove: 10_000, pollMs: 50 })) rows.push(...page);
  return rows
    .filter((r) => r.Doctor__c)
    .map((r) => ({
      id: String(r.Id),
      doctorId: String(r.Doctor__c),
      overall: number(r.Feedback_Rating__c),
      relevance: number(r.Evaluation_Relevance__c),
      speaker: number(r.Evaluation_Speaker__c),
      practiceChange: text(r.Evaluation_Practice_Change__c),
      comments: text(r.Evaluation_Comments__c),
      evaluatedOn: text(r.Evaluated_On__c),
    }));
}

export interface RefusedEvaluation {
  update: EvaluationUpdate;
  /** The org's own error for the record (a validation rule's message, say). */
  message: string;
}

export interface EvaluationWriteResult {
  written: EvaluationUpdate[];
  refused: RefusedEvaluation[];
  /** Not sent, or sent without an answer, because a call failed outright: importing again is safe. */
  notSent: EvaluationUpdate[];
  /** The error that stopped the writes, when one did. */
  stoppedBy: string | null;
}

function refusalMessage(result: CollectionResult | undefined): string {
  const errors = result?.errors ?? [];
  if (!errors.length) return 'the org gave no result for this record';
  return errors
    .map((e) => `${e.statusCode ?? 'ERROR'}: ${e.message ?? ''}${e.fields?.length ? ` (${e.fields.join(', ')})` : ''}`)
    .join('; ');
}

/**
 * Sends the updates, 200 per call, each record on its own (allOrNone false). Refused records are listed
 * with the org's error; a call that fails outright stops the writes, and what was not sent is listed.
 */
export async function writeEvaluations(
  api: OrgApi,
  updates: readonly EvaluationUpdate[],
  onProgress?: (done: number, total: number) => void,
): Promise<EvaluationWriteResult> {
  const result: EvaluationWriteResult = { written: [], refused: [], notSent: [], stoppedBy: null };
  for (let start = 0; start < updates.length; start += COLLECTION_LIMIT) {
    const part = updates.slice(start, start + COLLECTION_LIMIT);
    let answers: CollectionResult[] | { problem: string };
    try {
      const body = await api.json<unknown>({
        method: 'PATCH',
        path: api.dataPath('/composite/sobjects'),
        body: {
          allOrNone: false,
          records: part.map((u) => ({ attributes: { type: 'CME_Attendance__c' }, Id: u.attendanceId, ...u.fields })),
        },
      });
      answers = parseCollectionResults(body, part.length);
    } catch (error) {
      answers = { problem: (error as Error).message };
    }
    if (!Array.isArray(answers)) {
      result.stoppedBy = answers.problem;
      result.notSent = updates.slice(start);
      return result;
    }
    part.forEach((update, i) => {
      if (answers[i]?.success) result.written.push(update);
      else result.refused.push({ update, message: refusalMessage(answers[i]) });
    });
    onProgress?.(start + part.length, updates.length);
  }
  return result;
}
