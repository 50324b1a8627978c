// Benchmark: seeding N doctors with `sf cme seed` against the official `sf data import bulk` of the
// same Contact rows, each into a fresh local org (its own process) through the official sf CLI.
// Per run: wall time, peak RSS of the CLI process, API calls counted by the org.
// Usage: node scripts/bench/seed-vs-import.ts [--doctors N] [--runs N]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import { Engine } from '../src/localorg/engine.ts';
import { bootstrapOrg } from '../src/localorg/org.ts';
import { loadSchema } from '../src/localorg/schema.ts';
import { loadPlan } from '../src/localorg/config-data.ts';
import { parseRulePacks } from '../../plugin/src/domain/cmeDomain.ts';
import type { RulePackRecord, RuleRecord } from '../../plugin/src/domain/cmeDomain.ts';
import { parseSeedPlan } from '../../plugin/src/schema/seedPlan.ts';
import { generateSeedData } from '../../plugin/src/seed/generate.ts';
import { ingestCsv } from '../../plugin/src/seed/bulkOrg.ts';
import { fieldPaths } from '../../plugin/src/seed/load.ts';
import { ROOT, loginAndLink, mb, measureSf, median, startServer } from './harness.ts';
import type { Measured } from './harness.ts';

const { values } = parseArgs({
  options: { doctors: { type: 'string', default: '100000' }, runs: { type: 'string', default: '3' } },
});
const DOCTORS = Number(values.doctors);
const RUNS = Number(values.runs);
const PLAN = { doctors: DOCTORS, events: 1, seed: 1, from: '2026-01-01', months: 1 };

/** A fresh org database with the package's rule packs. */
function freshOrg(file: string): void {
  const engine = new Engine(new DatabaseSync(file), loadSchema(ROOT));
  const { userId } = bootstrapOrg(engine, { fiscalYearStartMonth: 4 });
  loadPlan(engine, path.join(ROOT, 'config/rule-packs/plan.json'), { userId });
  engine.db.close();
}

function contactsCsv(file: string): number {
  const read = (name: string) =>
    JSON.parse(fs.readFileSync(path.join(ROOT, 'config/rule-packs', name), 'utf8')).records;
  const packs = parseRulePacks(
    read('CME_Rule_Pack__c.json') as RulePackRecord[],
    read('CME_Rule__c.json') as RuleRecord[],
  );
  const parsed = parseSeedPlan(PLAN, new Date());
  if ('problems' in parsed) throw new Error(parsed.problems.join('; '));
  const contacts = generateSeedData(parsed.plan, packs).contacts;
  fs.writeFileSync(file, ingestCsv(contacts, fieldPaths(contacts)).replaceAll('#N/A', ''));
  return contacts.length;
}

async function inFreshOrg(work: string, name: string, args: string[]): Promise<Measured> {
  const file = path.join(work, `${name}.sqlite`);
  freshOrg(file);
  const server = await startServer(file);
  const home = fs.mkdtempSync(path.join(work, 'home-'));
  try {
    await loginAndLink(server, home, 'bench');
    return await measureSf(server, home, [...args, '--target-org', 'bench', '--json']);
  } finally {
    await server.stop();
    fs.rmSync(home, { recursive: true, force: true });
  }
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-bench-seed-'));
try {
  const csv = path.join(work, 'contacts.csv');
  const rows = contactsCsv(csv);
  const results: Record<'seed' | 'import', Measured[]> = { seed: [], import: [] };
  for (let run = 0; run < RUNS; run++) {
    const seed = await inFreshOrg(work, `seed-${run}`, [
      'cme',
      'seed',
      '--doctors',
      String(PLAN.doctors),
      '--events',
      '1',
      '--seed',
      '1',
      '--from',
      PLAN.from,
      '--months',
      '1',
    ]);
    const created = (JSON.parse(seed.stdout).result.objects as { object: string; created: number }[]).find(
      (o) => o.object === 'Contact',
    )?.created;
    if (created !== rows) throw new Error(`sf cme seed created ${created} contacts, expected ${rows}`);
    results.seed.push(seed);
    const imported = await inFreshOrg(work, `import-${run}`, [
      'data',
      'import',
      'bulk',
      '--file',
      csv,
      '--sobject',
      'Contact',
      '--wait',
      '30',
    ]);
    const processed = JSON.parse(imported.stdout).result.processedRecords as number;
    if (processed !== rows) throw new Error(`sf data import bulk processed ${processed}, expected ${rows}`);
    results.import.push(imported);
    console.log(
      `run ${run + 1}: sf cme seed ${seed.seconds.toFixed(1)} s / ${mb(seed.peakBytes)} / ${seed.apiCalls} calls; sf data import bulk ${imported.seconds.toFixed(1)} s / ${mb(imported.peakBytes)} / ${imported.apiCalls} calls`,
    );
  }
  const m = (k: 'seed' | 'import', f: 'seconds' | 'peakBytes' | 'apiCalls') => median(results[k].map((r) => r[f]));
  console.log(`\n${rows.toLocaleString()} doctors, ${RUNS} runs (each into a fresh org):`);
  console.log(
    `  sf cme seed (+1 event and its records): median ${m('seed', 'seconds').toFixed(1)} s, peak RSS ${mb(m('seed', 'peakBytes'))}, ${m('seed', 'apiCalls')} API calls`,
  );
  console.log(
    `  sf data import bulk (Contact CSV):      median ${m('import', 'seconds').toFixed(1)} s, peak RSS ${mb(m('import', 'peakBytes'))}, ${m('import', 'apiCalls')} API calls`,
  );
  console.log(`  wall time ratio seed/import: ${(m('seed', 'seconds') / m('import', 'seconds')).toFixed(2)}`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
