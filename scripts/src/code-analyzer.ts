// `node scripts/src/code-analyzer.ts`: Salesforce Code Analyzer v5 (the scanner of the AppExchange security
// review) over force-app, through @salesforce/code-analyzer-core and its engine packages, configured by
// code-analyzer.yml. It does what `sf code-analyzer run --workspace . --target force-app --rule-selector
// Recommended --rule-selector AppExchange --output-file …` does (plugin-code-analyzer's RunAction: add the
// engine plugins, create the workspace, select the rules, run, write the results). The plugin itself cannot
// be installed from the registry here: 5.16.0, the only version published there, depends on
// code-analyzer-core 0.53.0, -apexguru-engine 0.43.0 and -uibundle-engine 0.2.0, which are not published
// there, and it imports both engines unconditionally (lib/lib/factories/EnginePluginsFactory.js).
//
// Writes test-artifacts/code-analyzer/results.json (the tool's JSON format) and results.html, prints one
// summary line and every violation of severity 1 (Critical) or 2 (High), and exits 1 when there is any, when
// a required engine did not run, or when the compiled LWC JavaScript is missing or older than its source.
// An engine that fails is reported by the core as a severity-1 violation (UninstantiableEngineError /
// UnexpectedEngineError), so it fails the run too.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Rule selectors: Code Analyzer's Recommended rules, and PMD's AppExchange (security review) rules, the only
 * PMD rules for XML metadata (Recommended PMD rules are for Apex and Visualforce, which the package has none of). */
export const RULE_SELECTORS = ['Recommended', 'AppExchange'];

/** Engines that must report results for this package. Not listed: sfge (Apex only; its rules are DevPreview,
 * none is selected without Apex) and flow (not installed: the registry's newest flow engine, 0.22.0, is built
 * on engine API 0.24 and crashes rule selection in core 0.52; the package has no flows anyway). */
export const REQUIRED_ENGINES = ['eslint', 'pmd', 'cpd', 'retire-js', 'regex'];

/** The devDependencies this runner needs: the newest versions on the registry that work together (the
 * engines' own newer releases named by plugin-code-analyzer 5.16.0 are not published there). */
export const PACKAGES = {
  core: '@salesforce/code-analyzer-core@0.52.0',
  engines: [
    '@salesforce/code-analyzer-eslint-engine@0.40.2',
    '@salesforce/code-analyzer-pmd-engine@0.46.0', // pmd and cpd (Java)
    '@salesforce/code-analyzer-retirejs-engine@0.32.0',
    '@salesforce/code-analyzer-regex-engine@0.33.0',
    '@salesforce/code-analyzer-sfge-engine@0.25.0', // Java; nothing to check without Apex
  ],
};
const moduleName = (spec: string) => spec.slice(0, spec.lastIndexOf('@'));

/** The rules that Code Analyzer's core reports when an engine cannot start or throws (severity 1). */
const ENGINE_ERROR_RULES = new Set(['UninstantiableEngineError', 'UnexpectedEngineError']);

export interface Location {
  file?: string;
  startLine?: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
  comment?: string;
}

export interface Violation {
  rule: string;
  engine: string;
  severity: number;
  tags: string[];
  primaryLocationIndex: number;
  locations: Location[];
  message: string;
  resources?: string[];
}

/** The JSON output format of Code Analyzer v5 (`--output-file results.json`). */
export interface Results {
  runDir: string;
  violationCounts: { total: number; sev1: number; sev2: number; sev3: number; sev4: number; sev5: number };
  versions: Record<string, string>;
  violations: Violation[];
}

export interface Verdict {
  /** Violations per severity 1..5, counted from the violations themselves. */
  counts: [number, number, number, number, number];
  /** Severity 1 and 2 violations (engine errors included). */
  blocking: Violation[];
  /** Engines that could not start or threw (the core reports them as severity-1 violations). */
  failedEngines: string[];
  /** Required engines absent from the results. */
  missingEngines: string[];
  exitCode: 0 | 1;
}

