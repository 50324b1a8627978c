// The project's own stand-ins for platform modules — the type shims (types/*.d.ts), the jest mocks
// (force-app/test/jest-mocks/**) and the preview's modules (scripts/preview/modules/lightning/**) — may
// export nothing Salesforce's own sources lack. `refreshGraphQL` was invented in all of them at once and
// every test passed while a real org had no such export; this test compares each stand-in with the
// official exports (sfdx-lwc-jest's stubs, the LWC jest transformer, @salesforce/lightning-types: see
// scripts/src/metadata/platform-modules.ts for those sources) and names every extra export.
//
// Type-only exports (interfaces, type aliases) are not compared: the compiler erases them, so no org ever
// looks them up, and the official stubs are JavaScript, which has no types to compare with.
// A name or a module the official sources lack is accepted only when the stand-in documents it: a comment
// on that export (or on the whole module) naming a Salesforce documentation page
// (https://developer.salesforce.com/docs/…), which a reviewer can check.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import {
  declaredModules,
  exportsOfFile,
  isPlatformModule,
  jestStubFile,
  lightningTypesModules,
  namesMissingFrom,
  officialExports,
} from '../src/metadata/platform-modules.ts';
import type { ModuleExports } from '../src/metadata/platform-modules.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DOC_SOURCE = /https:\/\/developer\.salesforce\.com\/docs\/\S+/;

/** One module the project defines for itself: its id, the file, its exports, what it documents. */
interface StandIn {
  kind: 'type shim' | 'jest mock' | 'preview module';
  id: string;
  file: string;
  exports: ModuleExports;
  /** Whether the whole module carries a comment naming a Salesforce doc page. */
  moduleDocumented: boolean;
  /** Export names whose own declaration carries such a comment. */
  documentedNames: Set<string>;
}

function leadingComments(source: ts.SourceFile, node: ts.Node): string {
  const text = source.getFullText();
  return (ts.getLeadingCommentRanges(text, node.getFullStart()) ?? []).map((r) => text.slice(r.pos, r.end)).join('\n');
}

/** The names a statement exports (for finding the comment on a documented one). */
function namesOf(s: ts.Statement): string[] {
  if (ts.isVariableStatement(s))
    return s.declarationList.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name.text] : []));
  if (
    (ts.isFunctionDeclaration(s) ||
      ts.isClassDeclaration(s) ||
      ts.isEnumDeclaration(s) ||
      ts.isInterfaceDeclaration(s) ||
      ts.isTypeAliasDeclaration(s)) &&
    s.name
  )
    return [s.name.text];
  if (ts.isExportDeclaration(s) && s.exportClause && ts.isNamedExports(s.exportClause))
    return s.exportClause.elements.map((e) => e.name.text);
  return [];
}

function documentedIn(source: ts.SourceFile, statements: readonly ts.Statement[]): Set<string> {
  const names = new Set<string>();
  for (const s of statements) if (DOC_SOURCE.test(leadingComments(source, s))) namesOf(s).forEach((n) => names.add(n));
  return names;
}

function parse(file: string): ts.SourceFile {
  const kind = file.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  return ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, kind);
}

function filesUnder(dir: string, pattern: RegExp): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && pattern.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** `declare module '<platform id>'` blocks of types/*.d.ts (blocks of one id in a file are merged). */
function typeShims(root: string): StandIn[] {
  const out: StandIn[] = [];
  for (const file of filesUnder(path.join(root, 'types'), /\.d\.ts$/)) {
    const source = parse(file);
    const declared = declaredModules(file);
    const byId = new Map<string, StandIn>();
    for (const s of source.statements) {
      if (!ts.isModuleDeclaration(s) || !ts.isStringLiteral(s.name) || !isPlatformModule(s.name.text)) continue;
      const id = s.name.text;
      const standIn = byId.get(id) ?? {
        kind: 'type shim' as const,
        id,
        file,
        exports: declared.get(id) as ModuleExports,
        moduleDocumented: false,
        documentedNames: new Set<string>(),
      };
      standIn.moduleDocumented ||= DOC_SOURCE.test(leadingComments(source, s));
      const body = s.body && ts.isModuleBlock(s.body) ? s.body.statements : [];
      documentedIn(source, body).forEach((n) => standIn.documentedNames.add(n));
      byId.set(id, standIn);
    }
    out.push(...byId.values());
  }
  return out;
}

