// The Open Payments data file of a program year (config/disclosure/open-payments/PY<year>.json): the
// small-payment thresholds, the CSV columns in order with what each holds, the allowed values, and how
// the domain core's primary types, natures and forms become CMS's texts. CMS's exact PY2023+ submission
// column list and order is unconfirmed (disclosure.md), so all of it is data a compliance team aligns
// with CMS's current Submission Data Mapping Document without code; the schema only makes sure the
// file is whole and consistent (every mapped text allowed, every domain value mapped).
import { z } from 'zod';
import type { OpenPaymentsNature, PaymentForm, PrimaryType } from '../domain/cmeDomain.ts';

/** The keys a record fills from its HCP (the same in all of an HCP's records). */
export const OPEN_PAYMENTS_DOCTOR_KEYS = [
  'coveredRecipientType',
  'npi',
  'firstName',
  'middleName',
  'lastName',
  'nameSuffix',
  'addressLine1',
  'addressLine2',
  'city',
  'state',
  'zipCode',
  'country',
  'primaryType',
  'specialty',
  'licenseState1',
  'licenseState2',
  'licenseState3',
  'licenseState4',
  'licenseState5',
] as const;

/** What a record can hold: the column's `key` names one of these (openPayments.ts fills them). */
export const OPEN_PAYMENTS_RECORD_KEYS = [
  'recordId',
  'reportingEntityName',
  'reportingEntityRegistrationId',
  ...OPEN_PAYMENTS_DOCTOR_KEYS,
  'totalAmount',
  'dateOfPayment',
  'numberOfPayments',
  'form',
  'nature',
  'travelCity',
  'travelState',
  'travelCountry',
  'contextualInformation',
  'relatedProductIndicator',
  'productName1',
  'productTherapeuticArea1',
] as const;
export type OpenPaymentsRecordKey = (typeof OPEN_PAYMENTS_RECORD_KEYS)[number];

/**
 * How a column's value is written and checked: text as it is; amount with two decimals; date in the
 * file's dateFormat; integer; an NPI (check digit); a US state (USPS code); a ZIP or ZIP+4; a country;
 * an indicator (the file's yes/no texts).
 */
export const OPEN_PAYMENTS_COLUMN_FORMATS = [
  'text',
  'amount',
  'date',
  'integer',
  'npi',
  'state',
  'zip',
  'country',
  'indicator',
] as const;

/** The lists of allowed values a column can be held to. */
export const OPEN_PAYMENTS_ALLOWED_LISTS = ['coveredRecipientTypes', 'forms', 'natures'] as const;

/** The domain core's values the file must map (cmeDomain/types.ts, tov.ts). */
export const DOMAIN_PRIMARY_TYPES = [
  'Medical Doctor',
  'Doctor of Osteopathy',
  'Dentist',
  'Podiatrist',
  'Optometrist',
  'Chiropractor',
  'Physician Assistant',
  'Nurse Practitioner',
  'Pharmacist',
  'Nurse',
] as const satisfies readonly PrimaryType[];
export const DOMAIN_NATURES = [
  'Food and Beverage',
  'Travel and Lodging',
  'Honoraria',
  'Education',
  'Compensation for serving as faculty or as a speaker for a medical education program',
] as const satisfies readonly OpenPaymentsNature[];
export const DOMAIN_PAYMENT_FORMS = [
  'Cash or cash equivalent',
  'In-kind items and services',
] as const satisfies readonly PaymentForm[];

/** Whether Open Payments covers an HCP of a primary type, and as what. */
export const RECIPIENT_KINDS = ['physician', 'non-physician-practitioner', 'not-covered'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

const text = z.string().trim().min(1, 'must not be blank');

/** The error for a key of an exhaustive record that the file leaves out (zod's own names a type). */
function whenMissing(what: string) {
  return { error: (issue: { input?: unknown }) => (issue.input === undefined ? `missing: ${what}` : undefined) };
}
const mappedText = z.string(whenMissing("map this domain value to the file's text")).trim().min(1, 'must not be blank');
const money = z
  .number()
  .positive('must be above zero')
  .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, 'has more than two decimals');

const columnSchema = z
  .object({
    /** The CSV header, UPPER_SNAKE_CASE as CMS's CSV field names are. */
    name: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'a CSV column name is UPPER_SNAKE_CASE, e.g. RECIPIENT_CITY'),
    /** What it holds in words (the mapping document's definition, shortened). */
    holds: text,
    /** The record's value it is filled from; null for a column the data model has no value for. */
    key: z.enum(OPEN_PAYMENTS_RECORD_KEYS).nullable(),
    /** A fixed value written on every record instead (e.g. an indicator the org never varies). */
    constant: z.string().optional(),
    required: z.boolean(),
    maxLength: z.number().int().positive().nullable(),
    format: z.enum(OPEN_PAYMENTS_COLUMN_FORMATS),
    /** The list of allowed values the value must be one of. */
    allowed: z.enum(OPEN_PAYMENTS_ALLOWED_LISTS).optional(),
    /** Why the column is as it is (a source, or what is unconfirmed about it). */
    note: z.string().optional(),
  })
  .strict();