/** Parses the JSON results file; throws when it is not in Code Analyzer's format or its counts disagree. */
export function parseResults(text: string): Results {
  const data = JSON.parse(text) as Partial<Results>;
  const counts = data.violationCounts;
  if (typeof data.runDir !== 'string' || !counts || !data.versions || !Array.isArray(data.violations)) {
    throw new Error('not a Code Analyzer JSON results file (expected runDir, violationCounts, versions, violations)');
  }
  for (const v of data.violations) {
    if (typeof v.rule !== 'string' || typeof v.engine !== 'string' || ![1, 2, 3, 4, 5].includes(v.severity)) {
      throw new Error(`malformed violation: ${JSON.stringify(v).slice(0, 200)}`);
    }
  }
  const results = data as Results;
  const counted = countBySeverity(results.violations);
  const stated = [counts.sev1, counts.sev2, counts.sev3, counts.sev4, counts.sev5];
  if (counts.total !== results.violations.length || stated.some((n, i) => n !== counted[i])) {
    throw new Error(
      `violationCounts ${JSON.stringify(counts)} disagree with the ${results.violations.length} violations listed`,
    );
  }
  return results;
}

function countBySeverity(violations: Violation[]): [number, number, number, number, number] {
  const counts: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  for (const v of violations) counts[v.severity - 1]++;
  return counts;
}

/** The exit rule: fail on any severity 1–2 violation, any engine error, any required engine missing. */
export function evaluate(results: Results, requiredEngines: string[] = REQUIRED_ENGINES): Verdict {
  const blocking = results.violations.filter((v) => v.severity <= 2);
  const failedEngines = [
    ...new Set(results.violations.filter((v) => ENGINE_ERROR_RULES.has(v.rule)).map((v) => v.engine)),
  ].sort();
  const missingEngines = requiredEngines.filter((e) => !(e in results.versions));
  const exitCode = blocking.length || failedEngines.length || missingEngines.length ? 1 : 0;
  return { counts: countBySeverity(results.violations), blocking, failedEngines, missingEngines, exitCode };
}

/** `file:line:column` of a violation's primary location, relative to the run folder. */
export function where(v: Violation): string {
  const loc = v.locations[v.primaryLocationIndex] ?? v.locations[0];
  if (!loc?.file) return '(no location)';
  return `${loc.file}${loc.startLine ? `:${loc.startLine}` : ''}${loc.startColumn ? `:${loc.startColumn}` : ''}`;
}

export function formatViolation(v: Violation): string {
  const message = v.message.split('\n')[0];
  return `${where(v)} [sev ${v.severity}] ${v.engine}/${v.rule}: ${message}`;
}

/** The report: one summary line, then the blocking violations and the engine problems. */
export function report(results: Results, verdict: Verdict): string[] {
  const [s1, s2, s3, s4, s5] = verdict.counts;
  const engines = Object.entries(results.versions)
    .filter(([name]) => name !== 'code-analyzer')
    .map(([name, version]) => `${name} ${version}`)
    .join(', ');
  const lines = [
    `code analyzer: ${verdict.exitCode ? 'FAIL' : 'ok'}, ${results.violations.length} violations ` +
      `(sev1 ${s1}, sev2 ${s2}, sev3 ${s3}, sev4 ${s4}, sev5 ${s5}); core ${results.versions['code-analyzer']}; ${engines}`,
  ];
  for (const v of verdict.blocking) lines.push(`  ${formatViolation(v)}`);
  if (verdict.failedEngines.length) lines.push(`  engines that failed: ${verdict.failedEngines.join(', ')}`);
  if (verdict.missingEngines.length)
    lines.push(`  required engines that did not run: ${verdict.missingEngines.join(', ')}`);
  return lines;
}

/** LWC TypeScript sources (not tests, not .d.ts) whose compiled .js beside them is missing or older. */
export function staleCompiledLwc(lwcDir: string): string[] {
  const stale: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '__tests__' && entry.name !== 'node_modules') walk(full);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        const js = full.slice(0, -3) + '.js';
        if (!fs.existsSync(js) || fs.statSync(js).mtimeMs < fs.statSync(full).mtimeMs) stale.push(full);
      }
    }
  };
  walk(lwcDir);
  return stale.sort();
}

