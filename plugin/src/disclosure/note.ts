// The documents that go with a disclosure file: EFPIA's methodological note and UCPMP's annual
// self-declaration. Each is built once as a structured document (headings, paragraphs, lists,
// key–value lists, tables, a signature block) that the PDF writer renders block by block with
// plugin/src/pdf, and documentMarkdown writes the same document as markdown, so the two never differ.
// Pure: every figure comes from the country reports, the statement and the exclusions passed in.
import { efpiaCategoryFor, formatMoney, fromCents, toCents } from '../domain/cmeDomain.ts';
import type { EfpiaCategory, ExpenseCategory, RulePack } from '../domain/cmeDomain.ts';
import type { Signatory, SignatureLabels } from '../pdf/signature.ts';
import type { EfpiaConfig } from '../schema/efpiaConfig.ts';
import { UCPMP_EXPENSE_CATEGORIES } from '../schema/ucpmpConfig.ts';
import type { UcpmpConfig } from '../schema/ucpmpConfig.ts';
import type { EfpiaCountryReport } from './efpia.ts';
import type { DisclosurePeriod, ExcludedLine, ExclusionReason } from './types.ts';
import type { UcpmpDeclarationFacts, UcpmpHcpPayment } from './ucpmp.ts';

export interface DocumentTableColumn {
  header: string;
  align?: 'left' | 'right';
}

export type DocumentBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'keyValues'; pairs: [string, string][] }
  | { kind: 'table'; columns: DocumentTableColumn[]; rows: string[][] }
  | { kind: 'signature'; labels: SignatureLabels; signatory: Signatory };

export interface StructuredDocument {
  title: string;
  blocks: DocumentBlock[];
}

// ---------------------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------------------

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const cell = (text: string) => text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replace(/\r?\n/g, ' ');
const BLANK_LINE = '______________________________';

