// `npm start`: the product on an embedded default. Compiles the components, checks the package
// offline, then runs the local org with the compliance rule packs loaded and the sf alias cme-local
// registered. (Seeded demo data and the Lightning preview join it with the plugin and screens issues.)
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesMatching, loadProject } from './metadata/project.ts';
import { validateProject } from './metadata/validate.ts';
import { loadPlan } from './localorg/config-data.ts';
import { runLocalOrg } from './localorg/run.ts';

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
  process.exit(1);
}
console.log('The package passes the offline metadata checks.\n');

await runLocalOrg({
  root,
  database: path.join(root, '.localorg/org.sqlite'),
  port: Number(process.env.CME_ORG_PORT ?? 6101),
  alias: 'cme-local',
  onStarted: (org) => {
    const loaded = loadPlan(org.engine, path.join(root, 'config/rule-packs/plan.json'), {
      userId: org.identity.userId,
    });
    console.log(`Rule packs loaded: ${loaded.created} created, ${loaded.updated} already present.`);
  },
});
console.log('Try: npx sf data query --query "SELECT Code__c, Name FROM CME_Rule_Pack__c" --target-org cme-local');
