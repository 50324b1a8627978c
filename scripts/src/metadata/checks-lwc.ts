// Lightning web components: bundle shape, js-meta.xml targets, and every platform import they make
// (@salesforce/schema, @salesforce/label, @salesforce/customPermission, c/…) resolves in the package,
// every name imported from a platform module (lightning/*, @salesforce/*) is one Salesforce's own
// stubs or type definitions export (see platform-modules.ts for those sources), and every CSS
// `@import` names a CSS module of the package (or a file of the bundle) as the LWC compiler accepts it.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { finding } from './finding.ts';
import type { Finding } from './finding.ts';
import { checkWellFormed, childText, childrenNamed, descendants, parseXml } from '../sfmodel/xml.ts';
import { filesMatching, resolveFieldPath, toPosix } from '../sfmodel/project.ts';
import type { Project } from '../sfmodel/project.ts';
import { customPermissionNames } from './checks-objects.ts';
import type { LwcBundleInfo } from './checks-ui.ts';
import { isPlatformModule, officialExports } from './platform-modules.ts';
import { FORM_FACTORS_BY_TARGET } from './facts-form-factors.ts';

const KNOWN_TARGETS = new Set([
  'lightning__AppPage',
  'lightning__HomePage',
  'lightning__RecordPage',
  'lightning__RecordAction',
  'lightning__Tab',
  'lightning__FlowScreen',
  'lightning__UtilityBar',
  'lightningCommunity__Page',
  'lightningCommunity__Default',
  'lightning__Inbox',
  'lightning__UrlAddressable',
]);

export function lwcRoot(project: Project): string {
  return path.join(project.root, project.sourceDir, 'main/default/lwc');
}

