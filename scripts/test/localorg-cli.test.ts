// `npm run org` (scripts/src/localorg/cli.ts): starts, prints how to connect, validates its options,
// and on SIGINT/SIGTERM stops cleanly with every committed record still in the database file.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'scripts/src/localorg/cli.ts');

interface Started {
  url: string;
  token: string;
  stop(signal: NodeJS.Signals): Promise<{ code: number | null; output: string }>;
}

function startOrg(db: string): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, '--port', '0', '--db', db, '--no-register'], {
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
    });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      const token = /access token (\S+)/.exec(output)?.[1];
      if (url && token && output.includes('Press Ctrl-C')) {
        resolve({
          url,
          token,
          stop: (signal) =>
            new Promise((done) => {
              child.on('close', (code) => done({ code, output }));
              child.kill(signal);
            }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', (code) => reject(new Error(`exited ${code} before starting: ${output}`)));
  });
}

describe('npm run org', () => {
  it('keeps committed records across a SIGINT stop and a restart on the same file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-org-cli-'));
    const db = path.join(dir, 'org.sqlite');
    try {
      const first = await startOrg(db);
      const created = await fetch(`${first.url}/services/data/v66.0/sobjects/Contact`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${first.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ LastName: 'Persisted' }),
      }).then((r) => r.json() as Promise<{ id: string }>);
      const stopped = await first.stop('SIGINT');
      assert.equal(stopped.code, 0);
      assert.match(stopped.output, /SIGINT: stopping the local org/);

      const second = await startOrg(db);
      assert.equal(second.token, first.token, 'the token survives a restart, so registered aliases keep working');
      const read = await fetch(`${second.url}/services/data/v66.0/sobjects/Contact/${created.id}`, {
        headers: { Authorization: `Bearer ${second.token}` },
      }).then((r) => r.json() as Promise<{ LastName: string }>);
      assert.equal(read.LastName, 'Persisted');
      assert.equal((await second.stop('SIGTERM')).code, 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('explains bad options with exit code 2 and prints help', () => {
    const bad = spawnSync(process.execPath, [CLI, '--fault-rate', '2'], {
      encoding: 'utf8',
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
    });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--fault-rate must be a number from 0 to 1/);
    const help = spawnSync(process.execPath, [CLI, '--help'], {
      encoding: 'utf8',
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
    });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /Examples:/);
  });
});
