// What the platform modules (`lightning/*`, `@salesforce/*`) really export, read from sources we did not
// write, so that neither a component nor the project's own shims, jest mocks and preview modules can use
// a name Salesforce does not ship (`refreshGraphQL` from `lightning/graphql` passed every test here and
// fails in a real org: it belongs to the old `lightning/uiGraphQLApi`).
//
// Sources (all installed packages, read at run time; nothing is copied into this file):
// - `@salesforce/sfdx-lwc-jest` (src/resolver.js): `lightning/<name>` resolves to
//   src/lightning-stubs/<name>/<name>.js. Salesforce maintains these stubs to mirror each module's
//   public exports, so a name the stub lacks is one a component cannot import in jest either.
// - `@lwc/jest-transformer` (src/transforms/*-scoped-import.js, the transformer sfdx-lwc-jest's config
//   installs): the `@salesforce/<scope>` modules it rewrites. Its utils.js `getImportInfo` refuses any
//   import but the default one ("Only import the default …") unless the transform passes noValidate,
//   which only the `@salesforce/apex` transform does, for `import { refreshApex } from '@salesforce/apex'`.
// - `@salesforce/lightning-types` (dist/**/*.d.ts): Salesforce's published type definitions, one
//   `declare module "<id>"` per module (it covers `@salesforce/client|community|site|user/*` and many
//   `lightning/*` modules, some of which have no jest stub, e.g. `lightning/logger`).
// A name exported by either the stub or lightning-types is accepted: both are published by Salesforce to
// describe the same runtime module, each is incomplete on its own (the stubs have no types and skip some
// modules; lightning-types skips the LDS adapters), and neither invents names — so either one listing a
// name is evidence the platform ships it, while a name in neither has no evidence at all.
//
// The named exports of `@salesforce/apex` itself come from the LWC Developer Guide, because its jest
// transform accepts any name: "Call Apex Methods" / "Refresh the Cache" (`refreshApex`) and "Import
// Objects and Fields from @salesforce/schema" (`getSObjectValue`),
// https://developer.salesforce.com/docs/platform/lwc/guide/apex-schema.html and
// https://developer.salesforce.com/docs/platform/lwc/guide/reference-salesforce-modules.html.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import ts from 'typescript';

const require = createRequire(import.meta.url);

/** The exports of one module: runtime values, type-only names, and whether it has a default export. */
export interface ModuleExports {
  values: Set<string>;
  types: Set<string>;
  hasDefault: boolean;
  /** Where these were read from (for messages). */
  sources: string[];
}

const emptyExports = (source: string): ModuleExports => ({
  values: new Set(),
  types: new Set(),
  hasDefault: false,
  sources: [source],
});

function packageDir(name: string): string {
  return path.dirname(require.resolve(`${name}/package.json`));
}

const hasModifier = (node: ts.Node, kind: ts.SyntaxKind): boolean =>
  (ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined)?.some((m) => m.kind === kind) ?? false;

function bindingNames(name: ts.BindingName, into: Set<string>): void {
  if (ts.isIdentifier(name)) into.add(name.text);
  else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bindingNames(element.name, into);
}

function resolveRelative(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  const candidates = [base, `${base}.js`, `${base}.ts`, `${base}.d.ts`, path.join(base, 'index.js')];
  if (base.endsWith('.js')) candidates.push(`${base.slice(0, -3)}.ts`);
  return candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
}

/**
 * The exports of the statements of a module (a file, or the body of `declare module "x" { … }`).
 * `ambient`: inside `declare module`, TypeScript exports every declaration, with or without `export`
 * (checked with tsc 5.9: `declare module 'm' { const a: number }` lets `import { a } from 'm'` compile),
 * unless the body has an `export { … }` / `export =` that makes the exports explicit.
 */