function bundleDirs(project: Project): string[] {
  const root = lwcRoot(project);
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** Exposure of each bundle, read from its js-meta.xml (for flexipage checks). */
export function readBundles(project: Project): Map<string, LwcBundleInfo> {
  const bundles = new Map<string, LwcBundleInfo>();
  for (const name of bundleDirs(project)) {
    const metaFile = path.join(lwcRoot(project), name, `${name}.js-meta.xml`);
    if (!fs.existsSync(metaFile)) continue;
    const source = fs.readFileSync(metaFile, 'utf8');
    if (checkWellFormed(source)) continue;
    const root = parseXml(source);
    const targets = new Set(descendants(root, 'target').map((t) => t.text.trim()));
    let recordPageObjects: Set<string> | undefined;
    for (const config of descendants(root, 'targetConfig')) {
      if (
        !(config.attributes.targets ?? '')
          .split(',')
          .map((t) => t.trim())
          .includes('lightning__RecordPage')
      )
        continue;
      const objects = descendants(config, 'object').map((o) => o.text.trim());
      if (objects.length) recordPageObjects = new Set(objects);
    }
    bundles.set(name, { exposed: childText(root, 'isExposed') === 'true', targets, recordPageObjects });
  }
  return bundles;
}

function labelNames(project: Project): Set<string> {
  const names = new Set<string>();
  for (const { root } of filesMatching(project, /\.labels-meta\.xml$/))
    for (const l of childrenNamed(root, 'labels')) names.add(childText(l, 'fullName') ?? '');
  return names;
}

function tsconfigPaths(project: Project): Set<string> {
  const file = path.join(project.root, 'tsconfig.json');
  if (!fs.existsSync(file)) return new Set();
  // tsconfig allows comments; strip them before JSON.parse.
  const text = fs.readFileSync(file, 'utf8').replace(/^\s*\/\/.*$/gm, '');
  const config = JSON.parse(text) as { compilerOptions?: { paths?: Record<string, string[]> } };
  return new Set(Object.keys(config.compilerOptions?.paths ?? {}));
}

const camel = (kebab: string) => kebab.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

const CSS_MODULES_DOC = 'LWC Developer Guide, "Share CSS Style Rules"';

/**
 * A CSS module: a bundle holding just name.css and its js-meta.xml (LWC Developer Guide, "Share CSS
 * Style Rules"), which other components' CSS imports with `@import 'c/name';`. LWC's module resolver
 * takes a bundle's entry in the order name.js, name.ts, name.html, name.css (@lwc/module-resolver,
 * getModuleEntry), so a bundle with any of the first three is a component, whose .css cannot be imported.
 */
function bundleKind(project: Project, name: string): 'component' | 'css-module' | 'no-css' {
  const base = path.join(lwcRoot(project), name, name);
  if (['.js', '.ts', '.html'].some((ext) => fs.existsSync(base + ext))) return 'component';
  return fs.existsSync(base + '.css') ? 'css-module' : 'no-css';
}

export function checkLwc(project: Project): Finding[] {
  const out: Finding[] = [];
  const bundles = new Set(bundleDirs(project));
  const labels = labelNames(project);
  const permissions = customPermissionNames(project);
  const paths = tsconfigPaths(project);
  for (const name of bundles) {
    const dir = path.join(lwcRoot(project), name);
    const rel = (f: string) => toPosix(path.relative(project.root, path.join(dir, f)));
    const meta = `${name}.js-meta.xml`;
    if (!fs.existsSync(path.join(dir, meta))) out.push(finding(rel(name), 'lwc', `bundle ${name} has no ${meta}`));
    else out.push(...checkBundleMeta(project, rel(meta), fs.readFileSync(path.join(dir, meta), 'utf8')));
    if (!fs.existsSync(path.join(dir, `${name}.ts`)) && bundleKind(project, name) !== 'css-module')
      out.push(
        finding(
          rel(name),
          'lwc',
          `bundle ${name} has no ${name}.ts (components are written in TypeScript; the .js is generated)`,
        ),
      );
    for (const file of listSources(dir)) {
      const source = fs.readFileSync(file, 'utf8');
      const relFile = toPosix(path.relative(project.root, file));
      const fail = (m: string) => out.push(finding(relFile, 'lwc-import', m));
      if (file.endsWith('.html')) {
        for (const m of source.matchAll(/<c-([a-z0-9-]+)/g))
          if (!bundles.has(camel(m[1]))) fail(`template uses <c-${m[1]}>, but no bundle ${camel(m[1])} exists`);
          else if (bundleKind(project, camel(m[1])) === 'css-module')
            fail(`template uses <c-${m[1]}>, but ${camel(m[1])} is a CSS module (no JavaScript class to render)`);
        continue;
      }
      if (file.endsWith('.css')) {
        for (const problem of cssImportProblems(project, file, source, bundles)) fail(problem);
        continue;
      }
      if (!isTestSource(file)) for (const problem of platformImportProblems(file, source)) fail(problem);
      for (const m of source.matchAll(/from\s+['"]([^'"]+)['"]/g)) {
        const spec = m[1];
        const schema = /^@salesforce\/schema\/([^.]+)(?:\.(.+))?$/.exec(spec);
        if (schema) {
          const [, object, fieldPath] = schema;
          if (!project.objects.has(object)) fail(`${spec}: no object ${object}`);
          else if (fieldPath) {
            const resolved = resolveFieldPath(project, object, fieldPath);
            if (typeof resolved === 'string') fail(`${spec}: ${resolved}`);
          }
        }
        const label = /^@salesforce\/label\/c\.(\w+)$/.exec(spec);
        if (label && !labels.has(label[1])) fail(`${spec}: no custom label ${label[1]}`);
        const permission = /^@salesforce\/customPermission\/(\w+)$/.exec(spec);
        if (permission && !permissions.has(permission[1])) fail(`${spec}: no custom permission ${permission[1]}`);
        const component = /^c\/(\w+)$/.exec(spec);
        if (component) {
          if (!bundles.has(component[1])) fail(`${spec}: no bundle ${component[1]}`);
          else if (!paths.has(spec))
            fail(`${spec} is missing from compilerOptions.paths in tsconfig.json, so tsc cannot type-check it`);
        }
      }
    }
  }
  return out;
}

/** Jest tests may import what they like from the stubs (e.g. `emit` helpers); the org never runs them. */
function isTestSource(file: string): boolean {
  return toPosix(file).split('/').includes('__tests__') || /\.(test|spec)\.[jt]s$/.test(file);
}

const shortSource = (s: string) => s.replace(/^.*node_modules[\\/]/, '');

/**
 * Each import from a platform module whose names Salesforce's stubs / type definitions do not export.
 * Type-only imports are skipped: the compiler erases them, so the org never looks them up.
 */
export function platformImportProblems(file: string, source: string): string[] {
  const problems: string[] = [];
  const kind = file.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, kind);
  for (const s of sf.statements) {
    if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier)) continue;
    const spec = s.moduleSpecifier.text;
    const clause = s.importClause;
    if (!isPlatformModule(spec) || !clause || clause.isTypeOnly) continue;
    const official = officialExports(spec);
    if (!official) {
      problems.push(
        `${spec} is not a module that sfdx-lwc-jest's stubs, the LWC jest transformer or @salesforce/lightning-types know of`,
      );
      continue;
    }
    const from = official.sources.map(shortSource).join(', ');
    if (clause.name && !official.hasDefault) problems.push(`${spec} has no default export (per ${from})`);
    const bindings = clause.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) {
      if (element.isTypeOnly) continue;
      const name = (element.propertyName ?? element.name).text;
      if (official.values.has(name)) continue;
      const offered = [...official.values].sort().join(', ') || 'only a default export';
      problems.push(`${spec} does not export ${name} (it exports ${offered}, per ${from})`);
    }
  }
  return problems;
}

/**
 * The `@import` statements of a component's CSS that the LWC style compiler would refuse or that would
 * not resolve: it requires them before every other statement, each naming one quoted module or file
 * (@lwc/style-compiler: "@import must precede all other statements", "import statement only support a
 * single parameter"; the LWC Developer Guide: LWC does not honour an @import's media queries); a
 * `c/name` must be a CSS module of the package (bundleKind), a relative path a file that exists.
 */
