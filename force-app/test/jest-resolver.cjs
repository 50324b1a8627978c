// Jest resolver: sfdx-lwc-jest's own, plus `@salesforce/label/c.Name` resolved to the label's real
// value from CustomLabels, so tests see the text users see (the default is the string "c.Name").
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

module.exports = function resolve(modulePath, options) {
  const label = /^@salesforce\/label\/c\.(\w+)$/.exec(modulePath);
  if (label) return labelModule(label[1]);
  const resolved = baseResolver(modulePath, options);
  // Components are tested (and covered) from their TypeScript sources, even when `npm run build`
  // has left the compiled .js beside them.
  if (typeof resolved === 'string' && resolved.startsWith(LWC_DIR) && resolved.endsWith('.js')) {
    const source = resolved.slice(0, -3) + '.ts';
    if (fs.existsSync(source)) return source;
  }
  return resolved;
};
