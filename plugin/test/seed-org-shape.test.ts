// The seed fitted to a real org: HCO Accounts parenting every doctor, event owners from the org's reps and
// managers, and addresses on the State and Country/Territory Picklist code fields where the org has them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseSeedPlan } from '../src/schema/seedPlan.ts';
import { generateSeedData } from '../src/seed/generate.ts';
import { addressCodes, withAddressCodes } from '../src/seed/address.ts';
import type { DescribeFields } from '../src/seed/address.ts';
import { EVENT_OWNERS_SOQL, assignEventOwners, eventOwnersFrom } from '../src/seed/owners.ts';
import { PACKS } from './packs.ts';

const parsed = parseSeedPlan({ doctors: 150, events: 12, seed: 11 }, new Date('2026-11-24T00:00:00Z'));
if ('problems' in parsed) throw new Error(parsed.problems.join('; '));
const data = generateSeedData(parsed.plan, PACKS);

describe('seeded HCOs (Accounts)', () => {
  it('parents every doctor to an HCO of her own city and country, each HCO named and keyed', () => {
    const byKey = new Map(data.accounts.map((a) => [a.CME_HCO_Key__c, a]));
    assert.equal(byKey.size, data.accounts.length, 'HCO keys are unique');
    for (const account of data.accounts) {
      assert.match(String(account.CME_HCO_Key__c), /^HCO-[A-Z]{2}-[A-Z]+-[1-3]$/);
      assert.ok(String(account.Name).includes(String(account.BillingCity)), String(account.Name));
      assert.ok(account.BillingState && account.BillingCountry);
    }
    for (const contact of data.contacts) {
      const hco = byKey.get((contact.Account as { CME_HCO_Key__c: string }).CME_HCO_Key__c);
      assert.ok(hco, `${String(contact.CME_HCP_Key__c)} has an HCO that the seed creates`);
      assert.equal(hco.BillingCity, contact.MailingCity);
      assert.equal(hco.BillingCountry, contact.MailingCountry);
    }
    // The three HCOs of each city a doctor practises in, and no others.
    const cities = new Set(data.contacts.map((c) => `${String(c.MailingCountry)}:${String(c.MailingCity)}`));
    assert.equal(data.accounts.length, cities.size * 3);
    assert.ok(data.accounts.every((a) => cities.has(`${String(a.BillingCountry)}:${String(a.BillingCity)}`)));
  });

  it('is deterministic: the same plan gives the same HCOs', () => {
    assert.deepEqual(generateSeedData(parsed.plan, PACKS).accounts, data.accounts);
  });
});

describe('event owners', () => {
  it('asks for active holders of CME_Field_Rep or CME_Event_Manager', () => {
    assert.match(EVENT_OWNERS_SOQL, /FROM PermissionSetAssignment/);
    assert.match(EVENT_OWNERS_SOQL, /PermissionSet\.Name IN \('CME_Field_Rep', 'CME_Event_Manager'\)/);
    assert.match(EVENT_OWNERS_SOQL, /Assignee\.IsActive = true/);
  });

  it('gives each user once, ordered by username, and assigns events round robin', () => {
    const owners = eventOwnersFrom([
      { AssigneeId: '005B', Assignee: { Username: 'rep@cme.local' } },
      { AssigneeId: '005A', Assignee: { Username: 'manager@cme.local' } },
      { AssigneeId: '005B', Assignee: { Username: 'rep@cme.local' } },
    ]);
    assert.deepEqual(
      owners.map((o) => o.username),
      ['manager@cme.local', 'rep@cme.local'],
    );
    const events = assignEventOwners(data.events.slice(0, 5), owners);
    assert.deepEqual(
      events.map((e) => e.OwnerId),
      ['005A', '005B', '005A', '005B', '005A'],
    );
    assert.deepEqual(
      events.map((e) => e.Event_Key__c),
      data.events.slice(0, 5).map((e) => e.Event_Key__c),
    );
  });

  it('leaves the events to the running user when the org has no reps or managers', () => {
    const events = assignEventOwners(data.events, []);
    assert.ok(events.every((e) => !('OwnerId' in e)));
  });
});

