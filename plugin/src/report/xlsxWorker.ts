// The worker thread behind XlsxInWorker: writes the tables it is sent, in order, then commits.
import { parentPort, workerData } from 'node:worker_threads';
import { XlsxWorkbook } from './xlsx.ts';
import type { CsvInBag, XlsxMessage, XlsxReply } from './xlsx.ts';

const { file, maxRows, detail } = workerData as { file: string; maxRows: number; detail: number };
const workbook = new XlsxWorkbook(file, maxRows, detail);
let queue: Promise<void> = Promise.resolve();
let failed = false;
/**
 * Tables whose CSV the report has closed (with where the bag has it): handled at once, not queued, as a
 * followed table waits for it.
 */
const closed = new Map<string, CsvInBag | undefined>();

const reply = (message: XlsxReply) => parentPort?.postMessage(message);

parentPort?.on('message', (message: XlsxMessage) => {
  if (message.kind === 'complete') {
    closed.set(message.name, message.inBag);
    return;
  }
  queue = queue.then(async () => {
    if (failed) return;
    try {
      if (message.kind === 'sheet') {
        const { name } = message;
        if (message.growing)
          await workbook.addTable(
            name,
            message.csvPath,
            () => closed.has(name),
            () => closed.get(name),
          );
        else await workbook.addTable(name, message.csvPath, undefined, () => message.inBag);
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
