// Two report.xlsx files compared cell by cell (exceljs's streaming reader, so a million rows fit): every
// sheet's name, row count and each cell's address, type and value. Prints the first difference or the
// sheets and cells that are the same. Usage: node scripts/bench/xlsx-compare.ts A.xlsx B.xlsx
import ExcelJS from 'exceljs';

/** A sheet as its cells, one line each: address, type, value (JSON). */
interface SheetCells {
  name: string;
  rows: number;
  cells: number;
  lines: AsyncGenerator<string>;
}

async function* sheetsOf(file: string): AsyncGenerator<SheetCells> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
    worksheets: 'emit',
  });
  for await (const sheet of reader) {
    const state = { rows: 0, cells: 0 };
    const name = (sheet as unknown as { name: string }).name;
    async function* lines(): AsyncGenerator<string> {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        state.rows++;
        const out: string[] = [];
        row.eachCell({ includeEmpty: false }, (cell) => {
          state.cells++;
          out.push(`${cell.address} ${cell.type} ${JSON.stringify(cell.value)}`);
        });
        yield `${row.number}: ${out.join(' | ')}`;
      }
    }
    const entry: SheetCells = {
      name,
      get rows() {
        return state.rows;
      },
      get cells() {
        return state.cells;
      },
      lines: lines(),
    };
    yield entry;
    // The reader needs the sheet consumed before the next one.
    while (!(await entry.lines.next()).done);
  }
}

const [a, b] = process.argv.slice(2);
if (!a || !b) throw new Error('Usage: xlsx-compare.ts A.xlsx B.xlsx');
const left = sheetsOf(a);
const right = sheetsOf(b);
let differences = 0;
for (;;) {
  const [l, r] = [await left.next(), await right.next()];
  if (l.done || r.done) {
    if (!l.done || !r.done) {
      console.log(`sheet count differs: ${l.done ? 'A' : 'B'} ends first`);
      differences++;
    }
    break;
  }
  if (l.value.name !== r.value.name) {
    console.log(`sheet names differ: ${l.value.name} / ${r.value.name}`);
    differences++;
  }
  for (;;) {
    const [x, y] = [await l.value.lines.next(), await r.value.lines.next()];
    if (x.done && y.done) break;
    if (x.value !== y.value) {
      console.log(`${l.value.name}: ${String(x.value).slice(0, 300)}\n   ≠ ${String(y.value).slice(0, 300)}`);
      differences++;
      break;
    }
  }
  console.log(`${l.value.name}: ${l.value.rows} / ${r.value.rows} rows, ${l.value.cells} / ${r.value.cells} cells`);
}
console.log(differences ? `${differences} difference(s)` : 'same sheets, rows and cells (address, type, value)');
process.exitCode = differences ? 1 : 0;