function collectExports(
  statements: readonly ts.Statement[],
  file: string,
  out: ModuleExports,
  ambient: boolean,
  seen: Set<string>,
): void {
  const explicit =
    !ambient || statements.some((s) => (ts.isExportDeclaration(s) && !s.moduleSpecifier) || ts.isExportAssignment(s));
  for (const s of statements) {
    if (ts.isExportAssignment(s)) {
      out.hasDefault = true;
      continue;
    }
    if (ts.isExportDeclaration(s)) {
      const target = s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier) ? s.moduleSpecifier.text : undefined;
      if (!s.exportClause) {
        // `export * from './x'`: chase relative files; a bare specifier is another module's exports.
        if (target) {
          const resolved = target.startsWith('.') ? resolveRelative(file, target) : undefined;
          if (resolved) {
            const inner = exportsOfFile(resolved, seen);
            for (const v of inner.values) out.values.add(v);
            for (const t of inner.types) out.types.add(t);
            out.sources.push(...inner.sources.filter((x) => !out.sources.includes(x)));
          } else out.sources.push(`export * from '${target}' (not followed)`);
        }
        continue;
      }
      if (ts.isNamespaceExport(s.exportClause)) {
        out.values.add(s.exportClause.name.text);
        continue;
      }
      for (const element of s.exportClause.elements) {
        const name = element.name.text;
        if (name === 'default') out.hasDefault = true;
        else (s.isTypeOnly || element.isTypeOnly ? out.types : out.values).add(name);
      }
      continue;
    }
    const exported = hasModifier(s, ts.SyntaxKind.ExportKeyword) || !explicit;
    if (!exported) continue;
    if (hasModifier(s, ts.SyntaxKind.DefaultKeyword)) {
      out.hasDefault = true;
      continue;
    }
    if (ts.isVariableStatement(s)) for (const d of s.declarationList.declarations) bindingNames(d.name, out.values);
    else if (
      (ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isEnumDeclaration(s)) &&
      s.name !== undefined
    )
      out.values.add(s.name.text);
    else if (ts.isModuleDeclaration(s) && ts.isIdentifier(s.name)) out.values.add(s.name.text);
    else if (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) out.types.add(s.name.text);
  }
}

function parse(file: string): ts.SourceFile {
  const kind = file.endsWith('.js') || file.endsWith('.cjs') ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  return ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, kind);
}

/** The exports of an ES module file (a jest stub or mock, a preview module), following `export *`. */
export function exportsOfFile(file: string, seen = new Set<string>()): ModuleExports {
  const out = emptyExports(file);
  if (seen.has(file)) return out;
  seen.add(file);
  collectExports(parse(file).statements, file, out, false, seen);
  return out;
}

/** Every `declare module "<id>" { … }` in a declaration file, with its exports. */
export function declaredModules(file: string): Map<string, ModuleExports> {
  const modules = new Map<string, ModuleExports>();
  for (const s of parse(file).statements) {
    if (!ts.isModuleDeclaration(s) || !ts.isStringLiteral(s.name)) continue;
    const out = modules.get(s.name.text) ?? emptyExports(file);
    if (s.body && ts.isModuleBlock(s.body)) collectExports(s.body.statements, file, out, true, new Set());
    modules.set(s.name.text, out);
  }
  return modules;
}

function merge(into: ModuleExports, from: ModuleExports): void {
  for (const v of from.values) into.values.add(v);
  for (const t of from.types) into.types.add(t);
  into.hasDefault ||= from.hasDefault;
  for (const s of from.sources) if (!into.sources.includes(s)) into.sources.push(s);
}

let lightningTypes: Map<string, ModuleExports> | undefined;

/** The modules `@salesforce/lightning-types` declares (dist/**\/*.d.ts). */
export function lightningTypesModules(): Map<string, ModuleExports> {
  if (lightningTypes) return lightningTypes;
  const modules = new Map<string, ModuleExports>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.d.ts'))
        for (const [id, exports] of declaredModules(full)) {
          const existing = modules.get(id);
          if (existing) merge(existing, exports);
          else modules.set(id, exports);
        }
    }
  };
  walk(path.join(packageDir('@salesforce/lightning-types'), 'dist'));
  lightningTypes = modules;
  return modules;
}

/** sfdx-lwc-jest's stub for `lightning/<name>`, as its resolver finds it, or undefined when it has none. */
export function jestStubFile(moduleId: string): string | undefined {
  const m = /^lightning\/([\w-]+)$/.exec(moduleId);
  if (!m) return undefined;
  const file = path.join(packageDir('@salesforce/sfdx-lwc-jest'), 'src/lightning-stubs', m[1], `${m[1]}.js`);
  return fs.existsSync(file) ? file : undefined;
}

