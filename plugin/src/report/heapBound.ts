// Runs a report builder (the audit pack, a disclosure) in a worker thread whose heap is capped.
//
// Why: under the sf CLI at 1M rows V8 let the builders' garbage pile up to a peak RSS of 839 MB (pack)
// and 927 MB (disclosure), while their live data stays small: both run in-process at 1M rows with the
// whole heap capped at 128 MB, and the same CLI runs with NODE_OPTIONS=--max-old-space-size=320
// peaked at 479 and 496 MB in the same time (measured 2026-12-03, 20,000 HCPs). A command cannot cap
// the CLI's heap; a worker's heap it can (worker_threads `resourceLimits`, Node's documentation).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DisclosureOptions, DisclosureResult } from '../disclosure/build.ts';
import { OrgApiError } from '../org/api.ts';
import type { OrgSession } from '../org/api.ts';
import { ReportError } from './errors.ts';
import { stagingPrefix } from './files.ts';
import type { ComplianceReportOptions, ComplianceReportResult } from './types.ts';
import { workerFileBeside } from './workerFile.ts';

/** The builders the worker can run, with their options (without onProgress) and results. */
export interface Builders {
  compliance: { options: ComplianceReportOptions; result: ComplianceReportResult };
  disclosure: { options: DisclosureOptions; result: DisclosureResult };
}
export type BuilderName = keyof Builders;

/** Old-generation heap of the worker (MB) unless CME_REPORT_HEAP_MB says otherwise: twice what 1M rows need. */
export const DEFAULT_HEAP_MB = 256;

/** What the main thread sends the worker. */
export interface BuildRequest<N extends BuilderName = BuilderName> {
  builder: N;
  session: { instanceUrl: string; accessToken: string; version: string };
  options: Omit<Builders[N]['options'], 'onProgress' | 'now'>;
}

/** A failure as it crosses threads (structured clone keeps an Error's message, not its class). */
export type SentError =
  | { kind: 'report'; code: ReportError['code']; message: string; detail: string[] }
  | { kind: 'api'; message: string; errorCode: string; status: number }
  /** Any other error: its message, and its code where it has one (ENOSPC, EACCES…), which --json shows. */
  | { kind: 'other'; name: string; message: string; stack?: string; code?: string };

export type WorkerMessage =
  | { kind: 'progress'; message: string }
  | { kind: 'refresh' }
  | { kind: 'done'; result: unknown }
  | { kind: 'failed'; error: SentError };

export type MainMessage = { kind: 'session'; accessToken: string } | { kind: 'sessionFailed'; error: SentError };

export function sendError(error: unknown): SentError {
  if (error instanceof ReportError)
    return { kind: 'report', code: error.code, message: error.message, detail: error.detail };
  if (error instanceof OrgApiError)
    return { kind: 'api', message: error.message, errorCode: error.errorCode, status: error.status };
  const e = error instanceof Error ? error : new Error(String(error));
  const code = (e as { code?: unknown }).code;
  return {
    kind: 'other',
    name: e.name,
    message: e.message,
    stack: e.stack,
    ...(typeof code === 'string' ? { code } : {}),
  };
}

export function receiveError(sent: SentError): Error {
  if (sent.kind === 'report') return new ReportError(sent.code, sent.message, sent.detail);
  if (sent.kind === 'api') return new OrgApiError(sent.message, sent.errorCode, sent.status);
  const error: Error & { code?: string } = new Error(sent.message);
  error.name = sent.name;
  if (sent.code) error.code = sent.code;
  if (sent.stack) error.stack = sent.stack;
  return error;
}

/** The heap cap: CME_REPORT_HEAP_MB when it is a whole number of at least 64, else DEFAULT_HEAP_MB. */
export function heapLimitMb(env: NodeJS.ProcessEnv = process.env): number {
  const asked = env.CME_REPORT_HEAP_MB?.trim();
  if (!asked) return DEFAULT_HEAP_MB;
  const mb = /^\d+$/.test(asked) ? Number(asked) : NaN;
  if (!(mb >= 64))
    throw new ReportError(
      'BadHeapLimit',
      `CME_REPORT_HEAP_MB must be a whole number of megabytes, at least 64, not "${asked}".`,
      [asked],
    );
  return mb;
}

