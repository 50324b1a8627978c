// The documents beside the files: EFPIA's methodological note (its figures are the reports' and the
// exclusions', its allocation method is what the domain core does) and UCPMP's self-declaration
// (pre-filled, exceptions named, signature left blank), as structured blocks and as markdown.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { allocateTransfersOfValue, formatMoney } from '../src/domain/cmeDomain.ts';
import type { Attendance, CmeEvent, Expense, ExpenseCategory } from '../src/domain/cmeDomain.ts';
import { efpiaCountryReports, efpiaRecipient } from '../src/disclosure/efpia.ts';
import {
  ALLOCATION_METHOD,
  ExclusionTally,
  documentMarkdown,
  efpiaMethodologicalNote,
  fillText,
  ucpmpSelfDeclaration,
} from '../src/disclosure/note.ts';
import type { DocumentBlock, StructuredDocument } from '../src/disclosure/note.ts';
import type { DisclosureDoctor, DisclosureLine, DisclosurePeriod, ExcludedLine } from '../src/disclosure/types.ts';
import type { UcpmpDeclarationFacts } from '../src/disclosure/ucpmp.ts';
import { efpiaConfigSchema } from '../src/schema/efpiaConfig.ts';
import { ucpmpConfigSchema } from '../src/schema/ucpmpConfig.ts';

const root = path.join(import.meta.dirname, '../../config/disclosure');
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
const efpiaConfig = efpiaConfigSchema.parse(readJson('efpia/2025.json'));
const ucpmpConfig = ucpmpConfigSchema.parse(readJson('ucpmp/FY2025-26.json'));
const year2025: DisclosurePeriod = { start: '2025-01-01', end: '2025-12-31', label: '2025', year: 2025 };
const fy2025: DisclosurePeriod = { start: '2025-04-01', end: '2026-03-31', label: 'FY2025-26', year: 2025 };
const pack = { name: 'EU EFPIA Disclosure Code', code: 'EU-EFPIA', version: '2024.1', currencyCode: 'EUR' };

let n = 0;
/** The domain core's allocation of one Actual line paid directly for an HCP, in a currency. */
function line(doctorId: string, category: ExpenseCategory, amount: number, currency = 'EUR'): DisclosureLine {
  n++;
  const event: CmeEvent = { Id: 'EV1', Start__c: '2025-03-01T09:00:00.000Z' };
  const paid: Expense = {
    Id: `EX${n}`,
    Event__c: 'EV1',
    Category__c: category,
    Amount__c: amount,
    Stage__c: 'Actual',
    Doctor__c: doctorId,
  };
  const [allocation] = allocateTransfersOfValue(event, [paid], [], []).allocations;
  return { ...allocation, currency };
}

const hcp = (id: string, consent: boolean, country: string): DisclosureDoctor => ({
  Id: id,
  Name: `Name ${id}`,
  MailingCity: 'City',
  MailingCountry: country,
  CME_Disclosure_Consent__c: consent,
});

function excluded(reason: ExcludedLine['reason'], amount: number, currency = 'EUR'): ExcludedLine {
  n++;
  return {
    eventId: 'EV1',
    expenseId: `EX${n}`,
    doctorId: null,
    category: 'Accreditation Fee',
    amount,
    currency,
    date: '2025-03-01',
    reason,
    detail: '',
  };
}

const blocksOf = <K extends DocumentBlock['kind']>(doc: StructuredDocument, kind: K) =>
  doc.blocks.filter((b): b is Extract<DocumentBlock, { kind: K }> => b.kind === kind);
const tableWith = (doc: StructuredDocument, header: string) => {
  const table = blocksOf(doc, 'table').find((t) => t.columns.some((c) => c.header === header));
  assert.ok(table, `a table with the column ${header}`);
  return table;
};

