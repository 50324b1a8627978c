// `npm run validate:metadata`: prints every finding as `file: [check] message`; exit 1 when any.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateProject } from './validate.ts';

const root = process.argv[2]
  ? path.resolve(process.argv[2])
  : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const started = Date.now();
const findings = await validateProject(root);
for (const f of findings) console.log(`${f.file}: [${f.check}] ${f.message}`);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (findings.length) {
  console.error(`metadata: ${findings.length} problem(s) that a deploy would reject (${seconds}s)`);
  process.exitCode = 1;
} else console.log(`metadata: force-app is valid (${seconds}s)`);
