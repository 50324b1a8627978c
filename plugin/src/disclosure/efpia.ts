// EFPIA Disclosure Code: per country of principal practice, one row per HCP who consented to be named
// and one aggregate row for those who did not (disclosure.md). Pure: build.ts hands each HCP's lines
// of the calendar year (Actual allocations of EFPIA-pack events, from the domain core, so the file and
// the audit pack's ledger can never disagree) to efpiaRecipient, then the recipients to
// efpiaCountryReports. Amounts are added in whole cents, in the lines' own (local) currency.
//
// HCO rows: the data model has no HCO payee on expense lines, so no HCO row is produced (the
// methodological note says so).
import { fromCents, toCents } from '../domain/cmeDomain.ts';
import type {
  EfpiaAmountColumn,
  EfpiaConfig,
  EfpiaRecipientColumn,
  EfpiaRecipientField,
} from '../schema/efpiaConfig.ts';
import type { DisclosureDoctor, DisclosureLine, DisclosurePeriod, ExcludedLine, RecordProblem } from './types.ts';
import {
  amountProblem,
  countryCode,
  countryProblem,
  dateInPeriodProblem,
  recordProblems,
  requiredTextProblem,
} from './checks.ts';
import type { CheckTarget, FieldProblem } from './checks.ts';

/** One country's template: the data file's columns with that country's overrides applied. */
export interface EfpiaTemplate {
  country: string;
  countryName: string | null;
  recipientColumns: EfpiaRecipientColumn[];
  amountColumns: EfpiaAmountColumn[];
  totalLabel: string;
  aggregateLabels: EfpiaConfig['aggregateLabels'];
}

/** Amounts by column key, in the lines' currency. */
export type EfpiaAmounts = Record<string, number>;

interface EfpiaRecipientBase {
  doctorId: string;
  /** The row's key in validation.csv: the HCP's external key, else the Contact id. */
  rowKey: string;
  /** The country of principal practice (ISO 3166-1 alpha-2), null when the Contact's is missing or unknown. */
  country: string | null;
  /** The currencies of the HCP's lines (one, unless the HCP's events are judged by packs of different currencies). */
  currencies: string[];
  amounts: EfpiaAmounts;
  total: number;
  lines: readonly DisclosureLine[];
  problems: RecordProblem[];
}

/** An HCP who consented: published by name. Only efpiaRecipient makes one, and only with consent. */
export interface NamedEfpiaRecipient extends EfpiaRecipientBase {
  kind: 'named';
  consent: true;
  fullName: string;
  city: string;
  address: string;
  identifier: string;
}

/** An HCP without consent (false or blank): a contribution to the country's aggregate row. */
export interface AggregateEfpiaRecipient extends EfpiaRecipientBase {
  kind: 'aggregate';
  consent: false;
}

export type EfpiaRecipient = NamedEfpiaRecipient | AggregateEfpiaRecipient;

/** One column of the aggregate row. */
export interface EfpiaColumnAggregate {
  amount: number;
  /** Recipients in the aggregate with a non-zero amount in this column. */
  recipients: number;
  /** Those as a % of every recipient with a non-zero amount in the column (named + aggregate); null when none. */
  percent: number | null;
}

export interface EfpiaAggregateRow {
  /** Every HCP in the aggregate. */
  recipients: number;
  columns: Record<string, EfpiaColumnAggregate>;
  total: EfpiaColumnAggregate;
}

