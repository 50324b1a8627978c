// Where the survey column map comes from: the project's config/evaluations/survey-columns.json in the
// current folder (a team's edited copy), else the copy the plugin ships; a team's own map (--columns)
// is laid over it. A file that cannot be read or does not fit the schema stops the import, naming it.
import fs from 'node:fs';
import path from 'node:path';
import { dataFolders } from '../dataFolders.ts';
import { mergeColumnMaps, parseColumnMapFile } from '../schema/evaluationsImport.ts';
import type { SurveyColumnMap, SurveyColumnMapFile } from '../schema/evaluationsImport.ts';

export const COLUMN_MAP_FILE = 'survey-columns.json';

/** A column map that cannot be used: every problem, each naming its file. */
export class ColumnMapError extends Error {
  public readonly problems: readonly string[];

  public constructor(problems: readonly string[]) {
    super(`The survey column map has problems:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ColumnMapError';
    this.problems = problems;
  }
}

/** The shipped map's candidates, first found wins: the project's copy, the plugin's lib copy, this repository's. */
export function shippedColumnMapPaths(cwd = process.cwd()): string[] {
  return dataFolders('evaluations', cwd).map((folder) => path.join(folder, COLUMN_MAP_FILE));
}

function readMapFile(file: string): SurveyColumnMapFile {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ColumnMapError([`${file}: ${(error as Error).message}`]);
  }
  const parsed = parseColumnMapFile(json, file);
  if ('problems' in parsed) throw new ColumnMapError(parsed.problems);
  return parsed.map;
}

/** The merged column map: the first shipped map found, with `teamFile` (--columns) over it. */
export function loadColumnMap(teamFile: string | undefined, candidates = shippedColumnMapPaths()): SurveyColumnMap {
  const shipped = candidates.find((file) => fs.existsSync(file));
  if (!shipped) throw new ColumnMapError([`no ${COLUMN_MAP_FILE} in ${candidates.join(', ')}`]);
  const files = teamFile ? [shipped, path.resolve(teamFile)] : [shipped];
  const merged = mergeColumnMaps(readMapFile(shipped), teamFile ? readMapFile(teamFile) : undefined, files);
  if ('problems' in merged) throw new ColumnMapError(merged.problems);
  return merged.map;
}
