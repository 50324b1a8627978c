// `npm start`: the product on an embedded default. Compiles the plugin, checks
// the package offline, runs the local org with the compliance rule packs, seeds demo data with
// `sf cme seed` when the org has no events, and serves the local Lightning preview (the CME app's
// pages with the real components) with a user picker for the rep, manager and compliance officer.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesMatching, loadProject } from './sfmodel/project.ts';
import { validateProject } from './metadata/validate.ts';
import { loadPlan } from './localorg/config-data.ts';
import { runLocalOrg } from './localorg/run.ts';
import { DEMO_USERS, ensureUser } from './localorg/users.ts';
import type { LocalOrg } from './localorg/server.ts';
import { buildPreview } from './preview/build.ts';
import { startPreviewServer } from './preview/server.ts';
import { loginAndLinkPlugin, runSf } from './sf-cli.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// The preview bundles the components' TypeScript itself; only the plugin (for sf cme seed) needs building.
console.log('Compiling the sf plugin (npm run build:plugin)…');
execFileSync('npm', ['run', 'build:plugin', '--silent'], { cwd: root, stdio: 'inherit' });

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

const org = await runLocalOrg({
  root,
  database: path.join(root, '.localorg/org.sqlite'),
  port: Number(process.env.CME_ORG_PORT ?? 6101),
  alias: 'cme-local',
  onStarted: async (started) => {
    const loaded = loadPlan(started.engine, path.join(root, 'config/rule-packs/plan.json'), {
      userId: started.identity.userId,
    });
    console.log(`Rule packs loaded: ${loaded.created} created, ${loaded.updated} already present.`);
    // The demo cast before the seed: sf cme seed gives events to the org's reps and managers.
    for (const spec of DEMO_USERS) ensureUser(started.engine, spec, { userId: started.identity.userId });
    await seedWhenEmpty(started);
  },
});

/** Demo data through the product's own command, so what the preview shows is what `sf cme seed` makes. */
async function seedWhenEmpty(started: LocalOrg): Promise<void> {
  const events = started.engine.db.prepare('SELECT COUNT(*) AS n FROM "CME_Event__c" WHERE "IsDeleted" = 0').get() as {
    n: number;
  };
  if (events.n > 0) {
    console.log(`The org has ${events.n} events; not seeding (delete .localorg/ to start afresh).`);
    return;
  }
  const home = path.join(root, '.localorg/sf-home');
  fs.mkdirSync(home, { recursive: true });
  console.log('Seeding demo data: sf cme seed --doctors 500 --events 60 --seed 42 …');
  await loginAndLinkPlugin(home, started.instanceUrl, started.identity.accessToken, 'cme-local');
  const seeded = await runSf(home, [
    'cme',
    'seed',
    '--target-org',
    'cme-local',
    '--doctors',
    '500',
    '--events',
    '60',
    '--seed',
    '42',
  ]);
  if (seeded.code !== 0) {
    console.error(`sf cme seed failed (exit ${seeded.code}); the preview starts without demo data.\n${seeded.stderr}`);
    return;
  }
  console.log(seeded.stdout.trim());
}

console.log('Building the local Lightning preview (real components, lightning-base-components, SLDS)…');
const built = await buildPreview(root);
const preview = await startPreviewServer({
  root,
  org,
  bundleDir: built.dir,
  port: Number(process.env.CME_PREVIEW_PORT ?? 6102),
});
console.log(`\nCME Manager preview: ${preview.url}   (built in ${built.seconds.toFixed(1)} s)`);
console.log('  Pick who you are at the top right:');
for (const u of preview.users) console.log(`    ${u.name.padEnd(16)} ${u.title ?? 'Administrator'}`);
console.log('Try: npx sf data query --query "SELECT Name, Status__c FROM CME_Event__c LIMIT 5" --target-org cme-local');
