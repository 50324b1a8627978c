// The report builders in a heap-capped worker (report/heapBound.ts): the same pack as in-process,
// progress and errors across the thread boundary with their classes, a session refreshed by the main
// thread, a worker out of heap as OutOfMemory with nothing left behind, and CME_REPORT_HEAP_MB.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Connection } from '@salesforce/core';
import { LocalOrg } from '../../scripts/src/localorg/server.ts';
import { OrgApi, OrgApiError } from '../src/org/api.ts';
import { buildComplianceReport } from '../src/report/build.ts';
import { ReportError } from '../src/report/errors.ts';
import { prepareOutput } from '../src/report/files.ts';
import {
  DEFAULT_HEAP_MB,
  buildInWorker,
  heapLimitMb,
  receiveError,
  sendError,
  withoutPartialOutput,
} from '../src/report/heapBound.ts';
import type { ComplianceReportOptions } from '../src/report/types.ts';
import { generateSeedData, seedWindow } from '../src/seed/generate.ts';
import { loadSeedData } from '../src/seed/load.ts';
import { connectionOrg } from '../src/seed/connectionOrg.ts';
import { PACKS } from './packs.ts';
import { plantedPlan, startOrgWithPacks } from './localOrg.ts';

describe('report builders in a heap-capped worker', () => {
  let org: LocalOrg;
  let conn: Connection;
  let asOf: string;
  let work: string;
  /** The worker's scratch folders go below this one; buildInWorker must leave it empty after each run. */
  let scratch: string;

  const options = (outputDir: string): Omit<ComplianceReportOptions, 'onProgress' | 'now'> => ({
    window: { start: '2026-03-01', end: '2027-02-28', label: 'test window' },
    asOf,
    formats: ['csv', 'json'],
    outputDir,
    identity: { orgId: org.identity.orgId, username: 'admin@cme.local', instanceUrl: conn.instanceUrl },
    toolVersion: '0.0.0-test',
    pollMs: 5,
    scratchDir: scratch,
  });
  const leftovers = () => fs.readdirSync(work).filter((f) => f.includes('.partial-'));

  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-heap-test-'));
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-heap-scratch-'));
    ({ org, conn } = await startOrgWithPacks());
    const plan = plantedPlan();
    asOf = new Date(seedWindow(plan).pivot).toISOString().slice(0, 10);
    const loaded = await loadSeedData(connectionOrg(conn), generateSeedData(plan, PACKS));
    assert.deepEqual(
      loaded.flatMap((r) => r.failures),
      [],
    );
  });
  after(async () => {
    await org.stop();
    fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('writes the same pack as the builder in-process, with its progress, and cleans its scratch folder', async () => {
    const inProcess = path.join(work, 'in-process');
    await buildComplianceReport(new OrgApi(conn), options(inProcess));
    const inWorker = path.join(work, 'in-worker');
    const progress: string[] = [];
    const result = await buildInWorker('compliance', conn, options(inWorker), {
      heapMb: DEFAULT_HEAP_MB,
      onProgress: (message) => progress.push(message),
    });
    assert.equal(result.outputDir, inWorker);
    assert.ok(result.apiCalls > 0);
    assert.ok(result.counts.events > 0);
    for (const file of ['attendance.csv', 'events.csv', 'findings.csv', 'hcp-summary.csv', 'transfers-of-value.csv'])
      assert.equal(
        fs.readFileSync(path.join(inWorker, 'data', file), 'utf8'),
        fs.readFileSync(path.join(inProcess, 'data', file), 'utf8'),
        file,
      );
    assert.ok(progress.includes('Reading events'), progress.join(' | '));
    assert.ok(
      progress.some((m) => m.startsWith('Checking events')),
      progress.join(' | '),
    );
    assert.deepEqual(fs.readdirSync(scratch), []);
  });

  it("brings the builder's own errors back with their class and code", async () => {
    const out = path.join(work, 'not-empty');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'keep.txt'), 'x');
    await assert.rejects(buildInWorker('compliance', conn, options(out), { heapMb: DEFAULT_HEAP_MB }), (e) => {
      assert.ok(e instanceof ReportError);
      assert.equal(e.code, 'OutputExists');
      return true;
    });
    assert.deepEqual(fs.readdirSync(out), ['keep.txt']);
    assert.deepEqual(fs.readdirSync(scratch), []);
  });

  /** A session whose token the org refuses; `refresh` is what refreshing it does (it is counted). */
  const expiredSession = (refresh: (session: { accessToken: string }) => void) => {
    const session = {
      instanceUrl: conn.instanceUrl,
      accessToken: 'an-expired-token',
      version: conn.version,
      refreshes: 0,
      refreshAuth: async () => {
        session.refreshes++;
        refresh(session);
      },
    };
    return session;
  };

  it('has the main thread refresh an expired session and carries on with the new token', async () => {
    const session = expiredSession((s) => (s.accessToken = conn.accessToken ?? ''));
    const out = path.join(work, 'refreshed');
    const result = await buildInWorker('compliance', session, options(out), { heapMb: DEFAULT_HEAP_MB });
    assert.equal(session.refreshes, 1);
    assert.ok(result.counts.events > 0);
    assert.ok(fs.existsSync(path.join(out, 'data/events.csv')));
  });

  it('fails as the API did when the session cannot be refreshed, leaving nothing', async () => {
    const session = expiredSession(() => {
      throw new Error('no refresh token');
    });
    const out = path.join(work, 'expired');
    await assert.rejects(buildInWorker('compliance', session, options(out), { heapMb: DEFAULT_HEAP_MB }), (e) => {
      assert.ok(e instanceof OrgApiError);
      assert.equal(e.errorCode, 'INVALID_SESSION_ID');
      return true;
    });
    assert.equal(session.refreshes, 1);
    assert.equal(fs.existsSync(out), false);
    assert.deepEqual(leftovers(), []);
    assert.deepEqual(fs.readdirSync(scratch), []);
  });

  it('stops a worker that runs out of heap as OutOfMemory, leaving no partial pack', async () => {
    const out = path.join(work, 'too-small');
    await assert.rejects(buildInWorker('compliance', conn, options(out), { heapMb: 4 }), (e) => {
      assert.ok(e instanceof ReportError, String(e));
      assert.equal(e.code, 'OutOfMemory');
      assert.match(e.message, /more than 4 MB of working memory/);
      assert.deepEqual(e.detail, ['16']);
      return true;
    });
    assert.equal(fs.existsSync(out), false);
    assert.deepEqual(leftovers(), []);
    assert.deepEqual(fs.readdirSync(scratch), []);
  });
});

