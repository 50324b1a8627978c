// The preview's LWC module records (packageModules in scripts/src/preview/build.ts) and what the LWC
// rollup plugin compiles from them: the CSS of a component that imports a CSS module (`@import 'c/name';`,
// LWC Developer Guide, "Share CSS Style Rules") carries the module's rules, as in an org.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import lwcPlugin from '@lwc/rollup-plugin';
import type { RollupLwcOptions } from '@lwc/rollup-plugin';
import { rollup } from 'rollup';
import type { Plugin } from 'rollup';
import { packageModules } from '../src/preview/build.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LWC = path.join(ROOT, 'force-app/main/default/lwc');
// The package is CommonJS with an ESM default (as build.ts takes it).
const lwc = lwcPlugin as unknown as (options: RollupLwcOptions) => Plugin;
const tmpDirs: string[] = [];

after(() => {
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * A project with one component, c/xCard, whose CSS imports the CSS module c/xStyles; inside this
 * repository's node_modules, so the LWC module resolver finds the engine from it (as the preview's
 * entry lives inside the project).
 */
function fixtureProject(): { root: string; lwcDir: string } {
  const cache = path.join(ROOT, 'node_modules/.cache');
  fs.mkdirSync(cache, { recursive: true });
  const root = fs.mkdtempSync(path.join(cache, 'cme-preview-build-'));
  tmpDirs.push(root);
  const lwcDir = path.join(root, 'force-app/main/default/lwc');
  const files: Record<string, string> = {
    'xCard/xCard.ts':
      "import { LightningElement } from 'lwc';\nexport default class XCard extends LightningElement {}\n",
    'xCard/xCard.html': '<template><button class="shared-button own-button">Go</button></template>\n',
    'xCard/xCard.css': "@import 'c/xStyles';\n\n.own-button {\n    color: red;\n}\n",
    'xStyles/xStyles.css': '.shared-button {\n    min-height: 44px;\n}\n',
  };
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(lwcDir, file)), { recursive: true });
    fs.writeFileSync(path.join(lwcDir, file), text);
  }
  fs.writeFileSync(path.join(root, 'package.json'), '{ "name": "fixture", "private": true }\n');
  fs.writeFileSync(path.join(root, 'entry.js'), "import XCard from 'c/xCard';\nexport default XCard;\n");
  return { root, lwcDir };
}

/** Bundles the fixture's entry as the preview does (the engine left out); the code and rollup's warnings. */
async function compile(
  root: string,
  modules: { name: string; path: string }[],
): Promise<{ code: string; warnings: string[] }> {
  const warnings: string[] = [];
  const bundle = await rollup({
    input: path.join(root, 'entry.js'),
    external: ['lwc'],
    plugins: [lwc({ rootDir: root, modules })],
    onwarn: (warning) => void warnings.push(`${warning.code}: ${warning.message}`),
  });
  try {
    const { output } = await bundle.generate({ format: 'esm' });
    return { code: output[0].code, warnings };
  } finally {
    await bundle.close();
  }
}

describe('preview build: the package modules', () => {
  it("names each component by its TypeScript and each CSS module by its .css, as LWC's resolver takes them", () => {
    const modules = new Map(packageModules(LWC).map((m) => [m.name, m.path]));
    assert.equal(modules.get('c/cmeWalkInForm'), path.join(LWC, 'cmeWalkInForm/cmeWalkInForm.ts'));
    assert.equal(modules.get('c/cmeButtonStyles'), path.join(LWC, 'cmeButtonStyles/cmeButtonStyles.css'));
    // Every folder is a module but none other: the lwc folder's tsconfig.json is not a bundle.
    const bundles = fs.readdirSync(LWC, { withFileTypes: true }).filter((d) => d.isDirectory());
    assert.deepEqual([...modules.keys()].sort(), bundles.map((d) => `c/${d.name}`).sort());
  });

  it("compiles a CSS module's rules into the stylesheets of the component whose CSS imports it", async () => {
    const { root, lwcDir } = fixtureProject();
    const modules = packageModules(lwcDir);
    assert.deepEqual(modules.map((m) => [m.name, path.relative(lwcDir, m.path)]).sort(), [
      ['c/xCard', path.join('xCard', 'xCard.ts')],
      ['c/xStyles', path.join('xStyles', 'xStyles.css')],
    ]);
    const { code, warnings } = await compile(root, modules);
    assert.match(code, /"\.shared-button" \+ shadowSelector \+ " \{min-height: 44px;\}"/);
    assert.match(code, /"\.own-button" \+ shadowSelector \+ " \{color: red;\}"/);
    assert.deepEqual(warnings, []);
    // Without the CSS module's record the import resolves nowhere: rollup leaves it to the browser,
    // which cannot load `c/xStyles`, and the rules are missing.
    const without = await compile(
      root,
      modules.filter((m) => m.name !== 'c/xStyles'),
    );
    assert.ok(without.warnings.some((w) => w.startsWith('UNRESOLVED_IMPORT') && w.includes('"c/xStyles"')));
    assert.doesNotMatch(without.code, /"\.shared-button" \+ shadowSelector/);
  });
});
