// Checks .github/workflows/scratch-org-nuts.yml without running it (it needs a Dev Hub): the YAML parses
// (the `yaml` package), every `sf` command in its steps is a command of the installed CLI (the
// oclif.manifest.json of @salesforce/cli's plugins) or of our plugin (plugin/src/commands), with only flags
// that command defines and all the flags it requires; the files, permission sets and npm scripts it names
// exist; and the steps run in the order the scratch org needs, with the org deleted in an always() step.
// The same checks run on broken copies of the workflow, to show that each kind of mistake is caught.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WORKFLOW = path.join(ROOT, '.github/workflows/scratch-org-nuts.yml');
const PERMSETS = path.join(ROOT, 'force-app/main/default/permissionsets');

interface FlagDef {
  name: string;
  char?: string;
  type: 'boolean' | 'option';
  allowNo?: boolean;
  required?: boolean;
  options?: string[];
}
interface CommandDef {
  source: string;
  flags: FlagDef[];
}

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));

/** Commands of the installed sf CLI: each plugin's oclif.manifest.json, as `sf <cmd> --help` shows them. */
function cliCommands(): Map<string, CommandDef> {
  const commands = new Map<string, CommandDef>();
  const cli = path.join(ROOT, 'node_modules/@salesforce/cli');
  for (const plugin of readJson(path.join(cli, 'package.json')).oclif.plugins as string[]) {
    const dir = [path.join(cli, 'node_modules', plugin), path.join(ROOT, 'node_modules', plugin)].find((d) =>
      fs.existsSync(path.join(d, 'package.json')),
    );
    const manifest = dir && path.join(dir, 'oclif.manifest.json');
    if (!manifest || !fs.existsSync(manifest)) continue;
    for (const [id, command] of Object.entries(readJson(manifest).commands as Record<string, { flags: object }>))
      commands.set(id, { source: `${plugin}/oclif.manifest.json`, flags: Object.values(command.flags) as FlagDef[] });
  }
  return commands;
}

/** Commands of our plugin, read from plugin/src/commands: each `name: Flags.kind({...})` of `static flags`. */
function pluginCommands(): Map<string, CommandDef> {
  const commands = new Map<string, CommandDef>();
  const dir = path.join(ROOT, 'plugin/src/commands');
  for (const file of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts')) continue;
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const block = `${/static readonly flags = \{([\s\S]*?)\n {2}\};/.exec(text)?.[1] ?? ''}\n`;
    const flags: FlagDef[] = [
      // SfCommand's own flags.
      { name: 'json', type: 'boolean' },
      { name: 'flags-dir', type: 'option' },
    ];
    for (const m of block.matchAll(/^ {4}'?([a-z][a-z0-9-]*)'?: Flags\.(\w+)\(([\s\S]*?)\),?\n(?= {4}\S|$)/gm)) {
      const [, name, kind, options] = m;
      flags.push({
        name,
        type: kind === 'boolean' ? 'boolean' : 'option',
        char: /char: '(\w)'/.exec(options)?.[1],
        required: kind === 'requiredOrg' || /required: true/.test(options),
      });
    }
    commands.set(file.slice(0, -3).split(path.sep).join(':'), { source: `plugin/src/commands/${file}`, flags });
  }
  return commands;
}

type Token = { word: string } | { op: string };

/** Shell words of a `run:` script (quotes removed, `$VAR` kept as text), with && || ; | and newlines as ops. */
function tokenize(script: string): Token[] {
  const tokens: Token[] = [];
  const text = script.replace(/\\\n/g, ' ');
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    const op = ['&&', '||', ';', '|', '\n', '(', ')'].find((o) => text.startsWith(o, i));
    if (op) {
      tokens.push({ op });
      i += op.length;
      continue;
    }
    let word = '';
    while (i < text.length && !/[\s;|&()]/.test(text[i])) {
      const q = text[i];
      if (q === "'" || q === '"') {
        const end = text.indexOf(q, i + 1);
        word += text.slice(i + 1, end < 0 ? text.length : end);
        i = end < 0 ? text.length : end + 1;
      } else if (q === '$' && text[i + 1] === '(') {
        word += '$(';
        i += 2;
      } else {
        word += q;
        i++;
      }
    }
    tokens.push({ word });
  }
  return tokens;
}

/** The simple commands of a script: their words, with leading VAR=value assignments dropped. */
function commandsOf(script: string): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  for (const token of [...tokenize(script), { op: '\n' }]) {
    if ('op' in token) {
      if (current.length) out.push(current);
      current = [];
    } else if (current.length || !/^[A-Za-z_][A-Za-z0-9_]*=/.test(token.word)) current.push(token.word);
  }
  return out;
}

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}

interface SfCall {
  step: number;
  id: string;
  flags: Map<string, string[]>;
  args: string[];
}

