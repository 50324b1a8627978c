// `npm test`: every check and test suite, in order, each counted; ends with `N passed, N failed`.
// Static checks (format, lint, types, metadata) count as one test each; suites report their own counts.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Step {
  name: string;
  command: string;
  args: string[];
  /** Reads passed/failed counts from the output; a check without one counts 1 by its exit code. */
  count?: (output: string) => { passed: number; failed: number } | undefined;
}

const jestCounts = (output: string) => {
  const line = /^Tests:\s+(.*)$/m.exec(output)?.[1];
  if (!line) return undefined;
  const num = (label: string) => Number(new RegExp(`(\\d+) ${label}`).exec(line)?.[1] ?? 0);
  return { passed: num('passed'), failed: num('failed') };
};

const nodeTestCounts = (output: string) => {
  const pass = /^[ℹ#] pass (\d+)/m.exec(output);
  const fail = /^[ℹ#] fail (\d+)/m.exec(output);
  if (!pass || !fail) return undefined;
  const cancelled = Number(/^[ℹ#] cancelled (\d+)/m.exec(output)?.[1] ?? 0);
  return { passed: Number(pass[1]), failed: Number(fail[1]) + cancelled };
};

const npx = (bin: string, ...args: string[]): [string, string[]] => [
  process.execPath,
  [path.join(root, 'node_modules', '.bin', bin), ...args],
];
const npm = (...args: string[]): [string, string[]] => ['npm', args];

const steps: Step[] = [
  { name: 'format (prettier --check)', ...cmd(npx('prettier', '--check', '.')) },
  { name: 'lint (eslint)', ...cmd(npm('run', 'lint', '--silent')) },
  { name: 'types (tsc --noEmit)', ...cmd(npm('run', 'typecheck', '--silent')) },
  { name: 'build (LWC + plugin)', ...cmd(npm('run', 'build', '--silent')) },
  // Salesforce Code Analyzer over force-app (compiled LWC JS included, hence after the build); needs Java.
  { name: 'code analyzer', ...cmd([process.execPath, ['scripts/src/code-analyzer.ts']]) },
  { name: 'metadata validator', ...cmd([process.execPath, ['scripts/src/metadata/cli.ts']]) },
  // Coverage runs keep their own transform cache: the LWC transformer's cache key ignores coverage, so
  // transforms cached by a plain run come back uninstrumented and the summary covers one file.
  {
    name: 'LWC jest',
    ...cmd(npx('sfdx-lwc-jest', '--', '--coverage', '--cacheDirectory=node_modules/.cache/jest-coverage')),
    count: jestCounts,
  },
  {
    name: 'scripts (node --test)',
    ...cmd([process.execPath, ['--test', '--test-reporter=spec', 'scripts/test/**/*.test.ts']]),
    count: nodeTestCounts,
  },
  { name: 'plugin (node --test)', ...cmd(npm('test', '--workspace', 'plugin', '--silent')), count: nodeTestCounts },
  {
    name: 'browser (playwright-core + chromium)',
    ...cmd([
      process.execPath,
      ['--test', '--test-concurrency=1', '--test-reporter=spec', 'scripts/browser/**/*.test.ts'],
    ]),
    count: nodeTestCounts,
  },
];

function cmd([command, args]: [string, string[]]): { command: string; args: string[] } {
  return { command, args };
}

function run(step: Step): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(step.command, step.args, {
      cwd: root,
      env: { ...process.env, FORCE_COLOR: '0', NODE_NO_WARNINGS: '1' },
    });
    let output = '';
    const take = (stream: NodeJS.WriteStream) => (chunk: Buffer) => {
      output += chunk.toString();
      stream.write(chunk);
    };
    child.stdout.on('data', take(process.stdout));
    child.stderr.on('data', take(process.stderr));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
    child.on('error', (error) => resolve({ code: 1, output: String(error) }));
  });
}

let passed = 0;
let failed = 0;
const summary: string[] = [];
for (const step of steps) {
  console.log(`\n=== ${step.name} ===`);
  const started = Date.now();
  const { code, output } = await run(step);
  const counted = step.count?.(output);
  let result = counted ?? { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 };
  // A suite that exits non-zero with no failing test (a crash, a coverage gate) still fails.
  if (code !== 0 && result.failed === 0) result = { passed: result.passed, failed: 1 };
  passed += result.passed;
  failed += result.failed;
  summary.push(
    `${code === 0 ? 'ok  ' : 'FAIL'} ${step.name}: ${result.passed} passed, ${result.failed} failed (${((Date.now() - started) / 1000).toFixed(1)}s)`,
  );
}
console.log(`\n=== summary ===\n${summary.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
