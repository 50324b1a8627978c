// `npm start` (until the local org lands): compiles the components, checks the package offline and
// prints what it contains, so a fresh clone shows at once whether the package is deployable.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProject, filesMatching } from './metadata/project.ts';
import { validateProject } from './metadata/validate.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

console.log('Compiling the LWC TypeScript (npm run build:lwc)…');
execFileSync('npm', ['run', 'build:lwc', '--silent'], { cwd: root, stdio: 'inherit' });

const findings = await validateProject(root);
const project = loadProject(root);
const count = (pattern: RegExp) => filesMatching(project, pattern).length;
console.log('\nCME Manager package (force-app):');
for (const object of [...project.objects.values()].filter(
  (o) => o.file || [...o.fields.values()].some((f) => f.file),
)) {
  const custom = [...object.fields.values()].filter((f) => f.file).length;
  console.log(`  ${object.name.padEnd(20)} ${String(custom).padStart(3)} custom fields`);
}
console.log(
  `  validation rules ${count(/\.validationRule-meta\.xml$/)}, permission sets ${count(/\.permissionset-meta\.xml$/)}, layouts ${count(/\.layout-meta\.xml$/)}, list views ${count(/\.listView-meta\.xml$/)}, flexipages ${count(/\.flexipage-meta\.xml$/)}`,
);
if (findings.length) {
  for (const f of findings) console.log(`  ${f.file}: [${f.check}] ${f.message}`);
  console.error(`\n${findings.length} problem(s) a deploy would reject; fix them before installing.`);
  process.exitCode = 1;
} else {
  console.log('\nThe package passes the offline metadata checks.');
  console.log('Install it into a scratch org: scripts/install-scratch.sh --dry-run (then without --dry-run).');
}
