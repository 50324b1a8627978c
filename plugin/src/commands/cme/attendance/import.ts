import fs from 'node:fs';
import { Messages, SfError } from '@salesforce/core';
import type { Messages as MessagesOf } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { AttendanceImportError, importAttendance } from '../../../attendance/org.ts';
import type { AttendanceImportOutcome, ImportProgress } from '../../../attendance/org.ts';
import type { AttendancePlanCounts, ReviewEntry } from '../../../attendance/plan.ts';
import { reviewCsv, reviewFileProblem, writeFileAtomically } from '../../../attendance/review.ts';
import { AttendanceFileError } from '../../../attendance/types.ts';
import { OrgApi, OrgApiError } from '../../../org/api.ts';
import {
  ATTENDANCE_DATE_ORDERS,
  ATTENDANCE_SOURCE_OPTIONS,
  resolveAttendanceImportFlags,
} from '../../../schema/attendanceImport.ts';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@cme/plugin-cme', 'cme.attendance.import');

/** A person of the report, as the result lists them. */
export interface ImportedPerson {
  name: string;
  email: string | null;
  lines: number[];
  minutes: number;
  doctorId: string;
}

export interface CmeAttendanceImportResult {
  event: { id: string; key: string | null; name: string; format: string | null };
  file: string;
  source: string;
  encoding: string;
  dryRun: boolean;
  counts: AttendancePlanCounts & { written: number; failed: number; notSent: number };
  /** Records written (or, on a dry run, that would be), with what changed. */
  writes: (ImportedPerson & {
    key: string;
    id: string | null;
    change: 'create' | 'update';
    match: 'invited' | 'walk-in';
    previousMinutes: number | null;
    status: 'written' | 'planned' | 'failed' | 'not-sent';
  })[];
  /** Matched people whose attendance stays as it is, and why. */
  kept: (ImportedPerson & {
    key: string | null;
    reason: 'unchanged' | 'in-person' | 'longer-on-record';
    recordedMinutes: number | null;
  })[];
  /** Everyone not written, as in the review CSV. */
  review: {
    name: string;
    email: string | null;
    lines: number[];
    minutes: number;
    reason: string;
    detail: string | null;
    candidates: { doctorId: string; name: string; email: string | null; invited: boolean }[];
  }[];
  reviewFile: string;
  apiCalls: number;
}

/** AttendanceFileError kinds → message keys. */
const FILE_ERROR_KEYS = {
  encoding: 'FileEncoding',
  'unknown-source': 'FileUnknownSource',
  'missing-column': 'FileMissingColumn',
  'bad-value': 'FileBadValue',
  empty: 'FileEmpty',
} as const;

function progressText(progress: ImportProgress): string {
  if (progress.step === 'reading') return messages.getMessage('info.reading', [progress.event]);
  if (progress.step === 'matching')
    return messages.getMessage('info.matching', [progress.participants, progress.invitations]);
  return messages.getMessage('info.writing', [progress.done, progress.total]);
}

/** The command's result from what the import did. */
export function importResult(
  outcome: AttendanceImportOutcome,
  file: string,
  reviewFile: string,
  dryRun: boolean,
): CmeAttendanceImportResult {
  const { plan, writes } = outcome;
  const person = (p: {
    name: string;
    email: string | null;
    lines: readonly number[];
    attended: { minutes: number };
  }) => ({
    name: p.name,
    email: p.email,
    lines: [...p.lines],
    minutes: p.attended.minutes,
  });
  const written = new Map((writes?.written ?? []).map((w) => [w.write, w.id]));
  const failed = new Set((writes?.failed ?? []).map((f) => f.write));
  const notSent = new Set(writes?.notSent ?? []);
  return {
    event: { id: outcome.event.id, key: outcome.event.key, name: outcome.event.name, format: outcome.event.format },
    file,
    source: outcome.report.source,
    encoding: outcome.report.encoding,
    dryRun,
    counts: {
      ...plan.counts,
      written: writes?.written.length ?? 0,
      failed: writes?.failed.length ?? 0,
      notSent: writes?.notSent.length ?? 0,
    },
    writes: plan.writes.map((w) => ({
      ...person(w.person),
      doctorId: w.doctorId,
      key: w.key,
      id: written.get(w) ?? w.existingId,
      change: w.change,
      match: w.match,
      previousMinutes: w.previousMinutes,
      status: dryRun
        ? 'planned'
        : written.has(w)
          ? 'written'
          : failed.has(w)
            ? 'failed'
            : notSent.has(w)
              ? 'not-sent'
              : 'planned',
    })),
    kept: plan.kept.map((k) => ({
      ...person(k.person),
      doctorId: k.doctorId,
      key: k.key,
      reason: k.reason,
      recordedMinutes: k.recordedMinutes,
    })),
    review: outcome.review.map((r: ReviewEntry) => ({
      ...person(r.person),
      reason: r.reason,
      detail: r.detail ?? null,
      candidates: r.candidates.map((c) => ({
        doctorId: c.doctorId,
        name: [c.firstName, c.lastName].filter(Boolean).join(' '),
        email: c.email,
        invited: c.invitationId !== null,
      })),
    })),
    reviewFile,
    apiCalls: outcome.apiCalls,
  };
}

