import { writeXlsx } from './src/report/outputs.ts';
import { SHEETS } from './src/report/sheets.ts';
const tables = Object.fromEntries(Object.entries(SHEETS).map(([k, v]) => [k, { path: `/tmp/keep-pack/data/${v.file}` }]));
let peak = 0; const t = setInterval(() => peak = Math.max(peak, process.memoryUsage().rss), 20);
const t0 = performance.now();
await writeXlsx('/tmp/y.xlsx', tables as never);
clearInterval(t);
console.log(((performance.now() - t0) / 1000).toFixed(1), 's', (peak / 1048576).toFixed(0), 'MB');