const workerFile = workerFileBeside(import.meta.url, 'buildWorker');

/**
 * Runs the builder in a worker with `heapMb` of old generation. Progress reaches `onProgress`; an
 * expired session is refreshed here (the worker has no @salesforce/core connection) and the new
 * token sent on. A worker that runs out of heap fails as ReportError OutOfMemory. The scratch file's
 * folder is made and removed here, and a worker that dies leaves no partial output folder behind.
 */
export async function buildInWorker<N extends BuilderName>(
  builder: N,
  session: OrgSession,
  options: BuildRequest<N>['options'],
  run: { heapMb: number; onProgress?: (message: string) => void },
): Promise<Builders[N]['result']> {
  const scratchDir = fs.mkdtempSync(path.join(options.scratchDir ?? os.tmpdir(), 'cme-worker-'));
  try {
    return await withoutPartialOutput(options.outputDir, () =>
      runWorker(builder, session, { ...options, scratchDir }, run),
    );
  } finally {
    removeQuietly(scratchDir);
  }
}

/**
 * Runs `work`; when it fails, removes the staging folders of outputDir that appeared meanwhile. A
 * builder that fails removes its own; one whose worker died (out of heap, killed) could not.
 */
export async function withoutPartialOutput<T>(outputDir: string, work: () => Promise<T>): Promise<T> {
  const before = new Set(partialsOf(outputDir));
  try {
    return await work();
  } catch (error) {
    for (const partial of partialsOf(outputDir)) if (!before.has(partial)) removeQuietly(partial);
    throw error;
  }
}

/** Clean-up must not hide the error it follows. */
function removeQuietly(dir: string): void {
  try {
    fs.rmSync(dir, { recursive: true, force: true });
  } catch {
    // left behind; the error that matters is the one being thrown
  }
}

/** The staging folders a build of outputDir makes beside it (prepareOutput in files.ts). */
function partialsOf(outputDir: string): string[] {
  const parent = path.dirname(path.resolve(outputDir));
  const prefix = stagingPrefix(outputDir);
  try {
    return fs
      .readdirSync(parent)
      .filter((name) => name.startsWith(prefix))
      .map((name) => path.join(parent, name));
  } catch {
    return [];
  }
}

function runWorker<N extends BuilderName>(
  builder: N,
  session: OrgSession,
  options: BuildRequest<N>['options'],
  run: { heapMb: number; onProgress?: (message: string) => void },
): Promise<Builders[N]['result']> {
  const request: BuildRequest<N> = {
    builder,
    session: { instanceUrl: session.instanceUrl, accessToken: session.accessToken ?? '', version: session.version },
    options,
  };
  const worker = new Worker(workerFile, {
    workerData: request,
    resourceLimits: { maxOldGenerationSizeMb: run.heapMb },
  });
  return new Promise<Builders[N]['result']>((resolve, reject) => {
    let settled = false;
    // Settled once the thread has stopped, so the clean-up after it never races its open files.
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      void worker.terminate().finally(outcome);
    };
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'progress') run.onProgress?.(message.message);
      else if (message.kind === 'refresh') void refresh(session, worker);
      else if (message.kind === 'done') settle(() => resolve(message.result as Builders[N]['result']));
      else settle(() => reject(receiveError(message.error)));
    });
    worker.on('error', (error: Error & { code?: string }) =>
      settle(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new ReportError(
                'OutOfMemory',
                `The report needed more than ${run.heapMb} MB of working memory and was stopped; nothing was written.`,
                [String(run.heapMb * 4)],
              )
            : error,
        ),
      ),
    );
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`The report's worker stopped before it finished (exit code ${code}).`))),
    );
  });
}

async function refresh(session: OrgSession, worker: Worker): Promise<void> {
  try {
    if (!session.refreshAuth) throw new OrgApiError('The session cannot be refreshed.', 'INVALID_SESSION_ID', 401);
    await session.refreshAuth();
    worker.postMessage({ kind: 'session', accessToken: session.accessToken ?? '' } satisfies MainMessage);
  } catch (error) {
    worker.postMessage({ kind: 'sessionFailed', error: sendError(error) } satisfies MainMessage);
  }
}