// The parts of the core's API the runner uses (the types are the core's; kept here so that type-checking
// does not depend on the package being installed).
interface CoreModule {
  CodeAnalyzerConfig: { fromFile(file: string): CoreConfig };
  CodeAnalyzer: new (config: CoreConfig) => CodeAnalyzerApi;
}
interface CoreConfig {
  getLogFolder(): string;
  getLogLevel(): number;
}
interface LogEventData {
  timestamp: Date;
  logLevel: number;
  message: string;
  engineName?: string;
}
interface CodeAnalyzerApi {
  onEvent(type: 'LogEvent' | 'EngineLogEvent', callback: (event: LogEventData) => void): void;
  addEnginePlugin(plugin: unknown): Promise<void>;
  getEngineNames(): string[];
  createWorkspace(filesAndFolders: string[], targets?: string[]): Promise<unknown>;
  selectRules(selectors: string[], options: { workspace: unknown }): Promise<RuleSelectionApi>;
  run(selection: RuleSelectionApi, options: { workspace: unknown }): Promise<{ toFormattedOutput(f: string): string }>;
}
interface RuleSelectionApi {
  getEngineNames(): string[];
  getRulesFor(engine: string): unknown[];
}

async function load<T>(specifier: string): Promise<T | undefined> {
  try {
    return (await import(specifier)) as T;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

async function main(): Promise<number> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  process.chdir(root); // the results name files relative to the run folder
  const started = Date.now();

  const core = await load<CoreModule>(moduleName(PACKAGES.core));
  const engineModules = await Promise.all(
    PACKAGES.engines.map((spec) => load<{ createEnginePlugin(): unknown }>(moduleName(spec))),
  );
  const missing = [PACKAGES.core, ...PACKAGES.engines].filter((_, i) => !(i === 0 ? core : engineModules[i - 1]));
  if (!core || missing.length) {
    console.error(`code analyzer: not installed; needs npm install -D --save-exact ${missing.join(' ')}`);
    return 1;
  }

  const stale = staleCompiledLwc(path.join(root, 'force-app/main/default/lwc'));
  if (stale.length) {
    console.error(`code analyzer: compiled LWC JavaScript missing or older than its source; run npm run build:lwc`);
    for (const file of stale) console.error(`  ${path.relative(root, file)}`);
    return 1;
  }

  const outDir = path.join(root, 'test-artifacts/code-analyzer');
  fs.mkdirSync(outDir, { recursive: true }); // log_folder must exist before the config is read
  const config = core.CodeAnalyzerConfig.fromFile(path.join(root, 'code-analyzer.yml'));
  const analyzer = new core.CodeAnalyzer(config);
  const logFile = path.join(config.getLogFolder(), 'code-analyzer.log');
  const log = fs.createWriteStream(logFile);
  const engineErrors: string[] = [];
  const onLog = (event: LogEventData) => {
    if (event.logLevel > config.getLogLevel()) return;
    log.write(`${event.timestamp.toISOString()} ${event.engineName ?? 'core'} [${event.logLevel}] ${event.message}\n`);
    if (event.engineName && event.logLevel === 1) engineErrors.push(`${event.engineName}: ${event.message}`);
  };
  analyzer.onEvent('LogEvent', onLog);
  analyzer.onEvent('EngineLogEvent', onLog);

  for (const engine of engineModules) await analyzer.addEnginePlugin(engine!.createEnginePlugin());
  const workspace = await analyzer.createWorkspace([root], [path.join(root, 'force-app')]);
  const selection = await analyzer.selectRules(RULE_SELECTORS, { workspace });
  const runResults = await analyzer.run(selection, { workspace });
  await new Promise((resolve) => log.end(resolve));

  const resultsFile = path.join(outDir, 'results.json');
  fs.writeFileSync(resultsFile, runResults.toFormattedOutput('JSON'));
  fs.writeFileSync(path.join(outDir, 'results.html'), runResults.toFormattedOutput('HTML'));

  const results = parseResults(fs.readFileSync(resultsFile, 'utf8'));
  const verdict = evaluate(results);
  for (const line of report(results, verdict)) console.log(line);
  const rules = selection.getEngineNames().map((e) => `${e} ${selection.getRulesFor(e).length}`);
  console.log(`  rules selected (${RULE_SELECTORS.join(' + ')}): ${rules.join(', ')}`);
  // Engine errors that are not violations: files an engine could not process (PMD's JavaScript parser, Rhino,
  // fails on some modern syntax). Shown, not counted: the other engines still check those files.
  for (const message of engineErrors) {
    const oneLine = message
      .split(root + path.sep)
      .join('')
      .replace(/\s+/g, ' ');
    console.log(`  engine error (logged, not a violation): ${oneLine.slice(0, 240)}`);
  }
  console.log(
    `  results: ${path.relative(root, resultsFile)}, log: ${path.relative(root, logFile)} (${((Date.now() - started) / 1000).toFixed(1)}s)`,
  );
  return verdict.exitCode;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main();
}