/** What went wrong, as an SfError with its action from the messages file. */
export function explainImportError(
  error: unknown,
  file: string,
  orgName: string,
  m: MessagesOf<string> = messages,
): Error {
  if (error instanceof AttendanceImportError) return m.createError(`error.${error.code}`, error.params, [], 1);
  if (error instanceof AttendanceFileError)
    return m.createError(`error.${FILE_ERROR_KEYS[error.kind]}`, [file, error.message], [], 1);
  if (error instanceof OrgApiError) {
    if (error.errorCode === 'INVALID_SESSION_ID')
      return m.createError('error.session', [orgName, error.message], [], 1);
    return m.createError('error.api', [error.message, error.errorCode], [], 1);
  }
  return error as Error;
}

export default class CmeAttendanceImport extends SfCommand<CmeAttendanceImportResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    event: Flags.string({ summary: messages.getMessage('flags.event.summary'), char: 'e', required: true }),
    file: Flags.file({ summary: messages.getMessage('flags.file.summary'), char: 'f', required: true, exists: true }),
    source: Flags.option({
      summary: messages.getMessage('flags.source.summary'),
      options: ATTENDANCE_SOURCE_OPTIONS,
      default: 'auto',
    })(),
    'dry-run': Flags.boolean({ summary: messages.getMessage('flags.dry-run.summary'), default: false }),
    'review-file': Flags.string({ summary: messages.getMessage('flags.review-file.summary') }),
    'time-zone': Flags.string({ summary: messages.getMessage('flags.time-zone.summary') }),
    'date-order': Flags.option({
      summary: messages.getMessage('flags.date-order.summary'),
      options: ATTENDANCE_DATE_ORDERS,
    })(),
  };

  public async run(): Promise<CmeAttendanceImportResult> {
    const { flags } = await this.parse(CmeAttendanceImport);
    const resolved = resolveAttendanceImportFlags({
      event: flags.event,
      file: flags.file,
      source: flags.source,
      reviewFile: flags['review-file'],
      dryRun: flags['dry-run'],
      timeZone: flags['time-zone'],
      dateOrder: flags['date-order'],
    });
    if ('problems' in resolved)
      throw messages.createError('error.invalidFlags', [resolved.problems.map((p) => `  ${p}`).join('\n')]);
    let bytes: Uint8Array;
    try {
      bytes = fs.readFileSync(resolved.file);
    } catch (error) {
      throw messages.createError('error.FileUnreadable', [resolved.file, (error as Error).message]);
    }
    // The review file is written after the records: a folder it cannot go in fails now, before the org is touched.
    const unwritable = reviewFileProblem(resolved.reviewFile);
    if (unwritable) throw messages.createError('error.ReviewFileUnwritable', [resolved.reviewFile, unwritable]);
    const org = flags['target-org'];
    const api = new OrgApi(org.getConnection(flags['api-version']));
    this.spinner.start(messages.getMessage('info.reading', [resolved.event]));
    let outcome: AttendanceImportOutcome;
    try {
      outcome = await importAttendance(api, {
        event: resolved.event,
        bytes,
        source: resolved.source,
        dryRun: resolved.dryRun,
        timeZone: resolved.timeZone,
        dateOrder: resolved.dateOrder,
        onProgress: (progress) => (this.spinner.status = progressText(progress)),
      });
    } catch (error) {
      this.spinner.stop('failed');
      throw explainImportError(error, resolved.file, org.getUsername() ?? org.getOrgId());
    }
    this.spinner.stop('done');
    writeFileAtomically(resolved.reviewFile, reviewCsv(outcome.review));
    const result = importResult(outcome, resolved.file, resolved.reviewFile, resolved.dryRun);
    this.report(result);
    const c = result.counts;
    if (c.failed || c.notSent) {
      const stopped = outcome.writes?.stoppedBy ? ` (${outcome.writes.stoppedBy})` : '';
      const error = messages.createError('error.WritesFailed', [
        c.written,
        c.create + c.update,
        c.failed,
        c.notSent,
        stopped,
        resolved.reviewFile,
      ]);
      // --json shows what was written and what was not with the error.
      error.setData(result as unknown as Parameters<SfError['setData']>[0]);
      throw error;
    }
    return result;
  }

  private report(result: CmeAttendanceImportResult): void {
    const c = result.counts;
    if (result.review.length) {
      this.log(messages.getMessage('info.review', [result.review.length, result.reviewFile]));
      this.table({
        data: result.review.map((r) => ({
          name: r.name,
          email: r.email ?? '',
          lines: r.lines.join(' '),
          reason: r.reason,
          candidates: r.candidates.map((x) => x.name).join(' | '),
        })),
      });
    }
    const kept = result.kept.filter((k) => k.reason !== 'unchanged');
    if (kept.length) {
      this.log(messages.getMessage('info.kept', [kept.length]));
      this.table({
        data: kept.map((k) => ({
          name: k.name,
          email: k.email ?? '',
          reason: k.reason,
          minutesInReport: k.minutes,
          minutesOnRecord: k.recordedMinutes ?? '',
        })),
      });
    }
    if (c.keptLonger) this.warn(messages.getMessage('info.keptLonger', [c.keptLonger]));
    const label = `${result.event.key ?? result.event.id}`;
    if (result.dryRun) this.log(messages.getMessage('info.planned', [label, result.event.name]));
    else this.log(messages.getMessage('info.done', [result.source, label, result.event.name]));
    this.log(
      messages.getMessage('info.counts', [
        c.create,
        c.update,
        c.unchanged,
        c.keptInPerson,
        c.keptLonger,
        c.review,
        c.ambiguous,
        c.unmatched,
        result.reviewFile,
        result.apiCalls,
      ]),
    );
  }
}