/** An `@salesforce/<scope>` module family the LWC jest transformer rewrites. */
interface ScopedTransform {
  /** The import id the transform matches (a prefix, or a whole id like `@salesforce/user/Id`). */
  id: string;
  /** Whether the transform accepts named imports (only `@salesforce/apex`). */
  named: boolean;
  file: string;
}

let scopedTransforms: ScopedTransform[] | undefined;

/** Read from @lwc/jest-transformer/src/transforms: each `… = '@salesforce/…'` constant it matches on. */
export function jestScopedTransforms(): ScopedTransform[] {
  if (scopedTransforms) return scopedTransforms;
  // Only the transforms its index.js installs (the folder also holds unused ones, e.g. featureFlag).
  const index = require.resolve('@lwc/jest-transformer');
  const installed = [
    ...fs.readFileSync(index, 'utf8').matchAll(/require\('\.\/(transforms\/[\w-]+-scoped-import)'\)/g),
  ];
  const found: ScopedTransform[] = [];
  for (const [, name] of installed) {
    const file = path.join(path.dirname(index), `${name}.js`);
    const text = fs.readFileSync(file, 'utf8');
    // getImportInfo(path, true) is the "noValidate" call that lets named imports through.
    const named = /getImportInfo\(\s*\w+\s*,\s*true\s*\)/.test(text);
    for (const m of text.matchAll(/=\s*'(@salesforce\/[^']*)'/g)) found.push({ id: m[1], named, file });
  }
  scopedTransforms = found;
  return found;
}

/** The transform handling an `@salesforce/…` import id (the most specific one). */
function scopedTransformFor(moduleId: string): ScopedTransform | undefined {
  const matches = jestScopedTransforms().filter((t) =>
    t.id.endsWith('/') ? moduleId.startsWith(t.id) : moduleId === t.id || moduleId.startsWith(`${t.id}/`),
  );
  return matches.sort((a, b) => b.id.length - a.id.length)[0];
}

/** `@salesforce/apex`'s own named exports, from the LWC Developer Guide (see the header). */
const APEX_NAMED_EXPORTS = ['refreshApex', 'getSObjectValue'];

/**
 * What Salesforce's published sources say module `moduleId` exports, or undefined when none of them
 * covers it (for `lightning/*` and `@salesforce/*` ids only).
 */
export function officialExports(moduleId: string): ModuleExports | undefined {
  if (!officialCache.has(moduleId)) officialCache.set(moduleId, readOfficialExports(moduleId));
  return officialCache.get(moduleId);
}

const officialCache = new Map<string, ModuleExports | undefined>();

function readOfficialExports(moduleId: string): ModuleExports | undefined {
  let result: ModuleExports | undefined;
  const add = (e: ModuleExports): void => {
    if (!result) result = { values: new Set(), types: new Set(), hasDefault: false, sources: [] };
    merge(result, e);
  };
  const stub = jestStubFile(moduleId);
  if (stub) add(exportsOfFile(stub));
  const typed = lightningTypesModules().get(moduleId);
  if (typed) add(typed);
  if (moduleId.startsWith('@salesforce/')) {
    const transform = scopedTransformFor(moduleId);
    if (transform) {
      const e = emptyExports(transform.file);
      if (!(transform.named && moduleId === transform.id)) e.hasDefault = true;
      else if (moduleId === '@salesforce/apex') APEX_NAMED_EXPORTS.forEach((n) => e.values.add(n));
      add(e);
    }
  }
  return result;
}

export const isPlatformModule = (moduleId: string): boolean =>
  moduleId.startsWith('lightning/') || moduleId.startsWith('@salesforce/');

/** The value names `actual` exports that `official` does not (type-only names are erased at compile time). */
export function namesMissingFrom(actual: ModuleExports, official: ModuleExports): string[] {
  const missing = [...actual.values].filter((v) => !official.values.has(v));
  if (actual.hasDefault && !official.hasDefault) missing.push('default');
  return missing.sort();
}