/** Everything wrong with a workflow text; [] when every check passes. */
function problemsOf(text: string): string[] {
  const problems: string[] = [];
  const doc = parse(text) as {
    on?: { workflow_dispatch?: unknown; push?: { branches?: string[] } };
    jobs?: Record<string, { 'runs-on'?: string; steps?: Step[] }>;
  };
  if (!doc.on || !('workflow_dispatch' in doc.on)) problems.push('not started by workflow_dispatch');
  if (!doc.on?.push?.branches?.includes('main')) problems.push('not started by a push to main');
  const jobs = Object.entries(doc.jobs ?? {});
  if (jobs.length !== 1) return [...problems, `expected one job, found ${jobs.length}`];
  const [jobName, job] = jobs[0];
  if (job['runs-on'] !== 'ubuntu-latest') problems.push(`${jobName} runs on ${job['runs-on']}, not ubuntu-latest`);
  const steps = job.steps ?? [];

  // Actions: only GitHub's own, pinned to a major version; Node is the version the project needs.
  const rootPackage = readJson(path.join(ROOT, 'package.json'));
  const nodeMajor = /(\d+)/.exec(rootPackage.engines.node)?.[1];
  for (const step of steps.filter((s) => s.uses)) {
    if (!/^actions\/(checkout|setup-node)@v\d+$/.test(step.uses!)) problems.push(`unexpected action ${step.uses}`);
    if (step.uses!.startsWith('actions/setup-node') && String(step.with?.['node-version']) !== nodeMajor)
      problems.push(`setup-node installs Node ${step.with?.['node-version']}, package.json needs ${nodeMajor}`);
  }
  if (!steps.some((s) => s.uses?.startsWith('actions/setup-node'))) problems.push('Node is not set up');

  const secrets = [...text.matchAll(/secrets\.(\w+)/g)].map((m) => m[1]);
  if (secrets.join() !== 'SF_DEVHUB_AUTH_URL') problems.push(`secrets used: ${secrets.join(', ') || 'none'}`);

  // Every sf and npm command of every step.
  const cli = cliCommands();
  const plugin = pluginCommands();
  const calls: SfCall[] = [];
  const npmRuns: { step: number; script: string }[] = [];
  steps.forEach((step, index) => {
    for (const words of commandsOf(step.run ?? '')) {
      const bin = words[0];
      if (bin === 'npm') {
        if (words[1] === 'ci' && !fs.existsSync(path.join(ROOT, 'package-lock.json')))
          problems.push('npm ci without a package-lock.json');
        if (words[1] === 'run') {
          const ws = words.findIndex((w) => w === '--workspace' || w === '-w');
          const dir = ws > 0 ? path.join(ROOT, words[ws + 1]) : ROOT;
          const scripts = fs.existsSync(path.join(dir, 'package.json'))
            ? readJson(path.join(dir, 'package.json')).scripts
            : {};
          if (!scripts?.[words[2]])
            problems.push(
              `step ${index + 1}: npm script '${words[2]}' not in ${path.relative(ROOT, dir) || '.'}/package.json`,
            );
          npmRuns.push({ step: index, script: words[2] });
        }
        continue;
      }
      if (bin !== 'sf' && !bin.endsWith('node_modules/.bin/sf')) continue;
      const positional: string[] = [];
      let j = 1;
      while (j < words.length && !words[j].startsWith('-')) positional.push(words[j++]);
      let id = '';
      let def: CommandDef | undefined;
      for (let n = positional.length; n > 0 && !def; n--) {
        id = positional.slice(0, n).join(':');
        def = cli.get(id) ?? plugin.get(id);
      }
      if (!def) {
        problems.push(
          `step ${index + 1}: 'sf ${positional.join(' ')}' is not a command of the installed sf CLI or the plugin`,
        );
        continue;
      }
      const args = positional.slice(id.split(':').length);
      const flags = new Map<string, string[]>();
      let help = false;
      for (; j < words.length; j++) {
        const word = words[j];
        if (word === '>' || word.startsWith('>')) break;
        if (!word.startsWith('-')) {
          args.push(word);
          continue;
        }
        const eq = word.indexOf('=');
        const given = (eq > 0 ? word.slice(0, eq) : word).replace(/^-+/, '');
        if (word === '--help' || word === '-h') {
          help = true; // oclif's own, on every command: shows help and runs nothing
          continue;
        }
        const flag = def.flags.find(
          (f) =>
            (word.startsWith('--') ? f.name === given : f.char === given) || (f.allowNo && `no-${f.name}` === given),
        );
        if (!flag) {
          problems.push(`step ${index + 1}: sf ${id.replaceAll(':', ' ')} has no flag ${word} (${def.source})`);
          continue;
        }
        let value = '';
        if (flag.type === 'option') value = eq > 0 ? word.slice(eq + 1) : (words[++j] ?? '');
        if (flag.options && !value.startsWith('$') && !flag.options.includes(value))
          problems.push(`step ${index + 1}: --${flag.name} ${value} is not one of ${flag.options.join(', ')}`);
        flags.set(flag.name, [...(flags.get(flag.name) ?? []), value]);
      }
      if (help) continue;
      for (const f of def.flags.filter((d) => d.required && !flags.has(d.name)))
        problems.push(`step ${index + 1}: sf ${id.replaceAll(':', ' ')} needs --${f.name}`);
      calls.push({ step: index, id, flags, args });
    }
  });

  // Files, folders and permission sets named by the commands.
  for (const call of calls) {
    for (const flag of ['definition-file', 'plan', 'source-dir'])
      for (const value of call.flags.get(flag) ?? [])
        if (!fs.existsSync(path.join(ROOT, value)))
          problems.push(`step ${call.step + 1}: --${flag} ${value} does not exist`);
    if (call.id === 'plugins:link') {
      const pkg = path.join(ROOT, call.args[0] ?? '.', 'package.json');
      if (!fs.existsSync(pkg) || !readJson(pkg).oclif)
        problems.push(`step ${call.step + 1}: ${call.args[0]} is not an oclif plugin`);
    }
    if (call.id === 'data:import:tree')
      for (const plan of call.flags.get('plan') ?? [])
        if (fs.existsSync(path.join(ROOT, plan)))
          for (const entry of readJson(path.join(ROOT, plan)) as { files: string[] }[])
            for (const file of entry.files)
              if (!fs.existsSync(path.join(ROOT, path.dirname(plan), file)))
                problems.push(`${plan} names ${file}, which does not exist`);
  }
  const assigned = calls.filter((c) => c.id === 'org:assign:permset').flatMap((c) => c.flags.get('name') ?? []);
  const permsets = fs.readdirSync(PERMSETS).map((f) => f.replace('.permissionset-meta.xml', ''));
  for (const name of assigned)
    if (!permsets.includes(name)) problems.push(`permission set ${name} is not in force-app`);
  for (const name of permsets) if (!assigned.includes(name)) problems.push(`permission set ${name} is never assigned`);

  // The order a scratch org needs, the NUTs in it, and the org deleted whatever happened.
  const firstStep = (id: string) => calls.find((c) => c.id === id)?.step;
  const order: [string, number | undefined][] = [
    ['org login sfdx-url', firstStep('org:login:sfdx-url')],
    ['org create scratch', firstStep('org:create:scratch')],
    ['npm run deploy:validate', npmRuns.find((r) => r.script === 'deploy:validate')?.step],
    ['project deploy start', firstStep('project:deploy:start')],
    ['org assign permset', firstStep('org:assign:permset')],
    ['data import tree', firstStep('data:import:tree')],
    ['cme seed', firstStep('cme:seed')],
    ['npm run test:nuts', npmRuns.find((r) => r.script === 'test:nuts')?.step],
    ['org delete scratch', firstStep('org:delete:scratch')],
  ];
  for (const [name, at] of order) if (at === undefined) problems.push(`no step runs ${name}`);
  for (let k = 1; k < order.length; k++) {
    const [before, a] = order[k - 1];
    const [later, b] = order[k];
    if (a !== undefined && b !== undefined && !(a < b))
      problems.push(`${later} (step ${b + 1}) does not come after ${before} (step ${a + 1})`);
  }
  const login = calls.find((c) => c.id === 'org:login:sfdx-url');
  if (login && !login.flags.has('set-default-dev-hub'))
    problems.push('the Dev Hub login does not set the default Dev Hub');
  const remove = firstStep('org:delete:scratch');
  if (remove !== undefined) {
    if (!/always\(\)/.test(steps[remove].if ?? '')) problems.push('the scratch org is not deleted in an always() step');
    if (remove !== steps.length - 1) problems.push('deleting the scratch org is not the last step');
    if (!calls.find((c) => c.id === 'org:delete:scratch')?.flags.has('no-prompt'))
      problems.push('org delete scratch would prompt');
  }
  const create = firstStep('org:create:scratch');
  if (create !== undefined && !/TESTKIT_ORG_USERNAME=.*GITHUB_ENV/.test(steps[create].run ?? ''))
    problems.push('the scratch org username is not handed to the NUTs (TESTKIT_ORG_USERNAME)');
  return problems;
}

