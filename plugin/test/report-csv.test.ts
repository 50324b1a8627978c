// CSV as the audit pack writes it (RFC 4180, OWASP CSV-injection neutralisation) and reads it back
// in pieces (HTTP bodies, file chunks), and the report window flags.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CsvChunker, parseCsv } from '../src/org/csv.ts';
import { csvCell, csvRow, neutralise } from '../src/report/csv.ts';
import { resolveReportFlags } from '../src/schema/reportOptions.ts';

describe('csv', () => {
  it('neutralises every cell start a spreadsheet would run, and nothing else', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r', '\n'])
      assert.equal(neutralise(`${start}SUM(A1)`), `'${start}SUM(A1)`);
    for (const safe of ['Dr Asha', "'quoted", ' =spaced', '12', '']) assert.equal(neutralise(safe), safe);
    assert.equal(csvCell('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
    assert.equal(csvCell(-12.5), '-12.5', 'numbers stay numbers');
    assert.equal(csvCell(null), '');
    assert.equal(csvCell(true), 'true');
  });

  it('quotes per RFC 4180 and ends records with CRLF; parsing gives the values back', () => {
    const values = ['a,b', 'say "hi"', 'two\nlines', 'plain', ''];
    const line = csvRow(values);
    assert.equal(line, '"a,b","say ""hi""","two\nlines",plain,\r\n');
    assert.deepEqual(parseCsv(line), [values]);
  });

  it('parses the same records however the text is cut into pieces', () => {
    const text = 'id,name,note\r\n1,"Rao, Asha","said ""ok""\nthen left"\r\n2,Lee,\r\n3,"",x\n4,"x""",\r\n5,a,"end"';
    const whole = parseCsv(text);
    assert.equal(whole.length, 6);
    assert.deepEqual(whole[4], ['4', 'x"', '']);
    assert.deepEqual(whole[5], ['5', 'a', 'end']);
    for (let cut = 0; cut <= text.length; cut++) {
      const chunker = new CsvChunker();
      const records = [...chunker.push(text.slice(0, cut)), ...chunker.push(text.slice(cut)), ...chunker.end()];
      assert.deepEqual(records, whole, `cut at ${cut}`);
    }
    for (let size = 1; size <= text.length; size++) {
      const chunker = new CsvChunker();
      const records: string[][] = [];
      for (let i = 0; i < text.length; i += size) records.push(...chunker.push(text.slice(i, i + size)));
      records.push(...chunker.end());
      assert.deepEqual(records, whole, `pieces of ${size}`);
    }
  });
});

describe('csv records', () => {
  it('reads plain lines, quoted fields, lone CRs, LF or CRLF endings and empty lines alike', () => {
    const text = 'a,b\r\nc,\n\r\n"q,1",2\nx\ry,z\r\n,\n"e""",f\r\ng,"h\r\ni"\r\nlast';
    assert.deepEqual(parseCsv(text), [
      ['a', 'b'],
      ['c', ''],
      [''],
      ['q,1', '2'],
      ['x'],
      ['y', 'z'],
      ['', ''],
      ['e"', 'f'],
      ['g', 'h\r\ni'],
      ['last'],
    ]);
    const chunker = new CsvChunker();
    assert.deepEqual(chunker.push('1,2\r\n3,"4\n'), [['1', '2']], 'a quoted field left open waits for the rest');
    assert.deepEqual(chunker.push('5"\r\n6,7\r'), [['3', '4\n5']], 'so does a record whose CR may start a CRLF');
    assert.deepEqual([...chunker.push('\n'), ...chunker.end()], [['6', '7']]);
  });
});

describe('report window flags', () => {
  const base = { asOf: '2026-11-24', formats: ['csv'] };
  it('resolves --year, --fiscal-year (April to March, named by its start) and --from/--to', () => {
    assert.deepEqual(resolveReportFlags({ ...base, year: 2025 }), {
      window: { start: '2025-01-01', end: '2025-12-31', label: '2025' },
      asOf: '2026-11-24',
      formats: ['csv'],
    });
    assert.deepEqual((resolveReportFlags({ ...base, fiscalYear: 2025 }) as { window: unknown }).window, {
      start: '2025-04-01',
      end: '2026-03-31',
      label: 'FY2025-26',
    });
    assert.deepEqual(
      (resolveReportFlags({ ...base, from: '2026-02-01', to: '2026-02-28' }) as { window: unknown }).window,
      {
        start: '2026-02-01',
        end: '2026-02-28',
        label: '2026-02-01 to 2026-02-28',
      },
    );
    assert.equal(
      (resolveReportFlags({ ...base, from: '2026-06-01' }) as { window: { end: string } }).window.end,
      '2026-11-24',
    );
    assert.equal(
      (resolveReportFlags(base) as { window: { label: string } }).window.label,
      '2026',
      'default: the year of --as-of',
    );
  });

  it('lists every problem at once', () => {
    const result = resolveReportFlags({
      asOf: '2026-11-24',
      formats: ['csv', 'docx'],
      from: '2026-02-30',
      year: 2026,
      to: '2026-01-01',
    });
    assert.ok('problems' in result);
    assert.deepEqual(result.problems, [
      'from: not a calendar date',
      'formats.1: Invalid option: expected one of "csv"|"xlsx"|"pdf"|"json"',
      'window: use only one of --from/--to, --year and --fiscal-year',
      'to: --to (2026-01-01) is before --from (2026-02-30)',
    ]);
    assert.deepEqual((resolveReportFlags({ ...base, to: '2026-01-01' }) as { problems: string[] }).problems, [
      'from: --to needs --from',
    ]);
  });
});