/** The platform ids any official source or stand-in knows, to ask the project's jest resolver about. */
function candidateIds(root: string): string[] {
  const ids = new Set<string>(lightningTypesModules().keys());
  const stubs = path.join(path.dirname(jestStubFile('lightning/graphql') ?? ''), '..');
  if (fs.existsSync(stubs)) for (const name of fs.readdirSync(stubs)) ids.add(`lightning/${name}`);
  for (const shim of typeShims(root)) ids.add(shim.id);
  for (const preview of previewModules(root)) ids.add(preview.id);
  return [...ids].filter((id) => !id.includes('*')).sort();
}

/** Files under force-app/test/jest-mocks, each with the module id the project's jest resolver maps to it. */
function jestMocks(root: string): { standIns: StandIn[]; unclaimed: string[] } {
  const mocksDir = path.join(root, 'force-app/test/jest-mocks');
  const files = filesUnder(mocksDir, /\.[cm]?js$/);
  const resolverFile = path.join(root, 'force-app/test/jest-resolver.cjs');
  if (!files.length || !fs.existsSync(resolverFile)) return { standIns: [], unclaimed: files };
  const resolve = createRequire(import.meta.url)(resolverFile) as (id: string, options: object) => unknown;
  const options = { basedir: root, extensions: ['.js', '.ts'], defaultResolver: (p: string) => p, rootDir: root };
  const claimed = new Map<string, string>();
  for (const id of candidateIds(root)) {
    let resolved: unknown;
    try {
      resolved = resolve(id, options);
    } catch {
      continue; // the resolver cannot place it: not mapped to a mock
    }
    if (typeof resolved === 'string' && files.includes(path.resolve(resolved))) claimed.set(path.resolve(resolved), id);
  }
  const standIns = [...claimed].map(([file, id]): StandIn => {
    const source = parse(file);
    return {
      kind: 'jest mock',
      id,
      file,
      exports: exportsOfFile(file),
      moduleDocumented: DOC_SOURCE.test(leadingComments(source, source.statements[0] ?? source)),
      documentedNames: documentedIn(source, source.statements),
    };
  });
  return { standIns, unclaimed: files.filter((f) => !claimed.has(f)) };
}

/** scripts/preview/modules/lightning/<name>/<name>.ts is `lightning/<name>` (the LWC module layout). */
function previewModules(root: string): StandIn[] {
  const dir = path.join(root, 'scripts/preview/modules/lightning');
  return filesUnder(dir, /\.[jt]s$/)
    .filter((file) => path.basename(path.dirname(file)) === path.basename(file).replace(/\.[jt]s$/, ''))
    .map((file) => {
      const source = parse(file);
      return {
        kind: 'preview module',
        id: `lightning/${path.basename(path.dirname(file))}`,
        file,
        exports: exportsOfFile(file),
        moduleDocumented: DOC_SOURCE.test(leadingComments(source, source.statements[0] ?? source)),
        documentedNames: documentedIn(source, source.statements),
      };
    });
}

/** What is wrong with one stand-in, or [] when everything it exports is official (or documented). */
function problemsOf(standIn: StandIn): string[] {
  const where = `${standIn.kind} ${path.relative(ROOT, standIn.file) || standIn.file} (${standIn.id})`;
  const official = officialExports(standIn.id);
  if (!official)
    return standIn.moduleDocumented
      ? []
      : [
          `${where}: no official stub or type definition exists for ${standIn.id}; if it is a documented platform module, name the Salesforce doc page in a comment on it`,
        ];
  return namesMissingFrom(standIn.exports, official)
    .filter((name) => !standIn.documentedNames.has(name))
    .map(
      (name) =>
        `${where} exports ${name}, which ${standIn.id} does not (official: ${[...official.values].sort().join(', ') || 'default only'})`,
    );
}

function allStandIns(root: string): { standIns: StandIn[]; unclaimed: string[] } {
  const mocks = jestMocks(root);
  return { standIns: [...typeShims(root), ...mocks.standIns, ...previewModules(root)], unclaimed: mocks.unclaimed };
}

