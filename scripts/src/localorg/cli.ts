// `npm run org`: starts the local org. Prints the instance URL and token, registers an sf alias,
// and stops cleanly (committed data kept) on Ctrl-C or SIGTERM.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { FAULT_KINDS } from './faults.ts';
import type { FaultKind } from './faults.ts';
import { runLocalOrg } from './run.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const USAGE = `Usage: npm run org -- [options]

Starts the CME local org: a Salesforce-API-compatible server for the package's objects, data in SQLite.

Options:
  --port N               port on 127.0.0.1 (default: $CME_ORG_PORT or 6101; 0 picks a free one)
  --db PATH              SQLite file (default: .localorg/org.sqlite), or :memory:
  --register ALIAS       save an sf CLI auth under this alias (default: cme-local)
  --no-register          do not touch the sf CLI auth files
  --fiscal-start-month N first month of the org's fiscal year, 1-12 (default: 4, April)
  --fault-rate R         share of API calls that fail, 0-1 (default: 0)
  --fault-seed N         seed for choosing which calls fail (default: 1)
  --fault-kinds LIST     comma list of ${FAULT_KINDS.join(', ')} (default: all)
  --latency MS           delay added to every API call (default: 0)
  -h, --help             show this help

Examples:
  npm run org
  npm run org -- --port 6200 --db :memory: --no-register
  npm run org -- --fault-rate 0.05 --fault-seed 42 --fault-kinds unavailable,lock
  sf data query --query "SELECT Id, Name FROM CME_Event__c" --target-org cme-local
`;

function fail(message: string): never {
  console.error(`error: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function numberOption(value: string | undefined, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max)
    fail(`--${name} must be a number from ${min} to ${max}, got "${value}"`);
  return n;
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        port: { type: 'string' },
        db: { type: 'string' },
        register: { type: 'string' },
        'no-register': { type: 'boolean' },
        'fiscal-start-month': { type: 'string' },
        'fault-rate': { type: 'string' },
        'fault-seed': { type: 'string' },
        'fault-kinds': { type: 'string' },
        latency: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    fail((error as Error).message);
  }
  const v = parsed.values;
  if (v.help) {
    console.log(USAGE);
    return;
  }
  const kinds = (v['fault-kinds'] ?? FAULT_KINDS.join(',')).split(',').map((k) => k.trim()) as FaultKind[];
  for (const k of kinds) if (!FAULT_KINDS.includes(k)) fail(`unknown fault kind "${k}"; use ${FAULT_KINDS.join(', ')}`);
  const database = v.db ?? path.join(ROOT, '.localorg/org.sqlite');
  await runLocalOrg({
    root: ROOT,
    database,
    port: numberOption(v.port ?? process.env.CME_ORG_PORT, 'port', 0, 65535, 6101),
    fiscalYearStartMonth: numberOption(v['fiscal-start-month'], 'fiscal-start-month', 1, 12, 4),
    faults: {
      rate: numberOption(v['fault-rate'], 'fault-rate', 0, 1, 0),
      seed: numberOption(v['fault-seed'], 'fault-seed', 0, 2 ** 32, 1),
      kinds,
      latencyMs: numberOption(v.latency, 'latency', 0, 60_000, 0),
    },
    alias: v['no-register'] ? undefined : (v.register ?? 'cme-local'),
  });
}

await main();
