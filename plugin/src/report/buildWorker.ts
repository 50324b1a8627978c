// The worker thread behind buildInWorker (heapBound.ts): runs one builder against the org with the
// session it was sent, and posts its progress, then its result or its failure.
import { parentPort, workerData } from 'node:worker_threads';
import { buildDisclosure } from '../disclosure/build.ts';
import { OrgApi } from '../org/api.ts';
import type { OrgSession } from '../org/api.ts';
import { buildComplianceReport } from './build.ts';
import { receiveError, sendError } from './heapBound.ts';
import type { BuildRequest, MainMessage, WorkerMessage } from './heapBound.ts';

const request = workerData as BuildRequest;
const post = (message: WorkerMessage) => parentPort?.postMessage(message);

/** A refresh under way: requests that find the session expired meanwhile wait for the same one. */
let refreshing: Promise<void> | undefined;

/** The session as the worker knows it; an expired one is refreshed by the main thread. */
const session: OrgSession = {
  ...request.session,
  refreshAuth: () =>
    (refreshing ??= new Promise<void>((resolve, reject) => {
      parentPort?.once('message', (message: MainMessage) => {
        refreshing = undefined;
        if (message.kind === 'session') {
          session.accessToken = message.accessToken;
          resolve();
        } else reject(receiveError(message.error));
      });
      post({ kind: 'refresh' });
    })),
};

const api = new OrgApi(session);
const onProgress = (message: string) => post({ kind: 'progress', message });

try {
  const result =
    request.builder === 'compliance'
      ? await buildComplianceReport(api, { ...(request as BuildRequest<'compliance'>).options, onProgress })
      : await buildDisclosure(api, { ...(request as BuildRequest<'disclosure'>).options, onProgress });
  post({ kind: 'done', result });
} catch (error) {
  post({ kind: 'failed', error: sendError(error) });
}
