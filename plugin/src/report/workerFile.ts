// Where a worker module beside the caller is: `name.ts` when the plugin runs from source, `name.js`
// once compiled (the caller's own extension tells which).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function workerFileBeside(callerUrl: string, name: string): string {
  const caller = fileURLToPath(callerUrl);
  return path.join(path.dirname(caller), `${name}${path.extname(caller)}`);
}
