// The worker thread behind XlsxInWorker: writes the tables it is sent, in order, then commits.
import { parentPort, workerData } from 'node:worker_threads';
import { XlsxWorkbook } from './xlsx.ts';
import type { XlsxMessage, XlsxReply } from './xlsx.ts';

const { file, maxRows } = workerData as { file: string; maxRows: number };
const workbook = new XlsxWorkbook(file, maxRows);
let queue: Promise<void> = Promise.resolve();
let failed = false;
/** Tables whose CSV the report has closed: handled at once, not queued, as a followed table waits for it. */
const closed = new Set<string>();

const reply = (message: XlsxReply) => parentPort?.postMessage(message);

parentPort?.on('message', (message: XlsxMessage) => {
  if (message.kind === 'complete') {
    closed.add(message.name);
    return;
  }
  queue = queue.then(async () => {
    if (failed) return;
    try {
      if (message.kind === 'sheet') {
        const { name } = message;
        await workbook.addTable(name, message.csvPath, message.growing ? () => closed.has(name) : undefined);
      } else {
        await workbook.commit();
        reply({ kind: 'done' });
      }
    } catch (error) {
      failed = true;
      reply({ kind: 'failed', message: (error as Error).message });
    }
  });
});
