// What the benchmarks share: the local org as its own process, the official sf CLI with a private
// HOME, and a measured CLI run (wall time, peak RSS by GNU time, API calls counted by the org).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { BIN, ROOT, loginAndLinkPlugin, runSf } from '../src/sf-cli.ts';

export { ROOT };

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

export type Server = { url: string; token: string; stop: () => Promise<void> };

/** The local org on `file` as its own process; `heapMb` caps its V8 old space. */
export function startServer(file: string, heapMb?: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(ROOT, 'scripts/src/localorg/cli.ts'), '--port', '0', '--db', file, '--no-register'],
      {
        env: {
          ...process.env,
          NODE_NO_WARNINGS: '1',
          ...(heapMb ? { NODE_OPTIONS: `--max-old-space-size=${heapMb}` } : {}),
        },
      },
    );
    let out = '';
    let started = false;
    child.stdout.on('data', (c: Buffer) => {
      out += c;
      const url = /running at (\S+)/.exec(out)?.[1];
      const token = /access token (\S+)/.exec(out)?.[1];
      if (url && token && out.includes('Ctrl-C') && !started) {
        started = true;
        resolve({
          url,
          token,
          stop: () =>
            new Promise<void>((done) => {
              child.removeAllListeners('close');
              child.on('close', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.stderr.on('data', (c: Buffer) => (out += c));
    child.on('close', (code) => {
      if (started) process.stderr.write(`local org exited (${code}):\n${out.slice(-2000)}\n`);
      reject(new Error(`local org exited ${code}: ${out.slice(-2000)}`));
    });
  });
}

export interface Measured {
  seconds: number;
  peakBytes: number;
  apiCalls: number;
  stdout: string;
}

/**
 * Runs `sf args` and measures it. Spawned asynchronously: a blocked event loop would leave this
 * process's keep-alive socket to the org stale, and the next admin call would fail.
 */
export async function measureSf(
  server: Server,
  home: string,
  args: string[],
  extraEnv: Record<string, string> = {},
): Promise<Measured> {
  await fetch(`${server.url}/__admin/stats/reset`, { method: 'POST' });
  const started = performance.now();
  const run = await runSf(home, args, {
    env: extraEnv,
    command: ['/usr/bin/time', '-f', 'PEAK_KB=%M', path.join(BIN, 'sf')],
  });
  const seconds = (performance.now() - started) / 1000;
  if (run.code !== 0) throw new Error(`sf ${args.join(' ')} failed (${run.code}):\n${run.stdout}\n${run.stderr}`);
  const peakBytes = Number(/PEAK_KB=(\d+)/.exec(run.stderr)?.[1] ?? NaN) * 1024;
  const stats = (await fetch(`${server.url}/__admin/stats`).then((r) => r.json())) as { apiCalls: { total: number } };
  return { seconds, peakBytes, apiCalls: stats.apiCalls.total, stdout: run.stdout };
}

/** Logs the sf CLI into the org under `alias` and links the plugin, in `home`. */
export function loginAndLink(server: Server, home: string, alias: string): Promise<void> {
  return loginAndLinkPlugin(home, server.url, server.token, alias);
}