describe('CME_REPORT_HEAP_MB', () => {
  it('defaults to 256 MB and takes a whole number of at least 64', () => {
    assert.equal(heapLimitMb({}), 256);
    assert.equal(heapLimitMb({ CME_REPORT_HEAP_MB: ' ' }), 256);
    assert.equal(heapLimitMb({ CME_REPORT_HEAP_MB: '1024' }), 1024);
    assert.equal(heapLimitMb({ CME_REPORT_HEAP_MB: '64' }), 64);
  });

  it('refuses anything else, naming the value', () => {
    for (const value of ['63', '1.5', 'lots', '-512', '0x100', '1e3'])
      assert.throws(
        () => heapLimitMb({ CME_REPORT_HEAP_MB: value }),
        (e: ReportError) => e.code === 'BadHeapLimit' && e.message.includes(`"${value}"`),
      );
  });
});

describe('withoutPartialOutput', () => {
  it('removes the staging folders a failed run made, and keeps older ones and other files', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-partial-test-'));
    try {
      const out = path.join(parent, 'pack');
      const older = prepareOutput(out);
      fs.writeFileSync(path.join(parent, 'notes.txt'), 'kept');
      let made = '';
      await assert.rejects(
        withoutPartialOutput(out, async () => {
          made = prepareOutput(out);
          fs.writeFileSync(path.join(made, 'half.csv'), 'a,b\r\n');
          throw new Error('the worker died');
        }),
        /the worker died/,
      );
      assert.equal(fs.existsSync(made), false);
      assert.deepEqual(fs.readdirSync(parent).sort(), [path.basename(older), 'notes.txt'].sort());
      assert.equal(await withoutPartialOutput(out, async () => 'done'), 'done');
    } finally {
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });
});

describe('errors across the thread', () => {
  it("keeps the report's and the API's errors with their class and fields, and any other error's code", () => {
    const report = receiveError(sendError(new ReportError('UnknownRulePack', 'No pack XX.', ['EU-EFPIA'])));
    assert.ok(report instanceof ReportError);
    assert.deepEqual([report.code, report.message, report.detail], ['UnknownRulePack', 'No pack XX.', ['EU-EFPIA']]);
    const api = receiveError(sendError(new OrgApiError('Too many', 'REQUEST_LIMIT_EXCEEDED', 403)));
    assert.ok(api instanceof OrgApiError);
    assert.deepEqual([api.errorCode, api.status, api.message], ['REQUEST_LIMIT_EXCEEDED', 403, 'Too many']);
    const disk = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const other = receiveError(sendError(disk)) as Error & { code?: string };
    assert.deepEqual([other.name, other.message, other.code], ['Error', disk.message, 'ENOSPC']);
    assert.equal(other.stack, disk.stack);
    assert.equal((receiveError(sendError('a thrown string')) as Error & { code?: string }).code, undefined);
  });
});
