// Where the plugin's editable data files live (config/<kind>: disclosure, certificates, evaluations):
// the project's own copy in the current folder first (a compliance team's edited files), then the
// copy `npm run build` puts in the plugin's lib (the packed plugin has it), then, in this repository,
// the project's config folder beside the plugin. A --config-dir flag replaces all three.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type DataKind = 'disclosure' | 'certificates' | 'evaluations';

/** This file is src/dataFolders.ts or lib/dataFolders.js: the plugin's root is one up either way. */
const PLUGIN_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The folders that may hold a kind's data files, in the order they are tried (not checked to exist). */
export function dataFolders(kind: DataKind, cwd = process.cwd()): string[] {
  return [
    ...new Set([
      path.join(cwd, 'config', kind),
      path.join(PLUGIN_ROOT, 'lib', 'config', kind),
      path.join(PLUGIN_ROOT, '..', 'config', kind),
    ]),
  ];
}