describe('platform module stand-ins export only what Salesforce ships', () => {
  const { standIns, unclaimed } = allStandIns(ROOT);

  it('finds the stand-ins (the type shim and the preview modules; jest mocks when there are any)', () => {
    const ids = (kind: StandIn['kind']) => standIns.filter((x) => x.kind === kind).map((x) => x.id);
    assert.ok(ids('type shim').includes('lightning/uiRecordApi'), 'types/salesforce-modules.d.ts not read');
    assert.ok(ids('preview module').includes('lightning/uiRecordApi'), 'scripts/preview/modules/lightning not read');
  });

  it('every jest mock is what the project jest resolver gives for some platform module', () => {
    assert.deepEqual(unclaimed, [], `mocks no platform module resolves to:\n${unclaimed.join('\n')}`);
  });

  for (const standIn of standIns)
    it(`${standIn.kind} ${path.relative(ROOT, standIn.file)}: ${standIn.id}`, () => {
      const problems = problemsOf(standIn);
      assert.deepEqual(problems, [], problems.join('\n'));
    });

  it('names each invented export and module, and accepts a documented one (a broken copy)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-platform-'));
    try {
      for (const entry of ['types', 'force-app/test', 'scripts/preview/modules/lightning'])
        fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
      fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
      fs.appendFileSync(
        path.join(dir, 'types/salesforce-modules.d.ts'),
        [
          "declare module 'lightning/platformShowToastEvent' { export function showToast(): void; }",
          "declare module 'lightning/inventedModule' { export const x: number; }",
          '// Documented: https://developer.salesforce.com/docs/platform/lwc/guide/example.html',
          "declare module 'lightning/documentedModule' { export const y: number; }",
          "declare module 'lightning/uiObjectInfoApi' {",
          '  /** See https://developer.salesforce.com/docs/platform/lwc/guide/example-export.html */',
          '  export const documentedExport: number;',
          '}',
          '',
        ].join('\n'),
      );
      // The mock this project once had: sfdx-lwc-jest's stub plus an invented refreshGraphQL, mapped by
      // the jest resolver; and a mock nothing maps to.
      const mocks = path.join(dir, 'force-app/test/jest-mocks');
      fs.mkdirSync(mocks, { recursive: true });
      fs.writeFileSync(
        path.join(mocks, 'graphql.js'),
        "export * from '../../../node_modules/@salesforce/sfdx-lwc-jest/src/lightning-stubs/graphql/graphql.js';\n" +
          'export const refreshGraphQL = () => Promise.resolve();\n',
      );
      fs.writeFileSync(path.join(mocks, 'orphan.js'), 'export const x = 1;\n');
      const resolverFile = path.join(dir, 'force-app/test/jest-resolver.cjs');
      const resolver = fs.readFileSync(resolverFile, 'utf8');
      const entry = 'module.exports = function resolve(modulePath, options) {';
      assert.ok(resolver.includes(entry), `${entry} not found in jest-resolver.cjs`);
      fs.writeFileSync(
        resolverFile,
        resolver.replace(
          entry,
          `${entry}\n  if (modulePath === 'lightning/graphql') return path.join(ROOT, 'force-app/test/jest-mocks/graphql.js');`,
        ),
      );
      fs.appendFileSync(
        path.join(dir, 'scripts/preview/modules/lightning/uiRecordApi/uiRecordApi.ts'),
        '\nexport function getRecordSoon(): void {}\n',
      );
      fs.mkdirSync(path.join(dir, 'scripts/preview/modules/lightning/toastService'));
      fs.writeFileSync(
        path.join(dir, 'scripts/preview/modules/lightning/toastService/toastService.ts'),
        'export function toast(): void {}\n',
      );
      const broken = allStandIns(dir);
      assert.deepEqual(broken.unclaimed, [path.join(mocks, 'orphan.js')]);
      const problems = broken.standIns.flatMap(problemsOf).join('\n');
      for (const expected of [
        /type shim .*\(lightning\/platformShowToastEvent\) exports showToast/,
        /no official stub or type definition exists for lightning\/inventedModule/,
        /jest mock .*graphql\.js \(lightning\/graphql\) exports refreshGraphQL/,
        /preview module .*uiRecordApi\.ts \(lightning\/uiRecordApi\) exports getRecordSoon/,
        /no official stub or type definition exists for lightning\/toastService/,
      ])
        assert.match(problems, expected);
      assert.doesNotMatch(problems, /documentedModule|documentedExport/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