function blockMarkdown(block: DocumentBlock): string {
  switch (block.kind) {
    case 'heading':
      return `## ${block.text}`;
    case 'paragraph':
      return block.text;
    case 'list':
      return block.items.map((item) => `- ${item}`).join('\n');
    case 'keyValues':
      return block.pairs.map(([key, value]) => `- **${key}:** ${value}`).join('\n');
    case 'table': {
      const header = `| ${block.columns.map((c) => cell(c.header)).join(' | ')} |`;
      const rule = `| ${block.columns.map((c) => (c.align === 'right' ? '---:' : '---')).join(' | ')} |`;
      return [header, rule, ...block.rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join('\n');
    }
    case 'signature': {
      const line = (label: string, value: string) => `**${label}:** ${value || BLANK_LINE}`;
      const { labels, signatory } = block;
      return [
        line(labels.signature, ''),
        line(labels.name, signatory.name),
        line(labels.title, signatory.title),
        line(labels.date, signatory.date),
      ].join('\n\n');
    }
  }
}

/** The document as markdown: the title, then each block, a blank line apart. */
export function documentMarkdown(document: StructuredDocument): string {
  return `${[`# ${document.title}`, ...document.blocks.map(blockMarkdown)].join('\n\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------
// Exclusions, counted as excluded.csv is written
// ---------------------------------------------------------------------------------------------------

export interface ExclusionSummaryRow {
  reason: ExclusionReason;
  currency: string;
  lines: number;
  amount: number;
}

/** Counts excluded lines per reason and currency in whole cents, without keeping the lines. */
export class ExclusionTally {
  private readonly cells = new Map<
    string,
    { reason: ExclusionReason; currency: string; lines: number; cents: number }
  >();

  public add(line: ExcludedLine): void {
    const key = `${line.reason}\u0000${line.currency}`;
    const cell = this.cells.get(key) ?? { reason: line.reason, currency: line.currency, lines: 0, cents: 0 };
    cell.lines += 1;
    cell.cents += toCents(line.amount);
    this.cells.set(key, cell);
  }

  /** By reason, then currency. */
  public rows(): ExclusionSummaryRow[] {
    return [...this.cells.values()]
      .map(({ reason, currency, lines, cents }) => ({ reason, currency, lines, amount: fromCents(cents) }))
      .sort((a, b) => compareText(a.reason, b.reason) || compareText(a.currency, b.currency));
  }
}

/** Each reason in words, for the note's reader. */
export const EXCLUSION_REASON_TEXT: Readonly<Record<ExclusionReason, string>> = {
  'below-threshold': 'below the small-payment threshold (Open Payments only)',
  'conference-buffet': 'food and beverage generally available to all at a conference (Open Payments only)',
  'not-a-covered-recipient': 'the recipient is not a covered recipient (Open Payments only)',
  'not-a-transfer-to-hcps':
    'a shared speaker honorarium or accreditation fee: paid to a provider or speaker not named on the line, not a transfer of value to the attending HCPs',
  'no-eligible-attendees':
    'a shared line no attendee could receive (no attendance, or only virtual attendees or meal opt-outs)',
  'invalid-record': "the HCP's record failed validation and was left out of the file (--no-strict; see validation.csv)",
};

// ---------------------------------------------------------------------------------------------------
// EFPIA methodological note
// ---------------------------------------------------------------------------------------------------

export interface EfpiaNoteInput {
  company: string;
  period: DisclosurePeriod;
  config: EfpiaConfig;
  /** The rule packs whose events the disclosure covers. */
  packs: readonly Pick<RulePack, 'name' | 'code' | 'version' | 'currencyCode'>[];
  reports: readonly EfpiaCountryReport[];
  exclusions: readonly ExclusionSummaryRow[];
}

/**
 * How the domain core (cmeDomain/tov.ts allocateTransfersOfValue) attributes each Actual expense line,
 * in the words of the note. Kept beside the code it describes: change one, change the other.
 */
export const ALLOCATION_METHOD: readonly string[] = [
  'Only Actual expense lines (paid) are disclosed; Estimated and Committed lines are not.',
  "A line that names an HCP (the expense's Doctor__c) goes wholly to that HCP, whether or not they attended.",
  'A shared line (no HCP named) is split per capita among the HCPs with an attendance record at the event: invited HCPs who did not attend receive nothing, walk-ins with a Contact record receive a share.',
  'Food and beverage: attendees who opted out of the meal (Meal_Opt_Out__c) receive no share.',
  "Venue, food and beverage, travel and lodging: virtual attendees (attendance mode Virtual, or the event's format Virtual when the mode is blank) receive no share, as only those at the venue can receive them. Audio-visual, printed material, registration and other shared lines are split among all attendees, virtual ones included.",
  'Shared speaker honoraria and accreditation fees are never split: an honorarium is always for a named speaker and an accreditation fee is paid to the accredited provider, so such a line is excluded as not a transfer of value to HCPs.',
  'A shared line that no attendee can receive is excluded (no eligible attendees).',
  'Shares are whole cents that add up exactly to the line; the cents left over go one each to the first HCPs in order of their Contact id, so the same data always gives the same shares.',
  "Each line is dated by its payment date (Incurred_On__c), or the event's start day when it has none, and counts in the calendar year of that date.",
  'Food and beverage at a conference is attributed like any other shared meal (the Open Payments buffet exclusion does not apply to EFPIA).',
];

const money = (amount: number, currency: string | null) => (currency ? formatMoney(amount, currency) : String(amount));

function columnLabelOf(config: EfpiaConfig, category: EfpiaCategory): string {
  return config.amountColumns.find((c) => c.categories.includes(category))?.label ?? category;
}

/** Which template column each expense category lands in, for a learner and for faculty (efpiaCategoryFor). */
function categoryMapping(config: EfpiaConfig): DocumentBlock {
  const rows = UCPMP_EXPENSE_CATEGORIES.map((category: ExpenseCategory) => [
    category,
    columnLabelOf(config, efpiaCategoryFor(category, false)),
    columnLabelOf(config, efpiaCategoryFor(category, true)),
  ]);
  return {
    kind: 'table',
    columns: [
      { header: 'Expense category' },
      { header: 'Learner (attendee)' },
      { header: 'Faculty (speaker, moderator, panelist)' },
    ],
    rows,
  };
}

function namedAmount(report: EfpiaCountryReport): number {
  let cents = 0;
  for (const r of report.named) cents += toCents(r.total);
  return fromCents(cents);
}

function consentTable(reports: readonly EfpiaCountryReport[]): DocumentBlock {
  const right = { align: 'right' } as const;
  return {
    kind: 'table',
    columns: [
      { header: 'Country' },
      { header: 'Currency' },
      { header: 'Named HCPs', ...right },
      { header: 'Amount named', ...right },
      { header: 'HCPs in aggregate', ...right },
      { header: 'Amount in aggregate', ...right },
    ],
    rows: reports.map((r) =>
      r.aggregate
        ? [
            r.country,
            r.currency ?? '',
            String(r.named.length),
            money(namedAmount(r), r.currency),
            String(r.aggregate.recipients),
            money(r.aggregate.total.amount, r.currency),
          ]
        : [r.country, 'several: not disclosed', '–', '–', '–', '–'],
    ),
  };
}

function exclusionBlocks(exclusions: readonly ExclusionSummaryRow[]): DocumentBlock[] {
  if (exclusions.length === 0) return [{ kind: 'paragraph', text: 'No line of the period was excluded.' }];
  return [
    {
      kind: 'table',
      columns: [
        { header: 'Reason' },
        { header: 'Currency' },
        { header: 'Lines', align: 'right' },
        { header: 'Amount', align: 'right' },
      ],
      rows: exclusions.map((e) => [
        EXCLUSION_REASON_TEXT[e.reason],
        e.currency,
        String(e.lines),
        money(e.amount, e.currency),
      ]),
    },
  ];
}

function unconfirmedItems(config: EfpiaConfig, reports: readonly EfpiaCountryReport[]): string[] {
  const countries = reports.flatMap((r) =>
    (config.countries[r.country]?.sources ?? [])
      .filter((s) => s.includes('UNCONFIRMED'))
      .map((s) => `${r.country}: ${s}`),
  );
  return [...config.unconfirmed, ...countries];
}

/** EFPIA's methodological note, generated from the data file, the rule packs and the country reports. */
export function efpiaMethodologicalNote(input: EfpiaNoteInput): StructuredDocument {
  const { config, period, reports } = input;
  const currencies = [...new Set(reports.map((r) => r.currency).filter((c): c is string => !!c))].sort();
  const refused = reports.filter((r) => !r.aggregate).map((r) => r.country);
  const blocks: DocumentBlock[] = [
    {
      kind: 'keyValues',
      pairs: [
        ['Company', input.company],
        ['Reporting period', `${period.start} to ${period.end} (calendar year ${period.year})`],
        ['To be published by', config.publishBy],
        ['Countries', reports.map((r) => r.country).join(', ') || 'none'],
        ['Currency', currencies.join(', ') || 'none'],
        [
          'Rule packs',
          input.packs
            .map((p) => `${p.name} (${p.code}${p.version ? ` ${p.version}` : ''}, ${p.currencyCode})`)
            .join('; '),
        ],
        ['Template data file', `efpia/${config.year}.json, version ${config.version}`],
      ],
    },
    { kind: 'heading', text: 'Currency' },
    {
      kind: 'paragraph',
      text: 'Amounts are in the local currency in which they were recorded: the currency of the rule pack that judges each event. Nothing is converted. A country whose lines come in more than one currency is not disclosed, as amounts in different currencies are never added; see validation.csv.',
    },
    ...(refused.length
      ? [{ kind: 'paragraph' as const, text: `Not disclosed for mixed currencies: ${refused.join(', ')}.` }]
      : []),
    { kind: 'heading', text: 'Recipients and consent' },
    {
      kind: 'paragraph',
      text: "Each HCP is disclosed in the country of principal practice of their Contact record (MailingCountry, as an ISO 3166-1 code). An HCP whose Contact has CME_Disclosure_Consent__c true is named on an individual row; an HCP without consent (false or blank) is counted in that country's aggregate row only.",
    },
    consentTable(reports),
    {
      kind: 'paragraph',
      text: 'In the aggregate row, each column gives the amount, the number of recipients in the aggregate with a non-zero amount in that column, and that number as a percentage of every recipient (named or aggregate) with a non-zero amount in the column. Percentages are rounded to one decimal, half up on the exact ratio (12.25 % is 12.3 %); a column with no recipient has no percentage.',
    },
    { kind: 'heading', text: 'Healthcare organisations' },
    {
      kind: 'paragraph',
      text: 'No HCO rows are disclosed: the data model records no healthcare organisation as the payee of an expense line, so donations, grants and sponsorships of HCOs are not part of this disclosure. Research and development transfers of value are not recorded either.',
    },
    { kind: 'heading', text: 'Template columns' },
    categoryMapping(config),
    { kind: 'heading', text: 'How shared costs were allocated' },
    { kind: 'list', items: [...ALLOCATION_METHOD] },
    { kind: 'heading', text: 'What was excluded' },
    ...exclusionBlocks(input.exclusions),
    { kind: 'heading', text: 'Unconfirmed' },
    {
      kind: 'paragraph',
      text: 'These facts in the data file have no confirmed primary source; review them against your national template before publishing:',
    },
    { kind: 'list', items: unconfirmedItems(config, reports) },
  ];
  return { title: `EFPIA disclosure ${period.label}: methodological note`, blocks };
}

// ---------------------------------------------------------------------------------------------------
// UCPMP self-declaration
// ---------------------------------------------------------------------------------------------------

/** Fills {name} with the facts (the data file's schema allows only these names). */
export function fillText(template: string, facts: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => facts[name] ?? whole);
}

function paymentTable(payments: readonly UcpmpHcpPayment[]): DocumentBlock {
  return {
    kind: 'table',
    columns: [{ header: 'Event' }, { header: 'HCP' }, { header: 'Categories' }, { header: 'Amount', align: 'right' }],
    rows: payments.map((p) => [
      `${p.eventName} (${p.eventKey})`,
      p.doctorName,
      p.categories.join(', '),
      money(p.amount, p.currency),
    ]),
  };
}

/** One statement: its compliant words, or its exception words and the table naming each exception. */
function statementBlocks(
  text: { compliant: string; exceptions: string },
  count: number,
  facts: Readonly<Record<string, string>>,
  table: () => DocumentBlock,
): DocumentBlock[] {
  if (count === 0) return [{ kind: 'paragraph', text: fillText(text.compliant, facts) }];
  return [{ kind: 'paragraph', text: fillText(text.exceptions, { ...facts, count: String(count) }) }, table()];
}

/** The facts a declaration's text may name, as they print. */
function declarationFacts(facts: UcpmpDeclarationFacts, config: UcpmpConfig): Record<string, string> {
  return {
    company: facts.company,
    period: facts.period.label,
    start: facts.period.start,
    end: facts.period.end,
    eventsHeld: String(facts.eventsHeld),
    total:
      facts.total === null ? 'not added up (the events are in several currencies)' : money(facts.total, facts.currency),
    homeCountry: facts.homeCountry === config.homeCountry ? config.homeCountryName : facts.homeCountry,
  };
}

/**
 * The annual self-declaration, pre-filled from the data: the events held, and for each of the Code's
 * conditions either the compliant statement or the exceptions, each named. The signature block is
 * left blank for the senior-most executive.
 */
export function ucpmpSelfDeclaration(facts: UcpmpDeclarationFacts, config: UcpmpConfig): StructuredDocument {
  const text = config.declaration;
  const filled = declarationFacts(facts, config);
  const abroad = (): DocumentBlock => ({
    kind: 'table',
    columns: [{ header: 'Event' }, { header: 'Start' }, { header: 'City' }, { header: 'Country' }],
    rows: facts.eventsAbroad.map((e) => [`${e.name} (${e.eventKey})`, e.start ?? '', e.city, e.country]),
  });
  const blocks: DocumentBlock[] = [
    { kind: 'paragraph', text: text.formNumber },
    {
      kind: 'keyValues',
      pairs: [
        ['Company', facts.company],
        ['Financial year', `${facts.period.label} (${facts.period.start} to ${facts.period.end})`],
        ['CME/CPD events held', filled.eventsHeld],
        ['Expenditure on them', filled.total],
      ],
    },
    { kind: 'paragraph', text: fillText(text.intro, filled) },
    { kind: 'paragraph', text: fillText(text.eventsHeld, filled) },
    ...statementBlocks(text.noEventsAbroad, facts.eventsAbroad.length, filled, abroad),
    ...statementBlocks(text.speakerTravelOnly, facts.nonSpeakerTravel.length, filled, () =>
      paymentTable(facts.nonSpeakerTravel),
    ),
    ...statementBlocks(text.noGiftsOrCash, facts.cashOrGifts.length, filled, () => paymentTable(facts.cashOrGifts)),
    { kind: 'paragraph', text: fillText(text.closing, filled) },
    { kind: 'signature', labels: text.signatureLabels, signatory: { name: '', title: '', date: '' } },
    { kind: 'heading', text: 'Unconfirmed' },
    { kind: 'list', items: [...config.unconfirmed] },
  ];
  return { title: text.title, blocks };
}