describe('.github/workflows/scratch-org-nuts.yml', () => {
  const text = fs.readFileSync(WORKFLOW, 'utf8');

  it('passes every check: commands, flags, files, permission sets, scripts, order', () => {
    assert.deepEqual(problemsOf(text), []);
  });

  it('reads the sf commands of the steps, with their flags', () => {
    const ids = (parse(text).jobs.nuts.steps as Step[]).flatMap((s) =>
      commandsOf(s.run ?? '')
        .filter((w) => w[0] === 'sf')
        .map((w) => w.slice(1, 4).join(' ')),
    );
    for (const command of [
      'plugins link plugin',
      'org login sfdx-url',
      'org create scratch',
      'project deploy start',
      'org assign permset',
      'data import tree',
      'cme seed --target-org',
      'org delete scratch',
    ])
      assert.ok(ids.includes(command), `${command} in ${ids.join(' | ')}`);
  });

  it('catches each kind of mistake in a broken copy', () => {
    const broken: [string, string, RegExp][] = [
      ['--no-track-source', '--no-track-sources', /sf org create scratch has no flag --no-track-sources/],
      ['--set-default-dev-hub --alias devhub', '--alias devhub', /does not set the default Dev Hub/],
      [
        'config/project-scratch-def.json',
        'config/scratch-def.json',
        /--definition-file config\/scratch-def.json does not exist/,
      ],
      ['rule-packs/plan.json', 'rule-packs/plans.json', /--plan config\/rule-packs\/plans.json does not exist/],
      ['--name CME_Admin', '--name CME_Administrator', /permission set CME_Administrator is not in force-app/],
      ['--name CME_Field_Rep ', '', /permission set CME_Field_Rep is never assigned/],
      ['sf cme seed --target-org', 'sf cme sow --target-org', /'sf cme sow' is not a command/],
      ['--doctors 200', '--doctor 200', /sf cme seed has no flag --doctor/],
      [
        'run: sf org delete scratch --target-org "$SCRATCH_ALIAS" --no-prompt',
        'run: sf org delete scratch --no-prompt',
        /sf org delete scratch needs --target-org/,
      ],
      ['--no-prompt', '', /org delete scratch would prompt/],
      [
        "if: ${{ always() && steps.scratch.outcome != 'skipped' }}",
        "if: ${{ steps.scratch.outcome != 'skipped' }}",
        /not deleted in an always\(\) step/,
      ],
      [
        'npm run test:nuts --workspace plugin',
        'npm run test:nut --workspace plugin',
        /npm script 'test:nut' not in plugin\/package.json/,
      ],
      ['node-version: 22', 'node-version: 20', /setup-node installs Node 20/],
      ['secrets.SF_DEVHUB_AUTH_URL', 'secrets.DEVHUB_URL', /secrets used: DEVHUB_URL/],
      ['runs-on: ubuntu-latest', 'runs-on: self-hosted', /runs on self-hosted/],
      ['    branches: [main]', '    branches: [develop]', /not started by a push to main/],
      ['echo "TESTKIT_ORG_USERNAME=$username" >> "$GITHUB_ENV"', 'echo "$username"', /not handed to the NUTs/],
    ];
    for (const [from, to, expected] of broken) {
      assert.ok(text.includes(from), `the workflow no longer contains ${from}`);
      const problems = problemsOf(text.replace(from, to));
      assert.ok(
        problems.some((p) => expected.test(p)),
        `${from} → ${to}: ${problems.join('; ') || 'no problem found'}`,
      );
    }
    // Moving the seed before the rule packs breaks the order.
    const steps = text.split(/\n(?= {6}- name: )/);
    const seed = steps.findIndex((s) => s.includes('sf cme seed'));
    const packs = steps.findIndex((s) => s.includes('sf data import tree'));
    [steps[seed], steps[packs]] = [steps[packs], steps[seed]];
    assert.ok(
      problemsOf(steps.join('\n')).some(
        (p) =>
          /data import tree \(step \d+\) does not come after/.test(p) ||
          /cme seed \(step \d+\) does not come after data import tree/.test(p),
      ),
    );
  });

  it('keeps the NUTs out of npm test', () => {
    const plugin = readJson(path.join(ROOT, 'plugin/package.json')).scripts as Record<string, string>;
    const glob = (script: string) => /"([^"]+)"/.exec(script)?.[1] ?? '';
    const nuts = fs
      .readdirSync(path.join(ROOT, 'plugin/test/nuts'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => `test/nuts/${f}`);
    assert.ok(nuts.length > 0);
    for (const file of nuts) {
      assert.ok(path.matchesGlob(file, glob(plugin['test:nuts'])), `${file} is not run by test:nuts`);
      assert.equal(path.matchesGlob(file, glob(plugin.test)), false, `${file} would run in the plugin's npm test`);
    }
    assert.doesNotMatch(fs.readFileSync(path.join(ROOT, 'scripts/src/test-all.ts'), 'utf8'), /test:nuts|\.nut\.ts/);
  });
});