function sampleNote(): StructuredDocument {
  const recipients = [
    efpiaRecipient(
      'A',
      hcp('A', true, 'DE'),
      [line('A', 'Registration Fee', 100.1), line('A', 'Travel and Lodging', 50)],
      efpiaConfig,
      year2025,
    ),
    efpiaRecipient('B', hcp('B', true, 'DE'), [line('B', 'Registration Fee', 20)], efpiaConfig, year2025),
    efpiaRecipient('C', hcp('C', false, 'DE'), [line('C', 'Food and Beverage', 33.33)], efpiaConfig, year2025),
    efpiaRecipient('G', hcp('G', false, 'GB'), [line('G', 'Registration Fee', 40)], efpiaConfig, year2025),
    efpiaRecipient('M', hcp('M', true, 'FR'), [line('M', 'Registration Fee', 5)], efpiaConfig, year2025),
    efpiaRecipient('P', hcp('P', true, 'FR'), [line('P', 'Registration Fee', 5, 'CHF')], efpiaConfig, year2025),
  ];
  const tally = new ExclusionTally();
  for (const e of [
    excluded('not-a-transfer-to-hcps', 500),
    excluded('not-a-transfer-to-hcps', 250.25),
    excluded('no-eligible-attendees', 80),
  ])
    tally.add(e);
  return efpiaMethodologicalNote({
    company: 'Acme Pharma GmbH',
    period: year2025,
    config: efpiaConfig,
    packs: [pack],
    reports: efpiaCountryReports(recipients, efpiaConfig),
    exclusions: tally.rows(),
  });
}

