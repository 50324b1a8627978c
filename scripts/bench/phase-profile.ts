// Where the audit pack's time goes: runs buildComplianceReport in this process against the local org
// (its own process) on a benchmark database and prints the time between progress phases.
// Usage: node scripts/bench/phase-profile.ts --rows N [--formats csv,xlsx,pdf] [--xlsx-detail N|all] [--keep DIR]
// (run report-vs-export.ts --seed-only first to make the database). --keep leaves the pack in DIR (to
// compare the files of two versions); run under `node --cpu-prof --cpu-prof-dir DIR` for a CPU profile of
// the report's threads (the local org runs in its own process, not profiled).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { OrgApi } from '../../plugin/src/org/api.ts';
import { buildComplianceReport } from '../../plugin/src/report/build.ts';
import { parseXlsxDetail } from '../../plugin/src/report/types.ts';
import type { ReportFormat } from '../../plugin/src/report/types.ts';
import { startServer } from './harness.ts';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    formats: { type: 'string', default: 'csv,xlsx,pdf' },
    'xlsx-detail': { type: 'string' },
    keep: { type: 'string' },
  },
});
const dbFile = path.join(os.tmpdir(), `cme-bench-report-${values.rows}.sqlite`);
if (!fs.existsSync(dbFile))
  throw new Error(`${dbFile} is missing: run report-vs-export.ts --seed-only --rows ${values.rows}`);
const server = await startServer(dbFile);
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-phase-'));
try {
  const api = new OrgApi({ instanceUrl: server.url, accessToken: server.token, version: '66.0' });
  const started = performance.now();
  let phase = '';
  let phaseStart = started;
  /** Each phase: its seconds, and the process's peak RSS so far when it ended (MB). */
  const phases: [string, number, number][] = [];
  const peakMb = () => process.resourceUsage().maxRSS / 1024;
  const onProgress = (message: string) => {
    const name = message.replace(/[:\d,].*$/, '').trim();
    if (name === phase) return;
    const now = performance.now();
    if (phase) phases.push([phase, (now - phaseStart) / 1000, peakMb()]);
    phase = name;
    phaseStart = now;
  };
  const result = await buildComplianceReport(api, {
    window: { start: '2025-01-01', end: '2025-12-31', label: '2025' },
    asOf: '2026-01-31',
    formats: values.formats.split(',') as ReportFormat[],
    outputDir: values.keep ?? path.join(out, 'pack'),
    xlsxDetail: values['xlsx-detail'] ? parseXlsxDetail(values['xlsx-detail']) : undefined,
    identity: { orgId: '00D000000000001', username: 'bench@cme.local', instanceUrl: server.url },
    toolVersion: 'bench',
    onProgress,
  });
  phases.push([phase, (performance.now() - phaseStart) / 1000, peakMb()]);
  for (const [name, seconds, peak] of phases)
    console.log(`${seconds.toFixed(1).padStart(7)} s  ${`peak RSS ${peak.toFixed(0)} MB`.padEnd(18)}${name}`);
  console.log(
    `${((performance.now() - started) / 1000).toFixed(1).padStart(7)} s  total; ${result.apiCalls} API calls; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
  console.log(JSON.stringify(result.counts));
} finally {
  await server.stop();
  fs.rmSync(out, { recursive: true, force: true });
}
