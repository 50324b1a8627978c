// The survey column map of `sf cme evaluations import` (config/evaluations/survey-columns.json, and a
// team's own map given with --columns): which header names a survey tool uses for the respondent and
// for each of the five answers, how many header rows each tool writes, and which answer wordings mean
// which rating. A team's map is laid over the shipped one, so it names only what its survey does
// differently. The schema makes sure the merged map is whole and never maps one wording two ways.
import { z } from 'zod';

/** The respondent's identity and the survey's timestamp. */
export const RESPONDENT_FIELDS = ['email', 'name', 'firstName', 'lastName', 'submittedAt'] as const;
/** The 1–5 ratings of an evaluation: Feedback_Rating__c, Evaluation_Relevance__c, Evaluation_Speaker__c. */
export const RATING_FIELDS = ['overall', 'relevance', 'speaker'] as const;
/** Every column the import reads. */
export const SURVEY_FIELDS = [...RESPONDENT_FIELDS, ...RATING_FIELDS, 'practiceChange', 'comments'] as const;
export type SurveyField = (typeof SURVEY_FIELDS)[number];
export type RatingField = (typeof RATING_FIELDS)[number];

/** Evaluation_Practice_Change__c's restricted picklist values. */
export const PRACTICE_CHANGE_VALUES = ['Yes', 'No', 'Unsure'] as const;
export type PracticeChange = (typeof PRACTICE_CHANGE_VALUES)[number];

const words = z.array(z.string()).min(1);
const ratingScaleSchema = z.strictObject({
  '1': words.optional(),
  '2': words.optional(),
  '3': words.optional(),
  '4': words.optional(),
  '5': words.optional(),
});

const detectSchema = z.union([
  z.strictObject({ row: z.number().int().min(1).max(10), hasAll: words }),
  z.strictObject({
    row: z.number().int().min(1).max(10),
    cellMatches: z.string().refine(isRegExp, 'not a valid regular expression'),
  }),
]);

const layoutSchema = z.strictObject({
  tool: z.string().min(1),
  headerRows: z.number().int().min(1).max(10),
  detect: detectSchema,
});

/** A column map file as written: every part optional (a team's map names only what differs). */
export const surveyColumnMapFileSchema = z.strictObject({
  version: z.string().optional(),
  sources: z.array(z.string()).optional(),
  dateOrder: z.enum(['auto', 'MDY', 'DMY']).optional(),
  layouts: z.array(layoutSchema).optional(),
  columns: z.partialRecord(z.enum(SURVEY_FIELDS), z.array(z.string().min(1))).optional(),
  ratingScale: ratingScaleSchema.optional(),
  fieldScales: z.partialRecord(z.enum(RATING_FIELDS), ratingScaleSchema).optional(),
  practiceChange: z.partialRecord(z.enum(PRACTICE_CHANGE_VALUES), words).optional(),
  notAnswered: z.array(z.string()).optional(),
});
export type SurveyColumnMapFile = z.infer<typeof surveyColumnMapFileSchema>;

export type SurveyLayout = z.infer<typeof layoutSchema>;

/** A wording, normalised, to what it means. */
export type WordingTable<T> = ReadonlyMap<string, T>;

/** The merged map the reader works with: aliases and wordings normalised (see normaliseText). */
export interface SurveyColumnMap {
  /** Slashed dates: month first, day first, or 'auto' (what the file proves, else refused as ambiguous). */
  dateOrder: 'auto' | 'MDY' | 'DMY';
  layouts: readonly SurveyLayout[];
  /** Per field, its aliases in order of preference. */
  columns: Readonly<Record<SurveyField, readonly string[]>>;
  /** Per rating field, its wordings (the shared ratingScale, or the field's own fieldScales entry). */
  ratingWordings: Readonly<Record<RatingField, WordingTable<number>>>;
  practiceChange: WordingTable<PracticeChange>;
  notAnswered: ReadonlySet<string>;
  /** The files the map was read from, for the output. */
  files: readonly string[];
}

function isRegExp(text: string): boolean {
  try {
    new RegExp(text, 'u');
    return true;
  } catch {
    return false;
  }
}

/**
 * Text as headers and wordings are compared: accents dropped (NFD), case folded, every run of
 * punctuation and spaces one space, so 'E-mail Address:' and 'email address' differ only by the
 * hyphen's space ('e mail address').
 */
export function normaliseText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** `path: message` per problem of a parsed file. */
function issuesOf(error: z.ZodError, file: string): string[] {
  return error.issues.map(
    (issue) => `${file}: ${issue.path.length ? issue.path.join('.') : '(file)'}: ${issue.message}`,
  );
}

