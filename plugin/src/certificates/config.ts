// The certificates' data file (config/certificates/certificates.json): found in the first root that
// has it (--config-dir; else the project's config/certificates in the current folder, then the copy
// the plugin ships in lib/config, then this repository's), read as JSON and checked by its zod
// schema. A missing or bad file stops the run before the org is read, naming the file, the path in it
// and the problem.
import fs from 'node:fs';
import path from 'node:path';
import { dataFolders } from '../dataFolders.ts';
import { certificatesConfigSchema } from '../schema/certificates.ts';
import type { CertificatesConfig } from '../schema/certificates.ts';
import { CertificateError } from './errors.ts';

export const CERTIFICATES_CONFIG_FILE = 'certificates.json';

/** The folders that may hold certificates.json, in the order they are tried. */
export function certificatesConfigRoots(configDir: string | undefined, cwd = process.cwd()): string[] {
  return configDir ? [path.resolve(configDir)] : dataFolders('certificates', cwd);
}

export interface LoadedCertificatesConfig {
  file: string;
  config: CertificatesConfig;
}

/** The first certificates.json of the roots, checked; a CertificateError when none is there or it is bad. */
export function loadCertificatesConfig(roots: readonly string[]): LoadedCertificatesConfig {
  const file = roots.map((root) => path.join(root, CERTIFICATES_CONFIG_FILE)).find((f) => fs.existsSync(f));
  if (!file)
    throw new CertificateError(
      'BadCertificatesConfig',
      `No ${CERTIFICATES_CONFIG_FILE} in ${roots.join(', ')}.`,
      roots.map((root) => path.join(root, CERTIFICATES_CONFIG_FILE)),
    );
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CertificateError('BadCertificatesConfig', `${file} is not readable JSON: ${(error as Error).message}`, [
      file,
    ]);
  }
  const parsed = certificatesConfigSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (i) => `${file}: ${i.path.map(String).join('.') || '(the whole file)'}: ${i.message}`,
    );
    throw new CertificateError(
      'BadCertificatesConfig',
      `${file} is not a valid certificates data file: ${lines.join('; ')}`,
      lines,
    );
  }
  return { file, config: parsed.data };
}
