// Bulk job info shapes: the JSON Salesforce answers for a job when created, listed, changed or read.
import { formatDateTime } from '../values.ts';
import type { JobRow } from './store.ts';

const apiVersionNumber = (job: JobRow) => Number(job.api_version);
const timestamp = (iso: string) => formatDateTime(iso);

function baseInfo(job: JobRow) {
  return {
    id: job.id,
    operation: job.operation,
    object: job.object,
    createdById: job.created_by,
    createdDate: timestamp(job.created_date),
    systemModstamp: timestamp(job.system_modstamp),
    state: job.state,
  };
}

function ingestExtras(job: JobRow) {
  return {
    ...(job.operation === 'upsert' && job.external_id_field ? { externalIdFieldName: job.external_id_field } : {}),
    ...(job.assignment_rule_id ? { assignmentRuleId: job.assignment_rule_id } : {}),
  };
}

const contentUrl = (job: JobRow) => `services/data/v${job.api_version}/jobs/ingest/${job.id}/batches`;
/** The settings every job answer carries after its base fields. */
const jobSettings = (job: JobRow) => ({
  concurrencyMode: 'Parallel',
  contentType: 'CSV',
  apiVersion: apiVersionNumber(job),
});
/** The CSV format of the job's data: the last two fields of the answers that carry them. */
const dataFormat = (job: JobRow) => ({ lineEnding: job.line_ending, columnDelimiter: job.column_delimiter });

/** The answer to Create Job. */
export function ingestCreatedInfo(job: JobRow) {
  return { ...ingestStateInfo(job), contentUrl: contentUrl(job), ...dataFormat(job) };
}

/** The answer to a state change (close or abort): the job without its data settings. */
export function ingestStateInfo(job: JobRow) {
  return { ...baseInfo(job), ...ingestExtras(job), ...jobSettings(job) };
}

/** An entry of Get All Jobs. */
export function ingestListInfo(job: JobRow) {
  return {
    ...ingestStateInfo(job),
    jobType: 'V2Ingest',
    ...(job.state === 'Open' ? { contentUrl: contentUrl(job) } : {}),
    ...dataFormat(job),
  };
}

/** Get Job Info: the entry plus counters and timings. */
export function ingestFullInfo(job: JobRow) {
  return {
    ...ingestListInfo(job),
    numberRecordsProcessed: job.records_processed,
    numberRecordsFailed: job.records_failed,
    retries: 0,
    totalProcessingTime: processingTime(job),
    apiActiveProcessingTime: Math.round(job.active_processing_ms),
    apexProcessingTime: 0,
    ...(job.state === 'Failed' && job.error_message ? { errorMessage: job.error_message } : {}),
  };
}

export function queryStateInfo(job: JobRow) {
  return { ...baseInfo(job), ...jobSettings(job) };
}

export function queryCreatedInfo(job: JobRow) {
  return { ...queryStateInfo(job), ...dataFormat(job) };
}

export function queryListInfo(job: JobRow) {
  return { ...queryStateInfo(job), jobType: 'V2Query', ...dataFormat(job) };
}

/** Get query job info. Salesforce gives no errorMessage for failed query jobs (jsforce notes it too). */
export function queryFullInfo(job: JobRow) {
  return {
    ...queryListInfo(job),
    numberRecordsProcessed: job.records_processed,
    retries: 0,
    totalProcessingTime: processingTime(job),
    isPkChunkingSupported: true,
  };
}

function processingTime(job: JobRow): number {
  if (job.started_ms !== null && job.state === 'InProgress') return Math.round(Date.now() - job.started_ms);
  return Math.round(job.total_processing_ms);
}
