// report.xlsx's writer alone: writes the workbook of a kept pack's CSV files (phase-profile --keep DIR)
// in this thread, so `node --cpu-prof` profiles it, and prints the time, the rows and the peak RSS.
// Usage: node scripts/bench/xlsx-writer.ts --pack DIR [--out FILE] [--xlsx-detail N|all] [--runs N]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SHEETS } from '../../plugin/src/report/sheets.ts';
import type { SheetName } from '../../plugin/src/report/sheets.ts';
import { parseXlsxDetail } from '../../plugin/src/report/types.ts';
import { XlsxWorkbook } from '../../plugin/src/report/xlsx.ts';
import type { CsvInBag } from '../../plugin/src/report/xlsx.ts';
import { readCsvRecords } from '../../plugin/src/report/files.ts';
import { createHash } from 'node:crypto';

const { values } = parseArgs({
  options: {
    pack: { type: 'string' },
    out: { type: 'string' },
    'xlsx-detail': { type: 'string', default: '100000' },
    runs: { type: 'string', default: '1' },
  },
});
if (!values.pack) throw new Error('--pack DIR (a pack kept by phase-profile --keep) is required');
const data = path.join(values.pack, 'data');
const detail = parseXlsxDetail(values['xlsx-detail']);
const names = Object.keys(SHEETS) as SheetName[];
const inBag = new Map<SheetName, CsvInBag>();
let rows = 0;
for (const name of names) {
  const file = path.join(data, SHEETS[name].file);
  let n = -1;
  for (const records = readCsvRecords(file); !records.next().done;) n++;
  rows += n;
  const sha256 = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  inBag.set(name, { file: `data/${SHEETS[name].file}`, rows: n, sha256 });
}
const seconds: number[] = [];
for (let run = 0; run < Number(values.runs); run++) {
  const out = values.out ?? path.join(os.tmpdir(), `cme-xlsx-writer-${process.pid}.xlsx`);
  const started = performance.now();
  const workbook = new XlsxWorkbook(out, undefined, detail === 'all' ? Infinity : detail);
  for (const name of names)
    await workbook.addTable(name, path.join(data, SHEETS[name].file), undefined, () => inBag.get(name));
  await workbook.commit();
  seconds.push((performance.now() - started) / 1000);
  console.log(
    `${seconds.at(-1)?.toFixed(2)} s  ${rows.toLocaleString('en-US')} CSV rows  ${(fs.statSync(out).size / 1e6).toFixed(1)} MB  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
  if (!values.out) fs.rmSync(out);
}
seconds.sort((a, b) => a - b);
console.log(`median ${seconds[Math.floor(seconds.length / 2)].toFixed(2)} s of ${seconds.length}`);