/** Parses one column map file's JSON (already read) against the schema. */
export function parseColumnMapFile(
  input: unknown,
  file: string,
): { map: SurveyColumnMapFile } | { problems: string[] } {
  const parsed = surveyColumnMapFileSchema.safeParse(input);
  return parsed.success ? { map: parsed.data } : { problems: issuesOf(parsed.error, file) };
}

/** A wording table from lists of wordings per value; a wording listed under two values is a problem. */
function wordingTable<T>(
  lists: Partial<Record<string, readonly string[]>>,
  valueOf: (key: string) => T,
  where: string,
  problems: string[],
): Map<string, T> {
  const table = new Map<string, T>();
  const keyOf = new Map<string, string>();
  for (const [key, list] of Object.entries(lists)) {
    for (const wording of list ?? []) {
      const normal = normaliseText(wording);
      const earlier = keyOf.get(normal);
      if (earlier !== undefined && earlier !== key)
        problems.push(`${where}: "${wording}" is listed under both ${earlier} and ${key}`);
      keyOf.set(normal, key);
      table.set(normal, valueOf(key));
    }
  }
  return table;
}

/**
 * The shipped map with a team's map laid over it: the team's aliases of a field come first (they are
 * tried before the shipped ones), its layouts are detected first, its wordings win over the shipped
 * ones (a team's scale for one field replaces the shared scale for that field only), its dateOrder wins.
 */
export function mergeColumnMaps(
  base: SurveyColumnMapFile,
  team: SurveyColumnMapFile | undefined,
  files: readonly string[],
): { map: SurveyColumnMap } | { problems: string[] } {
  const problems: string[] = [];
  const columns = {} as Record<SurveyField, string[]>;
  for (const field of SURVEY_FIELDS) {
    const aliases = [...(team?.columns?.[field] ?? []), ...(base.columns?.[field] ?? [])].map(normaliseText);
    columns[field] = [...new Set(aliases.filter(Boolean))];
  }
  for (const field of [...RATING_FIELDS, 'practiceChange'] as const)
    if (!columns[field].length) problems.push(`columns.${field}: no header names for a required answer`);
  // Each file's own lists must be consistent; between files the team's wording wins.
  const layered = <T>(
    lists: (file: SurveyColumnMapFile) => Partial<Record<string, readonly string[]>> | undefined,
    valueOf: (key: string) => T,
    where: string,
  ) =>
    new Map([
      ...wordingTable(lists(base) ?? {}, valueOf, where, problems),
      ...(team ? wordingTable(lists(team) ?? {}, valueOf, `${where} (--columns)`, problems) : []),
    ]);
  const ratingWordings = {} as Record<RatingField, Map<string, number>>;
  for (const field of RATING_FIELDS) {
    const own = team?.fieldScales?.[field] ?? base.fieldScales?.[field];
    ratingWordings[field] = own
      ? wordingTable(own, Number, `fieldScales.${field}`, problems)
      : layered((file) => file.ratingScale, Number, 'ratingScale');
  }
  const practiceChange = layered(
    (file) => file.practiceChange,
    (key) => key as PracticeChange,
    'practiceChange',
  );
  for (const value of PRACTICE_CHANGE_VALUES) practiceChange.set(normaliseText(value), value);
  if (problems.length) return { problems };
  return {
    map: {
      dateOrder: team?.dateOrder ?? base.dateOrder ?? 'auto',
      layouts: [...(team?.layouts ?? []), ...(base.layouts ?? [])],
      columns,
      ratingWordings,
      practiceChange,
      notAnswered: new Set([...(base.notAnswered ?? []), ...(team?.notAnswered ?? []), ''].map(normaliseText)),
      files,
    },
  };
}

/**
 * Whether the zone is an IANA zone name Intl knows (the event's Time_Zone__c, or --time-zone): UTC or
 * an Area/Location name. Intl (ICU) also takes tzdata's legacy abbreviations, which do not mean what a
 * person writing them does: in the IANA tz database's "backward" file EST is a link to America/Panama
 * (no summer time, unlike New York) and ICU reads IST as Asia/Calcutta (Israel and Ireland write IST
 * too), so a name without a "/" is refused, not read in a zone nobody chose.
 */
export function isTimeZone(zone: string): boolean {
  if (zone !== 'UTC' && !/^[A-Za-z][\w+-]*(?:\/[\w+-]+)+$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
