// Builds the local Lightning preview: the package's real LWC components, the real
// lightning-base-components and the preview shell, bundled by rollup with @lwc/rollup-plugin
// (synthetic shadow, as Lightning Experience runs them). `@salesforce/schema`, `@salesforce/label/c.*`
// and `@salesforce/user/Id` are resolved here; the LDS modules (`lightning/uiRecordApi`,
// `lightning/graphql`, …) come from scripts/preview/modules and talk to the local org's UI API.
import fs from 'node:fs';
import { stripTypeScriptTypes } from 'node:module';
import path from 'node:path';
import lwcPlugin from '@lwc/rollup-plugin';
import type { RollupLwcOptions } from '@lwc/rollup-plugin';
import { XMLParser } from 'fast-xml-parser';
import { rollup } from 'rollup';
import type { Plugin } from 'rollup';
import { componentsOfPage, moduleOf, readFlexipages } from './pages.ts';

export interface PreviewBuild {
  dir: string;
  bundle: string;
  seconds: number;
}

export function readLabels(root: string): Map<string, string> {
  const file = path.join(root, 'force-app/main/default/labels/CustomLabels.labels-meta.xml');
  const parsed = new XMLParser({ ignoreAttributes: true, parseTagValue: false }).parse(fs.readFileSync(file, 'utf8'));
  const list = parsed.CustomLabels?.labels ?? [];
  return new Map(
    (Array.isArray(list) ? list : [list]).map((l: { fullName: string; value: unknown }) => [
      String(l.fullName),
      String(l.value ?? ''),
    ]),
  );
}

// The package is CommonJS with an ESM default; Node hands the function over as the default import.
const lwc = lwcPlugin as unknown as (options: RollupLwcOptions) => Plugin;

const VIRTUAL = '\0cme-preview:';

/** `@salesforce/schema/…`, `@salesforce/label/c.…` and `@salesforce/user/Id` as small modules. */
function salesforceScopedImports(root: string): Plugin {
  const labels = readLabels(root);
  return {
    name: 'cme-salesforce-scoped-imports',
    resolveId(source) {
      if (/^@salesforce\/(schema\/|label\/c\.|user\/Id$)/.test(source)) return VIRTUAL + source;
      return null;
    },
    load(id) {
      if (!id.startsWith(VIRTUAL)) return null;
      const source = id.slice(VIRTUAL.length);
      const schema = /^@salesforce\/schema\/([^.]+)(?:\.(.+))?$/.exec(source);
      if (schema) {
        const value = schema[2] ? { objectApiName: schema[1], fieldApiName: schema[2] } : { objectApiName: schema[1] };
        return `export default ${JSON.stringify(value)};`;
      }
      const label = /^@salesforce\/label\/c\.(\w+)$/.exec(source);
      if (label) {
        const value = labels.get(label[1]);
        if (value === undefined) this.error(`Custom label c.${label[1]} is not defined in CustomLabels`);
        return `export default ${JSON.stringify(value)};`;
      }
      // The running user is whoever the preview's user picker chose (set before the bundle loads).
      return 'export default (globalThis.CME_PREVIEW && globalThis.CME_PREVIEW.userId) || null;';
    },
  };
}

/** TypeScript sources of the shell and LDS modules: types stripped (decorators are JavaScript). */
function stripTypes(): Plugin {
  return {
    name: 'cme-strip-types',
    transform(code, id) {
      // The LWC plugin asks for modules with a query (`x.ts?specifier=c/x`).
      if (!id.split('?')[0].endsWith('.ts')) return null;
      return { code: stripTypeScriptTypes(code, { mode: 'strip' }), map: null };
    },
  };
}

/**
 * Build-time constants the engine and lightning-base-components read: import.meta.env.SSR (false in
 * the browser, toolchain.md) and process.env.NODE_ENV (production: no dev-mode checks, as in an org).
 */
function browserConstants(): Plugin {
  return {
    name: 'cme-browser-constants',
    transform(code) {
      if (!code.includes('import.meta.env.SSR') && !code.includes('process.env.NODE_ENV')) return null;
      return {
        code: code.replaceAll('import.meta.env.SSR', 'false').replaceAll('process.env.NODE_ENV', '"production"'),
        map: null,
      };
    },
  };
}

/**
 * The package's bundles as LWC module records (`c/name` and its entry). Always the TypeScript sources
 * (types stripped here), so the preview never shows stale compiled .js. A CSS module (a bundle of just
 * name.css and its js-meta.xml, which components' CSS imports with `@import 'c/name';`: LWC Developer
 * Guide, "Share CSS Style Rules") by its .css, the entry LWC's module resolver takes for a bundle with no
 * name.js, name.ts or name.html (@lwc/module-resolver, getModuleEntry).
 */
export function packageModules(lwcDir: string): { name: string; path: string }[] {
  return fs.readdirSync(lwcDir).flatMap((name) => {
    const base = path.join(lwcDir, name, name);
    const has = (ext: string) => fs.existsSync(base + ext);
    if (has('.ts')) return [{ name: `c/${name}`, path: base + '.ts' }];
    if (has('.css') && !has('.js') && !has('.html')) return [{ name: `c/${name}`, path: base + '.css' }];
    return [];
  });
}

export async function buildPreview(root: string, outDir = path.join(root, '.preview')): Promise<PreviewBuild> {
  const started = performance.now();
  const lwcDir = path.join(root, 'force-app/main/default/lwc');
  const pages = readFlexipages(root);
  const components = [...new Set(pages.flatMap((p) => componentsOfPage(p).map((c) => c.name)))].filter((name) =>
    moduleOf(name),
  );
  fs.mkdirSync(outDir, { recursive: true });
  // The entry lives inside the project so the LWC module resolver finds the project's package.json
  // (its configuration root) above it, wherever the bundle is written.
  const entryDir = path.join(root, '.preview');
  fs.mkdirSync(entryDir, { recursive: true });
  const entry = path.join(entryDir, 'entry.js');
  fs.writeFileSync(
    entry,
    [
      "import '@lwc/synthetic-shadow';",
      "import { createElement } from 'lwc';",
      "import App from 'preview/app';",
      "import { registerPages } from 'preview/registry';",
      ...components.map((c, i) => `import C${i} from '${moduleOf(c)}';`),
      `registerPages(${JSON.stringify(pages)}, { ${components.map((c, i) => `${JSON.stringify(c)}: C${i}`).join(', ')} });`,
      "document.getElementById('app').appendChild(createElement('preview-app', { is: App }));",
      '',
    ].join('\n'),
  );
  const packageComponents = packageModules(lwcDir);
  const bundle = await rollup({
    input: entry,
    plugins: [
      salesforceScopedImports(root),
      stripTypes(),
      browserConstants(),
      lwc({
        rootDir: root,
        modules: [
          { dir: path.join(root, 'scripts/preview/modules') },
          ...packageComponents,
          { npm: 'lightning-base-components' },
        ],
        enableDynamicComponents: true,
        enableSyntheticElementInternals: true,
      }),
    ],
    onwarn(warning, warn) {
      if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') return;
      // lightning-base-components' own templates draw compiler warnings we cannot fix.
      if (warning.id?.includes('/node_modules/lightning-base-components/')) return;
      warn(warning);
    },
  });
  const file = path.join(outDir, 'app.js');
  await bundle.write({ file, format: 'esm', inlineDynamicImports: true });
  await bundle.close();
  return { dir: outDir, bundle: file, seconds: (performance.now() - started) / 1000 };
}
