// `npm run clean:lwc`: removes the JavaScript that `npm run build:lwc` compiled beside each
// component's TypeScript (never a .js without a .ts source).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const lwc = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../force-app/main/default/lwc');
let removed = 0;
for (const entry of fs.readdirSync(lwc, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
  const file = path.join(entry.parentPath, entry.name);
  if (fs.existsSync(file.slice(0, -3) + '.ts')) {
    fs.rmSync(file);
    removed++;
  }
}
console.log(`Removed ${removed} compiled file(s) from force-app/main/default/lwc.`);
