// Runs the official sf CLI (the @salesforce/cli devDependency) the way tests and benchmarks need it:
// a private HOME (auth and plugins live there), Node 22 first on PATH, no update checks or telemetry.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'node_modules/.bin');

export function sfEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOME: home,
    PATH: `${BIN}:${process.env.PATH}`,
    SF_DISABLE_AUTOUPDATE: 'true',
    SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
    SF_DISABLE_TELEMETRY: 'true',
    SF_SKIP_NEW_VERSION_CHECK: 'true',
    ...extra,
  };
}

export interface SfRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `sf args` in `home` (also its working folder unless `cwd` is given). */
export function runSf(
  home: string,
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; command?: string[] } = {},
): Promise<SfRun> {
  const [command, ...lead] = options.command ?? [path.join(BIN, 'sf')];
  return new Promise((resolve) => {
    const child = spawn(command, [...lead, ...args], { env: sfEnv(home, options.env), cwd: options.cwd ?? home });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Logs the sf CLI in `home` into an org by access token under `alias`, and links this project's plugin. */
export async function loginAndLinkPlugin(
  home: string,
  instanceUrl: string,
  accessToken: string,
  alias: string,
): Promise<void> {
  const run = async (args: string[], env: Record<string, string> = {}) => {
    const result = await runSf(home, args, { env });
    if (result.code !== 0) throw new Error(`sf ${args.join(' ')}: ${result.stderr}`);
  };
  await run(['org', 'login', 'access-token', '--instance-url', instanceUrl, '--no-prompt', '--alias', alias], {
    SF_ACCESS_TOKEN: accessToken,
  });
  await run(['plugins', 'link', path.join(ROOT, 'plugin')]);
}
