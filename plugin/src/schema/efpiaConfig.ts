// The EFPIA data file of a calendar year (config/disclosure/efpia/<year>.json): the national template's
// columns, their labels and order, and which of the domain core's EFPIA categories each amount column
// adds up. The exact wording of the template's labels is unconfirmed (disclosure.md), so it lives here
// as data a compliance team edits, never in code. A country whose template differs (Disclosure UK's
// Joint Working column) overrides the columns or just their labels.
import { z } from 'zod';
import type { EfpiaCategory } from '../domain/cmeDomain.ts';

/** The domain core's EFPIA categories for HCPs (cmeDomain/tov.ts efpiaCategoryFor). */
export const EFPIA_CATEGORIES = [
  'Registration fees',
  'Travel & accommodation',
  'Fees',
  'Related expenses agreed in the fee for service or consultancy contract',
] as const satisfies readonly EfpiaCategory[];

/** What a recipient column of a named row holds. */
export const EFPIA_RECIPIENT_FIELDS = ['fullName', 'city', 'country', 'address', 'identifier'] as const;
export type EfpiaRecipientField = (typeof EFPIA_RECIPIENT_FIELDS)[number];

const label = z.string().trim().min(1, 'a label is needed');
const columnKey = z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'a column key is camelCase, e.g. registrationFees');
const countryCode = z.string().regex(/^[A-Z]{2}$/, 'a country is its ISO 3166-1 alpha-2 code, e.g. DE');

const recipientColumnSchema = z
  .object({ field: z.enum(EFPIA_RECIPIENT_FIELDS), label, required: z.boolean() })
  .strict();

const amountColumnSchema = z
  .object({
    key: columnKey,
    label,
    /** The template's heading the column sits under ("Contribution to costs of Events"). */
    heading: label,
    /** The categories it adds up; none = a column the data model has no value for (always 0). */
    categories: z.array(z.enum(EFPIA_CATEGORIES)),
    /** Why a column holds what it holds, for the methodological note. */
    note: z.string().optional(),
  })
  .strict();

const aggregateLabelsSchema = z.object({ title: label, amount: label, recipients: label, percent: label }).strict();

const countryTemplateSchema = z
  .object({
    name: label.optional(),
    /** Replaces the default amount columns (a template with other columns). */
    amountColumns: z.array(amountColumnSchema).min(1).optional(),
    /** Replaces labels by column key or recipient field, leaving the columns as they are. */
    labels: z.record(z.string(), label).optional(),
    sources: z.array(z.string()).optional(),
  })
  .strict();

export const efpiaConfigSchema = z
  .object({
    standard: z.literal('efpia'),
    year: z.number().int().min(2000).max(2100),
    version: z.string().min(1),
    /** Where the labels and rules come from, and what of it is unconfirmed. */
    sources: z.array(z.string()).min(1),
    /** Facts the file holds without a primary source: the methodological note lists them. */
    unconfirmed: z.array(z.string()),
    /** The day the national files must be public by (EFPIA: 30 June of the next year). */
    publishBy: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day is YYYY-MM-DD'),
    recipientColumns: z.array(recipientColumnSchema).min(1),
    amountColumns: z.array(amountColumnSchema).min(1),
    totalLabel: label,
    aggregateLabels: aggregateLabelsSchema,
    countries: z.record(countryCode, countryTemplateSchema),
  })
  .strict()
  .superRefine((config, ctx) => {
    checkColumns(config.amountColumns, ['amountColumns'], ctx);
    for (const [country, template] of Object.entries(config.countries)) {
      if (template.amountColumns) checkColumns(template.amountColumns, ['countries', country, 'amountColumns'], ctx);
      for (const key of Object.keys(template.labels ?? {}))
        if (!labelKeys(config, template.amountColumns).has(key))
          ctx.addIssue({
            code: 'custom',
            path: ['countries', country, 'labels', key],
            message: `"${key}" is no column key or recipient field of ${country}'s template`,
          });
    }
  });

export type EfpiaConfig = z.infer<typeof efpiaConfigSchema>;
export type EfpiaAmountColumn = z.infer<typeof amountColumnSchema>;
export type EfpiaRecipientColumn = z.infer<typeof recipientColumnSchema>;

/**
 * Every category in exactly one column, and keys unique: a category in no column would drop money
 * from the file, in two columns it would count twice, and the reconciliation would not tie.
 */
function checkColumns(columns: readonly EfpiaAmountColumn[], path: (string | number)[], ctx: z.RefinementCtx): void {
  const keys = new Set<string>();
  const columnOf = new Map<string, string>();
  columns.forEach((column, i) => {
    if (keys.has(column.key))
      ctx.addIssue({ code: 'custom', path: [...path, i, 'key'], message: `column key "${column.key}" is used twice` });
    keys.add(column.key);
    for (const category of column.categories) {
      const other = columnOf.get(category);
      if (other)
        ctx.addIssue({
          code: 'custom',
          path: [...path, i, 'categories'],
          message: `"${category}" is already added up in column "${other}"`,
        });
      columnOf.set(category, column.key);
    }
  });
  for (const category of EFPIA_CATEGORIES)
    if (!columnOf.has(category)) ctx.addIssue({ code: 'custom', path, message: `no column adds up "${category}"` });
}

function labelKeys(
  config: { recipientColumns: readonly EfpiaRecipientColumn[]; amountColumns: readonly EfpiaAmountColumn[] },
  own?: readonly EfpiaAmountColumn[],
): Set<string> {
  return new Set([
    ...config.recipientColumns.map((c) => c.field),
    ...(own ?? config.amountColumns).map((c) => c.key),
    'total',
  ]);
}
