// `npm run deploy:validate -- --target-org ALIAS`: a check-only deploy of force-app to an org.
//
// 1. `npm run build:lwc`: deploys carry the compiled JavaScript of the TypeScript components
//    (.forceignore keeps the .ts sources out), so it is compiled first.
// 2. `sf project deploy validate --source-dir force-app --target-org ALIAS --test-level RunLocalTests
//    --wait N`: the official CLI's check-only deploy (@salesforce/plugin-deploy-retrieve,
//    messages/deploy.metadata.validate.md: "Validate a metadata deployment without actually executing
//    it"; it returns a job ID that `sf project deploy quick` can deploy later).
//
// Test level: `project deploy validate` accepts only RunAllTestsInOrg, RunLocalTests (its default),
// RunSpecifiedTests (needs --tests) and RunRelevantTests (lib/commands/project/deploy/validate.js, the
// 'test-level' flag's options); NoTestRun is offered by `project deploy start` only. The package has
// no Apex, so RunLocalTests is the level to name: it runs the org's own local tests (none in a scratch
// org or Developer Edition org without Apex) and is what a production deploy runs anyway.
//
// Exit codes: 0 the validation succeeded; otherwise the exit code of the step that failed (the build
// or sf, passed through), 1 when a program could not be started, 2 a usage error.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SOURCE_DIR = 'force-app';
const TEST_LEVEL = 'RunLocalTests';
const DEFAULT_WAIT = 33; // minutes: the default of `sf project deploy validate --wait`

const USAGE = `Usage: npm run deploy:validate -- --target-org ALIAS [--wait MINUTES]

Check-only deploy of ${SOURCE_DIR} to an org: builds the LWC (npm run build:lwc), then runs
  sf project deploy validate --source-dir ${SOURCE_DIR} --target-org ALIAS --test-level ${TEST_LEVEL} --wait MINUTES
Nothing is saved in the org. On success sf prints a job ID to deploy with "sf project deploy quick".

Options:
  -o, --target-org ALIAS  username or alias of an authorised org (required)
  -w, --wait MINUTES      minutes to wait for the validation, 1 or more (default: ${DEFAULT_WAIT})
  -h, --help              show this help

Example:
  npm run deploy:validate -- --target-org my-prod-org

"sf project deploy validate" is meant for production orgs: sandboxes skip tests on deploy. For a
sandbox, sf's own help suggests "sf project deploy start --dry-run --test-level RunLocalTests".`;

class UsageError extends Error {}

interface Options {
  targetOrg: string;
  wait: number;
}

function parseArgs(argv: string[]): Options | 'help' {
  let targetOrg: string | undefined;
  let wait = DEFAULT_WAIT;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') return 'help';
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!['--target-org', '-o', '--wait', '-w'].includes(name)) throw new UsageError(`unknown option: ${arg}`);
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('-')) throw new UsageError(`option ${name} needs a value`);
      i++;
    }
    if (value === '') throw new UsageError(`option ${name} needs a non-empty value`);
    if (name === '--target-org' || name === '-o') targetOrg = value;
    else {
      if (!/^[0-9]+$/.test(value) || Number(value) < 1)
        throw new UsageError(`--wait takes a whole number of minutes, 1 or more (got '${value}')`);
      wait = Number(value);
    }
  }
  if (targetOrg === undefined) throw new UsageError('--target-org is required: the org to validate the deploy against');
  return { targetOrg, wait };
}

/** Runs a program from the repository root with the terminal attached; resolves to its exit code. */
function run(command: string, args: string[]): Promise<number> {
  console.log(`$ ${[command, ...args].join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit' });
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT')
        console.error(
          `deploy:validate: '${command}' was not found on PATH. Run 'npm ci' (it installs the Salesforce CLI, ` +
            `@salesforce/cli) and start this with 'npm run deploy:validate', which puts node_modules/.bin on PATH.`,
        );
      else console.error(`deploy:validate: could not start '${command}': ${error.message}`);
      resolve(1);
    });
    child.on('close', (code, signal) => {
      if (signal) console.error(`deploy:validate: '${command}' was stopped by ${signal}.`);
      resolve(code ?? 1);
    });
  });
}

async function main(argv: string[]): Promise<number> {
  let options: Options;
  try {
    const parsed = parseArgs(argv);
    if (parsed === 'help') {
      console.log(USAGE);
      return 0;
    }
    options = parsed;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`deploy:validate: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  const built = await run('npm', ['run', 'build:lwc']);
  if (built !== 0) {
    console.error(`deploy:validate: the LWC build failed (exit code ${built}); nothing was sent to the org.`);
    return built;
  }
  const validated = await run('sf', [
    'project',
    'deploy',
    'validate',
    '--source-dir',
    SOURCE_DIR,
    '--target-org',
    options.targetOrg,
    '--test-level',
    TEST_LEVEL,
    '--wait',
    String(options.wait),
  ]);
  if (validated !== 0)
    console.error(`deploy:validate: sf project deploy validate failed (exit code ${validated}); see its output above.`);
  return validated;
}

process.exitCode = await main(process.argv.slice(2));