const primaryTypeSchema = z
  .object(
    {
      recipient: z.enum(RECIPIENT_KINDS),
      /** CMS's primary type text (Covered_Recipient_Primary_Type_1); absent when not covered. */
      cmsPrimaryType: text.optional(),
      note: z.string().optional(),
    },
    whenMissing('say whether this primary type is covered ({ "recipient": ... })'),
  )
  .strict();

export const openPaymentsConfigSchema = z
  .object({
    standard: z.literal('open-payments'),
    programYear: z.number().int().min(2013).max(2100),
    version: text,
    /** Where each part comes from, and what of it is unconfirmed (the output's notes repeat these). */
    sources: z.array(text).min(1),
    /** 42 CFR 403.904(i)(1), CPI-adjusted per program year. */
    thresholds: z.object({ item: money, aggregate: money }).strict(),
    /**
     * The largest file CMS takes (disclosure.md: CSV files "≤ 250 MB each"); a longer disclosure is
     * written as numbered parts, each with the header. Whether MB means 10^6 or 2^20 bytes is not said:
     * 250,000,000 is within either.
     */
    maxFileBytes: z.number().int().min(10_000).default(250_000_000),
    /** How dates are written in the file. */
    dateFormat: z.enum(['MM/DD/YYYY', 'YYYY-MM-DD']),
    /** The indicator texts (Related_Product_Indicator and the like). */
    indicator: z.object({ yes: text, no: text }).strict(),
    /** Names of the columns that are file-level elements (the same value repeated on every record). */
    fileElements: z.array(text),
    columns: z.array(columnSchema).min(1),
    allowedValues: z
      .object({
        coveredRecipientTypes: z.array(text).min(1),
        forms: z.array(text).min(1),
        natures: z.array(text).min(1),
      })
      .strict(),
    /** The covered recipient type text of each kind of covered recipient. */
    recipientTypes: z.object({ physician: text, 'non-physician-practitioner': text }).strict(),
    /** Every domain primary type: covered as what, and CMS's primary type text. */
    primaryTypes: z.record(z.enum(DOMAIN_PRIMARY_TYPES), primaryTypeSchema),
    /** The domain core's nature of payment → the file's nature text. */
    natures: z.record(z.enum(DOMAIN_NATURES), mappedText),
    /** The domain core's form of payment → the file's form text. */
    forms: z.record(z.enum(DOMAIN_PAYMENT_FORMS), mappedText),
    /** The org's specialty text → CMS's (provider taxonomy) text; a specialty not listed is written as it is. */
    specialties: z.record(z.string(), text).optional(),
    /** ISO country code → the text the file writes (a code not listed is written as the code). */
    countryNames: z.record(z.string().regex(/^[A-Z]{2}$/, 'a country is its ISO alpha-2 code'), text),
    /** The reporting entity's name as registered with CMS (--entity-name overrides it). */
    reportingEntity: z.object({ name: z.string().optional() }).strict().optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (config.thresholds.item >= config.thresholds.aggregate)
      issue(['thresholds', 'item'], 'the item threshold must be below the aggregate threshold');
    checkColumns(config, issue);
    // The records keyed by the domain's values are exhaustive (zod refuses a file missing one).
    for (const type of DOMAIN_PRIMARY_TYPES) {
      const mapped = config.primaryTypes[type];
      if (mapped.recipient !== 'not-covered' && !mapped.cmsPrimaryType)
        issue(['primaryTypes', type, 'cmsPrimaryType'], 'a covered primary type needs its CMS primary type text');
    }
    const allowed = config.allowedValues;
    for (const [kind, value] of Object.entries(config.recipientTypes))
      if (!allowed.coveredRecipientTypes.includes(value))
        issue(['recipientTypes', kind], `"${value}" is not in allowedValues.coveredRecipientTypes`);
    for (const [nature, value] of Object.entries(config.natures))
      if (!allowed.natures.includes(value)) issue(['natures', nature], `"${value}" is not in allowedValues.natures`);
    for (const [form, value] of Object.entries(config.forms))
      if (!allowed.forms.includes(value)) issue(['forms', form], `"${value}" is not in allowedValues.forms`);
  });

export type OpenPaymentsConfig = z.infer<typeof openPaymentsConfigSchema>;
export type OpenPaymentsColumn = z.infer<typeof columnSchema>;

/**
 * Column names unique, a key in one column only (two would write one value twice), a required column
 * filled from somewhere, and every file-level element one of the columns.
 */
function checkColumns(
  config: { columns: readonly OpenPaymentsColumn[]; fileElements: readonly string[] },
  issue: (path: (string | number)[], message: string) => void,
): void {
  const names = new Set<string>();
  const keys = new Map<string, string>();
  config.columns.forEach((column, i) => {
    if (names.has(column.name)) issue(['columns', i, 'name'], `column "${column.name}" is listed twice`);
    names.add(column.name);
    if (column.key !== null && column.constant !== undefined)
      issue(['columns', i], `column "${column.name}" has both a key and a constant; keep one`);
    if (column.key !== null) {
      const other = keys.get(column.key);
      if (other) issue(['columns', i, 'key'], `"${column.key}" already fills column "${other}"`);
      keys.set(column.key, column.name);
    }
    if (column.required && column.key === null && !column.constant)
      issue(['columns', i], `column "${column.name}" is required but has neither a key nor a constant`);
  });
  config.fileElements.forEach((name, i) => {
    if (!names.has(name)) issue(['fileElements', i], `"${name}" is not one of the columns`);
  });
}