/** One national file. */
export interface EfpiaCountryReport {
  country: string;
  template: EfpiaTemplate;
  /** Every recipient placed in the country, named or not. */
  recipients: EfpiaRecipient[];
  /** The country's one currency; null when its lines come in several (a problem: nothing is summed). */
  currency: string | null;
  /** Named rows, by name then key; empty when the currencies mix. */
  named: NamedEfpiaRecipient[];
  /** The aggregate row; null when the currencies mix. */
  aggregate: EfpiaAggregateRow | null;
  /** File-level problems (the currencies mixing). */
  problems: RecordProblem[];
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The country's template: its own amount columns if the file gives them, its labels over the defaults. */
export function efpiaTemplateFor(config: EfpiaConfig, country: string): EfpiaTemplate {
  const own = config.countries[country];
  const labels = own?.labels ?? {};
  const relabel = <T extends { label: string }>(column: T, key: string): T =>
    labels[key] ? { ...column, label: labels[key] } : column;
  return {
    country,
    countryName: own?.name ?? null,
    recipientColumns: config.recipientColumns.map((c) => relabel(c, c.field)),
    amountColumns: (own?.amountColumns ?? config.amountColumns).map((c) => relabel(c, c.key)),
    totalLabel: labels.total ?? config.totalLabel,
    aggregateLabels: config.aggregateLabels,
  };
}

/** The HCP's amounts per column (a column no category feeds, like Joint Working, stays 0), in cents. */
export function columnCents(
  lines: readonly DisclosureLine[],
  columns: readonly EfpiaAmountColumn[],
): Map<string, number> {
  const columnOf = new Map<string, string>();
  for (const column of columns) for (const category of column.categories) columnOf.set(category, column.key);
  const cents = new Map(columns.map((c) => [c.key, 0]));
  for (const line of lines) {
    // The data file's schema puts every category in exactly one column.
    const key = columnOf.get(line.efpiaCategory) as string;
    cents.set(key, (cents.get(key) ?? 0) + toCents(line.amount));
  }
  return cents;
}

const text = (value: string | null | undefined) => (value ?? '').trim();

/** The name the file publishes: Name, else first and last name. */
export function efpiaFullName(doctor: DisclosureDoctor | undefined): string {
  if (!doctor) return '';
  return text(doctor.Name) || [text(doctor.FirstName), text(doctor.LastName)].filter(Boolean).join(' ');
}

/** The principal practice address: street, then postal code and city. */
export function efpiaAddress(doctor: DisclosureDoctor | undefined): string {
  const place = [text(doctor?.MailingPostalCode), text(doctor?.MailingCity)].filter(Boolean).join(' ');
  return [text(doctor?.MailingStreet), place].filter(Boolean).join(', ');
}

/**
 * One HCP's part of the year: their country of principal practice, amounts per template column, and
 * a named row only when CME_Disclosure_Consent__c is true (blank counts as no consent: the Code needs
 * the HCP's agreement to publish a name). The country is the Contact's MailingCountry as an ISO code
 * (a country's name maps to its code: checks.ts countryCode); without one the HCP is in no file.
 */
export function efpiaRecipient(
  doctorId: string,
  doctor: DisclosureDoctor | undefined,
  lines: readonly DisclosureLine[],
  config: EfpiaConfig,
  period: DisclosurePeriod,
): EfpiaRecipient {
  const country = countryCode(doctor?.MailingCountry);
  const template = efpiaTemplateFor(config, country ?? '');
  const cents = columnCents(lines, template.amountColumns);
  const amounts: EfpiaAmounts = {};
  let totalCents = 0;
  for (const [key, value] of cents) {
    amounts[key] = fromCents(value);
    totalCents += value;
  }
  const base: EfpiaRecipientBase = {
    doctorId,
    rowKey: text(doctor?.CME_HCP_Key__c) || doctorId,
    country,
    currencies: [...new Set(lines.map((l) => l.currency))].sort(),
    amounts,
    total: fromCents(totalCents),
    lines,
    problems: [],
  };
  const recipient: EfpiaRecipient =
    doctor?.CME_Disclosure_Consent__c === true
      ? {
          ...base,
          kind: 'named',
          consent: true,
          fullName: efpiaFullName(doctor),
          city: text(doctor.MailingCity),
          address: efpiaAddress(doctor),
          identifier: text(doctor.CME_Registration_Number__c),
        }
      : { ...base, kind: 'aggregate', consent: false };
  recipient.problems = efpiaRecipientProblems(recipient, doctor, template, period);
  return recipient;
}

/** Where each recipient column's value comes from in the org, for the fix. */
const RECIPIENT_SOURCES: Record<EfpiaRecipientField, string> = {
  fullName: "the Contact's FirstName and LastName",
  city: 'Contact.MailingCity',
  country: 'Contact.MailingCountry',
  address: 'Contact.MailingStreet and MailingPostalCode',
  identifier: 'Contact.CME_Registration_Number__c',
};

/**
 * A named row must stand for an HCP who consented. efpiaRecipient only names HCPs with consent, so
 * this never fires on its rows; it is the file's last guard against a row built any other way.
 */
export function consentProblem(recipient: EfpiaRecipient, doctor: DisclosureDoctor | undefined): FieldProblem | null {
  if (recipient.kind !== 'named' || doctor?.CME_Disclosure_Consent__c === true) return null;
  return {
    field: 'consent',
    value: String(doctor?.CME_Disclosure_Consent__c ?? ''),
    problem: 'A named row stands for an HCP who has not consented to disclosure.',
    fix: 'Put the HCP in the aggregate row, or record their consent in Contact.CME_Disclosure_Consent__c.',
  };
}

/** A named row's required recipient columns (the template says which), the country for everyone. */
function recipientFieldProblems(
  recipient: EfpiaRecipient,
  doctor: DisclosureDoctor | undefined,
  template: EfpiaTemplate,
): (FieldProblem | null)[] {
  const countryColumn = template.recipientColumns.find((c) => c.field === 'country');
  const found = [
    countryProblem(
      { field: countryColumn?.label ?? 'country', source: RECIPIENT_SOURCES.country },
      doctor?.MailingCountry,
    ),
  ];
  if (recipient.kind !== 'named') return found;
  for (const column of template.recipientColumns)
    if (column.required && column.field !== 'country')
      found.push(
        requiredTextProblem(
          { field: column.label, source: RECIPIENT_SOURCES[column.field] },
          recipientValue(recipient, column.field),
        ),
      );
  return found;
}

/** Every non-zero column and the total above zero, to the cent. */
function amountProblems(recipient: EfpiaRecipient, template: EfpiaTemplate): (FieldProblem | null)[] {
  const target = (field: string): CheckTarget => ({ field, source: `the HCP's Actual expense lines (${field})` });
  return [
    ...template.amountColumns
      .filter((c) => (recipient.amounts[c.key] ?? 0) !== 0)
      .map((c) => amountProblem(target(c.label), recipient.amounts[c.key])),
    amountProblem(target(template.totalLabel), recipient.total),
  ];
}

/** Each line dated inside the calendar year (build.ts hands only those; a guard against a wrong window). */
function lineDateProblems(recipient: EfpiaRecipient, period: DisclosurePeriod): RecordProblem[] {
  return recipient.lines.flatMap((line) =>
    recordProblems({ recordId: recipient.rowKey, doctorId: recipient.doctorId, eventId: line.eventId }, [
      dateInPeriodProblem(
        { field: 'date', source: `expense line ${line.expenseId}'s Incurred_On__c` },
        line.date,
        period,
      ),
    ]),
  );
}

/** Everything a regulator would refuse in the HCP's row or contribution. */
export function efpiaRecipientProblems(
  recipient: EfpiaRecipient,
  doctor: DisclosureDoctor | undefined,
  template: EfpiaTemplate,
  period: DisclosurePeriod,
): RecordProblem[] {
  const ids = { recordId: recipient.rowKey, doctorId: recipient.doctorId, eventId: null };
  return [
    ...recordProblems(ids, [
      ...recipientFieldProblems(recipient, doctor, template),
      ...amountProblems(recipient, template),
      consentProblem(recipient, doctor),
    ]),
    ...lineDateProblems(recipient, period),
  ];
}

/** What a named row shows in a recipient column. */
export function recipientValue(recipient: NamedEfpiaRecipient, field: EfpiaRecipientField): string {
  return field === 'country' ? (recipient.country ?? '') : recipient[field];
}

/**
 * A count as a % of a whole, to one decimal, half up on the exact ratio (12.25 % → 12.3 %): worked in
 * whole numbers so a ratio that sits on .x5 is never pushed down by binary floating point.
 */
export function percentOf(count: number, whole: number): number | null {
  if (whole <= 0) return null;
  const tenths = Math.floor((2000 * count + whole) / (2 * whole));
  return tenths / 10;
}

function columnAggregate(
  named: readonly EfpiaRecipient[],
  aggregated: readonly EfpiaRecipient[],
  amountOf: (r: EfpiaRecipient) => number,
): EfpiaColumnAggregate {
  const inColumn = (r: EfpiaRecipient) => amountOf(r) !== 0;
  const recipients = aggregated.filter(inColumn).length;
  let cents = 0;
  for (const r of aggregated) cents += toCents(amountOf(r));
  return {
    amount: fromCents(cents),
    recipients,
    percent: percentOf(recipients, named.filter(inColumn).length + recipients),
  };
}

/** The aggregate row: per column the amount, the recipients and their share of the column's recipients. */
export function efpiaAggregateRow(
  named: readonly EfpiaRecipient[],
  aggregated: readonly EfpiaRecipient[],
  columns: readonly EfpiaAmountColumn[],
): EfpiaAggregateRow {
  const perColumn: Record<string, EfpiaColumnAggregate> = {};
  for (const column of columns)
    perColumn[column.key] = columnAggregate(named, aggregated, (r) => r.amounts[column.key] ?? 0);
  return {
    recipients: aggregated.length,
    columns: perColumn,
    total: columnAggregate(named, aggregated, (r) => r.total),
  };
}

function currencyMixProblem(country: string, recipients: readonly EfpiaRecipient[]): RecordProblem {
  const hcps = new Map<string, number>();
  for (const r of recipients) for (const c of r.currencies) hcps.set(c, (hcps.get(c) ?? 0) + 1);
  const counts = [...hcps].sort(([a], [b]) => compareText(a, b)).map(([c, n]) => `${c}: ${n} HCP${n === 1 ? '' : 's'}`);
  return {
    recordId: '',
    doctorId: null,
    eventId: null,
    field: 'currency',
    value: [...hcps.keys()].sort().join(', '),
    problem: `The lines of ${country}'s recipients come in ${hcps.size} currencies (${counts.join('; ')}); a national file is in one local currency and amounts in different currencies are never added.`,
    fix: `Judge the events of ${country}'s HCPs by rule packs of one currency (CME_Rule_Pack__c.Currency_Code__c), or move the events to a pack in ${country}'s local currency.`,
  };
}

function byNameThenKey(a: NamedEfpiaRecipient, b: NamedEfpiaRecipient): number {
  return compareText(a.fullName, b.fullName) || compareText(a.rowKey, b.rowKey);
}

/** One country's file from the recipients placed in it. */
export function efpiaCountryReport(
  country: string,
  recipients: readonly EfpiaRecipient[],
  config: EfpiaConfig,
): EfpiaCountryReport {
  const template = efpiaTemplateFor(config, country);
  const currencies = new Set(recipients.flatMap((r) => r.currencies));
  if (currencies.size > 1)
    return {
      country,
      template,
      recipients: [...recipients],
      currency: null,
      named: [],
      aggregate: null,
      problems: [currencyMixProblem(country, recipients)],
    };
  const named = recipients.filter((r): r is NamedEfpiaRecipient => r.kind === 'named').sort(byNameThenKey);
  const aggregated = recipients.filter((r) => r.kind === 'aggregate');
  return {
    country,
    template,
    recipients: [...recipients],
    currency: [...currencies][0] ?? null,
    named,
    aggregate: efpiaAggregateRow(named, aggregated, template.amountColumns),
    problems: [],
  };
}

/**
 * The national files: recipients grouped by country of principal practice (each country's rows only
 * in its own file), sorted by country code. `countries` keeps only those asked for. Recipients
 * without a country cannot be placed: they are left out here and carry a problem saying so. Pass the
 * recipients the files are to hold (with --no-strict, those without problems).
 */
export function efpiaCountryReports(
  recipients: readonly EfpiaRecipient[],
  config: EfpiaConfig,
  countries?: readonly string[],
): EfpiaCountryReport[] {
  const asked = countries ? new Set(countries.map((c) => c.toUpperCase())) : null;
  const byCountry = new Map<string, EfpiaRecipient[]>();
  for (const r of recipients) {
    if (!r.country || (asked && !asked.has(r.country))) continue;
    const list = byCountry.get(r.country) ?? [];
    list.push(r);
    byCountry.set(r.country, list);
  }
  return [...byCountry.keys()]
    .sort()
    .map((country) => efpiaCountryReport(country, byCountry.get(country) ?? [], config));
}

export type EfpiaCell = string | number | null;

/** The national file as a table: the template's header, the named rows, then the three aggregate rows. */
export function efpiaTable(report: EfpiaCountryReport): { header: string[]; rows: EfpiaCell[][] } {
  const { recipientColumns, amountColumns, totalLabel, aggregateLabels } = report.template;
  const header = [...recipientColumns.map((c) => c.label), ...amountColumns.map((c) => c.label), totalLabel];
  const rows: EfpiaCell[][] = report.named.map((r) => [
    ...recipientColumns.map((c) => recipientValue(r, c.field)),
    ...amountColumns.map((c) => r.amounts[c.key] ?? 0),
    r.total,
  ]);
  const aggregate = report.aggregate;
  if (aggregate) {
    const blanks = recipientColumns.slice(1).map(() => null);
    const line = (label: string, pick: (a: EfpiaColumnAggregate) => number | null): EfpiaCell[] => [
      label,
      ...blanks,
      ...amountColumns.map((c) => pick(aggregate.columns[c.key])),
      pick(aggregate.total),
    ];
    rows.push(
      [aggregateLabels.title, ...blanks, ...amountColumns.map(() => null), null],
      line(aggregateLabels.amount, (a) => a.amount),
      line(aggregateLabels.recipients, (a) => a.recipients),
      line(aggregateLabels.percent, (a) => a.percent),
    );
  }
  return { header, rows };
}

/** --no-strict: a recipient left out of the file, each of their lines excluded as an invalid record. */
export function invalidRecipientLines(recipient: EfpiaRecipient): ExcludedLine[] {
  const fields = [...new Set(recipient.problems.map((p) => p.field))].join(', ');
  const detail = `The HCP's EFPIA record has problems (${fields}): see validation.csv.`;
  return recipient.lines.map(({ eventId, expenseId, doctorId, category, amount, currency, date }) => ({
    eventId,
    expenseId,
    doctorId,
    category,
    amount,
    currency,
    date,
    reason: 'invalid-record',
    detail,
  }));
}