describe('EFPIA methodological note', () => {
  it('states the period, the currency and the countries of the reports', () => {
    const note = sampleNote();
    const pairs = Object.fromEntries(blocksOf(note, 'keyValues')[0].pairs);
    assert.equal(pairs['Reporting period'], '2025-01-01 to 2025-12-31 (calendar year 2025)');
    assert.equal(pairs.Countries, 'DE, FR, GB');
    assert.equal(pairs.Currency, 'EUR');
    assert.equal(pairs['To be published by'], '2026-06-30');
    assert.match(pairs['Rule packs'], /EU-EFPIA 2024\.1, EUR/);
  });

  it('gives per country the named and aggregate counts and amounts of the reports', () => {
    const rows = tableWith(sampleNote(), 'Named HCPs').rows;
    assert.deepEqual(rows, [
      ['DE', 'EUR', '2', formatMoney(170.1, 'EUR'), '1', formatMoney(33.33, 'EUR')],
      ['FR', 'several: not disclosed', '–', '–', '–', '–'],
      ['GB', 'EUR', '0', formatMoney(0, 'EUR'), '1', formatMoney(40, 'EUR')],
    ]);
    assert.ok(blocksOf(sampleNote(), 'paragraph').some((p) => p.text === 'Not disclosed for mixed currencies: FR.'));
  });

  it('counts and sums the excluded lines per reason and currency, to the cent', () => {
    const rows = tableWith(sampleNote(), 'Reason').rows;
    assert.deepEqual(
      rows.map((r) => r.slice(1)),
      [
        ['EUR', '1', formatMoney(80, 'EUR')],
        ['EUR', '2', formatMoney(750.25, 'EUR')],
      ],
    );
    assert.match(rows[1][0], /not a transfer of value/);
    const empty = efpiaMethodologicalNote({
      company: 'x',
      period: year2025,
      config: efpiaConfig,
      packs: [pack],
      reports: [],
      exclusions: [],
    });
    assert.ok(blocksOf(empty, 'paragraph').some((p) => p.text === 'No line of the period was excluded.'));
  });

  it("maps each expense category to the template's column as the domain core does", () => {
    const rows = tableWith(sampleNote(), 'Expense category').rows;
    const byCategory = new Map(rows.map((r) => [r[0], r.slice(1)]));
    assert.deepEqual(byCategory.get('Travel and Lodging'), [
      'Travel & Accommodation',
      efpiaConfig.amountColumns[3].label,
    ]);
    assert.deepEqual(byCategory.get('Speaker Honorarium'), ['Fees', 'Fees']);
    assert.deepEqual(byCategory.get('Venue'), ['Registration Fees', efpiaConfig.amountColumns[3].label]);
    assert.equal(rows.length, 9);
  });

  it('says there are no HCO rows and lists what is unconfirmed, with the countries in the file', () => {
    const note = sampleNote();
    assert.ok(blocksOf(note, 'paragraph').some((p) => p.text.startsWith('No HCO rows are disclosed')));
    const lists = blocksOf(note, 'list');
    const unconfirmed = lists[lists.length - 1].items;
    for (const item of efpiaConfig.unconfirmed) assert.ok(unconfirmed.includes(item));
    assert.ok(unconfirmed.some((i) => i.startsWith('GB: ') && i.includes('Joint Working')));
  });

  it('describes the allocation the domain core really makes', () => {
    assert.ok(blocksOf(sampleNote(), 'list').some((l) => l.items.join() === ALLOCATION_METHOD.join()));
    const event: CmeEvent = {
      Id: 'E',
      Format__c: 'Hybrid',
      Start__c: '2025-05-01T09:00:00.000Z',
      Event_Type__c: 'Conference',
    };
    const attendance: Attendance[] = [
      { Id: 'a1', Event__c: 'E', Doctor__c: 'D1' },
      { Id: 'a2', Event__c: 'E', Doctor__c: 'D2', Meal_Opt_Out__c: true },
      { Id: 'a3', Event__c: 'E', Doctor__c: 'D3', Mode__c: 'Virtual' },
    ];
    const expenses: Expense[] = [
      { Id: 'x1', Event__c: 'E', Category__c: 'Food and Beverage', Amount__c: 10, Stage__c: 'Actual' },
      { Id: 'x2', Event__c: 'E', Category__c: 'Printed Material', Amount__c: 10, Stage__c: 'Actual' },
      { Id: 'x3', Event__c: 'E', Category__c: 'Venue', Amount__c: 10, Stage__c: 'Actual' },
      { Id: 'x4', Event__c: 'E', Category__c: 'Accreditation Fee', Amount__c: 10, Stage__c: 'Actual' },
      { Id: 'x5', Event__c: 'E', Category__c: 'Travel and Lodging', Amount__c: 10, Stage__c: 'Committed' },
      { Id: 'x6', Event__c: 'E', Category__c: 'Registration Fee', Amount__c: 10, Stage__c: 'Actual', Doctor__c: 'D9' },
    ];
    const { allocations, unattributed } = allocateTransfersOfValue(event, expenses, attendance, []);
    const shares = (id: string) => allocations.filter((a) => a.expenseId === id).map((a) => [a.doctorId, a.amount]);
    assert.deepEqual(shares('x1'), [['D1', 10]], 'a meal opt-out and a virtual attendee get no meal');
    assert.deepEqual(
      shares('x2'),
      [
        ['D1', 3.34],
        ['D2', 3.33],
        ['D3', 3.33],
      ],
      'printed material to all, leftover cent to the first id',
    );
    assert.deepEqual(
      shares('x3'),
      [
        ['D1', 5],
        ['D2', 5],
      ],
      'no venue share for the virtual attendee',
    );
    assert.deepEqual(
      unattributed.map((u) => [u.expenseId, u.reason]),
      [['x4', 'not-a-transfer-to-hcps']],
    );
    assert.deepEqual(shares('x5'), [], 'a Committed line is not disclosed');
    assert.deepEqual(shares('x6'), [['D9', 10]], 'a direct line goes to its HCP, who did not attend');
  });

  it('writes the same document as markdown', () => {
    const markdown = documentMarkdown(sampleNote());
    assert.ok(markdown.startsWith('# EFPIA disclosure 2025: methodological note\n\n'));
    assert.match(markdown, /\n## How shared costs were allocated\n\n- Only Actual expense lines/);
    assert.match(markdown, /\n\| Country \| Currency \| Named HCPs \|.*\n\| --- \| --- \| ---: \|/);
    assert.match(markdown, /\n- \*\*Company:\*\* Acme Pharma GmbH\n/);
    assert.equal(
      documentMarkdown({ title: 'T', blocks: [{ kind: 'table', columns: [{ header: 'a|b' }], rows: [['x\ny']] }] }),
      '# T\n\n| a\\|b |\n| --- |\n| x y |\n',
    );
  });
});

describe('UCPMP self-declaration', () => {
  const facts = (extra: Partial<UcpmpDeclarationFacts> = {}): UcpmpDeclarationFacts => ({
    company: 'Acme Pharma Ltd',
    period: fy2025,
    homeCountry: 'IN',
    eventsHeld: 12,
    total: 1269608,
    currency: 'INR',
    eventsAbroad: [],
    nonSpeakerTravel: [],
    cashOrGifts: [],
    ...extra,
  });
  const texts = (doc: StructuredDocument) => blocksOf(doc, 'paragraph').map((p) => p.text);

  it('fills the facts into the compliant statements when there is no exception', () => {
    const doc = ucpmpSelfDeclaration(facts(), ucpmpConfig);
    assert.equal(doc.title, ucpmpConfig.declaration.title);
    const paragraphs = texts(doc);
    assert.ok(paragraphs.includes(ucpmpConfig.declaration.formNumber), 'the form number, marked unconfirmed');
    assert.ok(
      paragraphs.some((p) => p.includes('Acme Pharma Ltd') && p.includes('FY2025-26 (2025-04-01 to 2026-03-31)')),
    );
    assert.ok(paragraphs.some((p) => p.includes('held 12 CME/CPD events') && p.includes(formatMoney(1269608, 'INR'))));
    assert.ok(paragraphs.includes('No CME/CPD event was held at a location outside India.'));
    assert.ok(paragraphs.includes(ucpmpConfig.declaration.speakerTravelOnly.compliant));
    assert.ok(paragraphs.includes(ucpmpConfig.declaration.noGiftsOrCash.compliant));
    assert.equal(blocksOf(doc, 'table').length, 0);
  });

  it('names each event abroad and each non-speaker whose travel was paid', () => {
    const doc = ucpmpSelfDeclaration(
      facts({
        eventsAbroad: [
          {
            eventId: 'E3',
            eventKey: 'EVT-3',
            name: 'Cardio Summit',
            start: '2025-08-01',
            city: 'Dubai',
            country: 'AE',
          },
        ],
        nonSpeakerTravel: [
          {
            eventId: 'E1',
            eventKey: 'EVT-1',
            eventName: 'Heart Week',
            doctorId: 'D2',
            doctorName: 'Dr Asha Rao',
            categories: ['Travel and Lodging'],
            amount: 3450.25,
            currency: 'INR',
          },
        ],
      }),
      ucpmpConfig,
    );
    const paragraphs = texts(doc);
    assert.ok(paragraphs.includes('1 CME/CPD event(s) were held at a location outside India, each named below:'));
    assert.deepEqual(tableWith(doc, 'Country').rows, [['Cardio Summit (EVT-3)', '2025-08-01', 'Dubai', 'AE']]);
    assert.ok(paragraphs.some((p) => p.startsWith('Travel or stay was paid for 1 HCP(s)')));
    assert.deepEqual(tableWith(doc, 'HCP').rows, [
      ['Heart Week (EVT-1)', 'Dr Asha Rao', 'Travel and Lodging', formatMoney(3450.25, 'INR')],
    ]);
    assert.ok(paragraphs.includes(ucpmpConfig.declaration.noGiftsOrCash.compliant));
  });

  it('leaves the signature block blank for the senior-most executive', () => {
    const doc = ucpmpSelfDeclaration(facts(), ucpmpConfig);
    const [signature] = blocksOf(doc, 'signature');
    assert.deepEqual(signature.signatory, { name: '', title: '', date: '' });
    assert.equal(signature.labels.title, 'Designation');
    const markdown = documentMarkdown(doc);
    assert.match(
      markdown,
      /\*\*Signature:\*\* _{10,}\n\n\*\*Name:\*\* _{10,}\n\n\*\*Designation:\*\* _{10,}\n\n\*\*Date:\*\* _{10,}/,
    );
  });

  it('says the total was not added up when the events mix currencies', () => {
    const doc = ucpmpSelfDeclaration(facts({ total: null, currency: null }), ucpmpConfig);
    assert.ok(texts(doc).some((p) => p.includes('not added up (the events are in several currencies)')));
  });

  it('fills only the facts it knows', () => {
    assert.equal(
      fillText('{company} in {period}, {unknown}', { company: 'Acme', period: 'FY2025-26' }),
      'Acme in FY2025-26, {unknown}',
    );
  });
});