/** validFor of a dependent picklist value: bit i (most significant first) for controlling value i. */
function validFor(...indexes: number[]): string {
  const bytes = Buffer.alloc(2);
  for (const i of indexes) bytes[i >> 3] |= 0x80 >> (i & 7);
  return bytes.toString('base64');
}

// A describe shaped like Salesforce's for Contact with State and Country/Territory Picklists on:
// controlling values IN (0), US (1), DE (2, no states), FR (3, inactive).
const WITH_PICKLISTS: DescribeFields = {
  fields: [
    { name: 'MailingCountry' },
    { name: 'MailingState' },
    {
      name: 'MailingCountryCode',
      picklistValues: [
        { value: 'IN', label: 'India', active: true },
        { value: 'US', label: 'United States', active: true },
        { value: 'DE', label: 'Germany', active: true },
        { value: 'FR', label: 'France', active: false },
      ],
    },
    {
      name: 'MailingStateCode',
      controllerName: 'MailingCountryCode',
      picklistValues: [
        { value: 'MH', label: 'Maharashtra', active: true, validFor: validFor(0) },
        { value: 'MA', label: 'Massachusetts', active: true, validFor: validFor(1) },
        { value: 'TX', label: 'Texas', active: true, validFor: validFor(1) },
      ],
    },
  ],
};

describe('addresses with State and Country/Territory Picklists', () => {
  const codes = addressCodes(WITH_PICKLISTS, 'Mailing');

  it('uses the text fields when the describe has no code fields', () => {
    const record = { MailingCity: 'Boston', MailingState: 'MA', MailingCountry: 'US' };
    assert.equal(addressCodes({ fields: [{ name: 'MailingCountry' }] }, 'Mailing'), undefined);
    assert.deepEqual(withAddressCodes(record, 'Mailing', undefined), record);
  });

  it('writes the country code and the state code matched by code or by name for that country', () => {
    assert.deepEqual(
      withAddressCodes({ MailingCity: 'Boston', MailingState: 'MA', MailingCountry: 'US' }, 'Mailing', codes),
      {
        MailingCity: 'Boston',
        MailingCountryCode: 'US',
        MailingStateCode: 'MA',
      },
    );
    assert.deepEqual(
      withAddressCodes({ MailingCity: 'Pune', MailingState: 'Maharashtra', MailingCountry: 'IN' }, 'Mailing', codes),
      { MailingCity: 'Pune', MailingCountryCode: 'IN', MailingStateCode: 'MH' },
    );
  });

  it('leaves out a state the country does not list, and a country the org does not offer', () => {
    assert.deepEqual(
      withAddressCodes({ MailingCity: 'Munich', MailingState: 'Bavaria', MailingCountry: 'DE' }, 'Mailing', codes),
      { MailingCity: 'Munich', MailingCountryCode: 'DE' },
    );
    // MA is a US state: not valid for India.
    assert.deepEqual(withAddressCodes({ MailingState: 'MA', MailingCountry: 'IN' }, 'Mailing', codes), {
      MailingCountryCode: 'IN',
    });
    assert.deepEqual(
      withAddressCodes({ MailingCity: 'Paris', MailingState: 'Île-de-France', MailingCountry: 'FR' }, 'Mailing', codes),
      {
        MailingCity: 'Paris',
      },
    );
  });

  it('maps every seeded doctor and HCO to values the org lists', () => {
    const billing = addressCodes(
      { fields: WITH_PICKLISTS.fields.map((f) => ({ ...f, name: f.name.replace('Mailing', 'Billing') })) },
      'Billing',
    );
    for (const [records, prefix, list] of [
      [data.contacts, 'Mailing', codes],
      [data.accounts, 'Billing', billing],
    ] as const) {
      for (const r of records.map((x) => withAddressCodes(x, prefix, list))) {
        assert.ok(!(`${prefix}Country` in r) && !(`${prefix}State` in r), 'no text country or state is written');
        if (r[`${prefix}CountryCode`] !== undefined) assert.ok(list!.countries.has(String(r[`${prefix}CountryCode`])));
      }
    }
  });
});