function cssImportProblems(project: Project, file: string, source: string, bundles: Set<string>): string[] {
  const problems: string[] = [];
  const css = source.replace(/\/\*[\s\S]*?\*\//g, '');
  const leadingImports = /^\s*(?:@import\b[^;]*;\s*)*/.exec(css)![0].length;
  for (const m of css.matchAll(/@import\b\s*([^;]*);?/g)) {
    const statement = m[0].trim().replace(/;$/, '');
    if (m.index >= leadingImports)
      problems.push(`${statement} must precede all other statements (LWC's style compiler)`);
    const parsed = /^(['"])([^'"]*)\1\s*(.*)$/s.exec(m[1].trim());
    if (!parsed || !parsed[2]) {
      problems.push(`${statement}: LWC imports only a quoted module name (@import 'c/name';) or relative file`);
      continue;
    }
    const [, , target, rest] = parsed;
    if (rest) problems.push(`${statement}: LWC does not honour an @import's media queries (${CSS_MODULES_DOC})`);
    const module = /^c\/(\w+)$/.exec(target)?.[1];
    if (module) {
      const kind = bundles.has(module) ? bundleKind(project, module) : undefined;
      if (!kind) problems.push(`@import '${target}': no bundle ${module}`);
      else if (kind === 'no-css') problems.push(`@import '${target}': bundle ${module} has no ${module}.css`);
      else if (kind === 'component')
        problems.push(
          `@import '${target}': ${module} is a component, not a CSS module (a bundle of just ${module}.css and its js-meta.xml, ${CSS_MODULES_DOC})`,
        );
    } else if (/^\.\.?\//.test(target)) {
      if (!fs.existsSync(path.resolve(path.dirname(file), target)))
        problems.push(`@import '${target}': no such file beside ${path.basename(file)}`);
    } else problems.push(`@import '${target}': not a CSS module of this package (c/name) or a relative file`);
  }
  return problems;
}

function listSources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listSources(full));
    else if (/\.(ts|html|css)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
    // A hand-written .js (one with no .ts beside it; the others are compiled from the .ts).
    else if (entry.name.endsWith('.js') && !fs.existsSync(full.slice(0, -3) + '.ts')) out.push(full);
  }
  return out;
}

function checkBundleMeta(project: Project, file: string, source: string): Finding[] {
  const out: Finding[] = [];
  if (checkWellFormed(source)) return out; // reported by the XML check
  const root = parseXml(source);
  const fail = (m: string) => out.push(finding(file, 'lwc', m));
  if (!childText(root, 'apiVersion')) fail('js-meta.xml needs an apiVersion');
  const targets = descendants(root, 'target').map((t) => t.text.trim());
  for (const t of targets) if (!KNOWN_TARGETS.has(t)) fail(`unknown target ${t}`);
  if (childText(root, 'isExposed') === 'true' && !targets.length)
    fail('an exposed component needs at least one target');
  for (const config of descendants(root, 'targetConfig')) {
    for (const t of (config.attributes.targets ?? '').split(',').map((x) => x.trim()))
      if (!targets.includes(t)) fail(`targetConfig for ${t}, which is not in <targets>`);
    for (const o of descendants(config, 'object'))
      if (!project.objects.has(o.text.trim())) fail(`targetConfig names object ${o.text.trim()}, which does not exist`);
    // Form factors per page type: the LWC Developer Guide, "Configure Your Component for Different Form
    // Factors" (facts-form-factors.ts). Home pages are Large only, so Small there never renders.
    const formFactors = descendants(config, 'supportedFormFactor').map((f) => (f.attributes.type ?? '').trim());
    if (!formFactors.length) continue;
    for (const t of (config.attributes.targets ?? '').split(',').map((x) => x.trim())) {
      const supported = FORM_FACTORS_BY_TARGET.get(t);
      if (!supported) {
        fail(
          `targetConfig for ${t} declares supportedFormFactors, but the LWC docs document form factors only for ${[...FORM_FACTORS_BY_TARGET.keys()].join(', ')}`,
        );
        continue;
      }
      for (const f of formFactors)
        if (!supported.includes(f))
          fail(
            `form factor ${f} is not supported for ${t}, which supports only ${supported.join(', ')} (LWC Developer Guide, "Configure Your Component for Different Form Factors")`,
          );
    }
  }
  return out;
}

export function checkLabels(project: Project): Finding[] {
  const out: Finding[] = [];
  for (const { file, root } of filesMatching(project, /\.labels-meta\.xml$/)) {
    const seen = new Set<string>();
    for (const l of childrenNamed(root, 'labels')) {
      const name = childText(l, 'fullName') ?? '';
      if (seen.has(name)) out.push(finding(file, 'label', `label ${name} is defined twice`));
      seen.add(name);
      if ((childText(l, 'value') ?? '').length > 1000)
        out.push(finding(file, 'label', `label ${name} is longer than 1,000 characters`));
      if (!childText(l, 'shortDescription')) out.push(finding(file, 'label', `label ${name} needs a shortDescription`));
    }
  }
  return out;
}
