// The disclosure data files (config/disclosure/<standard>/<file>.json): found in the first of the
// roots that has the file (the command decides the roots: --config-dir, the project's config folder,
// the plugin's own copy), read as JSON and checked by the standard's zod schema. A missing year or a
// bad file stops the run before anything is read from the org, with the file, the path in it and the
// problem, so a compliance team editing a file sees at once what to change.
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { ReportError } from '../report/errors.ts';
import type { ReportErrorCode } from '../report/errors.ts';
import { openPaymentsConfigSchema } from '../schema/disclosureConfig.ts';
import type { OpenPaymentsConfig } from '../schema/disclosureConfig.ts';
import type { DisclosureStandardName } from './types.ts';

const STANDARD_TITLES: Readonly<Record<DisclosureStandardName, string>> = {
  'open-payments': 'Open Payments',
  efpia: 'EFPIA',
  ucpmp: 'UCPMP',
};

/**
 * A data file that is missing (NoDisclosureConfig) or unreadable, not JSON, invalid or for another
 * year (BadDisclosureConfig: the fix is in the file, not in adding one); detail holds one line per problem.
 */
export class DisclosureConfigError extends ReportError {
  /** The file that failed, or the folder(s) searched when there is none. */
  public readonly file: string;

  public constructor(
    message: string,
    file: string,
    detail: string[] = [],
    code: ReportErrorCode = 'BadDisclosureConfig',
  ) {
    super(code, message, detail);
    this.name = 'DisclosureConfigError';
    this.file = file;
  }
}

/**
 * The file of a standard's year: Open Payments by program year (PY2025.json), EFPIA by calendar year
 * (2025.json), UCPMP by the financial year it starts (FY2025-26.json).
 */
export function disclosureConfigFileName(standard: DisclosureStandardName, year: number): string {
  if (standard === 'open-payments') return `PY${year}.json`;
  if (standard === 'ucpmp') return `FY${year}-${String((year + 1) % 100).padStart(2, '0')}.json`;
  return `${year}.json`;
}

function issueLine(file: string, issue: z.core.$ZodIssue): string {
  const where = issue.path.map(String).join('.') || '(the whole file)';
  return `${file}: ${where}: ${issue.message}`;
}

/** Reads a JSON data file and checks it with a schema; any problem is a DisclosureConfigError. */
export function readConfigFile<T>(file: string, schema: z.ZodType<T>): T {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new DisclosureConfigError(`Cannot read the disclosure data file ${file}: ${(error as Error).message}`, file);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DisclosureConfigError(
      `The disclosure data file ${file} is not valid JSON: ${(error as Error).message}`,
      file,
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => issueLine(file, issue));
    throw new DisclosureConfigError(
      `The disclosure data file ${file} has ${lines.length === 1 ? 'a problem' : `${lines.length} problems`}: ${lines.join('; ')}`,
      file,
      lines,
    );
  }
  return parsed.data;
}

/** The data files a standard's folder holds in the roots, by root (for the error that lists them). */
function filesThere(folders: readonly string[]): string[] {
  const found = new Set<string>();
  for (const folder of folders) {
    let names: string[] = [];
    try {
      names = fs.readdirSync(folder);
    } catch {
      continue;
    }
    for (const name of names) if (name.endsWith('.json')) found.add(name);
  }
  return [...found].sort();
}

export interface LoadedDisclosureConfig<T> {
  config: T;
  /** The file read, for the output's notes and manifest. */
  file: string;
}

/**
 * The data file of a standard and year from the first root that has it, checked by the schema, and
 * the year it says matched against the year asked for (a file copied to PY2026.json but still saying
 * 2025 would otherwise apply last year's thresholds). `yearOf` reads the file's own year.
 */
export function loadDisclosureConfig<T>(
  standard: DisclosureStandardName,
  year: number,
  roots: readonly string[],
  schema: z.ZodType<T>,
  yearOf: (config: T) => number,
): LoadedDisclosureConfig<T> {
  const name = disclosureConfigFileName(standard, year);
  const folders = roots.map((root) => path.join(root, standard));
  const file = folders.map((folder) => path.join(folder, name)).find((candidate) => fs.existsSync(candidate));
  if (!file) {
    const existing = filesThere(folders);
    throw new DisclosureConfigError(
      `No ${STANDARD_TITLES[standard]} data file for ${year}: ${name} is not in ${folders.join(' or ')}. ` +
        (existing.length ? `Files there: ${existing.join(', ')}.` : 'There are no data files there.'),
      folders.join(path.delimiter),
      [
        `Copy the nearest year's file to ${name}, set its year and thresholds from the regulator's published figures, and check its columns (config/disclosure/README.md).`,
      ],
      'NoDisclosureConfig',
    );
  }
  const config = readConfigFile(file, schema);
  if (yearOf(config) !== year)
    throw new DisclosureConfigError(
      `The disclosure data file ${file} is for ${yearOf(config)}, not ${year}: correct its year or its name.`,
      file,
    );
  return { config, file };
}

/** The Open Payments data file of a program year (config/disclosure/open-payments/PY<year>.json). */
export function loadOpenPaymentsConfig(
  programYear: number,
  roots: readonly string[],
): LoadedDisclosureConfig<OpenPaymentsConfig> {
  return loadDisclosureConfig('open-payments', programYear, roots, openPaymentsConfigSchema, (c) => c.programYear);
}
