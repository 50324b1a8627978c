// Tests for scripts/src/code-analyzer.ts: reading Code Analyzer's JSON results and the exit rule.
// The fixtures are results files written by Code Analyzer itself (core 0.52.0 with the eslint, pmd/cpd,
// retire-js and regex engines, selectors Recommended + AppExchange, toFormattedOutput(JSON)) over small
// projects made for them, then formatted by prettier (same JSON):
//   clean.json         an LWC bundle (a hard-coded 4rem in its CSS) and a custom field named *_Key__c
//   high.json          the same with innerHTML and an undeclared variable in the component, and a
//                      jquery-1.8.1.min.js (retire-js, from its bundled vulnerability list)
//   engine-failed.json the clean project with engines.pmd.java_command pointing at no Java
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  REQUIRED_ENGINES,
  evaluate,
  formatViolation,
  parseResults,
  report,
  staleCompiledLwc,
} from '../src/code-analyzer.ts';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/code-analyzer');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

describe('code analyzer results', () => {
  it('passes a run whose violations are all of severity 3 to 5', () => {
    const results = parseResults(fixture('clean.json'));
    const verdict = evaluate(results);
    assert.deepEqual(verdict.counts, [0, 0, 1, 1, 0]);
    assert.deepEqual(verdict.blocking, []);
    assert.deepEqual(verdict.failedEngines, []);
    assert.deepEqual(verdict.missingEngines, []);
    assert.equal(verdict.exitCode, 0);
    const [summary, ...rest] = report(results, verdict);
    assert.match(
      summary,
      /^code analyzer: ok, 2 violations \(sev1 0, sev2 0, sev3 1, sev4 1, sev5 0\); core 0\.52\.0;/,
    );
    assert.match(summary, /eslint 0\.40\.2, pmd 0\.46\.0, cpd 0\.46\.0, retire-js 0\.32\.0, regex 0\.33\.0$/);
    assert.deepEqual(rest, []);
  });

  it('fails on severity 2 violations and names each with its file, line and rule', () => {
    const results = parseResults(fixture('high.json'));
    const verdict = evaluate(results);
    assert.equal(verdict.exitCode, 1);
    assert.deepEqual(verdict.counts, [0, 2, 8, 2, 0]);
    assert.deepEqual(verdict.blocking.map(formatViolation), [
      "force-app/main/default/lwc/demo/demo.js:7:42 [sev 2] eslint/@lwc/lwc/no-inner-html: Using 'innerHTML/outputHTML/insertAdjacentHTML' is not allowed",
      "force-app/main/default/lwc/demo/demo.js:8:9 [sev 2] eslint/no-undef: 'total' is not defined.",
    ]);
    const lines = report(results, verdict);
    assert.match(lines[0], /^code analyzer: FAIL, 12 violations \(sev1 0, sev2 2, sev3 8, sev4 2, sev5 0\)/);
    assert.equal(lines.length, 3);
    // retire-js found the vulnerable library with its bundled list (no download): severity 3 and 4 here.
    const retire = results.violations.filter((v) => v.engine === 'retire-js');
    assert.equal(retire.length, 8);
    assert.ok(retire.every((v) => v.locations[0].file?.endsWith('jquery-1.8.1.min.js') && v.severity >= 3));
  });

  it('fails when an engine could not start, even with no other violation of severity 1 or 2', () => {
    const results = parseResults(fixture('engine-failed.json'));
    const verdict = evaluate(results);
    assert.equal(verdict.exitCode, 1);
    assert.deepEqual(verdict.failedEngines, ['pmd']);
    assert.deepEqual(
      verdict.blocking.map((v) => `${v.engine}/${v.rule} ${v.severity}`),
      ['pmd/UninstantiableEngineError 1'],
    );
    const lines = report(results, verdict);
    assert.match(lines[1], /^ {2}\(no location\) \[sev 1\] pmd\/UninstantiableEngineError: The engine with name 'pmd'/);
    assert.equal(lines[2], '  engines that failed: pmd');
  });

  it('fails when a required engine is absent from the results', () => {
    const results = parseResults(fixture('clean.json'));
    assert.deepEqual(evaluate(results, [...REQUIRED_ENGINES, 'sfge']).missingEngines, ['sfge']);
    assert.equal(evaluate(results, [...REQUIRED_ENGINES, 'sfge']).exitCode, 1);
    const withoutPmd = { ...results, versions: { ...results.versions } };
    delete withoutPmd.versions.pmd;
    const verdict = evaluate(withoutPmd);
    assert.deepEqual(verdict.missingEngines, ['pmd']);
    assert.equal(verdict.exitCode, 1);
    assert.equal(report(withoutPmd, verdict).at(-1), '  required engines that did not run: pmd');
  });

  it('refuses a file that is not Code Analyzer JSON, or whose counts disagree with its violations', () => {
    assert.throws(() => parseResults('{"version":"2.1.0","runs":[]}'), /not a Code Analyzer JSON results file/);
    const data = JSON.parse(fixture('high.json'));
    data.violationCounts.sev2 = 0;
    assert.throws(() => parseResults(JSON.stringify(data)), /disagree with the 12 violations/);
    const bad = JSON.parse(fixture('clean.json'));
    bad.violations[0].severity = 7;
    assert.throws(() => parseResults(JSON.stringify(bad)), /malformed violation/);
  });
});

describe('compiled LWC check', () => {
  it('lists each component source whose .js is missing or older, skipping tests and declarations', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-code-analyzer-'));
    try {
      const file = (rel: string, mtime: number) => {
        const full = path.join(dir, rel);
        fs.mkdirSync(path.dirname(full), { recursive: true });
        fs.writeFileSync(full, '');
        fs.utimesSync(full, mtime, mtime);
      };
      file('fresh/fresh.ts', 1000);
      file('fresh/fresh.js', 2000);
      file('old/old.ts', 2000);
      file('old/old.js', 1000);
      file('none/none.ts', 1000);
      file('none/types.d.ts', 1000);
      file('none/__tests__/none.test.ts', 1000);
      assert.deepEqual(
        staleCompiledLwc(dir).map((f) => path.relative(dir, f)),
        ['none/none.ts', 'old/old.ts'],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
