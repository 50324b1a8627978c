// Seeded addresses in orgs with and without State and Country/Territory Picklists.
//
// Salesforce Help, "Integration Values for State and Country/Territory Picklists": once the picklists are
// on, the text State/Province and Country fields hold integration values (by default the full ISO names,
// "India", not "IN"), and a picklist field MailingStateCode / MailingCountryCode (BillingStateCode /
// BillingCountryCode, …) is added for each address. "State and Country/Territory Picklist Field-Syncing
// Logic": writing a valid code sets the integration value, and a state that is not in the country is
// refused; a text value that is not an integration value fails with FIELD_INTEGRITY_EXCEPTION ("There's a
// problem with this country, even though it may appear correct"). Many countries have no states in the
// standard list (e.g. DE, FR, ES, NL). So where the describe of the object has the code fields, the seed
// writes the ISO country code and the state's code as the org's own picklist lists them (matched by code
// or name, and valid for that country), and leaves a state out when the org lists none that matches.
import type { SeedRecord } from './generate.ts';

/** The parts of an sObject describe the mapping reads (jsforce DescribeSObjectResult has them). */
export interface DescribeFields {
  fields: {
    name: string;
    controllerName?: string | null;
    picklistValues?: { value: string; label?: string | null; active?: boolean; validFor?: string | null }[] | null;
  }[];
}

export interface AddressCodes {
  /** Active country codes, upper case. */
  countries: Set<string>;
  /** Per country code: state code by upper-cased code and by upper-cased name. */
  states: Map<string, Map<string, string>>;
}

/** The code-field lists of one address (`Mailing`, `Billing`), or undefined when the org has no picklists. */
export function addressCodes(describe: DescribeFields, prefix: string): AddressCodes | undefined {
  const countryField = describe.fields.find((f) => f.name === `${prefix}CountryCode`);
  if (!countryField) return undefined;
  const countryValues = (countryField.picklistValues ?? []).map((v) => v.value);
  const countries = new Set(
    (countryField.picklistValues ?? []).filter((v) => v.active !== false).map((v) => v.value.toUpperCase()),
  );
  const states = new Map<string, Map<string, string>>();
  const stateField = describe.fields.find((f) => f.name === `${prefix}StateCode`);
  for (const state of stateField?.picklistValues ?? []) {
    if (state.active === false) continue;
    // validFor: a bitmap over the controlling field's values, most significant bit first (SOAP/REST describe).
    const bits = state.validFor ? Buffer.from(state.validFor, 'base64') : Buffer.alloc(0);
    countryValues.forEach((country, i) => {
      if (!((bits[i >> 3] ?? 0) & (0x80 >> (i & 7)))) return;
      const byName = states.get(country.toUpperCase()) ?? new Map<string, string>();
      byName.set(state.value.toUpperCase(), state.value);
      if (state.label) byName.set(state.label.toUpperCase(), state.value);
      states.set(country.toUpperCase(), byName);
    });
  }
  return { countries, states };
}

/**
 * The record with its `${prefix}Country` / `${prefix}State` text values (ISO code, state name or code)
 * moved to the code fields, when the org has them; unchanged otherwise. A country the org does not list
 * is left out with its state, rather than failing the whole record.
 */
export function withAddressCodes(record: SeedRecord, prefix: string, codes: AddressCodes | undefined): SeedRecord {
  if (!codes) return record;
  const countryText = record[`${prefix}Country`];
  const stateText = record[`${prefix}State`];
  const out: SeedRecord = { ...record };
  delete out[`${prefix}Country`];
  delete out[`${prefix}State`];
  if (typeof countryText !== 'string' || !codes.countries.has(countryText.toUpperCase())) return out;
  const country = countryText.toUpperCase();
  out[`${prefix}CountryCode`] = country;
  const state = typeof stateText === 'string' ? codes.states.get(country)?.get(stateText.toUpperCase()) : undefined;
  if (state) out[`${prefix}StateCode`] = state;
  return out;
}
