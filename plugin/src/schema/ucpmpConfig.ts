// The UCPMP data file of an Indian financial year (config/disclosure/ucpmp/FY2025-26.json): the CME/CPD
// expenditure statement's columns and the annual self-declaration's text. Neither the statement's
// exact content nor the declaration's form number is confirmed by a primary source (disclosure.md), so
// both are data a compliance team edits, never code.
import { z } from 'zod';
import { EXPENSE_CATEGORIES } from '../domain/cmeDomain.ts';

/** Every expense category of the data model: the statement has a column for each. */
export const UCPMP_EXPENSE_CATEGORIES = EXPENSE_CATEGORIES;

/** What a column of the statement holds, besides the expenditure by category. */
export const UCPMP_EVENT_FIELDS = [
  'eventKey',
  'name',
  'start',
  'end',
  'venue',
  'city',
  'country',
  'outsideHomeCountry',
  'therapyArea',
  'organiser',
  'hcpsAttended',
  'speakers',
] as const;
export type UcpmpEventField = (typeof UCPMP_EVENT_FIELDS)[number];

/** The facts a declaration text may name, written {name} in the data file. */
export const DECLARATION_PLACEHOLDERS = [
  'company',
  'period',
  'start',
  'end',
  'eventsHeld',
  'total',
  'count',
  'homeCountry',
] as const;

const label = z.string().trim().min(1, 'a label is needed');

/** A declaration text that names only facts the tool fills in. */
const declarationText = label.superRefine((value, ctx) => {
  for (const [, name] of value.matchAll(/\{(\w+)\}/g))
    if (!(DECLARATION_PLACEHOLDERS as readonly string[]).includes(name))
      ctx.addIssue({
        code: 'custom',
        message: `{${name}} is not a fact the declaration can fill in (${DECLARATION_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')})`,
      });
});

/** A statement of the declaration: its words when the data shows no exception, and when it does. */
const statementSchema = z.object({ compliant: declarationText, exceptions: declarationText }).strict();

const declarationSchema = z
  .object({
    title: label,
    /** The form's number or name as the association's portal asks for it (UNCONFIRMED). */
    formNumber: label,
    intro: declarationText,
    eventsHeld: declarationText,
    noEventsAbroad: statementSchema,
    speakerTravelOnly: statementSchema,
    noGiftsOrCash: statementSchema,
    closing: declarationText,
    /** The signature block's words; its name, title and date are left blank for the executive. */
    signatureLabels: z.object({ signature: label, name: label, title: label, date: label }).strict(),
  })
  .strict();

export const ucpmpConfigSchema = z
  .object({
    standard: z.literal('ucpmp'),
    /** The year the financial year starts in (FY2025-26: 2025). */
    year: z.number().int().min(2000).max(2100),
    label: z.string().regex(/^FY\d{4}-\d{2}$/, 'a financial year is written FY2025-26'),
    version: z.string().min(1),
    sources: z.array(z.string()).min(1),
    unconfirmed: z.array(z.string()),
    /** Where the Code allows CME/CPD events (ISO 3166-1 alpha-2). */
    homeCountry: z.string().regex(/^[A-Z]{2}$/, 'a country is its ISO 3166-1 alpha-2 code, e.g. IN'),
    /** The home country as the declaration names it ({homeCountry}). */
    homeCountryName: label,
    /** Expense categories that are gifts to HCPs (the data model has none today: empty). */
    giftCategories: z.array(z.enum(UCPMP_EXPENSE_CATEGORIES)),
    columns: z.array(z.object({ field: z.enum(UCPMP_EVENT_FIELDS), label }).strict()).min(1),
    categoryColumns: z.array(z.object({ category: z.enum(UCPMP_EXPENSE_CATEGORIES), label }).strict()),
    totalLabel: label,
    totalsRowLabel: label,
    declaration: declarationSchema,
  })
  .strict()
  .superRefine((config, ctx) => {
    // Every category exactly once: a missing one would drop expenditure from the statement.
    const seen = new Set<string>();
    config.categoryColumns.forEach((column, i) => {
      if (seen.has(column.category))
        ctx.addIssue({ code: 'custom', path: ['categoryColumns', i], message: `"${column.category}" has two columns` });
      seen.add(column.category);
    });
    for (const category of UCPMP_EXPENSE_CATEGORIES)
      if (!seen.has(category))
        ctx.addIssue({ code: 'custom', path: ['categoryColumns'], message: `no column for "${category}"` });
  });

export type UcpmpConfig = z.infer<typeof ucpmpConfigSchema>;
export type UcpmpDeclarationText = UcpmpConfig['declaration'];
