// Jest resolver: sfdx-lwc-jest's own, plus `@salesforce/label/c.Name` resolved to the label's real
// value from CustomLabels, so tests see the text users see (the default is the string "c.Name"), and
// `c/name` of a CSS-only module (see cssModule below) resolved to its .css.
const fs = require('node:fs');
const path = require('node:path');
const baseResolver = require('@salesforce/sfdx-lwc-jest/src/resolver.js');

const ROOT = path.resolve(__dirname, '..', '..');
const LABELS_FILE = path.join(ROOT, 'force-app/main/default/labels/CustomLabels.labels-meta.xml');
const CACHE_DIR = path.join(ROOT, 'node_modules/.cache/cme-jest-labels');

let labels;
function readLabels() {
  if (labels) return labels;
  labels = new Map();
  const xml = fs.readFileSync(LABELS_FILE, 'utf8');
  const unescape = (s) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  for (const block of xml.match(/<labels>[\s\S]*?<\/labels>/g) ?? []) {
    // Prettier (XML plugin) may break a long tag as `<value\n        >text</value>`.
    const name = /<fullName\s*>([^<]*)<\/fullName\s*>/.exec(block)?.[1]?.trim();
    const value = /<value\s*>([\s\S]*?)<\/value\s*>/.exec(block)?.[1];
    if (name !== undefined && value !== undefined) labels.set(name, unescape(value));
  }
  return labels;
}

function labelModule(name) {
  const value = readLabels().get(name);
  if (value === undefined) throw new Error(`Custom label c.${name} is not defined in ${LABELS_FILE}`);
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const file = path.join(CACHE_DIR, `${name}.cjs`);
  const content = `exports.default = ${JSON.stringify(value)};\n`;
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== content) fs.writeFileSync(file, content);
  return file;
}

const LWC_DIR = path.join(ROOT, 'force-app/main/default/lwc') + path.sep;

/**
 * A component's CSS that starts with `@import 'c/name';` compiles to `import stylesheet0 from "c/name"`.
 * On the platform that names a CSS module: a bundle holding just name.css and its js-meta.xml (LWC
 * Developer Guide, "Share CSS Style Rules"); LWC's module resolver takes a bundle's entry in the order
 * name.js, name.ts, name.html, name.css (@lwc/module-resolver, getModuleEntry), so a bundle with none of
 * the first three is its .css. sfdx-lwc-jest's resolver looks for c/name with jest's extensions only
 * (ts, js, html) and fails; this does what the platform does.
 */
function cssModule(modulePath) {
  const name = /^c\/(\w+)$/.exec(modulePath)?.[1];
  if (!name) return undefined;
  const base = path.join(LWC_DIR, name, name);
  if (['.js', '.ts', '.html'].some((ext) => fs.existsSync(base + ext))) return undefined;
  return fs.existsSync(base + '.css') ? base + '.css' : undefined;
}

module.exports = function resolve(modulePath, options) {
  const label = /^@salesforce\/label\/c\.(\w+)$/.exec(modulePath);
  if (label) return labelModule(label[1]);
  const stylesheet = cssModule(modulePath);
  if (stylesheet) return stylesheet;
  const resolved = baseResolver(modulePath, options);
  // Components are tested (and covered) from their TypeScript sources, even when `npm run build`
  // has left the compiled .js beside them.
  if (typeof resolved === 'string' && resolved.startsWith(LWC_DIR) && resolved.endsWith('.js')) {
    const source = resolved.slice(0, -3) + '.ts';
    if (fs.existsSync(source)) return source;
  }
  return resolved;
};
